import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { itemId, order, positionalSlots, TASKID } from './positional-params';

/** Version 2: one of the chosen task's checklist items, or its ID. */
const ITEM = itemId('Item ID', {
	label: 'Checklist Item',
	description: "One of the chosen task's checklist items, or its ID",
	locator: { searchListMethod: 'searchChecklistItems' },
});

/** Checklist items of a task: task.checklistitem.*, positional. */
function checklistFields(required: boolean): ParamSpec[] {
	return [
		{ name: 'title', label: 'Title', path: 'FIELDS.TITLE', type: 'string', required },
		{
			name: 'isComplete',
			label: 'Is Complete',
			path: 'FIELDS.IS_COMPLETE',
			type: 'yesNo',
			description: 'Whether the item is done',
		},
		{
			name: 'isImportant',
			label: 'Is Important',
			path: 'FIELDS.IS_IMPORTANT',
			type: 'yesNo',
			description: 'Whether the item is marked important',
		},
		{
			name: 'parentId',
			label: 'Parent Item ID',
			path: 'FIELDS.PARENT_ID',
			type: 'number',
			description: 'Nest the item under another one; 0 starts a new checklist',
		},
		{
			name: 'sortIndex',
			label: 'Sort Index',
			path: 'FIELDS.SORT_INDEX',
			type: 'number',
			description: 'Lower values come first',
		},
	];
}

const methods: MethodSpec[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create a checklist item',
		description: "Add an item to a task's checklist (task.checklistitem.add)",
		method: 'task.checklistitem.add',
		positional: true,
		params: [TASKID, ...checklistFields(true)],
		output: { as: 'id' },
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update a checklist item',
		description: 'Change a checklist item (task.checklistitem.update)',
		method: 'task.checklistitem.update',
		positional: true,
		params: [TASKID, ITEM, ...checklistFields(false)],
		output: { echo: { taskId: 'TASKID', itemId: 'ITEMID' } },
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a checklist item',
		description: 'Delete a checklist item (task.checklistitem.delete)',
		method: 'task.checklistitem.delete',
		positional: true,
		params: [TASKID, ITEM],
		output: { echo: { taskId: 'TASKID', itemId: 'ITEMID' }, as: 'success' },
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get a checklist item',
		description: 'Get a checklist item (task.checklistitem.get)',
		method: 'task.checklistitem.get',
		positional: true,
		params: [TASKID, ITEM],
	},
	{
		value: 'complete',
		name: 'Complete',
		action: 'Complete a checklist item',
		description: 'Mark a checklist item as done (task.checklistitem.complete)',
		method: 'task.checklistitem.complete',
		positional: true,
		params: [TASKID, ITEM],
		output: { echo: { taskId: 'TASKID', itemId: 'ITEMID' }, as: 'success' },
	},
	{
		value: 'renew',
		name: 'Renew',
		action: 'Renew a checklist item',
		description: 'Mark a checklist item as not done (task.checklistitem.renew)',
		method: 'task.checklistitem.renew',
		positional: true,
		params: [TASKID, ITEM],
		output: { echo: { taskId: 'TASKID', itemId: 'ITEMID' }, as: 'success' },
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many checklist items',
		description: 'List the checklist items of a task (task.checklistitem.getlist)',
		method: 'task.checklistitem.getlist',
		positional: true,
		params: [TASKID, order('{"SORT_INDEX": "asc"}')],
		list: { rowsAt: [], idKey: 'ID', paging: 'single' },
		adjust: positionalSlots([
			{ key: 'TASKID', fallback: {} },
			{ key: 'ORDER', fallback: { SORT_INDEX: 'asc' } },
		]),
	},
];

export const checklistItemSpec: ResourceSpec = {
	value: 'taskChecklist',
	name: 'Task Checklist',
	description: 'Checklist items of a task',
	methods,
};
