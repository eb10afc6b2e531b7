/**
 * What the sale pages (bitrix24/b24restdocs api-reference/sale/) give besides the records: the
 * fields getFields describes (name -> "type:flags", R required, O read-only, I immutable; as
 * sale-order-get-fields.md, sale-payment-get-fields.md and sale-shipment-get-fields.md list
 * them; sale-basket-item-get-fields.md shows three, the rest are sale_basket_item of
 * data-types.md with the add page's required fields), the lists' semantics, and the reference
 * lists: sale.status.list (status/index.md's defaults), sale.persontype.list, sale.delivery.getlist
 * and sale.paysystem.list (pay-system/sale-pay-system-list.md, scope `pay_system`), seeded with
 * the pages' examples.
 */
import { isoDate, parseDate, RestError } from '../envelope';
import { applyFilter, applyOrder, paginate, Resolver } from '../filter';
import { isObject } from '../php-query';
import { CallContext, MethodDef, MethodResult, param } from '../registry';
import type { Store } from '../store';

export type Row = Record<string, unknown>;
export type Kind = 'order' | 'basketItem' | 'payment' | 'shipment';

const fields = (text: string): Record<string, string> =>
	Object.fromEntries(
		text
			.trim()
			.split(/\s+/)
			.map((entry) => {
				const at = entry.indexOf('=');
				return [entry.slice(0, at), entry.slice(at + 1)];
			}),
	);

export interface SaleState {
	rows: Record<Kind, Map<number, Row>>;
	next: Record<Kind, number>;
}

export function saleState(store: Store): SaleState {
	return store.area<SaleState>('sale', () => ({
		rows: { order: new Map(), basketItem: new Map(), payment: new Map(), shipment: new Map() },
		next: { order: 1, basketItem: 1, payment: 1, shipment: 1 },
	}));
}

export const saleError = (code: number | string, text: string): RestError =>
	// the pages show the codes as JSON numbers
	new RestError(400, code as unknown as string, text);
const MISSING: Record<Kind, [number, string]> = {
	order: [200540400001, 'order does not exist'],
	basketItem: [200140400001, 'basket item does not exist'],
	payment: [200640400001, 'payment does not exist'],
	shipment: [201140400001, 'shipment does not exist'],
};
export const given = (value: unknown) => value !== undefined && value !== null && value !== '';
export const now = () => isoDate(Date.now());

export function fieldsOf(ctx: CallContext): Row {
	const fields = param(ctx.params, 'fields');
	if (!isObject(fields) || Object.keys(fields).length === 0)
		throw saleError(100, 'Could not find value for parameter {fields}');
	return fields as Row;
}

export function find(ctx: CallContext, kind: Kind, id = param(ctx.params, 'id')): Row {
	if (!given(id)) throw saleError(100, 'Could not find value for parameter {id}');
	const row = saleState(ctx.portal.store).rows[kind].get(Number(id));
	if (!row) throw saleError(...MISSING[kind]);
	return row;
}

export function requireFields(fields: Row, names: string[]): void {
	const absent = names.filter((name) => !given(fields[name]));
	if (absent.length) throw saleError(0, `Required fields: ${absent.join(', ')}`);
}

/** The writable fields of `kind` in `fields`, typed as getFields describes them. */
export function apply(kind: Kind, row: Row, fields: Row, creating: boolean): void {
	for (const [name, value] of Object.entries(fields)) {
		const [type, flags = ''] = (SALE_FIELDS[kind][name] ?? '').split(':');
		if (!type || flags.includes('O') || (!creating && flags.includes('I'))) continue;
		row[name] =
			value === null || value === ''
				? null
				: type === 'integer' || type === 'double'
					? Number(value)
					: type === 'datetime'
						? isoDate(parseDate(value) ?? Date.now())
						: value === true
							? 'Y'
							: value === false
								? 'N'
								: String(value);
	}
}

