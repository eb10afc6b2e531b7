/**
 * More of the CRM, as bitrix24/b24restdocs describes it:
 * - crm.stagehistory.list (api-reference/crm/crm-stage-history-list.md): entries of leads
 *   (STATUS_ID, STATUS_SEMANTIC_ID), deals, new invoices and smart processes (CATEGORY_ID,
 *   STAGE_ID, STAGE_SEMANTIC_ID); TYPE_ID 1 created, 2 moved to an intermediate stage, 3 to a final
 *   one, 5 to another pipeline; rows under `items`, 50 a page by `start`; filter / order fields
 *   checked with the page's INVALID_ARG_VALUE texts.
 * - activity bindings and timeline notes: ./crm-depth-timeline.ts; recurring deals:
 *   ./crm-depth-recurring.ts; crm.enum.*: ./crm-depth-enum.ts.
 * The history is kept from the moment this module's state is first used (tests start it in
 * beforeAll with `stageHistory(store)`): the records present then are logged as created.
 */
import { isoDate, RestError } from '../envelope';
import type { Resolver } from '../filter';
import { applyFilter, applyOrder, paginate } from '../filter';
import { isObject, phpInt } from '../php-query';
import type { CallContext, MethodDef } from '../registry';
import type { Store } from '../store';
import { methods as enumMethods } from './crm-depth-enum';
import { methods as recurringMethods } from './crm-depth-recurring';
import { methods as timelineMethods } from './crm-depth-timeline';

type Entry = Record<string, string | number>;

interface DepthState {
	history: Map<number, Entry[]>;
	nextHistory: number;
	/** where each record was last seen: `${entityTypeId}:${id}` -> [category, stage] */
	seen: Map<string, [number | null, string]>;
}

const fail = (code: string, description: string): RestError =>
	new RestError(400, code, description);

/** Leads keep STATUS_ID, the others STAGE_ID in a pipeline (CATEGORY_ID). */
function isLead(entityTypeId: number): boolean {
	return entityTypeId === 1;
}

function hasHistory(store: Store, entityTypeId: number): boolean {
	return (
		[1, 2, 5, 31].includes(entityTypeId) ||
		store.smartTypes.some((type) => type.entityTypeId === entityTypeId)
	);
}

function log(
	store: Store,
	state: DepthState,
	entityTypeId: number,
	id: number,
	typeId: number,
	time: string,
): void {
	const row = store.get(entityTypeId, id);
	if (!row) return;
	const lead = isLead(entityTypeId);
	const stage = String((lead ? row.STATUS_ID : row.STAGE_ID) ?? '');
	const category = lead ? null : ((row.CATEGORY_ID as number | null) ?? 0);
	const status = store.stagesOf(entityTypeId, category).find((s) => s.STATUS_ID === stage);
	const semantic = status?.SEMANTICS ?? 'P';
	const entry: Entry = {
		ID: state.nextHistory++,
		TYPE_ID: typeId,
		OWNER_ID: id,
		CREATED_TIME: time,
	};
	if (lead) Object.assign(entry, { STATUS_SEMANTIC_ID: semantic, STATUS_ID: stage });
	else
		Object.assign(entry, {
			CATEGORY_ID: category as number,
			STAGE_SEMANTIC_ID: semantic,
			STAGE_ID: stage,
		});
	const entries = state.history.get(entityTypeId) ?? [];
	state.history.set(entityTypeId, [...entries, entry]);
	state.seen.set(`${entityTypeId}:${id}`, [category, stage]);
}

