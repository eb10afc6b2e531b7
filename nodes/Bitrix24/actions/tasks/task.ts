import { simplifyTask } from './task-simplify';
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { filePicker } from '../drive/drive-params';
import { usersPicker } from '../user-picker';
import { projectPicker } from './project-picker';
import { TASK_LOCATOR } from './task-locator';

const taskId: ParamSpec = {
	name: 'taskId',
	label: 'Task',
	path: 'taskId',
	type: 'id',
	required: true,
	locator: TASK_LOCATOR,
};

const PRIORITIES = [
	{ name: 'High', value: 2 },
	{ name: 'Low', value: 0 },
	{ name: 'Medium', value: 1 },
];

const STATUSES = [
	{ name: 'Awaiting Control', value: 4 },
	{ name: 'Completed', value: 5 },
	{ name: 'Deferred', value: 6 },
	{ name: 'In Progress', value: 3 },
	{ name: 'Pending', value: 2 },
];

/** Task fields both Create and Update offer; `fields.*` paths, UPPER_CASE as tasks.task.add takes them. */
function taskFields(required: boolean): ParamSpec[] {
	return [
		// first, so that the typed fields below land in the same object and win over it
		{
			name: 'otherFields',
			label: 'Other Fields (JSON)',
			path: 'fields',
			type: 'json',
			description:
				'More task fields as a JSON object, e.g. {"UF_CRM_TASK": ["D_12"], "TAGS": ["report"]}',
		},
		{ name: 'title', label: 'Title', path: 'fields.TITLE', type: 'string', required },
		{
			name: 'responsibleId',
			label: 'Responsible User Name or ID',
			path: 'fields.RESPONSIBLE_ID',
			type: 'options',
			loadOptionsMethod: 'getUsers',
			required,
			description:
				'The user who does the task. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			name: 'accomplices',
			label: 'Participant IDs',
			path: 'fields.ACCOMPLICES',
			type: 'idList',
			description: 'User IDs separated by commas',
			v2: usersPicker('Participant Names or IDs', 'The users who help with the task'),
		},
		{
			name: 'auditors',
			label: 'Observer IDs',
			path: 'fields.AUDITORS',
			type: 'idList',
			description: 'User IDs separated by commas',
			v2: usersPicker('Observer Names or IDs', 'The users who follow the task'),
		},
		{ name: 'deadline', label: 'Deadline', path: 'fields.DEADLINE', type: 'dateTime' },
		{ name: 'description', label: 'Description', path: 'fields.DESCRIPTION', type: 'text' },
		{ name: 'endDatePlan', label: 'Planned End', path: 'fields.END_DATE_PLAN', type: 'dateTime' },
		{
			name: 'groupId',
			label: 'Project ID',
			path: 'fields.GROUP_ID',
			type: 'number',
			description: 'The workgroup or project the task belongs to',
			v2: projectPicker('The workgroup or project the task belongs to; 0 takes it out of one'),
		},
		{
			name: 'parentId',
			label: 'Parent Task ID',
			path: 'fields.PARENT_ID',
			type: 'id',
			v2: { label: 'Parent Task', locator: TASK_LOCATOR },
		},
		{
			name: 'priority',
			label: 'Priority',
			path: 'fields.PRIORITY',
			type: 'options',
			options: PRIORITIES,
			default: 1,
		},
		{
			name: 'startDatePlan',
			label: 'Planned Start',
			path: 'fields.START_DATE_PLAN',
			type: 'dateTime',
		},
		{
			name: 'taskControl',
			label: 'Accept Work',
			path: 'fields.TASK_CONTROL',
			type: 'yesNo',
			description: 'Whether the creator must accept the work before the task is completed',
		},
		{
			name: 'allowTimeTracking',
			label: 'Time Tracking',
			path: 'fields.ALLOW_TIME_TRACKING',
			type: 'yesNo',
			description: 'Whether time spent on the task is tracked',
		},
	];
}

/** tasks.task.get answers `[]` (not an error) when the task is missing or hidden: say so. */
const taskOrError: NonNullable<MethodSpec['shape']> = (ctx, result, params, itemIndex) => {
	const answer = result as IDataObject | unknown[];
	if (Array.isArray(answer) || !answer || typeof answer.task !== 'object') {
		throw new NodeOperationError(
			ctx.getNode(),
			`Task ${String(params.taskId)} was not found or you have no access to it`,
			{ itemIndex },
		);
	}
	return answer.task as IDataObject;
};

/** A status or user action: taskId in, the task after the action out. */
function taskAction(
	value: string,
	name: string,
	action: string,
	method: string,
	description: string,
): MethodSpec {
	return { value, name, action, description, method, params: [taskId], output: { at: ['task'] } };
}