export const SALE_FIELDS: Record<Kind, Record<string, string>> = {
	order: fields(`
		accountNumber=string:O additionalInfo=string affiliateId=integer canceled=char comments=string
		companyId=integer currency=string:RI dateCanceled=datetime:O dateInsert=datetime
		dateLock=datetime:O dateMarked=datetime:O dateStatus=datetime:O dateUpdate=datetime:O
		deducted=char:O discountValue=double empCanceledId=integer empMarkedId=integer
		empStatusId=integer externalOrder=char id=integer:O id1c=string lid=string:RI lockedBy=char
		marked=char orderTopic=string payed=char:O personTypeId=integer:RI personTypeXmlId=string:O
		price=double reasonCanceled=string reasonMarked=string recountFlag=char recurringId=char
		responsibleId=integer statusId=char statusXmlId=string:O taxValue=double:O updated1c=char
		userDescription=string userId=integer:I version=integer:O version1c=string xmlId=string`),
	basketItem: fields(`
		basePrice=double canBuy=char catalogXmlId=string:I currency=string:RI customPrice=char
		dateInsert=datetime:O dateUpdate=datetime:O dimensions=string discountPrice=double id=integer:O
		measureCode=string measureName=string name=string:R orderId=integer:RI price=double
		productId=integer:RI productXmlId=string quantity=double:R sort=integer vatIncluded=char
		vatRate=double weight=double xmlId=string`),
	payment: fields(`
		accountNumber=string:O comments=string companyId=integer currency=string:O dateBill=datetime
		dateMarked=datetime:O datePaid=datetime datePayBefore=datetime dateResponsibleId=datetime:O
		empMarkedId=integer empPaidId=integer empResponsibleId=integer empReturnId=integer
		externalPayment=char id=integer:O id1c=string isReturn=char marked=char orderId=integer:RI
		paid=char payReturnComment=string payReturnDate=datetime payReturnNum=string
		paySystemId=integer:R paySystemIsCash=char:O paySystemName=string:O paySystemXmlId=string:O
		payVoucherDate=datetime payVoucherNum=string priceCod=double psCurrency=string
		psInvoiceId=string psResponseDate=datetime psStatus=char psStatusCode=string
		psStatusDescription=string psStatusMessage=string psSum=double reasonMarked=string
		responsibleId=integer sum=double updated1c=char version1c=string xmlId=string`),
	shipment: fields(`
		accountNumber=string:O allowDelivery=char:R basePriceDelivery=double canceled=char:O
		comments=string companyId=integer currency=string:O customPriceDelivery=char:O
		dateAllowDelivery=datetime:O dateCanceled=datetime:O dateDeducted=datetime:O
		dateInsert=datetime:O dateMarked=datetime:O dateResponsibleId=datetime:O deducted=char:R
		deliveryDocDate=datetime deliveryDocNum=string deliveryId=integer:R deliveryName=string:O
		deliveryXmlId=string:O discountPrice=double:O empAllowDeliveryId=integer:O
		empCanceledId=integer:O empDeductedId=integer:O empMarkedId=integer:O
		empResponsibleId=integer:O externalDelivery=char:O id=integer:O id1c=string:O marked=char:O
		orderId=integer:RI priceDelivery=double reasonMarked=string:O reasonUndoDeducted=string:O
		responsibleId=integer statusId=char statusXmlId=char:O system=char:O
		trackingDescription=string:O trackingLastCheck=string:O trackingNumber=string
		trackingStatus=string:O updated1c=char:O version1c=string:O xmlId=string`),
};

/** Payer types, statuses, payment systems and delivery services of the pages' examples. */
export const SEED_PERSON_TYPES = [
	{ id: 3, name: 'Individual', sort: '100' },
	{ id: 4, name: 'Legal Entity', sort: '110' },
];
// status/index.md: the default statuses of orders (O) and deliveries (D)
export const SEED_STATUSES = ['N:O:10', 'P:O:20', 'S:O:30', 'D:O:40', 'F:O:200']
	.concat(['DN:D:10', 'DD:D:20', 'DF:D:30'])
	.map((entry) => entry.split(':'))
	.map(([id, type, sort]) => ({
		color: null,
		id,
		notify: 'Y',
		sort: Number(sort),
		type,
		xmlId: null,
	}));
