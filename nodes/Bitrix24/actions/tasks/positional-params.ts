import type { IDataObject } from 'n8n-workflow';

import type { MethodSpec, ParamSpec } from '../method-table/spec';
import { TASK_LOCATOR } from './task-locator';

/**
 * The parameters of the legacy positional methods (task.checklistitem.*, task.commentitem.*,
 * task.elapseditem.*, task.item.userfield.*): Bitrix24 reads them by position, so their paths
 * are the names the docs give and the table order is the call's order.
 */
export const TASKID: ParamSpec = {
	name: 'taskId',
	label: 'Task',
	path: 'TASKID',
	type: 'id',
	required: true,
	locator: TASK_LOCATOR,
};
/** A part of the task (checklist item, comment, time record); version 2 picks it among the chosen task's. */
export const itemId = (label: string, v2?: ParamSpec['v2']): ParamSpec => ({
	name: 'itemId',
	label,
	path: 'ITEMID',
	type: 'id',
	required: true,
	v2,
});
export const order = (example: string): ParamSpec => ({
	name: 'order',
	label: 'Order (JSON)',
	path: 'ORDER',
	type: 'json',
	description: `Sorting, e.g. ${example}`,
});
export const filter = (example: string): ParamSpec => ({
	name: 'filter',
	label: 'Filter (JSON)',
	path: 'FILTER',
	type: 'json',
	description: `Filter, e.g. ${example}`,
});

/**
 * For a positional list method (task.commentitem.getlist(TASKID, ORDER, FILTER) ...): every slot
 * before the last one given must be sent, so a missing ORDER gets its default.
 */
export function positionalSlots(
	slots: Array<{ key: string; fallback: IDataObject }>,
): NonNullable<MethodSpec['adjust']> {
	return (_ctx, _itemIndex, given) => {
		const params: IDataObject = {};
		const lastGiven = slots.reduce(
			(last, slot, index) => (given[slot.key] !== undefined ? index : last),
			-1,
		);
		slots.forEach((slot, index) => {
			if (given[slot.key] !== undefined) params[slot.key] = given[slot.key];
			else if (index < lastGiven) params[slot.key] = slot.fallback;
		});
		return params;
	};
}
