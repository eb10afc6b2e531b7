/**
 * The Chat Bot Trigger's activation and deactivation: n8n runs a webhook's methods (checkExists /
 * create on activation, delete on deactivation only, not when n8n stops), here through n8n-core's
 * HookContext against the test portal over real HTTP. The polls between run through n8n-core's
 * PollContext with the same node and static data. My Account subscribes and unsubscribes
 * (im.v2.Event.subscribe / unsubscribe); the bot is registered on activation and stays.
 */
import { randomUUID } from 'node:crypto';

import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import { Bitrix24ChatBotTrigger } from '../nodes/Bitrix24ChatBotTrigger/Bitrix24ChatBotTrigger.node';
import type { StoredCredential } from './harness';
import { PollHarness } from './harness/poll-context';
import { TriggerHarness } from './harness/trigger-context';
import { registeredWebhookMethods } from './harness/webhook-methods';
import { oauthCredential, webhookCredential, withPortal } from './node/support';
import type { Portal } from './portal';
import { chatBotsState } from './portal/methods/chatbots';
import { isSubscribed, userEvents, userWritesInChat } from './portal/methods/im-v2-events';
import { botEvents, userWritesToBot } from './portal/methods/imbot-fetch';
import { CHAT_BOT_TYPE, GROUP, ME, summary, userNode } from './user-events-support';

const TOKEN = 'n8n-chat-bot-trigger-token';
const CODE = 'n8n_assistant';

let portal: Portal;
const harnesses: TriggerHarness[] = [];

beforeEach(async () => {
	portal = await withPortal({ demo: { deals: 1 } });
});

afterEach(async () => {
	for (const harness of harnesses.splice(0)) await harness.close();
	await portal.close();
});

function botNode(parameters: INodeParameters = {}): INode {
	return {
		id: randomUUID(),
		name: 'Bitrix24 Chat Bot Trigger',
		type: CHAT_BOT_TYPE,
		typeVersion: 1,
		position: [0, 0],
		webhookId: randomUUID(),
		parameters: {
			authentication: 'bitrix24WebhookApi',
			botCode: CODE,
			botName: 'Assistant',
			botToken: TOKEN,
			...parameters,
		},
		credentials: { bitrix24WebhookApi: { id: 'cred-webhook', name: 'Portal webhook' } },
	};
}

/** The node's webhook methods as n8n runs them for activation and deactivation. */
async function lifecycle(node: INode, credential: StoredCredential): Promise<TriggerHarness> {
	const harness = await TriggerHarness.start({
		node,
		credentials: [credential],
		nodeTypes: { [CHAT_BOT_TYPE]: new Bitrix24ChatBotTrigger() },
	});
	harnesses.push(harness);
	return harness;
}

/** My Account over the portal's incoming webhook (the webhook's user, ME). */
async function userLifecycle(parameters: INodeParameters = {}) {
	const credential = webhookCredential(portal);
	const node = userNode(parameters, credential);
	const hooks = await lifecycle(node, credential);
	const poll = () =>
		new PollHarness({ node, credentials: [credential], staticData: hooks.staticData });
	return { hooks, poll };
}

const requestsOf = (method: string) =>
	portal.restRequests().filter((r) => r.restMethod?.toLowerCase() === method.toLowerCase());

const recorded = () =>
	userEvents(portal.store, ME).map((e) => (e.data.message as IDataObject).text);

const registeredMethods = (node: INode, active: boolean) =>
	registeredWebhookMethods(new Bitrix24ChatBotTrigger(), node, active);