const methods: MethodSpec[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create a task',
		description: 'Create a task (tasks.task.add)',
		method: 'tasks.task.add',
		params: taskFields(true),
		output: { at: ['task'] },
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update a task',
		description: 'Update a task (tasks.task.update)',
		method: 'tasks.task.update',
		params: [taskId, ...taskFields(false)],
		output: { at: ['task'] },
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a task',
		description: 'Delete a task (tasks.task.delete)',
		method: 'tasks.task.delete',
		params: [taskId],
		output: { echo: { taskId: 'taskId' } },
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many tasks',
		description: 'List tasks (tasks.task.list)',
		method: 'tasks.task.list',
		params: [
			{
				name: 'responsibleId',
				label: 'Responsible User Name or ID',
				path: 'filter.RESPONSIBLE_ID',
				type: 'options',
				loadOptionsMethod: 'getUsers',
				description:
					'Only tasks of this user. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				name: 'status',
				label: 'Status',
				path: 'filter.REAL_STATUS',
				type: 'options',
				options: STATUSES,
				default: 2,
				description: 'Only tasks in this status',
			},
			{
				name: 'groupId',
				label: 'Project ID',
				path: 'filter.GROUP_ID',
				type: 'number',
				description: 'Only tasks of this workgroup or project',
				v2: projectPicker('Only tasks of this workgroup or project'),
			},
		],
		list: { rowsAt: ['tasks'], idKey: 'id', filterIdKey: 'ID', paging: 'id' },
		simplify: simplifyTask,
	},
	taskAction(
		'start',
		'Start',
		'Start a task',
		'tasks.task.start',
		'Move a task to In Progress (tasks.task.start)',
	),
	taskAction(
		'pause',
		'Pause',
		'Pause a task',
		'tasks.task.pause',
		'Move a task back to Pending (tasks.task.pause)',
	),
	taskAction(
		'complete',
		'Complete',
		'Complete a task',
		'tasks.task.complete',
		'Complete a task; with Accept Work on it awaits control (tasks.task.complete)',
	),
	taskAction(
		'defer',
		'Defer',
		'Defer a task',
		'tasks.task.defer',
		'Move a task to Deferred (tasks.task.defer)',
	),
	taskAction(
		'renew',
		'Renew',
		'Renew a task',
		'tasks.task.renew',
		'Reopen a completed or deferred task (tasks.task.renew)',
	),
	taskAction(
		'approve',
		'Approve',
		'Approve a task',
		'tasks.task.approve',
		'Accept the work on a task awaiting control (tasks.task.approve)',
	),
	taskAction(
		'disapprove',
		'Disapprove',
		'Disapprove a task',
		'tasks.task.disapprove',
		'Send a task awaiting control back to work (tasks.task.disapprove)',
	),
	{
		value: 'delegate',
		name: 'Delegate',
		action: 'Delegate a task',
		description: 'Hand a task to another responsible user (tasks.task.delegate)',
		method: 'tasks.task.delegate',
		params: [
			taskId,
			{
				name: 'userId',
				label: 'New Responsible User Name or ID',
				path: 'userId',
				type: 'options',
				loadOptionsMethod: 'getUsers',
				required: true,
				description:
					'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
		],
		output: { at: ['task'] },
	},
	taskAction(
		'startWatch',
		'Start Watching',
		'Start watching a task',
		'tasks.task.startwatch',
		'Become an observer of a task (tasks.task.startwatch)',
	),
	taskAction(
		'stopWatch',
		'Stop Watching',
		'Stop watching a task',
		'tasks.task.stopwatch',
		'Stop observing a task (tasks.task.stopwatch)',
	),
	{
		value: 'mute',
		name: 'Mute',
		action: 'Mute a task',
		description: 'Turn off notifications of a task (tasks.task.mute)',
		method: 'tasks.task.mute',
		params: [{ ...taskId, path: 'id' }],
		output: { at: ['task'] },
	},
	{
		value: 'unmute',
		name: 'Unmute',
		action: 'Unmute a task',
		description: 'Turn notifications of a task back on (tasks.task.unmute)',
		method: 'tasks.task.unmute',
		params: [{ ...taskId, path: 'id' }],
		output: { at: ['task'] },
	},
	{
		value: 'addFavorite',
		name: 'Add to Favorites',
		action: 'Add a task to favorites',
		description: 'Add a task to favorites (tasks.task.favorite.add)',
		method: 'tasks.task.favorite.add',
		params: [taskId],
		output: { echo: { taskId: 'taskId' }, as: 'success' },
	},
	{
		value: 'removeFavorite',
		name: 'Remove From Favorites',
		action: 'Remove a task from favorites',
		description: 'Remove a task from favorites (tasks.task.favorite.remove)',
		method: 'tasks.task.favorite.remove',
		params: [taskId],
		output: { echo: { taskId: 'taskId' }, as: 'success' },
	},
	{
		value: 'attachFile',
		name: 'Attach File',
		action: 'Attach a file to a task',
		description: 'Attach a Drive file to a task (tasks.task.files.attach)',
		method: 'tasks.task.files.attach',
		params: [
			taskId,
			{
				name: 'fileId',
				label: 'Drive File ID',
				path: 'fileId',
				type: 'id',
				required: true,
				description: 'ID of a file on Drive, e.g. from Drive > Upload',
				v2: filePicker('Drive File', 'The file on Drive to attach'),
			},
		],
		output: { echo: { taskId: 'taskId', fileId: 'fileId' } },
	},
	{
		value: 'getHistory',
		name: 'Get History',
		action: 'Get the history of a task',
		description: 'List the change history of a task, one item per event (tasks.task.history.list)',
		method: 'tasks.task.history.list',
		params: [
			taskId,
			{
				name: 'field',
				label: 'Event Type',
				path: 'filter.FIELD',
				type: 'string',
				placeholder: 'COMMENT',
				description: 'Only events of this type, e.g. STATUS, COMMENT, RESPONSIBLE_ID, DEADLINE',
			},
		],
		output: { at: ['list'], split: true },
	},
	{
		value: 'getAccess',
		name: 'Get Access',
		action: 'Get the actions users may take on a task',
		description: 'Check which actions users may take on a task (tasks.task.getaccess)',
		method: 'tasks.task.getaccess',
		params: [
			taskId,
			{
				name: 'users',
				label: 'User IDs',
				path: 'users',
				type: 'idList',
				description: 'Users to check, separated by commas; empty checks the current user',
				v2: usersPicker('User Names or IDs', 'The users to check; none checks the current user'),
			},
		],
		output: { at: ['allowedActions'] },
	},
	{
		value: 'getFields',
		name: 'Get Fields',
		action: 'Get the fields of tasks',
		description: 'Describe the task fields (tasks.task.getFields)',
		method: 'tasks.task.getFields',
		params: [],
		output: { at: ['fields'] },
	},
	{
		value: 'addDependency',
		name: 'Add Dependency',
		action: 'Add a dependency between tasks',
		description: 'Link two tasks in the Gantt chart (task.dependence.add)',
		method: 'task.dependence.add',
		params: [
			{
				name: 'taskIdFrom',
				label: 'Predecessor Task ID',
				path: 'taskIdFrom',
				type: 'id',
				required: true,
				v2: { label: 'Predecessor Task', locator: TASK_LOCATOR },
			},
			{
				name: 'taskIdTo',
				label: 'Dependent Task ID',
				path: 'taskIdTo',
				type: 'id',
				required: true,
				v2: { label: 'Dependent Task', locator: TASK_LOCATOR },
			},
			{
				name: 'linkType',
				label: 'Link Type',
				path: 'linkType',
				type: 'options',
				required: true,
				default: 2,
				options: [
					{ name: 'Finish to Finish', value: 3 },
					{ name: 'Finish to Start', value: 2 },
					{ name: 'Start to Finish', value: 1 },
					{ name: 'Start to Start', value: 0 },
				],
			},
		],
		output: { echo: { taskIdFrom: 'taskIdFrom', taskIdTo: 'taskIdTo', linkType: 'linkType' } },
	},
	{
		value: 'deleteDependency',
		name: 'Delete Dependency',
		action: 'Delete a dependency between tasks',
		description: 'Remove the link between two tasks (task.dependence.delete)',
		method: 'task.dependence.delete',
		params: [
			{
				name: 'taskIdFrom',
				label: 'Predecessor Task ID',
				path: 'taskIdFrom',
				type: 'id',
				required: true,
				v2: { label: 'Predecessor Task', locator: TASK_LOCATOR },
			},
			{
				name: 'taskIdTo',
				label: 'Dependent Task ID',
				path: 'taskIdTo',
				type: 'id',
				required: true,
				v2: { label: 'Dependent Task', locator: TASK_LOCATOR },
			},
		],
		output: { echo: { taskIdFrom: 'taskIdFrom', taskIdTo: 'taskIdTo' } },
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get a task',
		description: 'Get a task (tasks.task.get)',
		method: 'tasks.task.get',
		params: [taskId],
		shape: taskOrError,
		simplify: simplifyTask,
	},
	{
		value: 'getDailyPlan',
		name: 'Get Daily Plan',
		action: 'Get the tasks of the daily plan',
		description:
			"List the IDs of the tasks in the current user's daily plan, one item each (task.planner.getlist)",
		method: 'task.planner.getlist',
		params: [],
		shape: (_ctx, result) =>
			(Array.isArray(result) ? result : []).map((id) => ({
				taskId: id as IDataObject[keyof IDataObject],
			})),
	},
];

export const taskSpec: ResourceSpec = {
	value: 'task',
	name: 'Task',
	description: 'Tasks and their workflow',
	methods,
};
