/**
 * The universal CRM API: crm.item.{add|get|update|delete|list|fields} with entityTypeId. Typed
 * camelCase values; rows at result.item / result.items. Same rows as the old API.
 */
import { RestError } from '../envelope';
import {
	describeItem,
	fmToItem,
	FieldDef,
	FmEntry,
	MULTI_FIELD_TYPES,
	Row,
	toItemValue,
} from '../fields';
import { applyFilter, applyOrder, paginate, Resolver } from '../filter';
import { isObject, phpBool, phpInt } from '../php-query';
import { CallContext, MethodDef, param } from '../registry';
import type { EntityTable } from '../store';

const notFoundItem = (): RestError => new RestError(400, 'NOT_FOUND', 'Element not found');

function missing(name: string): RestError {
	return new RestError(400, 'INVALID_ARG_VALUE', `Could not find value for parameter {${name}}`);
}

function tableOf(ctx: CallContext): EntityTable {
	const raw = ctx.params.entityTypeId;
	if (raw === undefined || raw === null || raw === '') throw missing('entityTypeId');
	const t = ctx.portal.store.table(phpInt(raw));
	if (!t) throw new RestError(400, 'NOT_FOUND', 'SPA not found');
	return t;
}

function idOf(ctx: CallContext): number {
	const raw = ctx.params.id;
	if (raw === undefined || raw === null || raw === '') throw missing('id');
	return phpInt(raw);
}

function originalNames(ctx: CallContext): boolean {
	const v = ctx.params.useOriginalUfNames;
	return typeof v === 'string' ? v.toUpperCase() === 'Y' : phpBool(v);
}

function outName(def: FieldDef, original: boolean): string {
	return original && def.isDynamic ? def.name : def.camel;
}

function lookup(t: EntityTable, name: string): FieldDef | undefined {
	return t.byCamel.get(name) ?? (name.startsWith('UF_') ? t.byName.get(name) : undefined);
}

export function itemView(
	t: EntityTable,
	row: Row,
	original: boolean,
	select?: Set<string>,
): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	const all = !select || select.size === 0 || select.has('*');
	for (const def of t.fields) {
		if (def.type === 'crm_multifield') continue;
		if (!all && def.name !== 'ID' && !select.has(def.camel) && !select.has(def.name)) continue;
		out[outName(def, original)] = toItemValue(def, row[def.name]);
	}
	if (t.fields.some((f) => f.type === 'crm_multifield') && (all || select.has('fm'))) {
		out.fm = fmToItem((row.FM as FmEntry[]) ?? []);
	}
	out.entityTypeId = t.info.entityTypeId;
	return out;
}

/** camelCase (or original UF) input -> the UPPER_CASE input the store takes. */
function toStoreInput(t: EntityTable, fields: Record<string, unknown>): Record<string, unknown> {
	const input: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(fields)) {
		if (key === 'fm') {
			const list = Array.isArray(value) ? value : isObject(value) ? Object.values(value) : [];
			for (const type of MULTI_FIELD_TYPES) {
				const entries = list
					.filter(
						(e): e is Record<string, unknown> =>
							isObject(e) && String(e.typeId ?? e.TYPE_ID ?? '').toUpperCase() === type,
					)
					.map((e) => ({
						ID: e.id ?? e.ID,
						VALUE: e.value ?? e.VALUE,
						VALUE_TYPE: e.valueType ?? e.VALUE_TYPE,
						DELETE: e.delete ?? e.DELETE,
					}));
				if (entries.length) input[type] = entries;
			}
			continue;
		}
		const def = lookup(t, key);
		if (def) input[def.name] = value;
	}
	return input;
}

function resolver(t: EntityTable): Resolver<Row> {
	return (name) => {
		const def = lookup(t, name);
		return def ? { def, get: (row) => row[def.name] } : undefined;
	};
}

function selectSet(v: unknown): Set<string> | undefined {
	const list = Array.isArray(v)
		? v
		: isObject(v)
			? Object.values(v)
			: typeof v === 'string' && v
				? [v]
				: [];
	return list.length ? new Set(list.map(String)) : undefined;
}

function fieldsParam(ctx: CallContext): Record<string, unknown> {
	const f = ctx.params.fields;
	if (f === undefined) throw missing('fields');
	return isObject(f) ? f : {};
}

export const methods: MethodDef[] = [
	{
		name: 'crm.item.fields',
		scope: 'crm',
		handler: (ctx) => {
			const t = tableOf(ctx);
			const original = originalNames(ctx);
			const fields: Record<string, unknown> = {};
			for (const def of t.fields) {
				if (def.type === 'crm_multifield') continue;
				fields[outName(def, original)] = describeItem(def);
			}
			return { result: { fields } };
		},
	},
	{
		name: 'crm.item.add',
		scope: 'crm',
		handler: (ctx) => {
			const t = tableOf(ctx);
			const id = ctx.portal.store.create(
				t.info.entityTypeId,
				toStoreInput(t, fieldsParam(ctx)),
				ctx.auth.userId,
			);
			return { result: { item: itemView(t, t.rows.get(id) as Row, originalNames(ctx)) } };
		},
	},
	{
		name: 'crm.item.get',
		scope: 'crm',
		handler: (ctx) => {
			const t = tableOf(ctx);
			const row = t.rows.get(idOf(ctx));
			if (!row) throw notFoundItem();
			return { result: { item: itemView(t, row, originalNames(ctx)) } };
		},
	},
	{
		name: 'crm.item.update',
		scope: 'crm',
		handler: (ctx) => {
			const t = tableOf(ctx);
			const id = idOf(ctx);
			if (!t.rows.has(id)) throw notFoundItem();
			ctx.portal.store.update(
				t.info.entityTypeId,
				id,
				toStoreInput(t, fieldsParam(ctx)),
				ctx.auth.userId,
			);
			return { result: { item: itemView(t, t.rows.get(id) as Row, originalNames(ctx)) } };
		},
	},
	{
		name: 'crm.item.delete',
		scope: 'crm',
		handler: (ctx) => {
			const t = tableOf(ctx);
			if (!ctx.portal.store.delete(t.info.entityTypeId, idOf(ctx))) throw notFoundItem();
			return { result: [] };
		},
	},
	{
		name: 'crm.item.list',
		scope: 'crm',
		handler: (ctx) => {
			const t = tableOf(ctx);
			const resolve = resolver(t);
			const filtered = applyFilter([...t.rows.values()], param(ctx.params, 'filter'), resolve);
			const ordered = applyOrder(
				filtered,
				param(ctx.params, 'order'),
				resolve,
				(r) => r.ID as number,
			);
			const page = paginate(ordered, param(ctx.params, 'start'));
			const select = selectSet(param(ctx.params, 'select'));
			const original = originalNames(ctx);
			return {
				result: { items: page.items.map((r) => itemView(t, r, original, select)) },
				total: page.total,
				next: page.next,
			};
		},
	},
];