describe('Bitrix24 Chat Bot Trigger: activation and deactivation', () => {
	it('has a webhook only while the workflow is active, so the editor test polls at once', () => {
		for (const node of [botNode(), userNode({}, webhookCredential(portal))]) {
			// n8n builds the workflow of the editor's test as inactive
			expect(registeredMethods(node, false)).toEqual([]);
			expect(registeredMethods(node, true)).toEqual(['POST']);
		}
		expect(new Bitrix24ChatBotTrigger().description.webhooks![0].ndvHideUrl).toBe(true);
	});

	it('My Account: subscribes on activation and unsubscribes on deactivation; events recorded before stay readable and arrive at the next activation', async () => {
		const { hooks, poll } = await userLifecycle();
		await hooks.activate();
		// subscribed by the activation itself, before any poll
		expect(isSubscribed(portal.store, ME)).toBe(true);
		userWritesInChat(portal.store, 2, GROUP, 'before');

		expect(await hooks.deactivate()).toBe(true);
		expect(isSubscribed(portal.store, ME)).toBe(false);
		expect(requestsOf('im.v2.Event.unsubscribe')).toHaveLength(1);
		// nothing is recorded while the workflow is off; what was recorded stays
		userWritesInChat(portal.store, 2, GROUP, 'while off');
		expect(recorded()).toEqual(['before']);

		await hooks.activate();
		expect(isSubscribed(portal.store, ME)).toBe(true);
		userWritesInChat(portal.store, 3, GROUP, 'after');
		const first = poll();
		expect(summary(await first.poll())).toEqual([
			'ONIMV2MESSAGEADD before',
			'ONIMV2MESSAGEADD after',
		]);
		expect(await first.poll()).toBeNull();
	});

	it('My Account: keeps the subscription with Unsubscribe When Deactivated off', async () => {
		const { hooks } = await userLifecycle({ options: { unsubscribeOnDeactivation: false } });
		await hooks.activate();
		expect(await hooks.deactivate()).toBe(true);
		expect(isSubscribed(portal.store, ME)).toBe(true);
		expect(requestsOf('im.v2.Event.unsubscribe')).toHaveLength(0);
		userWritesInChat(portal.store, 2, GROUP, 'while off');
		expect(recorded()).toEqual(['while off']);
	});

	it('Chat Bot: activation registers the bot, which the polls use; deactivation leaves the bot and its queue alone', async () => {
		const credential = webhookCredential(portal);
		const node = botNode();
		const hooks = await lifecycle(node, credential);
		await hooks.activate();
		const bots = [...chatBotsState(portal.store).bots.values()];
		expect(bots).toHaveLength(1);
		expect(bots[0]).toMatchObject({ code: CODE, eventMode: 'fetch', token: TOKEN });
		expect(hooks.staticData).toEqual({
			'node:Bitrix24 Chat Bot Trigger': { bot: { code: CODE, botId: bots[0].id } },
		});
		userWritesToBot(portal.store, bots[0].id, 2, 'before');
		expect(requestsOf('imbot.v2.Bot.register')).toHaveLength(1);

		portal.resetRequests();
		expect(await hooks.deactivate()).toBe(true);
		// not a single call: the bot, its chats and its queue stay as they are
		expect(portal.restRequests()).toEqual([]);
		expect([...chatBotsState(portal.store).bots.keys()]).toEqual([bots[0].id]);
		userWritesToBot(portal.store, bots[0].id, 3, 'while off');
		expect(botEvents(portal.store, bots[0].id)).toHaveLength(2);

		await hooks.activate();
		const poll = new PollHarness({ node, credentials: [credential], staticData: hooks.staticData });
		expect(summary(await poll.poll())).toEqual([
			'ONIMBOTV2MESSAGEADD before',
			'ONIMBOTV2MESSAGEADD while off',
		]);
		// the second activation and the poll reuse the kept bot
		expect(requestsOf('imbot.v2.Bot.register')).toHaveLength(0);
		expect(chatBotsState(portal.store).bots.size).toBe(1);
	});

	it('Chat Bot: a bot that cannot be used stops the activation with the reason', async () => {
		const hooks = await lifecycle(botNode({ botToken: '' }), webhookCredential(portal));
		await expect(hooks.activate()).rejects.toThrow('Parameter "Bot Token" is empty');
		expect(chatBotsState(portal.store).bots.size).toBe(0);
	});

	it('My Account: a refused subscription stops the activation clearly; a refused unsubscribe is logged without secrets and does not stop the deactivation', async () => {
		const tokens = portal.oauth.issueTokens({ scope: 'imbot' });
		const credential = oauthCredential(portal, { ...tokens });
		const hooks = await lifecycle(userNode({}, credential), credential);
		await expect(hooks.activate()).rejects.toThrow(
			expect.objectContaining({
				description: expect.stringContaining(
					'Could not subscribe the connected user to their messenger events',
				),
			}),
		);
		expect(isSubscribed(portal.store, ME)).toBe(false);

		expect(await hooks.deactivate()).toBe(false);
		const logs = hooks.logs.join('\n');
		expect(logs).toContain('could not unsubscribe on deactivation');
		expect(logs).toContain('insufficient_scope');
		for (const secret of [tokens.access_token, tokens.refresh_token, portal.oauth.clientSecret])
			expect(logs).not.toContain(secret);
	});

	it('My Account: an unsubscribe refused with a secret in its text, or a lost connection, is a warning without the secret and does not stop the deactivation', async () => {
		const { hooks } = await userLifecycle();
		await hooks.activate();
		const secret = portal.webhook.code;
		portal.faults.inject({
			kind: 'error',
			method: 'im.v2.Event.unsubscribe',
			error: { status: 400, code: 'ERROR_CORE', description: `refused for ${portal.webhookUrl}` },
		});
		expect(await hooks.deactivate()).toBe(false);
		const refusal = hooks.logs.find((line) => line.includes('could not unsubscribe'));
		expect(refusal).toEqual(expect.stringContaining('ERROR_CORE refused for'));
		expect(hooks.logs.join('\n')).not.toContain(secret);

		portal.faults.inject({ kind: 'reset', method: 'im.v2.Event.unsubscribe' });
		expect(await hooks.deactivate()).toBe(false);
		expect(hooks.logs.filter((line) => line.includes('could not unsubscribe'))).toHaveLength(2);
		expect(hooks.logs[hooks.logs.length - 1]).toContain('The connection to the portal failed');
		expect(hooks.logs.join('\n')).not.toContain(secret);
		// still subscribed: neither call reached the portal's handler
		expect(isSubscribed(portal.store, ME)).toBe(true);
	});

	it('answers a call of its URL without starting the workflow', async () => {
		for (const node of [botNode(), userNode({}, webhookCredential(portal))]) {
			const hooks = await lifecycle(node, webhookCredential(portal));
			const answer = await hooks.post('{}', { contentType: 'application/json' });
			expect(answer.status).toBe(200);
			expect(JSON.parse(answer.body)).toEqual({
				received: false,
				reason: 'This trigger reads its events on a schedule',
			});
			expect(await hooks.idle()).toEqual([]);
		}
		expect(portal.restRequests()).toEqual([]);
	});
});
