import { currencyParam } from '../crm/currency';
import { userParam } from '../crm/pickers';
import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { changedFields, deleted, flag, mergeOtherFields, otherFields } from './fields';
import { ORDER_LOCATOR } from './search';

/**
 * sale.order.*: the orders of the online store (api-reference/sale/order/). Fields are camelCase;
 * add and update answer the order (`order`), get the order with its basket items, payments and
 * shipments, list the rows `orders` (50 a page by `start`). lid, personTypeId and currency are
 * required on add and cannot change afterwards.
 */

export const orderId: ParamSpec = {
	name: 'orderId',
	label: 'Order',
	path: 'id',
	type: 'id',
	required: true,
	locator: ORDER_LOCATOR,
};

/** The payer type (sale.persontype.list) */
export function personTypeParam(path: string, required: boolean): ParamSpec {
	return {
		name: 'personTypeId',
		label: 'Payer Type Name or ID',
		path,
		type: 'options',
		loadOptionsMethod: 'getSalePersonTypes',
		required,
		description:
			'The payer type (sale.persontype.list). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	};
}

function statusParam(path: string, description: string): ParamSpec {
	return {
		name: 'statusId',
		label: 'Status Name or ID',
		path,
		type: 'options',
		loadOptionsMethod: 'getSaleOrderStatuses',
		description: `${description} (sale.status.list, type O; by default N accepted, P paid, F completed). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	};
}

const editable: ParamSpec[] = [
	{ name: 'price', label: 'Price', path: 'fields.price', type: 'number' },
	{ name: 'discountValue', label: 'Discount Value', path: 'fields.discountValue', type: 'number' },
	statusParam('fields.statusId', 'The order status'),
	userParam('responsibleId', 'Responsible User Name or ID', 'fields.responsibleId'),
	{ name: 'comments', label: 'Manager Comment', path: 'fields.comments', type: 'text' },
	{
		name: 'userDescription',
		label: 'Customer Comment',
		path: 'fields.userDescription',
		type: 'text',
	},
	flag('marked', 'Marked', 'fields.marked', 'Whether the order is marked as problematic'),
	{ name: 'reasonMarked', label: 'Reason Marked', path: 'fields.reasonMarked', type: 'string' },
	flag('canceled', 'Canceled', 'fields.canceled', 'Whether the order is canceled'),
	{
		name: 'reasonCanceled',
		label: 'Reason Canceled',
		path: 'fields.reasonCanceled',
		type: 'string',
	},
	{ name: 'xmlId', label: 'External ID', path: 'fields.xmlId', type: 'string' },
	otherFields('{"externalOrder": "Y", "dateInsert": "2024-03-01T13:00:00+02:00"}'),
];

const methods: MethodSpec[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create an order',
		description: 'Add an order to the online store (sale.order.add)',
		method: 'sale.order.add',
		params: [
			{
				name: 'lid',
				label: 'Site ID',
				path: 'fields.lid',
				type: 'string',
				required: true,
				default: 's1',
				description: 'The site the order belongs to; in Bitrix24 it is always s1',
			},
			personTypeParam('fields.personTypeId', true),
			currencyParam('currency', 'Currency', 'fields.currency', true, 'The currency of the order'),
			{
				name: 'clientId',
				label: 'Client User ID',
				path: 'fields.userId',
				type: 'number',
				description: 'ID of the user who is the client of the order',
			},
			...editable,
		],
		adjust: mergeOtherFields,
		output: { at: ['order'] },
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete an order',
		description:
			'Delete an order with its basket items, payments and shipments; an order with active payments cannot be deleted (sale.order.delete)',
		method: 'sale.order.delete',
		params: [orderId],
		shape: deleted,
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get an order',
		description: 'Get an order with its basket items, payments and shipments (sale.order.get)',
		method: 'sale.order.get',
		params: [orderId],
		output: { at: ['order'] },
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many orders',
		description: 'List the orders of the online store (sale.order.list)',
		method: 'sale.order.list',
		params: [
			statusParam('filter.statusId', 'Only orders in this status'),
			personTypeParam('filter.personTypeId', false),
			{
				name: 'clientId',
				label: 'Client User ID',
				path: 'filter.userId',
				type: 'number',
				description: 'Only the orders of this client',
			},
		],
		list: { rowsAt: ['orders'], idKey: 'id', paging: 'offset' },
	},
	{
		value: 'getFields',
		name: 'Get Fields',
		action: 'Get order fields',
		description: 'List the fields of orders (sale.order.getFields)',
		method: 'sale.order.getFields',
		params: [],
		output: { at: ['order'] },
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update an order',
		description: 'Change the status, price or comments of an order (sale.order.update)',
		method: 'sale.order.update',
		params: [orderId, ...editable],
		adjust: changedFields(),
		output: { at: ['order'] },
	},
];

export const orderSpec: ResourceSpec = {
	value: 'saleOrder',
	name: 'Sale Order',
	description: 'Orders of the online store',
	methods,
};

/** The order a basket item, payment or shipment belongs to (or, in a list, is filtered by). */
export function orderParam(path: string, required: boolean, description: string): ParamSpec {
	return { ...orderId, path, required, description };
}
