/**
 * Where the poll stopped, kept in the node's static data, and the one rule that decides what is
 * new. Bitrix24 timestamps have whole seconds and carry the portal's offset
 * (`2026-12-01T21:03:54+03:00`): they are compared as instants. Each poll asks for everything
 * stamped at or after `cursor - OVERLAP_MS` and drops what it emitted before: the cursor is the
 * latest timestamp emitted, and `seen` holds the id and timestamp of every record emitted inside
 * the overlap window, so records sharing a second, records written late with an earlier
 * second, and records changed again are each emitted once per change.
 */
import type { IDataObject } from 'n8n-workflow';

/** How far back each poll looks again for records stamped before the cursor. */
export const OVERLAP_MS = 60_000;

export interface PollState {
	/** what was watched (record type, event, entity type): another watch starts afresh */
	watch: string;
	/** the latest timestamp emitted (or the starting point), ms since the epoch */
	cursor: number;
	/** the portal's UTC offset as its timestamps write it (`+03:00`), for the filter values sent */
	offset: string;
	/** id -> timestamp (ms) of the records emitted at or after `cursor - OVERLAP_MS` */
	seen: Record<string, number>;
}

const OFFSET = /(Z|[+-]\d{2}:?\d{2})$/;

/** A Bitrix24 timestamp as an instant (ms), or undefined when it is not one. */
export function parseTimestamp(value: unknown): number | undefined {
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const text = value.trim();
	// Without an offset the instant is unknown; Bitrix24 always writes one, so read it as UTC
	// rather than as n8n's local time (the overlap absorbs the difference either way).
	const ms = Date.parse(OFFSET.test(text) || !text.includes('T') ? text : `${text}Z`);
	return Number.isNaN(ms) ? undefined : ms;
}

/** The offset a timestamp carries (`+03:00`), if any. */
export function offsetOf(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const match = OFFSET.exec(value.trim());
	if (!match) return undefined;
	if (match[1] === 'Z') return '+00:00';
	const digits = match[1].replace(':', '');
	return `${digits.slice(0, 3)}:${digits.slice(3)}`;
}

/** An instant written as Bitrix24 writes its own: whole seconds, in the given offset (`+03:00`). */
export function formatInstant(ms: number, offset: string): string {
	const match = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
	const minutes = match
		? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]))
		: 0;
	const local = new Date(Math.floor(ms / 1000) * 1000 + minutes * 60_000)
		.toISOString()
		.slice(0, 19);
	return `${local}${match ? offset : '+00:00'}`;
}

/** The filter value of a poll: the cursor less the overlap, in the portal's offset. */
export function windowStart(state: PollState): string {
	return formatInstant(state.cursor - OVERLAP_MS, state.offset);
}

export function readState(staticData: IDataObject, watch: string): PollState | undefined {
	const state = staticData.poll as PollState | undefined;
	if (
		!state ||
		typeof state !== 'object' ||
		state.watch !== watch ||
		typeof state.cursor !== 'number'
	)
		return undefined;
	return {
		watch,
		cursor: state.cursor,
		offset: typeof state.offset === 'string' ? state.offset : '+00:00',
		seen: { ...(state.seen ?? {}) },
	};
}

/** Replaces the stored state as a whole, so n8n sees the change and saves it. */
export function writeState(staticData: IDataObject, state: PollState): void {
	staticData.poll = {
		watch: state.watch,
		cursor: state.cursor,
		offset: state.offset,
		seen: state.seen,
	} as unknown as IDataObject;
}

interface Stamped {
	row: IDataObject;
	id: string;
	at: number;
}

function byTimeThenId(a: Stamped, b: Stamped): number {
	if (a.at !== b.at) return a.at - b.at;
	const x = Number(a.id);
	const y = Number(b.id);
	return Number.isFinite(x) && Number.isFinite(y) ? x - y : a.id.localeCompare(b.id);
}

/**
 * The rows of one poll's window not emitted before, oldest first (ties by id); the state moves on
 * past them: the cursor to the latest of them, `seen` trimmed to the new window.
 */
export function takeFresh(
	state: PollState,
	rows: IDataObject[],
	timestampKey: string,
	idKey: string,
): IDataObject[] {
	const since = state.cursor - OVERLAP_MS;
	const fresh: Stamped[] = [];
	const taken = new Set<string>();
	for (const row of rows) {
		const at = parseTimestamp(row[timestampKey]);
		const rawId = row[idKey];
		if (at === undefined || rawId === undefined || rawId === null || rawId === '') continue;
		const id = String(rawId);
		if (at < since || state.seen[id] === at || taken.has(id)) continue;
		taken.add(id);
		fresh.push({ row, id, at });
		const offset = offsetOf(row[timestampKey]);
		if (offset) state.offset = offset;
	}
	fresh.sort(byTimeThenId);
	for (const { id, at } of fresh) {
		state.seen[id] = at;
		if (at > state.cursor) state.cursor = at;
	}
	const keepFrom = state.cursor - OVERLAP_MS;
	state.seen = Object.fromEntries(Object.entries(state.seen).filter(([, at]) => at >= keepFrom));
	return fresh.map(({ row }) => row);
}
