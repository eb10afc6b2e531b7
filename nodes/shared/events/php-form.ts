import type { IDataObject } from 'n8n-workflow';

import { decodeFormComponent, eachFormPart } from './form-text';

export { decodeFormComponent, readFormFields } from './form-text';

/**
 * Bitrix24 posts events as a PHP form (`data[FIELDS][ID]=7405&auth[domain]=...`). n8n parses
 * form bodies with Node's `querystring`, which keeps such keys flat, so the nesting is
 * rebuilt here the way PHP builds `$_POST`: brackets open levels, `[]` appends, the last
 * of repeated plain keys wins, and a level keyed 0..n-1 is a list. Keys that could reach
 * an object's prototype are dropped at every level.
 *
 * Anyone who knows a trigger's URL can post to it, so the work a body can cause is bounded:
 * one pass over the keys (an append costs O(1), not a rescan of its level) and the caps below.
 */

export interface FormLimits {
	/** keys of a form (each repeated key counts), or properties and elements of a JSON body */
	maxKeys: number;
	/** bracket levels below a top-level key (`a[b][c]` is 2), or nesting below a JSON body's top level */
	maxDepth: number;
	/** size of the body: bytes of the raw body, or characters of keys and values when n8n kept none */
	maxBytes: number;
}

export const FORM_LIMITS: Readonly<FormLimits> = Object.freeze({
	// An event names ids only (a few dozen keys), and n8n's own form parser keeps just the first
	// 1000 keys of a form; ten times that leaves room for JSON bodies and large custom events while
	// keeping the cost of any one call to milliseconds.
	maxKeys: 10_000,
	// PHP's max_input_nesting_level defaults to 64: a Bitrix24 portal (PHP) neither sends nor reads deeper input.
	maxDepth: 64,
	// A delivery is a few KiB; 1 MiB is far above any real one and far below what would hurt.
	maxBytes: 1024 * 1024,
});

export type FormLimit = 'keys' | 'depth' | 'bytes';

/** A body over one of the caps; nothing of it is kept. */
export class FormLimitError extends Error {
	constructor(
		readonly limit: FormLimit,
		message: string,
	) {
		super(message);
		this.name = 'FormLimitError';
	}

	/** 413 for a body that is too large, 400 for a nesting no PHP portal sends */
	get httpStatus(): 400 | 413 {
		return this.limit === 'depth' ? 400 : 413;
	}
}

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** PHP's integer keys (`0`, `12`; not `007`), which move the position `[]` appends at. */
const INDEX = /^(?:0|[1-9][0-9]{0,14})$/;

/** `data[FIELDS][ID]` -> ['data', 'FIELDS', 'ID']; `a[]` -> ['a', '']; text after a bad bracket is ignored, as PHP does. */
export function splitFormKey(key: string, maxDepth = Infinity): string[] {
	const open = key.indexOf('[');
	if (open <= 0) return [key];
	const path = [key.slice(0, open)];
	const bracket = /\[([^\]]*)\]/y;
	bracket.lastIndex = open;
	for (let match = bracket.exec(key); match; match = bracket.exec(key)) {
		if (path.length > maxDepth) throw tooDeep(maxDepth);
		path.push(match[1]);
	}
	return path;
}

function tooDeep(maxDepth: number): FormLimitError {
	return new FormLimitError('depth', `it nests deeper than ${maxDepth} levels`);
}

/** A level while the body is rebuilt: no prototype, so no key can reach one. */
type Level = Record<string, unknown>;

function newLevel(): Level {
	return Object.create(null) as Level;
}

function isLevel(value: unknown): value is Level {
	return (
		typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value)
	);
}

/** Rebuilds one body under the caps, in one pass over its keys. */
class FormBuilder {
	private readonly root = newLevel();

	/** per level: where `[]` appends next (PHP's nNextFreeElement), so an append never rescans the level */
	private readonly nextFree = new WeakMap<Level, number>();

	private keys = 0;

	private size = 0;

	constructor(
		private readonly limits: FormLimits,
		/** false when the caller has already measured the raw body */
		private readonly countSize: boolean,
	) {}

	/** Counts one key (and its text) against the caps. */
	count(key: string, value?: unknown): void {
		if (++this.keys > this.limits.maxKeys) {
			throw new FormLimitError('keys', `it has more than ${this.limits.maxKeys} keys`);
		}
		if (!this.countSize) return;
		this.size += key.length + (typeof value === 'string' ? value.length : 0);
		if (this.size > this.limits.maxBytes) {
			throw new FormLimitError('bytes', `it is larger than ${this.limits.maxBytes} bytes`);
		}
	}

	/** A flat form key (`data[FIELDS][ID]`) and its value. */
	addFlat(key: string, value: unknown): void {
		this.count(key, value);
		this.assign(splitFormKey(key, this.limits.maxDepth), value);
	}

	/** A value already nested (a JSON body), copied under the caps. */
	addNested(path: string[], value: unknown): void {
		this.assign(
			path,
			isLevel(value) || Array.isArray(value) ? this.copy(value, path.length - 1) : value,
		);
	}

