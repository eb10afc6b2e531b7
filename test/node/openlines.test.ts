import type { IDataObject } from 'n8n-workflow';

import type { Portal } from '../portal';
import { seed } from '../portal';
import { OL_SEED, openLinesState } from '../portal/methods/openlines';
import { oauthCredential, runNode, withPortal } from './support';

const state = (portal: Portal) => openLinesState(portal.store);
const bodies = (portal: Portal, method: string) =>
	portal
		.restRequests()
		.filter((r) => r.restMethod === method)
		.map((r) => asText(r.body) as IDataObject);
/** A request's parameters with every value as text: a batch command carries strings, a single call JSON. */
const asText = (value: unknown): unknown =>
	value && typeof value === 'object'
		? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asText(v)]))
		: String(value);
const [ANSWERED, WAITING, CLOSED] = OL_SEED.chats;
const session = (portal: Portal, chatId: number) =>
	state(portal).sessions.get(state(portal).chats.get(chatId)!.sessionId)!;

describe('Open lines', () => {
	let portal: Portal;
	beforeEach(async () => {
		portal = await withPortal({ demo: { deals: 5 } });
	});
	afterEach(async () => await portal.close());

	describe('operator', () => {
		it('answers a waiting dialog as the webhook user, for several items in one batch', async () => {
			const run = await runNode(
				portal,
				{ resource: 'openLineOperator', operation: 'answer', chatId: '={{ $json.chat }}' },
				{ items: [{ chat: WAITING.id }, { chat: ANSWERED.id }] },
			);
			expect(run.result.error).toBeUndefined();
			expect(portal.restRequests().map((r) => r.restMethod)).toEqual(['batch']);
			expect(run.json).toEqual([
				{ chatId: WAITING.id, success: true },
				{ chatId: ANSWERED.id, success: true },
			]);
			for (const chat of [WAITING, ANSWERED]) {
				expect(session(portal, chat.id)).toMatchObject({
					operatorId: portal.webhook.userId,
					status: 'answered',
				});
				expect(state(portal).chats.get(chat.id)!.members.has(chat.operatorId)).toBe(false);
			}
		});

		it('skips to the next operator of the queue, and fails on a closed dialog with the code', async () => {
			const queue = OL_SEED.configs.find((c) => c.ID === ANSWERED.configId)!.queue;
			const expected = queue[(queue.indexOf(ANSWERED.operatorId) + 1) % queue.length];
			const run = await runNode(portal, {
				resource: 'openLineOperator',
				operation: 'skip',
				chatId: String(ANSWERED.id),
			});
			expect(run.result.error).toBeUndefined();
			expect(session(portal, ANSWERED.id).operatorId).toBe(expected);
			const closed = await runNode(portal, {
				resource: 'openLineOperator',
				operation: 'skip',
				chatId: String(CLOSED.id),
			});
			expect(closed.result.error?.message).toMatch(/ACCESS_DENIED_KICK/);
		});

		it('transfers to a user or to the queue of another line through TRANSFER_ID', async () => {
			const toUser = await runNode(portal, {
				resource: 'openLineOperator',
				operation: 'transfer',
				chatId: String(ANSWERED.id),
				transferTo: '5',
			});
			expect(toUser.result.error).toBeUndefined();
			expect(bodies(portal, 'imopenlines.operator.transfer')[0]).toMatchObject({
				CHAT_ID: String(ANSWERED.id),
				TRANSFER_ID: '5',
			});
			expect(session(portal, ANSWERED.id).operatorId).toBe(5);
			const other = OL_SEED.configs.find((c) => c.ID !== WAITING.configId)!;
			const toQueue = await runNode(portal, {
				resource: 'openLineOperator',
				operation: 'transfer',
				chatId: String(WAITING.id),
				transferTo: ` Queue${other.ID}`,
			});
			expect(toQueue.result.error).toBeUndefined();
			expect(toQueue.json[0]).toMatchObject({
				chatId: WAITING.id,
				transferTo: `queue${other.ID}`,
				success: true,
			});
			expect(state(portal).chats.get(WAITING.id)!.configId).toBe(other.ID);
			expect(session(portal, WAITING.id).operatorId).toBe(other.queue[0]);
			const bad = await runNode(portal, {
				resource: 'openLineOperator',
				operation: 'transfer',
				chatId: String(WAITING.id),
				transferTo: 'line 2',
			});
			expect(bad.result.error?.message).toMatch(/Parameter "Transfer To" of item 0/);
		});

		it("finishes its own dialog, refuses another operator's, which Finish Another Operator's closes; marks spam", async () => {
			const own = await runNode(portal, {
				resource: 'openLineOperator',
				operation: 'finish',
				chatId: String(WAITING.id),
			});
			expect(own.result.error?.message).toMatch(/ACCESS_DENIED|sufficient rights/);
			expect(session(portal, WAITING.id).status).toBe('new');
			const another = await runNode(portal, {
				resource: 'openLineOperator',
				operation: 'finishAnother',
				chatId: String(WAITING.id),
			});
			expect(another.result.error).toBeUndefined();
			expect(session(portal, WAITING.id).status).toBe('closed');
			await runNode(portal, {
				resource: 'openLineOperator',
				operation: 'answer',
				chatId: String(ANSWERED.id),
			});
			const mine = await runNode(portal, {
				resource: 'openLineOperator',
				operation: 'finish',
				chatId: String(ANSWERED.id),
			});
			expect(mine.result.error).toBeUndefined();
			expect(session(portal, ANSWERED.id).status).toBe('closed');
			const spam = await runNode(portal, {
				resource: 'openLineOperator',
				operation: 'markSpam',
				chatId: String(CLOSED.id),
			});
			expect(spam.result.error).toBeUndefined();
			expect(session(portal, CLOSED.id).status).toBe('spam');
		});

		it('names the chat that is not an open line', async () => {
			const run = await runNode(portal, {
				resource: 'openLineOperator',
				operation: 'answer',
				chatId: '424242',
			});
			expect(run.result.error?.message).toMatch(/CHAT_TYPE/);
		});
	});

	describe('session', () => {
		it('starts a new session, joins and intercepts', async () => {
			const before = state(portal).next.session;
			const start = await runNode(portal, {
				resource: 'openLineSession',
				operation: 'start',
				chatId: String(CLOSED.id),
			});
			expect(start.result.error).toBeUndefined();
			expect(state(portal).chats.get(CLOSED.id)!.sessionId).toBe(before);
			expect(state(portal).sessions.get(CLOSED.sessionId)!.status).toBe('closed');
			const join = await runNode(portal, {
				resource: 'openLineSession',
				operation: 'join',
				chatId: String(WAITING.id),
			});
			expect(join.result.error).toBeUndefined();
			expect(state(portal).chats.get(WAITING.id)!.members.has(portal.webhook.userId)).toBe(true);
			const intercept = await runNode(portal, {
				resource: 'openLineSession',
				operation: 'intercept',
				chatId: String(ANSWERED.id),
			});
			expect(intercept.result.error).toBeUndefined();
			expect(session(portal, ANSWERED.id).operatorId).toBe(portal.webhook.userId);
		});

		it("gets the history of a session by its ID or the chat's last one, and needs one of them", async () => {
			const run = await runNode(portal, {
				resource: 'openLineSession',
				operation: 'getHistory',
				additionalFields: { chatId: ANSWERED.id },
			});
			expect(run.result.error).toBeUndefined();
			expect(bodies(portal, 'imopenlines.session.history.get')[0]).toEqual({
				CHAT_ID: String(ANSWERED.id),
			});
			const ids = [...state(portal).messages.values()]
				.filter((m) => m.sessionId === ANSWERED.sessionId)
				.map((m) => String(m.id));
			expect(run.json[0]).toMatchObject({ chatId: ANSWERED.id, sessionId: ANSWERED.sessionId });
			expect(Object.keys(run.json[0].message as IDataObject).sort()).toEqual(ids.sort());
			const bySession = await runNode(portal, {
				resource: 'openLineSession',
				operation: 'getHistory',
				additionalFields: { sessionId: CLOSED.sessionId },
			});
			expect(bySession.json[0]).toMatchObject({ chatId: CLOSED.id, sessionId: CLOSED.sessionId });
			const none = await runNode(portal, { resource: 'openLineSession', operation: 'getHistory' });
			expect(none.result.error?.message).toMatch(/Parameter "Session ID or Chat ID" of item 0/);
		});

		it('opens the chat of a client by user code, and starts a session from one of its messages', async () => {
			const chat = state(portal).chats.get(CLOSED.id)!;
			const code = `${chat.connector}|${chat.configId}|${chat.id - 1}|${chat.guestId}`;
			const open = await runNode(portal, {
				resource: 'openLineSession',
				operation: 'open',
				userCode: code,
			});
			expect(open.result.error).toBeUndefined();
			expect(open.json[0]).toEqual({ userCode: code, chatId: String(CLOSED.id) });
			const unknown = await runNode(portal, {
				resource: 'openLineSession',
				operation: 'open',
				userCode: 'livechat|9|9|9',
			});
			expect(unknown.result.error?.message).toMatch(/ACCESS_DENIED|sufficient permissions/);
			const message = [...state(portal).messages.values()].find((m) => m.chatId === CLOSED.id)!;
			const before = state(portal).next.session;
			const start = await runNode(portal, {
				resource: 'openLineSession',
				operation: 'startFromMessage',
				chatId: String(CLOSED.id),
				messageId: String(message.id),
			});
			expect(start.result.error).toBeUndefined();
			expect(start.json[0]).toEqual({ chatId: CLOSED.id, messageId: message.id, success: true });
			expect(chat.sessionId).toBe(before);
			expect(state(portal).messages.get(message.id)!.sessionId).toBe(before);
			const foreign = [...state(portal).messages.values()].find((m) => m.chatId === ANSWERED.id)!;
			const wrong = await runNode(portal, {
				resource: 'openLineSession',
				operation: 'startFromMessage',
				chatId: String(CLOSED.id),
				messageId: String(foreign.id),
			});
			expect(wrong.result.error?.message).toMatch(/ACCESS_DENIED|sufficient permissions/);
		});

		it('gets a dialog by its user code, the session id in entity_data_1', async () => {
			const chat = state(portal).chats.get(WAITING.id)!;
			const code = `${chat.connector}|${chat.configId}|${chat.id - 1}|${chat.guestId}`;
			const run = await runNode(portal, {
				resource: 'openLineSession',
				operation: 'getDialog',
				additionalFields: { userCode: code },
			});
			expect(run.result.error).toBeUndefined();
			expect(bodies(portal, 'imopenlines.dialog.get')[0]).toEqual({ USER_CODE: code });
			expect(run.json[0]).toMatchObject({
				id: WAITING.id,
				dialog_id: `chat${WAITING.id}`,
				type: 'lines',
			});
			expect(String(run.json[0].entity_data_1).split('|')[5]).toBe(String(WAITING.sessionId));
		});
	});

	describe('CRM chat', () => {
		const dealChats = OL_SEED.chats.filter((c) =>
			c.crm.some((b) => b.type === 'deal' && b.id === 5),
		);

		it('lists the active chats of a deal, or all with Active Only off', async () => {
			const active = await runNode(portal, {
				resource: 'openLineCrmChat',
				operation: 'getAll',
				entityType: 'deal',
				entityId: '5',
				returnAll: true,
			});
			expect(active.result.error).toBeUndefined();
			expect(active.json.map((j) => j.CHAT_ID)).toEqual(
				dealChats.filter((c) => c.status !== 'closed').map((c) => String(c.id)),
			);
			const all = await runNode(portal, {
				resource: 'openLineCrmChat',
				operation: 'getAll',
				entityType: 'deal',
				entityId: '5',
				returnAll: true,
				additionalFields: { activeOnly: false },
			});
			expect(bodies(portal, 'imopenlines.crm.chat.get')[1]).toMatchObject({
				CRM_ENTITY_TYPE: 'deal',
				CRM_ENTITY: '5',
				ACTIVE_ONLY: 'N',
			});
			expect(all.json.map((j) => j.CHAT_ID)).toEqual(dealChats.map((c) => String(c.id)));
		});

		it('gets the last chat of a deal, and fails for a record without chats', async () => {
			const run = await runNode(portal, {
				resource: 'openLineCrmChat',
				operation: 'getLastId',
				entityType: 'deal',
				entityId: '5',
			});
			expect(run.json[0]).toEqual({ chatId: Math.max(...dealChats.map((c) => c.id)) });
			const none = await runNode(portal, {
				resource: 'openLineCrmChat',
				operation: 'getLastId',
				entityType: 'company',
				entityId: '3',
			});
			expect(none.result.error?.message).toMatch(/CRM_CHAT_EMPTY_CRM_DATA|Could not find/);
		});

		it('adds a user to the last chat of a lead and removes them again', async () => {
			const user = seed.USERS.find(
				(u) => !state(portal).chats.get(ANSWERED.id)!.members.has(u.ID),
			)!;
			const add = await runNode(portal, {
				resource: 'openLineCrmChat',
				operation: 'addUser',
				entityType: 'lead',
				entityId: '1',
				userId: String(user.ID),
			});
			expect(add.result.error).toBeUndefined();
			expect(add.json[0]).toEqual({ userId: String(user.ID), chatId: ANSWERED.id });
			expect(state(portal).chats.get(ANSWERED.id)!.members.has(user.ID)).toBe(true);
			const again = await runNode(portal, {
				resource: 'openLineCrmChat',
				operation: 'addUser',
				entityType: 'lead',
				entityId: '1',
				userId: String(user.ID),
			});
			expect(again.result.error?.message).toMatch(/WRONG_REQUEST|already member/);
			const remove = await runNode(portal, {
				resource: 'openLineCrmChat',
				operation: 'removeUser',
				entityType: 'lead',
				entityId: '1',
				userId: String(user.ID),
				additionalFields: { chatId: ANSWERED.id },
			});
			expect(remove.result.error).toBeUndefined();
			expect(bodies(portal, 'imopenlines.crm.chat.user.delete')[0]).toMatchObject({
				CHAT_ID: String(ANSWERED.id),
				USER_ID: String(user.ID),
			});
			expect(state(portal).chats.get(ANSWERED.id)!.members.has(user.ID)).toBe(false);
			const foreign = await runNode(portal, {
				resource: 'openLineCrmChat',
				operation: 'removeUser',
				entityType: 'lead',
				entityId: '1',
				userId: String(user.ID),
				additionalFields: { chatId: CLOSED.id },
			});
			expect(foreign.result.error?.message).toMatch(/CHAT_NOT_IN_CRM/);
		});
	});

	describe('open line settings', () => {
		it('gets a line with its queue, and fails for a missing one', async () => {
			const line = OL_SEED.configs[1];
			const run = await runNode(portal, {
				resource: 'openLineConfig',
				operation: 'get',
				configId: String(line.ID),
				additionalFields: { withQueue: true },
			});
			expect(run.result.error).toBeUndefined();
			expect(bodies(portal, 'imopenlines.config.get')[0]).toEqual({
				CONFIG_ID: String(line.ID),
				WITH_QUEUE: 'Y',
			});
			expect(run.json[0]).toMatchObject({
				ID: String(line.ID),
				LINE_NAME: line.LINE_NAME,
				QUEUE: line.queue.map(String),
			});
			const missing = await runNode(portal, {
				resource: 'openLineConfig',
				operation: 'get',
				configId: '99',
			});
			expect(missing.result.error?.message).toMatch(/Open line 99 was not found/);
		});

		it('lists every line by ID pages with OAuth2, filtered and with queues', async () => {
			for (let i = 0; i < 120; i++) {
				const id = state(portal).next.config++;
				state(portal).configs.set(id, {
					...state(portal).configs.get(1)!,
					ID: id,
					LINE_NAME: `Line ${id}`,
					ACTIVE: i % 4 === 0 ? 'N' : 'Y',
					queue: [2],
				});
			}
			const tokens = portal.oauth.issueTokens({ scope: 'imopenlines,user' });
			const run = await runNode(
				portal,
				{
					authentication: 'bitrix24OAuth2Api',
					resource: 'openLineConfig',
					operation: 'getAll',
					returnAll: true,
					options: { filterJson: '{"ACTIVE": "Y"}', withQueue: true },
				},
				{ credential: oauthCredential(portal, { ...tokens }) },
			);
			expect(run.result.error).toBeUndefined();
			const expected = [...state(portal).configs.values()]
				.filter((c) => c.ACTIVE === 'Y')
				.map((c) => String(c.ID));
			expect(run.json.map((j) => j.ID)).toEqual(expected);
			expect(run.json[0].QUEUE).toEqual(OL_SEED.configs[0].queue.map(String));
			// 2 seeded + 90 active added: two pages of 50, sent as one batch
			expect(portal.restRequests().map((r) => r.restMethod)).toEqual(['batch']);
			const limited = await runNode(portal, {
				resource: 'openLineConfig',
				operation: 'getAll',
				returnAll: false,
				limit: 3,
				options: { selectFields: 'LINE_NAME' },
			});
			expect(asText(bodies(portal, 'imopenlines.config.list.get')[0])).toEqual({
				PARAMS: {
					select: { 0: 'LINE_NAME', 1: 'ID' },
					filter: { '>ID': '0' },
					order: { ID: 'ASC' },
					limit: '50',
				},
			});
			expect(limited.json).toEqual(
				[...state(portal).configs.keys()]
					.slice(0, 3)
					.map(String)
					.map((id) => ({ ID: id, LINE_NAME: state(portal).configs.get(Number(id))!.LINE_NAME })),
			);
		});
	});
});
