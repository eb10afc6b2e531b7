import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { runBatch, runMany } from './batch';
import type { Bitrix24Context, Connection } from './connection';
import { connect, currentSecrets } from './connection';
import { redactDeep, toNodeApiError } from './errors';
import type { ListRequest } from './paging';
import { fetchList, ListFailure } from './paging';
import { callRaw } from './request';
import type { Bitrix24Failure, CallOutcome, Envelope, RestCall } from './types';

export type { Bitrix24Context, Connection } from './connection';
export type { ListRequest } from './paging';
export type { Bitrix24Failure, CallOutcome, Envelope, RestCall } from './types';
export { connect, oauthRestBase } from './connection';
export { callWithAccessToken } from './access-token-call';
export { BATCH_LIMIT } from './batch';
export { WrittenId } from './php-query';
export { PAGE_SIZE } from './paging';
export { readEnvelope } from './envelope';
export type { PortalDownload, PortalFile } from './files';
export { downloadFromPortal, uploadToPortal } from './files';

/** The answer-derived data with the connection's secrets blanked out (see redactDeep). */
export async function withoutSecrets<T>(ctx: Bitrix24Context, value: T): Promise<T> {
	return redactDeep(value, await currentSecrets(ctx));
}

/** Errors from n8n's helpers keep their type; anything else becomes a NodeOperationError. */
export function asNodeError(
	ctx: Bitrix24Context,
	error: unknown,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error as Error);
}

export function failureError(
	ctx: Bitrix24Context,
	connection: Connection,
	failure: Bitrix24Failure,
	itemIndex?: number,
) {
	return toNodeApiError(ctx.getNode(), failure, connection.secrets, itemIndex);
}

/** One method call; a Bitrix24 error becomes a NodeApiError for the item. */
export async function bitrix24Call(
	ctx: Bitrix24Context,
	method: string,
	params: IDataObject = {},
	itemIndex?: number,
): Promise<Envelope> {
	const connection = await connect(ctx);
	const answer = await callRaw(ctx, connection, method, params);
	if (!answer.ok) throw failureError(ctx, connection, answer.failure, itemIndex);
	return answer.envelope;
}

/** Many calls, batched 50 to a request; one outcome per call, never thrown. */
export async function bitrix24CallMany(
	ctx: Bitrix24Context,
	calls: RestCall[],
	halt: boolean,
): Promise<CallOutcome[]> {
	if (calls.length === 0) return [];
	const connection = await connect(ctx);
	return await runMany(ctx, connection, calls, halt);
}

/** All rows of a list (or the first `limit`), walked the fastest way the method allows. */
export async function bitrix24List(
	ctx: Bitrix24Context,
	request: ListRequest,
	limit?: number,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const connection = await connect(ctx);
	try {
		return await fetchList(ctx, connection, request, limit);
	} catch (error) {
		if (error instanceof ListFailure) throw failureError(ctx, connection, error.failure, itemIndex);
		throw asNodeError(ctx, error);
	}
}

/** Up to 50 calls as one `batch` request under the caller's keys (references allowed). */
export async function bitrix24Batch(
	ctx: Bitrix24Context,
	calls: RestCall[],
	keys: string[],
	halt: boolean,
): Promise<CallOutcome[]> {
	const connection = await connect(ctx);
	return await runBatch(ctx, connection, calls, halt, keys);
}
