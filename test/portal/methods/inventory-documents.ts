/**
 * Inventory documents and their products (bitrix24/b24restdocs api-reference/catalog/document/
 * catalog-document-{add,list,update,delete,conduct,cancel,get-fields}.md and document-element/
 * catalog-document-element-{add,list,update,delete,get-fields}.md). Conducting adds each row's
 * amount to the stock of its storeTo and takes it from its storeFrom; cancelling reverts that;
 * only drafts (status N) take product changes; a conducted document is not deleted (`null`).
 */
import { RestError } from '../envelope';
import type { CallContext, MethodDef } from '../registry';
import type { CatalogRow } from './catalog';
import { catalogElement, fieldsOf, given, idOf, list } from './catalog';
import type { InventoryState } from './inventory-state';
import {
	assign,
	DATE,
	describe,
	INT,
	inventoryState,
	now,
	num,
	resolve,
	STR,
	text,
} from './inventory-state';

const DOCUMENT_FIELDS = describe({
	commentary: ['char'],
	createdBy: ['integer', undefined, undefined, 1],
	currency: ['char', 1, undefined, 1],
	dateCreate: ['datetime', undefined, undefined, 1],
	dateDocument: DATE,
	dateModify: DATE,
	dateStatus: ['datetime', undefined, 1],
	docNumber: STR,
	docType: ['char', 1, undefined, 1],
	id: ['integer', undefined, 1],
	modifiedBy: INT,
	responsibleId: ['integer', 1],
	siteId: ['char'],
	status: ['char', undefined, 1],
	statusBy: INT,
	title: STR,
	total: ['double'],
});
const ELEMENT_FIELDS = describe({
	amount: ['double'],
	docId: ['integer', 1, undefined, 1],
	elementId: ['integer', 1, undefined, 1],
	id: ['integer', undefined, 1],
	purchasingPrice: ['double'],
	storeFrom: INT,
	storeTo: INT,
});

// ---------------------------------------------------------------- documents

const DOC_TYPES = ['A', 'S', 'M', 'R', 'D'];
const docError = (description: string): RestError => new RestError(400, '0', description);
const elementError = (code: string, description: string): RestError =>
	new RestError(400, code, description);

function findDocument(ctx: CallContext, missing = 'Document not found'): CatalogRow {
	const row = inventoryState(ctx.portal.store).documents.get(idOf(ctx));
	if (!row) throw docError(missing);
	return row;
}

function rowsOf(st: InventoryState, docId: number): CatalogRow[] {
	return [...st.elements.values()].filter((row) => row.docId === docId);
}

/** Adds `sign` x each row's amount to its storeTo and takes it from its storeFrom. */
function moveStock(st: InventoryState, docId: number, sign: 1 | -1): void {
	const change = (productId: number, storeId: number, delta: number): void => {
		let row = [...st.stock.values()].find(
			(entry) => entry.productId === productId && entry.storeId === storeId,
		);
		if (!row) {
			row = { amount: 0, id: st.next.stock++, productId, quantityReserved: null, storeId };
			st.stock.set(Number(row.id), row);
		}
		row.amount = Number(row.amount) + delta;
	};
	for (const row of rowsOf(st, docId)) {
		const amount = Number(row.amount ?? 0) * sign;
		if (row.storeTo !== null) change(Number(row.elementId), Number(row.storeTo), amount);
		if (row.storeFrom !== null) change(Number(row.elementId), Number(row.storeFrom), -amount);
	}
}

/** The document total follows its rows (catalog-document-update.md: "recalculated"). */
function recalculate(st: InventoryState, docId: number): void {
	const document = st.documents.get(docId);
	if (!document) return;
	document.total = rowsOf(st, docId).reduce(
		(sum, row) => sum + Number(row.amount ?? 0) * Number(row.purchasingPrice ?? 0),
		0,
	);
}

/** A document product and its draft document; missing or conducted ones fail as the pages say. */
function draftOf(st: InventoryState, docId: unknown): CatalogRow {
	const document = st.documents.get(Number(docId));
	if (!document) throw elementError('ERROR_DOCUMENT_STATUS', 'Document not found');
	if (document.status !== 'N') throw elementError('ERROR_DOCUMENT_STATUS', 'Conducted document');
	return document;
}

function checkElement(ctx: CallContext, st: InventoryState, row: CatalogRow, what: string): void {
	// no documented text for an unknown product or store: the page's text of a failed save
	const stores = [row.storeFrom, row.storeTo].filter((id) => id !== null);
	if (
		!catalogElement(ctx.portal.store, Number(row.elementId)) ||
		stores.some((id) => !st.stores.has(Number(id)))
	)
		throw docError(what);
}

function findElement(ctx: CallContext): { st: InventoryState; row: CatalogRow } {
	const st = inventoryState(ctx.portal.store);
	const row = st.elements.get(idOf(ctx));
	if (!row) throw elementError('ERROR_DOCUMENT_STATUS', 'Document not found');
	draftOf(st, row.docId);
	return { st, row };
}

const ELEMENT_EDITABLE = ['storeFrom', 'storeTo', 'amount', 'purchasingPrice'];