export const SEED_PAY_SYSTEMS = [
	{ ID: 117, NAME: 'Card Payment', IS_CASH: 'N', XML_ID: 'my_ps_id', ACTIVE: 'Y', SORT: 100 },
	{ ID: 118, NAME: 'New Card Payment', IS_CASH: 'N', XML_ID: 'my_ps_id', ACTIVE: 'Y', SORT: 100 },
].map((row) => ({ ...row, PSA_NAME: row.NAME, PERSON_TYPE_ID: 3, ENTITY_REGISTRY_TYPE: 'ORDER' }));
export const SEED_DELIVERIES = [
	{ ID: 196, NAME: 'Uber Taxi', PARENT_ID: null, DESCRIPTION: 'Uber Taxi Description' },
	{ ID: 197, NAME: 'Taxi', PARENT_ID: 196, DESCRIPTION: 'Taxi Delivery' },
	{ ID: 198, NAME: 'Cargo', PARENT_ID: 196, DESCRIPTION: 'Cargo Delivery' },
].map((row) => ({ ...row, ACTIVE: 'Y', CURRENCY: 'USD', SORT: 500 }));

/** Fields of seeded rows, typed as the rows hold them. */
const typed =
	(rows: Row[]): Resolver<Row> =>
	(field) => ({
		def: { type: typeof rows[0][field] === 'number' ? 'integer' : 'string' },
		get: (row) => row[field],
	});

/** sale.status.list / sale.persontype.list: rows under `statuses` / `personTypes`, 50 a page. */
function reference(name: string, key: string, rows: Row[]): MethodDef {
	return {
		name,
		scope: 'sale',
		handler: (ctx) => {
			const filtered = applyFilter(rows, param(ctx.params, 'filter'), typed(rows));
			const ordered = applyOrder(filtered, param(ctx.params, 'order'), typed(rows), () => 0);
			const page = paginate(ordered, param(ctx.params, 'start'));
			const items = page.items.map((row) => project(row, param(ctx.params, 'select')));
			return { result: { [key]: items }, total: page.total, next: page.next };
		},
	};
}

/** sale.paysystem.list / sale.delivery.getlist: SELECT / FILTER / ORDER, UPPER_CASE rows at `result`, no paging. */
function upperList(name: string, rows: Row[], scope: string): MethodDef {
	return {
		name,
		scope,
		handler: (ctx) => {
			const matched = applyFilter(rows, param(ctx.params, 'FILTER'), typed(rows));
			const ordered = applyOrder(matched, param(ctx.params, 'ORDER'), typed(rows), (row) =>
				Number(row.ID),
			);
			return { result: ordered.map((row) => project(row, param(ctx.params, 'SELECT'))) };
		},
	};
}

/** The row with only the selected fields (none selected: all of them). */
function project(row: Row, raw: unknown): Row {
	const select = (Array.isArray(raw) ? raw : isObject(raw) ? Object.values(raw) : []).map(String);
	return select.length
		? Object.fromEntries(select.filter((n) => n in row).map((n) => [n, row[n]]))
		: { ...row };
}

const resolver =
	(kind: Kind): Resolver<Row> =>
	(name) => {
		const type = (SALE_FIELDS[kind][name] ?? 'string').split(':')[0];
		return { def: { type: type === 'char' ? 'string' : type }, get: (row) => row[name] };
	};

export function saleList(ctx: CallContext, kind: Kind, rows: Row[], key: string): MethodResult {
	const filtered = applyFilter(rows, param(ctx.params, 'filter'), resolver(kind));
	const ordered = applyOrder(filtered, param(ctx.params, 'order'), resolver(kind), (row) =>
		Number(row.id),
	);
	const page = paginate(ordered, param(ctx.params, 'start'));
	const items = page.items.map((row) => project(row, param(ctx.params, 'select')));
	return { result: { [key]: items }, total: page.total, next: page.next };
}

export function describe(kind: Kind): Row {
	return Object.fromEntries(
		Object.entries(SALE_FIELDS[kind]).map(([name, spec]) => {
			const [type, flags = ''] = spec.split(':');
			const meta = { isImmutable: flags.includes('I'), isReadOnly: flags.includes('O') };
			return [name, { ...meta, isRequired: flags.includes('R'), type }];
		}),
	);
}

export const referenceMethods: MethodDef[] = [
	reference('sale.status.list', 'statuses', SEED_STATUSES),
	reference('sale.persontype.list', 'personTypes', SEED_PERSON_TYPES),
	upperList('sale.paysystem.list', SEED_PAY_SYSTEMS, 'pay_system'),
	upperList('sale.delivery.getlist', SEED_DELIVERIES, 'sale'),
];
