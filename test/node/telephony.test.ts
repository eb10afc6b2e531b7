/**
 * Telephony (telephony.externalCall.*, telephony.externalLine.*) through real workflows against
 * the test portal. register, finish and the external lines work only with an application's OAuth
 * token: they run with the OAuth2 credential, and a webhook gets WRONG_AUTH_TYPE with a hint.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

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
import { bitrix24Node, chain, CredentialStore, runWorkflow } from '../harness';
import type { Portal } from '../portal';
import type { FmEntry } from '../portal/fields';
import { PHONE_INNER, telephonyState } from '../portal/methods/telephony';
import type { NodeRun } from './support';
import { oauthCredential, runNode, webhookCredential, withPortal } from './support';

/** Test-only source of one item with a binary field `data`, as a Read File node would give. */
class RecordSource implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Record Source',
		name: 'recordSource',
		group: ['input'],
		version: 1,
		description: 'Emits an item with binary data (test)',
		defaults: { name: 'Record' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'File', name: 'file', type: 'json', default: '{}' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const file = JSON.parse(this.getNodeParameter('file', 0) as string) as {
			name: string;
			base64: string;
		};
		return [
			[
				{
					json: {},
					binary: {
						data: { data: file.base64, mimeType: 'audio/mpeg', fileName: file.name } as IBinaryData,
					},
					pairedItem: { item: 0 },
				},
			],
		];
	}
}

const CONTACT = 3;
const COMPANY = 2;

