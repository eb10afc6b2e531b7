import type { IDataObject } from 'n8n-workflow';

import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { releasedAs } from '../method-table/build';
import { paramError } from '../params';
import { done } from './answers';

/**
 * Links between CRM records, one resource per link: the contacts of a deal (crm.deal.contact.*)
 * and of a lead (crm.lead.contact.*), the companies of a contact (crm.contact.company.*) and the
 * contacts of a company (crm.company.contact.*), the contacts of a quote (crm.quote.contact.*,
 * api-reference/crm/quote/contacts/, deprecated there in favour of crm.item contactIds). Each: add, delete, items.get, items.set,
 * items.delete; the record's primary link is its CONTACT_ID / COMPANY_ID.
 */
interface Link {
	value: string;
	name: string;
	owner: { code: string; name: string; path: string; search: string };
	bound: { code: string; name: string; plural: string; path: string; search: string; key: string };
}

const contact = {
	code: 'contact',
	name: 'Contact',
	plural: 'Contacts',
	path: 'contact',
	search: 'searchContacts',
	key: 'CONTACT_ID',
};
const company = {
	code: 'company',
	name: 'Company',
	plural: 'Companies',
	path: 'company',
	search: 'searchCompanies',
	key: 'COMPANY_ID',
};

const LINKS: Link[] = [
	{
		value: 'dealContact',
		name: 'Deal Contact',
		owner: { code: 'deal', name: 'Deal', path: 'deal', search: 'searchDeals' },
		bound: contact,
	},
	{
		value: 'leadContact',
		name: 'Lead Contact',
		owner: { code: 'lead', name: 'Lead', path: 'lead', search: 'searchLeads' },
		bound: contact,
	},
	{
		value: 'quoteContact',
		name: 'Quote Contact',
		// quotes are crm.item type 7: their cards are /crm/type/7/details/<id>/
		owner: { code: 'quote', name: 'Quote', path: 'type/7', search: 'searchQuotes' },
		bound: contact,
	},
	{
		value: 'contactCompany',
		name: 'Contact Company',
		owner: { code: 'contact', name: 'Contact', path: 'contact', search: 'searchContacts' },
		bound: company,
	},
	{
		value: 'companyContact',
		name: 'Company Contact',
		owner: { code: 'company', name: 'Company', path: 'company', search: 'searchCompanies' },
		bound: contact,
	},
];

function locator(search: string, path: string) {
	return {
		searchListMethod: search,
		urlPattern: `/crm/${path}/details/(\\d+)`,
		urlPlaceholder: `https://your-portal.bitrix24.com/crm/${path}/details/42/`,
	};
}

function linkSpec(link: Link): ResourceSpec {
	const { owner, bound } = link;
	const method = `crm.${owner.code}.${bound.code}`;
	const ownerLower = owner.name.toLowerCase();
	const boundLower = bound.name.toLowerCase();
	const pluralLower = bound.plural.toLowerCase();
	const picked: ParamSpec = {
		name: 'ownerId',
		label: owner.name,
		path: 'id',
		type: 'id',
		required: true,
		locator: locator(owner.search, owner.path),
	};
	// version 1 released the quote as a typed ID (quotes had no list search then)
	const ownerId =
		link.value === 'quoteContact'
			? releasedAs(picked, { locator: undefined, label: `${owner.name} ID` })
			: picked;
	const boundId: ParamSpec = {
		name: 'boundId',
		label: bound.name,
		path: `fields.${bound.key}`,
		type: 'id',
		required: true,
		locator: locator(bound.search, bound.path),
	};
	const echo = (result: unknown, params: IDataObject, flag: string): IDataObject => ({
		ID: String(params.id),
		[bound.key]: String((params.fields as IDataObject)[bound.key]),
		[flag]: result === true,
	});
	const methods: MethodSpec[] = [
		{
			value: 'add',
			name: 'Add',
			action: `Add a ${boundLower} to a ${ownerLower}`,
			description: `Link a ${boundLower} to the ${ownerLower}; added is false when it was linked already (${method}.add)`,
			method: `${method}.add`,
			params: [
				ownerId,
				boundId,
				{
					name: 'isPrimary',
					label: 'Primary',
					path: 'fields.IS_PRIMARY',
					type: 'yesNo',
					description: `Whether the link is the ${ownerLower}'s primary one (the first link is primary anyway)`,
				},
				{
					name: 'sort',
					label: 'Sort',
					path: 'fields.SORT',
					type: 'number',
					description: 'Position among the links, lower first',
				},
			],
			shape: (_ctx, result, params) => echo(result, params, 'added'),
		},
		{
			value: 'remove',
			name: 'Remove',
			action: `Remove a ${boundLower} from a ${ownerLower}`,
			description: `Unlink a ${boundLower} from the ${ownerLower}; removed is false when it was not linked (${method}.delete)`,
			method: `${method}.delete`,
			params: [ownerId, boundId],
			shape: (_ctx, result, params) => echo(result, params, 'removed'),
		},
		{
			value: 'getAll',
			name: 'Get Many',
			action: `Get the ${pluralLower} of a ${ownerLower}`,
			description: `The ${pluralLower} linked to the ${ownerLower}, with SORT and IS_PRIMARY (${method}.items.get)`,
			method: `${method}.items.get`,
			params: [ownerId],
			list: { rowsAt: [], idKey: bound.key, paging: 'single', selectParam: false },
		},
		{
			value: 'set',
			name: 'Set',
			action: `Set the ${pluralLower} of a ${ownerLower}`,
			description: `Link exactly these ${pluralLower}, in this order, the first primary; others are unlinked (${method}.items.set)`,
			method: `${method}.items.set`,
			params: [
				ownerId,
				{
					name: 'boundIds',
					label: `${bound.name} IDs`,
					path: 'items',
					type: 'idList',
					required: true,
					placeholder: '12, 15',
					description: `IDs of the ${pluralLower}, separated by commas; the first is the primary one`,
				},
			],
			adjust(ctx, itemIndex, params) {
				const ids = params.items as number[];
				if (!ids.length)
					throw paramError(
						ctx,
						itemIndex,
						`${bound.name} IDs`,
						`give at least one ID; Remove All unlinks every ${boundLower}`,
					);
				params.items = ids.map((id, index) => ({
					[bound.key]: id,
					SORT: (index + 1) * 10,
					IS_PRIMARY: index === 0 ? 'Y' : 'N',
				}));
				return params;
			},
			shape: done('updated'),
		},
		{
			value: 'removeAll',
			name: 'Remove All',
			action: `Remove all ${pluralLower} from a ${ownerLower}`,
			description: `Unlink every ${boundLower} from the ${ownerLower} (${method}.items.delete)`,
			method: `${method}.items.delete`,
			params: [ownerId],
			shape: done('updated'),
		},
	];
	return {
		value: link.value,
		name: link.name,
		description: `The ${pluralLower} linked to a ${ownerLower} (${method}.*)`,
		methods,
		first: 'add',
	};
}

export const linkSpecs: ResourceSpec[] = LINKS.map(linkSpec);
