import type { IDataObject } from 'n8n-workflow';

import { methodOperation } from '../../method-table/build';
import type { MethodSpec, ParamSpec } from '../../method-table/spec';
import type { OperationEntry, Resource } from '../../types';
import { elapsedList, positionalList, reshaped } from './custom';
import { TASK_LOCATOR } from './task';

/** Legacy positional methods take TASKID first; its path is the name the docs give. */
const TASKID: ParamSpec = { name: 'taskId', label: 'Task', path: 'TASKID', type: 'id', required: true, locator: TASK_LOCATOR };
const itemId = (label: string): ParamSpec => ({ name: 'itemId', label, path: 'ITEMID', type: 'id', required: true });
const order = (example: string): ParamSpec => ({ name: 'order', label: 'Order (JSON)', path: 'ORDER', type: 'json', description: `Sorting, e.g. ${example}` });
const filter = (example: string): ParamSpec => ({ name: 'filter', label: 'Filter (JSON)', path: 'FILTER', type: 'json', description: `Filter, e.g. ${example}` });

function entry(resource: string, spec: MethodSpec): OperationEntry {
	return { value: spec.value, name: spec.name, action: spec.action, description: spec.description, operation: methodOperation(resource, spec) };
}

const sorted = (operations: OperationEntry[]): OperationEntry[] => operations.sort((a, b) => a.name.localeCompare(b.name));

// ---- checklist (task.checklistitem.*) --------------------------------------------------------

function checklistFields(required: boolean): ParamSpec[] {
	return [
		{ name: 'title', label: 'Title', path: 'FIELDS.TITLE', type: 'string', required },
		{ name: 'isComplete', label: 'Is Complete', path: 'FIELDS.IS_COMPLETE', type: 'yesNo', description: 'Whether the item is done' },
		{ name: 'isImportant', label: 'Is Important', path: 'FIELDS.IS_IMPORTANT', type: 'yesNo', description: 'Whether the item is marked important' },
		{ name: 'parentId', label: 'Parent Item ID', path: 'FIELDS.PARENT_ID', type: 'number', description: 'Nest the item under another one; 0 starts a new checklist' },
		{ name: 'sortIndex', label: 'Sort Index', path: 'FIELDS.SORT_INDEX', type: 'number', description: 'Lower values come first' },
	];
}

const checklistSpecs: MethodSpec[] = [
	{ value: 'create', name: 'Create', action: 'Create a checklist item', description: 'Add an item to a task\'s checklist (task.checklistitem.add)', method: 'task.checklistitem.add', positional: true, params: [TASKID, ...checklistFields(true)], output: { as: 'id' } },
	{ value: 'update', name: 'Update', action: 'Update a checklist item', description: 'Change a checklist item (task.checklistitem.update)', method: 'task.checklistitem.update', positional: true, params: [TASKID, itemId('Item ID'), ...checklistFields(false)], output: { echo: { taskId: 'TASKID', itemId: 'ITEMID' } } },
	{ value: 'delete', name: 'Delete', action: 'Delete a checklist item', description: 'Delete a checklist item (task.checklistitem.delete)', method: 'task.checklistitem.delete', positional: true, params: [TASKID, itemId('Item ID')], output: { echo: { taskId: 'TASKID', itemId: 'ITEMID' }, as: 'success' } },
	{ value: 'get', name: 'Get', action: 'Get a checklist item', description: 'Get a checklist item (task.checklistitem.get)', method: 'task.checklistitem.get', positional: true, params: [TASKID, itemId('Item ID')] },
	{ value: 'complete', name: 'Complete', action: 'Complete a checklist item', description: 'Mark a checklist item as done (task.checklistitem.complete)', method: 'task.checklistitem.complete', positional: true, params: [TASKID, itemId('Item ID')], output: { echo: { taskId: 'TASKID', itemId: 'ITEMID' }, as: 'success' } },
	{ value: 'renew', name: 'Renew', action: 'Renew a checklist item', description: 'Mark a checklist item as not done (task.checklistitem.renew)', method: 'task.checklistitem.renew', positional: true, params: [TASKID, itemId('Item ID')], output: { echo: { taskId: 'TASKID', itemId: 'ITEMID' }, as: 'success' } },
];

const checklistList: MethodSpec = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many checklist items',
	description: 'List the checklist items of a task (task.checklistitem.getlist)',
	method: 'task.checklistitem.getlist',
	positional: true,
	params: [TASKID, order('{"SORT_INDEX": "asc"}')],
	list: { rowsAt: [], idKey: 'ID', paging: 'single' },
};

