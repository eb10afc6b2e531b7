import type {
	IBinaryData,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { StoredCredential } from '../harness';
import { bitrix24Node, chain, CredentialStore, loadOptions, runWorkflow } from '../harness';
import type { Portal } from '../portal';
import {
	bizprocState,
	DEMO_TASK_ID,
	DEMO_TEMPLATES,
	DEMO_WORKFLOW_ID,
} from '../portal/methods/bizproc';
import type { NodeRun } from './support';
import { oauthCredential, runNode, WEBHOOK_ID, webhookCredential, withPortal } from './support';

/** Test-only source of one item carrying a template file in binary field `data`. */
class TemplateFileSource implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Template File',
		name: 'templateFile',
		group: ['input'],
		version: 1,
		description: 'Emits one item with a .bpt file (test)',
		defaults: { name: 'Template File' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Base64', name: 'base64', type: 'string', default: '' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const data = this.getNodeParameter('base64', 0) as string;
		return [
			[
				{
					json: {},
					binary: {
						data: {
							data,
							mimeType: 'application/octet-stream',
							fileName: 'approval.bpt',
						} as IBinaryData,
					},
					pairedItem: { item: 0 },
				},
			],
		];
	}
}

/** Template File -> Bitrix24(parameters), with the given credential. */
async function runWithTemplateFile(
	parameters: INodeParameters,
	content: Buffer,
	credential: StoredCredential,
): Promise<NodeRun> {
	const source = {
		id: 'file',
		name: 'Template File',
		type: 'test.templateFile',
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters: { base64: content.toString('base64') },
	};
	const node = bitrix24Node(parameters, {
		type: credential.type as 'bitrix24WebhookApi',
		id: credential.id,
	});
	const result = await runWorkflow({
		workflow: chain([source, node]),
		credentials: new CredentialStore([credential]),
		nodeTypes: { 'test.templateFile': new TemplateFileSource() },
	});
	if (result.error) return { result, items: [], json: [] };
	const items = result.output(node.name);
	return { result, items, json: items.map((item) => item.json) };
}

