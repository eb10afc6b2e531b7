import type { ListSpec, MethodSpec, ResourceSpec } from '../method-table/spec';

/**
 * The store's reference lists, each a Get Many: order and delivery statuses (sale.status.list,
 * rows `statuses`), payer types (sale.persontype.list, rows `personTypes`), both 50 a page by
 * `start`; delivery services (sale.delivery.getlist) and payment systems (sale.paysystem.list,
 * scope `pay_system`), which take SELECT / FILTER / ORDER and answer every row at once in
 * UPPER_CASE.
 */

function getMany(
	what: string,
	method: string,
	list: MethodSpec['list'],
	params: MethodSpec['params'] = [],
	note = '',
): MethodSpec[] {
	return [
		{
			value: 'getAll',
			name: 'Get Many',
			action: `Get many ${what}`,
			description: `List the ${what} of the online store${note} (${method})`,
			method,
			params,
			list,
		},
	];
}

const upper: ListSpec = {
	rowsAt: [],
	idKey: 'ID',
	paging: 'single',
	filterParam: 'FILTER',
	orderParam: 'ORDER',
	selectParam: 'SELECT',
};

export const statusSpec: ResourceSpec = {
	value: 'saleStatus',
	name: 'Sale Status',
	description: 'Statuses of online store orders and deliveries',
	methods: getMany(
		'statuses',
		'sale.status.list',
		{ rowsAt: ['statuses'], idKey: 'id', paging: 'offset' },
		[
			{
				name: 'type',
				label: 'Type',
				path: 'filter.type',
				type: 'options',
				options: [
					{ name: 'Order', value: 'O' },
					{ name: 'Delivery', value: 'D' },
				],
				default: 'O',
				description: 'Only statuses of orders or only those of deliveries',
			},
		],
	),
};

export const personTypeSpec: ResourceSpec = {
	value: 'salePayerType',
	name: 'Sale Payer Type',
	description: 'Payer types of the online store (individual, legal entity ...)',
	methods: getMany('payer types', 'sale.persontype.list', {
		rowsAt: ['personTypes'],
		idKey: 'id',
		paging: 'offset',
	}),
};

export const deliverySpec: ResourceSpec = {
	value: 'saleDeliveryService',
	name: 'Sale Delivery Service',
	description: 'Delivery services of the online store',
	methods: getMany('delivery services', 'sale.delivery.getlist', upper),
};

export const paySystemSpec: ResourceSpec = {
	value: 'salePaymentSystem',
	name: 'Sale Payment System',
	description: 'Payment systems of the online store (scope pay_system)',
	methods: getMany(
		'payment systems',
		'sale.paysystem.list',
		upper,
		[],
		'; needs the pay_system scope',
	),
};
