/**
 * The trade catalog (scope `catalog`) as bitrix24/b24restdocs api-reference/catalog/ describes it:
 * catalog/catalog-catalog-{list,get}.md, product/catalog-product-{add,get,update,delete,list}.md,
 * section/catalog-section-{add,get,update,delete,list}.md, price/catalog-price-{add,get,update,
 * delete,list}.md and price-type/catalog-price-type-list.md. Fields are camelCase and typed; answers wrap the object (`element`, `product`,
 * `section`, `price`) or the rows (`products`, `sections`, `prices`, `catalogs`).
 *
 * Errors are HTTP 400 with a NUMERIC code, as the pages show (`"error": 200040300010`); where a page
 * gives only a description (code 0), the description is the text. Rights are not modelled.
 * catalog-section-list.md shows `sections` beside `result`; the portal puts them under `result` as
 * every other catalog list does.
 */
import { isoDate, RestError } from '../envelope';
import { applyFilter, applyOrder, paginate, Resolver } from '../filter';
import { isObject } from '../php-query';
import { CallContext, MethodDef, MethodResult, param } from '../registry';
import type { Store } from '../store';

type Value = string | number | null | Record<string, unknown> | unknown[];
export type CatalogRow = Record<string, Value>;

export interface CatalogState {
	catalogs: CatalogRow[];
	/** catalog.priceType ids: 1 is the base price */
	priceTypes: number[];
	/** simple products (catalog.product.*, type 1) */
	products: Map<number, CatalogRow>;
	/** parent products (catalog.product.sku.*, type 3) and variations (catalog.product.offer.*, 4 or 5) */
	skus: Map<number, CatalogRow>;
	offers: Map<number, CatalogRow>;
	sections: Map<number, CatalogRow>;
	prices: Map<number, CatalogRow>;
	/** every product, parent product and variation is an element of one sequence */
	nextProduct: number;
	nextSection: number;
	nextPrice: number;
	nextValue: number;
}

/** The price types of a new portal (the rows of catalog-price-type-list.md): 1 is the base price. */
export const SEED_PRICE_TYPES = [
	{ id: 1, name: 'BASE', base: 'Y', sort: 100, xmlId: 'BASE' },
	{ id: 2, name: 'Base wholesale price', base: 'N', sort: 200, xmlId: 'basewholesale' },
];

/** A new portal's CRM catalog and its offers catalog (the shapes of catalog-catalog-list.md). */
export const SEED_CATALOGS = [
	{ id: 23, iblockId: 23, name: 'CRM product catalog', productIblockId: null, skuPropertyId: null },
	{
		id: 24,
		iblockId: 24,
		name: 'CRM product catalog (offers)',
		productIblockId: 23,
		skuPropertyId: 97,
	},
];

export function catalogState(store: Store): CatalogState {
	return store.area<CatalogState>('catalog', () => ({
		catalogs: SEED_CATALOGS.map((c) => ({
			...c,
			iblockTypeId: 0,
			lid: 's1',
			subscription: 'N',
			vatId: null,
		})),
		priceTypes: SEED_PRICE_TYPES.map((type) => type.id),
		products: new Map(),
		skus: new Map(),
		offers: new Map(),
		sections: new Map(),
		prices: new Map(),
		nextProduct: 1,
		nextSection: 1,
		nextPrice: 1,
		nextValue: 1,
	}));
}

/**
 * The catalog element a product row names by productId: a simple product, a variation or a
 * parent product (product rows take their name from it when they give none).
 */
export function catalogElement(store: Store, id: number): CatalogRow | undefined {
	const st = catalogState(store);
	return st.products.get(id) ?? st.offers.get(id) ?? st.skus.get(id);
}

export function catalogError(code: number, description: string): RestError {
	// the pages show the code as a JSON number
	return new RestError(400, code as unknown as string, description);
}
const missing = (name: string): RestError =>
	catalogError(100, `Could not find value for parameter {${name}}`);

export function fieldsOf(ctx: CallContext): Record<string, unknown> {
	const fields = param(ctx.params, 'fields');
	if (!isObject(fields) || Object.keys(fields).length === 0) throw missing('fields');
	return fields as Record<string, unknown>;
}

export function idOf(ctx: CallContext): number {
	const raw = param(ctx.params, 'id');
	if (raw === undefined || raw === null || raw === '') throw missing('id');
	return Number(raw);
}

