import type { Area } from './area';
import { checklistResource, commentResource, elapsedResource, stageResource, userFieldResource } from './tasks/parts';
import { taskResource } from './tasks/task';

/** Tasks: tasks.task.* and its parts (checklists, comments and results, elapsed time, custom fields, stages). */
export const area: Area = {
	resources: [taskResource, checklistResource, commentResource, userFieldResource, elapsedResource, stageResource],
};
