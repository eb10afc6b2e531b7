import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { changed, deleted, mergeOtherFields, otherFields } from './fields';
import { fieldsAt, STORE_LOCATOR } from './inventory-search';

/**
 * catalog.store.*: the stores (warehouses) of inventory management. Answers wrap the store
 * (`store`) or the rows (`stores`); the address is the one required field (catalog-store-add.md).
 */

const storeId: ParamSpec = {
	name: 'storeId',
	label: 'Store',
	path: 'id',
	type: 'id',
	required: true,
	locator: STORE_LOCATOR,
};
const editable: ParamSpec[] = [
	{ name: 'title', label: 'Title', path: 'fields.title', type: 'string' },
	{ name: 'active', label: 'Active', path: 'fields.active', type: 'yesNo', default: true },
	{
		name: 'code',
		label: 'Code',
		path: 'fields.code',
		type: 'string',
		description: 'Symbolic code',
	},
	{ name: 'description', label: 'Description', path: 'fields.description', type: 'text' },
	{
		name: 'email',
		label: 'Email',
		path: 'fields.email',
		type: 'string',
		placeholder: 'name@email.com',
	},
	{ name: 'gpsN', label: 'GPS Latitude', path: 'fields.gpsN', type: 'number' },
	{ name: 'gpsS', label: 'GPS Longitude', path: 'fields.gpsS', type: 'number' },
	{
		name: 'issuingCenter',
		label: 'Pickup Point',
		path: 'fields.issuingCenter',
		type: 'yesNo',
		description: 'Whether the store is a pickup point',
	},
	{ name: 'phone', label: 'Phone', path: 'fields.phone', type: 'string' },
	{
		name: 'schedule',
		label: 'Working Hours',
		path: 'fields.schedule',
		type: 'string',
		placeholder: 'Mon-Fri 9:00-20:00',
	},
	{ name: 'sort', label: 'Sort', path: 'fields.sort', type: 'number', default: 100 },
	{ name: 'xmlId', label: 'External ID', path: 'fields.xmlId', type: 'string' },
	otherFields('{"imageId": {"fileData": ["store.png", "<base64>"]}}'),
];

const methods: MethodSpec[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create a store',
		description: 'Add a store (warehouse) for inventory management (catalog.store.add)',
		method: 'catalog.store.add',
		params: [
			{ name: 'address', label: 'Address', path: 'fields.address', type: 'string', required: true },
			...editable,
		],
		adjust: mergeOtherFields,
		output: { at: ['store'] },
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a store',
		description: 'Delete a store no inventory document uses (catalog.store.delete)',
		method: 'catalog.store.delete',
		params: [storeId],
		shape: deleted,
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get a store',
		description: 'Get a store by ID (catalog.store.get)',
		method: 'catalog.store.get',
		params: [storeId],
		output: { at: ['store'] },
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many stores',
		description: 'List the stores (catalog.store.list)',
		method: 'catalog.store.list',
		params: [
			{
				name: 'active',
				label: 'Active Only',
				path: 'filter.active',
				type: 'yesNo',
				default: true,
				description: 'Whether to list only the active stores',
			},
		],
		list: { rowsAt: ['stores'], idKey: 'id', paging: 'id' },
	},
	{
		value: 'getFields',
		name: 'Get Fields',
		action: 'Get store fields',
		description: 'List the fields of stores (catalog.store.getFields)',
		method: 'catalog.store.getFields',
		params: [],
		output: { at: ['store'] },
		shape: fieldsAt('store'),
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update a store',
		description: 'Change the fields of a store (catalog.store.update)',
		method: 'catalog.store.update',
		params: [
			storeId,
			{ name: 'address', label: 'Address', path: 'fields.address', type: 'string' },
			...editable,
		],
		adjust: (ctx, itemIndex, params) =>
			changed(ctx, itemIndex, mergeOtherFields(ctx, itemIndex, params)),
		output: { at: ['store'] },
	},
];

export const storeSpec: ResourceSpec = {
	value: 'catalogStore',
	name: 'Catalog Store',
	description: 'Stores (warehouses) of inventory management',
	methods,
};
