import type { MethodSpec } from '../method-table/spec';
import { TASK_LOCATOR } from './task-locator';

/** Links between tasks in the Gantt chart (task.dependence.*): rows of the Task table (task.ts). */
export const dependencyRows: MethodSpec[] = [
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
];
