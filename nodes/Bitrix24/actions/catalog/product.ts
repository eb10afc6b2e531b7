import { pickersSinceV2 } from '../method-table/build';
import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { catalogParam } from './catalog';
import { changed, deleted, mergeOtherFields } from './fields';
import { FIELD_NAMES, PRODUCT_FIELDS, productSelect } from './product-fields';
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
const methods: MethodSpec[] = pickersSinceV2(
	[
		{
			value: 'create',
			name: 'Create',
			action: 'Create a product',
			description: 'Add a simple product to a trade catalog (catalog.product.add)',
			method: 'catalog.product.add',
			params: [
				catalogParam('fields.iblockId'),
				{ name: 'name', label: 'Name', path: 'fields.name', type: 'string', required: true },
				...PRODUCT_FIELDS,
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
				...PRODUCT_FIELDS,
			],
			adjust: (ctx, itemIndex, params) =>
				changed(ctx, itemIndex, mergeOtherFields(ctx, itemIndex, params)),
			output: { at: ['element'] },
		},
	],
	['productId', 'sectionId', 'iblockSectionId'],
);

export const productSpec: ResourceSpec = {
	value: 'catalogProduct',
	name: 'Catalog Product',
	description: 'Simple products of the trade catalog',
	methods,
};
