import type { IDataObject } from 'n8n-workflow';

/**
 * Bitrix24 posts events as a PHP form (`data[FIELDS][ID]=7405&auth[domain]=...`). n8n parses
 * form bodies with Node's `querystring`, which keeps such keys flat, so the nesting is
 * rebuilt here the way PHP builds `$_POST`: brackets open levels, `[]` appends, the last
 * of repeated plain keys wins, and a level keyed 0..n-1 is a list. Keys that could reach
 * an object's prototype are dropped.
 */

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** `data[FIELDS][ID]` -> ['data', 'FIELDS', 'ID']; `a[]` -> ['a', '']; text after a bad bracket is ignored, as PHP does. */
export function splitFormKey(key: string): string[] {
	const open = key.indexOf('[');
	if (open <= 0) return [key];
	const path = [key.slice(0, open)];
	const bracket = /\[([^\]]*)\]/y;
	bracket.lastIndex = open;
	for (let match = bracket.exec(key); match; match = bracket.exec(key)) path.push(match[1]);
	return path;
}

function isPlainObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function childObject(parent: IDataObject, key: string): IDataObject {
	const existing = parent[key];
	if (isPlainObject(existing)) return existing;
	const created: IDataObject = {};
	parent[key] = created;
	return created;
}

function nextIndex(target: IDataObject): string {
	const indexes = Object.keys(target)
		.filter((key) => /^\d+$/.test(key))
		.map(Number);
	return String(indexes.length ? Math.max(...indexes) + 1 : 0);
}

function assign(root: IDataObject, path: string[], value: unknown): void {
	if (path.some((segment) => UNSAFE_KEYS.has(segment))) return;
	let target = root;
	for (let depth = 0; depth < path.length - 1; depth++) {
		const segment = path[depth] === '' ? nextIndex(target) : path[depth];
		target = childObject(target, segment);
	}
	const last = path[path.length - 1];
	target[last === '' ? nextIndex(target) : last] = value as IDataObject[string];
}

/** Objects keyed exactly 0..n-1 become arrays, as PHP lists do in JSON. */
function listify(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(listify);
	if (!isPlainObject(value)) return value;
	const keys = Object.keys(value);
	const isList = keys.length > 0 && keys.every((key, index) => key === String(index));
	if (isList) return keys.map((key) => listify(value[key]));
	const out: IDataObject = {};
	for (const key of keys) out[key] = listify(value[key]) as IDataObject[string];
	return out;
}

/** The nested form of a parsed body; an already nested (JSON) body passes through unchanged in shape. */
export function parsePhpForm(body: Record<string, unknown> | undefined | null): IDataObject {
	const root: IDataObject = {};
	if (!body || typeof body !== 'object') return root;
	for (const [key, value] of Object.entries(body)) {
		if (value === undefined) continue;
		const path = splitFormKey(key);
		if (Array.isArray(value) && value.every((entry) => typeof entry === 'string')) {
			// a repeated key: `a[]=1&a[]=2` appends each, a plain repeated key keeps the last, as PHP does
			if (path[path.length - 1] === '') {
				for (const entry of value) assign(root, path, entry);
			} else if (value.length) {
				assign(root, path, value[value.length - 1]);
			}
			continue;
		}
		assign(root, path, value);
	}
	return listify(root) as IDataObject;
}
