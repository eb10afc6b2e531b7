import { currencyParam } from '../crm/currency';
import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { changedFields, deleted, flag, mergeOtherFields, otherFields } from './fields';
import { orderParam } from './order';
import { BASKET_ITEM_LOCATOR } from './search';

/**
 * sale.basketitem.*: the lines (basket items) of an existing order
 * (api-reference/sale/basket-item/). A line names a catalog product or variation; name, weight,
 * measure and VAT come from the catalog when the product is there, and must be given when it is
 * not (productId 0). The currency must be the order's. Answers `basketItem`, rows `basketItems`.
 */

const basketItemId: ParamSpec = {
	name: 'basketItemId',
	label: 'Basket Item',
	path: 'id',
	type: 'id',
	required: true,
	locator: BASKET_ITEM_LOCATOR,
};

/** Products and variations of the trade catalog (the catalog area's picker); 0 is allowed */
const productId: ParamSpec = {
	name: 'productId',
	label: 'Product',
	path: 'fields.productId',
	type: 'number',
	required: true,
	description: 'The product or variation; 0 for a product not in the catalog (then give its Name)',
	locator: { searchListMethod: 'searchCatalogPricedProducts', idPattern: '^\\s*\\d+\\s*$' },
};

const quantity: ParamSpec = {
	name: 'quantity',
	label: 'Quantity',
	path: 'fields.quantity',
	type: 'number',
	required: true,
	default: 1,
};

const editable: ParamSpec[] = [
	{
		name: 'name',
		label: 'Name',
		path: 'fields.name',
		type: 'string',
		description: 'Product name; taken from the catalog when the product is there',
	},
	{
		name: 'price',
		label: 'Price',
		path: 'fields.price',
		type: 'number',
		description: 'Price with markups and discounts (used with Custom Price)',
	},
	{
		name: 'basePrice',
		label: 'Base Price',
		path: 'fields.basePrice',
		type: 'number',
		description: 'Price before markups and discounts: Base Price = Price + Discount Price',
	},
	{ name: 'discountPrice', label: 'Discount Price', path: 'fields.discountPrice', type: 'number' },
	{ name: 'sort', label: 'Sort', path: 'fields.sort', type: 'number' },
	{ name: 'xmlId', label: 'External ID', path: 'fields.xmlId', type: 'string' },
	{ name: 'measureCode', label: 'Measure Code', path: 'fields.measureCode', type: 'string' },
	{ name: 'measureName', label: 'Measure Name', path: 'fields.measureName', type: 'string' },
	{
		name: 'vatRate',
		label: 'VAT Rate',
		path: 'fields.vatRate',
		type: 'number',
		description: 'Tax rate as a fraction of one: 0.1 is 10 %',
	},
	flag('vatIncluded', 'VAT Included', 'fields.vatIncluded', 'Whether the price includes VAT'),
];

const methods: MethodSpec[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create a basket item',
		description: 'Add a line to the basket of an existing order (sale.basketitem.add)',
		method: 'sale.basketitem.add',
		params: [
			orderParam('fields.orderId', true, 'The order the line is added to'),
			productId,
			quantity,
			currencyParam('currency', 'Currency', 'fields.currency', true, "The order's currency"),
			flag(
				'customPrice',
				'Custom Price',
				'fields.customPrice',
				'Whether Price, Base Price and Discount Price are set by hand instead of taken from the catalog',
			),
			...editable,
			otherFields('{"weight": 200, "canBuy": "Y"}'),
		],
		adjust: mergeOtherFields,
		output: { at: ['basketItem'] },
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a basket item',
		description: 'Remove a line from the basket of an order (sale.basketitem.delete)',
		method: 'sale.basketitem.delete',
		params: [basketItemId],
		shape: deleted,
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get a basket item',
		description: 'Get a line of an order by ID (sale.basketitem.get)',
		method: 'sale.basketitem.get',
		params: [basketItemId],
		output: { at: ['basketItem'] },
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many basket items',
		description: 'List order lines, e.g. those of one order (sale.basketitem.list)',
		method: 'sale.basketitem.list',
		params: [
			orderParam('filter.orderId', false, 'Only the lines of this order'),
			{
				name: 'productId',
				label: 'Product ID',
				path: 'filter.productId',
				type: 'number',
				description: 'Only the lines of this product or variation',
			},
		],
		list: { rowsAt: ['basketItems'], idKey: 'id', paging: 'offset' },
	},
	{
		value: 'getFields',
		name: 'Get Fields',
		action: 'Get basket item fields',
		description: 'List the fields of order lines (sale.basketitem.getFields)',
		method: 'sale.basketitem.getFields',
		params: [],
		output: { at: ['basketItem'] },
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update a basket item',
		description: 'Change the quantity, price or name of an order line (sale.basketitem.update)',
		method: 'sale.basketitem.update',
		params: [
			basketItemId,
			{ ...quantity, required: false, default: undefined },
			...editable,
			otherFields('{"weight": 200}'),
		],
		adjust: changedFields(),
		output: { at: ['basketItem'] },
	},
];

export const basketItemSpec: ResourceSpec = {
	value: 'saleBasketItem',
	name: 'Sale Basket Item',
	description: 'Lines (products) of online store orders',
	methods,
};
