import type { IDataObject } from 'n8n-workflow';

import type { Bitrix24Context, Connection } from './connection';
import { BATCH_LIMIT, commandKey, runBatch } from './batch';
import { BatchReference, hasBatchToken } from './php-query';
import { callRaw } from './request';
import type { Bitrix24Failure, Envelope } from './types';

export const PAGE_SIZE = 50;

/** How a list method is called and where its rows are. */
export interface ListRequest {
	method: string;
	/** filter, select, order and anything else, without `start` */
	params: IDataObject;
	/** path from `result` to the rows: [] for crm.deal.list, ['items'] for crm.item.list */
	rowsAt: string[];
	/** the id column as rows spell it: 'ID' or 'id' */
	idKey: string;
	/** the id column as filter and order spell it, when not as rows do (tasks: rows `id`, filter `ID`) */
	filterIdKey?: string;
	filterKey?: string;
	orderKey?: string;
	/** 'id' (default): walk by `>id` when the order allows; 'offset': `start` only; 'single': one call has every row */
	paging?: 'id' | 'offset' | 'single';
	/**
	 * For methods whose list parameters are not spelled filter/order/start (user.get's sort and
	 * order strings, the NAV_PARAMS of legacy task methods): the whole parameters of the page
	 * after the given id, ordered by id ascending and uncounted. Walking by id is then forced.
	 */
	pageAfter?: (after: unknown) => IDataObject;
	/** with pageAfter: the id to start after (default 0) */
	startAfter?: unknown;
}

export class ListFailure extends Error {
	constructor(readonly failure: Bitrix24Failure) {
		super(failure.description || failure.code);
	}
}

function rowsOf(envelope: Envelope, rowsAt: string[]): IDataObject[] {
	let value: unknown = envelope.result;
	for (const key of rowsAt) value = value && typeof value === 'object' ? (value as IDataObject)[key] : undefined;
	if (Array.isArray(value)) return value as IDataObject[];
	// PHP sends an id-keyed list as an object when keys are not 0..n-1
	return value && typeof value === 'object' ? (Object.values(value) as IDataObject[]) : [];
}

function objectParam(params: IDataObject, key: string): IDataObject {
	const value = params[key];
	return value && typeof value === 'object' && !Array.isArray(value) ? { ...(value as IDataObject) } : {};
}

/** Only a list ordered by id ascending (or not ordered) can be walked by `>id`. */
function walkableById(request: ListRequest): boolean {
	const order = objectParam(request.params, request.orderKey ?? 'order');
	const keys = Object.keys(order);
	if (keys.length === 0) return true;
	const idKey = (request.filterIdKey ?? request.idKey).toLowerCase();
	return keys.length === 1 && keys[0].toLowerCase() === idKey && String(order[keys[0]]).toUpperCase() === 'ASC';
}

function reference(previousKey: string, request: ListRequest): BatchReference {
	return new BatchReference(previousKey, [...request.rowsAt, PAGE_SIZE - 1, request.idKey]);
}

function cursorError(method: string, detail: string): ListFailure {
	return new ListFailure({
		code: 'PAGING_STUCK',
		description: `Stopped reading ${method}: ${detail}, so the next page would repeat this one. Narrow the filter or choose an order by another field.`,
		method,
	});
}

/** The id after which the next page starts; it must exist and move forward, or the walk would never end. */
function nextCursor(method: string, rows: IDataObject[], idKey: string, previous: unknown): unknown {
	const id = rows[rows.length - 1]?.[idKey];
	if (id === undefined || id === null || id === '') throw cursorError(method, `the last row of a full page has no ${idKey}`);
	const current = Number(id);
	const before = Number(previous);
	if (Number.isFinite(current) && Number.isFinite(before) ? current <= before : String(id) === String(previous)) {
		throw cursorError(method, `the ${idKey} did not advance past ${String(previous)}`);
	}
	return id;
}

async function single(ctx: Bitrix24Context, connection: Connection, method: string, params: IDataObject): Promise<Envelope> {
	const answer = await callRaw(ctx, connection, method, params);
	if (!answer.ok) throw new ListFailure(answer.failure);
	return answer.envelope;
}

/**
 * The fast full scan Bitrix24 documents: id order, `>id` filter, no counting (`start=-1`),
 * stop at a short page. Up to 50 pages go out as one `batch`, each page's filter pointing at
 * the last id of the page before it through a `$result[...]` reference: 2,500 rows a request.
 */
