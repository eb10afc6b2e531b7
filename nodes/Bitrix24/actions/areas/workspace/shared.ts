import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { paramError } from '../../params';
import { methodOperation } from '../../method-table/build';
import type { MethodSpec } from '../../method-table/spec';
import type { CallOperation } from '../../types';

type ParamsFix = (this: IExecuteFunctions, params: IDataObject, itemIndex: number) => void;
type Shape = (this: IExecuteFunctions, result: unknown, params: IDataObject, itemIndex: number) => IDataObject | IDataObject[];

/**
 * A table row's call operation with a last touch on its parameters (values the table cannot
 * express) and/or its own reading of the answer, through the spec's hooks.
 */
export function adjust(resource: string, spec: MethodSpec, fix?: ParamsFix, shape?: Shape): CallOperation {
	return methodOperation(resource, {
		...spec,
		adjust:
			fix &&
			((ctx, itemIndex, params) => {
				const copy = { ...params };
				fix.call(ctx, copy, itemIndex);
				return copy;
			}),
		shape: shape && ((ctx, result, params, itemIndex) => shape.call(ctx, result, params, itemIndex)),
	}) as CallOperation;
}

/**
 * Access codes as the news feed reads them (UA, U1, DR2, SG5), typed in separated by commas.
 * Returns undefined when nothing was given.
 */
export function accessCodes(ctx: IExecuteFunctions, value: unknown, label: string, itemIndex: number): string[] | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const parts = (Array.isArray(value) ? value : String(value).split(',')).map((part) => String(part).trim().toUpperCase()).filter(Boolean);
	const wrong = parts.find((part) => !/^(UA|U\d+|DR\d+|SG\d+)$/.test(part));
	if (wrong !== undefined) {
		throw paramError(ctx, itemIndex, label, `"${wrong}" is not a recipient; use UA (all employees), U<user ID>, DR<department ID> or SG<group ID>`);
	}
	return parts;
}

/** A date picked in the editor as the YYYY-MM-DD some methods want. */
export function dateOnly(ctx: IExecuteFunctions, value: unknown, label: string, itemIndex: number): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const match = /^(\d{4}-\d{2}-\d{2})/.exec(String(value).trim());
	if (!match) throw paramError(ctx, itemIndex, label, `"${String(value)}" is not a date (YYYY-MM-DD)`);
	return match[1];
}
