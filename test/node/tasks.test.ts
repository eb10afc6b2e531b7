import type { IDataObject } from 'n8n-workflow';

import type { Portal } from '../portal';
import { seed } from '../portal';
import { SEED_PLANNER, SEED_TASKS, tasksState } from '../portal/methods/tasks/state';
import { bitrix24Node, listSearch } from '../harness';
import { runNode, visibleText, WEBHOOK_ID, webhookCredential, withPortal } from './support';

const state = (portal: Portal) => tasksState(portal.store);
const lastBody = (portal: Portal) => portal.restRequests().slice(-1)[0].body as IDataObject;

describe('Tasks: task', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 1 } });
	});
	afterAll(async () => await portal.close());
	beforeEach(() => portal.resetRequests());

	it('creates tasks, one batch for several items, UPPER_CASE in and lowerCamel out', async () => {
		const before = state(portal).next.task;
		const run = await runNode(
			portal,
			{
				resource: 'task',
				operation: 'create',
				title: '={{ $json.title }}',
				responsibleId: '={{ $json.user }}',
				additionalFields: { priority: 2, accomplices: '4, 5', otherFields: '{"TAGS": ["q1"]}' },
			},
			{
				items: [
					{ title: 'Write the plan', user: 2 },
					{ title: 'Review the plan', user: 3 },
				],
			},
		);
		expect(run.result.error).toBeUndefined();
		expect(portal.restRequests().map((r) => r.restMethod)).toEqual(['batch']);
		expect(run.json.map((j) => j.id)).toEqual([String(before), String(before + 1)]);
		const stored = state(portal).tasks.get(before)!;
		expect(stored).toMatchObject({
			title: 'Write the plan',
			responsibleId: 2,
			priority: 2,
			accomplices: [4, 5],
			tags: ['q1'],
			status: 2,
			createdBy: portal.webhook.userId,
		});
		expect(run.json[1]).toMatchObject({
			title: 'Review the plan',
			responsibleId: '3',
			priority: '2',
			status: '2',
			accomplices: ['4', '5'],
		});
		const responsible = seed.USERS.find((u) => u.ID === 3)!;
		expect((run.json[1].responsible as IDataObject).name).toBe(
			`${responsible.NAME} ${responsible.LAST_NAME}`,
		);
	});

	it('rejects a task without a responsible user that the portal knows', async () => {
		const run = await runNode(portal, {
			resource: 'task',
			operation: 'create',
			title: 'X',
			responsibleId: '99',
		});
		expect(run.result.error?.message).toMatch(/Responsible/);
	});

	it('gets a task, and fails on a missing one instead of returning an empty item', async () => {
		const seeded = SEED_TASKS[1];
		const run = await runNode(portal, {
			resource: 'task',
			operation: 'get',
			taskId: String(seeded.id),
		});
		expect(run.json[0]).toMatchObject({
			id: String(seeded.id),
			title: seeded.title,
			status: String(seeded.status),
			responsibleId: String(seeded.responsibleId),
		});
		const missing = await runNode(portal, { resource: 'task', operation: 'get', taskId: '9999' });
		expect(missing.result.error?.message).toMatch(/Task 9999 was not found/);
		const bad = await runNode(portal, { resource: 'task', operation: 'get', taskId: 'abc' });
		expect(bad.result.error?.message).toMatch(/Parameter "Task" of item 0/);
	});

	it('picks a task from the searchable list or by its portal URL', async () => {
		const node = bitrix24Node(
			{ resource: 'task', operation: 'get' },
			{ type: 'bitrix24WebhookApi', id: WEBHOOK_ID },
		);
		const found = await listSearch(node, [webhookCredential(portal)], 'searchTasks', 'acme');
		const expected = SEED_TASKS.filter((task) => task.title.toLowerCase().includes('acme'));
		expect(found.results).toEqual(
			expected.map((task) => ({
				name: task.title,
				value: String(task.id),
				url: `${portal.url}/company/personal/user/${task.responsibleId}/tasks/task/view/${task.id}/`,
			})),
		);
		const seeded = SEED_TASKS[2];
		const run = await runNode(portal, {
			resource: 'task',
			operation: 'get',
			taskId: {
				__rl: true,
				mode: 'url',
				value: `${portal.url}/company/personal/user/1/tasks/task/view/${seeded.id}/`,
			},
		});
		expect(run.json[0]).toMatchObject({ id: String(seeded.id), title: seeded.title });
	});

	it('updates a task and records the change in its history', async () => {
		const id = (
			await runNode(portal, {
				resource: 'task',
				operation: 'create',
				title: 'Old',
				responsibleId: '1',
			})
		).json[0].id as string;
		const run = await runNode(portal, {
			resource: 'task',
			operation: 'update',
			taskId: id,
			additionalFields: { title: 'New', deadline: '2025-03-01T18:00:00' },
		});
		expect(lastBody(portal)).toEqual({
			taskId: Number(id),
			fields: { TITLE: 'New', DEADLINE: '2025-03-01T18:00:00' },
		});
		expect(run.json[0]).toMatchObject({ id, title: 'New', deadline: '2025-03-01T18:00:00+03:00' });
		const history = await runNode(portal, {
			resource: 'task',
			operation: 'getHistory',
			taskId: id,
			additionalFields: { field: 'TITLE' },
		});
		expect(history.json).toHaveLength(1);
		expect(history.json[0]).toMatchObject({ field: 'TITLE', value: { from: 'Old', to: 'New' } });
	});

	it('walks all tasks with the fast >ID paging and filters by responsible user', async () => {
		const items = Array.from({ length: 120 }, (_, i) => ({ title: `Bulk ${i}` }));
		await runNode(
			portal,
			{ resource: 'task', operation: 'create', title: '={{ $json.title }}', responsibleId: '5' },
			{ items },
		);
		portal.resetRequests();
		const all = await runNode(portal, {
			resource: 'task',
			operation: 'getAll',
			returnAll: true,
			additionalFields: { selectFields: 'TITLE' },
		});
		const expected = [...state(portal).tasks.keys()].sort((a, b) => a - b).map(String);
		expect(all.json.map((t) => t.id)).toEqual(expected);
		expect(all.json[0]).toEqual({
			id: expected[0],
			title: state(portal).tasks.get(Number(expected[0]))!.title,
		});
		const first = portal.restRequests()[0];
		expect(first.restMethod).toBe('batch');
		expect(first.batchCommands!.length).toBeGreaterThan(1);
		expect(decodeURIComponent(first.batchCommands![1])).toContain(
			'filter[>ID]=$result[c0][tasks][49][id]',
		);

		const mine = await runNode(portal, {
			resource: 'task',
			operation: 'getAll',
			limit: 7,
			additionalFields: { responsibleId: '5' },
		});
		const ofUser5 = [...state(portal).tasks.values()]
			.filter((t) => t.responsibleId === 5)
			.map((t) => String(t.id))
			.sort((a, b) => Number(a) - Number(b));
		expect(mine.json.map((t) => t.id)).toEqual(ofUser5.slice(0, 7));
	});

	it('moves statuses as Bitrix24 does: start, pause, defer, renew, complete', async () => {
		const id = (
			await runNode(portal, {
				resource: 'task',
				operation: 'create',
				title: 'Flow',
				responsibleId: '2',
			})
		).json[0].id as string;
		const step = async (operation: string) =>
			(await runNode(portal, { resource: 'task', operation, taskId: id })).json[0]?.status;
		expect(await step('start')).toBe('3');
		expect(await step('pause')).toBe('2');
		expect(await step('defer')).toBe('6');
		expect(await step('renew')).toBe('2');
		expect(await step('complete')).toBe('5');
		expect(state(portal).tasks.get(Number(id))!.closedBy).toBe(portal.webhook.userId);
		// pausing a completed task is not allowed: the Bitrix24 error is the node's error
		const run = await runNode(portal, { resource: 'task', operation: 'pause', taskId: id });
		expect(run.result.error?.message).toMatch(/not allowed/);
		expect(state(portal).tasks.get(Number(id))!.status).toBe(5);
	});

	it('sends a task with Accept Work to control, then approves or disapproves it', async () => {
		// task 1 is created by user 1 with Accept Work; complete it as responsible user 2's webhook would
		const create = async () =>
			(
				await runNode(portal, {
					resource: 'task',
					operation: 'create',
					title: 'Controlled',
					responsibleId: '2',
					additionalFields: { taskControl: true, otherFields: '{"CREATED_BY": 2}' },
				})
			).json[0].id as string;
		const a = await create();
		expect(
			(await runNode(portal, { resource: 'task', operation: 'complete', taskId: a })).json[0]
				.status,
		).toBe('4');
		expect(
			(await runNode(portal, { resource: 'task', operation: 'approve', taskId: a })).json[0].status,
		).toBe('5');
		const b = await create();
		await runNode(portal, { resource: 'task', operation: 'complete', taskId: b });
		expect(
			(await runNode(portal, { resource: 'task', operation: 'disapprove', taskId: b })).json[0]
				.status,
		).toBe('2');
		const notAwaiting = await runNode(portal, {
			resource: 'task',
			operation: 'approve',
			taskId: b,
		});
		expect(notAwaiting.result.error).toBeDefined();
	});

	it('delegates, watches, mutes and favorites a task', async () => {
		const id = SEED_TASKS[0].id;
		const t = () => state(portal).tasks.get(id)!;
		const delegated = await runNode(portal, {
			resource: 'task',
			operation: 'delegate',
			taskId: String(id),
			userId: '4',
		});
		expect(delegated.json[0].responsibleId).toBe('4');
		expect(t().responsibleId).toBe(4);
		await runNode(portal, { resource: 'task', operation: 'stopWatch', taskId: String(id) });
		expect(t().auditors).not.toContain(1);
		await runNode(portal, { resource: 'task', operation: 'startWatch', taskId: String(id) });
		expect(t().auditors).toContain(1);
		const muted = await runNode(portal, {
			resource: 'task',
			operation: 'mute',
			taskId: String(id),
		});
		expect(lastBody(portal)).toEqual({ id });
		expect(muted.json[0].isMuted).toBe('Y');
		expect(
			(await runNode(portal, { resource: 'task', operation: 'unmute', taskId: String(id) })).json[0]
				.isMuted,
		).toBe('N');
		const fav = await runNode(portal, {
			resource: 'task',
			operation: 'addFavorite',
			taskId: String(id),
		});
		expect(fav.json[0]).toEqual({ taskId: id, success: true });
		expect(t().favoriteOf.has(1)).toBe(true);
		await runNode(portal, { resource: 'task', operation: 'removeFavorite', taskId: String(id) });
		expect(t().favoriteOf.has(1)).toBe(false);
		const missing = await runNode(portal, {
			resource: 'task',
			operation: 'addFavorite',
			taskId: '9999',
		});
		expect(missing.result.error?.message).toMatch(/not found or not accessible/);
	});

	it('attaches a file, checks access and describes the fields', async () => {
		const id = SEED_TASKS[1].id;
		const attached = await runNode(portal, {
			resource: 'task',
			operation: 'attachFile',
			taskId: String(id),
			fileId: '77',
		});
		const files = state(portal).tasks.get(id)!.files;
		expect(attached.json[0]).toEqual({
			taskId: id,
			fileId: 77,
			attachmentId: files[files.length - 1],
		});
		const access = await runNode(portal, {
			resource: 'task',
			operation: 'getAccess',
			taskId: String(id),
			additionalFields: { users: '1, 3' },
		});
		expect(Object.keys(access.json[0])).toEqual(['1', '3']);
		// task 2 is in progress: it may be paused, not started
		expect(access.json[0]['1']).toMatchObject({ PAUSE: true, START: false, COMPLETE: true });
		const fields = await runNode(portal, { resource: 'task', operation: 'getFields' });
		expect(fields.json[0].TITLE).toMatchObject({ type: 'string', required: true });
		expect(fields.json[0].RESPONSIBLE_ID).toMatchObject({ type: 'integer', required: true });
	});

	it('adds and deletes a dependency', async () => {
		const run = await runNode(portal, {
			resource: 'task',
			operation: 'addDependency',
			taskIdFrom: '1',
			taskIdTo: '2',
			linkType: 2,
		});
		expect(run.json[0]).toEqual({ taskIdFrom: 1, taskIdTo: 2, linkType: 2, result: [] });
		expect(state(portal).dependencies.get('1>2')).toBe(2);
		const again = await runNode(portal, {
			resource: 'task',
			operation: 'addDependency',
			taskIdFrom: '1',
			taskIdTo: '2',
			linkType: 2,
		});
		expect(visibleText(again)).toMatch(/already exists/);
		await runNode(portal, {
			resource: 'task',
			operation: 'deleteDependency',
			taskIdFrom: '1',
			taskIdTo: '2',
		});
		expect(state(portal).dependencies.has('1>2')).toBe(false);
	});

	it('lists the daily plan, one item per task', async () => {
		const run = await runNode(portal, { resource: 'task', operation: 'getDailyPlan' });
		expect(run.json).toEqual(SEED_PLANNER.map((taskId) => ({ taskId })));
	});

	it('deletes a task', async () => {
		const id = (
			await runNode(portal, {
				resource: 'task',
				operation: 'create',
				title: 'Temp',
				responsibleId: '1',
			})
		).json[0].id as string;
		const run = await runNode(portal, { resource: 'task', operation: 'delete', taskId: id });
		expect(run.json[0]).toEqual({ taskId: Number(id), task: true });
		expect(state(portal).tasks.has(Number(id))).toBe(false);
		const again = await runNode(portal, { resource: 'task', operation: 'delete', taskId: id });
		expect(again.result.error?.message).toMatch(/No access to delete/);
	});
});
