/**
 * Pickers of a task's parts (version 3): checklist items, comments and time records among the
 * chosen task's, stages among the chosen project's (or the task's project's and My Plan's), the
 * project of Task Stage > Get Many with My Plan. Each against the portal: the list the picker
 * searches, a run with the picked value, and the value version 1 saved.
 */
import type { INodeProperties } from 'n8n-workflow';

import { Bitrix24 } from '../../nodes/Bitrix24/Bitrix24.node';
import { bitrix24Node, listSearch } from '../harness';
import type { Portal } from '../portal';
import { tasksState } from '../portal/methods/tasks/state';
import { runNode, WEBHOOK_ID, webhookCredential, withPortal } from './support';

const picked = (value: string, mode = 'list') => ({ __rl: true, mode, value });

function shown(version: number, resource: string, operation: string, name: string) {
	const properties = new Bitrix24().nodeVersions[version].description.properties;
	return properties
		.filter(
			(p: INodeProperties) =>
				p.displayOptions?.show?.resource?.includes(resource) &&
				p.displayOptions?.show?.operation?.includes(operation),
		)
		.flatMap((p: INodeProperties) => [p, ...((p.options ?? []) as INodeProperties[])])
		.find((p) => p.name === name);
}
const searchOf = (p?: INodeProperties) => p?.modes?.[0].typeOptions?.searchListMethod;