export function given(value: unknown): boolean {
	return value !== undefined && value !== null && value !== '';
}

export function requireFields(fields: Record<string, unknown>, names: string[]): void {
	const absent = names.filter((name) => !given(fields[name]));
	if (absent.length) throw catalogError(0, `Required fields: ${absent.join(', ')}`);
}

const num = (value: unknown): number | null => (given(value) ? Number(value) : null);
const str = (value: unknown): string | null => (given(value) ? String(value) : null);
const yn = (value: unknown, fallback: 'Y' | 'N'): string =>
	value === undefined ? fallback : value === true || value === 'Y' ? 'Y' : 'N';

// ---------------------------------------------------------------- lists

const NUMERIC = new Set([
	'id',
	'iblockId',
	'iblockSectionId',
	'sort',
	'quantity',
	'quantityReserved',
	'measure',
	'vatId',
	'createdBy',
	'modifiedBy',
	'type',
	'productId',
	'catalogGroupId',
	'quantityFrom',
	'quantityTo',
	'iblockTypeId',
	'productIblockId',
	'skuPropertyId',
]);
const DOUBLE = new Set(['price', 'purchasingPrice', 'weight', 'width', 'height', 'length']);
const DATES = new Set(['dateCreate', 'timestampX', 'dateActiveFrom', 'dateActiveTo']);

export const resolve: Resolver<CatalogRow> = (name) => {
	const type = NUMERIC.has(name)
		? 'integer'
		: DOUBLE.has(name)
			? 'double'
			: DATES.has(name)
				? 'datetime'
				: 'string';
	return { def: { type }, get: (row) => (name in row ? row[name] : undefined) };
};

export function selectOf(ctx: CallContext): string[] {
	const select = param(ctx.params, 'select');
	return (Array.isArray(select) ? select : isObject(select) ? Object.values(select) : []).map(
		(name) => String(name),
	);
}

export function list(
	ctx: CallContext,
	rows: CatalogRow[],
	key: string,
	resolver: Resolver<CatalogRow> = resolve,
): MethodResult {
	const filtered = applyFilter(rows, param(ctx.params, 'filter'), resolver);
	const ordered = applyOrder(filtered, param(ctx.params, 'order'), resolver, (row) =>
		Number(row.id),
	);
	const page = paginate(ordered, param(ctx.params, 'start'));
	const select = selectOf(ctx).filter((name) => name !== '*');
	const items = page.items.map((row) =>
		select.length
			? Object.fromEntries(select.filter((name) => name in row).map((name) => [name, row[name]]))
			: { ...row },
	);
	return { result: { [key]: items }, total: page.total, next: page.next };
}

export function filterIblock(ctx: CallContext, what: string): void {
	const filter = param(ctx.params, 'filter');
	if (!isObject(filter) || !given((filter as Record<string, unknown>).iblockId))
		throw catalogError(0, `Required filter fields: iblockId (${what})`);
}

// ---------------------------------------------------------------- products

const PRODUCT_TEXT = [
	'code',
	'xmlId',
	'previewText',
	'detailText',
	'previewTextType',
	'detailTextType',
	'purchasingCurrency',
	'dateActiveFrom',
	'dateActiveTo',
	'recurSchemeType',
];
const PRODUCT_NUMBER = [
	'iblockSectionId',
	'measure',
	'quantity',
	'quantityReserved',
	'sort',
	'vatId',
	'weight',
	'width',
	'height',
	'length',
	'recurSchemeLength',
	'trialPriceId',
];
const PRODUCT_FLAGS = [
	'active',
	'available',
	'barcodeMulti',
	'canBuyZero',
	'quantityTrace',
	'subscribe',
	'vatIncluded',
	'withoutOrder',
];

function productCatalog(st: CatalogState, iblockId: unknown): CatalogRow {
	const catalog = st.catalogs.find((c) => c.iblockId === Number(iblockId));
	// a simple product lives in a product catalog, not in an offers one
	if (!catalog || catalog.productIblockId !== null)
		throw catalogError(
			200040300000,
			'Information block with the specified identifier does not exist',
		);
	return catalog;
}

/**
 * The fields of a product, parent product or variation (the catalog_product, _sku and _offer
 * shapes share them); a symbolic code is unique among `siblings` of the same catalog.
 */
