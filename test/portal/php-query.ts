/**
 * PHP's view of query strings: what `parse_str` makes of `a[b][0][c]=x&a[]=1` and what
 * `http_build_query` sends. The portal is PHP, so its parameters must arrive the way PHP sees them.
 */

export type PhpValue = string | number | boolean | null | PhpValue[] | { [key: string]: PhpValue };
export type PhpObject = { [key: string]: PhpValue };

function isObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function phpUrldecode(s: string): string {
	const plus = s.replace(/\+/g, ' ');
	try {
		return decodeURIComponent(plus);
	} catch {
		// PHP leaves malformed %-sequences as they are; decode what can be decoded.
		return plus.replace(/(%[0-9a-fA-F]{2})+/g, (m) => {
			try {
				return decodeURIComponent(m);
			} catch {
				return m;
			}
		});
	}
}

/** Splits a PHP variable name into its base and bracket segments ('' = append), as php_register_variable does. */
export function splitPhpKey(rawName: string): string[] | null {
	let name = rawName.replace(/^ +/, '');
	const open = name.indexOf('[');
	let base = open === -1 ? name : name.slice(0, open);
	let rest = open === -1 ? '' : name.slice(open);
	if (rest !== '' && rest.indexOf(']') === -1) {
		// An unmatched '[' in the base name becomes '_' and the rest is part of the name.
		base = base + '_' + rest.slice(1);
		rest = '';
	}
	base = base.replace(/[ .]/g, '_');
	if (base === '') return null;
	const segments = [base];
	while (rest.startsWith('[')) {
		const close = rest.indexOf(']');
		if (close === -1) break;
		segments.push(rest.slice(1, close));
		rest = rest.slice(close + 1);
	}
	return segments;
}

function nextIndex(obj: Record<string, unknown>): string {
	let max = -1;
	for (const k of Object.keys(obj)) {
		if (/^(0|-?[1-9][0-9]*)$/.test(k)) max = Math.max(max, Number(k));
	}
	return String(max + 1);
}

/** Assigns `value` at a PHP-style key (`fields[PHONE][0][VALUE]`) inside `target`. */
export function assignPhpKey(
	target: Record<string, unknown>,
	rawName: string,
	value: unknown,
): void {
	const segments = splitPhpKey(rawName);
	if (!segments) return;
	let node: Record<string, unknown> = target;
	for (let i = 0; i < segments.length; i++) {
		const seg = segments[i] === '' && i > 0 ? nextIndex(node) : segments[i];
		if (i === segments.length - 1) {
			node[seg] = value;
			return;
		}
		const child = node[seg];
		if (!isObject(child)) node[seg] = {};
		node = node[seg] as Record<string, unknown>;
	}
}

/** PHP json_encode writes an array with keys 0..n-1 (in order) as a list, anything else as an object. */
export function phpNormalize(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(phpNormalize);
	if (!isObject(value)) return value;
	const keys = Object.keys(value);
	const sequential = keys.length > 0 && keys.every((k, i) => k === String(i));
	if (sequential) return keys.map((k) => phpNormalize(value[k]));
	if (keys.length === 0) return [];
	const out: Record<string, unknown> = {};
	for (const k of keys) out[k] = phpNormalize(value[k]);
	return out;
}

/** PHP `parse_str`. Empty arrays come out as [] and sequential ones as lists. */
export function parsePhpQuery(qs: string): PhpObject {
	const out: Record<string, unknown> = {};
	if (!qs) return out as PhpObject;
	for (const pair of qs.split('&')) {
		if (pair === '') continue;
		const eq = pair.indexOf('=');
		const rawKey = phpUrldecode(eq === -1 ? pair : pair.slice(0, eq));
		const rawValue = eq === -1 ? '' : phpUrldecode(pair.slice(eq + 1));
		assignPhpKey(out, rawKey, rawValue);
	}
	const normalized = phpNormalize(out);
	return (Array.isArray(normalized) ? {} : normalized) as PhpObject;
}

/** PHP `urlencode` (RFC 1738: spaces as '+'). */
export function phpUrlencode(s: string): string {
	return encodeURIComponent(s)
		.replace(/[!'()*~]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
		.replace(/%20/g, '+');
}

/** PHP `http_build_query`: nested keys as `a[b][0]`, booleans as 1/0, nulls left out. */
export function buildPhpQuery(data: unknown, prefix = ''): string {
	const parts: string[] = [];
	const walk = (value: unknown, key: string): void => {
		if (value === null || value === undefined) return;
		if (Array.isArray(value)) {
			value.forEach((v, i) => walk(v, `${key}[${i}]`));
		} else if (isObject(value)) {
			for (const [k, v] of Object.entries(value)) walk(v, `${key}[${k}]`);
		} else {
			const str = typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
			parts.push(`${phpUrlencode(key)}=${phpUrlencode(str)}`);
		}
	};
	if (isObject(data) || Array.isArray(data)) {
		for (const [k, v] of Object.entries(data as Record<string, unknown>))
			walk(v, prefix ? `${prefix}[${k}]` : k);
	}
	return parts.join('&');
}

/** PHP's (bool) cast: '', '0', 0, null, false and [] are false; everything else (even 'false') is true. */
export function phpBool(v: unknown): boolean {
	if (v === null || v === undefined || v === false || v === 0 || v === '' || v === '0')
		return false;
	if (Array.isArray(v)) return v.length > 0;
	if (isObject(v)) return Object.keys(v).length > 0;
	return true;
}

/** PHP is_numeric for the values a query can hold. */
export function phpIsNumeric(v: unknown): boolean {
	if (typeof v === 'number') return Number.isFinite(v);
	if (typeof v !== 'string') return false;
	return /^[ \t\n\r\v\f]*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?[ \t\n\r\v\f]*$/.test(v);
}

/** PHP's (int) cast, which list filters apply to numeric fields. */
export function phpInt(v: unknown): number {
	if (typeof v === 'number') return Math.trunc(v);
	if (typeof v === 'boolean') return v ? 1 : 0;
	if (typeof v === 'string') {
		const m = /^\s*[+-]?\d+/.exec(v);
		return m ? parseInt(m[0], 10) : 0;
	}
	if (Array.isArray(v)) return v.length > 0 ? 1 : 0;
	if (isObject(v)) return Object.keys(v).length > 0 ? 1 : 0;
	return 0;
}

export { isObject };
