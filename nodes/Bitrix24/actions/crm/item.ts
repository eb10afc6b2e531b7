import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { fieldMapping, fieldsJson } from '../../../shared/descriptions/fields';
import { filterConditions, orderAndSelect } from '../../../shared/descriptions/filters';
import { recordLocator } from '../../../shared/descriptions/locator';
import { returnAllOrLimit } from '../../../shared/descriptions/paging';
import { bitrix24List } from '../../../shared/transport';
import {
	nodeVersion,
	paramError,
	readFieldMapping,
	readFilter,
	readLimit,
	readOrder,
	readRecordId,
	readSelect,
} from '../params';
import type { CallOperation, ItemsOperation, RunOperation } from '../types';
import { optionsCollection } from '../../../shared/descriptions/options';
import { SIMPLIFY, simplifying } from '../method-table/build';
import { readFieldsJson, v2FieldProperties } from './classic-record-v2';
import { itemUpsert } from './item-upsert';
import { itemFieldTitles, itemTitlesRead, simplifyItem } from './item-v2';

/** `crm.item.*`: every CRM entity type by number, smart processes included. */
export const RESOURCE = 'crmItem';
const FIELDS_METHOD = 'getItemFields';
const DEPENDS = ['entityTypeId'];

export const entityType: INodeProperties = {
	displayName: 'Entity Type Name or ID',
	name: 'entityTypeId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getEntityTypes' },
	default: '',
	required: true,
	description:
		'The CRM entity type: 1 lead, 2 deal, 3 contact, 4 company, 7 quote, 31 invoice, 128 and above the portal\'s smart processes. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

const itemLocator = recordLocator({
	displayName: 'Item',
	name: 'itemId',
	searchListMethod: 'searchItems',
	urlPattern: '/details/(\\d+)',
	urlPlaceholder: 'https://your-portal.bitrix24.com/crm/type/1036/details/42/',
});

const title: INodeProperties = {
	displayName: 'Title',
	name: 'title',
	type: 'string',
	default: '',
	description: 'Title of the item; leave empty for types without one (contacts)',
};

/** Version 2 sets fields in the mapper, with Fields (JSON) under Options. */
const v2Fields = v2FieldProperties('getItemMappingColumns', DEPENDS);

function readEntityTypeId(ctx: IExecuteFunctions, itemIndex: number): number {
	const raw = ctx.getNodeParameter('entityTypeId', itemIndex) as string | number;
	const value = Number(raw);
	if (!Number.isInteger(value) || value <= 0) {
		throw paramError(ctx, itemIndex, 'Entity Type', `"${String(raw)}" is not an entity type ID`);
	}
	return value;
}

function readItemFields(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const fields: IDataObject = {};
	const itemTitle = (ctx.getNodeParameter('title', itemIndex, '') as string).trim();
	if (itemTitle) fields.title = itemTitle;
	return {
		...fields,
		...readFieldMapping(ctx, itemIndex),
		...readFieldsJson(ctx, itemIndex),
	};
}

export interface ItemOperations {
	create: CallOperation;
	upsert: ItemsOperation;
	get: CallOperation;
	update: CallOperation;
	remove: CallOperation;
	getAll: RunOperation;
	getFields: CallOperation;
}

/**
 * The crm.item operations shown under `resource`: the CRM Item resource (any type, picked in
 * Entity Type) and the resources of one type (Quote, Invoice), whose Entity Type is a hidden
 * parameter, so the same readers and lists serve them.
 */
