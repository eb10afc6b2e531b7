import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { bitrix24Call } from '../../../shared/transport';
import { listSearch as classicSearches } from '../../methods/list-search';
import { matchesFilter } from '../search-text';
import { pagedSearch } from './paged-search';
import { CRM_ENTITY_TYPES, entityTypeByCode } from './entity-types';

/**
 * The From List modes of CRM record IDs that are not one of the four classic records' own
 * pickers: records of the entity type chosen beside them, requisites, bank details, custom
 * fields, smart process types, documents and their templates. Each answers one page of 50,
 * newest first, matching what the user typed.
 */
type ListSearch = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

/** A parameter of the node being edited: up front, or inside Additional Fields / Options. */
export function currentParam(ctx: ILoadOptionsFunctions, name: string): unknown {
	for (const path of [name, `additionalFields.${name}`, `options.${name}`]) {
		const value = ctx.getCurrentNodeParameter(path);
		if (value !== undefined && value !== null && value !== '') return value;
	}
	return undefined;
}

const CLASSIC_SEARCH: Record<number, string> = {
	1: 'searchLeads',
	2: 'searchDeals',
	3: 'searchContacts',
	4: 'searchCompanies',
};

/** Records of crm.item types (quotes, invoices, smart processes) by title, with their pages. */
const searchItemsOfType = (
	ctx: ILoadOptionsFunctions,
	entityTypeId: number,
	filter?: string,
	paginationToken?: string,
) =>
	pagedSearch(
		ctx,
		{
			method: 'crm.item.list',
			params: { entityTypeId, select: ['id', 'title'], order: { id: 'DESC' } },
			textField: 'title',
			rows: (result) => result.items,
			item: (row, portalRoot) => ({
				name: String(row.title || `Item ${String(row.id)}`),
				value: String(row.id),
				url: `${portalRoot}/crm/type/${entityTypeId}/details/${String(row.id)}/`,
			}),
		},
		filter,
		paginationToken,
	);

/** Requisites by name, each named with the company or contact it belongs to. */
const searchRequisitesPage = (
	ctx: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) =>
	pagedSearch(
		ctx,
		{
			method: 'crm.requisite.list',
			params: { select: ['ID', 'NAME', 'ENTITY_TYPE_ID', 'ENTITY_ID'], order: { ID: 'DESC' } },
			textField: 'NAME',
			item: (row) => ({
				name: `${String(row.NAME || `Requisite ${String(row.ID)}`)} (${
					String(row.ENTITY_TYPE_ID) === '3' ? 'contact' : 'company'
				} ${String(row.ENTITY_ID)})`,
				value: String(row.ID),
			}),
		},
		filter,
		paginationToken,
	);

/** Records of one entity type: the classic pickers, requisites (8), or crm.item types. */
async function searchRecordsOfType(
	ctx: ILoadOptionsFunctions,
	entityTypeId: number,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const classic = CLASSIC_SEARCH[entityTypeId];
	if (classic) return await classicSearches[classic].call(ctx, filter, paginationToken);
	if (entityTypeId === 8) return await searchRequisitesPage(ctx, filter, paginationToken);
	if (Number.isInteger(entityTypeId) && entityTypeId > 4)
		return await searchItemsOfType(ctx, entityTypeId, filter, paginationToken);
	// no type chosen yet (or one given by an expression): nothing to list
	return { results: [] };
}

/**
 * The entity type a parameter holds: a number, a code (deal, dynamic_128) or a short code (D,
 * SI, T80 as product rows spell them).
 */
function typeIdOf(value: unknown): number {
	if (typeof value === 'number') return value;
	const text = String(value ?? '').trim();
	if (/^\d+$/.test(text)) return Number(text);
	const dynamic = /^dynamic_(\d+)$/i.exec(text);
	if (dynamic) return Number(dynamic[1]);
	const byCode = entityTypeByCode(text.toLowerCase());
	if (byCode) return byCode.id;
	const byShort = CRM_ENTITY_TYPES.find((type) => type.shortCode === text.toUpperCase());
	if (byShort) return byShort.id;
	const hex = /^T([0-9a-f]+)$/i.exec(text);
	return hex ? parseInt(hex[1], 16) : NaN;
}

function recordSearchBy(typeParam: string): ListSearch {
	return async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		const typeId = typeIdOf(currentParam(this, typeParam));
		return await searchRecordsOfType(this, typeId, filter, paginationToken);
	};
}