describe('Business processes: workflows', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 5 } });
	});
	afterAll(async () => await portal.close());
	beforeEach(() => portal.resetRequests());
	const state = () => bizprocState(portal.store);
	const calls = (method: string) => portal.restRequests().filter((r) => r.restMethod === method);

	it('starts a workflow on a deal with template parameters', async () => {
		const before = new Set(state().instances.keys());
		const run = await runNode(portal, {
			resource: 'bizprocWorkflow',
			operation: 'start',
			templateId: '1',
			documentType: 'deal',
			documentId: '2',
			templateParameters: { parameter: [{ name: 'approver', value: 'user_3' }] },
		});
		expect(run.result.error).toBeUndefined();
		expect(calls('bizproc.workflow.start')[0].body).toMatchObject({
			TEMPLATE_ID: '1',
			DOCUMENT_ID: ['crm', 'CCrmDocumentDeal', 'DEAL_2'],
			PARAMETERS: { approver: 'user_3' },
		});
		const started = [...state().instances.values()].filter((i) => !before.has(i.ID));
		expect(started).toHaveLength(1);
		expect(started[0]).toMatchObject({
			TEMPLATE_ID: 1,
			DOCUMENT_ID: 'DEAL_2',
			ENTITY: 'CCrmDocumentDeal',
			STARTED_BY: 1,
			PARAMETERS: { approver: 'user_3' },
		});
		expect(run.json).toEqual([{ workflowId: started[0].ID }]);
		// the approval task went to the approver the parameter named
		const tasks = [...state().tasks.values()].filter((t) => t.WORKFLOW_ID === started[0].ID);
		expect(tasks.map((t) => t.USER_ID)).toEqual([3]);
	});

	it("builds smart process and list document IDs, and passes on the portal's refusal of a wrong type", async () => {
		const smart = await runNode(portal, {
			resource: 'bizprocWorkflow',
			operation: 'start',
			templateId: '1',
			documentType: 'dynamic',
			documentId: '1',
			additionalFields: { smartProcessTypeId: '147' },
		});
		expect(calls('bizproc.workflow.start')[0].body).toMatchObject({
			DOCUMENT_ID: ['crm', 'Bitrix\\Crm\\Integration\\BizProc\\Document\\Dynamic', 'DYNAMIC_147_1'],
		});
		expect(smart.result.error?.message).toContain('Template type and DOCUMENT_ID mismatch!');

		const purchases = DEMO_TEMPLATES.find((t) => t.ENTITY === 'BizprocDocument')!;
		const before = state().instances.size;
		const feed = await runNode(portal, {
			resource: 'bizprocWorkflow',
			operation: 'start',
			templateId: String(purchases.ID),
			documentType: 'feedProcess',
			documentId: '7',
		});
		expect(feed.result.error).toBeUndefined();
		expect(calls('bizproc.workflow.start')[1].body).toMatchObject({
			DOCUMENT_ID: ['lists', 'BizprocDocument', '7'],
		});
		expect(state().instances.size).toBe(before + 1);

		const noType = await runNode(portal, {
			resource: 'bizprocWorkflow',
			operation: 'start',
			templateId: '1',
			documentType: 'dynamic',
			documentId: '1',
		});
		expect(noType.result.error?.message).toContain('Smart Process Type ID');
		expect(calls('bizproc.workflow.start')).toHaveLength(2);
	});

	it('lists running workflows with every field, filtered by template', async () => {
		const all = await runNode(portal, {
			resource: 'bizprocWorkflow',
			operation: 'getAll',
			returnAll: true,
		});
		// every running workflow, newest change first (MODIFIED DESC is the default order)
		expect(all.json.map((row) => row.ID).sort()).toEqual([...state().instances.keys()].sort());
		const modified = all.json.map((row) => Date.parse(String(row.MODIFIED)));
		expect(modified).toEqual([...modified].sort((a, b) => b - a));
		expect(new Set(all.json.map((row) => row.ID)).size).toBe(state().instances.size);
		const seeded = all.json.find((row) => row.ID === DEMO_WORKFLOW_ID);
		expect(seeded).toMatchObject({
			DOCUMENT_ID: 'DEAL_1',
			TEMPLATE_ID: '1',
			MODULE_ID: 'crm',
			ENTITY: 'CCrmDocumentDeal',
			STARTED_BY: '2',
		});

		const ofTemplate = await runNode(portal, {
			resource: 'bizprocWorkflow',
			operation: 'getAll',
			returnAll: false,
			limit: 10,
			additionalFields: { templateId: '3' },
		});
		expect(calls('bizproc.workflow.instances').at(-1)?.body).toMatchObject({
			FILTER: { TEMPLATE_ID: '3' },
		});
		expect(ofTemplate.json.map((row) => row.ID)).toEqual(
			[...state().instances.values()].filter((i) => i.TEMPLATE_ID === 3).map((i) => i.ID),
		);
	});

	it('terminates a workflow with a status text, and deletes another', async () => {
		const terminated = await runNode(portal, {
			resource: 'bizprocWorkflow',
			operation: 'terminate',
			workflowId: DEMO_WORKFLOW_ID,
			additionalFields: { status: 'Cancelled by n8n' },
		});
		expect(terminated.json).toEqual([{ ID: DEMO_WORKFLOW_ID, terminated: true }]);
		expect(state().instances.has(DEMO_WORKFLOW_ID)).toBe(false);
		expect(state().terminated.get(DEMO_WORKFLOW_ID)?.status).toBe('Cancelled by n8n');

		const victim = [...state().instances.values()].find((i) => i.DOCUMENT_ID === 'DEAL_2')!;
		const deleted = await runNode(portal, {
			resource: 'bizprocWorkflow',
			operation: 'delete',
			workflowId: victim.ID,
		});
		expect(deleted.json).toEqual([{ ID: victim.ID, deleted: true }]);
		expect(state().instances.has(victim.ID)).toBe(false);
		expect([...state().tasks.values()].some((t) => t.WORKFLOW_ID === victim.ID)).toBe(false);

		const badId = await runNode(portal, {
			resource: 'bizprocWorkflow',
			operation: 'delete',
			workflowId: 'not a workflow',
		});
		expect(badId.result.error?.message).toContain('Parameter "Workflow ID" of item 0');
		expect(calls('bizproc.workflow.kill')).toHaveLength(1);
	});

	it('offers the templates in the editor', async () => {
		const node = bitrix24Node({ resource: 'bizprocWorkflow', operation: 'start' } as never, {
			type: 'bitrix24WebhookApi',
			id: WEBHOOK_ID,
		});
		const options = await loadOptions(node, [webhookCredential(portal)], 'getBizprocTemplates');
		expect(options.map((o) => o.value)).toEqual(
			[...DEMO_TEMPLATES].sort((a, b) => a.NAME.localeCompare(b.NAME)).map((t) => String(t.ID)),
		);
		expect(options.find((o) => o.value === '1')?.name).toBe(
			`${DEMO_TEMPLATES[0].NAME} (${DEMO_TEMPLATES[0].DOCUMENT_TYPE})`,
		);
	});
});

