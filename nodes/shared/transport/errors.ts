import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { hintFor } from './error-hints';
import type { Bitrix24Failure } from './types';

export { scopeOf } from './error-hints';

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
