import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions, IWebhookFunctions } from 'n8n-workflow';

import { readEnvelope } from '../shared/transport';
import { redact } from '../shared/transport/errors';

export type PortalVerdict = { ok: true } | { ok: false; reason: string };

/** Bitrix24 waits for the handler's answer and never repeats a delivery: ask once, briefly. */
const TIMEOUT_MS = 10_000;

function trimmed(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

/** The credential's own REST base: its token's `client_endpoint`, else `<portal URL>/rest/` (as the transport's connect does). */
function credentialRestBase(credentials: ICredentialDataDecryptedObject): string {
	const token = (credentials.oauthTokenData ?? {}) as IDataObject;
	const endpoint = trimmed(token.client_endpoint);
	if (endpoint) return endpoint.endsWith('/') ? endpoint : `${endpoint}/`;
	const portal = trimmed(credentials.portalUrl).replace(/\/+$/, '');
	return portal ? `${portal}/rest/` : '';
}

/**
 * Asks the credential's own portal whether `accessToken` — the one an event delivery carried in
 * `auth[access_token]` — is a live token of this local application there.
 *
 * app.info (bitrix24/b24restdocs, api-reference/common/system/app-info.md) answers an
 * application's OAuth token with `ID`, `CODE` (the application code; for a local application
 * its client id, as the docs' example `"CODE": "local.56017020f07e17.98523769"` shows),
 * `VERSION`, `STATUS`, `INSTALLED`, `PAYMENT_EXPIRED`, `DAYS`, `LANGUAGE_ID`, `LICENSE`...;
 * an invalid token gets an error. It lists no `member_id`: the portal is proven by where the
 * call goes — the credential's own `client_endpoint`, never the one the event names — and the
 * application by `CODE`. Should an answer carry a `member_id` after all, it must match too.
 *
 * The token is the event's, not the credential's, so the transport's authenticated call does
 * not fit; this sends it as the documented `auth` parameter, follows no redirect (the token
 * must reach no other host) and never retries.
 */
export async function verifyWithPortal(
	ctx: IWebhookFunctions,
	credentials: ICredentialDataDecryptedObject,
	accessToken: string,
	expected: { memberId: string; clientId: string },
): Promise<PortalVerdict> {
	const restBase = credentialRestBase(credentials);
	if (!restBase) return { ok: false, reason: 'the credential names no portal to verify it with' };
	const secrets = [accessToken, trimmed(credentials.clientSecret)];
	const options: IHttpRequestOptions = {
		method: 'POST',
		url: `${restBase}app.info`,
		body: { auth: accessToken },
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
		skipSslCertificateValidation: credentials.ignoreSSLIssues === true,
		timeout: TIMEOUT_MS,
	};
	let response: { statusCode: number; body: unknown; headers?: Record<string, unknown> };
	try {
		response = (await ctx.helpers.httpRequest(options)) as typeof response;
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		return { ok: false, reason: redact(`the portal could not be asked to verify it (${message})`, secrets) };
	}
	const read = readEnvelope('app.info', {
		status: response.statusCode,
		body: response.body,
		headers: response.headers ?? {},
	});
	if (!read.ok) {
		return {
			ok: false,
			reason: redact(
				`the portal did not accept the access token it carries (app.info: HTTP ${response.statusCode}${read.failure.code ? ` ${read.failure.code}` : ''})`,
				secrets,
			),
		};
	}
	const result = (read.envelope.result ?? {}) as IDataObject;
	if (trimmed(result.CODE) !== expected.clientId) {
		return { ok: false, reason: 'the portal says its access token belongs to another application than the credential\'s' };
	}
	const memberId = result.member_id ?? result.MEMBER_ID;
	if (memberId !== undefined && memberId !== expected.memberId) {
		return { ok: false, reason: 'the portal says its access token belongs to another portal than the credential\'s' };
	}
	return { ok: true };
}
