/**
 * The offline event queue: event.offline.get / clear / error / list, written from the REST docs
 * (api-reference/events/offline-events.md and event-offline-*.md). event.bind with
 * event_type=offline (methods/event.ts) makes the binding; the event bus hands every event of an
 * offline binding over (EventBus.offline) and this module queues it per application.
 *
 * As the docs describe it: the queue holds the current state of an object, not its history (a
 * second change of the same object while its record waits updates that record's TIMESTAMP_X and
 * data); event.offline.get returns the first records (default order TIMESTAMP_X ascending, limit
 * 50) and deletes them, or with clear=0 marks them with a process_id that hides them from other
 * requests until event.offline.clear removes them; a process_id passed to event.offline.get
 * re-selects what that process still holds. Administrators only, in an application's context.
 *
 * Where the docs say nothing: MESSAGE_ID is an md5 of the event name and its data (one record per
 * object and event, as the server's rest module keys it), a change of an object whose record is
 * reserved makes a new record (the reserved one is already being processed), a caller's own
 * process_id is used as given, erroneous records (event.offline.error) keep their process and are
 * returned only with error=1, and a missing process_id is ERROR_ARGUMENT.
 *
 * Source keys ("How to Avoid Cycles"): a binding made with `auth_connector` fills a queue of its
 * own; a change made by a call carrying the same key is not recorded in it; event.offline.get and
 * .list read it with that key and the queue without source without one. Where the docs are silent,
 * conservatively: event.offline.clear and .error (their pages list no auth_connector) act on the
 * queue of the key they are given, like get and list, so a clear without the key leaves a keyed
 * queue alone; a key suppresses only in the caller's own application's queue (the key is "tied to
 * the exchange channel between Bitrix24 and the application"), so an incoming webhook's call
 * with the key is still recorded; a change is still recorded in the queue without source and in
 * queues of other keys; a batch command counts as carrying the key only when it has it itself
 * (server.ts runs each command as its own call).
 */
import { createHash, randomBytes } from 'node:crypto';

import { errors, isoDate, RestError } from '../envelope';
import type { EventBus } from '../events';
import { applyFilter, applyOrder, paginate } from '../filter';
import type { Resolver } from '../filter';
import { isObject, phpInt } from '../php-query';
import { param } from '../registry';
import type { CallContext, MethodDef } from '../registry';

export interface OfflineRecord {
	ID: number;
	at: number;
	EVENT_NAME: string;
	EVENT_DATA: Record<string, unknown>;
	MESSAGE_ID: string;
	PROCESS_ID: string;
	ERROR: number;
	clientId: string;
	connector: string;
}

interface Queue {
	records: OfflineRecord[];
	nextId: number;
}

const queues = new WeakMap<EventBus, Queue>();

function messageId(event: string, data: unknown): string {
	return createHash('md5')
		.update(`${event}|${JSON.stringify(data)}`)
		.digest('hex');
}

/** The queue with every event the bus handed over since the last look, in order. */
export function offlineQueue(bus: EventBus): OfflineRecord[] {
	let queue = queues.get(bus);
	if (!queue) {
		queue = { records: [], nextId: 1 };
		queues.set(bus, queue);
	}
	for (const { binding, data, at, source } of bus.offline.splice(0)) {
		const connector = binding.connector ?? '';
		if (connector && source?.connector === connector && source.clientId === binding.clientId)
			continue;
		const id = messageId(binding.event, data);
		const waiting = queue.records.find(
			(r) =>
				r.clientId === binding.clientId &&
				r.connector === connector &&
				r.MESSAGE_ID === id &&
				r.PROCESS_ID === '',
		);
		if (waiting) {
			waiting.at = at;
			waiting.EVENT_DATA = data;
			continue;
		}
		queue.records.push({
			ID: queue.nextId++,
			at,
			EVENT_NAME: binding.event,
			EVENT_DATA: data,
			MESSAGE_ID: id,
			PROCESS_ID: '',
			ERROR: 0,
			clientId: binding.clientId,
			connector,
		});
	}
	return queue.records;
}

/** An administrator in an application's context; the application's client id. */
function appAdmin(ctx: CallContext): string {
	if (ctx.auth.kind !== 'oauth' || !ctx.auth.clientId) throw errors.wrongAuthType();
	const user = ctx.portal.store.users.find((u) => u.ID === ctx.auth.userId);
	if (!user?.IS_ADMIN) throw new RestError(403, 'ACCESS_DENIED', 'Access denied!');
	return ctx.auth.clientId;
}

const text = (value: unknown): string =>
	value === undefined || value === null ? '' : String(value).trim();

function list(value: unknown): string[] {
	const raw = Array.isArray(value) ? value : isObject(value) ? Object.values(value) : [value];
	return raw.map(text).filter(Boolean);
}

const COLUMNS: Record<string, { type: string; get: (r: OfflineRecord) => unknown }> = {
	ID: { type: 'integer', get: (r) => r.ID },
	TIMESTAMP_X: { type: 'datetime', get: (r) => isoDate(r.at) },
	EVENT_NAME: { type: 'string', get: (r) => r.EVENT_NAME },
	MESSAGE_ID: { type: 'string', get: (r) => r.MESSAGE_ID },
	PROCESS_ID: { type: 'string', get: (r) => r.PROCESS_ID },
	ERROR: { type: 'integer', get: (r) => r.ERROR },
};

