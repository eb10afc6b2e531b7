import { userParam } from '../crm/pickers';
import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { deleted, flag, mergeOtherFields, otherFields } from './fields';
import { orderParam } from './order';
import { SHIPMENT_LOCATOR } from './search';

/**
 * sale.shipment.*: the shipments (deliveries) of an order (api-reference/sale/shipment/).
 * allowDelivery, deducted and deliveryId are required on add and on update; a shipment with
 * no status gets DN. A shipped shipment (deducted) cannot be deleted. Answers `shipment`, rows
 * `shipments`.
 */

const shipmentId: ParamSpec = {
	name: 'shipmentId',
	label: 'Shipment',
	path: 'id',
	type: 'id',
	required: true,
	locator: SHIPMENT_LOCATOR,
};

const required: ParamSpec[] = [
	{
		name: 'deliveryId',
		label: 'Delivery Service Name or ID',
		path: 'fields.deliveryId',
		type: 'options',
		loadOptionsMethod: 'getSaleDeliveryServices',
		required: true,
		description:
			'The delivery service (sale.delivery.getlist). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		...flag(
			'allowDelivery',
			'Allow Delivery',
			'fields.allowDelivery',
			'Whether delivery is allowed',
		),
		required: true,
	},
	{
		...flag('deducted', 'Shipped', 'fields.deducted', 'Whether the shipment has been shipped'),
		required: true,
	},
];

const editable: ParamSpec[] = [
	{
		name: 'statusId',
		label: 'Status Name or ID',
		path: 'fields.statusId',
		type: 'options',
		loadOptionsMethod: 'getSaleDeliveryStatuses',
		description:
			'The delivery status (sale.status.list, type D; DN awaiting processing when none is given). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		name: 'basePriceDelivery',
		label: 'Base Delivery Price',
		path: 'fields.basePriceDelivery',
		type: 'number',
		description: 'Delivery cost before discounts; also used as the delivery price',
	},
	{
		name: 'trackingNumber',
		label: 'Tracking Number',
		path: 'fields.trackingNumber',
		type: 'string',
	},
	{
		name: 'deliveryDocNum',
		label: 'Shipment Document Number',
		path: 'fields.deliveryDocNum',
		type: 'string',
	},
	{
		name: 'deliveryDocDate',
		label: 'Shipment Document Date',
		path: 'fields.deliveryDocDate',
		type: 'dateTime',
	},
	userParam('responsibleId', 'Responsible User Name or ID', 'fields.responsibleId'),
	{ name: 'comments', label: 'Manager Comment', path: 'fields.comments', type: 'text' },
	{ name: 'xmlId', label: 'External ID', path: 'fields.xmlId', type: 'string' },
];

const methods: MethodSpec[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create a shipment',
		description: 'Add a shipment to an order (sale.shipment.add)',
		method: 'sale.shipment.add',
		params: [
			orderParam('fields.orderId', true, 'The order the shipment is for'),
			...required,
			...editable,
			otherFields('{"companyId": 1}'),
		],
		adjust: mergeOtherFields,
		output: { at: ['shipment'] },
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a shipment',
		description: 'Delete a shipment that is not shipped yet (sale.shipment.delete)',
		method: 'sale.shipment.delete',
		params: [shipmentId],
		shape: deleted,
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get a shipment',
		description: 'Get a shipment by ID (sale.shipment.get)',
		method: 'sale.shipment.get',
		params: [shipmentId],
		output: { at: ['shipment'] },
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many shipments',
		description: 'List shipments, e.g. those of one order (sale.shipment.list)',
		method: 'sale.shipment.list',
		params: [orderParam('filter.orderId', false, 'Only the shipments of this order')],
		list: { rowsAt: ['shipments'], idKey: 'id', paging: 'offset' },
	},
	{
		value: 'getFields',
		name: 'Get Fields',
		action: 'Get shipment fields',
		description: 'List the fields of shipments (sale.shipment.getFields)',
		method: 'sale.shipment.getFields',
		params: [],
		output: { at: ['shipment'] },
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update a shipment',
		description: 'Ship a shipment, set its tracking number or status (sale.shipment.update)',
		method: 'sale.shipment.update',
		params: [
			shipmentId,
			...required,
			...editable,
			{
				name: 'priceDelivery',
				label: 'Delivery Price',
				path: 'fields.priceDelivery',
				type: 'number',
			},
			otherFields('{"companyId": 1}'),
		],
		adjust: mergeOtherFields,
		output: { at: ['shipment'] },
	},
];

export const shipmentSpec: ResourceSpec = {
	value: 'saleShipment',
	name: 'Sale Shipment',
	description: 'Shipments (deliveries) of online store orders',
	methods,
};