export const checklistResource: Resource = {
	value: 'taskChecklist',
	name: 'Task Checklist',
	description: 'Checklist items of a task',
	operations: sorted([
		...checklistSpecs.map((spec) => entry('taskChecklist', spec)),
		positionalList('taskChecklist', checklistList, [
			{ key: 'TASKID', fallback: {} },
			{ key: 'ORDER', fallback: { SORT_INDEX: 'asc' } },
		]),
	]),
};

// ---- comments (task.commentitem.*) and results (tasks.task.result.*) --------------------------

const commentSpecs: MethodSpec[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create a comment',
		description: 'Add a comment to a task (task.commentitem.add)',
		method: 'task.commentitem.add',
		positional: true,
		params: [
			TASKID,
			{ name: 'message', label: 'Message', path: 'FIELDS.POST_MESSAGE', type: 'text', required: true },
			{ name: 'authorId', label: 'Author ID', path: 'FIELDS.AUTHOR_ID', type: 'number', description: 'Post on behalf of this user (administrators only)' },
		],
		output: { as: 'id' },
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update a comment',
		description: 'Change the text of a comment (task.commentitem.update)',
		method: 'task.commentitem.update',
		positional: true,
		params: [TASKID, itemId('Comment ID'), { name: 'message', label: 'Message', path: 'FIELDS.POST_MESSAGE', type: 'text', required: true }],
		output: { echo: { taskId: 'TASKID', commentId: 'ITEMID' }, as: 'success' },
	},
	{ value: 'delete', name: 'Delete', action: 'Delete a comment', description: 'Delete a comment (task.commentitem.delete)', method: 'task.commentitem.delete', positional: true, params: [TASKID, itemId('Comment ID')], output: { echo: { taskId: 'TASKID', commentId: 'ITEMID' }, as: 'success' } },
	{ value: 'get', name: 'Get', action: 'Get a comment', description: 'Get a comment (task.commentitem.get)', method: 'task.commentitem.get', positional: true, params: [TASKID, itemId('Comment ID')] },
	{
		value: 'getResults',
		name: 'Get Many Results',
		action: 'Get the results of a task',
		description: 'List the comments pinned as the task\'s result, one item each (tasks.task.result.list)',
		method: 'tasks.task.result.list',
		params: [{ name: 'taskId', label: 'Task ID', path: 'taskId', type: 'id', required: true }],
		output: { split: true },
	},
	{
		value: 'addResult',
		name: 'Add Result',
		action: 'Pin a comment as the task result',
		description: 'Pin a comment as the task\'s result (tasks.task.result.addFromComment)',
		method: 'tasks.task.result.addFromComment',
		params: [{ name: 'commentId', label: 'Comment ID', path: 'commentId', type: 'id', required: true }],
	},
	{
		value: 'deleteResult',
		name: 'Delete Result',
		action: 'Unpin a comment as the task result',
		description: 'Unpin a comment from the task\'s result (tasks.task.result.deleteFromComment)',
		method: 'tasks.task.result.deleteFromComment',
		params: [{ name: 'commentId', label: 'Comment ID', path: 'commentId', type: 'id', required: true }],
		output: { echo: { commentId: 'commentId' } },
	},
];

const commentList: MethodSpec = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many comments',
	description: 'List the comments of a task (task.commentitem.getlist)',
	method: 'task.commentitem.getlist',
	positional: true,
	params: [TASKID, order('{"POST_DATE": "desc"}'), filter('{"AUTHOR_ID": 5} or {">POST_DATE": "2024-01-01"}')],
	list: { rowsAt: [], idKey: 'ID', paging: 'single' },
};

export const commentResource: Resource = {
	value: 'taskComment',
	name: 'Task Comment',
	description: 'Comments of a task and the results pinned from them',
	operations: sorted([
		...commentSpecs.map((spec) => entry('taskComment', spec)),
		positionalList('taskComment', commentList, [
			{ key: 'TASKID', fallback: {} },
			{ key: 'ORDER', fallback: { POST_DATE: 'asc' } },
			{ key: 'FILTER', fallback: {} },
		]),
	]),
};

// ---- elapsed time (task.elapseditem.*) -------------------------------------------------------

