import type { MethodSpec, ResourceSpec } from '../method-table/spec';
import { fieldsAt, STORE_LOCATOR } from './inventory-search';
import { PRICED_PRODUCT_LOCATOR } from './search';

/**
 * catalog.storeproduct.*: the stock of products per store, read-only (inventory documents change
 * it when conducted). Answers wrap the record (`storeProduct`) or the rows (`storeProducts`):
 * `{id, productId, storeId, amount, quantityReserved}`.
 */

const methods: MethodSpec[] = [
	{
		value: 'get',
		name: 'Get',
		action: 'Get a stock record',
		description:
			'Get the stock of a product in a store by the record ID (catalog.storeproduct.get)',
		method: 'catalog.storeproduct.get',
		params: [
			{
				name: 'stockId',
				label: 'Stock Record ID',
				path: 'id',
				type: 'id',
				required: true,
				description: 'The ID of the stock record, as Get Many answers it',
			},
		],
		output: { at: ['storeProduct'] },
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many stock records',
		description:
			'List the stock of products per store, e.g. of one product or one store (catalog.storeproduct.list)',
		method: 'catalog.storeproduct.list',
		params: [
			{
				name: 'productId',
				label: 'Product',
				path: 'filter.productId',
				type: 'id',
				description: 'Only the stock of this product or variation',
				locator: PRICED_PRODUCT_LOCATOR,
			},
			{
				name: 'storeId',
				label: 'Store',
				path: 'filter.storeId',
				type: 'id',
				description: 'Only the stock in this store',
				locator: STORE_LOCATOR,
			},
		],
		list: { rowsAt: ['storeProducts'], idKey: 'id', paging: 'id' },
	},
	{
		value: 'getFields',
		name: 'Get Fields',
		action: 'Get stock fields',
		description: 'List the fields of stock records (catalog.storeproduct.getFields)',
		method: 'catalog.storeproduct.getFields',
		params: [],
		output: { at: ['storeProduct'] },
		shape: fieldsAt('storeProduct'),
	},
];

export const stockSpec: ResourceSpec = {
	value: 'catalogStock',
	name: 'Catalog Stock',
	description: 'Stock of products per store',
	methods,
};
