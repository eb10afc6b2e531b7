import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { deleted } from './fields';
import { fieldsAt, MEASURE_LOCATOR } from './inventory-search';

/**
 * catalog.measure.*: units of measure of products (the `measure` field of products). Each has a
 * unique numeric code (OKEI, e.g. 796 for pieces), which update asks for too (getFields marks it
 * required, catalog-measure-update.md shows "Required fields: code"); one unit may be the
 * default of new products. Answers wrap the unit (`measure`) or the rows (`measures`).
 */

const measureId: ParamSpec = {
	name: 'measureId',
	label: 'Unit',
	path: 'id',
	type: 'id',
	required: true,
	locator: MEASURE_LOCATOR,
};
const code: ParamSpec = {
	name: 'code',
	label: 'Code',
	path: 'fields.code',
	type: 'number',
	required: true,
	description: 'Unique numeric code of the unit, e.g. 796 for pieces',
};
const editable: ParamSpec[] = [
	{
		name: 'isDefault',
		label: 'Default',
		path: 'fields.isDefault',
		type: 'yesNo',
		description: 'Whether new products get this unit (only one unit can be the default)',
	},
	{ name: 'symbol', label: 'Symbol', path: 'fields.symbol', type: 'string', placeholder: 'pcs' },
	{ name: 'symbolIntl', label: 'International Symbol', path: 'fields.symbolIntl', type: 'string' },
	{
		name: 'symbolLetterIntl',
		label: 'International Letter Code',
		path: 'fields.symbolLetterIntl',
		type: 'string',
		placeholder: 'PCE',
	},
];

const methods: MethodSpec[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create a unit of measure',
		description: 'Add a unit of measure (catalog.measure.add)',
		method: 'catalog.measure.add',
		params: [
			code,
			{
				name: 'measureTitle',
				label: 'Title',
				path: 'fields.measureTitle',
				type: 'string',
				required: true,
			},
			...editable,
		],
		output: { at: ['measure'] },
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a unit of measure',
		description: 'Delete a unit of measure (catalog.measure.delete)',
		method: 'catalog.measure.delete',
		params: [measureId],
		shape: deleted,
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get a unit of measure',
		description: 'Get a unit of measure by ID (catalog.measure.get)',
		method: 'catalog.measure.get',
		params: [measureId],
		output: { at: ['measure'] },
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many units of measure',
		description: 'List the units of measure (catalog.measure.list)',
		method: 'catalog.measure.list',
		params: [],
		list: { rowsAt: ['measures'], idKey: 'id', paging: 'id' },
	},
	{
		value: 'getFields',
		name: 'Get Fields',
		action: 'Get unit of measure fields',
		description: 'List the fields of units of measure (catalog.measure.getFields)',
		method: 'catalog.measure.getFields',
		params: [],
		output: { at: ['measure'] },
		shape: fieldsAt('measure'),
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update a unit of measure',
		description: 'Change a unit of measure (catalog.measure.update)',
		method: 'catalog.measure.update',
		params: [
			measureId,
			code,
			{ name: 'measureTitle', label: 'Title', path: 'fields.measureTitle', type: 'string' },
			...editable,
		],
		output: { at: ['measure'] },
	},
];

export const measureSpec: ResourceSpec = {
	value: 'catalogMeasure',
	name: 'Catalog Measure',
	description: 'Units of measure of products',
	methods,
};
