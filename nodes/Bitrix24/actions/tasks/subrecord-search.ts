import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { bitrix24Call, PAGE_SIZE } from '../../../shared/transport';
import { matchesFilter } from '../search-text';
import { searchWorkgroups } from '../workgroups/workgroup-search';
import { TASK_LOCATOR } from './task-locator';

/**
 * The pickers of a task's parts (version 2): checklist items, comments and time records of the
 * task already chosen in the form, the stages of the chosen project (or My Plan). Each reads the
 * form as it stands (getCurrentNodeParameter): a picked value, a task's URL, a number; nothing
 * usable yet (empty, an expression) lists nothing.
 */

/** A form parameter as an ID: the locator's value (a URL read by `urlPattern`), a number; else undefined. */
export function chosenId(
	ctx: ILoadOptionsFunctions,
	name: string,
	urlPattern?: string,
): number | undefined {
	let raw: unknown;
	try {
		raw = ctx.getCurrentNodeParameter(name);
	} catch {
		return undefined; // the operation has no such parameter
	}
	let value = raw && typeof raw === 'object' ? (raw as IDataObject).value : raw;
	if (typeof value === 'string' && urlPattern) {
		const match = new RegExp(urlPattern).exec(value);
		if (match) value = match[1];
	}
	const text = String(value ?? '').trim();
	return /^\d+$/.test(text) ? Number(text) : undefined;
}

const chosenTask = (ctx: ILoadOptionsFunctions) => chosenId(ctx, 'taskId', TASK_LOCATOR.urlPattern);

/** A comment's text as one short line: BB codes and line breaks out. */
function excerpt(text: unknown, length = 60): string {
	const plain = String(text ?? '')
		.replace(/\[[^\]]*\]/g, '')
		.replace(/\s+/g, ' ')
		.trim();
	return plain.length > length ? `${plain.slice(0, length - 1)}…` : plain;
}

/** The checklist items of the chosen task (task.checklistitem.getlist), in checklist order. */
async function searchChecklistItems(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const task = chosenTask(this);
	if (!task) return { results: [] };
	const envelope = await bitrix24Call(this, 'task.checklistitem.getlist', {
		TASKID: task,
		ORDER: { SORT_INDEX: 'asc' },
	});
	const items = (Array.isArray(envelope.result) ? envelope.result : []) as IDataObject[];
	return {
		results: items
			.filter((item) => matchesFilter(filter, item.TITLE))
			.map((item) => ({
				name: String(item.TITLE || `Item ${String(item.ID)}`),
				value: String(item.ID),
				description: item.IS_COMPLETE === 'Y' ? 'Done' : 'Open',
			})),
	};
}

/** The comments of the chosen task (task.commentitem.getlist), newest first. */
async function searchTaskComments(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const task = chosenTask(this);
	if (!task) return { results: [] };
	const envelope = await bitrix24Call(this, 'task.commentitem.getlist', {
		TASKID: task,
		ORDER: { POST_DATE: 'desc' },
	});
	const comments = (Array.isArray(envelope.result) ? envelope.result : []) as IDataObject[];
	return {
		results: comments
			.filter((comment) => matchesFilter(filter, comment.POST_MESSAGE, comment.AUTHOR_NAME))
			.map((comment) => ({
				name: excerpt(comment.POST_MESSAGE) || `Comment ${String(comment.ID)}`,
				value: String(comment.ID),
				description: [comment.AUTHOR_NAME, comment.POST_DATE].filter(Boolean).join(', '),
			})),
	};
}

/** The time records of the chosen task (task.elapseditem.getlist), newest first, 50 a page. */
async function searchTimeRecords(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const task = chosenTask(this);
	if (!task) return { results: [] };
	const page = Number(paginationToken ?? 1);
	const envelope = await bitrix24Call(this, 'task.elapseditem.getlist', {
		TASKID: task,
		ORDER: { ID: 'desc' },
		FILTER: {},
		SELECT: ['*'],
		PARAMS: { NAV_PARAMS: { nPageSize: PAGE_SIZE, iNumPage: page } },
	});
	const records = (Array.isArray(envelope.result) ? envelope.result : []) as IDataObject[];
	return {
		results: records
			.filter((record) => matchesFilter(filter, record.COMMENT_TEXT))
			.map((record) => ({
				name: `${String(record.MINUTES ?? Math.round(Number(record.SECONDS) / 60))} min${
					record.COMMENT_TEXT ? `: ${excerpt(record.COMMENT_TEXT)}` : ''
				}`,
				value: String(record.ID),
				description: String(record.CREATED_DATE ?? ''),
			})),
		paginationToken: envelope.next === undefined ? undefined : String(page + 1),
	};
}

const MY_PLAN = { name: 'My Plan', value: '0', description: "The credential's user's own plan" };

/** Where stages live: My Plan (0) first, then the workgroups and projects by name. */
async function searchStageOwners(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const groups = await searchWorkgroups.call(this, filter, paginationToken);
	const first = paginationToken === undefined && matchesFilter(filter, MY_PLAN.name);
	return { ...groups, results: [...(first ? [MY_PLAN] : []), ...groups.results] };
}

async function stagesOf(ctx: ILoadOptionsFunctions, entityId: number): Promise<IDataObject[]> {
	const envelope = await bitrix24Call(ctx, 'task.stages.get', { entityId });
	const result = envelope.result;
	const stages = (
		result && typeof result === 'object' ? Object.values(result) : []
	) as IDataObject[];
	return stages.sort((a, b) => Number(a.SORT) - Number(b.SORT));
}

/**
 * Stages of the project chosen in the form (Project of Create), else of the chosen task's project
 * and My Plan (Move Task); without either, the stages of My Plan.
 */
async function searchTaskStages(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const owners: number[] = [];
	const project = chosenId(this, 'additionalFields.entityId') ?? chosenId(this, 'entityId');
	const task = chosenTask(this);
	if (project !== undefined) owners.push(project);
	else if (task) {
		const envelope = await bitrix24Call(this, 'tasks.task.get', {
			taskId: task,
			select: ['ID', 'GROUP_ID'],
		});
		const group = Number(((envelope.result as IDataObject)?.task as IDataObject)?.groupId ?? 0);
		owners.push(...(group > 0 ? [group, 0] : [0]));
	} else owners.push(0);
	const results = [];
	for (const owner of owners) {
		const where = owner === 0 ? 'My Plan' : `Project ${owner}`;
		for (const stage of await stagesOf(this, owner)) {
			if (!matchesFilter(filter, stage.TITLE)) continue;
			results.push({
				name: String(stage.TITLE || `Stage ${String(stage.ID)}`),
				value: String(stage.ID),
				description: where,
			});
		}
	}
	return { results };
}

export const subrecordListSearch = {
	searchChecklistItems,
	searchTaskComments,
	searchTimeRecords,
	searchStageOwners,
	searchTaskStages,
};
