import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Envelope, RestCall } from '../../../../shared/transport';
import { paramError } from '../../params';
import type { CallOperation, Operation } from '../../types';
import { isCallOperation } from '../../types';

type ParamsFix = (this: IExecuteFunctions, params: IDataObject, itemIndex: number) => void;
type Shape = (this: IExecuteFunctions, result: unknown, params: IDataObject, itemIndex: number) => IDataObject | IDataObject[];

/**
 * A table-made call operation with a last touch on its parameters (values the table cannot
 * express) and/or its own reading of the answer.
 */
export function adjust(operation: Operation, fix?: ParamsFix, shape?: Shape): CallOperation {
	if (!isCallOperation(operation)) throw new Error('adjust() takes call operations only');
	return {
		description: operation.description,
		async plan(itemIndex): Promise<RestCall> {
			const call = await operation.plan.call(this, itemIndex);
			const params = { ...(call.params ?? {}) };
			fix?.call(this, params, itemIndex);
			return { method: call.method, params };
		},
		shape(envelope: Envelope, itemIndex, call) {
			return shape
				? shape.call(this, envelope.result, call.params ?? {}, itemIndex)
				: operation.shape.call(this, envelope, itemIndex, call);
		},
	};
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
