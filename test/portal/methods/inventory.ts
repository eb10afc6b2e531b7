/**
 * Inventory management as bitrix24/b24restdocs api-reference/catalog/ describes it: stores
 * (store/catalog-store-{add,get,list,update,delete,get-fields}.md, answers `store` / `stores`),
 * stock per store (store-product/catalog-store-product-{list,get,get-fields}.md, `storeProduct` /
 * `storeProducts`), inventory documents (document/catalog-document-{add,list,update,delete,
 * conduct,cancel,get-fields}.md, `document` / `documents`) and their products
 * (document/document-element/catalog-document-element-{add,list,update,delete,get-fields}.md,
 * `documentElement` / `documentElements`; inventory-documents.ts), units of measure and VAT rates
 * (inventory-units.ts).
 *
 * Stock rows appear when documents are conducted. Stores answer numeric error codes, documents "0", document products ERROR_DOCUMENT_*, as the
 * pages show. Rights, the plan and the supplier check of conducting are not modelled.
 */
import type { CallContext, MethodDef } from '../registry';
import type { CatalogRow } from './catalog';
import { catalogError, fieldsOf, given, idOf, list } from './catalog';
import { documentMethods } from './inventory-documents';
import { assign, DATE, describe, INT, inventoryState, now, resolve, STR } from './inventory-state';
import { unitMethods } from './inventory-units';

export { inventoryState } from './inventory-state';

const STORE_FIELDS = describe({
	active: ['char'],
	address: ['string', 1],
	code: STR,
	dateCreate: DATE,
	dateModify: DATE,
	description: STR,
	email: STR,
	gpsN: ['double'],
	gpsS: ['double'],
	id: ['integer', undefined, 1],
	imageId: ['file'],
	issuingCenter: ['char'],
	modifiedBy: INT,
	phone: STR,
	schedule: STR,
	sort: INT,
	title: STR,
	userId: INT,
	xmlId: STR,
});
const STOCK_FIELDS = describe({
	amount: ['double', undefined, 1],
	id: ['integer', undefined, 1],
	productId: ['integer', undefined, 1],
	quantityReserved: ['double', undefined, 1],
	storeId: ['integer', undefined, 1],
});
// ---------------------------------------------------------------- stores

const STORE_EDITABLE = [
	'address',
	'title',
	'active',
	'description',
	'gpsN',
	'gpsS',
	'phone',
	'schedule',
	'xmlId',
	'sort',
	'email',
	'issuingCenter',
	'code',
	'userId',
	'modifiedBy',
];

function findStore(ctx: CallContext): CatalogRow {
	const row = inventoryState(ctx.portal.store).stores.get(idOf(ctx));
	if (!row) throw catalogError(201100000000, 'Store with the specified identifier not found');
	return row;
}

function applyImage(row: CatalogRow, fields: Record<string, unknown>): void {
	const image = fields.imageId as { fileData?: unknown[]; remove?: unknown } | undefined;
	if (image?.remove === 'Y') row.imageId = null;
	else if (Array.isArray(image?.fileData))
		row.imageId = { id: Number(row.id), url: `/upload/catalog/store/${String(image.fileData[0])}` };
}

export const methods: MethodDef[] = [
	...storeMethods(),
	...documentMethods(),
	...unitMethods(),
	{
		name: 'catalog.storeproduct.getFields',
		scope: 'catalog',
		handler: () => ({ result: { storeProduct: STOCK_FIELDS } }),
	},
	{
		name: 'catalog.storeproduct.get',
		scope: 'catalog',
		handler: (ctx) => {
			const row = inventoryState(ctx.portal.store).stock.get(idOf(ctx));
			if (!row) throw catalogError(0, 'Store product does not exist');
			return { result: { storeProduct: { ...row } } };
		},
	},
	{
		name: 'catalog.storeproduct.list',
		scope: 'catalog',
		handler: (ctx) =>
			list(ctx, [...inventoryState(ctx.portal.store).stock.values()], 'storeProducts', resolve),
	},
];

function storeMethods(): MethodDef[] {
	return [
		{
			name: 'catalog.store.getFields',
			scope: 'catalog',
			handler: () => ({ result: { store: STORE_FIELDS } }),
		},
		{
			name: 'catalog.store.add',
			scope: 'catalog',
			handler: (ctx) => {
				const st = inventoryState(ctx.portal.store);
				const fields = fieldsOf(ctx);
				if (!given(fields.address))
					throw catalogError(0, 'Parameter address is not specified or is empty');
				const row: CatalogRow = {
					active: 'Y',
					address: null,
					code: null,
					dateCreate: now(),
					dateModify: now(),
					description: null,
					email: null,
					gpsN: null,
					gpsS: null,
					id: st.next.store++,
					imageId: null,
					issuingCenter: 'N',
					modifiedBy: ctx.auth.userId,
					phone: null,
					schedule: null,
					sort: 100,
					title: null,
					userId: ctx.auth.userId,
					xmlId: null,
				};
				assign(row, fields, STORE_EDITABLE);
				applyImage(row, fields);
				st.stores.set(Number(row.id), row);
				return { result: { store: { ...row } } };
			},
		},
		{
			name: 'catalog.store.get',
			scope: 'catalog',
			handler: (ctx) => ({ result: { store: { ...findStore(ctx) } } }),
		},
		{
			name: 'catalog.store.update',
			scope: 'catalog',
			handler: (ctx) => {
				const row = findStore(ctx);
				const fields = fieldsOf(ctx);
				if ('address' in fields && !given(fields.address))
					throw catalogError(0, 'Empty parameter address');
				assign(row, fields, STORE_EDITABLE);
				applyImage(row, fields);
				row.dateModify = now();
				row.modifiedBy = ctx.auth.userId;
				return { result: { store: { ...row } } };
			},
		},
		{
			name: 'catalog.store.delete',
			scope: 'catalog',
			handler: (ctx) => {
				const row = findStore(ctx);
				const st = inventoryState(ctx.portal.store);
				const id = Number(row.id);
				if ([...st.elements.values()].some((e) => e.storeFrom === id || e.storeTo === id))
					throw catalogError(0, 'Documents are issued for this warehouse');
				st.stores.delete(id);
				return { result: true };
			},
		},
		{
			name: 'catalog.store.list',
			scope: 'catalog',
			handler: (ctx) =>
				list(ctx, [...inventoryState(ctx.portal.store).stores.values()], 'stores', resolve),
		},
	];
}
