import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { bitrix24List, PAGE_SIZE } from '../../../../shared/transport';
import type { Envelope, RestCall } from '../../../../shared/transport';
import { methodOperation, readParams } from '../../method-table/build';
import type { MethodSpec } from '../../method-table/spec';
import { readLimit } from '../../params';
import type { CallOperation, OperationEntry, RunOperation } from '../../types';

/** The generic operation of a table row, its answer read by `shape` instead. */
export function reshaped(
	resource: string,
	spec: MethodSpec,
	shape: CallOperation['shape'],
): OperationEntry {
	const operation = methodOperation(resource, spec) as CallOperation;
	return { value: spec.value, name: spec.name, action: spec.action, description: spec.description, operation: { ...operation, shape } };
}

/** tasks.task.get answers `[]` (not an error) when the task is missing or hidden: say so. */
export function taskOrError(this: IExecuteFunctions, envelope: Envelope, itemIndex: number, call: RestCall): IDataObject {
	const result = envelope.result as IDataObject | unknown[];
	if (Array.isArray(result) || !result || typeof result.task !== 'object') {
		throw new NodeOperationError(this.getNode(), `Task ${String(call.params?.taskId)} was not found or you have no access to it`, { itemIndex });
	}
	return result.task as IDataObject;
}

/**
 * Legacy positional list methods (task.commentitem.getlist(TASKID, ORDER, FILTER) ...): every
 * slot before the last one given must be sent, so a missing ORDER gets its default.
 */
export function positionalList(resource: string, spec: MethodSpec, slots: Array<{ key: string; fallback: IDataObject }>): OperationEntry {
	const description = methodOperation(resource, spec).description;
	const operation: RunOperation = {
		description,
		async run(itemIndex) {
			const given = readParams(this, spec, itemIndex);
			const params: IDataObject = {};
			const lastGiven = slots.reduce((last, slot, index) => (given[slot.key] !== undefined ? index : last), -1);
			slots.forEach((slot, index) => {
				if (given[slot.key] !== undefined) params[slot.key] = given[slot.key];
				else if (index < lastGiven) params[slot.key] = slot.fallback;
			});
			const limit = readLimit(this, itemIndex);
			return await bitrix24List(this, { method: spec.method, params, paging: 'single', rowsAt: [], idKey: 'ID' }, limit, itemIndex);
		},
	};
	return { value: spec.value, name: spec.name, action: spec.action, description: spec.description, operation };
}

/**
 * task.elapseditem.getlist(TASKID, ORDER, FILTER, SELECT, PARAMS) pages by NAV_PARAMS; walked the
 * fast way anyway: ID order, `>ID` filter, up to 50 pages per batch chained by `$result` references.
 */
export function elapsedList(resource: string, spec: MethodSpec): OperationEntry {
	const description = methodOperation(resource, spec).description;
	const operation: RunOperation = {
		description,
		async run(itemIndex) {
			const given = readParams(this, spec, itemIndex);
			const limit = readLimit(this, itemIndex);
			const baseFilter = { ...((given.FILTER as IDataObject | undefined) ?? {}) };
			const startAfter = baseFilter['>ID'] ?? 0;
			delete baseFilter['>ID'];
			return await bitrix24List(
				this,
				{
					method: spec.method,
					params: given,
					rowsAt: [],
					idKey: 'ID',
					startAfter,
					pageAfter: (after) => ({
						...(given.TASKID !== undefined ? { TASKID: given.TASKID } : {}),
						ORDER: { ID: 'asc' },
						FILTER: { ...baseFilter, '>ID': after },
						SELECT: ['*'],
						PARAMS: { NAV_PARAMS: { nPageSize: PAGE_SIZE, iNumPage: 1 } },
					}),
				},
				limit,
				itemIndex,
			);
		},
	};
	return { value: spec.value, name: spec.name, action: spec.action, description: spec.description, operation };
}
