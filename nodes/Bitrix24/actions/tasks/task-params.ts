import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { MethodSpec, ParamSpec } from '../method-table/spec';
import { usersPicker } from '../user-picker';
import { projectPicker } from './project-picker';
import { TASK_LOCATOR } from './task-locator';

/** The parameters and readers the task rows (task.ts) share. */

export const taskId: ParamSpec = {
	name: 'taskId',
	label: 'Task',
	path: 'taskId',
	type: 'id',
	required: true,
	locator: TASK_LOCATOR,
};

export const PRIORITIES = [
	{ name: 'High', value: 2 },
	{ name: 'Low', value: 0 },
	{ name: 'Medium', value: 1 },
];

export const STATUSES = [
	{ name: 'Awaiting Control', value: 4 },
	{ name: 'Completed', value: 5 },
	{ name: 'Deferred', value: 6 },
	{ name: 'In Progress', value: 3 },
	{ name: 'Pending', value: 2 },
];

/** Task fields both Create and Update offer; `fields.*` paths, UPPER_CASE as tasks.task.add takes them. */
export function taskFields(required: boolean): ParamSpec[] {
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
export const taskOrError: NonNullable<MethodSpec['shape']> = (ctx, result, params, itemIndex) => {
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
export function taskAction(
	value: string,
	name: string,
	action: string,
	method: string,
	description: string,
): MethodSpec {
	return { value, name, action, description, method, params: [taskId], output: { at: ['task'] } };
}
