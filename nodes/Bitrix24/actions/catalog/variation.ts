import type { IDataObject } from 'n8n-workflow';

import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { changed, deleted, mergeOtherFields } from './fields';
import { FIELD_NAMES, PRODUCT_FIELDS, productSelect } from './product-fields';
import { PARENT_PRODUCT_LOCATOR, VARIATION_LOCATOR } from './search';

/**
 * catalog.product.offer.*: the variations of products with variations (a colour, a size), each
 * with its own price (catalog.price.*), stock and picture. They live in the offers catalog of the
 * product catalog (the catalog whose productIblockId is set) and name their parent product
 * (catalog.product.sku.*) in parentId: an ID on add, `{value, valueId}` on update and in answers.
 * The list needs iblockId in the filter and id + iblockId in the selection.
 */

const CHOOSE =
	'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>';

const variationId: ParamSpec = {
	name: 'variationId',
	label: 'Variation',
	path: 'id',
	type: 'id',
	required: true,
	locator: VARIATION_LOCATOR,
};
const offersCatalog = (path: string): ParamSpec => ({
	name: 'iblockId',
	label: 'Variations Catalog Name or ID',
	path,
	type: 'options',
	loadOptionsMethod: 'getVariationCatalogs',
	required: true,
	description: `The offers catalog of the product catalog, where variations live. ${CHOOSE}.`,
});
const parent = (required: boolean, path = 'fields.parentId'): ParamSpec => ({
	name: 'parentId',
	label: 'Parent Product',
	path,
	type: 'id',
	required,
	description: 'The product with variations (Catalog Parent Product) this variation belongs to',
	locator: PARENT_PRODUCT_LOCATOR,
});

/** update takes parentId as the SKU property's value: `{value}` replaces the old link */
function parentAsProperty(params: IDataObject): IDataObject {
	const fields = params.fields as IDataObject | undefined;
	if (fields?.parentId !== undefined) fields.parentId = { value: fields.parentId };
	return params;
}

const methods: MethodSpec[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create a product variation',
		description: 'Add a variation to a product with variations (catalog.product.offer.add)',
		method: 'catalog.product.offer.add',
		params: [
			offersCatalog('fields.iblockId'),
			parent(true),
			{ name: 'name', label: 'Name', path: 'fields.name', type: 'string', required: true },
			...PRODUCT_FIELDS,
		],
		adjust: mergeOtherFields,
		output: { at: ['offer'] },
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a product variation',
		description: 'Delete a product variation (catalog.product.offer.delete)',
		method: 'catalog.product.offer.delete',
		params: [variationId],
		shape: deleted,
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get a product variation',
		description: 'Get a product variation by ID (catalog.product.offer.get)',
		method: 'catalog.product.offer.get',
		params: [variationId],
		output: { at: ['offer'] },
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many product variations',
		description:
			'List the variations of a catalog, e.g. those of one product (catalog.product.offer.list)',
		method: 'catalog.product.offer.list',
		params: [
			offersCatalog('filter.iblockId'),
			FIELD_NAMES,
			{ ...parent(false, 'filter.parentId'), description: 'Only the variations of this product' },
		],
		adjust: productSelect(['parentId']),
		list: { rowsAt: ['offers'], idKey: 'id', paging: 'id', selectParam: false },
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update a product variation',
		description: 'Change the fields of a product variation (catalog.product.offer.update)',
		method: 'catalog.product.offer.update',
		params: [
			variationId,
			{ name: 'name', label: 'Name', path: 'fields.name', type: 'string' },
			{ ...parent(false), description: 'Move the variation to another product' },
			...PRODUCT_FIELDS,
		],
		adjust: (ctx, itemIndex, params) =>
			parentAsProperty(changed(ctx, itemIndex, mergeOtherFields(ctx, itemIndex, params))),
		output: { at: ['offer'] },
	},
];

export const variationSpec: ResourceSpec = {
	value: 'catalogProductVariation',
	name: 'Catalog Product Variation',
	description: 'Variations of products (colours, sizes), each with its own price and stock',
	methods,
};