/** event.offline.get filters and sorts by ID, TIMESTAMP_X, EVENT_NAME, MESSAGE_ID; .list also by PROCESS_ID and ERROR. */
function resolver(names: string[]): Resolver<OfflineRecord> {
	return (name) => {
		const key = name.toUpperCase();
		const column = names.includes(key) ? COLUMNS[key] : undefined;
		return column ? { def: { type: column.type }, get: column.get } : undefined;
	};
}
const GET_FIELDS = ['ID', 'TIMESTAMP_X', 'EVENT_NAME', 'MESSAGE_ID'];
const LIST_FIELDS = [...GET_FIELDS, 'PROCESS_ID', 'ERROR'];

function ordered(records: OfflineRecord[], order: unknown, fields: string[], fallback: string) {
	return applyOrder(
		records,
		isObject(order) && Object.keys(order).length ? order : { [fallback]: 'ASC' },
		resolver(fields),
		(r) => r.ID,
	);
}

/** The caller's queue: its application and source key. */
function queueOf(ctx: CallContext, clientId: string): OfflineRecord[] {
	const connector = text(param(ctx.params, 'auth_connector'));
	return offlineQueue(ctx.portal.events).filter(
		(r) => r.clientId === clientId && r.connector === connector,
	);
}

function view(r: OfflineRecord, withProcess: boolean): Record<string, unknown> {
	const row: Record<string, unknown> = {
		ID: String(r.ID),
		TIMESTAMP_X: isoDate(r.at),
		EVENT_NAME: r.EVENT_NAME,
		EVENT_DATA: r.EVENT_DATA,
		EVENT_ADDITIONAL: false,
		MESSAGE_ID: r.MESSAGE_ID,
	};
	if (withProcess) Object.assign(row, { PROCESS_ID: r.PROCESS_ID, ERROR: String(r.ERROR) });
	return row;
}

function remove(ctx: CallContext, gone: Set<OfflineRecord>): void {
	const records = offlineQueue(ctx.portal.events);
	for (let i = records.length - 1; i >= 0; i--) if (gone.has(records[i])) records.splice(i, 1);
}

function processIdOf(ctx: CallContext): string {
	const processId = text(param(ctx.params, 'process_id'));
	if (!processId) throw new RestError(400, 'ERROR_ARGUMENT', 'PROCESS_ID is not set');
	return processId;
}

export const methods: MethodDef[] = [
	{
		name: 'event.offline.get',
		scope: 'basic',
		handler: (ctx) => {
			const clientId = appAdmin(ctx);
			const clear = param(ctx.params, 'clear') === undefined || phpInt(param(ctx.params, 'clear'));
			const limit =
				phpInt(param(ctx.params, 'limit')) > 0 ? phpInt(param(ctx.params, 'limit')) : 50;
			const withErrors = phpInt(param(ctx.params, 'error')) === 1;
			const processId = text(param(ctx.params, 'process_id')) || randomBytes(16).toString('hex');
			const filter = param(ctx.params, 'filter');
			const order = param(ctx.params, 'order');
			const mine = queueOf(ctx, clientId);
			const match = (rows: OfflineRecord[]) => applyFilter(rows, filter, resolver(GET_FIELDS));
			// mark the first free records, then answer what the process holds
			const free = match(mine.filter((r) => r.PROCESS_ID === '' && r.ERROR === 0));
			for (const r of ordered(free, order, GET_FIELDS, 'TIMESTAMP_X').slice(0, limit))
				r.PROCESS_ID = processId;
			const held = match(
				mine.filter((r) => r.PROCESS_ID === processId && (withErrors || r.ERROR === 0)),
			);
			const chosen = ordered(held, order, GET_FIELDS, 'TIMESTAMP_X').slice(0, limit);
			if (clear) remove(ctx, new Set(chosen));
			return {
				result: {
					process_id: clear ? null : processId,
					events: chosen.map((r) => view(r, false)),
				},
			};
		},
	},
	{
		name: 'event.offline.clear',
		scope: 'basic',
		handler: (ctx) => {
			const clientId = appAdmin(ctx);
			const processId = processIdOf(ctx);
			const ids = list(param(ctx.params, 'id'));
			const messageIds = list(param(ctx.params, 'message_id'));
			const gone = queueOf(ctx, clientId).filter(
				(r) =>
					r.PROCESS_ID === processId &&
					(ids.length
						? ids.includes(String(r.ID))
						: !messageIds.length || messageIds.includes(r.MESSAGE_ID)),
			);
			remove(ctx, new Set(gone));
			return { result: true };
		},
	},
	{
		name: 'event.offline.error',
		scope: 'basic',
		handler: (ctx) => {
			const clientId = appAdmin(ctx);
			const processId = processIdOf(ctx);
			const messageIds = list(param(ctx.params, 'message_id'));
			for (const r of queueOf(ctx, clientId))
				if (r.PROCESS_ID === processId && messageIds.includes(r.MESSAGE_ID)) r.ERROR = 1;
			return { result: true };
		},
	},
	{
		name: 'event.offline.list',
		scope: 'basic',
		handler: (ctx) => {
			const clientId = appAdmin(ctx);
			const rows = applyFilter(
				queueOf(ctx, clientId),
				param(ctx.params, 'filter'),
				resolver(LIST_FIELDS),
			);
			const sorted = ordered(rows, param(ctx.params, 'order'), LIST_FIELDS, 'ID');
			const page = paginate(sorted, param(ctx.params, 'start'));
			return {
				result: page.items.map((r) => view(r, true)),
				total: page.total,
				next: page.next,
			};
		},
	},
];