export function applyProduct(
	ctx: CallContext,
	st: CatalogState,
	row: CatalogRow,
	fields: Record<string, unknown>,
	siblings: Map<number, CatalogRow> = st.products,
	codeTaken = 'Product with the specified symbolic code already exists',
): void {
	const iblockId = Number(row.iblockId);
	if (given(fields.iblockSectionId)) {
		const section = st.sections.get(Number(fields.iblockSectionId));
		if (!section || section.iblockId !== iblockId)
			throw catalogError(0, 'Section with the specified identifier does not exist');
	}
	if (given(fields.code)) {
		const clash = [...siblings.values()].some(
			(p) => p.id !== row.id && p.iblockId === iblockId && p.code === String(fields.code),
		);
		if (clash) throw catalogError(0, codeTaken);
	}
	if (fields.name !== undefined) row.name = str(fields.name);
	for (const name of PRODUCT_TEXT) if (fields[name] !== undefined) row[name] = str(fields[name]);
	for (const name of PRODUCT_NUMBER) if (fields[name] !== undefined) row[name] = num(fields[name]);
	for (const name of PRODUCT_FLAGS)
		if (fields[name] !== undefined) row[name] = yn(fields[name], 'N');
	if (fields.purchasingPrice !== undefined)
		row.purchasingPrice = given(fields.purchasingPrice)
			? Number(fields.purchasingPrice).toFixed(6)
			: null;
	for (const [name, value] of Object.entries(fields)) {
		if (!/^property\d+$/.test(name)) continue;
		row[name] = Array.isArray(value)
			? value.map((v) => ({ value: v, valueId: String(st.nextValue++) }))
			: { value: value as Value, valueId: String(st.nextValue++) };
	}
	row.modifiedBy = ctx.auth.userId;
	row.timestampX = isoDate(Date.now());
}

/** A new element of a catalog with the defaults the add methods name (type 1 simple, 3 parent, 4/5 variation). */
export function newProductRow(
	ctx: CallContext,
	id: number,
	iblockId: number,
	type: number,
): CatalogRow {
	const now = isoDate(Date.now());
	return {
		active: 'Y',
		available: 'Y',
		barcodeMulti: 'N',
		bundle: 'N',
		canBuyZero: 'N',
		code: null,
		createdBy: ctx.auth.userId,
		dateActiveFrom: null,
		dateActiveTo: null,
		dateCreate: now,
		detailText: null,
		detailTextType: 'text',
		iblockId,
		iblockSectionId: null,
		id,
		measure: null,
		modifiedBy: ctx.auth.userId,
		name: null,
		previewText: null,
		previewTextType: 'text',
		purchasingCurrency: null,
		purchasingPrice: null,
		quantity: 0,
		quantityReserved: 0,
		quantityTrace: 'N',
		sort: 500,
		subscribe: 'N',
		timestampX: now,
		type,
		vatId: null,
		vatIncluded: 'N',
		weight: null,
		xmlId: String(id),
	};
}

function findProduct(ctx: CallContext): CatalogRow {
	const row = catalogState(ctx.portal.store).products.get(idOf(ctx));
	if (!row) throw catalogError(0, 'The product does not exist');
	return row;
}

// ---------------------------------------------------------------- sections

function findSection(ctx: CallContext): CatalogRow {
	const row = catalogState(ctx.portal.store).sections.get(idOf(ctx));
	if (!row) throw catalogError(200700300030, 'Catalog section with this identifier does not exist');
	return row;
}

function applySection(st: CatalogState, row: CatalogRow, fields: Record<string, unknown>): void {
	const iblockId = Number(fields.iblockId ?? row.iblockId);
	if (!st.catalogs.some((c) => c.iblockId === iblockId))
		throw catalogError(
			200700300050,
			'Information block with the specified iblockId does not exist',
		);
	if (given(fields.iblockSectionId)) {
		const parent = st.sections.get(Number(fields.iblockSectionId));
		if (!parent || parent.iblockId !== iblockId || parent.id === row.id)
			throw catalogError(
				row.id === undefined ? 200700300000 : 200700300010,
				'The information block of the section does not match the one of its parent section',
			);
	}
	if (given(fields.code)) {
		const clash = [...st.sections.values()].some(
			(s) => s.id !== row.id && s.iblockId === iblockId && s.code === String(fields.code),
		);
		if (clash) throw catalogError(200700300040, 'The section code must be unique');
	}
	row.iblockId = iblockId;
	for (const name of ['name', 'xmlId', 'code', 'description', 'descriptionType'])
		if (fields[name] !== undefined) row[name] = str(fields[name]);
	if (fields.iblockSectionId !== undefined) row.iblockSectionId = num(fields.iblockSectionId);
	if (fields.sort !== undefined) row.sort = num(fields.sort);
	if (fields.active !== undefined) row.active = yn(fields.active, 'Y');
}

