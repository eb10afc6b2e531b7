/**
 * Products with variations, as bitrix24/b24restdocs api-reference/catalog/product/ describes them:
 * parent products (sku/catalog-product-sku-{add,get,update,delete,list}.md, answers `sku` and
 * rows `units`) live in a product catalog; their variations (offer/catalog-product-offer-{add,
 * get,update,delete,list}.md, answers `offer` and rows `offers`) in its offers catalog, the one
 * whose productIblockId is set. A variation names its parent in parentId, which it returns as
 * the SKU property's value `{value, valueId}`; type 4 is a variation of a product, 5 one without.
 * A parent product is type 3. Errors are the numeric codes of catalog.ts; where a page gives
 * only code 0 the text is the page's.
 */
import type { Resolver } from '../filter';
import { phpInt } from '../php-query';
import type { CallContext, MethodDef } from '../registry';
import type { CatalogRow, CatalogState } from './catalog';
import {
	applyProduct,
	catalogError,
	catalogState,
	fieldsOf,
	filterIblock,
	given,
	idOf,
	list,
	newProductRow,
	requireFields,
	resolve,
	selectOf,
} from './catalog';

const NO_IBLOCK = 'Information block with the specified identifier does not exist';

/** The catalog an element of this kind is added to: a product catalog, or an offers one. */
function catalogFor(st: CatalogState, iblockId: unknown, offers: boolean): CatalogRow {
	const catalog = st.catalogs.find((c) => c.iblockId === Number(iblockId));
	if (!catalog || (catalog.productIblockId !== null) !== offers)
		throw catalogError(200040300000, NO_IBLOCK);
	return catalog;
}

/** parentId as add takes it (an ID) or update does ({value, valueId}). */
function parentOf(st: CatalogState, catalog: CatalogRow, raw: unknown): number | null {
	const value =
		raw && typeof raw === 'object' && 'value' in raw ? (raw as { value: unknown }).value : raw;
	if (!given(value)) return null;
	const id = phpInt(value);
	const parent = st.skus.get(id);
	// the pages document no text for an unknown parent product (code 0, "Other errors"): the portal's own
	if (!parent || parent.iblockId !== catalog.productIblockId)
		throw catalogError(0, 'Parent product with the specified identifier does not exist');
	return id;
}

function setParent(st: CatalogState, row: CatalogRow, parent: number | null): void {
	row.parentId =
		parent === null ? null : { value: String(parent), valueId: String(st.nextValue++) };
	row.type = parent === null ? 5 : 4;
}

const offerResolve: Resolver<CatalogRow> = (name) =>
	name === 'parentId'
		? {
				def: { type: 'integer' },
				get: (row) => (row.parentId as { value?: string } | null)?.value ?? null,
			}
		: resolve(name);

function requireListShape(ctx: CallContext, method: string): void {
	const select = selectOf(ctx);
	if (!select.includes('id') || !select.includes('iblockId'))
		throw catalogError(0, 'Required select fields: id, iblockId');
	filterIblock(ctx, method);
}

function find(ctx: CallContext, rows: Map<number, CatalogRow>, missing: string): CatalogRow {
	const row = rows.get(idOf(ctx));
	if (!row) throw catalogError(0, missing);
	return row;
}

function checkIblock(row: CatalogRow, fields: Record<string, unknown>, text: string): void {
	if (given(fields.iblockId) && Number(fields.iblockId) !== row.iblockId)
		throw catalogError(0, text);
}

