/**
 * Version 2 of the action node speaks DESIGN.md's vocabulary; version 1 (what saved workflows
 * hold) keeps answering as released. Each test runs both where the behaviour differs.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { Bitrix24 } from '../../nodes/Bitrix24/Bitrix24.node';
import type { Portal } from '../portal';
import type { FmEntry } from '../portal/fields';
import { tasksState } from '../portal/methods/tasks/state';
import { DEAL_UF, SMART_PROCESS, SMART_UF } from '../portal/seed';
import { id, runNode, withPortal } from './support';

const DEAL = 2;
const CONTACT = 3;
const V2 = { typeVersion: 2 };

const mapped = (value: IDataObject): INodeParameters[string] =>
	({
		mappingMode: 'defineBelow',
		value,
		matchingColumns: [],
		attemptToConvertTypes: false,
		convertFieldsToString: false,
		schema: [],
	}) as unknown as INodeParameters[string];

function batchCommands(portal: Portal): string[] {
	return portal.restRequests().flatMap((request) => request.batchCommands ?? []);
}

describe('Action node version 2', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 20 } });
	});
	afterAll(async () => await portal.close());
	beforeEach(() => portal.resetRequests());

	it('speaks for version 3, what new nodes get, with versions 1 and 2 still loadable', () => {
		const node = new Bitrix24();
		expect(node.currentVersion).toBe(3);
		expect(Object.keys(node.nodeVersions).map(Number)).toEqual([1, 2, 3]);
		expect(node.nodeVersions[3].description.properties.map((p) => p.name)).toContain('simplify');
		const v1 = node.nodeVersions[1].description.properties.map((p) => p.name);
		expect(v1).not.toContain('simplify');
		expect(node.nodeVersions[2].description.properties.map((p) => p.name)).toContain('simplify');
	});

	it('Create answers the created record, read back in the same batch request', async () => {
		const items = Array.from({ length: 30 }, (_, index) => ({ title: `Order ${index}` }));
		const run = await runNode(
			portal,
			{
				resource: 'deal',
				operation: 'create',
				fieldMapping: mapped({ TITLE: '={{ $json.title }}', OPPORTUNITY: 120 }),
			},
			{ items, ...V2 },
		);
		expect(run.result.error).toBeUndefined();
		expect(run.json).toHaveLength(30);
		run.json.forEach((record, index) => {
			const stored = portal.store.get(DEAL, Number(record.ID));
			expect(stored?.TITLE).toBe(`Order ${index}`);
			expect(record).toMatchObject({ TITLE: `Order ${index}`, OPPORTUNITY: '120.00' });
		});
		// 30 writes and 30 reads are 60 commands: two batch requests, no request of their own
		expect(portal.restRequests()).toHaveLength(2);
		const commands = batchCommands(portal);
		expect(commands.filter((c) => c.startsWith('crm.deal.add'))).toHaveLength(30);
		expect(commands.filter((c) => c.startsWith('crm.deal.get'))).toHaveLength(30);

		portal.resetRequests();
		const one = await runNode(
			portal,
			{ resource: 'deal', operation: 'create', fieldMapping: mapped({ TITLE: 'Alone' }) },
			V2,
		);
		expect(one.json).toEqual([expect.objectContaining({ TITLE: 'Alone' })]);
		expect(portal.restRequests()).toHaveLength(1);

		const v1 = await runNode(portal, { resource: 'deal', operation: 'create', title: 'Old' });
		expect(v1.json).toEqual([{ ID: expect.stringMatching(/^\d+$/) }]);
	});

	it('takes multi-value fields in the mapper as text, and Fields (JSON) under Options', async () => {
		const run = await runNode(
			portal,
			{
				resource: 'contact',
				operation: 'create',
				fieldMapping: mapped({ NAME: 'Ann', EMAIL: 'ann@example.com, ann@work.example' }),
				options: { fieldsJson: '{"POST": "Buyer"}' },
			},
			V2,
		);
		expect(run.result.error).toBeUndefined();
		const stored = portal.store.get(CONTACT, Number(run.json[0].ID))!;
		expect(stored.POST).toBe('Buyer');
		const emails = ((stored.FM as FmEntry[]) ?? []).filter((entry) => entry.TYPE_ID === 'EMAIL');
		expect(emails.map((entry) => [entry.VALUE, entry.VALUE_TYPE])).toEqual([
			['ann@example.com', 'WORK'],
			['ann@work.example', 'WORK'],
		]);

		const bad = await runNode(
			portal,
			{
				resource: 'contact',
				operation: 'create',
				fieldMapping: mapped({ NAME: 'Bob' }),
				options: { fieldsJson: '{oops' },
			},
			V2,
		);
		expect(bad.result.error?.message).toMatch(/Fields \(JSON\)/);
	});

	it('Get and Get Many simplify by default, custom fields under their labels', async () => {
		const label = portal.store.table(DEAL)!.fields.find((field) => field.name === DEAL_UF.note)!
			.label as string;
		const stored = portal.store.get(DEAL, 3)!;
		const got = await runNode(portal, { resource: 'deal', operation: 'get', recordId: id(3) }, V2);
		expect(got.json[0]).toMatchObject({ ID: '3', TITLE: stored.TITLE });
		expect((got.json[0].customFields as IDataObject)[label]).toBe(stored[DEAL_UF.note]);
		expect(got.json[0]).not.toHaveProperty('OPENED');
		expect(got.json[0]).not.toHaveProperty(DEAL_UF.note);

		const raw = await runNode(
			portal,
			{ resource: 'deal', operation: 'get', recordId: id(3), simplify: false },
			V2,
		);
		expect(raw.json[0]).toHaveProperty('OPENED');
		expect(raw.json[0][DEAL_UF.note]).toBe(stored[DEAL_UF.note]);

		const v1 = await runNode(portal, { resource: 'deal', operation: 'get', recordId: id(3) });
		expect(v1.json[0]).toHaveProperty('OPENED');

		const contact = await runNode(
			portal,
			{
				resource: 'contact',
				operation: 'create',
				fieldMapping: mapped({ NAME: 'Cy', PHONE: '+100200300' }),
			},
			V2,
		);
		const many = await runNode(
			portal,
			{
				resource: 'contact',
				operation: 'getAll',
				returnAll: true,
				filters: {
					conditions: [{ field: 'ID', operator: 'eq', value: String(contact.json[0].ID) }],
				},
			},
			V2,
		);
		expect(many.result.error).toBeUndefined();
		expect(many.json).toEqual([expect.objectContaining({ NAME: 'Cy', PHONE: ['+100200300'] })]);
	});

	it('Delete, Update and Get Fields answer the same keys for every resource', async () => {
		const tasks = tasksState(portal.store);
		const taskId = [...tasks.tasks.keys()][0];
		const v1 = await runNode(portal, { resource: 'task', operation: 'delete', taskId: id(taskId) });
		expect(v1.json[0]).toHaveProperty('taskId');
		const another = [...tasks.tasks.keys()][0];
		const deleted = await runNode(
			portal,
			{ resource: 'task', operation: 'delete', taskId: id(another) },
			V2,
		);
		expect(deleted.json).toEqual([{ ID: String(another), deleted: true }]);
		expect(tasks.tasks.has(another)).toBe(false);

		const fields = await runNode(portal, { resource: 'task', operation: 'getFields' }, V2);
		expect(fields.json.length).toBeGreaterThan(10);
		expect(fields.json.find((field) => field.name === 'TITLE')).toBeDefined();

		// a list's options are `options` in version 2, sorted by Order By + Order Direction
		const newest = await runNode(
			portal,
			{
				resource: 'task',
				operation: 'getAll',
				limit: 3,
				options: { orderBy: 'ID', orderDirection: 'DESC' },
			},
			V2,
		);
		expect(newest.result.error).toBeUndefined();
		const highest = [...tasks.tasks.keys()]
			.sort((a, b) => b - a)
			.slice(0, 3)
			.map(String);
		expect(newest.json.map((row) => row.id)).toEqual(highest);
	});

	it('Task Get and Get Many simplify, with the status in words', async () => {
		const tasks = tasksState(portal.store);
		const task = [...tasks.tasks.values()][0];
		const got = await runNode(
			portal,
			{ resource: 'task', operation: 'get', taskId: id(task.id) },
			V2,
		);
		expect(got.json[0]).toMatchObject({ id: String(task.id), title: task.title });
		expect(got.json[0].statusName).toEqual(expect.any(String));
		expect(got.json[0]).not.toHaveProperty('guid');
		const raw = await runNode(
			portal,
			{ resource: 'task', operation: 'get', taskId: id(task.id), simplify: false },
			V2,
		);
		expect(raw.json[0]).toHaveProperty('guid');
		const many = await runNode(portal, { resource: 'task', operation: 'getAll', limit: 2 }, V2);
		expect(many.json).toHaveLength(Math.min(2, tasks.tasks.size));
		expect(many.json.length).toBeGreaterThan(0);
		for (const row of many.json) expect(row).not.toHaveProperty('guid');
	});

	it('CRM items (any type) simplify too, and Delete answers { ID, deleted }', async () => {
		const entityTypeId = SMART_PROCESS.entityTypeId;
		const stored = portal.store.get(entityTypeId, 2)!;
		const label = portal.store
			.table(entityTypeId)!
			.fields.find((field) => field.name === SMART_UF.code)!.label as string;
		const got = await runNode(
			portal,
			{ resource: 'crmItem', operation: 'get', entityTypeId, itemId: id(2) },
			V2,
		);
		expect(got.result.error).toBeUndefined();
		expect(got.json[0]).toMatchObject({ id: 2, title: stored.TITLE });
		expect((got.json[0].customFields as IDataObject)[label]).toBe(stored[SMART_UF.code]);
		expect(Object.keys(got.json[0]).some((key) => key.startsWith('ufCrm'))).toBe(false);

		const many = await runNode(
			portal,
			{ resource: 'crmItem', operation: 'getAll', entityTypeId, limit: 3 },
			V2,
		);
		expect(many.json).toHaveLength(3);
		for (const row of many.json) expect(row.customFields).toBeDefined();

		const created = await runNode(
			portal,
			{
				resource: 'crmItem',
				operation: 'create',
				entityTypeId,
				fieldMapping: mapped({ title: 'From version 2' }),
				options: { fieldsJson: JSON.stringify({ opportunity: 10 }) },
			},
			V2,
		);
		expect(created.result.error).toBeUndefined();
		const newId = created.json[0].id as number;
		expect(portal.store.get(entityTypeId, newId)).toMatchObject({ TITLE: 'From version 2' });
		expect(Number(portal.store.get(entityTypeId, newId)!.OPPORTUNITY)).toBe(10);
		const deleted = await runNode(
			portal,
			{ resource: 'crmItem', operation: 'delete', entityTypeId, itemId: id(newId) },
			V2,
		);
		expect(deleted.json).toEqual([{ ID: String(newId), deleted: true }]);
	});
});