// ---------------------------------------------------------------- prices

function findPrice(ctx: CallContext): CatalogRow {
	const row = catalogState(ctx.portal.store).prices.get(idOf(ctx));
	// the page documents no text for an unknown price (code 0, "Other errors"): this one is the portal's
	if (!row) throw catalogError(0, 'Price with the specified identifier does not exist');
	return row;
}

function applyPrice(st: CatalogState, row: CatalogRow, fields: Record<string, unknown>): void {
	if (fields.price !== undefined) row.price = Number(fields.price);
	if (fields.currency !== undefined) row.currency = String(fields.currency);
	for (const name of ['quantityFrom', 'quantityTo', 'extraId'])
		if (fields[name] !== undefined) row[name] = num(fields[name]);
	const ranged = row.quantityFrom !== null || row.quantityTo !== null;
	const twin = [...st.prices.values()].some(
		(p) =>
			p.id !== row.id &&
			p.productId === row.productId &&
			p.catalogGroupId === row.catalogGroupId &&
			(!ranged || (p.quantityFrom === null && p.quantityTo === null)),
	);
	if (twin)
		throw catalogError(
			0,
			'Validate price error. Catalog product is allowed has only single price without ranges in price group',
		);
	row.timestampX = isoDate(Date.now());
}

// ---------------------------------------------------------------- methods