async function walkById(
	ctx: Bitrix24Context,
	connection: Connection,
	request: ListRequest,
	limit: number,
): Promise<IDataObject[]> {
	const filterKey = request.filterKey ?? 'filter';
	const orderKey = request.orderKey ?? 'order';
	const filter = objectParam(request.params, filterKey);
	const filterIdKey = request.filterIdKey ?? request.idKey;
	const afterKey = `>${filterIdKey}`;
	let lastId: unknown = request.pageAfter ? request.startAfter ?? 0 : filter[afterKey] ?? 0;
	delete filter[afterKey];
	const rows: IDataObject[] = [];
	const select = request.params.select;
	const needsId =
		Array.isArray(select) &&
		select.length > 0 &&
		!select.some((field) => field === '*' || field === request.idKey || field === filterIdKey);
	const defaultPage = (after: unknown): IDataObject => ({
		...request.params,
		...(needsId ? { select: [...(select as string[]), filterIdKey] } : {}),
		[filterKey]: { ...filter, [afterKey]: after },
		[orderKey]: { [filterIdKey]: 'ASC' },
		start: -1,
	});
	const pageParams = request.pageAfter ?? defaultPage;
	// a user's text Bitrix24 would read as a reference must not ride in a batch: page one by one
	const batchable = !hasBatchToken(request.params) && !hasBatchToken(pageParams(0));

	while (rows.length < limit) {
		const pages = batchable ? Math.min(BATCH_LIMIT, Math.ceil((limit - rows.length) / PAGE_SIZE)) : 1;
		let done = false;
		if (pages === 1) {
			const page = rowsOf(await single(ctx, connection, request.method, pageParams(lastId)), request.rowsAt);
			rows.push(...page);
			done = page.length < PAGE_SIZE;
		} else {
			const keys = Array.from({ length: pages }, (_, index) => commandKey(index));
			const calls = keys.map((_, index) => ({
				method: request.method,
				params: pageParams(index === 0 ? lastId : reference(keys[index - 1], request)),
			}));
			const outcomes = await runBatch(ctx, connection, calls, true, keys);
			let after = lastId;
			for (const outcome of outcomes) {
				if (!outcome.ok) throw new ListFailure(outcome.error);
				const page = rowsOf(outcome.envelope, request.rowsAt);
				rows.push(...page);
				// pages after a short one referenced a row that does not exist: ignore them
				if (page.length < PAGE_SIZE) {
					done = true;
					break;
				}
				after = nextCursor(request.method, page, request.idKey, after);
			}
		}
		if (done || rows.length === 0) break;
		lastId = nextCursor(request.method, rows, request.idKey, lastId);
	}
	return rows.slice(0, limit);
}

/** Offset paging for lists in another order: one counted page, then the rest by batch. */
async function walkByOffset(
	ctx: Bitrix24Context,
	connection: Connection,
	request: ListRequest,
	limit: number,
): Promise<IDataObject[]> {
	const first = await single(ctx, connection, request.method, { ...request.params, start: 0 });
	const rows = rowsOf(first, request.rowsAt);
	const total = Math.min(first.total ?? rows.length, limit);
	if (first.next === undefined || rows.length >= total) return rows.slice(0, limit);
	const starts: number[] = [];
	for (let start = first.next; start < total; start += PAGE_SIZE) starts.push(start);
	const perRequest = hasBatchToken(request.params) ? 1 : BATCH_LIMIT;
	for (let index = 0; index < starts.length; index += perRequest) {
		const chunk = starts.slice(index, index + perRequest);
		if (chunk.length === 1) {
			rows.push(...rowsOf(await single(ctx, connection, request.method, { ...request.params, start: chunk[0] }), request.rowsAt));
			continue;
		}
		const outcomes = await runBatch(
			ctx,
			connection,
			chunk.map((start) => ({ method: request.method, params: { ...request.params, start } })),
			true,
		);
		for (const outcome of outcomes) {
			if (!outcome.ok) throw new ListFailure(outcome.error);
			rows.push(...rowsOf(outcome.envelope, request.rowsAt));
		}
	}
	return rows.slice(0, limit);
}

export async function fetchList(
	ctx: Bitrix24Context,
	connection: Connection,
	request: ListRequest,
	limit = Number.POSITIVE_INFINITY,
): Promise<IDataObject[]> {
	if (limit <= 0) return [];
	if (request.paging === 'single') {
		return rowsOf(await single(ctx, connection, request.method, request.params), request.rowsAt).slice(0, limit);
	}
	return request.pageAfter || (request.paging !== 'offset' && walkableById(request))
		? await walkById(ctx, connection, request, limit)
		: await walkByOffset(ctx, connection, request, limit);
}
