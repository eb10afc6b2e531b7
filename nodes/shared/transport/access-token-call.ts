import { createHash } from 'crypto';
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { DEFAULT_LIMITS } from './bucket';
import type { Bitrix24Context } from './connection';
import { redact } from './errors';
import type { SendResult } from './scheduler';
import { scheduleCall } from './scheduler';
import type { Bitrix24Failure, Envelope } from './types';

const hash = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * One call to a REST base with an access token that is NOT the credential's (the one an event
 * delivery carries), sent as the documented `auth` parameter: no credential attached, never
 * refreshed or retried, no redirect followed, and counted in the portal's shared request
 * budget like every other call. Failures come back as failures with the token blanked out.
 */
export async function callWithAccessToken(
	ctx: Bitrix24Context,
	restBase: string,
	method: string,
	accessToken: string,
	params: IDataObject = {},
	options: { timeoutMs: number; skipSslCertificateValidation?: boolean; maxWaitMs?: number },
): Promise<{ ok: true; envelope: Envelope } | { ok: false; failure: Bitrix24Failure }> {
	const secrets = [accessToken];
	const send = async (sendMethod: string, sendParams: IDataObject): Promise<SendResult> => {
		const request: IHttpRequestOptions = {
			method: 'POST',
			url: `${restBase}${sendMethod}`,
			body: { ...sendParams, auth: accessToken },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			sendCredentialsOnCrossOriginRedirect: false,
			skipSslCertificateValidation: options.skipSslCertificateValidation === true,
			timeout: options.timeoutMs,
		};
		try {
			const response = (await ctx.helpers.httpRequest(request)) as {
				statusCode: number;
				body: unknown;
				headers?: Record<string, unknown>;
			};
			return {
				response: {
					status: response.statusCode,
					body: response.body,
					headers: response.headers ?? {},
				},
			};
		} catch (error) {
			const code = (error as { code?: unknown }).code;
			return {
				networkError: typeof code === 'string' && /^E[A-Z_]+$/.test(code) ? code : 'REQUEST_FAILED',
			};
		}
	};
	let host = restBase;
	try {
		host = new URL(restBase).host;
	} catch {
		// not a URL: the request fails below with a clear code
	}
	const answer = await scheduleCall({
		portalKey: hash(host),
		identity: hash(`token\n${restBase}\n${accessToken}`),
		method,
		params,
		send,
		limits: DEFAULT_LIMITS,
		maxWaitMs: options.maxWaitMs ?? 2000,
		mergeable: false,
	});
	if (answer.ok) return answer;
	if ('failure' in answer) {
		return {
			ok: false,
			failure: { ...answer.failure, description: redact(answer.failure.description, secrets) },
		};
	}
	const code = 'networkError' in answer ? answer.networkError : 'REQUEST_FAILED';
	return { ok: false, failure: { code, description: 'The portal could not be reached', method } };
}
