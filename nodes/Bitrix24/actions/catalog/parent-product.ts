import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { catalogParam } from './catalog';
import { changed, deleted, mergeOtherFields } from './fields';
import { FIELD_NAMES, PRODUCT_FIELDS, productSelect } from './product-fields';
import { PARENT_PRODUCT_LOCATOR, SECTION_LOCATOR } from './search';

/**
 * catalog.product.sku.*: products with variations (a T-shirt whose variations are its colours and
 * sizes). A parent product holds what the variations share (name, description, section) and is
 * not sold itself: its variations (Catalog Product Variation) carry the prices and stock. It lives
 * in a product catalog; the list answers `units` and needs iblockId and id + iblockId selected.
 */

const parentId: ParamSpec = {
	name: 'parentId',
	label: 'Parent Product',
	path: 'id',
	type: 'id',
	required: true,
	locator: PARENT_PRODUCT_LOCATOR,
};

const methods: MethodSpec[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create a parent product',
		description: 'Add a product with variations to a trade catalog (catalog.product.sku.add)',
		method: 'catalog.product.sku.add',
		params: [
			catalogParam('fields.iblockId'),
			{ name: 'name', label: 'Name', path: 'fields.name', type: 'string', required: true },
			...PRODUCT_FIELDS,
		],
		adjust: mergeOtherFields,
		output: { at: ['sku'] },
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a parent product',
		description: 'Delete a product with variations (catalog.product.sku.delete)',
		method: 'catalog.product.sku.delete',
		params: [parentId],
		shape: deleted,
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get a parent product',
		description: 'Get a product with variations by ID (catalog.product.sku.get)',
		method: 'catalog.product.sku.get',
		params: [parentId],
		output: { at: ['sku'] },
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many parent products',
		description: 'List the products with variations of a catalog (catalog.product.sku.list)',
		method: 'catalog.product.sku.list',
		params: [
			catalogParam('filter.iblockId'),
			FIELD_NAMES,
			{
				name: 'sectionId',
				label: 'Section',
				path: 'filter.iblockSectionId',
				type: 'id',
				description: 'Only the products of this section',
				locator: SECTION_LOCATOR,
			},
		],
		adjust: productSelect(),
		list: { rowsAt: ['units'], idKey: 'id', paging: 'id', selectParam: false },
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update a parent product',
		description: 'Change the fields of a product with variations (catalog.product.sku.update)',
		method: 'catalog.product.sku.update',
		params: [
			parentId,
			{ name: 'name', label: 'Name', path: 'fields.name', type: 'string' },
			...PRODUCT_FIELDS,
		],
		adjust: (ctx, itemIndex, params) =>
			changed(ctx, itemIndex, mergeOtherFields(ctx, itemIndex, params)),
		output: { at: ['sku'] },
	},
];

export const parentProductSpec: ResourceSpec = {
	value: 'catalogParentProduct',
	name: 'Catalog Parent Product',
	description: 'Products with variations: what their variations share',
	methods,
};
