import type { IDataObject } from 'n8n-workflow';

import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { projectPicker } from './project-picker';
import { TASK_LOCATOR } from './task-locator';

/** Kanban and My Plan stages: task.stages.*. */
const isAdmin: ParamSpec = {
	name: 'isAdmin',
	label: 'As Administrator',
	path: 'isAdmin',
	type: 'boolean',
	description: 'Whether to skip permission checks (portal administrators only)',
};
/** Version 2 picks stages among the chosen project's (or the task's project's and My Plan's). */
const STAGE_PICKER: ParamSpec['v2'] = {
	label: 'Stage',
	description: "A stage of the chosen project, of the task's project or of My Plan, or its ID",
	locator: { searchListMethod: 'searchTaskStages' },
};
const stageId: ParamSpec = {
	name: 'stageId',
	label: 'Stage ID',
	path: 'id',
	type: 'id',
	required: true,
	v2: STAGE_PICKER,
};
/** A stage after which another goes; 0 (by ID) means first. */
const afterStage = (description: string): ParamSpec => ({
	name: 'afterId',
	label: 'After Stage ID',
	path: 'fields.AFTER_ID',
	type: 'number',
	description,
	v2: {
		...STAGE_PICKER,
		label: 'After Stage',
		description: `${description}: a stage of the same board, or its ID`,
		locator: { searchListMethod: 'searchTaskStages', idPattern: '^\\s*\\d+\\s*$' },
	},
});
/** Where stages live: a workgroup's Kanban, or My Plan (0). */
const stageOwner = (description: string): ParamSpec['v2'] => {
	const picker = projectPicker(description)!;
	return { ...picker, locator: { ...picker.locator!, searchListMethod: 'searchStageOwners' } };
};

const methods: MethodSpec[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create a task stage',
		description: 'Add a Kanban or My Plan stage (task.stages.add)',
		method: 'task.stages.add',
		params: [
			{ name: 'title', label: 'Title', path: 'fields.TITLE', type: 'string', required: true },
			{
				name: 'entityId',
				label: 'Project ID',
				path: 'fields.ENTITY_ID',
				type: 'number',
				description: 'The workgroup whose Kanban gets the stage; 0 or empty means your My Plan',
				v2: stageOwner('The workgroup whose Kanban gets the stage, or My Plan (0 by ID)'),
			},
			afterStage('Put the stage after this one; 0 or empty puts it first'),
			{
				name: 'color',
				label: 'Color',
				path: 'fields.COLOR',
				type: 'string',
				placeholder: '47D1E2',
				description: 'RGB color, hex without #',
			},
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
			afterStage('Move the stage after this one; 0 moves it first'),
			{
				name: 'color',
				label: 'Color',
				path: 'fields.COLOR',
				type: 'string',
				placeholder: '47D1E2',
				description: 'RGB color, hex without #',
			},
			isAdmin,
		],
		output: { echo: { stageId: 'id' }, as: 'success' },
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a task stage',
		description: 'Delete a Kanban or My Plan stage (task.stages.delete)',
		method: 'task.stages.delete',
		params: [stageId, isAdmin],
		output: { echo: { stageId: 'id' }, as: 'success' },
	},
	{
		value: 'moveTask',
		name: 'Move Task',
		action: 'Move a task to a stage',
		description: 'Move a task to another Kanban or My Plan stage (task.stages.movetask)',
		method: 'task.stages.movetask',
		params: [
			{
				name: 'taskId',
				label: 'Task ID',
				path: 'id',
				type: 'id',
				required: true,
				v2: { label: 'Task', locator: TASK_LOCATOR },
			},
			{ ...stageId, path: 'stageId' },
			{
				name: 'before',
				label: 'Before Task ID',
				path: 'before',
				type: 'number',
				description: 'Place the task before this one in the stage',
			},
			{
				name: 'after',
				label: 'After Task ID',
				path: 'after',
				type: 'number',
				description: 'Place the task after this one in the stage',
			},
		],
		output: { echo: { taskId: 'id', stageId: 'stageId' }, as: 'success' },
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many task stages',
		description: 'List the stages of a Kanban or of My Plan, one item each (task.stages.get)',
		method: 'task.stages.get',
		params: [
			{
				name: 'entityId',
				label: 'Project ID',
				path: 'entityId',
				type: 'number',
				required: true,
				default: 0,
				description: 'The workgroup whose Kanban stages to list; 0 lists your My Plan',
				v2: stageOwner('The workgroup whose Kanban stages to list, or My Plan (0 by ID)'),
			},
			isAdmin,
		],
		// the stages come keyed by id: one item per stage, in board order
		shape: (_ctx, result) => {
			const stages = (
				result && typeof result === 'object' ? Object.values(result) : []
			) as IDataObject[];
			return stages.sort((a, b) => Number(a.SORT) - Number(b.SORT));
		},
	},
];

export const stageSpec: ResourceSpec = {
	value: 'taskStage',
	name: 'Task Stage',
	description: 'Kanban and My Plan stages',
	methods,
};
