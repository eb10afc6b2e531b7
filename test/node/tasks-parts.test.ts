import type { IDataObject } from 'n8n-workflow';

import type { Portal } from '../portal';
import {
	SEED_CHECKLIST,
	SEED_COMMENTS,
	SEED_ELAPSED,
	SEED_STAGES,
	SEED_USER_FIELDS,
	tasksState,
} from '../portal/methods/tasks/state';
import { runNode, withPortal } from './support';

const state = (portal: Portal) => tasksState(portal.store);
const lastBody = (portal: Portal) => portal.restRequests().slice(-1)[0].body as IDataObject;

describe('Tasks: checklists, comments, results, elapsed time, custom fields, stages', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 1 } });
	});
	afterAll(async () => await portal.close());
	beforeEach(() => portal.resetRequests());

	it('runs a checklist item through its whole life, parameters in the documented order', async () => {
		const created = await runNode(portal, {
			resource: 'taskChecklist',
			operation: 'create',
			taskId: '1',
			title: 'Send to the board',
			additionalFields: { isImportant: true },
		});
		const id = created.json[0].id as number;
		expect(Object.keys(lastBody(portal))).toEqual(['TASKID', 'FIELDS']);
		expect(state(portal).checklist.get(id)).toMatchObject({
			TASK_ID: 1,
			TITLE: 'Send to the board',
			IS_IMPORTANT: 'Y',
			IS_COMPLETE: 'N',
		});

		await runNode(portal, {
			resource: 'taskChecklist',
			operation: 'update',
			taskId: '1',
			itemId: String(id),
			additionalFields: { title: 'Send to the board today' },
		});
		expect(Object.keys(lastBody(portal))).toEqual(['TASKID', 'ITEMID', 'FIELDS']);
		await runNode(portal, {
			resource: 'taskChecklist',
			operation: 'complete',
			taskId: '1',
			itemId: String(id),
		});
		expect(state(portal).checklist.get(id)).toMatchObject({
			TITLE: 'Send to the board today',
			IS_COMPLETE: 'Y',
			TOGGLED_BY: 1,
		});
		const got = await runNode(portal, {
			resource: 'taskChecklist',
			operation: 'get',
			taskId: '1',
			itemId: String(id),
		});
		expect(got.json[0]).toMatchObject({ ID: String(id), TASK_ID: '1', IS_COMPLETE: 'Y' });
		await runNode(portal, {
			resource: 'taskChecklist',
			operation: 'renew',
			taskId: '1',
			itemId: String(id),
		});
		expect(state(portal).checklist.get(id)!.IS_COMPLETE).toBe('N');

		const list = await runNode(portal, {
			resource: 'taskChecklist',
			operation: 'getAll',
			taskId: '1',
			returnAll: true,
			additionalFields: { order: '{"ID": "desc"}' },
		});
		const expected = [...SEED_CHECKLIST.map((c) => c.ID), id].sort((a, b) => b - a).map(String);
		expect(list.json.map((c) => c.ID)).toEqual(expected);

		const deleted = await runNode(portal, {
			resource: 'taskChecklist',
			operation: 'delete',
			taskId: '1',
			itemId: String(id),
		});
		expect(deleted.json[0]).toEqual({ taskId: 1, itemId: id, success: true });
		expect(state(portal).checklist.has(id)).toBe(false);
		const gone = await runNode(portal, {
			resource: 'taskChecklist',
			operation: 'get',
			taskId: '1',
			itemId: String(id),
		});
		expect(gone.result.error?.message).toMatch(/not found or not accessible/);
	});

	it('adds, reads, lists, updates and deletes comments; pins one as the result', async () => {
		const created = await runNode(portal, {
			resource: 'taskComment',
			operation: 'create',
			taskId: '1',
			message: 'Done, see the file',
		});
		const id = created.json[0].id as number;
		expect(lastBody(portal)).toEqual({ TASKID: 1, FIELDS: { POST_MESSAGE: 'Done, see the file' } });
		expect(state(portal).comments.get(id)).toMatchObject({
			TASK_ID: 1,
			AUTHOR_ID: 1,
			POST_MESSAGE: 'Done, see the file',
		});

		// only FILTER given: ORDER still goes in its place
		const byAuthor = await runNode(portal, {
			resource: 'taskComment',
			operation: 'getAll',
			taskId: '1',
			returnAll: true,
			additionalFields: { filter: '{"AUTHOR_ID": 1}' },
		});
		expect(Object.keys(lastBody(portal))).toEqual(['TASKID', 'ORDER', 'FILTER']);
		const expected = [
			...SEED_COMMENTS.filter((c) => c.AUTHOR_ID === 1).map((c) => String(c.ID)),
			String(id),
		];
		expect(byAuthor.json.map((c) => c.ID)).toEqual(expected);
		const limited = await runNode(portal, {
			resource: 'taskComment',
			operation: 'getAll',
			taskId: '1',
			limit: 1,
		});
		expect(limited.json).toHaveLength(1);

		await runNode(portal, {
			resource: 'taskComment',
			operation: 'update',
			taskId: '1',
			itemId: String(id),
			message: 'Done',
		});
		const got = await runNode(portal, {
			resource: 'taskComment',
			operation: 'get',
			taskId: '1',
			itemId: String(id),
		});
		expect(got.json[0]).toMatchObject({ ID: String(id), POST_MESSAGE: 'Done', AUTHOR_ID: '1' });

		const pinned = await runNode(portal, {
			resource: 'taskComment',
			operation: 'addResult',
			commentId: String(id),
		});
		expect(pinned.json[0]).toMatchObject({ taskId: 1, commentId: id, text: 'Done' });
		const results = await runNode(portal, {
			resource: 'taskComment',
			operation: 'getResults',
			taskId: '1',
		});
		expect(results.json.map((r) => r.commentId)).toEqual([id]);
		const twice = await runNode(portal, {
			resource: 'taskComment',
			operation: 'addResult',
			commentId: String(id),
		});
		expect(twice.result.error?.message).toMatch(/Result already exists/);
		await runNode(portal, {
			resource: 'taskComment',
			operation: 'deleteResult',
			commentId: String(id),
		});
		expect([...state(portal).results.values()].filter((r) => r.commentId === id)).toHaveLength(0);

		await runNode(portal, {
			resource: 'taskComment',
			operation: 'delete',
			taskId: '1',
			itemId: String(id),
		});
		expect(state(portal).comments.has(id)).toBe(false);
		const empty = await runNode(portal, {
			resource: 'taskComment',
			operation: 'create',
			taskId: '9999',
			message: 'x',
		});
		expect(empty.result.error?.message).toMatch(/Insufficient permissions/);
	});

	it('records time, reads it back and walks the list by ID over several pages', async () => {
		const seconds = Array.from({ length: 60 }, (_, i) => 60 * (i + 1));
		const created = await runNode(
			portal,
			{
				resource: 'taskElapsedTime',
				operation: 'create',
				taskId: '2',
				seconds: '={{ $json.s }}',
				commentText: 'Call',
				additionalFields: { userId: 3 },
			},
			{ items: seconds.map((s) => ({ s })) },
		);
		const ids = created.json.map((j) => j.id as number);
		expect(ids).toHaveLength(60);
		expect(state(portal).elapsed.get(ids[59])).toMatchObject({
			TASK_ID: 2,
			SECONDS: 3600,
			USER_ID: 3,
			COMMENT_TEXT: 'Call',
		});

		portal.resetRequests();
		const all = await runNode(portal, {
			resource: 'taskElapsedTime',
			operation: 'getAll',
			returnAll: true,
			additionalFields: { taskId: '2' },
		});
		expect(all.json.map((e) => Number(e.ID))).toEqual(ids);
		expect(all.json[0]).toMatchObject({ TASK_ID: '2', SECONDS: '60', MINUTES: '1' });
		expect(portal.restRequests()).toHaveLength(1);
		expect(decodeURIComponent(portal.restRequests()[0].batchCommands![1])).toContain(
			'FILTER[>ID]=$result[c0][49][ID]',
		);

		const everyTask = await runNode(portal, {
			resource: 'taskElapsedTime',
			operation: 'getAll',
			returnAll: true,
			additionalFields: { filter: '{"USER_ID": 2}' },
		});
		expect(everyTask.json.map((e) => e.ID)).toEqual(
			SEED_ELAPSED.filter((e) => e.USER_ID === 2).map((e) => String(e.ID)),
		);

		await runNode(portal, {
			resource: 'taskElapsedTime',
			operation: 'update',
			taskId: '2',
			itemId: String(ids[0]),
			additionalFields: { seconds: 900 },
		});
		const got = await runNode(portal, {
			resource: 'taskElapsedTime',
			operation: 'get',
			taskId: '2',
			itemId: String(ids[0]),
		});
		expect(got.json[0]).toMatchObject({ ID: String(ids[0]), SECONDS: '900', MINUTES: '15' });
		await runNode(portal, {
			resource: 'taskElapsedTime',
			operation: 'delete',
			taskId: '2',
			itemId: String(ids[0]),
		});
		expect(state(portal).elapsed.has(ids[0])).toBe(false);
	});

	it('creates, lists, updates and deletes a custom task field; tasks then accept it', async () => {
		const created = await runNode(portal, {
			resource: 'taskUserField',
			operation: 'create',
			userTypeId: 'string',
			fieldName: 'CLIENT_REQUEST',
			additionalFields: { label: 'Client request' },
		});
		const id = created.json[0].id as number;
		expect(Object.keys(lastBody(portal))).toEqual(['PARAMS']);
		expect(state(portal).userFields.get(id)).toMatchObject({
			FIELD_NAME: 'UF_CLIENT_REQUEST',
			USER_TYPE_ID: 'string',
			LABEL: 'Client request',
		});

		const list = await runNode(portal, {
			resource: 'taskUserField',
			operation: 'getAll',
			returnAll: true,
			additionalFields: { filter: '{"USER_TYPE_ID": "string"}' },
		});
		expect(list.json.map((f) => f.FIELD_NAME)).toEqual(['UF_CLIENT_REQUEST']);
		const all = await runNode(portal, {
			resource: 'taskUserField',
			operation: 'getAll',
			returnAll: true,
		});
		expect(all.json.map((f) => f.ID)).toEqual(
			[...SEED_USER_FIELDS.map((f) => f.ID), id].map(String),
		);

		await runNode(portal, {
			resource: 'taskUserField',
			operation: 'update',
			fieldId: String(id),
			additionalFields: { label: 'Request', mandatory: false },
		});
		const got = await runNode(portal, {
			resource: 'taskUserField',
			operation: 'get',
			fieldId: String(id),
		});
		expect(got.json[0]).toMatchObject({
			ID: String(id),
			FIELD_NAME: 'UF_CLIENT_REQUEST',
			EDIT_FORM_LABEL: { en: 'Request' },
		});

		const task = await runNode(portal, {
			resource: 'task',
			operation: 'create',
			title: 'With a field',
			responsibleId: '1',
			additionalFields: { otherFields: '{"UF_CLIENT_REQUEST": "Urgent"}' },
		});
		expect(state(portal).tasks.get(Number(task.json[0].id))!.uf.UF_CLIENT_REQUEST).toBe('Urgent');

		await runNode(portal, { resource: 'taskUserField', operation: 'delete', fieldId: String(id) });
		expect(state(portal).userFields.has(id)).toBe(false);
		const gone = await runNode(portal, {
			resource: 'taskUserField',
			operation: 'get',
			fieldId: String(id),
		});
		expect(gone.result.error?.message).toMatch(/not found/);
	});

	it('manages Kanban and My Plan stages and moves a task between them', async () => {
		const myPlan = SEED_STAGES.filter((s) => s.ENTITY_TYPE === 'U' && s.ENTITY_ID === 1).sort(
			(a, b) => a.SORT - b.SORT,
		);
		const listed = await runNode(portal, {
			resource: 'taskStage',
			operation: 'getAll',
			entityId: 0,
		});
		expect(listed.json.map((s) => s.TITLE)).toEqual(myPlan.map((s) => s.TITLE));

		const created = await runNode(portal, {
			resource: 'taskStage',
			operation: 'create',
			title: 'Review',
			additionalFields: { entityId: 1, afterId: 2, color: 'FF0000' },
		});
		const id = created.json[0].id as number;
		expect(state(portal).stages.get(id)).toMatchObject({
			TITLE: 'Review',
			ENTITY_TYPE: 'G',
			ENTITY_ID: 1,
			COLOR: 'FF0000',
		});
		const board = await runNode(portal, {
			resource: 'taskStage',
			operation: 'getAll',
			entityId: 1,
		});
		expect(board.json.map((s) => s.ID)).toEqual(['1', '2', String(id), '3']);

		await runNode(portal, {
			resource: 'taskStage',
			operation: 'update',
			stageId: String(id),
			additionalFields: { title: 'Review by CEO' },
		});
		expect(state(portal).stages.get(id)!.TITLE).toBe('Review by CEO');

		// task 1 lives in group 1
		const moved = await runNode(portal, {
			resource: 'taskStage',
			operation: 'moveTask',
			taskId: '1',
			stageId: String(id),
		});
		expect(moved.json[0]).toEqual({ taskId: 1, stageId: id, success: true });
		expect(state(portal).tasks.get(1)!.stageId).toBe(id);
		const wrongBoard = await runNode(portal, {
			resource: 'taskStage',
			operation: 'moveTask',
			taskId: '2',
			stageId: String(id),
		});
		expect(wrongBoard.result.error?.message).toMatch(/cannot move/);

		const first = await runNode(portal, {
			resource: 'taskStage',
			operation: 'delete',
			stageId: '1',
		});
		expect(first.result.error?.message).toMatch(/default stage/);
		await runNode(portal, { resource: 'taskStage', operation: 'delete', stageId: String(id) });
		expect(state(portal).stages.has(id)).toBe(false);
		expect(state(portal).tasks.get(1)!.stageId).toBe(1);
		const denied = await runNode(portal, {
			resource: 'taskStage',
			operation: 'getAll',
			entityId: 42,
		});
		expect(denied.result.error?.message).toMatch(/cannot view stages/);
	});
});
