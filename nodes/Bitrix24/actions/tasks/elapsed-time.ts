import type { MethodSpec, ResourceSpec } from '../method-table/spec';
import { userPicker } from '../user-picker';
import { getManyTimeRecords } from './elapsed-time/get-all.operation';
import { itemId, TASKID } from './positional-params';

/** Version 2: one of the chosen task's time records, or its ID. */
const RECORD = itemId('Record ID', {
	label: 'Time Record',
	description: "One of the chosen task's time records, or its ID",
	locator: { searchListMethod: 'searchTimeRecords' },
});

/** Time spent on a task: task.elapseditem.*, positional. */
const methods: MethodSpec[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create a time record',
		description: 'Record time spent on a task (task.elapseditem.add)',
		method: 'task.elapseditem.add',
		positional: true,
		params: [
			TASKID,
			{
				name: 'seconds',
				label: 'Seconds',
				path: 'ARFIELDS.SECONDS',
				type: 'number',
				required: true,
				default: 3600,
			},
			{
				name: 'commentText',
				label: 'Comment',
				path: 'ARFIELDS.COMMENT_TEXT',
				type: 'string',
				required: true,
			},
			{
				name: 'userId',
				label: 'User ID',
				path: 'ARFIELDS.USER_ID',
				type: 'number',
				description: 'Who spent the time; empty means the current user',
				v2: {
					...userPicker('User', 'Who spent the time; empty means the current user'),
					type: 'id',
				},
			},
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
			RECORD,
			{ name: 'seconds', label: 'Seconds', path: 'ARFIELDS.SECONDS', type: 'number' },
			{ name: 'commentText', label: 'Comment', path: 'ARFIELDS.COMMENT_TEXT', type: 'string' },
			{
				name: 'userId',
				label: 'User ID',
				path: 'ARFIELDS.USER_ID',
				type: 'number',
				v2: { ...userPicker('User', 'Who spent the time'), type: 'id' },
			},
		],
		output: { echo: { taskId: 'TASKID', recordId: 'ITEMID' } },
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a time record',
		description: 'Delete a time record (task.elapseditem.delete)',
		method: 'task.elapseditem.delete',
		positional: true,
		params: [TASKID, RECORD],
		output: { echo: { taskId: 'TASKID', recordId: 'ITEMID' } },
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get a time record',
		description: 'Get a time record (task.elapseditem.get)',
		method: 'task.elapseditem.get',
		positional: true,
		params: [TASKID, RECORD],
	},
];

export const elapsedTimeSpec: ResourceSpec = {
	value: 'taskElapsedTime',
	name: 'Task Elapsed Time',
	description: 'Time spent on a task',
	methods,
	operations: [getManyTimeRecords],
};
