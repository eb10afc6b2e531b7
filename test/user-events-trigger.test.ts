/**
 * The Bitrix24 Chat Bot Trigger listening as the connected user (Listen As: My Account) against the
 * test portal's im.v2.Event.* (test/portal/methods/im-v2-events.ts), over real HTTP: polls through
 * n8n-core's PollContext, static data kept between polls as n8n keeps it, a restart being a new
 * context given the stored static data. Other users' messages and likes are simulated by the
 * portal; the connected user's own go through the Bitrix24 node and the portal's REST methods.
 * Activation and deactivation: chatbot-trigger-lifecycle.test.ts; the portal's im.v2.Event.*
 * itself: user-events-trigger-portal.test.ts.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { StoredCredential } from './harness';
import { PollHarness } from './harness/poll-context';
import { oauthCredential, runNode, webhookCredential, withPortal } from './node/support';
import type { Portal } from './portal';
import { chatBotsState } from './portal/methods/chatbots';
import {
	isSubscribed,
	userEvents,
	userLikes,
	userWritesInChat,
} from './portal/methods/im-v2-events';
import { GROUP, items, ME, PRIVATE, summary, userNode, webhookRest } from './user-events-support';

let portal: Portal;
let webhook: ReturnType<typeof webhookRest>;

beforeEach(async () => {
	portal = await withPortal({ demo: { deals: 1 } });
	webhook = webhookRest(portal);
});

afterEach(async () => await portal.close());

function harness(
	parameters: INodeParameters = {},
	opts: { staticData?: IDataObject; credential?: StoredCredential } = {},
): PollHarness {
	const credential = opts.credential ?? webhookCredential(portal);
	return new PollHarness({
		node: userNode(parameters, credential),
		credentials: [credential],
		staticData: opts.staticData,
	});
}

/** How many REST requests called `method`, alone or in a batch. */
const called = (method: string) =>
	portal.restRequests().filter((r) => JSON.stringify([r.restMethod, r.body]).includes(method))
		.length;

