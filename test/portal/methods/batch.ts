/**
 * `batch`, as the rest module's CRestProvider::methodsBatch and CRestUtil::ParseBatchQuery do it:
 *
 * - At most 50 commands run; each one past that gets ERROR_BATCH_LENGTH_EXCEEDED in result_error.
 * - A command's query is parsed with parse_str, then every value is scanned for
 *   `$(result|next|total|time|error)[key][key]...` references to earlier commands.
 * - A reference is walked key by key; at the first key that is not set (isset: missing or null) the
 *   walk stops and the value reached so far is used. So `$result[cmd_3][49][ID]` when cmd_3 returned
 *   10 rows yields the whole 10-row array, and a reference to a command that failed or did not run
 *   yields the whole `result` map.
 * - A reference that is the entire value is replaced by that value as it is (string, number, array).
 *   One inside a longer string is replaced only when the value is a string or numeric; otherwise the
 *   text is left as it is.
 * - The answer is HTTP 200 with {result, result_error, result_total, result_next, result_time};
 *   empty sections are [].
 */
import { RestError, timeBlock } from '../envelope';
import { isObject, parsePhpQuery, phpBool, phpIsNumeric } from '../php-query';
import { CallContext, MethodDef, param } from '../registry';

export const BATCH_MAX_LENGTH = 50;

type Sections = Record<string, Record<string, unknown>>;

/** PHP isset($container[$key]). */
function issetKey(
	container: unknown,
	key: string,
): { found: true; value: unknown } | { found: false } {
	if (Array.isArray(container)) {
		if (!/^(0|-?[1-9][0-9]*)$/.test(key)) return { found: false };
		const v = container[Number(key)];
		return v === undefined || v === null ? { found: false } : { found: true, value: v };
	}
	if (isObject(container)) {
		if (!Object.prototype.hasOwnProperty.call(container, key)) return { found: false };
		const v = container[key];
		return v === null || v === undefined ? { found: false } : { found: true, value: v };
	}
	if (
		typeof container === 'string' &&
		/^(0|[1-9][0-9]*)$/.test(key) &&
		Number(key) < container.length
	) {
		return { found: true, value: container[Number(key)] };
	}
	return { found: false };
}

/** CRestUtil::processBatchElement for one value. */
export function processBatchElement(
	query: unknown,
	sections: Sections,
	keysCache: string,
): unknown {
	if (typeof query !== 'string' || keysCache === '') return query;
	const regexp = new RegExp(`\\$(${keysCache})([^\\s]*)`, 'gi');
	const matches = [...query.matchAll(regexp)];
	let current: unknown = query;
	for (const match of matches) {
		const path = match[2];
		const keys = [...path.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]);
		if (keys.length === 0) continue;
		let r: unknown = (sections as Record<string, unknown>)[match[1]] ?? null;
		for (const key of keys) {
			const step = issetKey(r, key);
			if (!step.found) break;
			r = step.value;
		}
		if (match[0] === current) {
			// PHP arrays are values: the command gets a copy, not a live view of the batch's results.
			current = typeof r === 'object' && r !== null ? structuredClone(r) : r;
		} else if (typeof current === 'string') {
			if (typeof r === 'number' || (typeof r === 'string' && phpIsNumeric(r))) r = String(r);
			if (typeof r !== 'string') continue;
			current = current.split(match[0]).join(r);
		}
	}
	return current;
}

/** CRestUtil::processBatchStructure: every value (not key) of the parsed query. */
export function processBatchStructure(
	params: unknown,
	sections: Sections,
	keysCache?: string,
): unknown {
	const cache = keysCache ?? Object.keys(sections).join('|');
	if (Array.isArray(params)) return params.map((p) => processBatchStructure(p, sections, cache));
	if (isObject(params)) {
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(params)) out[k] = processBatchStructure(v, sections, cache);
		return out;
	}
	return processBatchElement(params, sections, cache);
}

/** PHP json_encode of a section: [] when empty, a list when keyed 0..n-1, else an object. */
function section(map: Record<string, unknown>): unknown {
	const keys = Object.keys(map);
	if (keys.length === 0) return [];
	if (keys.every((k, i) => k === String(i))) return keys.map((k) => map[k]);
	return map;
}

function commands(cmd: unknown): Array<[string, unknown]> {
	if (Array.isArray(cmd)) return cmd.map((c, i) => [String(i), c]);
	if (isObject(cmd)) return Object.entries(cmd);
	return [];
}

async function runBatch(ctx: CallContext): Promise<{ result: unknown }> {
	const halt = phpBool(param(ctx.params, 'halt'));
	const sections: Sections = { result: {}, next: {}, total: {}, time: {}, error: {} };
	let count = 0;
	for (const [key, call] of commands(param(ctx.params, 'cmd'))) {
		let outcome:
			| { error: string; error_description: string }
			| { result: unknown; total?: number; next?: number; time: unknown };
		if (count++ < BATCH_MAX_LENGTH) {
			if (typeof call !== 'string') continue;
			const noFragment = call.split('#')[0];
			const q = noFragment.indexOf('?');
			const method = q === -1 ? noFragment : noFragment.slice(0, q);
			const query = q === -1 ? '' : noFragment.slice(q + 1);
			const params = query
				? (processBatchStructure(parsePhpQuery(query), sections) as Record<string, unknown>)
				: {};
			if (method.toLowerCase() === 'batch') {
				outcome = {
					error: 'ERROR_BATCH_METHOD_NOT_ALLOWED',
					error_description: 'Method is not allowed for batch usage',
				};
			} else {
				const res = await ctx.call(method, isObject(params) ? params : {});
				outcome = res.ok
					? {
							result: res.result,
							...(res.next !== undefined ? { next: res.next } : {}),
							...(res.total !== undefined ? { total: res.total } : {}),
							time: timeBlock(res.startMs, res.finishMs, res.operating),
						}
					: { error: res.error, error_description: res.error_description };
			}
		} else {
			outcome = {
				error: 'ERROR_BATCH_LENGTH_EXCEEDED',
				error_description: 'Max batch length exceeded',
			};
		}
		if ('error' in outcome) {
			sections.error[key] = { error: outcome.error, error_description: outcome.error_description };
			(sections.error_description ??= {})[key] = outcome.error_description;
			if (halt) break;
		} else {
			for (const [k, v] of Object.entries(outcome)) (sections[k] ??= {})[key] = v;
		}
	}
	return {
		result: {
			result: section(sections.result),
			result_error: section(sections.error),
			result_total: section(sections.total),
			result_next: section(sections.next),
			result_time: section(sections.time),
		},
	};
}

export const methods: MethodDef[] = [
	{
		name: 'batch',
		scope: 'basic',
		handler: (ctx) => {
			if (ctx.inBatch)
				throw new RestError(
					405,
					'ERROR_BATCH_METHOD_NOT_ALLOWED',
					'Method is not allowed for batch usage',
				);
			return runBatch(ctx);
		},
	},
];
