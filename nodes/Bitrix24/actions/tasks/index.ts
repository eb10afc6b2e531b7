import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { bitrix24Call, connect } from '../../../shared/transport';
import { methodResource } from '../method-table/build';
import type { Area } from '../types';
import { checklistItemSpec } from './checklist-item';
import { commentSpec } from './comment';
import { elapsedTimeSpec } from './elapsed-time';
import { stageSpec } from './stage';
import { subrecordListSearch } from './subrecord-search';
import { taskSpec } from './task';
import { userFieldSpec } from './user-field';

/** Tasks: tasks.task.* and its parts (checklists, comments and results, elapsed time, custom fields, stages). */
export const tasksArea: Area = {
	resources: [
		taskSpec,
		checklistItemSpec,
		commentSpec,
		userFieldSpec,
		elapsedTimeSpec,
		stageSpec,
	].map(methodResource),
	listSearch: {
		...subrecordListSearch,
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
