/**
 * Task pickers (version 2): Participants and Observers picked in a multi-select of the portal's
 * users (version 1's comma-separated text still read), the Project, the Parent Task, tasks of a
 * dependency, comment authors, time users, Drive files. Each against the portal: the new picked
 * value and the value version 1 saved.
 */
import type { INodeProperties } from 'n8n-workflow';

import { Bitrix24 } from '../../nodes/Bitrix24/Bitrix24.node';
import { bitrix24Node, listSearch, loadOptions } from '../harness';
import type { Portal } from '../portal';
import { DRIVE_SEED } from '../portal/methods/disk';
import { tasksState } from '../portal/methods/tasks/state';
import { SEED_WORKGROUPS } from '../portal/methods/workgroups';
import { runNode, WEBHOOK_ID, webhookCredential, withPortal } from './support';

const picked = (value: string, mode = 'list') => ({ __rl: true, mode, value });

function shown(version: number, resource: string, operation: string, name: string) {
	const properties = new Bitrix24().nodeVersions[version].description.properties;
	const matches = properties.filter(
		(p: INodeProperties) =>
			p.displayOptions?.show?.resource?.includes(resource) &&
			p.displayOptions?.show?.operation?.includes(operation),
	);
	const all = matches.flatMap((p: INodeProperties) => [
		p,
		...((p.options ?? []) as INodeProperties[]),
	]);
	return all.find((p) => p.name === name);
}

/** The collection an optional parameter sits in (version 2 lists may keep theirs in Options). */
function collectionOf(version: number, resource: string, operation: string, name: string) {
	const collection = new Bitrix24().nodeVersions[version].description.properties.find(
		(p: INodeProperties) =>
			p.type === 'collection' &&
			p.displayOptions?.show?.resource?.includes(resource) &&
			p.displayOptions?.show?.operation?.includes(operation) &&
			((p.options ?? []) as INodeProperties[]).some((option) => option.name === name),
	);
	return collection?.name ?? 'additionalFields';
}