export function itemOperations(resource: string): ItemOperations {
	function scoped(operations: string[], properties: INodeProperties[]): INodeProperties[] {
		return updateDisplayOptions(
			{ show: { resource: [resource], operation: operations } },
			properties,
		);
	}

	const create: CallOperation = {
		description: scoped(
			['create'],
			[title, fieldMapping('getItemMappingColumns', DEPENDS), fieldsJson],
		),
		v2Description: scoped(['create'], v2Fields),
		plan(itemIndex) {
			return {
				method: 'crm.item.add',
				params: {
					entityTypeId: readEntityTypeId(this, itemIndex),
					fields: readItemFields(this, itemIndex),
				},
			};
		},
		shape: (envelope) => ((envelope.result as IDataObject)?.item ?? {}) as IDataObject,
	};

	const upsert = itemUpsert({
		fields: scoped(['upsert'], [title, fieldMapping('getItemMappingColumns', DEPENDS), fieldsJson]),
		readEntityTypeId,
		readItemFields,
		scoped: (properties) => scoped(['upsert'], properties),
	});

	const get: CallOperation = {
		description: scoped(['get'], [itemLocator]),
		v2Description: scoped(['get'], [itemLocator, SIMPLIFY]),
		async plan(itemIndex) {
			const entityTypeId = readEntityTypeId(this, itemIndex);
			if (simplifying(this, itemIndex)) await itemFieldTitles(this, entityTypeId);
			return {
				method: 'crm.item.get',
				params: { entityTypeId, id: readRecordId(this, 'itemId', 'Item', itemIndex) },
			};
		},
		shape(envelope, itemIndex, call) {
			const record = ((envelope.result as IDataObject)?.item ?? {}) as IDataObject;
			if (!simplifying(this, itemIndex)) return record;
			return simplifyItem(record, itemTitlesRead(this, Number(call.params?.entityTypeId)));
		},
	};

	const update: CallOperation = {
		description: scoped(
			['update'],
			[itemLocator, title, fieldMapping('getItemMappingColumns', DEPENDS), fieldsJson],
		),
		v2Description: scoped(['update'], [itemLocator, ...v2Fields]),
		plan(itemIndex) {
			const fields = readItemFields(this, itemIndex);
			if (Object.keys(fields).length === 0)
				throw paramError(this, itemIndex, 'Fields', 'choose at least one field to change');
			return {
				method: 'crm.item.update',
				params: {
					entityTypeId: readEntityTypeId(this, itemIndex),
					id: readRecordId(this, 'itemId', 'Item', itemIndex),
					fields,
				},
			};
		},
		shape: (envelope) => ((envelope.result as IDataObject)?.item ?? {}) as IDataObject,
	};

	const remove: CallOperation = {
		description: scoped(['delete'], [itemLocator]),
		plan(itemIndex) {
			return {
				method: 'crm.item.delete',
				params: {
					entityTypeId: readEntityTypeId(this, itemIndex),
					id: readRecordId(this, 'itemId', 'Item', itemIndex),
				},
			};
		},
		shape(_envelope, _itemIndex, call) {
			return nodeVersion(this) >= 2
				? { ID: String(call.params?.id), deleted: true }
				: { id: Number(call.params?.id), deleted: true };
		},
	};

	const getAll: RunOperation = {
		description: scoped(
			['getAll'],
			[
				...returnAllOrLimit,
				filterConditions(FIELDS_METHOD, DEPENDS),
				optionsCollection(orderAndSelect(FIELDS_METHOD, DEPENDS)),
			],
		),
		v2Description: scoped(
			['getAll'],
			[
				...returnAllOrLimit,
				SIMPLIFY,
				filterConditions(FIELDS_METHOD, DEPENDS),
				optionsCollection(orderAndSelect(FIELDS_METHOD, DEPENDS)),
			],
		),
		async run(itemIndex) {
			const select = readSelect(this, itemIndex);
			const entityTypeId = readEntityTypeId(this, itemIndex);
			// Simplify keeps what the user chose to return
			const simplify = simplifying(this, itemIndex) && select.length === 0;
			const titles = simplify ? await itemFieldTitles(this, entityTypeId) : {};
			const rows = await bitrix24List(
				this,
				{
					method: 'crm.item.list',
					params: {
						entityTypeId,
						filter: readFilter(this, itemIndex),
						order: readOrder(this, itemIndex),
						...(select.length ? { select } : {}),
					},
					rowsAt: ['items'],
					idKey: 'id',
				},
				readLimit(this, itemIndex),
				itemIndex,
			);
			return simplify ? rows.map((row) => simplifyItem(row, titles)) : rows;
		},
	};

	const getFields: CallOperation = {
		description: scoped(['getFields'], []),
		plan(itemIndex) {
			return {
				method: 'crm.item.fields',
				params: { entityTypeId: readEntityTypeId(this, itemIndex) },
			};
		},
		shape: (envelope) =>
			Object.entries(((envelope.result as IDataObject)?.fields ?? {}) as IDataObject).map(
				([name, meta]) => ({
					name,
					...(meta as IDataObject),
				}),
			),
	};

	return { create, upsert, get, update, remove, getAll, getFields };
}
