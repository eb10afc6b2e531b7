import type { IDataObject } from 'n8n-workflow';

import type { Bitrix24Context, Connection } from './connection';
import { BATCH_LIMIT, commandKey, runBatch } from './batch';
import { BatchReference, hasBatchToken } from './php-query';
import { callRaw } from './request';
import type { ListRequest } from './list-request';
import { ListFailure, objectParam, PAGE_SIZE, rowsOf } from './list-request';
import type { Envelope } from './types';

export type { ListRequest } from './list-request';
export { ListFailure, PAGE_SIZE } from './list-request';

/** Only a list ordered by id ascending (or not ordered) can be walked by `>id`. */
function walkableById(request: ListRequest): boolean {
	const order = objectParam(request.params, request.orderKey ?? 'order');
	const keys = Object.keys(order);
	if (keys.length === 0) return true;
	const idKey = (request.filterIdKey ?? request.idKey).toLowerCase();
	return (
		keys.length === 1 &&
		keys[0].toLowerCase() === idKey &&
		String(order[keys[0]]).toUpperCase() === 'ASC'
	);
}

function reference(previousKey: string, request: ListRequest): BatchReference {
	return new BatchReference(previousKey, [...request.rowsAt, PAGE_SIZE - 1, request.idKey]);
}

const FILTER_ADVICE = 'Narrow the filter or choose an order by another field.';

function cursorError(method: string, detail: string, advice = FILTER_ADVICE): ListFailure {
	return new ListFailure({
		code: 'PAGING_STUCK',
		description: `Stopped reading ${method}: ${detail}, so the next page would repeat this one.${advice ? ` ${advice}` : ''}`,
		method,
	});
}

/**
 * The id after which the next page starts; it must exist and move forward (down, when
 * `descending`), or the walk would never end.
 */
function nextCursor(
	method: string,
	rows: IDataObject[],
	idKey: string,
	previous: unknown,
	descending = false,
	advice?: string,
): unknown {
	const id = rows[rows.length - 1]?.[idKey];
	if (id === undefined || id === null || id === '')
		throw cursorError(method, `the last row of a full page has no ${idKey}`, advice);
	const current = Number(id);
	const before = Number(previous);
	const stuck =
		Number.isFinite(current) && Number.isFinite(before)
			? descending
				? current >= before
				: current <= before
			: String(id) === String(previous);
	if (stuck)
		throw cursorError(method, `the ${idKey} did not advance past ${String(previous)}`, advice);
	return id;
}

async function single(
	ctx: Bitrix24Context,
	connection: Connection,
	method: string,
	params: IDataObject,
): Promise<Envelope> {
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
	let lastId: unknown = request.pageAfter ? (request.startAfter ?? 0) : (filter[afterKey] ?? 0);
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
	const pageParams = (after: unknown): IDataObject =>
		request.pageAfter ? request.pageAfter(after, PAGE_SIZE) : defaultPage(after);
	// a user's text Bitrix24 would read as a reference must not ride in a batch: page one by one
	const batchable = !hasBatchToken(request.params) && !hasBatchToken(pageParams(0));

	while (rows.length < limit) {
		const pages = batchable
			? Math.min(BATCH_LIMIT, Math.ceil((limit - rows.length) / PAGE_SIZE))
			: 1;
		let done = false;
		if (pages === 1) {
			const page = rowsOf(
				await single(ctx, connection, request.method, pageParams(lastId)),
				request.rowsAt,
			);
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
			rows.push(
				...rowsOf(
					await single(ctx, connection, request.method, { ...request.params, start: chunk[0] }),
					request.rowsAt,
				),
			);
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

/**
 * For methods that page by a cursor of their own (im.dialog.messages.get's LAST_ID / FIRST_ID):
 * one call a page, each after the last row kept from the page before, until a short page.
 */
async function walkByCursor(
	ctx: Bitrix24Context,
	connection: Connection,
	request: ListRequest,
	limit: number,
): Promise<IDataObject[]> {
	const pageAfter = request.pageAfter;
	if (!pageAfter) throw new TypeError(`Cursor paging of ${request.method} needs pageAfter`);
	const pageSize = request.pageSize ?? PAGE_SIZE;
	const rows: IDataObject[] = [];
	let cursor = request.startAfter;
	while (rows.length < limit) {
		const size = Math.min(pageSize, limit - rows.length);
		const answer = rowsOf(
			await single(ctx, connection, request.method, pageAfter(cursor, size)),
			request.rowsAt,
		);
		const page = request.pageRows ? request.pageRows(answer) : answer;
		if (page.length === 0) break;
		rows.push(...page);
		if (page.length < size) break;
		cursor = nextCursor(request.method, page, request.idKey, cursor, request.descending, '');
	}
	return rows.slice(0, limit);
}

/** For methods that take an offset of their own name and answer `next` while rows remain (im.dialog.users.list). */
async function walkByNext(
	ctx: Bitrix24Context,
	connection: Connection,
	request: ListRequest,
	limit: number,
): Promise<IDataObject[]> {
	const pageSize = request.pageSize ?? PAGE_SIZE;
	const offsetKey = request.offsetKey ?? 'start';
	const rows: IDataObject[] = [];
	let offset = 0;
	while (rows.length < limit) {
		const params: IDataObject = { ...request.params };
		if (request.limitKey) params[request.limitKey] = Math.min(pageSize, limit - rows.length);
		params[offsetKey] = offset;
		const envelope = await single(ctx, connection, request.method, params);
		const page = rowsOf(envelope, request.rowsAt);
		rows.push(...page);
		if (page.length === 0 || envelope.next === undefined) break;
		if (!(Number(envelope.next) > offset)) {
			throw cursorError(
				request.method,
				`the next offset ${String(envelope.next)} did not advance past ${offset}`,
				'',
			);
		}
		offset = Number(envelope.next);
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
		return rowsOf(
			await single(ctx, connection, request.method, request.params),
			request.rowsAt,
		).slice(0, limit);
	}
	if (request.paging === 'cursor') return await walkByCursor(ctx, connection, request, limit);
	if (request.paging === 'offsetNext') return await walkByNext(ctx, connection, request, limit);
	return request.pageAfter || (request.paging !== 'offset' && walkableById(request))
		? await walkById(ctx, connection, request, limit)
		: await walkByOffset(ctx, connection, request, limit);
}
