import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { deleted } from './fields';
import { fieldsAt, VAT_LOCATOR } from './inventory-search';

/**
 * catalog.vat.*: the VAT rates of products (the `vatId` field of products). Name and rate are
 * required on add and on update (catalog-vat-update.md). Answers wrap the rate (`vat`) or the
 * rows (`vats`).
 */

const vatId: ParamSpec = {
	name: 'vatId',
	label: 'VAT Rate',
	path: 'id',
	type: 'id',
	required: true,
	locator: VAT_LOCATOR,
};
const required: ParamSpec[] = [
	{ name: 'name', label: 'Name', path: 'fields.name', type: 'string', required: true },
	{
		name: 'rate',
		label: 'Rate',
		path: 'fields.rate',
		type: 'number',
		required: true,
		description: 'The rate in percent, e.g. 20',
	},
];
const editable: ParamSpec[] = [
	{ name: 'active', label: 'Active', path: 'fields.active', type: 'yesNo', default: true },
	{ name: 'sort', label: 'Sort', path: 'fields.sort', type: 'number', default: 100 },
];

const methods: MethodSpec[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create a VAT rate',
		description: 'Add a VAT rate (catalog.vat.add)',
		method: 'catalog.vat.add',
		params: [...required, ...editable],
		output: { at: ['vat'] },
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a VAT rate',
		description: 'Delete a VAT rate (catalog.vat.delete)',
		method: 'catalog.vat.delete',
		params: [vatId],
		shape: deleted,
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get a VAT rate',
		description: 'Get a VAT rate by ID (catalog.vat.get)',
		method: 'catalog.vat.get',
		params: [vatId],
		output: { at: ['vat'] },
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many VAT rates',
		description: 'List the VAT rates (catalog.vat.list)',
		method: 'catalog.vat.list',
		params: [],
		list: { rowsAt: ['vats'], idKey: 'id', paging: 'id' },
	},
	{
		value: 'getFields',
		name: 'Get Fields',
		action: 'Get VAT rate fields',
		description: 'List the fields of VAT rates (catalog.vat.getFields)',
		method: 'catalog.vat.getFields',
		params: [],
		output: { at: ['vat'] },
		shape: fieldsAt('vat'),
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update a VAT rate',
		description: 'Change a VAT rate (catalog.vat.update)',
		method: 'catalog.vat.update',
		params: [vatId, ...required, ...editable],
		output: { at: ['vat'] },
	},
];

export const vatSpec: ResourceSpec = {
	value: 'catalogVatRate',
	name: 'Catalog VAT Rate',
	description: 'VAT rates of products',
	methods,
};
