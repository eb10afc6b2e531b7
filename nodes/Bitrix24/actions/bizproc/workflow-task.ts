import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { readPositiveId } from '../params';

function userPicker(name: string, label: string, path: string, description: string): ParamSpec {
	return {
		name,
		label,
		path,
		type: 'options',
		loadOptionsMethod: 'getUsers',
		required: true,
		description: `${description}. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	};
}

/** Every field bizproc.task.list documents; without SELECT it leaves out STATUS, USER_ID, PARAMETERS ... */
const TASK_FIELDS = [
	'ID',
	'WORKFLOW_ID',
	'DOCUMENT_NAME',
	'DESCRIPTION',
	'NAME',
	'MODIFIED',
	'WORKFLOW_STARTED',
	'WORKFLOW_STARTED_BY',
	'OVERDUE_DATE',
	'WORKFLOW_TEMPLATE_ID',
	'WORKFLOW_TEMPLATE_NAME',
	'WORKFLOW_STATE',
	'STATUS',
	'USER_ID',
	'USER_STATUS',
	'MODULE_ID',
	'ENTITY',
	'DOCUMENT_ID',
	'ACTIVITY',
	'ACTIVITY_NAME',
	'PARAMETERS',
	'DOCUMENT_URL',
];

const methods: MethodSpec[] = [
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many workflow tasks',
		description:
			'List workflow tasks (approvals, reviews, requests) of the current user, or of a subordinate (bizproc.task.list)',
		method: 'bizproc.task.list',
		fixed: { SELECT: TASK_FIELDS },
		params: [
			{
				name: 'userId',
				label: 'User Name or ID',
				path: 'FILTER.USER_ID',
				type: 'options',
				loadOptionsMethod: 'getUsers',
				description:
					'Whose tasks; empty means the current user. A manager may read the tasks of subordinates, an administrator anyone\'s. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				name: 'status',
				label: 'Status',
				path: 'FILTER.STATUS',
				type: 'options',
				default: 0,
				options: [
					{ name: 'Approved', value: 1 },
					{ name: 'Completed', value: 3 },
					{ name: 'In Progress', value: 0 },
					{ name: 'Overdue', value: 4 },
					{ name: 'Rejected', value: 2 },
				],
				description: 'Only tasks in this status',
			},
			{
				name: 'workflowId',
				label: 'Workflow ID',
				path: 'FILTER.WORKFLOW_ID',
				type: 'string',
				placeholder: '66e412fdc9bd44.36306599',
				description: 'Only tasks of this workflow',
			},
		],
		list: {
			rowsAt: [],
			idKey: 'ID',
			paging: 'offset',
			filterParam: 'FILTER',
			orderParam: 'ORDER',
			selectParam: 'SELECT',
		},
	},
	{
		value: 'complete',
		name: 'Complete',
		action: 'Complete a workflow task',
		description:
			'Approve, reject, acknowledge or answer one of your own workflow tasks (bizproc.task.complete)',
		method: 'bizproc.task.complete',
		params: [
			{
				name: 'taskId',
				label: 'Task ID',
				path: 'TASK_ID',
				type: 'id',
				required: true,
				description: 'ID of the workflow task, e.g. from Workflow Task > Get Many',
			},
			{
				name: 'status',
				label: 'Decision',
				path: 'STATUS',
				type: 'options',
				required: true,
				default: 1,
				options: [
					{ name: 'Approve (Approval Tasks)', value: 1 },
					{ name: 'Reject (Approval Tasks)', value: 2 },
					{ name: 'OK (Review and Information Requests)', value: 3 },
					{ name: 'Cancel (Information Requests With Rejection)', value: 4 },
				],
				description:
					'Approval tasks take Approve or Reject; reviews and information requests OK; requests with rejection OK or Cancel',
			},
			{
				name: 'comment',
				label: 'Comment',
				path: 'COMMENT',
				type: 'text',
				description: 'Required when the task asks for a comment',
			},
			{
				name: 'fields',
				label: 'Fields (JSON)',
				path: 'FIELDS',
				type: 'json',
				description:
					'For information requests: the answers by field ID (PARAMETERS.Fields of the task), e.g. {"contractor": "C_607", "phone_number": "+19991234567"}',
			},
		],
		output: { as: 'completed', echo: { ID: 'TASK_ID' } },
	},
	{
		value: 'delegate',
		name: 'Delegate',
		action: 'Delegate workflow tasks',
		description: 'Hand workflow tasks over from one user to another (bizproc.task.delegate)',
		method: 'bizproc.task.delegate',
		params: [
			{
				name: 'taskIds',
				label: 'Task IDs',
				path: 'TASK_IDS',
				type: 'idList',
				required: true,
				placeholder: '1128, 1129',
				description:
					'IDs of the workflow tasks, separated by commas, e.g. from Workflow Task > Get Many',
			},
			userPicker(
				'fromUserId',
				'From User Name or ID',
				'FROM_USER_ID',
				'The user the tasks belong to; you can only delegate your own tasks',
			),
			userPicker(
				'toUserId',
				'To User Name or ID',
				'TO_USER_ID',
				'The user who gets the tasks; the task settings decide who may be chosen (subordinates, every employee, or no one)',
			),
		],
		adjust: (ctx, itemIndex, params) => ({
			...params,
			FROM_USER_ID: readPositiveId(ctx, params.FROM_USER_ID, 'From User Name or ID', itemIndex),
			TO_USER_ID: readPositiveId(ctx, params.TO_USER_ID, 'To User Name or ID', itemIndex),
		}),
		shape: (_ctx, result, params) => ({
			taskIds: params.TASK_IDS,
			fromUserId: params.FROM_USER_ID,
			toUserId: params.TO_USER_ID,
			delegated: result === true,
		}),
	},
];

/** The tasks workflows give users: approve, review, fill in. */
export const workflowTaskSpec: ResourceSpec = {
	value: 'bizprocTask',
	name: 'Workflow Task',
	description: 'Tasks workflows give users (approvals, reviews, information requests)',
	methods,
};