const elapsedSpecs: MethodSpec[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create a time record',
		description: 'Record time spent on a task (task.elapseditem.add)',
		method: 'task.elapseditem.add',
		positional: true,
		params: [
			TASKID,
			{ name: 'seconds', label: 'Seconds', path: 'ARFIELDS.SECONDS', type: 'number', required: true, default: 3600 },
			{ name: 'commentText', label: 'Comment', path: 'ARFIELDS.COMMENT_TEXT', type: 'string', required: true },
			{ name: 'userId', label: 'User ID', path: 'ARFIELDS.USER_ID', type: 'number', description: 'Who spent the time; empty means the current user' },
		],
		output: { as: 'id' },
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update a time record',
		description: 'Change a time record (task.elapseditem.update)',
		method: 'task.elapseditem.update',
		positional: true,
		params: [
			TASKID,
			itemId('Record ID'),
			{ name: 'seconds', label: 'Seconds', path: 'ARFIELDS.SECONDS', type: 'number' },
			{ name: 'commentText', label: 'Comment', path: 'ARFIELDS.COMMENT_TEXT', type: 'string' },
			{ name: 'userId', label: 'User ID', path: 'ARFIELDS.USER_ID', type: 'number' },
		],
		output: { echo: { taskId: 'TASKID', recordId: 'ITEMID' } },
	},
	{ value: 'delete', name: 'Delete', action: 'Delete a time record', description: 'Delete a time record (task.elapseditem.delete)', method: 'task.elapseditem.delete', positional: true, params: [TASKID, itemId('Record ID')], output: { echo: { taskId: 'TASKID', recordId: 'ITEMID' } } },
	{ value: 'get', name: 'Get', action: 'Get a time record', description: 'Get a time record (task.elapseditem.get)', method: 'task.elapseditem.get', positional: true, params: [TASKID, itemId('Record ID')] },
];

const elapsedListSpec: MethodSpec = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many time records',
	description: 'List the time records of a task (task.elapseditem.getlist)',
	method: 'task.elapseditem.getlist',
	positional: true,
	params: [{ ...TASKID, required: false, description: 'Empty lists the records of every task you can see' }, filter('{"USER_ID": 5} or {">=CREATED_DATE": "2024-01-01"}')],
	list: { rowsAt: [], idKey: 'ID', paging: 'single' },
};

export const elapsedResource: Resource = {
	value: 'taskElapsedTime',
	name: 'Task Elapsed Time',
	description: 'Time spent on a task',
	operations: sorted([...elapsedSpecs.map((spec) => entry('taskElapsedTime', spec)), elapsedList('taskElapsedTime', elapsedListSpec)]),
};

// ---- custom task fields (task.item.userfield.*) -----------------------------------------------

function userFieldData(prefix: string): ParamSpec[] {
	return [
		{ name: 'label', label: 'Label', path: `${prefix}.LABEL`, type: 'string' },
		{ name: 'mandatory', label: 'Mandatory', path: `${prefix}.MANDATORY`, type: 'yesNo', description: 'Whether every task must fill the field' },
		{ name: 'multiple', label: 'Multiple', path: `${prefix}.MULTIPLE`, type: 'yesNo', description: 'Whether the field holds several values' },
		{ name: 'settings', label: 'Settings (JSON)', path: `${prefix}.SETTINGS`, type: 'json', description: 'Type settings, e.g. {"DEFAULT_VALUE": "none"}' },
		{ name: 'sort', label: 'Sort', path: `${prefix}.SORT`, type: 'number', default: 100 },
		{ name: 'xmlId', label: 'External ID', path: `${prefix}.XML_ID`, type: 'string' },
	];
}

const ufId: ParamSpec = { name: 'fieldId', label: 'Field ID', path: 'ID', type: 'id', required: true };

const userFieldSpecs: MethodSpec[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create a custom task field',
		description: 'Add a custom field to tasks (task.item.userfield.add)',
		method: 'task.item.userfield.add',
		positional: true,
		params: [
			{
				name: 'userTypeId',
				label: 'Type',
				path: 'PARAMS.USER_TYPE_ID',
				type: 'options',
				required: true,
				options: [
					{ name: 'Date and Time', value: 'datetime' },
					{ name: 'Number', value: 'double' },
					{ name: 'String', value: 'string' },
					{ name: 'Yes/No', value: 'boolean' },
				],
				default: 'string',
			},
			{ name: 'fieldName', label: 'Field Name', path: 'PARAMS.FIELD_NAME', type: 'string', required: true, placeholder: 'UF_TASK_CLIENT', description: 'Code of the field; UF_ is added when missing' },
			...userFieldData('PARAMS'),
		],
		output: { as: 'id' },
	},
	{ value: 'update', name: 'Update', action: 'Update a custom task field', description: 'Change a custom task field (task.item.userfield.update)', method: 'task.item.userfield.update', positional: true, params: [ufId, ...userFieldData('DATA')], output: { echo: { fieldId: 'ID' }, as: 'success' } },
	{ value: 'get', name: 'Get', action: 'Get a custom task field', description: 'Get a custom task field (task.item.userfield.get)', method: 'task.item.userfield.get', positional: true, params: [ufId] },
	{ value: 'delete', name: 'Delete', action: 'Delete a custom task field', description: 'Delete a custom task field (task.item.userfield.delete)', method: 'task.item.userfield.delete', positional: true, params: [ufId], output: { echo: { fieldId: 'ID' }, as: 'success' } },
];

