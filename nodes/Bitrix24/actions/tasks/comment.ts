import type { MethodSpec, ResourceSpec } from '../method-table/spec';
import { userPicker } from '../user-picker';
import { filter, itemId, order, positionalSlots, TASKID } from './positional-params';
import { TASK_LOCATOR } from './task-locator';

/** Version 2: one of the chosen task's comments, or its ID. */
const COMMENT = itemId('Comment ID', {
	label: 'Comment',
	description: "One of the chosen task's comments, or its ID",
	locator: { searchListMethod: 'searchTaskComments' },
});

/** Comments of a task (task.commentitem.*, positional) and the results pinned from them (tasks.task.result.*). */
const methods: MethodSpec[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create a comment',
		description: 'Add a comment to a task (task.commentitem.add)',
		method: 'task.commentitem.add',
		positional: true,
		params: [
			TASKID,
			{
				name: 'message',
				label: 'Message',
				path: 'FIELDS.POST_MESSAGE',
				type: 'text',
				required: true,
			},
			{
				name: 'authorId',
				label: 'Author ID',
				path: 'FIELDS.AUTHOR_ID',
				type: 'number',
				description: 'Post on behalf of this user (administrators only)',
				v2: {
					...userPicker('Author', 'Post on behalf of this user (administrators only)'),
					type: 'id',
				},
			},
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
		params: [
			TASKID,
			COMMENT,
			{
				name: 'message',
				label: 'Message',
				path: 'FIELDS.POST_MESSAGE',
				type: 'text',
				required: true,
			},
		],
		output: { echo: { taskId: 'TASKID', commentId: 'ITEMID' }, as: 'success' },
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a comment',
		description: 'Delete a comment (task.commentitem.delete)',
		method: 'task.commentitem.delete',
		positional: true,
		params: [TASKID, COMMENT],
		output: { echo: { taskId: 'TASKID', commentId: 'ITEMID' }, as: 'success' },
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get a comment',
		description: 'Get a comment (task.commentitem.get)',
		method: 'task.commentitem.get',
		positional: true,
		params: [TASKID, COMMENT],
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many comments',
		description: 'List the comments of a task (task.commentitem.getlist)',
		method: 'task.commentitem.getlist',
		positional: true,
		params: [
			TASKID,
			order('{"POST_DATE": "desc"}'),
			filter('{"AUTHOR_ID": 5} or {">POST_DATE": "2024-01-01"}'),
		],
		list: { rowsAt: [], idKey: 'ID', paging: 'single' },
		adjust: positionalSlots([
			{ key: 'TASKID', fallback: {} },
			{ key: 'ORDER', fallback: { POST_DATE: 'asc' } },
			{ key: 'FILTER', fallback: {} },
		]),
	},
	{
		value: 'getResults',
		name: 'Get Many Results',
		action: 'Get the results of a task',
		description:
			"List the comments pinned as the task's result, one item each (tasks.task.result.list)",
		method: 'tasks.task.result.list',
		params: [
			{
				name: 'taskId',
				label: 'Task ID',
				path: 'taskId',
				type: 'id',
				required: true,
				v2: { label: 'Task', locator: TASK_LOCATOR },
			},
		],
		output: { split: true },
	},
	{
		value: 'addResult',
		name: 'Add Result',
		action: 'Pin a comment as the task result',
		description: "Pin a comment as the task's result (tasks.task.result.addFromComment)",
		method: 'tasks.task.result.addFromComment',
		params: [
			{ name: 'commentId', label: 'Comment ID', path: 'commentId', type: 'id', required: true },
		],
	},
	{
		value: 'deleteResult',
		name: 'Delete Result',
		action: 'Unpin a comment as the task result',
		description: "Unpin a comment from the task's result (tasks.task.result.deleteFromComment)",
		method: 'tasks.task.result.deleteFromComment',
		params: [
			{ name: 'commentId', label: 'Comment ID', path: 'commentId', type: 'id', required: true },
		],
		output: { echo: { commentId: 'commentId' } },
	},
];

export const commentSpec: ResourceSpec = {
	value: 'taskComment',
	name: 'Task Comment',
	description: 'Comments of a task and the results pinned from them',
	methods,
};
