import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { bitrix24Call, connect } from '../../../shared/transport';
import type { Area } from './area';
import { checklistResource, commentResource, elapsedResource, stageResource, userFieldResource } from './tasks/parts';
import { taskResource } from './tasks/task';

/** Tasks: tasks.task.* and its parts (checklists, comments and results, elapsed time, custom fields, stages). */
export const area: Area = {
	resources: [taskResource, checklistResource, commentResource, userFieldResource, elapsedResource, stageResource],
	listSearch: {
		/** One page of tasks whose title contains what the user typed, newest first. */
		async searchTasks(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
			const envelope = await bitrix24Call(this, 'tasks.task.list', {
				select: ['ID', 'TITLE', 'RESPONSIBLE_ID'],
				order: { ID: 'DESC' },
				filter: filter ? { '%TITLE': filter } : {},
				start: Number(paginationToken ?? 0),
			});
			const tasks = ((envelope.result as IDataObject)?.tasks ?? []) as IDataObject[];
			const { portalRoot } = await connect(this);
			return {
				results: tasks.map((task) => ({
					name: String(task.title || `Task ${String(task.id)}`),
					value: String(task.id),
					url: `${portalRoot}/company/personal/user/${String(task.responsibleId ?? 0)}/tasks/task/view/${String(task.id)}/`,
				})),
				paginationToken: envelope.next === undefined ? undefined : String(envelope.next),
			};
		},
	},
};