describe('Telephony', () => {
	let portal: Portal;
	let oauth: StoredCredential;

	beforeEach(async () => {
		portal = await withPortal({ demo: { deals: 1 } });
		oauth = oauthCredential(portal, { ...portal.oauth.issueTokens() });
	});
	afterEach(async () => {
		await portal.close();
	});

	const state = () => telephonyState(portal.store);
	const calls = (method: string) =>
		portal.restRequests().filter((r) => r.restMethod === method.toLowerCase());
	const asApp = async (parameters: INodeParameters) =>
		await runNode(portal, parameters, { credential: oauth });
	const asWebhook = async (parameters: INodeParameters) =>
		await runNode(portal, parameters, { credential: webhookCredential(portal) });
	const errorText = (nodeRun: NodeRun) =>
		`${String(nodeRun.result.error?.message)} ${String((nodeRun.result.error as { description?: string } | undefined)?.description ?? '')}`;
	const phoneOf = (entityTypeId: number, id: number) =>
		(portal.store.get(entityTypeId, id)?.FM as FmEntry[]).find((e) => e.TYPE_ID === 'PHONE')!.VALUE;

	async function registerCall(extra: INodeParameters = {}): Promise<string> {
		const nodeRun = await asApp({
			resource: 'externalCall',
			operation: 'register',
			userId: 2,
			phoneNumber: phoneOf(3, CONTACT),
			callType: 2,
			additionalFields: extra,
		});
		expect(nodeRun.result.error).toBeUndefined();
		return String(nodeRun.json[0].CALL_ID);
	}

	async function finishCall(callId: string): Promise<void> {
		const nodeRun = await asApp({
			resource: 'externalCall',
			operation: 'finish',
			callId,
			userId: 2,
			additionalFields: { duration: 95 },
		});
		expect(nodeRun.result.error).toBeUndefined();
	}

	/** Record(binary) -> Bitrix24(parameters) with the given credential. */
	async function runWithRecord(
		parameters: INodeParameters,
		file: { name: string; content: Buffer },
		credential: StoredCredential,
	): Promise<NodeRun> {
		const source = {
			id: 'record',
			name: 'Record',
			type: 'test.recordSource',
			typeVersion: 1,
			position: [0, 0] as [number, number],
			parameters: {
				file: JSON.stringify({ name: file.name, base64: file.content.toString('base64') }),
			},
		};
		const node = bitrix24Node(parameters, {
			type: credential.type as 'bitrix24WebhookApi',
			id: credential.id,
		});
		const result = await runWorkflow({
			workflow: chain([source, node]),
			credentials: new CredentialStore([credential]),
			nodeTypes: { 'test.recordSource': new RecordSource() },
		});
		if (result.error) return { result, items: [], json: [] };
		const items = result.output(node.name);
		return { result, items, json: items.map((item) => item.json) };
	}

	describe('external call', () => {
		it('registers a call with OAuth2, linked to the contact with that phone number', async () => {
			const phone = phoneOf(3, CONTACT);
			const nodeRun = await asApp({
				resource: 'externalCall',
				operation: 'register',
				userId: 2,
				phoneNumber: phone,
				callType: 1,
				additionalFields: {
					lineNumber: '14151234567',
					externalCallId: 'pbx-1',
					show: false,
					addToChat: false,
				},
			});
			expect(nodeRun.result.error).toBeUndefined();
			const callId = String(nodeRun.json[0].CALL_ID);
			expect(callId).toMatch(/^externalCall\.[0-9a-f]{32}\.\d+$/);
			expect(nodeRun.json[0]).toMatchObject({
				CRM_ENTITY_TYPE: 'CONTACT',
				CRM_ENTITY_ID: CONTACT,
				CRM_CREATED_LEAD: null,
			});
			expect(state().calls.get(callId)).toMatchObject({
				USER_ID: 2,
				PHONE_NUMBER: phone,
				TYPE: 1,
				LINE_NUMBER: '14151234567',
				EXTERNAL_CALL_ID: 'pbx-1',
				ADD_TO_CHAT: false,
			});
			expect(state().calls.get(callId)?.shownTo.size).toBe(0);
			// the switches go as the integers the docs name
			expect(calls('telephony.externalCall.register')[0].body).toMatchObject({
				USER_ID: 2,
				TYPE: 1,
				SHOW: 0,
				ADD_TO_CHAT: 0,
			});
		});

		it('creates a lead for an unknown number when asked', async () => {
			const leadsBefore = portal.store.table(1)!.rows.size;
			const nodeRun = await asApp({
				resource: 'externalCall',
				operation: 'register',
				userId: 3,
				phoneNumber: '+1 (999) 000-1122',
				callType: 2,
				additionalFields: { crmCreate: true },
			});
			expect(nodeRun.result.error).toBeUndefined();
			const leadId = Number(nodeRun.json[0].CRM_CREATED_LEAD);
			expect(portal.store.table(1)!.rows.size).toBe(leadsBefore + 1);
			expect(((portal.store.get(1, leadId)?.FM as FmEntry[]) ?? []).map((e) => e.VALUE)).toEqual([
				'+1 (999) 000-1122',
			]);
			expect(calls('telephony.externalCall.register')[0].body).toMatchObject({ CRM_CREATE: 1 });
		});

		it('refuses register and finish with a webhook, saying to use OAuth2', async () => {
			const nodeRun = await asWebhook({
				resource: 'externalCall',
				operation: 'register',
				userId: 2,
				phoneNumber: '+15550001',
				callType: 2,
			});
			expect(errorText(nodeRun)).toContain('WRONG_AUTH_TYPE');
			expect(errorText(nodeRun)).toContain('works only with an application');
			expect(state().calls.size).toBe(0);

			const callId = await registerCall();
			const finish = await asWebhook({
				resource: 'externalCall',
				operation: 'finish',
				callId,
				userId: 2,
			});
			expect(errorText(finish)).toContain('WRONG_AUTH_TYPE');
			expect(state().statistics.size).toBe(0);
		});

		it('finishes a call into the statistics', async () => {
			const callId = await registerCall();
			const nodeRun = await asApp({
				resource: 'externalCall',
				operation: 'finish',
				callId,
				userId: 2,
				additionalFields: {
					duration: 42,
					cost: 1.5,
					costCurrency: 'USD',
					statusCode: '200',
					vote: 4,
					addToChat: false,
				},
			});
			expect(nodeRun.result.error).toBeUndefined();
			const statistic = state().statistics.get(callId);
			expect(statistic).toMatchObject({
				CALL_ID: callId,
				PORTAL_USER_ID: 2,
				CALL_DURATION: 42,
				COST: 1.5,
				COST_CURRENCY: 'USD',
				CALL_FAILED_CODE: '200',
				CALL_STATUS: 1,
				CALL_VOTE: 4,
				CRM_ENTITY_TYPE: 'CONTACT',
				CRM_ENTITY_ID: CONTACT,
			});
			expect(nodeRun.json[0]).toMatchObject({
				ID: statistic?.ID,
				CALL_ID: callId,
				CALL_DURATION: 42,
			});
			expect(state().calls.has(callId)).toBe(false);
			expect(calls('telephony.externalCall.finish')[0].body).toMatchObject({
				CALL_ID: callId,
				DURATION: 42,
				ADD_TO_CHAT: 0,
			});

			const unknown = await asApp({
				resource: 'externalCall',
				operation: 'finish',
				callId: 'externalCall.nope',
				userId: 2,
			});
			expect(errorText(unknown)).toContain('Call is not found');
		});

		it('attaches a record from a binary field as base64', async () => {
			const callId = await registerCall();
			await finishCall(callId);
			const content = Buffer.from([0x49, 0x44, 0x33, 4, 0, 0, 1, 2, 250, 251]);
			const nodeRun = await runWithRecord(
				{
					resource: 'externalCall',
					operation: 'attachRecord',
					callId,
					recordSource: 'binary',
					binaryPropertyName: 'data',
				},
				{ name: 'call-42.mp3', content },
				oauth,
			);
			expect(nodeRun.result.error).toBeUndefined();
			const record = [...state().records.values()][0];
			expect(nodeRun.json).toEqual([{ CALL_ID: callId, FILE_ID: record.FILE_ID }]);
			expect(record.FILENAME).toBe('call-42.mp3');
			expect(record.content.equals(content)).toBe(true);
			expect(state().statistics.get(callId)?.recordFileId).toBe(record.FILE_ID);
			expect(calls('telephony.externalCall.attachRecord')[0].body).toMatchObject({
				CALL_ID: callId,
				FILENAME: 'call-42.mp3',
				FILE_CONTENT: content.toString('base64'),
			});
		});

		it('refuses a record that is not .wav or .mp3 before calling', async () => {
			const callId = await registerCall();
			await finishCall(callId);
			const nodeRun = await runWithRecord(
				{ resource: 'externalCall', operation: 'attachRecord', callId },
				{ name: 'call.ogg', content: Buffer.from('x') },
				oauth,
			);
			expect(nodeRun.result.error?.message).toContain('"call.ogg" must end in .wav or .mp3');
			expect(calls('telephony.externalCall.attachRecord')).toHaveLength(0);
		});

		describe('from a URL', () => {
			let server: Server;
			const audio = Buffer.from('RIFF....WAVEfmt fake wave data');
			beforeEach(async () => {
				server = createServer((request, response) => {
					if (request.url === '/records/call-7.wav') {
						response.writeHead(200, { 'Content-Type': 'audio/wav' }).end(audio);
					} else response.writeHead(404).end();
				});
				await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
			});
			afterEach(async () => {
				await new Promise<void>((resolve) => server.close(() => resolve()));
			});

			it('lets Bitrix24 download the record from RECORD_URL', async () => {
				const callId = await registerCall();
				await finishCall(callId);
				const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/records/call-7.wav`;
				const nodeRun = await asApp({
					resource: 'externalCall',
					operation: 'attachRecord',
					callId,
					recordSource: 'url',
					recordUrl: url,
				});
				expect(nodeRun.result.error).toBeUndefined();
				const record = [...state().records.values()][0];
				expect(record).toMatchObject({ FILENAME: 'call-7.wav', sourceUrl: url });
				expect(record.content.equals(audio)).toBe(true);
				expect(calls('telephony.externalCall.attachRecord')[0].body).toMatchObject({
					CALL_ID: callId,
					RECORD_URL: url,
				});
				expect(calls('telephony.externalCall.attachRecord')[0].body).not.toHaveProperty(
					'FILE_CONTENT',
				);
			});
		});

		it('hides and shows the call card, also with a webhook', async () => {
			const callId = await registerCall();
			expect([...(state().calls.get(callId)?.shownTo ?? [])]).toEqual([2]);
			const hidden = await asWebhook({ resource: 'externalCall', operation: 'hide', callId });
			expect(hidden.json).toEqual([{ CALL_ID: callId, hidden: true }]);
			expect(state().calls.get(callId)?.shownTo.size).toBe(0);

			const shown = await asWebhook({
				resource: 'externalCall',
				operation: 'show',
				callId,
				additionalFields: { userId: 3 },
			});
			expect(shown.json).toEqual([{ CALL_ID: callId, shown: true }]);
			expect([...(state().calls.get(callId)?.shownTo ?? [])]).toEqual([3]);
			expect(calls('telephony.externalCall.show')[0].body).toMatchObject({
				CALL_ID: callId,
				USER_ID: 3,
			});

			const unknown = await asWebhook({
				resource: 'externalCall',
				operation: 'hide',
				callId: 'externalCall.unknown',
			});
			expect(unknown.json).toEqual([{ CALL_ID: 'externalCall.unknown', hidden: false }]);
		});

		it('finds the CRM records with a phone number, one item each', async () => {
			const company = portal.store.get(4, COMPANY)!;
			const nodeRun = await asWebhook({
				resource: 'externalCall',
				operation: 'searchCrmEntities',
				phoneNumber: phoneOf(4, COMPANY),
			});
			expect(nodeRun.result.error).toBeUndefined();
			const assigned = Number(company.ASSIGNED_BY_ID);
			expect(nodeRun.json).toEqual([
				{
					CRM_ENTITY_TYPE: 'COMPANY',
					CRM_ENTITY_ID: COMPANY,
					ASSIGNED_BY_ID: assigned,
					NAME: company.TITLE,
					ASSIGNED_BY: expect.objectContaining({
						ID: String(assigned),
						USER_PHONE_INNER: PHONE_INNER[assigned] ?? null,
					}),
				},
			]);
			const none = await asWebhook({
				resource: 'externalCall',
				operation: 'searchCrmEntities',
				phoneNumber: '+10000000000',
			});
			expect(none.result.error).toBeUndefined();
			expect(none.json).toEqual([]);
		});
	});

	describe('external line', () => {
		it('creates, lists, updates and deletes the application lines with OAuth2', async () => {
			const created = await asApp({
				resource: 'externalLine',
				operation: 'create',
				number: '14151234567',
				additionalFields: { name: 'Support', crmAutoCreate: false },
			});
			expect(created.result.error).toBeUndefined();
			const lines = () => state().lines.get(portal.oauth.clientId);
			const line = lines()?.get('14151234567');
			expect(line).toMatchObject({ NAME: 'Support', CRM_AUTO_CREATE: 'N' });
			expect(created.json).toEqual([{ ID: line?.ID }]);

			await asApp({ resource: 'externalLine', operation: 'create', number: '14157654321' });
			const all = await asApp({ resource: 'externalLine', operation: 'getAll', returnAll: true });
			expect(all.json).toEqual(
				[...lines()!.values()].map((l) => ({
					NUMBER: l.NUMBER,
					NAME: l.NAME,
					CRM_AUTO_CREATE: l.CRM_AUTO_CREATE,
				})),
			);
			const one = await asApp({
				resource: 'externalLine',
				operation: 'getAll',
				returnAll: false,
				limit: 1,
			});
			expect(one.json).toHaveLength(1);

			const updated = await asApp({
				resource: 'externalLine',
				operation: 'update',
				number: '14151234567',
				additionalFields: { name: 'Support line', crmAutoCreate: true },
			});
			expect(updated.json).toEqual([
				{ ID: String(line?.ID), NUMBER: '14151234567', updated: true },
			]);
			expect(lines()?.get('14151234567')).toMatchObject({
				NAME: 'Support line',
				CRM_AUTO_CREATE: 'Y',
			});

			const deleted = await asApp({
				resource: 'externalLine',
				operation: 'delete',
				number: '14157654321',
			});
			expect(deleted.json).toEqual([{ NUMBER: '14157654321', deleted: true }]);
			expect(lines()?.has('14157654321')).toBe(false);
		});

		it('refuses a webhook with WRONG_AUTH_TYPE', async () => {
			const nodeRun = await asWebhook({
				resource: 'externalLine',
				operation: 'create',
				number: '14150000000',
			});
			expect(errorText(nodeRun)).toContain('WRONG_AUTH_TYPE');
			expect(state().lines.size).toBe(0);
		});
	});
});
