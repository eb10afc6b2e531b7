import { bitrix24Node, listSearch, loadOptions } from '../harness';
import type { Portal } from '../portal';
import { catalogState, SEED_CATALOGS } from '../portal/methods/catalog';
import { saleState } from '../portal/methods/sale';
import { runNode, visibleText, WEBHOOK_ID, webhookCredential, withPortal } from './support';

const rl = (mode: 'list' | 'id', value: string | number) => ({
	__rl: true,
	mode,
	value: String(value),
});
const V2 = { typeVersion: 2 };

describe('Sales: online store orders', () => {
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

	it('keeps orders: create, get, update, list, fields, delete', async () => {
		expect(
			await options({ resource: 'saleOrder', operation: 'create' }, 'getSalePersonTypes'),
		).toEqual([
			{ name: 'Individual (3)', value: 3 },
			{ name: 'Legal Entity (4)', value: 4 },
		]);
		const statuses = await options(
			{ resource: 'saleOrder', operation: 'update' },
			'getSaleOrderStatuses',
		);
		expect(statuses.map((s) => s.value)).toEqual(['N', 'P', 'S', 'D', 'F']);

		const first = await order('USD', { comments: 'Call first', price: 150 });
		expect(state().rows.order.get(first)).toMatchObject({
			lid: 's1',
			personTypeId: 3,
			currency: 'USD',
			comments: 'Call first',
			price: 150,
			statusId: 'N',
		});

		const updated = await runNode(portal, {
			resource: 'saleOrder',
			operation: 'update',
			orderId: rl('list', first),
			additionalFields: { statusId: 'P', canceled: true, reasonCanceled: 'Out of stock' },
		});
		expect(updated.json[0]).toMatchObject({ id: first, statusId: 'P', canceled: 'Y' });
		expect(state().rows.order.get(first)?.dateCanceled).toEqual(expect.any(String));
		const nothing = await runNode(portal, {
			resource: 'saleOrder',
			operation: 'update',
			orderId: rl('id', first),
		});
		expect(String(nothing.result.error?.message)).toMatch(/at least one field/);

		const second = await order('EUR');
		const found = await listSearch(
			node({ resource: 'saleOrder', operation: 'get' }, 2),
			[webhookCredential(portal)],
			'searchSaleOrders',
		);
		expect(found.results).toEqual([
			{ name: `Order ${second} (0 EUR)`, value: String(second) },
			{ name: `Order ${first} (150 USD)`, value: String(first) },
		]);
		const listed = await runNode(portal, {
			resource: 'saleOrder',
			operation: 'getAll',
			returnAll: true,
			additionalFields: { statusId: 'N', selectFields: 'id, currency' },
		});
		expect(listed.json).toEqual([{ id: second, currency: 'EUR' }]);

		const fieldsV1 = await runNode(portal, { resource: 'saleOrder', operation: 'getFields' });
		expect(fieldsV1.json[0].personTypeId).toEqual({
			isImmutable: true,
			isReadOnly: false,
			isRequired: true,
			type: 'integer',
		});
		const fieldsV2 = await runNode(portal, { resource: 'saleOrder', operation: 'getFields' }, V2);
		expect(fieldsV2.json.find((f) => f.name === 'lid')).toMatchObject({ isRequired: true });

		const deleted = await runNode(
			portal,
			{ resource: 'saleOrder', operation: 'delete', orderId: rl('id', second) },
			V2,
		);
		expect(deleted.json).toEqual([{ ID: String(second), deleted: true }]);
		expect(state().rows.order.has(second)).toBe(false);
		const gone = await runNode(portal, {
			resource: 'saleOrder',
			operation: 'get',
			orderId: rl('id', second),
		});
		expect(visibleText(gone)).toContain('order does not exist');
	});

	it('keeps order lines from the catalog or by hand', async () => {
		const catalog = catalogState(portal.store);
		const iblockId = SEED_CATALOGS[0].iblockId;
		catalog.products.set(9001, { id: 9001, iblockId, name: 'Mug', active: 'Y', type: 1 });
		catalog.prices.set(9001, {
			id: 9001,
			productId: 9001,
			catalogGroupId: 1,
			price: 12.5,
			currency: 'USD',
		});
		const target = await order();

		const line = await runNode(portal, {
			resource: 'saleBasketItem',
			operation: 'create',
			orderId: rl('list', target),
			productId: rl('list', 9001),
			quantity: 3,
			currency: 'USD',
		});
		expect(line.json[0]).toMatchObject({
			orderId: target,
			productId: 9001,
			name: 'Mug',
			price: 12.5,
		});
		const lineId = Number(line.json[0].id);
		const noName = await runNode(portal, {
			resource: 'saleBasketItem',
			operation: 'create',
			orderId: rl('id', target),
			productId: rl('id', 0),
			quantity: 1,
			currency: 'USD',
		});
		expect(visibleText(noName)).toContain('Required fields: name');
		const wrongCurrency = await runNode(portal, {
			resource: 'saleBasketItem',
			operation: 'create',
			orderId: rl('id', target),
			productId: rl('id', 9001),
			quantity: 1,
			currency: 'EUR',
		});
		expect(visibleText(wrongCurrency)).toContain('Currency must be the currency of the order');
		const byHand = await runNode(portal, {
			resource: 'saleBasketItem',
			operation: 'create',
			orderId: rl('id', target),
			productId: rl('id', 0),
			quantity: 2,
			currency: 'USD',
			additionalFields: { name: 'Gift wrap', customPrice: true, price: 4, discountPrice: 1 },
		});
		expect(byHand.json[0]).toMatchObject({
			name: 'Gift wrap',
			price: 4,
			basePrice: 5,
			productId: 0,
		});

		const got = await runNode(portal, {
			resource: 'saleBasketItem',
			operation: 'get',
			basketItemId: rl('id', lineId),
		});
		expect(got.json[0]).toMatchObject({ id: lineId, quantity: 3 });
		const updated = await runNode(portal, {
			resource: 'saleBasketItem',
			operation: 'update',
			basketItemId: rl('list', lineId),
			additionalFields: { quantity: 5 },
		});
		expect(updated.json[0]).toMatchObject({ id: lineId, quantity: 5, price: 12.5 });
		const picked = await listSearch(
			node({ resource: 'saleBasketItem', operation: 'get', orderId: rl('id', target) }, 2),
			[webhookCredential(portal)],
			'searchSaleBasketItems',
		);
		expect(picked.results.map((r) => r.name)).toEqual([
			`Gift wrap × 2 (order ${target})`,
			`Mug × 5 (order ${target})`,
		]);
		const listed = await runNode(
			portal,
			{
				resource: 'saleBasketItem',
				operation: 'getAll',
				returnAll: true,
				options: { orderId: rl('id', target), selectFields: 'name, quantity' },
			},
			V2,
		);
		expect(listed.json).toEqual([
			{ name: 'Mug', quantity: 5 },
			{ name: 'Gift wrap', quantity: 2 },
		]);
		const whole = await runNode(portal, {
			resource: 'saleOrder',
			operation: 'get',
			orderId: rl('id', target),
		});
		expect((whole.json[0].basketItems as unknown[]).length).toBe(2);

		const fields = await runNode(
			portal,
			{ resource: 'saleBasketItem', operation: 'getFields' },
			V2,
		);
		expect(fields.json.find((f) => f.name === 'quantity')).toMatchObject({
			isRequired: true,
			type: 'double',
		});
		const deleted = await runNode(portal, {
			resource: 'saleBasketItem',
			operation: 'delete',
			basketItemId: rl('id', lineId),
		});
		expect(deleted.json).toEqual([{ ID: String(lineId), deleted: true }]);
		expect(state().rows.basketItem.has(lineId)).toBe(false);
	});

	it('lists the reference lists: statuses, payer types, delivery services, payment systems', async () => {
		const statuses = await runNode(
			portal,
			{ resource: 'saleStatus', operation: 'getAll', returnAll: true, options: { type: 'D' } },
			V2,
		);
		expect(statuses.json.map((row) => row.id)).toEqual(['DN', 'DD', 'DF']);
		const payers = await runNode(
			portal,
			{
				resource: 'salePayerType',
				operation: 'getAll',
				returnAll: false,
				limit: 1,
				options: { orderBy: 'sort', orderDirection: 'DESC' },
			},
			V2,
		);
		expect(payers.json).toEqual([{ id: 4, name: 'Legal Entity', sort: '110' }]);
		const services = await runNode(portal, {
			resource: 'saleDeliveryService',
			operation: 'getAll',
			returnAll: true,
			additionalFields: { filterJson: '{"PARENT_ID": 196}', selectFields: 'ID, NAME' },
		});
		expect(services.json).toEqual([
			{ ID: 197, NAME: 'Taxi' },
			{ ID: 198, NAME: 'Cargo' },
		]);
		const systems = await runNode(
			portal,
			{ resource: 'salePaymentSystem', operation: 'getAll', returnAll: true },
			V2,
		);
		expect(systems.json.map((row) => row.NAME)).toEqual(['Card Payment', 'New Card Payment']);
	});
});
