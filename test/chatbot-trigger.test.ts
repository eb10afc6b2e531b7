/**
 * The Bitrix24 Chat Bot Trigger against the test portal's chat bots v2 (fetch mode), over real
 * HTTP: polls through n8n-core's PollContext, static data kept between polls as n8n keeps it, a
 * restart being a new context given the stored static data. Users writing to the bot are
 * simulated by the portal (test/portal/methods/imbot-fetch.ts); the answer goes through the
 * Bitrix24 node's Chat Bot Message > Send, and the portal's chat shows it.
 */
import { randomUUID } from 'node:crypto';

import type { IDataObject, INode, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { StoredCredential } from './harness';
import { PollHarness } from './harness/poll-context';
import { oauthCredential, runNode, webhookCredential, withPortal } from './node/support';
import type { Portal } from './portal';
import { chatBotsState } from './portal/methods/chatbots';
import {
	botEvents,
	userAddsBotToChat,
	userReacts,
	userWritesToBot,
} from './portal/methods/imbot-fetch';

const TYPE = 'n8n-nodes-bitrix24.bitrix24ChatBotTrigger';
const TOKEN = 'n8n-chat-bot-trigger-token';
const CODE = 'n8n_assistant';

let portal: Portal;

beforeEach(async () => {
	portal = await withPortal({ demo: { deals: 1 } });
});

afterEach(async () => await portal.close());

function botNode(parameters: INodeParameters, credential: StoredCredential): INode {
	return {
		id: randomUUID(),
		name: 'Bitrix24 Chat Bot Trigger',
		type: TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {
			authentication: credential.type,
			botCode: CODE,
			botName: 'Assistant',
			...(credential.type === 'bitrix24WebhookApi' ? { botToken: TOKEN } : {}),
			...parameters,
		},
		credentials: { [credential.type]: { id: credential.id, name: credential.name } },
	};
}

function harness(
	parameters: INodeParameters = {},
	opts: { staticData?: IDataObject; credential?: StoredCredential } = {},
): PollHarness {
	const credential = opts.credential ?? webhookCredential(portal);
	return new PollHarness({
		node: botNode(parameters, credential),
		credentials: [credential],
		staticData: opts.staticData,
	});
}

const bots = () => [...chatBotsState(portal.store).bots.values()];
const theBot = () => {
	const bot = bots().find((b) => b.code === CODE);
	if (!bot) throw new Error('the trigger registered no bot');
	return bot;
};

function items(result: INodeExecutionData[][] | null): IDataObject[] {
	return (result?.[0] ?? []).map((item) => item.json);
}

/** What each item says: event and text (or the dialog a join names). */
function summary(result: INodeExecutionData[][] | null): string[] {
	return items(result).map((item) =>
		[item.event, item.text ?? item.dialogId].filter((part) => part !== undefined).join(' '),
	);
}

async function webhook(method: string, params: IDataObject): Promise<unknown> {
	const response = await fetch(`${portal.webhookUrl}${method}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(params),
	});
	const body = (await response.json()) as IDataObject;
	if (!response.ok) throw new Error(`${method}: ${JSON.stringify(body)}`);
	return body.result;
}

describe('Bitrix24 Chat Bot Trigger', () => {
	it('registers the bot in fetch mode on activation, then a message round trip: the trigger emits it, Chat Bot Message > Send answers', async () => {
		const poll = harness();
		expect(await poll.poll()).toBeNull();
		const bot = theBot();
		expect(bot).toMatchObject({ eventMode: 'fetch', token: TOKEN, type: 'bot' });
		expect(bot.properties.name).toBe('Assistant');

		const question = userWritesToBot(portal.store, bot.id, 3, 'What is the status of order 12?');
		const result = await poll.poll();
		expect(summary(result)).toEqual(['ONIMBOTV2MESSAGEADD What is the status of order 12?']);
		const [item] = items(result);
		expect(item).toMatchObject({
			botId: bot.id,
			dialogId: '3',
			messageId: question.id,
			chatId: question.chatId,
			userId: 3,
			eventId: expect.any(Number),
			user: expect.objectContaining({ id: 3 }),
		});

		const answer = await runNode(
			portal,
			{
				resource: 'chatBotMessage',
				operation: 'send',
				botId: '={{ $json.botId }}',
				dialogId: '={{ $json.dialogId }}',
				message: '={{ "You asked: " + $json.text }}',
				additionalFields: { botToken: TOKEN },
			},
			{ items: [item] },
		);
		expect(answer.result.error).toBeUndefined();
		const sent = chatBotsState(portal.store).messages.get(Number(answer.json[0].id));
		expect(sent).toMatchObject({
			chatId: question.chatId,
			authorId: bot.id,
			text: 'You asked: What is the status of order 12?',
		});
		// the bot's own message is no event of its queue
		expect(await poll.poll()).toBeNull();
	});

	it('emits every event exactly once, confirming it only at the next poll, across a restart and while n8n is down', async () => {
		const first = harness();
		expect(await first.poll()).toBeNull();
		const botId = theBot().id;
		userWritesToBot(portal.store, botId, 2, 'one');
		expect(summary(await first.poll())).toEqual(['ONIMBOTV2MESSAGEADD one']);
		// still queued: confirmed by the next poll's offset, not before
		expect(botEvents(portal.store, botId).map((e) => e.type)).toEqual(['ONIMBOTV2MESSAGEADD']);
		userWritesToBot(portal.store, botId, 3, 'two');
		userWritesToBot(portal.store, botId, 2, 'three');
		expect(summary(await first.poll())).toEqual([
			'ONIMBOTV2MESSAGEADD two',
			'ONIMBOTV2MESSAGEADD three',
		]);
		expect(botEvents(portal.store, botId)).toHaveLength(2);
		expect(await first.poll()).toBeNull();
		expect(botEvents(portal.store, botId)).toHaveLength(0);

		// n8n is down: users keep writing
		userWritesToBot(portal.store, botId, 4, 'four');
		const second = harness({}, { staticData: first.staticData });
		expect(summary(await second.poll())).toEqual(['ONIMBOTV2MESSAGEADD four']);
		expect(await second.poll()).toBeNull();
		// the bot was registered once
		expect(bots()).toHaveLength(1);
		const texts = [...first.emitted, ...second.emitted].flatMap((run) =>
			items(run).map((item) => item.text),
		);
		expect(texts).toEqual(['one', 'two', 'three', 'four']);
	});

	it('emits commands, joins and reactions with what an answer needs, and confirms unselected events without emitting them', async () => {
		const poll = harness({
			events: ['ONIMBOTV2COMMANDADD', 'ONIMBOTV2JOINCHAT', 'ONIMBOTV2REACTIONCHANGE'],
		});
		expect(await poll.poll()).toBeNull();
		const botId = theBot().id;
		await webhook('imbot.v2.Command.register', {
			botId,
			botToken: TOKEN,
			fields: { command: 'help', title: { en: 'Help' } },
		});
		userWritesToBot(portal.store, botId, 2, 'not selected');
		userWritesToBot(portal.store, botId, 2, '/help billing');
		const chat = userAddsBotToChat(portal.store, botId, 3, 'Sales team');
		const sent = (await webhook('imbot.v2.Chat.Message.send', {
			botId,
			botToken: TOKEN,
			dialogId: '2',
			fields: { message: 'Glad to help' },
		})) as IDataObject;
		userReacts(portal.store, botId, 2, Number(sent.id), 'like');

		const result = await poll.poll();
		expect(summary(result)).toEqual([
			'ONIMBOTV2COMMANDADD /help billing',
			`ONIMBOTV2JOINCHAT chat${chat.id}`,
			'ONIMBOTV2REACTIONCHANGE Glad to help',
		]);
		const [command, join, reaction] = items(result);
		expect(command).toMatchObject({
			dialogId: '2',
			command: { command: '/help', params: 'billing', context: 'textarea' },
		});
		expect(join).toMatchObject({ dialogId: `chat${chat.id}`, chatId: chat.id, userId: 3 });
		expect(reaction).toMatchObject({ reaction: 'like', action: 'add', messageId: Number(sent.id) });
		expect(await poll.poll()).toBeNull();
		expect(botEvents(portal.store, botId)).toHaveLength(0);
	});

	it('works through pages of events it does not watch within one poll', async () => {
		const poll = harness({ events: ['ONIMBOTV2JOINCHAT'], options: { batchSize: 2 } });
		expect(await poll.poll()).toBeNull();
		const botId = theBot().id;
		for (const text of ['a', 'b', 'c', 'd', 'e']) userWritesToBot(portal.store, botId, 2, text);
		const chat = userAddsBotToChat(portal.store, botId, 4, 'Late join');
		expect(summary(await poll.poll())).toEqual([`ONIMBOTV2JOINCHAT chat${chat.id}`]);
		// the pages before were confirmed on the way; the last one waits for the next poll
		expect(botEvents(portal.store, botId).map((e) => e.type)).toEqual([
			'ONIMBOTV2MESSAGEADD',
			'ONIMBOTV2JOINCHAT',
		]);
		expect(await poll.poll()).toBeNull();
		expect(botEvents(portal.store, botId)).toHaveLength(0);
	});

	it('works with OAuth2 (the bot is the application’s, no token), and registers the bot again when it was removed', async () => {
		const credential = oauthCredential(portal, {
			...portal.oauth.issueTokens({ scope: 'imbot,user' }),
		});
		const poll = harness({}, { credential });
		expect(await poll.poll()).toBeNull();
		const first = theBot();
		expect(first).toMatchObject({ clientId: portal.oauth.clientId, token: undefined });
		userWritesToBot(portal.store, first.id, 2, 'over OAuth2');
		expect(summary(await poll.poll())).toEqual(['ONIMBOTV2MESSAGEADD over OAuth2']);
		const sent = portal
			.restRequests()
			.filter((r) => r.restMethod?.toLowerCase() === 'imbot.v2.event.get');
		expect(sent.every((r) => !('botToken' in (r.body as IDataObject)))).toBe(true);

		chatBotsState(portal.store).bots.delete(first.id);
		expect(await poll.poll()).toBeNull();
		const again = theBot();
		expect(again.id).not.toBe(first.id);
		userWritesToBot(portal.store, again.id, 2, 'to the new bot');
		expect(summary(await poll.poll())).toEqual(['ONIMBOTV2MESSAGEADD to the new bot']);
	});

	it("the editor's test shows queued messages without confirming them", async () => {
		const poll = harness();
		expect(await poll.poll('manual')).toBeNull();
		const botId = theBot().id;
		userWritesToBot(portal.store, botId, 2, 'testing');
		expect(summary(await poll.poll('manual'))).toEqual(['ONIMBOTV2MESSAGEADD testing']);
		expect(poll.staticData).toEqual({});
		expect(botEvents(portal.store, botId)).toHaveLength(1);
		expect(summary(await poll.poll())).toEqual(['ONIMBOTV2MESSAGEADD testing']);
	});

	it('refuses a bot that gets its events by webhook, and names the parameter of a bad setting', async () => {
		await webhook('imbot.v2.Bot.register', {
			fields: {
				code: CODE,
				botToken: TOKEN,
				eventMode: 'webhook',
				webhookUrl: 'https://example.invalid/bot',
				properties: { name: 'Pushed' },
			},
		});
		await expect(harness().poll()).rejects.toThrow(/gets its events by webhook, not by fetching/);
		await expect(harness({ botToken: '' }).poll()).rejects.toThrow('Parameter "Bot Token"');
		await expect(harness({ botToken: 'x'.repeat(41) }).poll()).rejects.toThrow(
			'Parameter "Bot Token" is longer than 40 characters',
		);
		await expect(harness({ botCode: ' ' }).poll()).rejects.toThrow('Parameter "Bot Code"');
		await expect(harness({ events: [] }).poll()).rejects.toThrow('Parameter "Events"');
	});
});

describe('Test portal: imbot.v2.Event.get', () => {
	it('confirms by offset, pages by limit and keeps the queue to its owner', async () => {
		const registered = (await webhook('imbot.v2.Bot.register', {
			fields: { code: 'portal_bot', botToken: TOKEN, properties: { name: 'Portal' } },
		})) as IDataObject;
		const botId = Number((registered.bot as IDataObject).id);
		for (const text of ['a', 'b', 'c']) userWritesToBot(portal.store, botId, 2, text);
		const get = async (params: IDataObject) =>
			(await webhook('imbot.v2.Event.get', { botId, botToken: TOKEN, ...params })) as IDataObject;
		const page = await get({ limit: 2 });
		const ids = (page.events as IDataObject[]).map((e) => Number(e.eventId));
		expect(ids).toHaveLength(2);
		expect(page).toMatchObject({ nextOffset: ids[1] + 1, hasMore: true });
		expect(((page.events as IDataObject[])[0].data as IDataObject).bot).toMatchObject({
			id: botId,
			eventMode: 'fetch',
		});
		// without offset nothing is confirmed
		expect(((await get({ limit: 2 })).events as IDataObject[]).map((e) => e.eventId)).toEqual(ids);
		const rest = await get({ offset: page.nextOffset });
		expect((rest.events as IDataObject[]).map((e) => (e.data as IDataObject).message)).toEqual([
			expect.objectContaining({ text: 'c' }),
		]);
		expect(rest.hasMore).toBe(false);
		const done = await get({ offset: rest.nextOffset });
		expect(done).toMatchObject({ events: [], nextOffset: rest.nextOffset, hasMore: false });

		const other = await fetch(`${portal.webhookUrl}imbot.v2.Event.get`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ botId, botToken: 'someone-else' }),
		});
		expect(other.status).toBe(403);
		expect(((await other.json()) as IDataObject).error).toBe('BOT_OWNERSHIP_ERROR');
	});
});
