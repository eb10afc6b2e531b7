/**
 * The online store (scope `sale`) as bitrix24/b24restdocs api-reference/sale/ describes it:
 * order/sale-order-*.md, basket-item/sale-basket-item-*.md, payment/sale-payment-*.md,
 * shipment/sale-shipment-*.md (add, get, list, update, delete, getFields each), status/
 * sale-status-list.md, person-type/sale-person-type-list.md, delivery/delivery/
 * sale-delivery-get-list.md and pay-system/sale-pay-system-list.md (scope `pay_system`).
 * Fields are camelCase and typed; answers wrap the object (`order`, `basketItem`, `payment`,
 * `shipment`) or the rows (`orders` ...), 50 a page by `start`. Errors are HTTP 400 with the
 * NUMERIC codes the pages show; where a page gives code 0 without a text, the text is the
 * portal's own ("Required fields: ..."), in the form sale-shipment-update.md shows. Rights,
 * price recalculation and shipment items are not modelled.
 */
import { CallContext, MethodDef } from '../registry';
import { catalogElement, catalogState } from './catalog';
import type { Kind, Row, SaleState } from './sale-support';

export { saleState };
import {
	apply,
	describe,
	fieldsOf,
	find,
	given,
	now,
	referenceMethods,
	requireFields,
	saleError,
	saleList,
	saleState,
	SEED_DELIVERIES,
	SEED_PAY_SYSTEMS,
} from './sale-support';

/** The order's next document number: payments and shipments share it ("392/1", "392/2"). */
function documentNumber(st: SaleState, order: Row): string {
	const count = [...st.rows.payment.values(), ...st.rows.shipment.values()].filter(
		(row) => row.orderId === order.id,
	).length;
	return `${String(order.accountNumber)}/${count + 1}`;
}

function orderOf(ctx: CallContext, fields: Row, missing: [number, string]): Row {
	const order = saleState(ctx.portal.store).rows.order.get(Number(fields.orderId));
	if (!order) throw saleError(...missing);
	return order;
}

function refreshPayed(st: SaleState, orderId: unknown): void {
	const order = st.rows.order.get(Number(orderId));
	if (!order) return;
	const payments = [...st.rows.payment.values()].filter((p) => p.orderId === order.id);
	order.payed = payments.length > 0 && payments.every((p) => p.paid === 'Y') ? 'Y' : 'N';
}

interface Entity {
	kind: Kind;
	method: string;
	rowsKey: string;
	create: (ctx: CallContext, st: SaleState, fields: Row, id: number) => Row;
	update: (ctx: CallContext, st: SaleState, row: Row, fields: Row) => void;
	view?: (st: SaleState, row: Row) => Row;
	remove?: (st: SaleState, row: Row) => void;
}

const of = (st: SaleState, kind: Kind, order: Row) =>
	[...st.rows[kind].values()].filter((row) => row.orderId === order.id);

function stamp(ctx: CallContext, row: Row, fields: Row, flag: string, date: string, user: string) {
	if (fields[flag] === undefined) return;
	row[date] = row[flag] === 'Y' ? now() : null;
	if (user) row[user] = row[flag] === 'Y' ? (row[user] ?? ctx.auth.userId) : null;
}

const order: Entity = {
	kind: 'order',
	method: 'sale.order',
	rowsKey: 'orders',
	create(ctx, _st, fields, id) {
		requireFields(fields, ['lid', 'personTypeId', 'currency']);
		const row: Row = { id, accountNumber: String(id), additionalInfo: '', affiliateId: null };
		Object.assign(row, { canceled: 'N', clients: [], comments: '', companyId: 0 });
		Object.assign(row, { dateCanceled: null, dateInsert: now(), dateMarked: null });
		Object.assign(row, { dateStatus: now(), dateUpdate: now(), deducted: 'N', discountValue: 0 });
		Object.assign(row, { empCanceledId: null, empMarkedId: null, empStatusId: ctx.auth.userId });
		Object.assign(row, { externalOrder: 'N', id1c: '', lockedBy: '', marked: 'N', orderTopic: '' });
		Object.assign(row, { payed: 'N', personTypeXmlId: '', price: 0, reasonCanceled: '' });
		Object.assign(row, {
			reasonMarked: '',
			recountFlag: 'N',
			recurringId: null,
			requisiteLink: [],
		});
		Object.assign(row, { responsibleId: null, statusId: 'N', statusXmlId: '', updated1c: 'N' });
		Object.assign(row, { userDescription: '', userId: null, version1c: '', xmlId: '' });
		apply('order', row, fields, true);
		return row;
	},
	update(ctx, _st, row, fields) {
		const status = row.statusId;
		apply('order', row, fields, false);
		if (row.statusId !== status)
			Object.assign(row, { dateStatus: now(), empStatusId: ctx.auth.userId });
		stamp(ctx, row, fields, 'canceled', 'dateCanceled', 'empCanceledId');
		stamp(ctx, row, fields, 'marked', 'dateMarked', 'empMarkedId');
	},
	// sale-order-get.md: the order with its lines, payments and shipments
	view: (st, row) => ({
		...row,
		basketItems: of(st, 'basketItem', row),
		payments: of(st, 'payment', row),
		propertyValues: [],
		shipments: of(st, 'shipment', row).map((s) => ({ ...s, shipmentItems: [] })),
		tradeBindings: [],
	}),
	remove(st, row) {
		if (of(st, 'payment', row).some((payment) => payment.paid === 'Y'))
			throw saleError('SALE_ORDER_CANCEL_PAYMENT_EXIST_ACTIVE', 'The order has active payments');
		for (const kind of ['basketItem', 'payment', 'shipment'] as Kind[])
			for (const child of of(st, kind, row)) st.rows[kind].delete(Number(child.id));
	},
};