const userFieldList: MethodSpec = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many custom task fields',
	description: 'List the custom fields of tasks (task.item.userfield.getlist)',
	method: 'task.item.userfield.getlist',
	positional: true,
	params: [order('{"SORT": "asc"}'), filter('{"USER_TYPE_ID": "string"}')],
	list: { rowsAt: [], idKey: 'ID', paging: 'single' },
};

export const userFieldResource: Resource = {
	value: 'taskUserField',
	name: 'Task Custom Field',
	description: 'Custom fields of tasks',
	operations: sorted([
		...userFieldSpecs.map((spec) => entry('taskUserField', spec)),
		positionalList('taskUserField', userFieldList, [
			{ key: 'ORDER', fallback: { ID: 'asc' } },
			{ key: 'FILTER', fallback: {} },
		]),
	]),
};

// ---- Kanban / My Plan stages (task.stages.*) -------------------------------------------------

const isAdmin: ParamSpec = { name: 'isAdmin', label: 'As Administrator', path: 'isAdmin', type: 'boolean', description: 'Whether to skip permission checks (portal administrators only)' };
const stageId: ParamSpec = { name: 'stageId', label: 'Stage ID', path: 'id', type: 'id', required: true };

const stageSpecs: MethodSpec[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create a task stage',
		description: 'Add a Kanban or My Plan stage (task.stages.add)',
		method: 'task.stages.add',
		params: [
			{ name: 'title', label: 'Title', path: 'fields.TITLE', type: 'string', required: true },
			{ name: 'entityId', label: 'Project ID', path: 'fields.ENTITY_ID', type: 'number', description: 'The workgroup whose Kanban gets the stage; 0 or empty means your My Plan' },
			{ name: 'afterId', label: 'After Stage ID', path: 'fields.AFTER_ID', type: 'number', description: 'Put the stage after this one; 0 or empty puts it first' },
			{ name: 'color', label: 'Color', path: 'fields.COLOR', type: 'string', placeholder: '47D1E2', description: 'RGB color, hex without #' },
			isAdmin,
		],
		output: { as: 'id' },
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update a task stage',
		description: 'Change a Kanban or My Plan stage (task.stages.update)',
		method: 'task.stages.update',
		params: [
			stageId,
			{ name: 'title', label: 'Title', path: 'fields.TITLE', type: 'string' },
			{ name: 'afterId', label: 'After Stage ID', path: 'fields.AFTER_ID', type: 'number', description: 'Move the stage after this one; 0 moves it first' },
			{ name: 'color', label: 'Color', path: 'fields.COLOR', type: 'string', placeholder: '47D1E2', description: 'RGB color, hex without #' },
			isAdmin,
		],
		output: { echo: { stageId: 'id' }, as: 'success' },
	},
	{ value: 'delete', name: 'Delete', action: 'Delete a task stage', description: 'Delete a Kanban or My Plan stage (task.stages.delete)', method: 'task.stages.delete', params: [stageId, isAdmin], output: { echo: { stageId: 'id' }, as: 'success' } },
	{
		value: 'moveTask',
		name: 'Move Task',
		action: 'Move a task to a stage',
		description: 'Move a task to another Kanban or My Plan stage (task.stages.movetask)',
		method: 'task.stages.movetask',
		params: [
			{ name: 'taskId', label: 'Task ID', path: 'id', type: 'id', required: true },
			{ name: 'stageId', label: 'Stage ID', path: 'stageId', type: 'id', required: true },
			{ name: 'before', label: 'Before Task ID', path: 'before', type: 'number', description: 'Place the task before this one in the stage' },
			{ name: 'after', label: 'After Task ID', path: 'after', type: 'number', description: 'Place the task after this one in the stage' },
		],
		output: { echo: { taskId: 'id', stageId: 'stageId' }, as: 'success' },
	},
];

const stageList: MethodSpec = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many task stages',
	description: 'List the stages of a Kanban or of My Plan, one item each (task.stages.get)',
	method: 'task.stages.get',
	params: [
		{ name: 'entityId', label: 'Project ID', path: 'entityId', type: 'number', required: true, default: 0, description: 'The workgroup whose Kanban stages to list; 0 lists your My Plan' },
		isAdmin,
	],
};

export const stageResource: Resource = {
	value: 'taskStage',
	name: 'Task Stage',
	description: 'Kanban and My Plan stages',
	operations: sorted([
		...stageSpecs.map((spec) => entry('taskStage', spec)),
		// the stages come keyed by id: one item per stage, in board order
		reshaped('taskStage', stageList, (envelope) => {
			const result = envelope.result;
			const stages = (result && typeof result === 'object' ? Object.values(result) : []) as IDataObject[];
			return stages.sort((a, b) => Number(a.SORT) - Number(b.SORT));
		}),
	]),
};