const skuMethods: MethodDef[] = [
	{
		name: 'catalog.product.sku.add',
		scope: 'catalog',
		handler: (ctx) => {
			const st = catalogState(ctx.portal.store);
			const fields = fieldsOf(ctx);
			requireFields(fields, ['iblockId', 'name']);
			const catalog = catalogFor(st, fields.iblockId, false);
			const id = st.nextProduct;
			// the page's answer to an add shows a parent product as type 3
			const row: CatalogRow = {
				...newProductRow(ctx, id, Number(catalog.iblockId), 3),
				subscribe: 'D',
			};
			// fields of variations only (catalog_product_sku has none of them)
			for (const name of ['quantityReserved', 'quantityTrace', 'barcodeMulti']) delete row[name];
			applyProduct(
				ctx,
				st,
				row,
				fields,
				st.skus,
				'A parent product with the specified symbolic code already exists',
			);
			st.nextProduct++;
			st.skus.set(id, row);
			return { result: { sku: { ...row } } };
		},
	},
	{
		name: 'catalog.product.sku.get',
		scope: 'catalog',
		handler: (ctx) => ({
			result: {
				sku: {
					...find(ctx, catalogState(ctx.portal.store).skus, 'The parent product does not exist'),
				},
			},
		}),
	},
	{
		name: 'catalog.product.sku.update',
		scope: 'catalog',
		handler: (ctx) => {
			const st = catalogState(ctx.portal.store);
			const row = find(ctx, st.skus, 'Main product with the specified identifier does not exist');
			const fields = fieldsOf(ctx);
			checkIblock(
				row,
				fields,
				'Main product with the specified identifier does not exist in the information block with the specified identifier',
			);
			const next = { ...row };
			applyProduct(
				ctx,
				st,
				next,
				fields,
				st.skus,
				'A parent product with the specified symbolic code already exists',
			);
			Object.assign(row, next);
			return { result: { sku: { ...row } } };
		},
	},
	{
		name: 'catalog.product.sku.delete',
		scope: 'catalog',
		handler: (ctx) => {
			const st = catalogState(ctx.portal.store);
			const row = find(ctx, st.skus, 'The parent product does not exist');
			st.skus.delete(Number(row.id));
			return { result: true };
		},
	},
	{
		name: 'catalog.product.sku.list',
		scope: 'catalog',
		handler: (ctx) => {
			requireListShape(ctx, 'catalog.product.sku.list');
			return list(ctx, [...catalogState(ctx.portal.store).skus.values()], 'units');
		},
	},
];

const OFFER_CODE_TAKEN = 'Product variation with the specified symbolic code already exists';

const offerMethods: MethodDef[] = [
	{
		name: 'catalog.product.offer.add',
		scope: 'catalog',
		handler: (ctx) => {
			const st = catalogState(ctx.portal.store);
			const fields = fieldsOf(ctx);
			requireFields(fields, ['iblockId', 'name']);
			const catalog = catalogFor(st, fields.iblockId, true);
			const parent = parentOf(st, catalog, fields.parentId);
			const id = st.nextProduct;
			// subscribe and quantityTrace default to D on this page
			const row: CatalogRow = {
				...newProductRow(ctx, id, Number(catalog.iblockId), 4),
				subscribe: 'D',
				quantityTrace: 'D',
			};
			applyProduct(ctx, st, row, fields, st.offers, OFFER_CODE_TAKEN);
			setParent(st, row, parent);
			st.nextProduct++;
			st.offers.set(id, row);
			return { result: { offer: { ...row } } };
		},
	},
	{
		name: 'catalog.product.offer.get',
		scope: 'catalog',
		handler: (ctx) => ({
			result: {
				offer: {
					...find(
						ctx,
						catalogState(ctx.portal.store).offers,
						'The product variation does not exist',
					),
				},
			},
		}),
	},
	{
		name: 'catalog.product.offer.update',
		scope: 'catalog',
		handler: (ctx) => {
			const st = catalogState(ctx.portal.store);
			const row = find(
				ctx,
				st.offers,
				'Product variation with the specified identifier does not exist',
			);
			const fields = fieldsOf(ctx);
			checkIblock(
				row,
				fields,
				'Product variation with the specified identifier does not exist in the information block with the specified identifier',
			);
			const catalog = catalogFor(st, row.iblockId, true);
			const next = { ...row };
			applyProduct(ctx, st, next, fields, st.offers, OFFER_CODE_TAKEN);
			if (fields.parentId !== undefined)
				setParent(st, next, parentOf(st, catalog, fields.parentId));
			Object.assign(row, next);
			return { result: { offer: { ...row } } };
		},
	},
	{
		name: 'catalog.product.offer.delete',
		scope: 'catalog',
		handler: (ctx) => {
			const st = catalogState(ctx.portal.store);
			const row = find(ctx, st.offers, 'The product variation does not exist');
			st.offers.delete(Number(row.id));
			return { result: true };
		},
	},
	{
		name: 'catalog.product.offer.list',
		scope: 'catalog',
		handler: (ctx) => {
			requireListShape(ctx, 'catalog.product.offer.list');
			return list(ctx, [...catalogState(ctx.portal.store).offers.values()], 'offers', offerResolve);
		},
	},
];

export const methods: MethodDef[] = [...skuMethods, ...offerMethods];
