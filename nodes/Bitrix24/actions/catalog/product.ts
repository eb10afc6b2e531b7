import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { currencyParam } from '../crm/currency';
import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { paramError, takeParam } from '../params';
import { catalogParam } from './catalog';
import { changed, deleted, mergeOtherFields, otherFields } from './fields';
import { PRODUCT_LOCATOR, SECTION_LOCATOR } from './search';

/**
 * catalog.product.*: simple products of a trade catalog. Fields are camelCase (iblockId, name,
 * purchasingPrice ...); custom properties are propertyN. The list needs iblockId in the filter and
 * id + iblockId in the selection (catalog-product-list.md), which the Get Many always sends.
 */

const productId: ParamSpec = {
	name: 'productId',
	label: 'Product',
	path: 'id',
	type: 'id',
	required: true,
	locator: PRODUCT_LOCATOR,
};
const field = (
	name: string,
	label: string,
	type: ParamSpec['type'],
	description?: string,
): ParamSpec => ({ name, label, path: `fields.${name}`, type, description });
const editable: ParamSpec[] = [
	{ ...field('active', 'Active', 'yesNo'), default: true },
	field('code', 'Code', 'string', 'Symbolic code, unique in the catalog'),
	field('detailText', 'Detailed Description', 'text'),
	{
		...field('iblockSectionId', 'Section', 'id', 'The main catalog section'),
		locator: SECTION_LOCATOR,
	},
	field('measure', 'Unit of Measure ID', 'id'),
	field('previewText', 'Short Description', 'text'),
	currencyParam('purchasingCurrency', 'Purchasing Currency', 'fields.purchasingCurrency'),
	field('purchasingPrice', 'Purchasing Price', 'number'),
	field('quantity', 'Quantity', 'number', 'Quantity in stock'),
	{ ...field('sort', 'Sort', 'number'), default: 500 },
	field('vatId', 'VAT Rate ID', 'id'),
	field('vatIncluded', 'VAT Included', 'yesNo'),
	field('weight', 'Weight', 'number'),
	field('xmlId', 'External ID', 'string'),
	otherFields('{"property258": "value", "width": 100}'),
];

/** The fields the list returns when the user names none (the docs' select requires id and iblockId). */
const DEFAULT_SELECT = [
	'id',
	'iblockId',
	'name',
	'active',
	'code',
	'xmlId',
	'iblockSectionId',
	'sort',
	'type',
	'measure',
	'purchasingPrice',
	'purchasingCurrency',
	'quantity',
	'vatId',
	'vatIncluded',
	'dateCreate',
	'timestampX',
	'previewText',
	'detailText',
];

function listSelect(ctx: IExecuteFunctions, itemIndex: number, params: IDataObject): IDataObject {
	const raw = takeParam(params, 'fieldNames');
	const named =
		typeof raw === 'string'
			? raw
					.split(',')
					.map((name) => name.trim())
					.filter(Boolean)
			: [];
	if (named.some((name) => !/^[A-Za-z][A-Za-z0-9_]*$/.test(name)))
		throw paramError(
			ctx,
			itemIndex,
			'Fields',
			'give field names separated by commas, e.g. name, code',
		);
	params.select = named.length ? [...new Set(['id', 'iblockId', ...named])] : DEFAULT_SELECT;
	return params;
}

const methods: MethodSpec[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create a product',
		description: 'Add a simple product to a trade catalog (catalog.product.add)',
		method: 'catalog.product.add',
		params: [
			catalogParam('fields.iblockId'),
			{ name: 'name', label: 'Name', path: 'fields.name', type: 'string', required: true },
			...editable,
		],
		adjust: mergeOtherFields,
		output: { at: ['element'] },
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a product',
		description: 'Delete a product (catalog.product.delete)',
		method: 'catalog.product.delete',
		params: [productId],
		shape: deleted,
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get a product',
		description: 'Get a product by ID (catalog.product.get)',
		method: 'catalog.product.get',
		params: [productId],
		output: { at: ['product'] },
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many products',
		description: 'List the products of a trade catalog (catalog.product.list)',
		method: 'catalog.product.list',
		params: [
			catalogParam('filter.iblockId'),
			{
				name: 'fieldNames',
				label: 'Fields',
				path: 'fieldNames',
				type: 'string',
				placeholder: 'name, code, purchasingPrice',
				description:
					'Fields to return, separated by commas (id and iblockId are always included); empty returns the main fields',
			},
			{
				name: 'sectionId',
				label: 'Section',
				path: 'filter.iblockSectionId',
				type: 'id',
				description: 'Only the products of this section',
				locator: SECTION_LOCATOR,
			},
		],
		adjust: listSelect,
		list: { rowsAt: ['products'], idKey: 'id', paging: 'id', selectParam: false },
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update a product',
		description: 'Change the fields of a product (catalog.product.update)',
		method: 'catalog.product.update',
		params: [
			productId,
			{ name: 'name', label: 'Name', path: 'fields.name', type: 'string' },
			...editable,
		],
		adjust: (ctx, itemIndex, params) =>
			changed(ctx, itemIndex, mergeOtherFields(ctx, itemIndex, params)),
		output: { at: ['element'] },
	},
];

export const productSpec: ResourceSpec = {
	value: 'catalogProduct',
	name: 'Catalog Product',
	description: 'Simple products of the trade catalog',
	methods,
};