	private segment(target: Level, segment: string): string {
		if (segment === '') {
			const index = this.nextFree.get(target) ?? 0;
			this.nextFree.set(target, index + 1);
			return String(index);
		}
		if (INDEX.test(segment)) {
			const index = Number(segment);
			if (index >= (this.nextFree.get(target) ?? 0)) this.nextFree.set(target, index + 1);
		}
		return segment;
	}

	private assign(path: string[], value: unknown): void {
		if (path.some((segment) => UNSAFE_KEYS.has(segment))) return;
		let target = this.root;
		for (let depth = 0; depth < path.length - 1; depth++) {
			const key = this.segment(target, path[depth]);
			const existing = target[key];
			if (isLevel(existing)) {
				target = existing;
			} else {
				const created = newLevel();
				target[key] = created;
				target = created;
			}
		}
		target[this.segment(target, path[path.length - 1])] = value;
	}

	/**
	 * Copies a nested value with an explicit stack (no recursion on the body's depth), counting every
	 * property and element against the caps and leaving out the keys that could reach a prototype.
	 */
	private copy(value: Level | unknown[], depth: number): Level | unknown[] {
		const make = (source: Level | unknown[]): Level | unknown[] =>
			Array.isArray(source) ? [] : newLevel();
		const top = make(value);
		const stack: Array<{ source: Level | unknown[]; target: Level | unknown[]; depth: number }> = [
			{ source: value, target: top, depth },
		];
		for (let frame = stack.pop(); frame; frame = stack.pop()) {
			const { source, target } = frame;
			const keys = Array.isArray(source)
				? source.map((_, index) => String(index))
				: Object.keys(source);
			// the keys of a level `depth` deep are one bracket deeper (`data` holds `data[FIELDS]`)
			if (keys.length && frame.depth + 1 > this.limits.maxDepth)
				throw tooDeep(this.limits.maxDepth);
			for (const key of keys) {
				const child = (source as Level)[key];
				this.count(key, child);
				if (UNSAFE_KEYS.has(key)) continue;
				if (isLevel(child) || Array.isArray(child)) {
					const copied = make(child);
					(target as Level)[key] = copied;
					stack.push({ source: child, target: copied, depth: frame.depth + 1 });
				} else {
					(target as Level)[key] = child;
				}
			}
		}
		return top;
	}

	finish(): IDataObject {
		return listify(this.root) as IDataObject;
	}
}

/**
 * Levels keyed exactly 0..n-1 become arrays, as PHP lists do in JSON; the rest plain objects.
 * Recursion is bounded: the builder refused anything deeper than the depth cap.
 */
function listify(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(listify);
	if (!isLevel(value)) return value;
	const keys = Object.keys(value);
	const isList = keys.length > 0 && keys.every((key, index) => key === String(index));
	if (isList) return keys.map((key) => listify(value[key]));
	const out: IDataObject = {};
	for (const key of keys) {
		if (!UNSAFE_KEYS.has(key)) out[key] = listify(value[key]) as IDataObject[string];
	}
	return out;
}

/**
 * The nested form of a body as n8n hands it over: flat form keys (a repeated key as an array of
 * strings), or an already nested JSON body (`json`: its arrays are lists, not repeated keys).
 * Throws FormLimitError over a cap.
 */
export function parsePhpForm(
	body: Record<string, unknown> | undefined | null,
	limits: FormLimits = FORM_LIMITS,
	json = false,
): IDataObject {
	const builder = new FormBuilder(limits, true);
	if (!body || typeof body !== 'object' || Array.isArray(body)) return builder.finish();
	for (const key of Object.keys(body)) {
		const value = body[key];
		if (value === undefined) continue;
		if (!json && Array.isArray(value) && value.every((entry) => typeof entry === 'string')) {
			// a repeated key: `a[]=1&a[]=2` appends each, a plain repeated key keeps the last, as PHP does
			const path = splitFormKey(key, limits.maxDepth);
			if (path[path.length - 1] === '') {
				for (const entry of value) builder.addFlat(key, entry);
			} else if (value.length) {
				for (const entry of value) builder.count(key, entry);
				builder.addNested(path, value[value.length - 1]);
			}
			continue;
		}
		if (typeof value === 'object' && value !== null) {
			builder.count(key);
			builder.addNested(splitFormKey(key, limits.maxDepth), value);
		} else {
			builder.addFlat(key, value);
		}
	}
	return builder.finish();
}

/** The nested form of raw x-www-form-urlencoded text (UTF-8). Throws FormLimitError over a cap. */
export function parsePhpFormText(text: string, limits: FormLimits = FORM_LIMITS): IDataObject {
	if (text.length > limits.maxBytes)
		throw new FormLimitError('bytes', `it is larger than ${limits.maxBytes} bytes`);
	const builder = new FormBuilder(limits, false);
	eachFormPart(text, (rawKey, rawValue) => {
		const key = decodeFormComponent(rawKey);
		const value = decodeFormComponent(rawValue ?? '');
		// PHP skips a part without a name
		if (key === '') builder.count(key, value);
		else builder.addFlat(key, value);
	});
	return builder.finish();
}