export const crmRecordSearches: Record<string, ListSearch> = {
	/** Records of the entity type in the node's Entity Type / Owner Type (entityTypeId) */
	searchCrmRecords: recordSearchBy('entityTypeId'),
	/** Records of the entity type given by its code (entityType: lead, deal ...) */
	searchCrmRecordsByCode: recordSearchBy('entityType'),
	/** Companies or contacts, as the address filter's Company or Contact (anchorTypeId) says */
	searchAnchorRecords: recordSearchBy('anchorTypeId'),
	/** Records of the Owner Type (ownerTypeId: activities, comments bound to several records) */
	searchCrmOwners: recordSearchBy('ownerTypeId'),
	/** Records of the product rows' Owner Type, a short code (ownerType: D, L, Q, SI, T<hex>) */
	searchProductRowOwners: recordSearchBy('ownerType'),

	/** Activities by subject, newest first */
	async searchActivities(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await pagedSearch(
			this,
			{
				method: 'crm.activity.list',
				params: { select: ['ID', 'SUBJECT'], order: { ID: 'DESC' } },
				textField: 'SUBJECT',
				item: (row) => ({
					name: String(row.SUBJECT || `Activity ${String(row.ID)}`),
					value: String(row.ID),
				}),
			},
			filter,
			paginationToken,
		);
	},

	async searchQuotes(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await searchItemsOfType(this, 7, filter, paginationToken);
	},

	async searchRequisites(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await searchRequisitesPage(this, filter, paginationToken);
	},

	/** Bank details by name, with their bank */
	async searchBankDetails(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await pagedSearch(
			this,
			{
				method: 'crm.requisite.bankdetail.list',
				params: { select: ['ID', 'NAME', 'RQ_BANK_NAME', 'ENTITY_ID'], order: { ID: 'DESC' } },
				textField: 'NAME',
				item: (row) => ({
					name: [row.NAME || `Bank detail ${String(row.ID)}`, row.RQ_BANK_NAME]
						.filter(Boolean)
						.join(', '),
					value: String(row.ID),
				}),
			},
			filter,
			paginationToken,
		);
	},

	/** Custom fields of the entity chosen in the node (crm.<entity>.userfield.list), by code or label */
	async searchCrmCustomFields(this: ILoadOptionsFunctions, filter?: string) {
		const entity = String(currentParam(this, 'entity') ?? 'deal');
		if (!['deal', 'lead', 'contact', 'company'].includes(entity)) return { results: [] };
		const envelope = await bitrix24Call(this, `crm.${entity}.userfield.list`, {
			order: { SORT: 'ASC' },
			filter: { LANG: 'en' },
		});
		const rows = (Array.isArray(envelope.result) ? envelope.result : []) as IDataObject[];
		return {
			results: rows
				.filter((row) => matchesFilter(filter, row.FIELD_NAME, row.EDIT_FORM_LABEL))
				.map((row) => ({
					name: [row.EDIT_FORM_LABEL, row.FIELD_NAME].filter(Boolean).join(' · '),
					value: String(row.ID),
				})),
		};
	},

	async searchSmartProcessTypes(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	) {
		return await pagedSearch(
			this,
			{
				method: 'crm.type.list',
				params: { order: { id: 'DESC' } },
				textField: 'title',
				rows: (result) => result.types,
				item: (row) => ({
					name: `${String(row.title)} (entity type ${String(row.entityTypeId)})`,
					value: String(row.id),
				}),
			},
			filter,
			paginationToken,
		);
	},

	/** Generated documents, newest first; the list filters by no text, so each page is matched here */
	async searchDocuments(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await pagedSearch(
			this,
			{
				method: 'crm.documentgenerator.document.list',
				params: { select: ['id', 'title'], order: { id: 'DESC' } },
				texts: (row) => [row.title],
				rows: (result) => result.documents,
				item: (row) => ({
					name: String(row.title || `Document ${String(row.id)}`),
					value: String(row.id),
				}),
			},
			filter,
			paginationToken,
		);
	},

	/**
	 * Document templates (crm.documentgenerator.template.list), those bound to the node's
	 * Entity Type when one is chosen; the answer keys templates by their id. The list filters by
	 * no text, so each page is matched here.
	 */
	async searchDocumentTemplates(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	) {
		const typeId = typeIdOf(currentParam(this, 'entityTypeId'));
		return await pagedSearch(
			this,
			{
				method: 'crm.documentgenerator.template.list',
				params: {
					select: ['id', 'name', 'entityTypeId'],
					order: { sort: 'ASC', id: 'ASC' },
					filter: Number.isInteger(typeId) && typeId > 0 ? { entityTypeId: String(typeId) } : {},
				},
				texts: (row) => [row.name],
				rows: (result) => result.templates,
				item: (row) => ({
					name: String(row.name || `Template ${String(row.id)}`),
					value: String(row.id),
				}),
			},
			filter,
			paginationToken,
		);
	},
};
