/**
 * The Bitrix24 Trigger against the test portal, over real HTTP on loopback: subscription through
 * n8n-core's HookContext, deliveries from the portal into a stand-in for n8n's webhook endpoint
 * that parses bodies as n8n does and runs webhook() through n8n-core's WebhookContext.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { parsePhpForm, splitFormKey } from '../nodes/shared/events';
import type { StoredCredential } from './harness';
import { startBitrix24Trigger } from './harness/bitrix24-trigger';
import { webhookCredential } from './node/support';
import { TriggerHarness } from './harness/trigger-context';
import type { Portal } from './portal';
import { startPortal } from './portal';
import { buildPhpQuery } from './portal/php-query';
import { SMART_PROCESS } from './portal/seed';

let portal: Portal;
const harnesses: TriggerHarness[] = [];

beforeAll(async () => {
	portal = await startPortal({ bucket: false, operatingLimit: false, demo: { deals: 5 } });
});

afterAll(async () => {
	await Promise.all(harnesses.map(async (harness) => await harness.close()));
	await portal.close();
});

beforeEach(() => portal.resetRequests());

function oauthCredential(): StoredCredential {
	return {
		id: 'cred-oauth',
		name: 'Portal OAuth2',
		type: 'bitrix24OAuth2Api',
		data: {
			portalUrl: portal.url,
			clientId: portal.oauth.clientId,
			clientSecret: portal.oauth.clientSecret,
			accessTokenUrl: portal.oauth.tokenUrl,
			oauthTokenData: { ...portal.oauth.issueTokens() },
		},
	};
}

async function trigger(
	parameters: INodeParameters,
	credential: StoredCredential,
): Promise<TriggerHarness> {
	const harness = await startBitrix24Trigger(parameters, credential);
	harnesses.push(harness);
	return harness;
}

/** A call to the portal's REST API as another system (or a user) would make it. */
async function rest(method: string, params: IDataObject): Promise<unknown> {
	const response = await fetch(`${portal.webhookUrl}${method}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(params),
	});
	const body = (await response.json()) as IDataObject;
	if (!response.ok) throw new Error(`${method}: ${JSON.stringify(body)}`);
	return body.result;
}

function handlerBindings(harness: TriggerHarness) {
	return portal.events.bindings.filter((binding) => binding.handler === harness.webhookUrl());
}

/** A delivery body in the portal's own encoding (PHP brackets, strings only). */
function deliveryBody(event: string, data: IDataObject, auth: IDataObject): string {
	return buildPhpQuery({ event, event_handler_id: '1', data, ts: '1735374081', auth });
}

function portalAuth(applicationToken: string, memberId?: string): IDataObject {
	const tokens = portal.oauth.issueTokens();
	return {
		access_token: tokens.access_token,
		refresh_token: tokens.refresh_token,
		domain: tokens.domain,
		client_endpoint: tokens.client_endpoint,
		member_id: memberId ?? tokens.member_id,
		application_token: applicationToken,
	};
}

describe('PHP form bodies', () => {
	it('splits bracket keys as PHP does', () => {
		expect(splitFormKey('data[FIELDS][ID]')).toEqual(['data', 'FIELDS', 'ID']);
		expect(splitFormKey('select[]')).toEqual(['select', '']);
		expect(splitFormKey('event')).toEqual(['event']);
		expect(splitFormKey('a[b]tail[c]')).toEqual(['a', 'b']);
	});

	it('rebuilds the nesting from flat keys, lists included, and drops prototype keys', () => {
		const body = {
			event: 'ONCRMDEALUPDATE',
			'data[FIELDS][ID]': '7',
			'data[FIELDS][PHONE][0][VALUE]': '+1',
			'data[FIELDS][PHONE][1][VALUE]': '+2',
			'tags[]': ['x', 'y'],
			dup: ['first', 'last'],
			'__proto__[polluted]': 'yes',
			'data[constructor][prototype][polluted]': 'yes',
		};
		const parsed = parsePhpForm(body);
		expect(parsed).toEqual({
			event: 'ONCRMDEALUPDATE',
			data: { FIELDS: { ID: '7', PHONE: [{ VALUE: '+1' }, { VALUE: '+2' }] } },
			tags: ['x', 'y'],
			dup: 'last',
		});
		expect(({} as IDataObject).polluted).toBeUndefined();
	});
});

describe('OAuth2 credential: subscription', () => {
	it('binds each selected event to the node URL in one batch, reports it as existing, and unbinds on deactivation', async () => {
		const harness = await trigger(
			{ events: ['ONCRMDEALADD', 'ONCRMLEADUPDATE'], customEvents: 'onCrmDynamicItemAdd' },
			oauthCredential(),
		);
		expect(await harness.hook('checkExists')).toBe(false);

		await harness.hook('create');

		const bound = handlerBindings(harness);
		expect(bound.map((binding) => binding.event).sort()).toEqual([
			'ONCRMDEALADD',
			'ONCRMDYNAMICITEMADD',
			'ONCRMLEADUPDATE',
		]);
		expect(
			bound.every((binding) => binding.clientId === portal.oauth.clientId && !binding.outgoing),
		).toBe(true);
		const batches = portal.restRequests().filter((request) => request.restMethod === 'batch');
		expect(batches).toHaveLength(1);
		expect(batches[0].batchCommands?.every((command) => command.startsWith('event.bind'))).toBe(
			true,
		);
		expect(batches[0].batchCommands).toHaveLength(3);

		expect(await harness.hook('checkExists')).toBe(true);
		// binding again (n8n restarting with a binding lost elsewhere) treats the existing ones as made
		await expect(harness.hook('create')).resolves.toBe(true);
		expect(handlerBindings(harness)).toHaveLength(3);

		expect(await harness.deactivate()).toBe(true);
		expect(handlerBindings(harness)).toHaveLength(0);
		expect(await harness.hook('checkExists')).toBe(false);
	});

	it('deactivation also removes bindings of events deselected since activation', async () => {
		const harness = await trigger(
			{ events: ['ONCRMCONTACTADD', 'ONCRMCOMPANYADD'] },
			oauthCredential(),
		);
		await harness.activate();
		expect(handlerBindings(harness)).toHaveLength(2);
		harness.updateParameters({ events: ['ONCRMCONTACTADD'] });
		await harness.deactivate();
		expect(handlerBindings(harness)).toHaveLength(0);
	});

	it("listening for a test event binds the editor's test URL, apart from the production one", async () => {
		const harness = await trigger({ events: ['ONCRMDEALADD'] }, oauthCredential());
		await harness.activate();
		expect(await harness.hook('checkExists', { test: true })).toBe(false);
		await harness.hook('create', { test: true });
		const testBindings = portal.events.bindings.filter(
			(binding) => binding.handler === harness.webhookUrl(true),
		);
		expect(testBindings.map((binding) => binding.event)).toEqual(['ONCRMDEALADD']);
		expect(harness.webhookUrl(true)).toContain('/webhook-test/');
		await harness.hook('delete', { test: true });
		expect(
			portal.events.bindings.filter((binding) => binding.handler === harness.webhookUrl(true)),
		).toHaveLength(0);
		expect(handlerBindings(harness)).toHaveLength(1);
		await harness.deactivate();
	});

	it('fails activation naming an event the portal does not know, and leaves no binding behind', async () => {
		const harness = await trigger(
			{ events: ['ONCRMDEALADD'], customEvents: 'ONNOSUCHEVENT' },
			oauthCredential(),
		);
		await expect(harness.activate()).rejects.toMatchObject({
			description: expect.stringContaining('ONNOSUCHEVENT'),
		});
		expect(handlerBindings(harness)).toHaveLength(0);
	});

	it('refuses to activate without any event', async () => {
		const harness = await trigger({ events: [] }, oauthCredential());
		await expect(harness.activate()).rejects.toThrow('No event selected');
		expect(portal.restRequests()).toHaveLength(0);
	});
});

describe('OAuth2 credential: deliveries', () => {
	let harness: TriggerHarness;

	beforeAll(async () => {
		harness = await trigger({ events: ['ONCRMDEALADD', 'ONCRMDEALDELETE'] }, oauthCredential());
		await harness.activate();
	});

	it('a deal created at the portal starts the workflow with the nested event data and no tokens', async () => {
		const dealId = (await rest('crm.deal.add', { fields: { TITLE: 'Trigger deal' } })) as number;
		await portal.events.flush();

		const outputs = await harness.outputs();
		expect(outputs).toHaveLength(1);
		expect(outputs[0]).toHaveLength(1);
		const binding = handlerBindings(harness).find((entry) => entry.event === 'ONCRMDEALADD');
		expect(outputs[0][0].json).toEqual({
			event: 'ONCRMDEALADD',
			eventHandlerId: String(binding?.id),
			data: { FIELDS: { ID: String(dealId) } },
			ts: expect.stringMatching(/^\d+$/),
			portal: {
				domain: new URL(portal.url).host,
				memberId: portal.oauth.issueTokens().member_id,
				clientEndpoint: `${portal.url}/rest/`,
			},
		});
		const delivered = portal.events.delivered.filter((entry) => entry.url === harness.webhookUrl());
		expect(delivered.map((entry) => entry.status)).toEqual([200]);
		// the delivery carried tokens; none reaches the output, the logs or the stored state
		expect(delivered[0].body).toContain('auth%5Baccess_token%5D');
		const visible = JSON.stringify({ outputs, logs: harness.logs, staticData: harness.staticData });
		expect(visible).not.toContain(portal.oauth.applicationToken);
		expect(visible).not.toMatch(/access_token|refresh_token|application_token/);
		// no Application Token set: the first call was confirmed by the credential's portal (app.info
		// with the access token it carried), and its token's fingerprint is kept for the next calls
		expect(
			portal
				.restRequests()
				.filter((request) => request.restMethod === 'app.info')
				.map((request) => request.status),
		).toEqual([200]);
		expect(Object.values(harness.staticData)[0]).toEqual({
			applicationTokenSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
		});
	});

	it('a call with another application token gets 401 and starts nothing', async () => {
		const before = harness.calls.length;
		const answer = await harness.post(
			deliveryBody(
				'ONCRMDEALADD',
				{ FIELDS: { ID: '3' } },
				portalAuth('0123456789abcdef0123456789abcdef'),
			),
		);
		expect(answer.status).toBe(401);
		expect(harness.calls).toHaveLength(before + 1);
		expect(harness.calls[before].result).toEqual({ noWebhookResponse: true });
		expect(harness.calls[before].run).toBeUndefined();
	});

	it('a call without any application token gets 401', async () => {
		const auth = portalAuth('');
		delete auth.application_token;
		const answer = await harness.post(deliveryBody('ONCRMDEALADD', { FIELDS: { ID: '3' } }, auth));
		expect(answer.status).toBe(401);
		expect(harness.calls.at(-1)?.run).toBeUndefined();
	});

	it('a verified event that is not selected is answered 200 and starts nothing', async () => {
		const answer = await harness.post(
			deliveryBody(
				'ONCRMLEADADD',
				{ FIELDS: { ID: '3' } },
				portalAuth(portal.oauth.applicationToken),
			),
		);
		expect(answer.status).toBe(200);
		expect(harness.calls.at(-1)?.result?.workflowData).toBeUndefined();
		expect(harness.calls.at(-1)?.run).toBeUndefined();
	});

	it('a deleted deal arrives as ONCRMDEALDELETE', async () => {
		const before = (await harness.outputs()).length;
		await rest('crm.deal.delete', { id: 2 });
		await portal.events.flush();
		const outputs = await harness.outputs();
		expect(outputs).toHaveLength(before + 1);
		expect(outputs.at(-1)?.[0].json).toMatchObject({
			event: 'ONCRMDEALDELETE',
			data: { FIELDS: { ID: '2' } },
		});
		expect(outputs.at(-1)?.[0].json.record).toBeUndefined();
	});
});

describe('OAuth2 credential: the first call without an Application Token', () => {
	it('does not trust a first call from another portal', async () => {
		const harness = await trigger({ events: ['ONCRMDEALADD'] }, oauthCredential());
		await harness.activate();
		const forged = await harness.post(
			deliveryBody(
				'ONCRMDEALADD',
				{ FIELDS: { ID: '1' } },
				portalAuth('ffffffffffffffffffffffffffffffff', 'another-member'),
			),
		);
		expect(forged.status).toBe(401);
		expect(JSON.stringify(harness.staticData)).not.toContain('applicationTokenSha256');

		// the real portal's call is then confirmed and trusted, and the forged token stays refused
		await rest('crm.deal.add', { fields: { TITLE: 'After a forged call' } });
		await portal.events.flush();
		expect(await harness.outputs()).toHaveLength(1);
		const again = await harness.post(
			deliveryBody(
				'ONCRMDEALADD',
				{ FIELDS: { ID: '1' } },
				portalAuth('ffffffffffffffffffffffffffffffff'),
			),
		);
		expect(again.status).toBe(401);
		expect(await harness.outputs()).toHaveLength(1);
	});

	it('ignores a token typed for the webhook credential once OAuth2 is chosen', async () => {
		const harness = await trigger(
			{ events: ['ONCRMDEALADD'], applicationToken: 'typed-while-webhook-was-chosen' },
			oauthCredential(),
		);
		await harness.activate();
		await rest('crm.deal.add', { fields: { TITLE: 'Accepted once the portal confirms it' } });
		await portal.events.flush();
		const delivered = portal.events.delivered.filter((entry) => entry.url === harness.webhookUrl());
		expect(delivered.map((entry) => entry.status)).toEqual([200]);
		expect(await harness.outputs()).toHaveLength(1);
	});

	it('uses the Application Token parameter when set, from the first call on', async () => {
		const harness = await trigger(
			{ events: ['ONCRMDEALADD'], oauthApplicationToken: 'a-token-that-the-portal-does-not-send' },
			oauthCredential(),
		);
		await harness.activate();
		await rest('crm.deal.add', { fields: { TITLE: 'Refused by the configured token' } });
		await portal.events.flush();
		const delivered = portal.events.delivered.filter((entry) => entry.url === harness.webhookUrl());
		expect(delivered.map((entry) => entry.status)).toEqual([401]);
		expect(await harness.outputs()).toHaveLength(0);
	});
});

describe('webhook credential', () => {
	it('activation binds nothing; the outgoing webhook delivers and its token is enforced', async () => {
		const harness = await trigger({ events: ['ONCRMDEALADD'] }, webhookCredential(portal));
		const token = portal.events.addOutgoingWebhook(harness.webhookUrl(), ['ONCRMDEALADD']);

		// without the token the trigger cannot verify anything and refuses to activate
		await expect(harness.activate()).rejects.toThrow('Application Token is empty');

		harness.updateParameters({ applicationToken: token });
		portal.resetRequests();
		await harness.activate();
		expect(portal.restRequests()).toHaveLength(0);
		expect(handlerBindings(harness).map((binding) => binding.outgoing)).toEqual([true]);

		const dealId = (await rest('crm.deal.add', {
			fields: { TITLE: 'Outgoing webhook deal' },
		})) as number;
		await portal.events.flush();
		const outputs = await harness.outputs();
		expect(outputs).toHaveLength(1);
		expect(outputs[0][0].json).toMatchObject({
			event: 'ONCRMDEALADD',
			data: { FIELDS: { ID: String(dealId) } },
		});
		expect(JSON.stringify(outputs)).not.toContain(token);

		const forged = await harness.post(
			deliveryBody(
				'ONCRMDEALADD',
				{ FIELDS: { ID: String(dealId) } },
				{ application_token: `${token.slice(0, -1)}${token.endsWith('0') ? '1' : '0'}` },
			),
		);
		expect(forged.status).toBe(401);
		expect(await harness.outputs()).toHaveLength(1);
		expect(harness.logs.join('\n')).not.toContain(token);

		portal.resetRequests();
		expect(await harness.deactivate()).toBe(true);
		expect(portal.restRequests()).toHaveLength(0);
	});
});

describe('Fetch Full Record', () => {
	it('adds the created deal read back with crm.deal.get', async () => {
		const harness = await trigger(
			{ events: ['ONCRMDEALADD'], options: { fetchFullRecord: true } },
			oauthCredential(),
		);
		await harness.activate();
		const dealId = (await rest('crm.deal.add', {
			fields: { TITLE: 'Full record deal', OPPORTUNITY: 1234, CURRENCY_ID: 'EUR' },
		})) as number;
		await portal.events.flush();
		const [[item]] = await harness.outputs();
		expect(item.json.record).toMatchObject({
			ID: String(dealId),
			TITLE: 'Full record deal',
			OPPORTUNITY: '1234.00',
			CURRENCY_ID: 'EUR',
		});
		expect(item.json.recordError).toBeUndefined();
		const gets = portal.restRequests().filter((request) => request.restMethod === 'crm.deal.get');
		expect(gets).toHaveLength(1);
		expect(gets[0].auth).toBe('oauth');
	});

	it('adds a smart process item read back with crm.item.get', async () => {
		const harness = await trigger(
			{ events: ['ONCRMDYNAMICITEMADD'], options: { fetchFullRecord: true } },
			oauthCredential(),
		);
		await harness.activate();
		const created = (await rest('crm.item.add', {
			entityTypeId: SMART_PROCESS.entityTypeId,
			fields: { title: 'Smart item from the trigger test' },
		})) as { item: { id: number } };
		await portal.events.flush();
		const [[item]] = await harness.outputs();
		expect(item.json.data).toEqual({
			FIELDS: { ID: String(created.item.id), ENTITY_TYPE_ID: String(SMART_PROCESS.entityTypeId) },
		});
		expect(item.json.record).toMatchObject({
			id: created.item.id,
			title: 'Smart item from the trigger test',
		});
	});

	it('adds a created task read back with tasks.task.get; a deleted task has nothing to read', async () => {
		const harness = await trigger(
			{ events: ['ONTASKADD', 'ONTASKDELETE'], options: { fetchFullRecord: true } },
			oauthCredential(),
		);
		await harness.activate();
		const created = (await rest('tasks.task.add', {
			fields: { TITLE: 'Task from the trigger test', RESPONSIBLE_ID: 1 },
		})) as {
			task: { id: number | string };
		};
		await portal.events.flush();
		await rest('tasks.task.delete', { taskId: created.task.id });
		await portal.events.flush();
		const outputs = await harness.outputs();
		expect(outputs).toHaveLength(2);
		expect(outputs[0][0].json).toMatchObject({
			event: 'ONTASKADD',
			data: { FIELDS_AFTER: { ID: String(created.task.id) } },
			record: { id: String(created.task.id), title: 'Task from the trigger test' },
		});
		expect(outputs[1][0].json).toMatchObject({
			event: 'ONTASKDELETE',
			data: { FIELDS_BEFORE: { ID: String(created.task.id) } },
		});
		expect(outputs[1][0].json).not.toHaveProperty('record');
		const gets = portal.restRequests().filter((request) => request.restMethod === 'tasks.task.get');
		expect(gets).toHaveLength(1);
	});

	it('with a webhook credential reads through the incoming webhook, and reports a record that is gone', async () => {
		const harness = await trigger(
			{ events: ['ONCRMDEALUPDATE'], options: { fetchFullRecord: true } },
			webhookCredential(portal),
		);
		const token = portal.events.addOutgoingWebhook(harness.webhookUrl(), ['ONCRMDEALUPDATE']);
		harness.updateParameters({ applicationToken: token });
		await harness.activate();

		await rest('crm.deal.update', { id: 3, fields: { TITLE: 'Renamed for the trigger' } });
		await portal.events.flush();
		// an update of a deal that no longer exists: the event still starts the workflow
		const answer = await harness.post(
			deliveryBody('ONCRMDEALUPDATE', { FIELDS: { ID: '999999' } }, { application_token: token }),
		);
		expect(answer.status).toBe(200);

		const outputs = await harness.outputs();
		expect(outputs).toHaveLength(2);
		expect(outputs[0][0].json.record).toMatchObject({ ID: '3', TITLE: 'Renamed for the trigger' });
		expect(outputs[1][0].json).toMatchObject({
			record: null,
			recordError: expect.stringContaining('Not found'),
		});
		const gets = portal.restRequests().filter((request) => request.restMethod === 'crm.deal.get');
		expect(gets.map((request) => request.auth)).toEqual(['webhook', 'webhook']);
		expect(JSON.stringify(outputs)).not.toContain(portal.webhook.code);
	});
});
