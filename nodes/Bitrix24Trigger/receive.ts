import { configuredApplicationToken, fetchesFullRecord } from './settings';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CallerAuth, Delivery, DeliveryBody } from '../shared/events';
import {
	eventDefinition,
	FormLimitError,
	publicEvent,
	readCallerAuth,
	readDelivery,
	tokenFingerprint,
	tokenMatches,
} from '../shared/events';
import { bitrix24Call, connect, withoutSecrets } from '../shared/transport';
import { redact } from '../shared/transport/errors';
import { selectedEvents, usesOAuth2 } from './subscription';
import { verifyWithPortal } from './verify-portal';

/** Where the first verified call's token lives in the node's static data (a fingerprint, never the token). */
const TRUSTED = 'applicationTokenSha256';

export function forgetTrustedToken(staticData: IDataObject): void {
	delete staticData[TRUSTED];
}

export type Verdict = { ok: true } | { ok: false; reason: string };

/**
 * Checks `auth[application_token]` (read alone, before the body is parsed). Expected: the
 * Application Token parameter; with OAuth2 and no parameter, the token of the first call
 * after activation, trusted only once the credential's own portal has confirmed the access
 * token that call carries (see verifyWithPortal). Anything that cannot be verified is refused.
 */
export async function verify(ctx: IWebhookFunctions, caller: CallerAuth): Promise<Verdict> {
	if (caller.repeated)
		return { ok: false, reason: 'it carries one of its auth fields more than once' };
	// one field per credential type, so a token typed for one never silently applies to the other
	const configured = configuredApplicationToken(ctx);
	const received = caller.applicationToken;
	if (configured) {
		return tokenMatches(received, tokenFingerprint(configured))
			? { ok: true }
			: { ok: false, reason: 'its application token is not the configured one' };
	}
	if (!usesOAuth2(ctx)) return { ok: false, reason: 'no Application Token is configured' };
	const staticData = ctx.getWorkflowStaticData('node');
	const trusted = typeof staticData[TRUSTED] === 'string' ? (staticData[TRUSTED] as string) : '';
	if (trusted) {
		return tokenMatches(received, trusted)
			? { ok: true }
			: {
					ok: false,
					reason: 'its application token is not the one first received from this portal',
				};
	}
	if (!received) return { ok: false, reason: 'it carries no application token' };
	const credentials = await ctx.getCredentials('bitrix24OAuth2Api');
	const tokenData = (credentials.oauthTokenData ?? {}) as IDataObject;
	const memberId = typeof tokenData.member_id === 'string' ? tokenData.member_id.trim() : '';
	if (!memberId) {
		return {
			ok: false,
			reason:
				"the credential holds no member_id, so no first call can be verified as its portal's: reconnect the credential or set the Application Token",
		};
	}
	if (caller.memberId !== memberId)
		return { ok: false, reason: "it comes from another portal than the credential's" };
	const clientId = typeof credentials.clientId === 'string' ? credentials.clientId.trim() : '';
	if (!clientId)
		return {
			ok: false,
			reason: "the credential holds no client ID to verify the first call's application with",
		};
	if (!caller.accessToken)
		return { ok: false, reason: 'it carries no access token to verify it with the portal' };
	const confirmed = await verifyWithPortal(ctx, credentials, caller.accessToken, {
		memberId,
		clientId,
	});
	if (!confirmed.ok) return confirmed;
	staticData[TRUSTED] = tokenFingerprint(received);
	return { ok: true };
}

/** Answers the call itself (the workflow does not start) and logs why, without any token. */
export function refuse(
	ctx: IWebhookFunctions,
	status: number,
	text: string,
	reason: string,
	secrets: string[],
	node = 'Bitrix24 Trigger',
): IWebhookResponseData {
	ctx.logger.warn(redact(`${node}: refused a call with HTTP ${status} because ${reason}`, secrets));
	ctx.getResponseObject().status(status).send(text);
	return { noWebhookResponse: true };
}

export type Received<T> =
	| { refused: IWebhookResponseData }
	| { value: T; caller: CallerAuth; secrets: string[] };

/**
 * A call from Bitrix24: its application token read alone from the raw body and verified first
 * (verify), then the whole body read by `read` under the form caps. A call that fails either
 * is answered here (401, 413, 400) and starts nothing.
 */
export async function verifiedBody<T>(
	ctx: IWebhookFunctions,
	read: (body: DeliveryBody) => T,
	node = 'Bitrix24 Trigger',
): Promise<Received<T>> {
	const body = deliveryBody(ctx);
	const caller = readCallerAuth(body);
	const secrets = [caller.applicationToken, caller.accessToken];
	const verdict = await verify(ctx, caller);
	if (!verdict.ok)
		return { refused: refuse(ctx, 401, 'Unauthorized', verdict.reason, secrets, node) };
	try {
		return { value: read(body), caller, secrets };
	} catch (error) {
		if (!(error instanceof FormLimitError))
			throw new NodeOperationError(ctx.getNode(), error as Error);
		const answer = error.httpStatus === 413 ? 'Payload Too Large' : 'Bad Request';
		return { refused: refuse(ctx, error.httpStatus, answer, error.message, secrets, node) };
	}
}

/** The body as n8n received it: its bytes when n8n kept them (`rawBody`), and n8n's parse. */
export function deliveryBody(ctx: IWebhookFunctions): DeliveryBody {
	const rawBody = (ctx.getRequestObject() as { rawBody?: unknown }).rawBody;
	const contentType = String(ctx.getHeaderData()['content-type'] ?? '')
		.split(';')[0]
		.trim()
		.toLowerCase();
	return {
		raw: Buffer.isBuffer(rawBody)
			? rawBody
			: typeof rawBody === 'string'
				? Buffer.from(rawBody, 'utf8')
				: undefined,
		contentType,
		parsed: ctx.getBodyData(),
	};
}

const ANSWER_FAST = { maxRetries: 1, retryDelayMs: 500, maxWaitMs: 2000 };

/** Reads the record the event names. A failure is reported on the item: the event itself must not be lost. */
async function fetchRecord(ctx: IWebhookFunctions, delivery: Delivery): Promise<IDataObject> {
	const source = eventDefinition(delivery.event)?.record;
	const call = source?.call(delivery.data);
	if (!source || !call) return {};
	// Bitrix24 waits for the answer and never repeats a call: retry little, wait little.
	await connect(ctx, ANSWER_FAST);
	try {
		const envelope = await bitrix24Call(ctx, call.method, call.params);
		const record = source.pick(envelope.result);
		if (record && typeof record === 'object') return { record: await withoutSecrets(ctx, record) };
		return {
			record: null,
			recordError: `${call.method} returned no record: it does not exist or the credential's user cannot see it`,
		};
	} catch (error) {
		return { record: null, recordError: (error as Error).message };
	}
}

export async function receive(ctx: IWebhookFunctions): Promise<IWebhookResponseData> {
	const received = await verifiedBody(ctx, readDelivery);
	if ('refused' in received) return received.refused;
	const { value: delivery, caller, secrets } = received;
	if (delivery.auth.applicationToken !== caller.applicationToken) {
		return refuse(
			ctx,
			400,
			'Bad Request',
			'its body names its application token in two ways',
			secrets,
		);
	}
	if (!selectedEvents(ctx).includes(delivery.event)) {
		return { webhookResponse: { message: 'Event not selected in the trigger; ignored' } };
	}
	const item = publicEvent(delivery);
	if (fetchesFullRecord(ctx)) Object.assign(item, await fetchRecord(ctx, delivery));
	return { workflowData: [ctx.helpers.returnJsonArray([item])] };
}
