import type { IDataObject } from 'n8n-workflow';

/**
 * PHP `http_build_query` semantics, which is how Bitrix24 reads the query string of each
 * `batch` command: nested keys in brackets, `true`/`false` as 1/0, null and empty arrays
 * left out. Every value is percent-encoded: the portal decodes a command before it looks for
 * references, so the node's own references work encoded too, and a user's text can never
 * open a new parameter (`&`, `=`) of the command.
 */
export type QueryValue =
	| string
	| number
	| boolean
	| null
	| undefined
	| QueryValue[]
	| { [key: string]: QueryValue };

/**
 * A reference to an earlier command of the same batch, built by the node itself
 * (`$result[c0][49][ID]`). Only such objects are meant as references; a string that looks
 * like one is user data (see hasBatchToken).
 */
export class BatchReference {
	constructor(
		readonly command: string,
		readonly path: Array<string | number>,
	) {}

	toString(): string {
		return `$result[${this.command}]${this.path.map((key) => `[${key}]`).join('')}`;
	}

	toJSON(): string {
		return this.toString();
	}
}

/** In a call's `readBack` parameters: the result of the write it follows (see RestCall). */
export class WrittenId {}

/** The read-back's parameters with its `WrittenId` replaced (a reference, or the ID itself). */
export function withWrittenId(params: IDataObject, written: unknown): IDataObject {
	const replace = (value: unknown): unknown => {
		if (value instanceof WrittenId) return written;
		if (Array.isArray(value)) return value.map(replace);
		if (value && typeof value === 'object' && !(value instanceof BatchReference))
			return Object.fromEntries(
				Object.entries(value as IDataObject).map(([key, entry]) => [key, replace(entry)]),
			);
		return value;
	};
	return replace(params) as IDataObject;
}

/**
 * What the rest module substitutes inside any value of a batched command after decoding it
 * (CRestUtil::processBatchElement: `$result`, `$next`, `$total`, `$time`, `$error`, any case,
 * followed by bracketed keys). A call carrying such text must never ride in a `batch`.
 */
const BATCH_TOKEN = /\$(result|next|total|time|error)\S*\[[^\]]+\]/i;

/** Whether any string value (at any depth) would be read by Bitrix24 as a batch reference. */
export function hasBatchToken(value: unknown, depth = 0): boolean {
	if (typeof value === 'string') return BATCH_TOKEN.test(value);
	if (value instanceof BatchReference || value === null || typeof value !== 'object' || depth > 64)
		return false;
	if (Buffer.isBuffer(value) || value instanceof Date) return false;
	const entries = Array.isArray(value) ? value : Object.values(value as Record<string, unknown>);
	return entries.some((entry) => hasBatchToken(entry, depth + 1));
}

export function buildPhpQuery(params: Record<string, unknown>): string {
	const pairs: string[] = [];
	for (const [key, value] of Object.entries(params)) append(pairs, encodeURIComponent(key), value);
	return pairs.join('&');
}

function append(pairs: string[], key: string, value: unknown): void {
	if (value === null || value === undefined) return;
	if (Array.isArray(value)) {
		value.forEach((entry, index) => append(pairs, `${key}%5B${index}%5D`, entry));
		return;
	}
	if (value instanceof Date) {
		pairs.push(`${key}=${encodeURIComponent(value.toISOString())}`);
		return;
	}
	if (value instanceof BatchReference) {
		pairs.push(`${key}=${encodeURIComponent(value.toString())}`);
		return;
	}
	if (typeof value === 'object') {
		for (const [child, entry] of Object.entries(value as Record<string, unknown>)) {
			append(pairs, `${key}%5B${encodeURIComponent(child)}%5D`, entry);
		}
		return;
	}
	if (typeof value === 'boolean') {
		pairs.push(`${key}=${value ? '1' : '0'}`);
		return;
	}
	pairs.push(`${key}=${encodeURIComponent(String(value))}`);
}