describe('Task pickers', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 1 } });
	});
	afterAll(async () => await portal.close());

	const state = () => tasksState(portal.store);
	const node = (parameters: Record<string, unknown>) =>
		bitrix24Node(parameters as never, { type: 'bitrix24WebhookApi', id: WEBHOOK_ID });

	it('version 2 offers users, projects and tasks to pick; version 1 keeps its fields', () => {
		const participants = shown(2, 'task', 'create', 'accomplices');
		expect(participants?.type).toBe('multiOptions');
		expect(participants?.typeOptions?.loadOptionsMethod).toBe('getUsers');
		expect(shown(2, 'task', 'create', 'auditors')?.type).toBe('multiOptions');
		const project = shown(2, 'task', 'create', 'groupId');
		expect(project?.type).toBe('resourceLocator');
		expect(project?.modes?.[0].typeOptions?.searchListMethod).toBe('searchWorkgroups');
		expect(shown(2, 'task', 'getAll', 'groupId')?.type).toBe('resourceLocator');
		expect(shown(1, 'task', 'create', 'accomplices')?.type).toBe('string');
		expect(shown(1, 'task', 'create', 'groupId')?.type).toBe('number');
		expect(shown(2, 'task', 'attachFile', 'fileId')?.modes?.[0].typeOptions?.searchListMethod).toBe(
			'searchDriveFiles',
		);
	});

	it('the lists the pickers load: users, workgroups, tasks', async () => {
		const users = await loadOptions(
			node({ resource: 'task', operation: 'create' }),
			[webhookCredential(portal)],
			'getUsers',
		);
		expect(users.map((u) => u.value)).toEqual(expect.arrayContaining(['2', '3', '4', '5']));
		const groups = await listSearch(
			node({ resource: 'task', operation: 'create' }),
			[webhookCredential(portal)],
			'searchWorkgroups',
			'relaunch',
		);
		expect(groups.results.map((g) => [g.name, g.value])).toEqual([
			[SEED_WORKGROUPS[1].NAME, String(SEED_WORKGROUPS[1].ID)],
		]);
		const tasks = await listSearch(
			node({ resource: 'task', operation: 'create' }),
			[webhookCredential(portal)],
			'searchTasks',
			'quarterly',
		);
		expect(tasks.results.map((t) => t.value)).toEqual(['1']);
	});

	it('creates a task with picked participants, observers, project and parent (v2)', async () => {
		const id = state().next.task;
		const run = await runNode(
			portal,
			{
				resource: 'task',
				operation: 'create',
				title: 'Picked',
				responsibleId: '2',
				additionalFields: {
					accomplices: ['4', '5'],
					auditors: ['3'],
					groupId: picked(`${portal.url}/workgroups/group/2/`, 'url'),
					parentId: picked('1'),
				},
			},
			{ typeVersion: 2 },
		);
		expect(run.result.error).toBeUndefined();
		expect(state().tasks.get(id)).toMatchObject({
			accomplices: [4, 5],
			auditors: [3],
			groupId: 2,
			parentId: 1,
		});
	});

	it('creates a task from the values version 1 saved: text lists, a number, an ID', async () => {
		const id = state().next.task;
		const run = await runNode(portal, {
			resource: 'task',
			operation: 'create',
			title: 'Saved',
			responsibleId: '2',
			additionalFields: { accomplices: '4, 5', auditors: '3', groupId: 2, parentId: '1' },
		});
		expect(run.result.error).toBeUndefined();
		expect(state().tasks.get(id)).toMatchObject({
			accomplices: [4, 5],
			auditors: [3],
			groupId: 2,
			parentId: 1,
		});
		// a saved Project ID of 0 still means "no project"
		const none = state().next.task;
		await runNode(portal, {
			resource: 'task',
			operation: 'create',
			title: 'No project',
			responsibleId: '2',
			additionalFields: { groupId: 0 },
		});
		expect(state().tasks.get(none)?.groupId).toBe(0);
	});

	it('takes a task out of its project with 0 given by ID (v2)', async () => {
		const id = state().next.task - 3;
		expect(state().tasks.get(id)?.groupId).toBe(2);
		const run = await runNode(
			portal,
			{
				resource: 'task',
				operation: 'update',
				taskId: picked(String(id), 'id'),
				additionalFields: { groupId: picked('0', 'id') },
			},
			{ typeVersion: 2 },
		);
		expect(run.result.error).toBeUndefined();
		expect(state().tasks.get(id)?.groupId).toBe(0);
	});

	it('lists the tasks of a picked project (v2) and of a saved number (v1)', async () => {
		const ofGroup = [...state().tasks.values()].filter((t) => t.groupId === 1).map((t) => t.id);
		expect(ofGroup.length).toBeGreaterThan(0);
		for (const [groupId, typeVersion] of [
			[picked('1'), 2],
			[1, 1],
		] as const) {
			const run = await runNode(
				portal,
				{
					resource: 'task',
					operation: 'getAll',
					returnAll: true,
					[collectionOf(typeVersion, 'task', 'getAll', 'groupId')]: { groupId, status: 2 },
				},
				{ typeVersion },
			);
			expect(run.result.error).toBeUndefined();
			const expected = [...state().tasks.values()]
				.filter((t) => t.groupId === 1 && t.status === 2)
				.map((t) => String(t.id));
			expect(run.json.map((t) => String(t.id))).toEqual(expected);
		}
	});

	it('checks the access of picked users (v2) and of a text list (v1)', async () => {
		const cases: Array<[string | string[], number]> = [
			[['2', '3'], 2],
			['2, 3', 1],
		];
		for (const [users, typeVersion] of cases) {
			const run = await runNode(
				portal,
				{
					resource: 'task',
					operation: 'getAccess',
					taskId: picked('1', 'id'),
					additionalFields: { users },
				},
				{ typeVersion },
			);
			expect(Object.keys(run.json[0]).sort()).toEqual(['2', '3']);
		}
	});

	it('links picked tasks (v2) and typed IDs (v1)', async () => {
		await runNode(
			portal,
			{
				resource: 'task',
				operation: 'addDependency',
				taskIdFrom: picked('1'),
				taskIdTo: picked(`${portal.url}/company/personal/user/1/tasks/task/view/2/`, 'url'),
				linkType: 2,
			},
			{ typeVersion: 2 },
		);
		await runNode(portal, {
			resource: 'task',
			operation: 'addDependency',
			taskIdFrom: '2',
			taskIdTo: '3',
			linkType: 2,
		});
		expect([...state().dependencies.keys()]).toEqual(expect.arrayContaining(['1>2', '2>3']));
	});

	it('comments as a picked author and records time of a picked user (v2), and the v1 numbers', async () => {
		for (const [authorId, typeVersion] of [
			[picked('3'), 2],
			[4, 1],
		] as const) {
			const id = state().next.comment;
			const run = await runNode(
				portal,
				{
					resource: 'taskComment',
					operation: 'create',
					taskId: picked('1', 'id'),
					message: 'Note',
					additionalFields: { authorId },
				},
				{ typeVersion },
			);
			expect(run.result.error).toBeUndefined();
			expect(state().comments.get(id)?.AUTHOR_ID).toBe(typeVersion === 2 ? 3 : 4);
		}
		for (const [userId, typeVersion] of [
			[picked(`${portal.url}/company/personal/user/3/`, 'url'), 2],
			[4, 1],
		] as const) {
			const id = state().next.elapsed;
			const run = await runNode(
				portal,
				{
					resource: 'taskElapsedTime',
					operation: 'create',
					taskId: picked('1', 'id'),
					seconds: 60,
					commentText: 'Work',
					additionalFields: { userId },
				},
				{ typeVersion },
			);
			expect(run.result.error).toBeUndefined();
			expect(state().elapsed.get(id)?.USER_ID).toBe(typeVersion === 2 ? 3 : 4);
		}
	});

	it('attaches a picked Drive file (v2) and a typed one (v1)', async () => {
		const [first, second] = DRIVE_SEED.files;
		const before = state().tasks.get(3)!.files.length;
		for (const [fileId, typeVersion] of [
			[picked(String(first.ID)), 2],
			[String(second.ID), 1],
		] as const) {
			const run = await runNode(
				portal,
				{ resource: 'task', operation: 'attachFile', taskId: picked('3', 'id'), fileId },
				{ typeVersion },
			);
			expect(run.result.error).toBeUndefined();
		}
		expect(state().tasks.get(3)?.files.length).toBe(before + 2);
		const attached = state()
			.history.filter((entry) => entry.field === 'FILES')
			.slice(-2)
			.map((entry) => entry.to);
		expect(attached).toEqual([String(first.ID), String(second.ID)]);
	});

	it('adds a stage to a picked project (v2) and moves a picked task', async () => {
		const id = state().next.stage;
		const run = await runNode(
			portal,
			{
				resource: 'taskStage',
				operation: 'create',
				title: 'Review',
				additionalFields: { entityId: picked('1') },
			},
			{ typeVersion: 2 },
		);
		expect(run.result.error).toBeUndefined();
		expect(state().stages.get(id)).toMatchObject({ TITLE: 'Review', ENTITY_ID: 1 });
		const moved = await runNode(
			portal,
			{ resource: 'taskStage', operation: 'moveTask', taskId: picked('1'), stageId: String(id) },
			{ typeVersion: 2 },
		);
		expect(moved.result.error).toBeUndefined();
		expect(state().tasks.get(1)?.stageId).toBe(id);
	});
});
