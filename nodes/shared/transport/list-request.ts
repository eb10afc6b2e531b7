/** What a list call is (ListRequest), how its rows are read, and how a walk fails. */
import type { IDataObject } from 'n8n-workflow';

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
	/**
	 * 'id' (default): walk by `>id` when the order allows; 'offset': `start` only; 'single': one
	 * call has every row; 'cursor': each page starts after the last row of the one before
	 * (`pageAfter`), page by page; 'offsetNext': the offset goes in `offsetKey` and follows the
	 * answer's `next` until there is none.
	 */
	paging?: 'id' | 'offset' | 'single' | 'cursor' | 'offsetNext';
	/**
	 * For methods whose list parameters are not spelled filter/order/start (user.get's sort and
	 * order strings, the NAV_PARAMS of legacy task methods): the whole parameters of the page
	 * after the given id, ordered by id ascending and uncounted. Walking by id is then forced.
	 * With 'cursor': the parameters of the page after the cursor (undefined when `startAfter` is
	 * not set, for the first page), asking for at most `size` rows.
	 */
	pageAfter?: (after: unknown, size: number) => IDataObject;
	/** with pageAfter: the id to start after (default 0; with 'cursor' none) */
	startAfter?: unknown;
	/** 'cursor': the rows of a page the walk keeps, in the order it keeps them; the last one's `idKey` is the next cursor */
	pageRows?: (rows: IDataObject[]) => IDataObject[];
	/** 'cursor': the cursor goes down (newest first by id) rather than up */
	descending?: boolean;
	/** 'cursor' and 'offsetNext': the most rows a page may ask for (default 50) */
	pageSize?: number;
	/** 'offsetNext': the parameter that carries the offset (default `start`) */
	offsetKey?: string;
	/** 'offsetNext': the parameter that carries the page size, if the method takes one */
	limitKey?: string;
}

export class ListFailure extends Error {
	constructor(readonly failure: Bitrix24Failure) {
		super(failure.description || failure.code);
	}
}

export function rowsOf(envelope: Envelope, rowsAt: string[]): IDataObject[] {
	let value: unknown = envelope.result;
	for (const key of rowsAt)
		value = value && typeof value === 'object' ? (value as IDataObject)[key] : undefined;
	if (Array.isArray(value)) return value as IDataObject[];
	// PHP sends an id-keyed list as an object when keys are not 0..n-1
	return value && typeof value === 'object' ? (Object.values(value) as IDataObject[]) : [];
}

export function objectParam(params: IDataObject, key: string): IDataObject {
	const value = params[key];
	return value && typeof value === 'object' && !Array.isArray(value)
		? { ...(value as IDataObject) }
		: {};
}