describe('Pickers of task checklist items, comments, time records and stages', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal();
	});
	afterAll(async () => await portal.close());

	const state = () => tasksState(portal.store);
	const search = async (parameters: Record<string, unknown>, method: string, filter?: string) =>
		(
			await listSearch(
				bitrix24Node(
					parameters as never,
					{ type: 'bitrix24WebhookApi', id: WEBHOOK_ID },
					{ typeVersion: 3 },
				),
				[webhookCredential(portal)],
				method,
				filter,
			)
		).results;
	const values = (results: Array<{ value: unknown }>) => results.map((r) => r.value);

	it('version 3 shows the parts as pickers; versions 1 and 2 keep their typed IDs', () => {
		expect(searchOf(shown(3, 'taskChecklist', 'complete', 'itemId'))).toBe('searchChecklistItems');
		expect(searchOf(shown(3, 'taskComment', 'update', 'itemId'))).toBe('searchTaskComments');
		expect(searchOf(shown(3, 'taskElapsedTime', 'delete', 'itemId'))).toBe('searchTimeRecords');
		expect(searchOf(shown(3, 'taskStage', 'moveTask', 'stageId'))).toBe('searchTaskStages');
		expect(searchOf(shown(3, 'taskStage', 'getAll', 'entityId'))).toBe('searchStageOwners');
		expect(searchOf(shown(3, 'taskStage', 'create', 'afterId'))).toBe('searchTaskStages');
		expect(shown(1, 'taskChecklist', 'complete', 'itemId')?.type).toBe('string');
		expect(shown(1, 'taskStage', 'getAll', 'entityId')?.type).toBe('number');
		expect(shown(1, 'taskStage', 'delete', 'stageId')?.type).toBe('string');
		for (const v of [1, 2]) {
			expect(shown(v, 'taskComment', 'update', 'itemId')?.type).toBe('string');
			expect(shown(v, 'taskStage', 'create', 'afterId')?.type).toBe('number');
		}
	});

	it("lists the chosen task's checklist items, comments and time records", async () => {
		const checklist = { resource: 'taskChecklist', operation: 'get' };
		const comment = { resource: 'taskComment', operation: 'get' };
		const task = { ...checklist, taskId: picked('1') };
		expect(values(await search(task, 'searchChecklistItems'))).toEqual(['1', '2']);
		expect(values(await search(task, 'searchChecklistItems', 'draft'))).toEqual(['2']);
		// the task given by its page, as By URL holds it
		const byUrl = picked(`${portal.url}/company/personal/user/1/tasks/task/view/1/`, 'url');
		expect(values(await search({ ...checklist, taskId: byUrl }, 'searchChecklistItems'))).toEqual([
			'1',
			'2',
		]);
		expect(await search({ ...checklist, taskId: picked('') }, 'searchChecklistItems')).toEqual([]);
		expect(await search({ ...checklist, taskId: picked('2') }, 'searchChecklistItems')).toEqual([]);
		const comments = await search({ ...comment, taskId: picked('1') }, 'searchTaskComments');
		expect(comments.map((c) => [c.value, c.name])).toEqual([
			['2', 'Figures are in the shared folder'],
			['1', 'Please use the new template'],
		]);
		expect(
			values(
				await search({ ...comment, taskId: picked('1', 'id') }, 'searchTaskComments', 'template'),
			),
		).toEqual(['1']);
		const records = await search(
			{ resource: 'taskElapsedTime', operation: 'get', taskId: picked('1', 'id') },
			'searchTimeRecords',
		);
		expect(records.map((r) => [r.value, r.name])).toEqual([['1', '90 min: Collected figures']]);
	});

	it('lists the stages of the chosen project, of the task and My Plan, and the owners', async () => {
		const ofProject = await search(
			{ resource: 'taskStage', operation: 'getAll', entityId: picked('1') },
			'searchTaskStages',
		);
		expect(values(ofProject)).toEqual(['1', '2', '3']);
		const ofCreate = {
			resource: 'taskStage',
			operation: 'create',
			additionalFields: { entityId: picked('0', 'id') },
		};
		expect(values(await search(ofCreate, 'searchTaskStages'))).toEqual(['4', '5', '6']);
		// task 1 is in project 1: its Kanban, then My Plan
		const ofTask = await search(
			{ resource: 'taskStage', operation: 'moveTask', taskId: picked('1') },
			'searchTaskStages',
		);
		expect(ofTask.map((s) => [s.value, s.description])).toEqual([
			['1', 'Project 1'],
			['2', 'Project 1'],
			['3', 'Project 1'],
			['4', 'My Plan'],
			['5', 'My Plan'],
			['6', 'My Plan'],
		]);
		expect(
			values(
				await search({ resource: 'taskStage', operation: 'update' }, 'searchTaskStages', 'week'),
			),
		).toEqual(['5', '6']);
		const owners = await search(
			{ resource: 'taskStage', operation: 'getAll' },
			'searchStageOwners',
		);
		expect([owners[0].name, owners[0].value]).toEqual(['My Plan', '0']);
		expect(values(owners.slice(1))).toEqual(expect.arrayContaining(['1', '2']));
		expect(
			values(
				await search(
					{ resource: 'taskStage', operation: 'getAll' },
					'searchStageOwners',
					'relaunch',
				),
			),
		).toEqual(['2']);
	});

	it('completes a picked checklist item (v3) and a saved ID (v1)', async () => {
		for (const [itemId, typeVersion, id] of [
			[picked('2'), 2, 2],
			['1', 1, 1],
		] as const) {
			await runNode(portal, {
				resource: 'taskChecklist',
				operation: 'renew',
				taskId: picked('1', 'id'),
				itemId: String(id),
			});
			expect(state().checklist.get(id)?.IS_COMPLETE).toBe('N');
			const run = await runNode(
				portal,
				{ resource: 'taskChecklist', operation: 'complete', taskId: picked('1', 'id'), itemId },
				{ typeVersion },
			);
			expect(run.result.error).toBeUndefined();
			expect(state().checklist.get(id)?.IS_COMPLETE).toBe('Y');
		}
	});

	it('changes a picked comment and time record (v3) and saved IDs (v1)', async () => {
		for (const [itemId, typeVersion, id] of [
			[picked('2'), 2, 2],
			['1', 1, 1],
		] as const) {
			const message = `Edited in version ${typeVersion}`;
			const run = await runNode(
				portal,
				{
					resource: 'taskComment',
					operation: 'update',
					taskId: picked('1', 'id'),
					itemId,
					message,
				},
				{ typeVersion },
			);
			expect(run.result.error).toBeUndefined();
			expect(state().comments.get(id)?.POST_MESSAGE).toBe(message);
		}
		for (const [itemId, typeVersion, seconds] of [
			[picked('1'), 2, 600],
			['1', 1, 1200],
		] as const) {
			const run = await runNode(
				portal,
				{
					resource: 'taskElapsedTime',
					operation: 'update',
					taskId: picked('1', 'id'),
					itemId,
					additionalFields: { seconds },
				},
				{ typeVersion },
			);
			expect(run.result.error).toBeUndefined();
			expect(state().elapsed.get(1)?.SECONDS).toBe(seconds);
		}
	});

	it('lists My Plan picked (v3) and 0 saved (v1); moves a task to a picked stage', async () => {
		for (const [entityId, typeVersion] of [
			[picked('0'), 2],
			[0, 1],
		] as const) {
			const run = await runNode(
				portal,
				{ resource: 'taskStage', operation: 'getAll', entityId },
				{ typeVersion },
			);
			expect(run.result.error).toBeUndefined();
			expect(run.json.map((s) => String(s.ID))).toEqual(['4', '5', '6']);
		}
		for (const [stageId, typeVersion, id] of [
			[picked('2'), 2, 2],
			['3', 1, 3],
		] as const) {
			const run = await runNode(
				portal,
				{ resource: 'taskStage', operation: 'moveTask', taskId: picked('1'), stageId },
				{ typeVersion },
			);
			expect(run.result.error).toBeUndefined();
			expect(state().tasks.get(1)?.stageId).toBe(id);
		}
	});

	it('renames a picked stage and moves it after a picked one (v3), and by saved IDs (v1)', async () => {
		const run = await runNode(
			portal,
			{
				resource: 'taskStage',
				operation: 'update',
				stageId: picked('4'),
				additionalFields: { title: 'Backlog', afterId: picked('6') },
			},
			{ typeVersion: 3 },
		);
		expect(run.result.error).toBeUndefined();
		expect(state().stages.get(4)).toMatchObject({ TITLE: 'Backlog', SORT: 300 });
		const saved = await runNode(portal, {
			resource: 'taskStage',
			operation: 'update',
			stageId: '4',
			additionalFields: { title: 'Not Planned', afterId: 0 },
		});
		expect(saved.result.error).toBeUndefined();
		expect(state().stages.get(4)).toMatchObject({ TITLE: 'Not Planned', SORT: 100 });
	});
});