describe('Business processes: tasks and templates', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 5 } });
	});
	afterAll(async () => await portal.close());
	beforeEach(() => portal.resetRequests());
	const state = () => bizprocState(portal.store);

	it('lists the tasks of a user and approves one, which ends its workflow', async () => {
		const mine = await runNode(portal, {
			resource: 'bizprocTask',
			operation: 'getAll',
			returnAll: true,
			additionalFields: { userId: '1' },
		});
		const expected = [...state().tasks.values()]
			.filter((t) => t.USER_ID === 1)
			.map((t) => String(t.ID));
		expect(expected).toContain(String(DEMO_TASK_ID));
		expect(mine.json.map((t) => t.ID)).toEqual(expected);
		expect(mine.json[0]).toMatchObject({
			WORKFLOW_ID: DEMO_WORKFLOW_ID,
			ACTIVITY: 'ApproveActivity',
			STATUS: '0',
			USER_ID: '1',
			DOCUMENT_ID: 'DEAL_1',
		});

		// an approval takes Approve or Reject only
		const wrong = await runNode(portal, {
			resource: 'bizprocTask',
			operation: 'complete',
			taskId: String(DEMO_TASK_ID),
			status: 3,
		});
		expect(wrong.result.error?.message).toContain('incorrect STATUS');
		expect(state().tasks.get(DEMO_TASK_ID)?.STATUS).toBe(0);

		const done = await runNode(portal, {
			resource: 'bizprocTask',
			operation: 'complete',
			taskId: String(DEMO_TASK_ID),
			status: 1,
			additionalFields: { comment: 'Looks good' },
		});
		expect(done.json).toEqual([{ ID: DEMO_TASK_ID, completed: true }]);
		expect(state().tasks.get(DEMO_TASK_ID)).toMatchObject({
			STATUS: 1,
			USER_STATUS: 1,
			COMMENT: 'Looks good',
		});
		expect(state().instances.has(DEMO_WORKFLOW_ID)).toBe(false);

		const open = await runNode(portal, {
			resource: 'bizprocTask',
			operation: 'getAll',
			returnAll: true,
			additionalFields: { userId: '1', status: 0 },
		});
		expect(open.json.map((t) => t.ID)).toEqual(
			[...state().tasks.values()]
				.filter((t) => t.USER_ID === 1 && t.STATUS === 0)
				.map((t) => String(t.ID)),
		);
	});

	it('answers an information request with field values', async () => {
		const purchases = DEMO_TEMPLATES.find((t) => t.ENTITY === 'BizprocDocument')!;
		const started = await runNode(portal, {
			resource: 'bizprocWorkflow',
			operation: 'start',
			templateId: String(purchases.ID),
			documentType: 'feedProcess',
			documentId: '4',
		});
		const workflowId = String(started.json[0].workflowId);
		const task = [...state().tasks.values()].find((t) => t.WORKFLOW_ID === workflowId)!;
		expect(task.ACTIVITY).toBe('RequestInformationActivity');
		const done = await runNode(portal, {
			resource: 'bizprocTask',
			operation: 'complete',
			taskId: String(task.ID),
			status: 3,
			additionalFields: { fields: '{"supplier": "Acme Ltd"}' },
		});
		expect(done.result.error).toBeUndefined();
		expect(state().tasks.get(task.ID)).toMatchObject({
			STATUS: 3,
			FIELDS: { supplier: 'Acme Ltd' },
		});
	});

	it('lists the templates, filtered by document type', async () => {
		const all = await runNode(portal, {
			resource: 'bizprocTemplate',
			operation: 'getAll',
			returnAll: true,
		});
		expect(all.json.map((t) => t.ID)).toEqual(
			[...state().templates.keys()].sort((a, b) => a - b).map(String),
		);
		expect(all.json[0]).toMatchObject({
			NAME: DEMO_TEMPLATES[0].NAME,
			DOCUMENT_TYPE: 'DEAL',
			PARAMETERS: DEMO_TEMPLATES[0].PARAMETERS,
		});
		const leads = await runNode(portal, {
			resource: 'bizprocTemplate',
			operation: 'getAll',
			returnAll: true,
			additionalFields: { documentType: 'LEAD' },
		});
		expect(leads.json.map((t) => t.NAME)).toEqual(
			DEMO_TEMPLATES.filter((t) => t.DOCUMENT_TYPE === 'LEAD').map((t) => t.NAME),
		);
	});
});

