import { userParam } from '../crm/pickers';
import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { deleted, flag, mergeOtherFields, otherFields } from './fields';
import { orderParam } from './order';
import { PAYMENT_LOCATOR } from './search';

/**
 * sale.payment.*: the payments of an order (api-reference/sale/payment/). orderId and
 * paySystemId are required on add, paySystemId on update too (sale-payment-update.md). Answers
 * `payment`, rows `payments`.
 */

const paymentId: ParamSpec = {
	name: 'paymentId',
	label: 'Payment',
	path: 'id',
	type: 'id',
	required: true,
	locator: PAYMENT_LOCATOR,
};

const paySystem: ParamSpec = {
	name: 'paySystemId',
	label: 'Payment System Name or ID',
	path: 'fields.paySystemId',
	type: 'options',
	loadOptionsMethod: 'getSalePaySystems',
	required: true,
	description:
		'The payment system (sale.paysystem.list, which needs the pay_system scope). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

const editable: ParamSpec[] = [
	{ name: 'sum', label: 'Sum', path: 'fields.sum', type: 'number', description: 'Payment amount' },
	flag('paid', 'Paid', 'fields.paid', 'Whether the payment is paid'),
	{ name: 'datePaid', label: 'Date Paid', path: 'fields.datePaid', type: 'dateTime' },
	{
		name: 'payVoucherNum',
		label: 'Payment Document Number',
		path: 'fields.payVoucherNum',
		type: 'string',
	},
	{
		name: 'payVoucherDate',
		label: 'Payment Document Date',
		path: 'fields.payVoucherDate',
		type: 'dateTime',
	},
	userParam('responsibleId', 'Responsible User Name or ID', 'fields.responsibleId'),
	{ name: 'comments', label: 'Comments', path: 'fields.comments', type: 'text' },
	flag('isReturn', 'Is Return', 'fields.isReturn', 'Whether the payment was returned'),
	{ name: 'xmlId', label: 'External ID', path: 'fields.xmlId', type: 'string' },
	otherFields('{"psStatus": "Y", "psSum": 100}'),
];

const methods: MethodSpec[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create a payment',
		description: 'Add a payment to an order (sale.payment.add)',
		method: 'sale.payment.add',
		params: [
			orderParam('fields.orderId', true, 'The order the payment is for'),
			paySystem,
			...editable,
		],
		adjust: mergeOtherFields,
		output: { at: ['payment'] },
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a payment',
		description: 'Delete a payment of an order (sale.payment.delete)',
		method: 'sale.payment.delete',
		params: [paymentId],
		shape: deleted,
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get a payment',
		description: 'Get a payment by ID (sale.payment.get)',
		method: 'sale.payment.get',
		params: [paymentId],
		output: { at: ['payment'] },
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many payments',
		description: 'List payments, e.g. those of one order (sale.payment.list)',
		method: 'sale.payment.list',
		params: [
			orderParam('filter.orderId', false, 'Only the payments of this order'),
			{ ...flag('paid', 'Paid', 'filter.paid', 'Only paid (on) or unpaid (off) payments') },
		],
		list: { rowsAt: ['payments'], idKey: 'id', paging: 'offset' },
	},
	{
		value: 'getFields',
		name: 'Get Fields',
		action: 'Get payment fields',
		description: 'List the fields of payments (sale.payment.getFields)',
		method: 'sale.payment.getFields',
		params: [],
		output: { at: ['payment'] },
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update a payment',
		description: 'Mark a payment paid, change its sum or payment system (sale.payment.update)',
		method: 'sale.payment.update',
		params: [paymentId, paySystem, ...editable],
		adjust: mergeOtherFields,
		output: { at: ['payment'] },
	},
];

export const paymentSpec: ResourceSpec = {
	value: 'salePayment',
	name: 'Sale Payment',
	description: 'Payments of online store orders',
	methods,
};
