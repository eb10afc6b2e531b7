import type { IDataObject } from 'n8n-workflow';

import type { CallOutcome } from './types';

function section(result: IDataObject, name: string): IDataObject {
	const value = result[name];
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}

/**
 * One command's outcome in a `batch` answer (`result`, `result_error`, `result_total`,
 * `result_next`, `result_time`; empty sections come as `[]`). A command with neither a result
 * nor an error did not run (an earlier one failed with halt).
 */
export function batchOutcome(
	answer: unknown,
	key: string,
	method: string,
): CallOutcome | { ok: false; notRun: true } {
	const result = (answer ?? {}) as IDataObject;
	const error = section(result, 'result_error')[key] as IDataObject | undefined;
	if (error) {
		return {
			ok: false,
			error: {
				code:
					typeof error.error === 'string' || typeof error.error === 'number'
						? String(error.error)
						: '',
				description: typeof error.error_description === 'string' ? error.error_description : '',
				method,
			},
		};
	}
	const results = section(result, 'result');
	if (!(key in results)) return { ok: false, notRun: true };
	const total = section(result, 'result_total')[key];
	const next = section(result, 'result_next')[key];
	return {
		ok: true,
		envelope: {
			result: results[key],
			total: total === undefined ? undefined : Number(total),
			next: next === undefined ? undefined : Number(next),
			time: section(result, 'result_time')[key] as IDataObject | undefined,
		},
	};
}