describe('Bitrix24 Chat Bot Trigger, Listen As: My Account', () => {
	it('subscribes on the first poll; a message sent with Chat Message > Send and one from a colleague arrive as events', async () => {
		const poll = harness();
		expect(isSubscribed(portal.store, ME)).toBe(false);
		expect(await poll.poll()).toBeNull();
		expect(isSubscribed(portal.store, ME)).toBe(true);
		// no bot is involved
		expect(chatBotsState(portal.store).bots.size).toBe(0);

		const sent = await runNode(portal, {
			resource: 'message',
			operation: 'send',
			dialogId: `chat${GROUP}`,
			message: 'Sent from n8n',
		});
		expect(sent.result.error).toBeUndefined();
		const reply = userWritesInChat(portal.store, 2, PRIVATE, 'Can you call me?');

		const result = await poll.poll();
		expect(summary(result)).toEqual([
			'ONIMV2MESSAGEADD Sent from n8n',
			'ONIMV2MESSAGEADD Can you call me?',
		]);
		const [mine, theirs] = items(result);
		expect(mine).toMatchObject({
			dialogId: `chat${GROUP}`,
			chatId: GROUP,
			messageId: Number(sent.json[0].messageId),
			userId: ME,
			eventId: expect.any(Number),
			language: 'en',
			chat: expect.objectContaining({ id: GROUP, type: 'chat' }),
		});
		expect(mine.botId).toBeUndefined();
		// in a private dialog, the dialog ID is the other user's: what an answer needs
		expect(theirs).toMatchObject({
			dialogId: '2',
			chatId: PRIVATE,
			messageId: reply.id,
			userId: 2,
		});
		expect(await poll.poll()).toBeNull();
	});

	it('emits every event exactly once, confirming it only at the next poll, across a restart and while n8n is down', async () => {
		const first = harness();
		expect(await first.poll()).toBeNull();
		userWritesInChat(portal.store, 2, GROUP, 'one');
		expect(summary(await first.poll())).toEqual(['ONIMV2MESSAGEADD one']);
		// still queued: confirmed by the next poll's offset, not before
		expect(userEvents(portal.store, ME)).toHaveLength(1);
		userWritesInChat(portal.store, 3, GROUP, 'two');
		userWritesInChat(portal.store, 2, PRIVATE, 'three');
		expect(summary(await first.poll())).toEqual(['ONIMV2MESSAGEADD two', 'ONIMV2MESSAGEADD three']);
		expect(userEvents(portal.store, ME)).toHaveLength(2);

		// n8n stops before confirming them; colleagues keep writing
		userWritesInChat(portal.store, 3, GROUP, 'four');
		const second = harness({}, { staticData: first.staticData });
		expect(summary(await second.poll())).toEqual(['ONIMV2MESSAGEADD four']);
		expect(await second.poll()).toBeNull();
		expect(userEvents(portal.store, ME)).toHaveLength(0);
		const texts = [...first.emitted, ...second.emitted].flatMap((run) =>
			items(run).map((item) => item.text),
		);
		expect(texts).toEqual(['one', 'two', 'three', 'four']);
	});

	it('emits edits, reactions, deletions and new members with what a workflow needs, and confirms unselected events without emitting them', async () => {
		const poll = harness({
			userEvents: [
				'ONIMV2MESSAGEUPDATE',
				'ONIMV2REACTIONCHANGE',
				'ONIMV2MESSAGEDELETE',
				'ONIMV2JOINCHAT',
			],
		});
		expect(await poll.poll()).toBeNull();
		const id = Number(
			await webhook('im.message.add', { DIALOG_ID: `chat${GROUP}`, MESSAGE: 'v1' }),
		);
		await webhook('im.message.update', { MESSAGE_ID: id, MESSAGE: 'v2' });
		userLikes(portal.store, 2, id);
		await webhook('im.message.delete', { MESSAGE_ID: id });
		await webhook('im.chat.user.add', { CHAT_ID: GROUP, USERS: [4] });

		const result = await poll.poll();
		expect(summary(result)).toEqual([
			'ONIMV2MESSAGEUPDATE v2',
			'ONIMV2REACTIONCHANGE v2',
			'ONIMV2MESSAGEDELETE chat1',
			'ONIMV2JOINCHAT chat1',
		]);
		const [update, reaction, deleted, join] = items(result);
		expect(update).toMatchObject({ messageId: id, userId: ME });
		expect(reaction).toMatchObject({ reaction: 'like', action: 'add', messageId: id, userId: 2 });
		expect(deleted).toMatchObject({ messageId: id, chatId: GROUP, userId: ME });
		expect(join).toMatchObject({ dialogId: `chat${GROUP}`, chatId: GROUP, userId: 4 });
		expect(await poll.poll()).toBeNull();
		expect(userEvents(portal.store, ME)).toHaveLength(0);
	});

	it('works through pages of events it does not watch within one poll', async () => {
		const poll = harness({ userEvents: ['ONIMV2JOINCHAT'], options: { batchSize: 2 } });
		expect(await poll.poll()).toBeNull();
		for (const text of ['a', 'b', 'c', 'd', 'e']) userWritesInChat(portal.store, 2, GROUP, text);
		await webhook('im.chat.user.add', { CHAT_ID: GROUP, USERS: [5] });
		expect(summary(await poll.poll())).toEqual([`ONIMV2JOINCHAT chat${GROUP}`]);
		// the pages before were confirmed on the way; the last one waits for the next poll
		expect(userEvents(portal.store, ME).map((e) => e.type)).toEqual([
			'ONIMV2MESSAGEADD',
			'ONIMV2JOINCHAT',
		]);
		expect(await poll.poll()).toBeNull();
		expect(userEvents(portal.store, ME)).toHaveLength(0);
	});

	it('Ignore My Own Actions confirms what the connected user did without starting the workflow, asking user.current once', async () => {
		const poll = harness({
			userEvents: ['ONIMV2MESSAGEADD', 'ONIMV2REACTIONCHANGE'],
			options: { ignoreOwn: true },
		});
		expect(await poll.poll()).toBeNull();
		const own = Number(await webhook('im.message.add', { DIALOG_ID: '2', MESSAGE: 'my answer' }));
		expect(await poll.poll()).toBeNull();
		expect(userEvents(portal.store, ME)).toHaveLength(1);
		userLikes(portal.store, 2, own);
		await webhook('im.message.like', { MESSAGE_ID: own });
		userWritesInChat(portal.store, 2, PRIVATE, 'thanks');
		const result = await poll.poll();
		expect(summary(result)).toEqual(['ONIMV2REACTIONCHANGE my answer', 'ONIMV2MESSAGEADD thanks']);
		expect(items(result)[0]).toMatchObject({ userId: 2, action: 'add' });
		expect(called('user.current')).toBe(1);
	});

	it('works with OAuth2 (scope im), one request per poll', async () => {
		const credential = oauthCredential(portal, { ...portal.oauth.issueTokens({ scope: 'im' }) });
		const poll = harness({}, { credential });
		expect(await poll.poll()).toBeNull();
		userWritesInChat(portal.store, 3, GROUP, 'over OAuth2');
		portal.resetRequests();
		expect(summary(await poll.poll())).toEqual(['ONIMV2MESSAGEADD over OAuth2']);
		expect(portal.restRequests()).toHaveLength(1);
		expect(await poll.poll()).toBeNull();
		expect(userEvents(portal.store, ME)).toHaveLength(0);
	});

	it("the editor's test subscribes and shows the latest five events without confirming any", async () => {
		const poll = harness();
		expect(await poll.poll('manual')).toBeNull();
		expect(isSubscribed(portal.store, ME)).toBe(true);
		userWritesInChat(portal.store, 2, GROUP, 'm0');
		expect(summary(await poll.poll())).toEqual(['ONIMV2MESSAGEADD m0']);
		const kept = JSON.stringify(poll.staticData);
		for (const n of [1, 2, 3, 4, 5, 6, 7]) userWritesInChat(portal.store, 2, GROUP, `m${n}`);
		expect(summary(await poll.poll('manual'))).toEqual(
			['m3', 'm4', 'm5', 'm6', 'm7'].map((t) => `ONIMV2MESSAGEADD ${t}`),
		);
		// not even what the last poll emitted (m0) is confirmed by the editor's test
		expect(JSON.stringify(poll.staticData)).toBe(kept);
		expect(userEvents(portal.store, ME)).toHaveLength(8);
		expect(items(await poll.poll()).map((item) => item.text)).toEqual([
			'm1',
			'm2',
			'm3',
			'm4',
			'm5',
			'm6',
			'm7',
		]);
	});

	it('names the parameter of a bad setting, and needs no bot parameters', async () => {
		await expect(harness({ userEvents: [] }).poll()).rejects.toThrow('Parameter "Events" is empty');
		await expect(harness({ options: { batchSize: 0 } }).poll()).rejects.toThrow(
			'Parameter "Events per Poll" is 0: use 1 to 1000',
		);
		await expect(harness({ options: { batchSize: 1001 } }).poll()).rejects.toThrow(
			'Parameter "Events per Poll"',
		);
		// the bot's required parameters are not asked for in this mode
		expect(await harness({ botCode: '', botToken: '' }).poll()).toBeNull();
	});
});
