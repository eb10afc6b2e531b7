import type { ICredentialDataDecryptedObject, IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { callWithAccessToken, oauthRestBase } from '../shared/transport';
import { redact } from '../shared/transport/errors';

export type PortalVerdict = { ok: true } | { ok: false; reason: string };

/** Bitrix24 waits for the handler's answer and never repeats a delivery: ask once, briefly. */
const TIMEOUT_MS = 10_000;

function trimmed(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
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
 * The token is the event's, not the credential's: the transport sends it as the documented
 * `auth` parameter, follows no redirect (the token must reach no other host) and never retries.
 */
export async function verifyWithPortal(
	ctx: IWebhookFunctions,
	credentials: ICredentialDataDecryptedObject,
	accessToken: string,
	expected: { memberId: string; clientId: string },
): Promise<PortalVerdict> {
	const restBase = oauthRestBase(credentials);
	if (!restBase) return { ok: false, reason: 'the credential names no portal to verify it with' };
	const read = await callWithAccessToken(
		ctx,
		restBase,
		'app.info',
		accessToken,
		{},
		{
			timeoutMs: TIMEOUT_MS,
			skipSslCertificateValidation: credentials.ignoreSSLIssues === true,
		},
	);
	if (!read.ok) {
		const status = read.failure.httpStatus
			? `HTTP ${read.failure.httpStatus}`
			: read.failure.description;
		return {
			ok: false,
			reason: redact(
				`the portal did not accept the access token it carries (app.info: ${status}${read.failure.code ? ` ${read.failure.code}` : ''})`,
				[accessToken, trimmed(credentials.clientSecret)],
			),
		};
	}
	const result = (read.envelope.result ?? {}) as IDataObject;
	if (trimmed(result.CODE) !== expected.clientId) {
		return {
			ok: false,
			reason:
				"the portal says its access token belongs to another application than the credential's",
		};
	}
	const memberId = result.member_id ?? result.MEMBER_ID;
	if (memberId !== undefined && memberId !== expected.memberId) {
		return {
			ok: false,
			reason: "the portal says its access token belongs to another portal than the credential's",
		};
	}
	return { ok: true };
}