/** A line's price: by hand (customPrice Y) or the product's base price in the catalog. */
function priceLine(ctx: CallContext, row: Row, fields: Row): void {
	if (row.customPrice === 'Y') {
		const price = Number(row.price ?? 0);
		row.discountPrice = Number(fields.discountPrice ?? row.discountPrice ?? 0);
		row.basePrice = Number(fields.basePrice ?? price + Number(row.discountPrice));
		return;
	}
	const base = [...catalogState(ctx.portal.store).prices.values()].find(
		(p) => Number(p.productId) === row.productId && Number(p.catalogGroupId) === 1,
	);
	if (base) Object.assign(row, { price: Number(base.price), basePrice: Number(base.price) });
	Object.assign(row, { discountPrice: 0 });
}

const basketItem: Entity = {
	kind: 'basketItem',
	method: 'sale.basketitem',
	rowsKey: 'basketItems',
	create(ctx, _st, fields, id) {
		if (!given(fields.orderId)) throw saleError(200140400008, 'Required fields: fields[ORDER_ID]');
		const target = orderOf(ctx, fields, [200140400009, 'Order not found']);
		requireFields(fields, ['productId', 'currency', 'quantity']);
		if (String(fields.currency) !== target.currency)
			throw saleError(200140400011, 'Currency must be the currency of the order');
		const productId = Number(fields.productId);
		const product = productId ? catalogElement(ctx.portal.store, productId) : undefined;
		if (productId && (!product || product.active === 'N'))
			throw saleError(200140400007, 'basket item is not saved - bad data');
		if (!product) requireFields(fields, ['name']);
		const row: Row = { id, orderId: target.id, basePrice: 0, canBuy: 'Y', catalogXmlId: '' };
		Object.assign(row, { currency: target.currency, customPrice: 'N', dateInsert: now() });
		Object.assign(row, { dateUpdate: now(), discountPrice: 0, measureCode: '796' });
		Object.assign(row, { measureName: 'pcs', name: product?.name ?? '', price: 0 });
		Object.assign(row, { productId, productXmlId: product ? String(productId) : '' });
		Object.assign(row, { properties: [], quantity: 1, reservations: [], sort: 100 });
		Object.assign(row, { vatIncluded: 'N', vatRate: null, weight: 0, xmlId: `bx_${id}` });
		apply('basketItem', row, fields, true);
		priceLine(ctx, row, fields);
		return row;
	},
	update(ctx, _st, row, fields) {
		apply('basketItem', row, fields, false);
		if (row.customPrice === 'Y') priceLine(ctx, row, fields);
		row.dateUpdate = now();
	},
};

function paySystemOf(fields: Row): Row {
	const system = SEED_PAY_SYSTEMS.find((ps) => ps.ID === Number(fields.paySystemId));
	// undocumented text: the pages list only code 0 for errors of the fields
	if (!system) throw saleError(0, 'Payment system not found');
	return { paySystemId: system.ID, paySystemName: system.NAME, paySystemIsCash: system.IS_CASH };
}

const payment: Entity = {
	kind: 'payment',
	method: 'sale.payment',
	rowsKey: 'payments',
	create(ctx, st, fields, id) {
		requireFields(fields, ['orderId', 'paySystemId']);
		// the shipment page's text for an order that does not exist (the payment pages give none)
		const target = orderOf(ctx, fields, [0, 'Unable to load order']);
		const row: Row = { id, orderId: target.id, accountNumber: documentNumber(st, target) };
		Object.assign(row, { comments: '', companyId: 0, currency: target.currency, dateBill: now() });
		Object.assign(row, { dateMarked: null, datePaid: null, empPaidId: null, isReturn: 'N' });
		Object.assign(row, { marked: 'N', paid: 'N', psStatus: null, responsibleId: null, sum: 0 });
		Object.assign(row, { xmlId: `bx_${id}`, ...paySystemOf(fields) });
		apply('payment', row, fields, true);
		stamp(ctx, row, fields, 'paid', 'datePaid', 'empPaidId');
		return row;
	},
	update(ctx, _st, row, fields) {
		requireFields(fields, ['paySystemId']);
		Object.assign(row, paySystemOf(fields));
		apply('payment', row, fields, false);
		stamp(ctx, row, fields, 'paid', 'datePaid', 'empPaidId');
	},
};