describe('Business processes: delegating tasks', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 2 } });
	});
	afterAll(async () => await portal.close());
	beforeEach(() => portal.resetRequests());
	const state = () => bizprocState(portal.store);

	it('hands a task over to another user, and refuses one that is no longer yours', async () => {
		const owner = state().tasks.get(DEMO_TASK_ID)!.USER_ID;
		const other = portal.store.users.find((u) => u.ID !== owner && u.ACTIVE)!.ID;
		const run = await runNode(portal, {
			resource: 'bizprocTask',
			operation: 'delegate',
			taskIds: String(DEMO_TASK_ID),
			fromUserId: String(owner),
			toUserId: String(other),
		});
		expect(run.result.error).toBeUndefined();
		const sent = portal.restRequests().filter((r) => r.restMethod === 'bizproc.task.delegate');
		expect(sent[0].body).toMatchObject({
			TASK_IDS: [DEMO_TASK_ID],
			FROM_USER_ID: owner,
			TO_USER_ID: other,
		});
		expect(state().tasks.get(DEMO_TASK_ID)?.USER_ID).toBe(other);
		expect(run.json).toEqual([
			{ taskIds: [DEMO_TASK_ID], fromUserId: owner, toUserId: other, delegated: true },
		]);

		const again = await runNode(portal, {
			resource: 'bizprocTask',
			operation: 'delegate',
			taskIds: String(DEMO_TASK_ID),
			fromUserId: String(owner),
			toUserId: String(other),
		});
		expect(again.result.error?.message).toContain('ERROR_DELEGATION_NOT_ALLOWED');
		expect(state().tasks.get(DEMO_TASK_ID)?.USER_ID).toBe(other);

		const bad = await runNode(portal, {
			resource: 'bizprocTask',
			operation: 'delegate',
			taskIds: String(DEMO_TASK_ID),
			fromUserId: 'anna',
			toUserId: String(owner),
		});
		expect(bad.result.error?.message).toContain('From User Name or ID');
	});
});

describe('Business processes: administrators only', () => {
	let portal: Portal;
	beforeAll(async () => {
		// user 2 is no administrator
		portal = await withPortal({
			demo: { deals: 2 },
			webhook: { userId: 2, code: 'annawebhook12345' },
		});
	});
	afterAll(async () => await portal.close());

	it('refuses to start a workflow and says why', async () => {
		const before = bizprocState(portal.store).instances.size;
		const run = await runNode(portal, {
			resource: 'bizprocWorkflow',
			operation: 'start',
			templateId: '1',
			documentType: 'deal',
			documentId: '1',
		});
		expect(run.result.error?.message).toContain('ACCESS_DENIED');
		expect(JSON.stringify(run.result.error)).toContain('lacks the rights');
		expect(bizprocState(portal.store).instances.size).toBe(before);
	});

	it('lets a user read only their own tasks and those of their department', async () => {
		// user 2 heads Sales (users 2, 3), not Operations (user 4)
		const others = await runNode(portal, {
			resource: 'bizprocTask',
			operation: 'getAll',
			returnAll: true,
			additionalFields: { userId: '4' },
		});
		expect(others.result.error?.message).toContain('Access denied!');
		const own = await runNode(portal, {
			resource: 'bizprocTask',
			operation: 'getAll',
			returnAll: true,
		});
		expect(own.json).toEqual([]);
	});
});

