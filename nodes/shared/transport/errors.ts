import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { Bitrix24Failure } from './types';

const SCOPES: Array<[RegExp, string]> = [
	[/^crm\./, 'crm'],
	[/^tasks?\./, 'task'],
	[/^im\./, 'im'],
	[/^imbot\./, 'imbot'],
	[/^disk\./, 'disk'],
	[/^user\./, 'user'],
	[/^department\./, 'department'],
	[/^calendar\./, 'calendar'],
	[/^log\./, 'log'],
	[/^timeman\./, 'timeman'],
	[/^sonet_group\./, 'sonet_group'],
	[/^telephony\./, 'telephony'],
	[/^imopenlines\./, 'imopenlines'],
	[/^bizproc\./, 'bizproc'],
	[/^lists\./, 'lists'],
	[/^catalog\./, 'catalog'],
];

export function scopeOf(method: string): string | undefined {
	const lower = method.toLowerCase();
	return SCOPES.find(([pattern]) => pattern.test(lower))?.[1];
}

function waited(failure: Bitrix24Failure): string {
	if (!failure.waitedMs) return '';
	const seconds = Math.round(failure.waitedMs / 1000);
	return seconds >= 120
		? `; the call waited ${Math.round(seconds / 60)} minutes`
		: `; the call waited ${seconds} s`;
}

function hintFor(failure: Bitrix24Failure): string | undefined {
	const scope = scopeOf(failure.method);
	switch (failure.code) {
		case 'expired_token':
		case 'invalid_token':
		case 'NO_AUTH_FOUND':
			return 'Bitrix24 refused the access token even after n8n tried to refresh it. Open the Bitrix24 OAuth2 credential and reconnect it.';
		case 'insufficient_scope':
			return `The credential lacks the "${scope ?? 'required'}" scope that ${failure.method} needs. Add it to the incoming webhook's permissions or the local application's permissions in Bitrix24 (and reconnect an OAuth2 credential).`;
		case 'INVALID_CREDENTIALS':
			return 'The user id or code in the webhook URL is wrong, or the webhook was deleted in Bitrix24. Copy the URL again from Developer resources > Other > Incoming webhook.';
		case 'WRONG_AUTH_TYPE':
			return `${failure.method} works only with an application's OAuth token. Use the Bitrix24 OAuth2 credential for it.`;
		case 'ACCESS_DENIED':
		case 'user_access_error':
			return 'The Bitrix24 user behind this credential lacks the rights for this action.';
		case 'QUERY_LIMIT_EXCEEDED':
		case 'OVERLOAD_LIMIT':
			return `The portal kept refusing requests because of its request rate limit (about 2 per second, burst 50)${waited(failure)}. Run fewer workflows against this portal at the same time, set the plan's limits in the credential, or raise "Max Wait for Limits" under the node's Request Options.`;
		case 'OPERATION_TIME_LIMIT':
			return `${failure.method} used up its operating-time budget on the portal (Bitrix24 allows each method a fixed amount of execution time per 10 minutes)${waited(failure)}. It becomes available again after the reset; run the workflow later, narrow the query, or raise "Max Wait for Limits" under the node's Request Options.`;
		case 'ERROR_METHOD_NOT_FOUND':
			return `${failure.method} does not exist on this portal, or its module is not available to this credential. Check the method name and the credential's scopes${scope ? ` (${scope})` : ''}.`;
		case 'INVALID_REQUEST':
			return 'Bitrix24 cloud portals accept only https:// requests.';
		case 'NON_JSON_RESPONSE':
			return 'Check that the portal URL is right and the portal is reachable; the answer came from something other than the Bitrix24 REST API.';
		case 'ERROR_BATCH_LENGTH_EXCEEDED':
			return 'A batch may hold at most 50 calls.';
		case 'ERROR_BATCH_METHOD_NOT_ALLOWED':
			return 'A batch cannot contain another batch.';
		case 'NOT_FOUND':
			return 'The record does not exist, or the user behind the credential cannot see it.';
		case '':
			if (/not found/i.test(failure.description)) {
				return 'The record does not exist, or the user behind the credential cannot see it.';
			}
			return undefined;
		default:
			return undefined;
	}
}

/** Removes secrets from any text that may reach a user, a log or an output item. */
export function redact(text: string, secrets: string[]): string {
	let out = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 6) out = out.split(secret).join('***');
	}
	return out.replace(/(\/rest\/\d+\/)[A-Za-z0-9_]{6,}/g, '$1***');
}

/**
 * Every string in an answer with the secrets blanked out. Bitrix24 puts the caller's access
 * token into some links it returns (a file's download URL, `auth=`), and output must not carry it.
 * Returns the value itself when nothing needed blanking.
 */
export function redactDeep<T>(value: T, secrets: string[]): T {
	const active = secrets.filter((secret) => secret && secret.length >= 6);
	if (active.length === 0) return value;
	const walk = (node: unknown): unknown => {
		if (typeof node === 'string') {
			return active.some((secret) => node.includes(secret)) ? redact(node, active) : node;
		}
		if (Array.isArray(node)) {
			let changed = false;
			const out = node.map((entry) => {
				const next = walk(entry);
				if (next !== entry) changed = true;
				return next;
			});
			return changed ? out : node;
		}
		if (node && typeof node === 'object' && !Buffer.isBuffer(node)) {
			let changed = false;
			const out: Record<string, unknown> = {};
			for (const [key, entry] of Object.entries(node as Record<string, unknown>)) {
				const next = walk(entry);
				if (next !== entry) changed = true;
				out[key] = next;
			}
			return changed ? out : node;
		}
		return node;
	};
	return walk(value) as T;
}

export function failureMessage(failure: Bitrix24Failure): string {
	const text = failure.description || failure.code || 'Unknown error';
	return failure.code && failure.description ? `${text} [${failure.code}]` : text;
}

export function toNodeApiError(
	node: INode,
	failure: Bitrix24Failure,
	secrets: string[],
	itemIndex?: number,
): NodeApiError {
	const hint = hintFor(failure);
	const where = `Bitrix24 method ${failure.method}${failure.httpStatus ? `, HTTP ${failure.httpStatus}` : ''}`;
	const message = redact(`Bitrix24: ${failureMessage(failure)}`, secrets);
	const description = redact([hint, where].filter(Boolean).join(' — '), secrets);
	const error = new NodeApiError(
		node,
		{
			code: failure.code,
			error_description: redact(failure.description, secrets),
			method: failure.method,
		} as JsonObject,
		{
			message,
			description,
			httpCode: failure.httpStatus ? String(failure.httpStatus) : undefined,
			itemIndex,
		},
	);
	// NodeApiError may derive a generic text from the status; keep Bitrix24's own words.
	error.message = message;
	error.description = description;
	return error;
}
