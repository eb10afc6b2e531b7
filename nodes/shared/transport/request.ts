import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import type { Bitrix24Context, Connection } from './connection';
import type { RawResponse } from './envelope';
import { redact } from './errors';
import type { SendResult } from './scheduler';
import { mergeableCall, scheduleCall } from './scheduler';
import type { Bitrix24Failure, Envelope } from './types';

const READ_VERB =
	/(^|\.)(get|list|fields|getfields|getlist|getchildren|search|current|time|status|settings|accessibility|getbyid|getforapp|getusers|getaccess|getexternallink)$/i;

/** A method whose repetition does no harm, so it may be retried after an unclear failure. */
export function isReadMethod(method: string): boolean {
	return READ_VERB.test(method) || /\.get[a-z]*$/i.test(method) || /\.list$/i.test(method);
}

function responseOf(error: unknown): RawResponse | undefined {
	let current = error as Record<string, unknown> | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		const response = current.response as Record<string, unknown> | undefined;
		if (response && typeof response.status === 'number') {
			return {
				status: response.status,
				body: response.data ?? response.body,
				headers: (response.headers ?? {}) as Record<string, unknown>,
			};
		}
		current = current.cause as Record<string, unknown> | undefined;
	}
	return undefined;
}

function networkCodeOf(error: unknown): string | undefined {
	let current = error as Record<string, unknown> | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		if (typeof current.code === 'string' && /^E[A-Z_]+$/.test(current.code)) return current.code;
		current = current.cause as Record<string, unknown> | undefined;
	}
	return undefined;
}

function innerError(error: unknown): unknown {
	let current = error as Record<string, unknown> | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		if (current instanceof NodeOperationError) return current;
		current = current.cause as Record<string, unknown> | undefined;
	}
	return undefined;
}

async function sendOnce(
	ctx: Bitrix24Context,
	connection: Connection,
	method: string,
	params: IDataObject,
): Promise<SendResult> {
	const options: IHttpRequestOptions = {
		method: 'POST',
		url: connection.restBase + method,
		body: params,
		json: true,
		returnFullResponse: true,
		timeout: connection.options.timeoutMs,
		// a redirect to another host must not take the bearer token along
		sendCredentialsOnCrossOriginRedirect: false,
	};
	try {
		const response = (await ctx.helpers.httpRequestWithAuthentication.call(
			ctx,
			connection.credentialType,
			options,
		)) as { statusCode: number; body: unknown; headers: Record<string, unknown> };
		return {
			response: {
				status: response.statusCode,
				body: response.body,
				headers: response.headers ?? {},
			},
		};
	} catch (error) {
		const response = responseOf(error);
		if (response) return { response };
		const inner = innerError(error);
		if (inner instanceof NodeOperationError) {
			inner.message = redact(inner.message, connection.secrets);
			throw inner;
		}
		const code = networkCodeOf(error);
		if (code) return { networkError: code };
		const message = error instanceof Error ? error.message : String(error);
		throw new NodeApiError(
			ctx.getNode(),
			{ message: redact(message, connection.secrets) },
			{
				message: redact(
					`Bitrix24: the request for ${method} failed: ${message}`,
					connection.secrets,
				),
			},
		);
	}
}

/** Bitrix24's source key parameter (api-reference/events/offline-events.md, "How to Avoid Cycles"). */
export const SOURCE_KEY_PARAM = 'auth_connector';

/**
 * `params` with the connection's source key added; a key the call names itself is kept. Added
 * per call (never per request), so calls of executions with different keys can share a batch.
 */
export function withSourceKey(params: IDataObject, connection: Connection): IDataObject {
	const key = connection.options.authConnector;
	if (!key || SOURCE_KEY_PARAM in params) return params;
	return { ...params, [SOURCE_KEY_PARAM]: key };
}

/**
 * One REST call with Bitrix24's limits honoured. A call the portal refused before running it
 * (503 rate limit, 429 operating limit) is repeated after a back-off; a call whose outcome is
 * unknown (5xx, connection lost) is repeated only when it cannot change data.
 */
export async function callRaw(
	ctx: Bitrix24Context,
	connection: Connection,
	method: string,
	params: IDataObject = {},
	idempotent = isReadMethod(method),
	mergeable = mergeableCall(method, params),
): Promise<{ ok: true; envelope: Envelope } | { ok: false; failure: Bitrix24Failure }> {
	const { maxRetries, retryDelayMs } = connection.options;
	params = withSourceKey(params, connection);
	const send = async (sendMethod: string, sendParams: IDataObject) =>
		await sendOnce(ctx, connection, sendMethod, sendParams);
	for (let attempt = 0; ; attempt++) {
		const backoff = Math.round(retryDelayMs * Math.pow(1.5, attempt));
		const answer = await scheduleCall({
			portalKey: connection.portalKey,
			identity: connection.identity,
			method,
			params,
			send,
			limits: connection.limits,
			maxWaitMs: connection.options.maxWaitMs,
			mergeable,
		});
		if (answer.ok) return answer;
		if ('thrown' in answer) throw answer.thrown;
		if ('networkError' in answer) {
			if (idempotent && attempt < maxRetries) {
				await sleep(backoff);
				continue;
			}
			return {
				ok: false,
				failure: {
					code: answer.networkError,
					description: idempotent
						? 'The connection to the portal failed'
						: 'The connection to the portal failed; the call may or may not have been applied, so it was not repeated',
					method,
					outcomeUnknown: !idempotent,
				},
			};
		}
		const failure = answer.failure;
		const status = failure.httpStatus ?? 0;
		const refused =
			failure.code === 'QUERY_LIMIT_EXCEEDED' ||
			failure.code === 'OVERLOAD_LIMIT' ||
			failure.code === 'OPERATION_TIME_LIMIT';
		if (status >= 500 && !refused) {
			if (idempotent && attempt < maxRetries) {
				await sleep(backoff);
				continue;
			}
			if (!idempotent) failure.outcomeUnknown = true;
		}
		return answer;
	}
}