describe('Business processes: templates an application adds', () => {
	let portal: Portal;
	let oauth: StoredCredential;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 1 } });
		oauth = oauthCredential(portal, { ...portal.oauth.issueTokens() });
	});
	afterAll(async () => await portal.close());
	const state = () => bizprocState(portal.store);
	const app = { authentication: 'bitrix24OAuth2Api', resource: 'bizprocTemplate' };

	it("adds a template from the item's file, renames it, replaces its file and deletes it", async () => {
		const file = Buffer.from('BPT template v1');
		const expectedId = state().nextTemplate;
		const created = await runWithTemplateFile(
			{
				...app,
				operation: 'create',
				documentType: 'deal',
				name: 'Discount approval',
				binaryPropertyName: 'data',
				additionalFields: { autoExecute: 1 },
			},
			file,
			oauth,
		);
		expect(created.result.error).toBeUndefined();
		expect(created.json).toEqual([{ ID: expectedId }]);
		const stored = state().templates.get(expectedId)!;
		expect(stored).toMatchObject({
			MODULE_ID: 'crm',
			ENTITY: 'CCrmDocumentDeal',
			DOCUMENT_TYPE: 'DEAL',
			NAME: 'Discount approval',
			AUTO_EXECUTE: 1,
			clientId: portal.oauth.clientId,
		});
		expect(stored.data?.equals(file)).toBe(true);

		const file2 = Buffer.from('BPT template v2');
		const updated = await runWithTemplateFile(
			{
				...app,
				operation: 'update',
				templateId: String(expectedId),
				additionalFields: { name: 'Big discount approval', binaryPropertyName: 'data' },
			},
			file2,
			oauth,
		);
		expect(updated.json).toEqual([{ ID: expectedId, updated: true }]);
		expect(state().templates.get(expectedId)?.NAME).toBe('Big discount approval');
		expect(state().templates.get(expectedId)?.data?.equals(file2)).toBe(true);

		const nothing = await runNode(
			portal,
			{ ...app, operation: 'update', templateId: String(expectedId) },
			{ credential: oauth },
		);
		expect(nothing.result.error?.message).toContain('give at least one of');

		const deleted = await runNode(
			portal,
			{ ...app, operation: 'delete', templateId: String(expectedId) },
			{ credential: oauth },
		);
		expect(deleted.json).toEqual([{ ID: expectedId, deleted: true }]);
		expect(state().templates.has(expectedId)).toBe(false);

		// a template the application did not add stays
		const foreign = await runNode(
			portal,
			{ ...app, operation: 'delete', templateId: '1' },
			{ credential: oauth },
		);
		expect(foreign.result.error?.message).toContain('ERROR_TEMPLATE_NOT_FOUND');
		expect(state().templates.has(1)).toBe(true);
	});

	it("builds a list template's document type from the list ID, and needs an application", async () => {
		const noList = await runWithTemplateFile(
			{
				...app,
				operation: 'create',
				documentType: 'feedProcess',
				name: 'Requests',
				binaryPropertyName: 'data',
			},
			Buffer.from('x'),
			oauth,
		);
		expect(noList.result.error?.message).toContain('Smart Process, List or Storage ID');
		const created = await runWithTemplateFile(
			{
				...app,
				operation: 'create',
				documentType: 'feedProcess',
				name: 'Requests',
				binaryPropertyName: 'data',
				additionalFields: { containerId: '2' },
			},
			Buffer.from('x'),
			oauth,
		);
		const id = Number(created.json[0].ID);
		expect(state().templates.get(id)).toMatchObject({
			MODULE_ID: 'lists',
			ENTITY: 'BizprocDocument',
			DOCUMENT_TYPE: 'iblock_2',
		});

		const before = state().templates.size;
		const webhook = await runWithTemplateFile(
			{
				resource: 'bizprocTemplate',
				operation: 'create',
				documentType: 'deal',
				name: 'Nope',
				binaryPropertyName: 'data',
			},
			Buffer.from('x'),
			webhookCredential(portal),
		);
		expect(webhook.result.error?.message).toContain('Application context required');
		expect(state().templates.size).toBe(before);
	});
});
