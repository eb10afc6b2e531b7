/**
 * The old CRM API: crm.{lead|deal|contact|company}.{add|get|update|delete|list|fields}.
 * Every value comes back as a string; errors carry the empty code "" (RestException's default).
 */
import { crmError } from '../envelope';
import { describeOld, fmToOld, FieldDef, FmEntry, Row, toOldValue } from '../fields';
import { applyFilter, applyOrder, paginate, Resolver } from '../filter';
import { isObject, phpInt } from '../php-query';
import { CallContext, MethodDef, param } from '../registry';
import type { EntityTable } from '../store';

function tableOf(ctx: CallContext, name: string): EntityTable {
	const t = ctx.portal.store.tableByOldName(name);
	if (!t) throw crmError('Not found');
	return t;
}

function idParam(ctx: CallContext): number {
	const raw = param(ctx.params, 'id');
	const id = phpInt(raw);
	if (raw === undefined || raw === null || id <= 0) throw crmError('ID is not defined or invalid.');
	return id;
}

function fieldsParam(ctx: CallContext): Record<string, unknown> {
	const fields = param(ctx.params, 'fields');
	if (!isObject(fields)) throw crmError("The parameter 'fields' must be array.");
	return fields;
}

function listParam(v: unknown): string[] {
	if (Array.isArray(v)) return v.map(String);
	if (isObject(v)) return Object.values(v).map(String);
	if (typeof v === 'string' && v !== '') return [v];
	return [];
}

/** Old-API view of a row: the chosen fields, as strings; multi-fields only where the row has some. */
export function oldView(
	t: EntityTable,
	row: Row,
	select: Set<string> | 'all',
): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	const wanted = (def: FieldDef): boolean => {
		if (select === 'all') return true;
		if (select.has(def.name)) return true;
		if (def.type === 'crm_multifield') return false;
		if (def.isDynamic) return select.has('UF_*');
		return select.has('*');
	};
	for (const def of t.fields) {
		if (!wanted(def)) continue;
		if (def.type === 'crm_multifield') {
			const entries = fmToOld((row.FM as FmEntry[]) ?? [], def.name);
			if (entries.length) out[def.name] = entries;
			continue;
		}
		out[def.name] = toOldValue(def, row[def.name]);
	}
	return out;
}

export function oldResolver(t: EntityTable): Resolver<Row> {
	return (name) => {
		const def = t.byName.get(name.toUpperCase()) ?? t.byName.get(name);
		if (!def) return undefined;
		if (def.type === 'crm_multifield') {
			return {
				def: { type: 'string', isMultiple: true },
				get: (row) =>
					((row.FM as FmEntry[]) ?? []).filter((e) => e.TYPE_ID === def.name).map((e) => e.VALUE),
			};
		}
		return { def, get: (row) => row[def.name] };
	};
}

function crudFor(name: string): MethodDef[] {
	const m = `crm.${name}`;
	return [
		{
			name: `${m}.fields`,
			scope: 'crm',
			handler: (ctx) => {
				const t = tableOf(ctx, name);
				const result: Record<string, unknown> = {};
				for (const def of t.fields) result[def.name] = describeOld(def);
				return { result };
			},
		},
		{
			name: `${m}.add`,
			scope: 'crm',
			handler: (ctx) => {
				const t = tableOf(ctx, name);
				const id = ctx.portal.store.create(t.info.entityTypeId, fieldsParam(ctx), ctx.auth.userId);
				return { result: id };
			},
		},
		{
			name: `${m}.get`,
			scope: 'crm',
			handler: (ctx) => {
				const t = tableOf(ctx, name);
				const row = t.rows.get(idParam(ctx));
				if (!row) throw crmError('Not found');
				return { result: oldView(t, row, 'all') };
			},
		},
		{
			name: `${m}.update`,
			scope: 'crm',
			handler: (ctx) => {
				const t = tableOf(ctx, name);
				const id = idParam(ctx);
				if (!t.rows.has(id)) throw crmError('Not found');
				const input: Record<string, unknown> = {};
				for (const [k, v] of Object.entries(fieldsParam(ctx))) {
					if (!t.byName.get(k)?.isImmutable) input[k] = v;
				}
				ctx.portal.store.update(t.info.entityTypeId, id, input, ctx.auth.userId);
				return { result: true };
			},
		},
		{
			name: `${m}.delete`,
			scope: 'crm',
			handler: (ctx) => {
				const t = tableOf(ctx, name);
				const id = idParam(ctx);
				if (!ctx.portal.store.delete(t.info.entityTypeId, id)) throw crmError('Not found');
				return { result: true };
			},
		},
		{
			name: `${m}.list`,
			scope: 'crm',
			handler: (ctx) => {
				const t = tableOf(ctx, name);
				const selectList = listParam(param(ctx.params, 'select'));
				const select = new Set(
					selectList.length
						? selectList.map((s) => (s.startsWith('UF_') ? s : s.toUpperCase()))
						: ['*', 'UF_*'],
				);
				const resolve = oldResolver(t);
				const filtered = applyFilter([...t.rows.values()], param(ctx.params, 'filter'), resolve);
				const ordered = applyOrder(
					filtered,
					param(ctx.params, 'order'),
					resolve,
					(r) => r.ID as number,
				);
				const page = paginate(ordered, param(ctx.params, 'start'));
				return {
					result: page.items.map((r) => oldView(t, r, select)),
					total: page.total,
					next: page.next,
				};
			},
		},
	];
}

export const methods: MethodDef[] = ['lead', 'deal', 'contact', 'company'].flatMap(crudFor);
