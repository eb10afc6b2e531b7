import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { bitrix24Call } from '../../../shared/transport';
import type { ParamSpec } from '../method-table/spec';
import { chosenId } from '../tasks/subrecord-search';

/**
 * The pickers of the sale area: orders, their basket items, payments and shipments From List
 * (sale.*.list, 50 rows a page, `start` as the pages say), payer types and statuses to load.
 */
type Locator = NonNullable<ParamSpec['locator']>;
type ListSearch = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

export const ORDER_LOCATOR: Locator = { searchListMethod: 'searchSaleOrders' };
export const BASKET_ITEM_LOCATOR: Locator = { searchListMethod: 'searchSaleBasketItems' };
export const PAYMENT_LOCATOR: Locator = { searchListMethod: 'searchSalePayments' };
export const SHIPMENT_LOCATOR: Locator = { searchListMethod: 'searchSaleShipments' };

interface Source {
	method: string;
	rowsKey: string;
	select: string[];
	/** the filter a typed text becomes */
	filterOf: (text: string) => IDataObject;
	name: (row: IDataObject) => string;
}

const byNumber = (text: string): IDataObject => ({ '%accountNumber': text });

function saleSearch(source: Source, ofOrder: boolean): ListSearch {
	return async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		// the order chosen in the form, when there is one: its lines, payments and shipments
		const order = ofOrder ? chosenId(this, 'orderId') : undefined;
		const envelope = await bitrix24Call(this, source.method, {
			select: source.select,
			filter: {
				...(order ? { orderId: order } : {}),
				...(filter ? source.filterOf(filter) : {}),
			},
			order: { id: 'DESC' },
			start: Number(paginationToken ?? 0),
		});
		const rows = ((envelope.result as IDataObject)?.[source.rowsKey] ?? []) as IDataObject[];
		return {
			results: rows.map((row) => ({ name: source.name(row), value: String(row.id) })),
			paginationToken: envelope.next === undefined ? undefined : String(envelope.next),
		};
	};
}

const money = (row: IDataObject, key: string) => `${String(row[key])} ${String(row.currency)}`;

export const saleSearches: Record<string, ListSearch> = {
	searchSaleOrders: saleSearch(
		{
			method: 'sale.order.list',
			rowsKey: 'orders',
			select: ['id', 'accountNumber', 'price', 'currency'],
			filterOf: byNumber,
			name: (row) => `Order ${String(row.accountNumber ?? row.id)} (${money(row, 'price')})`,
		},
		false,
	),
	searchSaleBasketItems: saleSearch(
		{
			method: 'sale.basketitem.list',
			rowsKey: 'basketItems',
			select: ['id', 'orderId', 'name', 'quantity'],
			filterOf: (text) => ({ '%name': text }),
			name: (row) => `${String(row.name)} × ${String(row.quantity)} (order ${String(row.orderId)})`,
		},
		true,
	),
	searchSalePayments: saleSearch(
		{
			method: 'sale.payment.list',
			rowsKey: 'payments',
			select: ['id', 'accountNumber', 'sum', 'currency'],
			filterOf: byNumber,
			name: (row) => `Payment ${String(row.accountNumber ?? row.id)} (${money(row, 'sum')})`,
		},
		true,
	),
	searchSaleShipments: saleSearch(
		{
			method: 'sale.shipment.list',
			rowsKey: 'shipments',
			select: ['id', 'accountNumber', 'deliveryName'],
			filterOf: byNumber,
			name: (row) =>
				`Shipment ${String(row.accountNumber ?? row.id)} (${String(row.deliveryName ?? '')})`,
		},
		true,
	),
};

async function statuses(ctx: ILoadOptionsFunctions, type: 'O' | 'D') {
	const envelope = await bitrix24Call(ctx, 'sale.status.list', {
		filter: { type },
		order: { sort: 'ASC' },
	});
	const rows = ((envelope.result as IDataObject)?.statuses ?? []) as IDataObject[];
	// sale.status.list has no names (they live in sale.statusLang.*): the ID is what users know
	return rows.map((row) => ({ name: String(row.id), value: String(row.id) }));
}

function upperRows(result: unknown): INodePropertyOptions[] {
	const rows = (Array.isArray(result) ? result : []) as IDataObject[];
	return rows.map((row) => ({
		name: `${String(row.NAME)} (${String(row.ID)})`,
		value: Number(row.ID),
	}));
}

export const saleLoadOptions: Record<
	string,
	(this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>
> = {
	/** The payer types of the store (sale.persontype.list) */
	async getSalePersonTypes() {
		const envelope = await bitrix24Call(this, 'sale.persontype.list', {
			select: ['id', 'name'],
			order: { sort: 'ASC' },
		});
		const rows = ((envelope.result as IDataObject)?.personTypes ?? []) as IDataObject[];
		return rows.map((row) => ({
			name: `${String(row.name)} (${String(row.id)})`,
			value: Number(row.id),
		}));
	},
	/** Payment systems (sale.paysystem.list, scope pay_system: rows in UPPER_CASE) */
	async getSalePaySystems() {
		const envelope = await bitrix24Call(this, 'sale.paysystem.list', {
			SELECT: ['ID', 'NAME'],
			ORDER: { SORT: 'ASC' },
		});
		return upperRows(envelope.result);
	},
	/** Delivery services (sale.delivery.getlist: rows in UPPER_CASE) */
	async getSaleDeliveryServices() {
		const envelope = await bitrix24Call(this, 'sale.delivery.getlist', {
			SELECT: ['ID', 'NAME'],
			ORDER: { SORT: 'ASC' },
		});
		return upperRows(envelope.result);
	},
	/** Order statuses (sale.status.list, type O) */
	async getSaleOrderStatuses() {
		return await statuses(this, 'O');
	},
	/** Delivery statuses (sale.status.list, type D) */
	async getSaleDeliveryStatuses() {
		return await statuses(this, 'D');
	},
};
