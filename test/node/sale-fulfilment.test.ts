import { bitrix24Node, loadOptions } from '../harness';
import type { Portal } from '../portal';
import { saleState } from '../portal/methods/sale';
import { runNode, visibleText, WEBHOOK_ID, webhookCredential, withPortal } from './support';

const rl = (mode: 'list' | 'id', value: string | number) => ({
	__rl: true,
	mode,
	value: String(value),
});
const V2 = { typeVersion: 2 };

describe('Sales: payments and shipments of orders', () => {
	let portal: Portal;
	const node = (parameters: Record<string, unknown>, typeVersion = 1) =>
		bitrix24Node(
			parameters as never,
			{ type: 'bitrix24WebhookApi', id: WEBHOOK_ID },
			{
				typeVersion,
			},
		);
	const options = async (parameters: Record<string, unknown>, method: string) =>
		await loadOptions(node(parameters, 2), [webhookCredential(portal)], method);
	beforeAll(async () => {
		portal = await withPortal();
	});
	afterAll(async () => await portal.close());
	const state = () => saleState(portal.store);

	async function order(currency = 'USD', extra: Record<string, unknown> = {}): Promise<number> {
		const created = await runNode(portal, {
			resource: 'saleOrder',
			operation: 'create',
			lid: 's1',
			personTypeId: 3,
			currency,
			additionalFields: extra as never,
		});
		expect(created.result.error).toBeUndefined();
		return Number(created.json[0].id);
	}

	it('keeps payments and shipments of an order', async () => {
		const target = await order();
		const systems = await options(
			{ resource: 'salePayment', operation: 'create' },
			'getSalePaySystems',
		);
		expect(systems).toEqual([
			{ name: 'Card Payment (117)', value: 117 },
			{ name: 'New Card Payment (118)', value: 118 },
		]);
		const paid = await runNode(portal, {
			resource: 'salePayment',
			operation: 'create',
			orderId: rl('list', target),
			paySystemId: 117,
			additionalFields: { sum: 40 },
		});
		expect(paid.json[0]).toMatchObject({
			orderId: target,
			sum: 40,
			paid: 'N',
			paySystemName: 'Card Payment',
		});
		const paymentId = Number(paid.json[0].id);
		expect(paid.json[0].accountNumber).toBe(`${target}/1`);
		const marked = await runNode(portal, {
			resource: 'salePayment',
			operation: 'update',
			paymentId: rl('id', paymentId),
			paySystemId: 118,
			additionalFields: { paid: true },
		});
		expect(marked.json[0]).toMatchObject({
			paid: 'Y',
			paySystemId: 118,
			datePaid: expect.any(String),
		});
		expect(state().rows.order.get(target)?.payed).toBe('Y');
		const blocked = await runNode(portal, {
			resource: 'saleOrder',
			operation: 'delete',
			orderId: rl('id', target),
		});
		expect(visibleText(blocked)).toContain('The order has active payments');
		const got = await runNode(portal, {
			resource: 'salePayment',
			operation: 'get',
			paymentId: rl('id', paymentId),
		});
		expect(got.json[0]).toMatchObject({ id: paymentId, sum: 40 });
		const listed = await runNode(portal, {
			resource: 'salePayment',
			operation: 'getAll',
			returnAll: true,
			additionalFields: { orderId: rl('id', target), paid: true, selectFields: 'id, sum' },
		});
		expect(listed.json).toEqual([{ id: paymentId, sum: 40 }]);
		const paymentFields = await runNode(portal, {
			resource: 'salePayment',
			operation: 'getFields',
		});
		expect(paymentFields.json[0].paySystemId).toMatchObject({ isRequired: true });

		const services = await options(
			{ resource: 'saleShipment', operation: 'create' },
			'getSaleDeliveryServices',
		);
		expect(services.map((s) => s.value)).toEqual([196, 197, 198]);
		const delivery = await options(
			{ resource: 'saleShipment', operation: 'create' },
			'getSaleDeliveryStatuses',
		);
		expect(delivery.map((s) => s.value)).toEqual(['DN', 'DD', 'DF']);
		const shipped = await runNode(portal, {
			resource: 'saleShipment',
			operation: 'create',
			orderId: rl('id', target),
			deliveryId: 197,
			allowDelivery: true,
			deducted: false,
			additionalFields: { basePriceDelivery: 7 },
		});
		const shipmentId = Number(shipped.json[0].id);
		expect(shipped.json[0]).toMatchObject({
			accountNumber: `${target}/2`,
			deliveryName: 'Taxi',
			statusId: 'DN',
			allowDelivery: 'Y',
			priceDelivery: 7,
		});
		const updated = await runNode(portal, {
			resource: 'saleShipment',
			operation: 'update',
			shipmentId: rl('list', shipmentId),
			deliveryId: 197,
			allowDelivery: true,
			deducted: true,
			additionalFields: { trackingNumber: 'TRK-1', statusId: 'DF' },
		});
		expect(updated.json[0]).toMatchObject({
			deducted: 'Y',
			trackingNumber: 'TRK-1',
			statusId: 'DF',
		});
		const refused = await runNode(portal, {
			resource: 'saleShipment',
			operation: 'delete',
			shipmentId: rl('id', shipmentId),
		});
		expect(visibleText(refused)).toContain('The shipment has already been shipped');
		const got2 = await runNode(portal, {
			resource: 'saleShipment',
			operation: 'get',
			shipmentId: rl('id', shipmentId),
		});
		expect(got2.json[0]).toMatchObject({ id: shipmentId, dateDeducted: expect.any(String) });
		const listed2 = await runNode(
			portal,
			{
				resource: 'saleShipment',
				operation: 'getAll',
				returnAll: true,
				options: { orderId: rl('id', target) },
			},
			V2,
		);
		expect(listed2.json.map((s) => s.id)).toEqual([shipmentId]);
		const shipmentFields = await runNode(
			portal,
			{ resource: 'saleShipment', operation: 'getFields' },
			V2,
		);
		expect(shipmentFields.json.find((f) => f.name === 'deliveryId')).toMatchObject({
			isRequired: true,
		});
		await runNode(portal, {
			resource: 'saleShipment',
			operation: 'update',
			shipmentId: rl('id', shipmentId),
			deliveryId: 197,
			allowDelivery: true,
			deducted: false,
		});
		const removed = await runNode(
			portal,
			{ resource: 'saleShipment', operation: 'delete', shipmentId: rl('id', shipmentId) },
			V2,
		);
		expect(removed.json).toEqual([{ ID: String(shipmentId), deleted: true }]);

		const unpaidDeleted = await runNode(portal, {
			resource: 'salePayment',
			operation: 'delete',
			paymentId: rl('id', paymentId),
		});
		expect(unpaidDeleted.json).toEqual([{ ID: String(paymentId), deleted: true }]);
		expect(state().rows.order.get(target)?.payed).toBe('N');
		const orderGone = await runNode(portal, {
			resource: 'saleOrder',
			operation: 'delete',
			orderId: rl('id', target),
		});
		expect(orderGone.json).toEqual([{ ID: String(target), deleted: true }]);
	});
});