/** This module's state; the first use starts the stage history. */
export function stageHistory(store: Store): DepthState {
	return store.area<DepthState>('crm-depth', () => {
		const state: DepthState = {
			history: new Map(),
			nextHistory: 1,
			seen: new Map(),
		};
		for (const [entityTypeId, table] of store.tables) {
			if (!hasHistory(store, entityTypeId)) continue;
			for (const [id, row] of table.rows) {
				const created = String(row.DATE_CREATE ?? row.CREATED_TIME ?? isoDate(Date.now()));
				log(store, state, entityTypeId, id, 1, created);
			}
		}
		store.onChange((entityTypeId, action, id) => {
			if (!hasHistory(store, entityTypeId) || action === 'DELETE') return;
			const now = isoDate(Date.now());
			const before = state.seen.get(`${entityTypeId}:${id}`);
			if (action === 'ADD' || !before) return log(store, state, entityTypeId, id, 1, now);
			const row = store.get(entityTypeId, id);
			if (!row) return;
			const lead = isLead(entityTypeId);
			const stage = String((lead ? row.STATUS_ID : row.STAGE_ID) ?? '');
			const category = lead ? null : ((row.CATEGORY_ID as number | null) ?? 0);
			if (category !== before[0]) return log(store, state, entityTypeId, id, 5, now);
			if (stage === before[1]) return;
			const status = store.stagesOf(entityTypeId, category).find((s) => s.STATUS_ID === stage);
			log(store, state, entityTypeId, id, status?.SEMANTICS ? 3 : 2, now);
		});
		return state;
	});
}

const INTEGER = new Set(['ID', 'TYPE_ID', 'OWNER_ID', 'CATEGORY_ID']);

function historyFields(entityTypeId: number): string[] {
	const own = isLead(entityTypeId)
		? ['STATUS_SEMANTIC_ID', 'STATUS_ID']
		: ['CATEGORY_ID', 'STAGE_SEMANTIC_ID', 'STAGE_ID'];
	return ['ID', 'TYPE_ID', 'OWNER_ID', 'CREATED_TIME', ...own];
}

function checkKeys(value: unknown, fields: string[], what: 'filter' | 'order'): void {
	if (!isObject(value)) return;
	for (const [key, dir] of Object.entries(value)) {
		const name = what === 'filter' ? key.replace(/^[!=<>@%]+/, '') : key;
		if (!fields.includes(name))
			throw fail('INVALID_ARG_VALUE', `Invalid ${what}: field '${name}' is not allowed in ${what}`);
		if (what === 'order' && !['ASC', 'DESC'].includes(String(dir).toUpperCase()))
			throw fail(
				'INVALID_ARG_VALUE',
				`Invalid order: allowed sort directions are ASC, DESC. But got '${String(dir)}' for field '${name}'`,
			);
	}
}

function stageHistoryList(ctx: CallContext) {
	const store = ctx.portal.store;
	const entityTypeId = phpInt(ctx.params.entityTypeId ?? 0);
	if (!hasHistory(store, entityTypeId)) {
		const name = store.table(entityTypeId)?.info.title ?? String(entityTypeId);
		throw fail('ENTITY_TYPE_NOT_SUPPORTED', `Entity type ${name} is not supported`);
	}
	const fields = historyFields(entityTypeId);
	checkKeys(ctx.params.filter, fields, 'filter');
	checkKeys(ctx.params.order, fields, 'order');
	const resolve: Resolver<Entry> = (name) =>
		fields.includes(name)
			? {
					def: {
						type: INTEGER.has(name) ? 'integer' : name === 'CREATED_TIME' ? 'datetime' : 'string',
						isMultiple: false,
					},
					get: (row) => row[name],
				}
			: undefined;
	const all = stageHistory(store).history.get(entityTypeId) ?? [];
	const rows = applyOrder(
		applyFilter(all, ctx.params.filter, resolve),
		ctx.params.order,
		resolve,
		(row) => Number(row.ID),
	);
	const page = paginate(rows, ctx.params.start);
	const select = (Array.isArray(ctx.params.select) ? ctx.params.select : []).map(String);
	const items = select.length
		? page.items.map((row) =>
				Object.fromEntries(Object.entries(row).filter(([key]) => select.includes(key))),
			)
		: page.items;
	return { result: { items }, total: page.total, next: page.next };
}

export const methods: MethodDef[] = [
	{ name: 'crm.stagehistory.list', scope: 'crm', handler: stageHistoryList },
	...timelineMethods,
	...recurringMethods,
	...enumMethods,
];
