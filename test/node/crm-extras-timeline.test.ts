import { randomUUID } from 'node:crypto';

import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { bitrix24Node, chain, CredentialStore, runWorkflow } from '../harness';
import type { Portal } from '../portal';
import { extrasState } from '../portal/methods/crm-extras';
import { USERS } from '../portal/seed';
import { runNode, visibleText, WEBHOOK_ID, webhookCredential, withPortal } from './support';

const FILE_TEXT = 'Signed contract, page 1\n';

/** Test-only node: one item carrying a text file as binary field `contract`. */
class BinaryStart implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Binary Start',
		name: 'binaryStart',
		group: ['input'],
		version: 1,
		description: 'Emits one item with a file',
		defaults: { name: 'Binary Start' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const binary = await this.helpers.prepareBinaryData(
			Buffer.from(FILE_TEXT),
			'contract.txt',
			'text/plain',
		);
		return [[{ json: {}, binary: { contract: binary } }]];
	}
}

describe('CRM activities and timeline comments', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 5 } });
	});
	afterAll(async () => await portal.close());

	it('creates, gets, updates and deletes a call on a deal', async () => {
		const created = await runNode(portal, {
			resource: 'crmActivity',
			operation: 'create',
			ownerTypeId: 2,
			ownerId: '3',
			typeId: 2,
			subject: 'Call about the roof',
			responsibleId: String(USERS[1].ID),
			additionalFields: {
				communication: '+15550001',
				startTime: '2024-05-01T10:00:00+03:00',
				priority: 3,
				fieldsJson: '{"LOCATION": "Office"}',
			},
		});
		expect(visibleText(created)).not.toContain('"message":"');
		const newId = Number(created.json[0].ID);
		const stored = extrasState(portal.store).activities.get(newId);
		expect(stored).toMatchObject({
			OWNER_TYPE_ID: 2,
			OWNER_ID: 3,
			TYPE_ID: 2,
			SUBJECT: 'Call about the roof',
			RESPONSIBLE_ID: USERS[1].ID,
			PRIORITY: 3,
			LOCATION: 'Office',
		});
		expect(stored?.COMMUNICATIONS).toEqual([
			expect.objectContaining({
				VALUE: '+15550001',
				ENTITY_ID: 3,
				ENTITY_TYPE_ID: 2,
				TYPE: 'PHONE',
			}),
		]);
		expect(stored?.START_TIME).toBe(Date.parse('2024-05-01T10:00:00+03:00'));

		const got = await runNode(portal, {
			resource: 'crmActivity',
			operation: 'get',
			activityId: String(newId),
		});
		// the old API answers strings
		expect(got.json[0]).toMatchObject({
			ID: String(newId),
			OWNER_ID: '3',
			SUBJECT: 'Call about the roof',
			PRIORITY: '3',
			DEADLINE: '2024-05-01T10:00:00+03:00',
		});

		const updated = await runNode(portal, {
			resource: 'crmActivity',
			operation: 'update',
			activityId: String(newId),
			additionalFields: { subject: 'Call done', completed: true },
		});
		expect(updated.json[0]).toEqual({ ID: String(newId), updated: true });
		expect(extrasState(portal.store).activities.get(newId)).toMatchObject({
			SUBJECT: 'Call done',
			COMPLETED: 'Y',
		});

		const nothing = await runNode(portal, {
			resource: 'crmActivity',
			operation: 'update',
			activityId: String(newId),
		});
		expect(String(nothing.result.error?.message)).toContain('Additional Fields');

		const deleted = await runNode(portal, {
			resource: 'crmActivity',
			operation: 'delete',
			activityId: String(newId),
		});
		expect(deleted.json[0]).toEqual({ ID: String(newId), deleted: true });
		expect(extrasState(portal.store).activities.has(newId)).toBe(false);

		const gone = await runNode(portal, {
			resource: 'crmActivity',
			operation: 'get',
			activityId: String(newId),
		});
		expect(String(gone.result.error?.message)).toMatch(/Activity is not found/);
	});

	it('reports a missing owner as the portal does, and a bad ID before any call', async () => {
		portal.resetRequests();
		const bad = await runNode(portal, {
			resource: 'crmActivity',
			operation: 'get',
			activityId: 'abc',
		});
		expect(String(bad.result.error?.message)).toContain('"Activity ID" of item 0');
		expect(portal.restRequests()).toHaveLength(0);
		const missing = await runNode(portal, {
			resource: 'crmActivity',
			operation: 'create',
			ownerTypeId: 2,
			ownerId: '9999',
			typeId: 1,
			subject: 'Meeting',
			responsibleId: '1',
		});
		expect(String(missing.result.error?.message)).toContain('Could not build binding');
	});

	it('creates many activities in batches and reads them back with fast paging', async () => {
		const count = 120;
		const items = Array.from({ length: count }, (_, i) => ({
			subject: `Meeting ${i}`,
			deal: (i % 5) + 1,
		}));
		const created = await runNode(
			portal,
			{
				resource: 'crmActivity',
				operation: 'create',
				ownerTypeId: 2,
				ownerId: '={{ $json.deal }}',
				typeId: 1,
				subject: '={{ $json.subject }}',
				responsibleId: '1',
			},
			{ items },
		);
		expect(created.json).toHaveLength(count);
		const ids = created.json.map((item) => Number(item.ID));
		const forDeal2 = ids.filter((_, i) => items[i].deal === 2);

		portal.resetRequests();
		const listed = await runNode(portal, {
			resource: 'crmActivity',
			operation: 'getAll',
			returnAll: true,
			additionalFields: { ownerTypeId: 2, ownerId: '2' },
		});
		expect(listed.json.map((row) => Number(row.ID))).toEqual(forDeal2);
		const all = await runNode(portal, {
			resource: 'crmActivity',
			operation: 'getAll',
			returnAll: true,
		});
		expect(all.json).toHaveLength(extrasState(portal.store).activities.size);
		// the walk goes by >ID without counting
		const listCalls = portal
			.restRequests()
			.filter((r) => r.restMethod === 'crm.activity.list' || r.restMethod === 'batch');
		expect(JSON.stringify(listCalls.map((r) => r.body))).toContain('-1');
		const limited = await runNode(portal, {
			resource: 'crmActivity',
			operation: 'getAll',
			limit: 7,
		});
		expect(limited.json).toHaveLength(7);
	});

	it('creates a to-do and lists the activity fields', async () => {
		const todo = await runNode(portal, {
			resource: 'crmActivity',
			operation: 'createTodo',
			ownerTypeId: 2,
			ownerId: '4',
			deadline: '2025-02-03T15:00:00',
			additionalFields: { title: 'Send the offer', pingOffsets: '0, 15', responsibleId: '2' },
		});
		const id = Number(todo.json[0].id);
		expect(extrasState(portal.store).activities.get(id)).toMatchObject({
			OWNER_ID: 4,
			SUBJECT: 'Send the offer',
			PROVIDER_ID: 'CRM_TODO',
			RESPONSIBLE_ID: 2,
			PING_OFFSETS: [0, 15],
		});
		const fields = await runNode(portal, { resource: 'crmActivity', operation: 'getFields' });
		expect(fields.json.find((f) => f.name === 'SUBJECT')).toMatchObject({
			type: 'string',
			isRequired: true,
		});
	});

	it('adds a comment with a file from binary data, then gets, lists, updates and deletes it', async () => {
		const start = {
			id: randomUUID(),
			name: 'Binary Start',
			type: 'test.binaryStart',
			typeVersion: 1,
			position: [0, 0] as [number, number],
			parameters: {},
		};
		const node = bitrix24Node(
			{
				resource: 'crmTimelineComment',
				operation: 'create',
				entityType: 'deal',
				entityId: '2',
				comment: 'Contract attached',
				additionalFields: { binaryPropertyName: 'contract' },
			},
			{ type: 'bitrix24WebhookApi', id: WEBHOOK_ID },
		);
		const run = await runWorkflow({
			workflow: chain([start, node]),
			credentials: new CredentialStore([webhookCredential(portal)]),
			nodeTypes: { 'test.binaryStart': new BinaryStart() },
		});
		expect(run.error).toBeUndefined();
		const commentId = Number(run.output(node.name)[0].json.ID);
		const stored = extrasState(portal.store).comments.get(commentId);
		expect(stored).toMatchObject({
			ENTITY_TYPE: 'deal',
			ENTITY_ID: 2,
			COMMENT: 'Contract attached',
			AUTHOR_ID: portal.webhook.userId,
		});
		expect(stored?.FILES.map((f) => [f.name, f.content.toString()])).toEqual([
			['contract.txt', FILE_TEXT],
		]);

		const second = await runNode(portal, {
			resource: 'crmTimelineComment',
			operation: 'create',
			entityType: 'deal',
			entityId: '2',
			comment: 'Second',
		});
		const secondId = Number(second.json[0].ID);

		const got = await runNode(portal, {
			resource: 'crmTimelineComment',
			operation: 'get',
			commentId: String(commentId),
		});
		expect(got.json[0]).toMatchObject({
			ID: String(commentId),
			ENTITY_ID: '2',
			COMMENT: 'Contract attached',
		});
		expect(Object.values(got.json[0].FILES as object)).toEqual([
			expect.objectContaining({ name: 'contract.txt', size: FILE_TEXT.length }),
		]);

		const listed = await runNode(portal, {
			resource: 'crmTimelineComment',
			operation: 'getAll',
			entityType: 'deal',
			entityId: '2',
			returnAll: true,
		});
		expect(listed.json.map((c) => Number(c.ID)).sort((a, b) => a - b)).toEqual([
			commentId,
			secondId,
		]);
		const otherDeal = await runNode(portal, {
			resource: 'crmTimelineComment',
			operation: 'getAll',
			entityType: 'deal',
			entityId: '3',
			returnAll: true,
		});
		expect(otherDeal.json).toHaveLength(0);

		const updated = await runNode(portal, {
			resource: 'crmTimelineComment',
			operation: 'update',
			commentId: String(secondId),
			additionalFields: { comment: 'Second, edited' },
		});
		expect(updated.json[0]).toEqual({ ID: String(secondId), updated: true });
		expect(extrasState(portal.store).comments.get(secondId)?.COMMENT).toBe('Second, edited');

		const deleted = await runNode(portal, {
			resource: 'crmTimelineComment',
			operation: 'delete',
			commentId: String(secondId),
		});
		expect(deleted.json[0]).toEqual({ ID: String(secondId), deleted: true });
		expect(extrasState(portal.store).comments.has(secondId)).toBe(false);
		const again = await runNode(portal, {
			resource: 'crmTimelineComment',
			operation: 'delete',
			commentId: String(secondId),
		});
		expect(String(again.result.error?.message)).toMatch(/Not found/);
	});

	it('names a missing binary field, and keeps errors of one item with Continue On Fail', async () => {
		const missing = await runNode(portal, {
			resource: 'crmTimelineComment',
			operation: 'create',
			entityType: 'deal',
			entityId: '1',
			comment: 'x',
			additionalFields: { binaryPropertyName: 'nothing' },
		});
		expect(String(missing.result.error?.message)).toContain('"Input Binary Field" of item 0');

		const before = extrasState(portal.store).comments.size;
		const run = await runNode(
			portal,
			{
				resource: 'crmTimelineComment',
				operation: 'create',
				entityType: 'deal',
				entityId: '={{ $json.deal }}',
				comment: 'Hello',
			},
			{ items: [{ deal: 1 }, { deal: 9999 }], continueOnFail: true },
		);
		expect(run.json[0].ID).toMatch(/^\d+$/);
		expect(run.json[1]).toMatchObject({ code: 'OWNER_NOT_FOUND' });
		expect(extrasState(portal.store).comments.size).toBe(before + 1);
	});
});
