import { currencyParam } from '../crm/currency';
import { pickersSinceV2 } from '../method-table/build';
import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { priceTypeParam } from './catalog';
import { deleted } from './fields';
import { PRICE_LOCATOR, PRICED_PRODUCT_LOCATOR } from './search';

/**
 * catalog.price.*: the prices of products, one per price type (catalogGroupId, see
 * catalog.priceType.list; 1 is usually the base price) unless quantity ranges are used.
 */

const priceId: ParamSpec = {
	name: 'priceId',
	label: 'Price',
	path: 'id',
	type: 'id',
	required: true,
	locator: PRICE_LOCATOR,
};
const amount: ParamSpec = {
	name: 'price',
	label: 'Price',
	path: 'fields.price',
	type: 'number',
	required: true,
};
const currency: ParamSpec = currencyParam('currency', 'Currency', 'fields.currency', true);
const ranges: ParamSpec[] = [
	{
		name: 'quantityFrom',
		label: 'Quantity From',
		path: 'fields.quantityFrom',
		type: 'number',
		description: 'Lower bound of the quantity range the price applies to',
	},
	{
		name: 'quantityTo',
		label: 'Quantity To',
		path: 'fields.quantityTo',
		type: 'number',
		description: 'Upper bound of the quantity range the price applies to',
	},
];

const methods: MethodSpec[] = pickersSinceV2(
	[
		{
			value: 'create',
			name: 'Create',
			action: 'Create a price',
			description: 'Set a price of a product for a price type (catalog.price.add)',
			method: 'catalog.price.add',
			params: [
				{
					name: 'productId',
					label: 'Product',
					path: 'fields.productId',
					type: 'id',
					required: true,
					description: 'The simple product or product variation the price is for',
					locator: PRICED_PRODUCT_LOCATOR,
				},
				priceTypeParam('fields.catalogGroupId', true),
				amount,
				currency,
				...ranges,
			],
			output: { at: ['price'] },
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a price',
			description: 'Delete a price of a product (catalog.price.delete)',
			method: 'catalog.price.delete',
			params: [priceId],
			shape: deleted,
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a price',
			description: 'Get a price by ID (catalog.price.get)',
			method: 'catalog.price.get',
			params: [priceId],
			output: { at: ['price'] },
		},
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many prices',
			description: 'List prices, e.g. those of one product (catalog.price.list)',
			method: 'catalog.price.list',
			params: [
				{
					name: 'productId',
					label: 'Product',
					path: 'filter.productId',
					type: 'id',
					description: 'Only the prices of this product or variation',
					locator: PRICED_PRODUCT_LOCATOR,
				},
				priceTypeParam('filter.catalogGroupId', false),
			],
			list: { rowsAt: ['prices'], idKey: 'id', paging: 'id' },
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a price',
			description: 'Change a price (catalog.price.update)',
			method: 'catalog.price.update',
			params: [priceId, amount, currency, ...ranges],
			output: { at: ['price'] },
		},
	],
	['priceId', 'productId'],
);

export const priceSpec: ResourceSpec = {
	value: 'catalogPrice',
	name: 'Catalog Price',
	description: 'Prices of catalog products',
	methods,
};
