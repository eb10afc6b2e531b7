/**
 * The state and the readers inventory management's portal modules share (inventory.ts,
 * inventory-documents.ts, inventory-units.ts): stores, stock, documents and their products,
 * units of measure and VAT rates of one portal; the getFields answers; typed field copies.
 */
import { isoDate } from '../envelope';
import type { Resolver } from '../filter';
import type { Store } from '../store';
import type { CatalogRow } from './catalog';
import { given } from './catalog';

/**
 * A new portal's units (the rows of catalog-measure-list.md; the titles are not on the page) and
 * VAT rates (the rows of catalog-vat-list.md).
 */
export const SEED_MEASURES = [
	{ id: 1, code: 6, measureTitle: 'Meter', symbol: 'm', symbolIntl: 'm', symbolLetterIntl: 'MTR' },
	{
		id: 2,
		code: 112,
		measureTitle: 'Liter',
		symbol: 'l',
		symbolIntl: 'l',
		symbolLetterIntl: 'LTR',
	},
	{ id: 3, code: 163, measureTitle: 'Gram', symbol: 'g', symbolIntl: 'g', symbolLetterIntl: 'GRM' },
	{
		id: 4,
		code: 166,
		measureTitle: 'Kilogram',
		symbol: 'kg',
		symbolIntl: 'kg',
		symbolLetterIntl: 'KGM',
	},
].map((row) => ({ ...row, isDefault: 'N' }));
export const SEED_VATS = [
	{ id: 2, name: 'VAT 0%', rate: 0 },
	{ id: 3, name: 'VAT 20%', rate: 20 },
].map((row) => ({ ...row, active: 'Y', sort: 100, timestampX: isoDate(Date.now()) }));

export interface InventoryState {
	stores: Map<number, CatalogRow>;
	/** catalog.storeproduct rows: the stock of one product in one store */
	stock: Map<number, CatalogRow>;
	documents: Map<number, CatalogRow>;
	elements: Map<number, CatalogRow>;
	measures: Map<number, CatalogRow>;
	vats: Map<number, CatalogRow>;
	next: Record<'store' | 'stock' | 'document' | 'element' | 'measure' | 'vat', number>;
}

export function inventoryState(store: Store): InventoryState {
	return store.area<InventoryState>('inventory', () => ({
		stores: new Map(),
		stock: new Map(),
		documents: new Map(),
		elements: new Map(),
		measures: new Map(SEED_MEASURES.map((row) => [row.id, { ...row }])),
		vats: new Map(SEED_VATS.map((row) => [row.id, { ...row }])),
		next: { store: 1, stock: 1, document: 1, element: 1, measure: 5, vat: 4 },
	}));
}

export type Meta = [type: string, required?: 1, readOnly?: 1, immutable?: 1];
/** The getFields answers of the pages, as [type, isRequired, isReadOnly, isImmutable] */
export function describe(fields: Record<string, Meta>): Record<string, unknown> {
	return Object.fromEntries(
		Object.entries(fields).map(([name, [type, required, readOnly, immutable]]) => [
			name,
			{ isImmutable: !!immutable, isReadOnly: !!readOnly, isRequired: !!required, type },
		]),
	);
}
export const STR: Meta = ['string'];
export const INT: Meta = ['integer'];
export const DATE: Meta = ['datetime'];

export const NUMBERS = new Set([
	'id',
	'sort',
	'userId',
	'modifiedBy',
	'createdBy',
	'responsibleId',
	'statusBy',
	'productId',
	'storeId',
	'docId',
	'elementId',
	'storeFrom',
	'storeTo',
]);
export const DOUBLES = new Set([
	'amount',
	'quantityReserved',
	'purchasingPrice',
	'total',
	'gpsN',
	'gpsS',
]);
export const DATES = new Set(['dateCreate', 'dateModify', 'dateStatus', 'dateDocument']);
export const resolve: Resolver<CatalogRow> = (name) => ({
	def: {
		type: NUMBERS.has(name)
			? 'integer'
			: DOUBLES.has(name)
				? 'double'
				: DATES.has(name)
					? 'datetime'
					: 'string',
	},
	get: (row) => (name in row ? row[name] : undefined),
});

export const now = (): string => isoDate(Date.now());
export const num = (value: unknown): number | null => (given(value) ? Number(value) : null);
export const text = (value: unknown): string | null => (given(value) ? String(value) : null);
export const yn = (value: unknown): string => (value === true || value === 'Y' ? 'Y' : 'N');

/** Copies the given fields of `names` into the row, converted as their type says. */
export function assign(row: CatalogRow, fields: Record<string, unknown>, names: string[]): void {
	for (const name of names) {
		if (!(name in fields)) continue;
		const value = fields[name];
		if (name === 'active' || name === 'issuingCenter') row[name] = yn(value);
		else if (NUMBERS.has(name) || DOUBLES.has(name)) row[name] = num(value);
		else row[name] = text(value);
	}
}