function deliveryOf(fields: Row): Row {
	const service = SEED_DELIVERIES.find((d) => d.ID === Number(fields.deliveryId));
	if (!service)
		throw saleError('SALE_SHIPMENT_WRONG_DELIVERY_SERVICE', 'Delivery service not found');
	return { deliveryId: service.ID, deliveryName: service.NAME };
}

function priceDelivery(row: Row, fields: Row): void {
	if (given(fields.basePriceDelivery)) row.priceDelivery = Number(fields.basePriceDelivery);
	else if (given(fields.priceDelivery)) row.basePriceDelivery = Number(fields.priceDelivery);
}

const SHIPMENT_REQUIRED = ['allowDelivery', 'deducted', 'deliveryId'];
const shipment: Entity = {
	kind: 'shipment',
	method: 'sale.shipment',
	rowsKey: 'shipments',
	create(ctx, st, fields, id) {
		if (!given(fields.orderId)) requireFields(fields, ['orderId']);
		const target = orderOf(ctx, fields, [0, 'Unable to load order']);
		requireFields(fields, SHIPMENT_REQUIRED);
		const row: Row = { id, orderId: target.id, accountNumber: documentNumber(st, target) };
		Object.assign(row, { basePriceDelivery: 0, canceled: 'N', comments: '', companyId: 0 });
		Object.assign(row, { currency: target.currency, dateAllowDelivery: null, dateDeducted: null });
		Object.assign(row, { dateInsert: now(), deliveryDocDate: null, deliveryDocNum: '' });
		Object.assign(row, { empDeductedId: null, marked: 'N', priceDelivery: 0, responsibleId: null });
		Object.assign(row, { statusId: 'DN', system: 'N', trackingNumber: '', xmlId: `bx_${id}` });
		Object.assign(row, deliveryOf(fields));
		apply('shipment', row, fields, true);
		priceDelivery(row, fields);
		stamp(ctx, row, fields, 'deducted', 'dateDeducted', 'empDeductedId');
		stamp(ctx, row, fields, 'allowDelivery', 'dateAllowDelivery', '');
		return row;
	},
	update(ctx, _st, row, fields) {
		requireFields(fields, SHIPMENT_REQUIRED);
		Object.assign(row, deliveryOf(fields));
		apply('shipment', row, fields, false);
		priceDelivery(row, fields);
		stamp(ctx, row, fields, 'deducted', 'dateDeducted', 'empDeductedId');
		stamp(ctx, row, fields, 'allowDelivery', 'dateAllowDelivery', '');
	},
	remove(_st, row) {
		if (row.deducted === 'Y')
			throw saleError(
				'SALE_SHIPMENT_EXIST_SHIPPED',
				'The shipment has already been shipped. Please cancel the shipment',
			);
	},
};

function crud(entity: Entity): MethodDef[] {
	const { kind, method } = entity;
	const st = (ctx: CallContext) => saleState(ctx.portal.store);
	const answer = (ctx: CallContext, row: Row) => ({
		result: { [kind]: entity.view ? entity.view(st(ctx), row) : { ...row } },
	});
	const def = (name: string, handler: MethodDef['handler']): MethodDef => ({
		name: `${method}.${name}`,
		scope: 'sale',
		handler,
	});
	return [
		def('add', (ctx) => {
			const state = st(ctx);
			const row = entity.create(ctx, state, fieldsOf(ctx), state.next[kind]);
			state.next[kind]++;
			state.rows[kind].set(Number(row.id), row);
			if (kind === 'payment') refreshPayed(state, row.orderId);
			return answer(ctx, row);
		}),
		def('get', (ctx) => answer(ctx, find(ctx, kind))),
		def('update', (ctx) => {
			const row = find(ctx, kind);
			const next = { ...row };
			entity.update(ctx, st(ctx), next, fieldsOf(ctx));
			Object.assign(row, next);
			if (kind === 'payment') refreshPayed(st(ctx), row.orderId);
			return answer(ctx, row);
		}),
		def('delete', (ctx) => {
			const row = find(ctx, kind);
			entity.remove?.(st(ctx), row);
			st(ctx).rows[kind].delete(Number(row.id));
			if (kind === 'payment') refreshPayed(st(ctx), row.orderId);
			return { result: true };
		}),
		def('list', (ctx) => saleList(ctx, kind, [...st(ctx).rows[kind].values()], entity.rowsKey)),
		def('getFields', () => ({ result: { [kind]: describe(kind) } })),
	];
}

export const methods: MethodDef[] = [
	...[order, basketItem, payment, shipment].flatMap(crud),
	...referenceMethods,
];
