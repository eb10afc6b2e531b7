/**
 * Units of measure and VAT rates (bitrix24/b24restdocs api-reference/catalog/measure/
 * catalog-measure-{add,get,list,update,delete,get-fields}.md and vat/catalog-vat-{add,get,list,
 * update,delete,get-fields}.md). Answers wrap the record (`measure`, `vat`) or the rows
 * (`measures`, `vats`: the list pages show them beside `result`, the portal puts them under it as
 * every other catalog list). A unit's code is unique and required on update too ("Required fields:
 * code"); one unit at most is the default. A VAT rate needs its name and rate on add and update.
 */
import type { CallContext, MethodDef } from '../registry';
import type { CatalogRow } from './catalog';
import { catalogError, fieldsOf, given, idOf, list, requireFields } from './catalog';
import { assign, describe, inventoryState, now, STR } from './inventory-state';

const MEASURE_FIELDS = describe({
	code: ['integer', 1],
	id: ['integer', undefined, 1],
	isDefault: ['char'],
	measureTitle: ['string', 1],
	symbol: STR,
	symbolIntl: STR,
	symbolLetterIntl: STR,
});
const VAT_FIELDS = describe({
	active: ['char'],
	id: ['integer', undefined, 1],
	name: ['string', 1],
	rate: ['double', 1],
	sort: ['integer'],
	timestampX: ['datetime'],
});
const MEASURE_EDITABLE = [
	'code',
	'isDefault',
	'measureTitle',
	'symbol',
	'symbolIntl',
	'symbolLetterIntl',
];

/** A unit's code is an integer (unlike the text codes of stores) */
function applyMeasure(row: CatalogRow, fields: Record<string, unknown>): void {
	assign(row, fields, MEASURE_EDITABLE);
	if (given(fields.code)) row.code = Number(fields.code);
}

function findMeasure(ctx: CallContext): CatalogRow {
	const row = inventoryState(ctx.portal.store).measures.get(idOf(ctx));
	if (!row)
		throw catalogError(200600000020, 'Measurement unit with such an identifier does not exist');
	return row;
}

/** A unit's code is unique, and one unit at most is the default. */
function checkMeasure(ctx: CallContext, row: CatalogRow): void {
	for (const other of inventoryState(ctx.portal.store).measures.values()) {
		if (other.id === row.id) continue;
		if (Number(other.code) === Number(row.code))
			throw catalogError(
				200600000000,
				'Measurement unit with the specified code parameter already exists',
			);
		if (row.isDefault === 'Y' && other.isDefault === 'Y')
			throw catalogError(
				200600000010,
				'Measurement unit with the isDefault parameter set to Y already exists',
			);
	}
}

function findVat(ctx: CallContext): CatalogRow {
	const row = inventoryState(ctx.portal.store).vats.get(idOf(ctx));
	if (!row) throw catalogError(200800000000, 'No VAT rate exists with this identifier');
	return row;
}

function measureMethods(): MethodDef[] {
	return [
		{
			name: 'catalog.measure.getFields',
			scope: 'catalog',
			handler: () => ({ result: { measure: MEASURE_FIELDS } }),
		},
		{
			name: 'catalog.measure.add',
			scope: 'catalog',
			handler: (ctx) => {
				const st = inventoryState(ctx.portal.store);
				const fields = fieldsOf(ctx);
				requireFields(fields, ['code', 'measureTitle']);
				const row: CatalogRow = {
					code: null,
					id: st.next.measure,
					isDefault: 'N',
					measureTitle: null,
					symbol: null,
					symbolIntl: null,
					symbolLetterIntl: null,
				};
				applyMeasure(row, fields);
				checkMeasure(ctx, row);
				st.next.measure++;
				st.measures.set(Number(row.id), row);
				return { result: { measure: { ...row } } };
			},
		},
		{
			name: 'catalog.measure.get',
			scope: 'catalog',
			handler: (ctx) => ({ result: { measure: { ...findMeasure(ctx) } } }),
		},
		{
			name: 'catalog.measure.update',
			scope: 'catalog',
			handler: (ctx) => {
				const row = findMeasure(ctx);
				const fields = fieldsOf(ctx);
				requireFields(fields, ['code']);
				const next = { ...row };
				applyMeasure(next, fields);
				checkMeasure(ctx, next);
				Object.assign(row, next);
				return { result: { measure: { ...row } } };
			},
		},
		{
			name: 'catalog.measure.delete',
			scope: 'catalog',
			handler: (ctx) => {
				const row = findMeasure(ctx);
				inventoryState(ctx.portal.store).measures.delete(Number(row.id));
				return { result: true };
			},
		},
		{
			name: 'catalog.measure.list',
			scope: 'catalog',
			handler: (ctx) =>
				list(ctx, [...inventoryState(ctx.portal.store).measures.values()], 'measures'),
		},
	];
}

function vatMethods(): MethodDef[] {
	const apply = (row: CatalogRow, fields: Record<string, unknown>): void => {
		assign(row, fields, ['name', 'active', 'sort']);
		if (given(fields.rate)) row.rate = Number(fields.rate);
		row.timestampX = now();
	};
	return [
		{
			name: 'catalog.vat.getFields',
			scope: 'catalog',
			handler: () => ({ result: { vat: VAT_FIELDS } }),
		},
		{
			name: 'catalog.vat.add',
			scope: 'catalog',
			handler: (ctx) => {
				const st = inventoryState(ctx.portal.store);
				const fields = fieldsOf(ctx);
				requireFields(fields, ['name', 'rate']);
				const row: CatalogRow = {
					active: 'Y',
					id: st.next.vat++,
					name: null,
					rate: null,
					sort: 100,
				};
				apply(row, fields);
				st.vats.set(Number(row.id), row);
				return { result: { vat: { ...row } } };
			},
		},
		{
			name: 'catalog.vat.get',
			scope: 'catalog',
			handler: (ctx) => ({ result: { vat: { ...findVat(ctx) } } }),
		},
		{
			name: 'catalog.vat.update',
			scope: 'catalog',
			handler: (ctx) => {
				const row = findVat(ctx);
				const fields = fieldsOf(ctx);
				requireFields(fields, ['name', 'rate']);
				apply(row, fields);
				return { result: { vat: { ...row } } };
			},
		},
		{
			name: 'catalog.vat.delete',
			scope: 'catalog',
			handler: (ctx) => {
				const row = findVat(ctx);
				inventoryState(ctx.portal.store).vats.delete(Number(row.id));
				return { result: true };
			},
		},
		{
			name: 'catalog.vat.list',
			scope: 'catalog',
			handler: (ctx) => list(ctx, [...inventoryState(ctx.portal.store).vats.values()], 'vats'),
		},
	];
}

export function unitMethods(): MethodDef[] {
	return [...measureMethods(), ...vatMethods()];
}
