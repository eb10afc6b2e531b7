import type { IDataObject } from 'n8n-workflow';

/** The task fields Simplify keeps (tasks.task.* names them in camelCase). */
const TASK_FIELDS = [
	'id',
	'title',
	'description',
	'status',
	'priority',
	'deadline',
	'responsibleId',
	'createdBy',
	'groupId',
	'parentId',
	'accomplices',
	'auditors',
	'tags',
	'createdDate',
	'changedDate',
	'closedDate',
];

const STATUS_NAMES: Record<string, string> = {
	'1': 'New',
	'2': 'Pending',
	'3': 'In Progress',
	'4': 'Supposedly Completed',
	'5': 'Completed',
	'6': 'Deferred',
	'7': 'Declined',
};

function nameOf(card: unknown): string | undefined {
	return card && typeof card === 'object' && typeof (card as IDataObject).name === 'string'
		? ((card as IDataObject).name as string)
		: undefined;
}

/**
 * A task as people read it: the fields above, the status in words, who is responsible and who
 * created it by name, and custom fields (UF_*) as they are.
 */
export function simplifyTask(task: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const key of TASK_FIELDS) if (key in task) out[key] = task[key];
	const status = STATUS_NAMES[String(task.status)];
	if (status) out.statusName = status;
	const responsible = nameOf(task.responsible);
	if (responsible) out.responsibleName = responsible;
	const creator = nameOf(task.creator);
	if (creator) out.creatorName = creator;
	for (const [key, value] of Object.entries(task))
		if (key.startsWith('uf') || key.startsWith('UF_')) out[key] = value;
	return out;
}
