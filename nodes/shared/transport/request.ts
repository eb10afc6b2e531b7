import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import type { Bitrix24Context, Connection } from './connection';
import type { RawResponse } from './envelope';
import { readEnvelope } from './envelope';
import { redact } from './errors';
import type { Bitrix24Failure, Envelope } from './types';

const READ_VERB = /(^|\.)(get|list|fields|getfields|getlist|getchildren|search|current|time|status|settings|accessibility|getbyid|getforapp|getusers|getaccess|getexternallink)$/i;

/** A method whose repetition does no harm, so it may be retried after an unclear failure. */
export function isReadMethod(method: string): boolean {
	return READ_VERB.test(method) || /\.get[a-z]*$/i.test(method) || /\.list$/i.test(method);
}

type SendResult = { response: RawResponse } | { networkError: string };

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
	};
	try {
		const response = (await ctx.helpers.httpRequestWithAuthentication.call(
			ctx,
			connection.credentialType,
			options,
		)) as { statusCode: number; body: unknown; headers: Record<string, unknown> };
		return { response: { status: response.statusCode, body: response.body, headers: response.headers ?? {} } };
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
		throw new NodeApiError(ctx.getNode(), { message: redact(message, connection.secrets) }, {
			message: redact(`Bitrix24: the request for ${method} failed: ${message}`, connection.secrets),
		});
	}
}

/**
 * How long to wait out a 429. Its body names no reset time; the `time` block of earlier
 * successful answers does (`operating_reset_at`). Without one, wait 10 s as Bitrix24's SDK does.
 */
function operatingResetWait(connection: Connection, method: string): number {
	const resetAt = connection.operatingResetAt.get(method.toLowerCase());
	if (resetAt !== undefined && resetAt > Date.now()) return resetAt - Date.now();
	return 10_000;
}

export function rememberOperatingReset(connection: Connection, method: string, time: IDataObject | undefined): void {
	const reset = Number(time?.operating_reset_at);
	if (Number.isFinite(reset) && reset > 0) connection.operatingResetAt.set(method.toLowerCase(), reset * 1000);
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
): Promise<{ ok: true; envelope: Envelope } | { ok: false; failure: Bitrix24Failure }> {
	const { maxRetries, retryDelayMs, maxWaitMs } = connection.options;
	for (let attempt = 0; ; attempt++) {
		const backoff = Math.round(retryDelayMs * Math.pow(1.5, attempt));
		const sent = await sendOnce(ctx, connection, method, params);
		if ('networkError' in sent) {
			if (idempotent && attempt < maxRetries) {
				await sleep(backoff);
				continue;
			}
			return {
				ok: false,
				failure: {
					code: sent.networkError,
					description: idempotent
						? 'The connection to the portal failed'
						: 'The connection to the portal failed; the call may or may not have been applied, so it was not repeated',
					method,
					outcomeUnknown: !idempotent,
				},
			};
		}
		const read = readEnvelope(method, sent.response);
		if (read.ok) {
			rememberOperatingReset(connection, method, read.envelope.time);
			return read;
		}
		const failure = read.failure;
		const status = sent.response.status;
		const refusedBeforeRunning =
			failure.code === 'QUERY_LIMIT_EXCEEDED' || failure.code === 'OVERLOAD_LIMIT' || failure.code === 'OPERATION_TIME_LIMIT';
		if (refusedBeforeRunning && attempt < maxRetries) {
			const wait = failure.code === 'OPERATION_TIME_LIMIT' ? operatingResetWait(connection, method) : backoff;
			if (wait <= maxWaitMs) {
				await sleep(Math.max(wait, backoff));
				continue;
			}
		}
		if (status >= 500 && !refusedBeforeRunning) {
			if (idempotent && attempt < maxRetries) {
				await sleep(backoff);
				continue;
			}
			if (!idempotent) failure.outcomeUnknown = true;
		}
		return read;
	}
}