export function documentMethods(): MethodDef[] {
	return [
		{
			name: 'catalog.document.getFields',
			scope: 'catalog',
			handler: () => ({ result: { document: DOCUMENT_FIELDS } }),
		},
		{
			name: 'catalog.document.add',
			scope: 'catalog',
			handler: (ctx) => {
				const st = inventoryState(ctx.portal.store);
				const fields = fieldsOf(ctx);
				if (!DOC_TYPES.includes(String(fields.docType))) throw docError("DOC_TYPE isn't available");
				// the pages give no text for the other required fields: the portal's own
				const absent = ['currency', 'responsibleId'].filter((name) => !given(fields[name]));
				if (absent.length) throw docError(`Required fields: ${absent.join(', ')}`);
				const id = st.next.document++;
				const row: CatalogRow = {
					commentary: null,
					createdBy: num(fields.createdBy) ?? ctx.auth.userId,
					currency: String(fields.currency),
					dateCreate: now(),
					dateDocument: null,
					dateModify: now(),
					dateStatus: now(),
					// "generated automatically" in a format the pages do not give
					docNumber: String(id),
					docType: String(fields.docType),
					id,
					modifiedBy: ctx.auth.userId,
					responsibleId: num(fields.responsibleId),
					siteId: text(fields.siteId) ?? 's1',
					status: 'N',
					statusBy: null,
					title: null,
					total: null,
				};
				assign(row, fields, ['dateDocument', 'title', 'commentary', 'total', 'docNumber']);
				st.documents.set(id, row);
				return { result: { document: { ...row } } };
			},
		},
		{
			name: 'catalog.document.update',
			scope: 'catalog',
			handler: (ctx) => {
				const row = findDocument(ctx, 'Document not found.');
				const fields = fieldsOf(ctx);
				assign(row, fields, [
					'responsibleId',
					'dateModify',
					'dateDocument',
					'total',
					'commentary',
					'title',
					'docNumber',
					'modifiedBy',
				]);
				if (!('dateModify' in fields)) row.dateModify = now();
				if (!('modifiedBy' in fields)) row.modifiedBy = ctx.auth.userId;
				return { result: { document: { ...row } } };
			},
		},
		{
			name: 'catalog.document.conduct',
			scope: 'catalog',
			handler: (ctx) => {
				const row = findDocument(ctx);
				if (row.status === 'Y')
					throw docError('Document conducting error: "The document has already been conducted"');
				moveStock(inventoryState(ctx.portal.store), Number(row.id), 1);
				Object.assign(row, { status: 'Y', statusBy: ctx.auth.userId, dateStatus: now() });
				return { result: true };
			},
		},
		{
			name: 'catalog.document.cancel',
			scope: 'catalog',
			handler: (ctx) => {
				const row = findDocument(ctx, 'Insufficient permissions to save the document');
				if (row.status !== 'Y')
					throw docError('Error cancelling document conduct: Document has not been conducted yet');
				moveStock(inventoryState(ctx.portal.store), Number(row.id), -1);
				Object.assign(row, { status: 'C', statusBy: ctx.auth.userId, dateStatus: now() });
				return { result: true };
			},
		},
		{
			name: 'catalog.document.delete',
			scope: 'catalog',
			handler: (ctx) => {
				const row = findDocument(ctx);
				// a conducted document is not deleted: the answer is null (catalog-document-delete.md)
				if (row.status === 'Y') return { result: null };
				const st = inventoryState(ctx.portal.store);
				for (const element of rowsOf(st, Number(row.id))) st.elements.delete(Number(element.id));
				st.documents.delete(Number(row.id));
				return { result: true };
			},
		},
		{
			name: 'catalog.document.list',
			scope: 'catalog',
			handler: (ctx) =>
				list(ctx, [...inventoryState(ctx.portal.store).documents.values()], 'documents', resolve),
		},

		{
			name: 'catalog.document.element.getFields',
			scope: 'catalog',
			handler: () => ({ result: { documentElement: ELEMENT_FIELDS } }),
		},
		{
			name: 'catalog.document.element.add',
			scope: 'catalog',
			handler: (ctx) => {
				const st = inventoryState(ctx.portal.store);
				const fields = fieldsOf(ctx);
				const document = draftOf(st, fields.docId);
				const row: CatalogRow = {
					amount: null,
					docId: Number(document.id),
					elementId: num(fields.elementId),
					id: 0,
					purchasingPrice: null,
					storeFrom: null,
					storeTo: null,
				};
				assign(row, fields, ELEMENT_EDITABLE);
				checkElement(ctx, st, row, 'Error of adding new document element');
				row.id = st.next.element++;
				st.elements.set(Number(row.id), row);
				recalculate(st, Number(document.id));
				return { result: { documentElement: { ...row } } };
			},
		},
		{
			name: 'catalog.document.element.update',
			scope: 'catalog',
			handler: (ctx) => {
				const { st, row } = findElement(ctx);
				const next = { ...row };
				assign(next, fieldsOf(ctx), ELEMENT_EDITABLE);
				checkElement(ctx, st, next, 'Error of modifying new document');
				Object.assign(row, next);
				recalculate(st, Number(row.docId));
				return { result: { documentElement: { ...row } } };
			},
		},
		{
			name: 'catalog.document.element.delete',
			scope: 'catalog',
			handler: (ctx) => {
				const { st, row } = findElement(ctx);
				st.elements.delete(Number(row.id));
				recalculate(st, Number(row.docId));
				return { result: true };
			},
		},
		{
			name: 'catalog.document.element.list',
			scope: 'catalog',
			handler: (ctx) =>
				list(
					ctx,
					[...inventoryState(ctx.portal.store).elements.values()],
					'documentElements',
					resolve,
				),
		},
	];
}
