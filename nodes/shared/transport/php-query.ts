/**
 * PHP `http_build_query` semantics, which is how Bitrix24 reads the query string of each
 * `batch` command: nested keys in brackets, `true`/`false` as 1/0, null and empty arrays
 * left out. Values that are `$result[...]` references stay unencoded so the portal can
 * recognise and substitute them.
 */
export type QueryValue = string | number | boolean | null | undefined | QueryValue[] | { [key: string]: QueryValue };

const REFERENCE = /^\$result\[[^\]]+\](\[[^\]]*\])*$/;

export function isBatchReference(value: unknown): value is string {
	return typeof value === 'string' && REFERENCE.test(value);
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
	const text = String(value);
	pairs.push(`${key}=${isBatchReference(text) ? text : encodeURIComponent(text)}`);
}