export const methods: MethodDef[] = [
	{
		name: 'catalog.catalog.list',
		scope: 'catalog',
		handler: (ctx) => list(ctx, catalogState(ctx.portal.store).catalogs, 'catalogs'),
	},
	{
		name: 'catalog.catalog.get',
		scope: 'catalog',
		handler: (ctx) => {
			const id = idOf(ctx);
			const catalog = catalogState(ctx.portal.store).catalogs.find((c) => c.id === id);
			if (!catalog)
				throw catalogError(0, 'Trade catalog with the specified identifier does not exist');
			return { result: { catalog: { ...catalog } } };
		},
	},
	{
		name: 'catalog.product.add',
		scope: 'catalog',
		handler: (ctx) => {
			const st = catalogState(ctx.portal.store);
			const fields = fieldsOf(ctx);
			requireFields(fields, ['iblockId', 'name']);
			const catalog = productCatalog(st, fields.iblockId);
			const id = st.nextProduct;
			const row = newProductRow(ctx, id, Number(catalog.iblockId), 1);
			applyProduct(ctx, st, row, fields);
			st.nextProduct++;
			st.products.set(id, row);
			return { result: { element: { ...row } } };
		},
	},
	{
		name: 'catalog.product.get',
		scope: 'catalog',
		handler: (ctx) => ({ result: { product: { ...findProduct(ctx) } } }),
	},
	{
		name: 'catalog.product.update',
		scope: 'catalog',
		handler: (ctx) => {
			const row = findProduct(ctx);
			const fields = fieldsOf(ctx);
			if (given(fields.iblockId) && Number(fields.iblockId) !== row.iblockId)
				throw catalogError(
					0,
					'Product with the specified identifier does not exist in the information block with the specified identifier',
				);
			const next = { ...row };
			applyProduct(ctx, catalogState(ctx.portal.store), next, fields);
			Object.assign(row, next);
			return { result: { element: { ...row } } };
		},
	},
	{
		name: 'catalog.product.delete',
		scope: 'catalog',
		handler: (ctx) => {
			const row = findProduct(ctx);
			catalogState(ctx.portal.store).products.delete(Number(row.id));
			return { result: true };
		},
	},
	{
		name: 'catalog.product.list',
		scope: 'catalog',
		handler: (ctx) => {
			const select = selectOf(ctx);
			if (!select.includes('id') || !select.includes('iblockId'))
				throw catalogError(0, 'Required select fields: id, iblockId');
			filterIblock(ctx, 'catalog.product.list');
			return list(ctx, [...catalogState(ctx.portal.store).products.values()], 'products');
		},
	},
	{
		name: 'catalog.section.add',
		scope: 'catalog',
		handler: (ctx) => {
			const st = catalogState(ctx.portal.store);
			const fields = fieldsOf(ctx);
			requireFields(fields, ['iblockId', 'name']);
			const row: CatalogRow = {
				active: 'Y',
				code: null,
				description: null,
				descriptionType: 'text',
				iblockId: Number(fields.iblockId),
				iblockSectionId: null,
				name: null,
				sort: 500,
				xmlId: null,
			};
			applySection(st, row, fields);
			row.id = st.nextSection++;
			st.sections.set(Number(row.id), row);
			return { result: { section: { ...row } } };
		},
	},
	{
		name: 'catalog.section.get',
		scope: 'catalog',
		handler: (ctx) => ({ result: { section: { ...findSection(ctx) } } }),
	},
	{
		name: 'catalog.section.update',
		scope: 'catalog',
		handler: (ctx) => {
			const row = findSection(ctx);
			const fields = fieldsOf(ctx);
			// catalog-section-update.md marks iblockId and name required here too
			requireFields(fields, ['iblockId', 'name']);
			const next = { ...row };
			applySection(catalogState(ctx.portal.store), next, fields);
			Object.assign(row, next);
			return { result: { section: { ...row } } };
		},
	},
	{
		name: 'catalog.section.delete',
		scope: 'catalog',
		handler: (ctx) => {
			const row = findSection(ctx);
			catalogState(ctx.portal.store).sections.delete(Number(row.id));
			return { result: true };
		},
	},
	{
		name: 'catalog.section.list',
		scope: 'catalog',
		handler: (ctx) => {
			filterIblock(ctx, 'catalog.section.list');
			return list(ctx, [...catalogState(ctx.portal.store).sections.values()], 'sections');
		},
	},
	{
		name: 'catalog.price.add',
		scope: 'catalog',
		handler: (ctx) => {
			const st = catalogState(ctx.portal.store);
			const fields = fieldsOf(ctx);
			requireFields(fields, ['productId', 'catalogGroupId', 'price', 'currency']);
			if (!st.priceTypes.includes(Number(fields.catalogGroupId)))
				throw catalogError(0, 'Validate price error. Catalog price group is wrong');
			// no documented text for an unknown product: the portal's own. Simple products and
			// variations have prices; a parent product has none (its variations do, sku/index.md)
			const productId = Number(fields.productId);
			if (!st.products.has(productId) && !st.offers.has(productId))
				throw catalogError(0, 'Validate price error. Catalog product is wrong');
			const row: CatalogRow = {
				catalogGroupId: Number(fields.catalogGroupId),
				currency: null,
				extraId: null,
				productId: Number(fields.productId),
				price: null,
				quantityFrom: null,
				quantityTo: null,
				timestampX: null,
			};
			applyPrice(st, row, fields);
			row.id = st.nextPrice++;
			st.prices.set(Number(row.id), row);
			return { result: { price: { ...row } } };
		},
	},
	{
		name: 'catalog.price.get',
		scope: 'catalog',
		handler: (ctx) => ({ result: { price: { ...findPrice(ctx) } } }),
	},
	{
		name: 'catalog.price.update',
		scope: 'catalog',
		handler: (ctx) => {
			const row = findPrice(ctx);
			const fields = fieldsOf(ctx);
			requireFields(fields, ['price', 'currency']);
			const next = { ...row };
			applyPrice(catalogState(ctx.portal.store), next, fields);
			Object.assign(row, next);
			return { result: { price: { ...row } } };
		},
	},
	{
		name: 'catalog.price.delete',
		scope: 'catalog',
		handler: (ctx) => {
			const row = findPrice(ctx);
			catalogState(ctx.portal.store).prices.delete(Number(row.id));
			return { result: true };
		},
	},
	{
		name: 'catalog.priceType.list',
		scope: 'catalog',
		handler: (ctx) => {
			const st = catalogState(ctx.portal.store);
			const rows = SEED_PRICE_TYPES.filter((type) => st.priceTypes.includes(type.id)).map(
				(type) => ({ ...type }) as CatalogRow,
			);
			return list(ctx, rows, 'priceTypes');
		},
	},
	{
		name: 'catalog.price.list',
		scope: 'catalog',
		handler: (ctx) => list(ctx, [...catalogState(ctx.portal.store).prices.values()], 'prices'),
	},
];
