import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions/options';
import { paramError } from '../params';
import type { ItemsOperation } from '../types';
import { matchProperties, readMatch } from './classic-upsert';
import { commKey } from './multi-fields';
import type { UpsertPlan } from './upsert';
import { duplicateIds, ifSeveralOption, runUpsert } from './upsert';

/** crm.duplicate.findbycomm searches these entity types only. */
const COMM_TYPES: Record<number, string> = { 1: 'LEAD', 3: 'CONTACT', 4: 'COMPANY' };

export interface ItemUpsertParts {
	/** the parameters Create shows (title, fields mapping, JSON), already scoped to the operation */
	fields: INodeProperties[];
	readEntityTypeId(ctx: IExecuteFunctions, itemIndex: number): number;
	readItemFields(ctx: IExecuteFunctions, itemIndex: number): IDataObject;
	scoped(properties: INodeProperties[]): INodeProperties[];
}

/**
 * Create or Update of any crm.item type: matched on a field (crm.item.list with a filter on it;
 * camelCase names as crm.item spells them) or, for leads, contacts and companies, on an e-mail or
 * phone (crm.duplicate.findbycomm). A new item gets the matched field's value; an e-mail or phone
 * is set through the item's fields as crm.item takes them.
 */
export function itemUpsert(parts: ItemUpsertParts): ItemsOperation {
	function planOf(ctx: IExecuteFunctions, itemIndex: number): UpsertPlan {
		const entityTypeId = parts.readEntityTypeId(ctx, itemIndex);
		const match = readMatch(ctx, itemIndex);
		const fields = parts.readItemFields(ctx, itemIndex);
		const commType = match.kind === 'email' ? 'EMAIL' : match.kind === 'phone' ? 'PHONE' : '';
		const code = COMM_TYPES[entityTypeId];
		if (commType && !code) {
			throw paramError(
				ctx,
				itemIndex,
				'Match By',
				'e-mails and phones are searched in leads, contacts and companies only; match on a field',
			);
		}
		const createFields: IDataObject = { ...fields };
		if (!commType && createFields[match.field] === undefined)
			createFields[match.field] = match.value;
		return {
			key: commType ? `${code} ${commType} ${commKey(commType, match.value)}` : undefined,
			lookup: commType
				? {
						method: 'crm.duplicate.findbycomm',
						params: { entity_type: code, type: commType, values: [match.value] },
					}
				: {
						method: 'crm.item.list',
						params: {
							entityTypeId,
							filter: { [`=${match.field}`]: match.value },
							select: ['id'],
							order: { id: match.ifSeveral === 'newest' ? 'DESC' : 'ASC' },
						},
					},
			matches: (result) => {
				if (commType) return duplicateIds(result, code);
				const rows = ((result as IDataObject | undefined)?.items ?? []) as IDataObject[];
				return Array.isArray(rows) ? rows.map((row) => Number(row.id)) : [];
			},
			looksFor: commType
				? `items with ${commType} "${match.value}"`
				: `items with ${match.field} = "${match.value}"`,
			ifSeveral: match.ifSeveral,
			create: { method: 'crm.item.add', params: { entityTypeId, fields: createFields } },
			createdId: (result) =>
				Number(((result as IDataObject | undefined)?.item as IDataObject | undefined)?.id),
			update: (id) =>
				Object.keys(fields).length === 0
					? undefined
					: { method: 'crm.item.update', params: { entityTypeId, id, fields } },
		};
	}
	return {
		description: [
			...parts.scoped([...matchProperties(true, 'getItemFields', ['entityTypeId'])]),
			...parts.fields,
			...parts.scoped([optionsCollection([ifSeveralOption])]),
		],
		async runAll(itemIndexes) {
			return await runUpsert(this, itemIndexes, (itemIndex) => planOf(this, itemIndex));
		},
	};
}
