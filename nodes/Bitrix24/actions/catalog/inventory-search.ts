import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { bitrix24Call } from '../../../shared/transport';
import type { MethodSpec, ParamSpec } from '../method-table/spec';

/**
 * What the inventory resources share: the From List modes of stores (catalog.store.list),
 * inventory documents (catalog.document.list), units (catalog.measure.list) and VAT rates
 * (catalog.vat.list), and the answers of their Get Fields
 * (`{ store: {...} }`, `{ document: {...} }` ...) and verbs answering only `true`.
 */
type Locator = NonNullable<ParamSpec['locator']>;

export const STORE_LOCATOR: Locator = { searchListMethod: 'searchCatalogStores' };
export const DOCUMENT_LOCATOR: Locator = { searchListMethod: 'searchCatalogDocuments' };
export const MEASURE_LOCATOR: Locator = { searchListMethod: 'searchCatalogMeasures' };
export const VAT_LOCATOR: Locator = { searchListMethod: 'searchCatalogVatRates' };

/** The field descriptions under `key`, one item per field (as version 2's Get Fields answers). */
export function fieldsAt(key: string): NonNullable<MethodSpec['shape']> {
	return (_ctx, result) =>
		Object.entries(((result as IDataObject)?.[key] ?? {}) as IDataObject).map(([name, meta]) => ({
			name,
			...(meta as IDataObject),
		}));
}

/** `{ID, <flag>: true}` after a verb that answers `true` (conduct, cancel). */
export function flagged(flag: string): NonNullable<MethodSpec['shape']> {
	return (_ctx, result, params) => ({ ID: String(params.id), [flag]: result === true });
}

const DOC_TYPES: Record<string, string> = {
	A: 'receipt',
	S: 'stock adjustment',
	M: 'transfer',
	R: 'return',
	D: 'write-off',
};

export const inventorySearches = {
	/** Stores by title; a typed text finds the stores whose title contains it */
	async searchCatalogStores(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	) {
		const envelope = await bitrix24Call(this, 'catalog.store.list', {
			select: ['id', 'title', 'address'],
			filter: filter ? { '%title': filter } : {},
			order: { id: 'ASC' },
			start: Number(paginationToken ?? 0),
		});
		const rows = ((envelope.result as IDataObject)?.stores ?? []) as IDataObject[];
		return {
			results: rows.map((row) => ({
				name: String(row.title || row.address || row.id),
				value: String(row.id),
			})),
			paginationToken: envelope.next === undefined ? undefined : String(envelope.next),
		};
	},

	/** Inventory documents, the newest first, with their type and status */
	async searchCatalogDocuments(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	) {
		const envelope = await bitrix24Call(this, 'catalog.document.list', {
			select: ['id', 'title', 'docNumber', 'docType', 'status'],
			filter: filter ? { '%title': filter } : {},
			order: { id: 'DESC' },
			start: Number(paginationToken ?? 0),
		});
		const rows = ((envelope.result as IDataObject)?.documents ?? []) as IDataObject[];
		return {
			results: rows.map((row) => ({
				name: `${String(row.title || row.docNumber || `Document ${String(row.id)}`)} (${
					DOC_TYPES[String(row.docType)] ?? String(row.docType)
				}${row.status === 'Y' ? ', conducted' : ''})`,
				value: String(row.id),
			})),
			paginationToken: envelope.next === undefined ? undefined : String(envelope.next),
		};
	},

	/** Units of measure by title, with their symbol */
	async searchCatalogMeasures(this: ILoadOptionsFunctions, filter?: string) {
		const envelope = await bitrix24Call(this, 'catalog.measure.list', {
			select: ['id', 'measureTitle', 'symbol'],
			filter: filter ? { '%measureTitle': filter } : {},
			order: { id: 'ASC' },
		});
		const rows = ((envelope.result as IDataObject)?.measures ?? []) as IDataObject[];
		return {
			results: rows.map((row) => ({
				name: `${String(row.measureTitle)}${row.symbol ? ` (${String(row.symbol)})` : ''}`,
				value: String(row.id),
			})),
		};
	},

	/** VAT rates by name */
	async searchCatalogVatRates(this: ILoadOptionsFunctions, filter?: string) {
		const envelope = await bitrix24Call(this, 'catalog.vat.list', {
			select: ['id', 'name', 'rate'],
			filter: filter ? { '%name': filter } : {},
			order: { sort: 'ASC', id: 'ASC' },
		});
		const rows = ((envelope.result as IDataObject)?.vats ?? []) as IDataObject[];
		return {
			results: rows.map((row) => ({ name: String(row.name), value: String(row.id) })),
		};
	},
};
