/**
 * The trigger's form parser on 40,000-key bodies: what a caller of the public trigger URL can make
 * it do. The caps (FORM_LIMITS: 10,000 keys, 1 MiB) are lifted here to measure the parser itself;
 * `auth fields only` is the read every call gets before it is verified. Each case: fastest of 5 runs.
 */
import { performance } from 'node:perf_hooks';

import {
	FORM_LIMITS,
	parsePhpForm,
	parsePhpFormText,
	readFormFields,
} from '../../nodes/shared/events/php-form';

const KEYS = 40_000;
const RUNS = 5;
const UNCAPPED = { ...FORM_LIMITS, maxKeys: Infinity, maxBytes: Infinity };
const AUTH_KEYS = ['auth[application_token]', 'auth[member_id]', 'auth[access_token]'];

function fastestMs(run: () => unknown): number {
	let best = Infinity;
	for (let attempt = 0; attempt < RUNS; attempt++) {
		const started = performance.now();
		run();
		best = Math.min(best, performance.now() - started);
	}
	return Math.round(best * 100) / 100;
}

export async function benchFormParser(): Promise<
	Array<{ case: string; keys: number; ms: number }>
> {
	const appends = 'a%5B%5D=1&'.repeat(KEYS);
	const nested = Array.from(
		{ length: KEYS },
		(_, index) => `data%5BFIELDS%5D%5BF${index}%5D%5BVALUE%5D=v${index}`,
	).join('&');
	const appendsParsedByN8n = { 'a[]': Array.from({ length: KEYS }, () => '1') };
	const nestedParsedByN8n = Object.fromEntries(
		Array.from({ length: KEYS }, (_, index) => [`data[FIELDS][F${index}][VALUE]`, `v${index}`]),
	);
	const withToken = `${nested}&auth%5Bapplication_token%5D=0123456789abcdef0123456789abcdef`;
	return [
		{
			case: 'raw form, `a[]` appends',
			keys: KEYS,
			ms: fastestMs(() => parsePhpFormText(appends, UNCAPPED)),
		},
		{
			case: 'raw form, nested keys (data[FIELDS][Fn][VALUE])',
			keys: KEYS,
			ms: fastestMs(() => parsePhpFormText(nested, UNCAPPED)),
		},
		{
			case: "n8n's parse, `a[]` appends (one key, 40,000 values)",
			keys: KEYS,
			ms: fastestMs(() => parsePhpForm(appendsParsedByN8n, UNCAPPED)),
		},
		{
			case: "n8n's parse, nested keys",
			keys: KEYS,
			ms: fastestMs(() => parsePhpForm(nestedParsedByN8n, UNCAPPED)),
		},
		{
			case: 'auth fields only (before verification)',
			keys: KEYS + 1,
			ms: fastestMs(() => readFormFields(withToken, AUTH_KEYS)),
		},
	];
}
