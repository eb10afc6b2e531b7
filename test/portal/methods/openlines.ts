/**
 * Open lines (scope imopenlines): operator actions, sessions, the chats of CRM records and the
 * line configurations. Written from the REST docs, api-reference/imopenlines/openlines/
 * (operators/*, sessions/*, chats/*, imopenlines-config-get.md, imopenlines-config-list-get.md).
 * State lives in memory, per portal, seeded on first use from OL_SEED.
 *
 * Simplifications, where the docs say nothing: every user may act on every dialog (the test
 * portal's webhook user is an administrator), so ACCESS_DENIED is only raised for "finish" by a
 * user who is not the dialog's operator; a line's queue is a plain list of user ids.
 */
import { isoDate, RestError } from '../envelope';
import { applyFilter, applyOrder } from '../filter';
import { isObject, phpInt, phpIsNumeric } from '../php-query';
import type { CallContext, MethodDef } from '../registry';
import { param } from '../registry';
import { SEED_BASE_MS } from '../seed';
import type { Store } from '../store';

export interface OlConfig {
	ID: number;
	LINE_NAME: string;
	ACTIVE: 'Y' | 'N';
	CRM: 'Y' | 'N';
	CRM_CREATE: string;
	QUEUE_TYPE: string;
	QUEUE_TIME: number;
	WELCOME_MESSAGE: 'Y' | 'N';
	LANGUAGE_ID: string;
	queue: number[];
}

export type CrmBinding = { type: 'lead' | 'deal' | 'contact' | 'company'; id: number };

export interface OlSession {
	id: number;
	chatId: number;
	configId: number;
	operatorId: number;
	status: 'new' | 'answered' | 'closed' | 'spam';
	start: number;
}

export interface OlChat {
	id: number;
	configId: number;
	connector: string;
	guestId: number;
	title: string;
	members: Set<number>;
	crm: CrmBinding[];
	sessionId: number;
	dateCreate: number;
}

export interface OlMessage {
	id: number;
	chatId: number;
	sessionId: number;
	senderId: number;
	text: string;
	date: number;
}

export interface OpenLinesState {
	configs: Map<number, OlConfig>;
	chats: Map<number, OlChat>;
	sessions: Map<number, OlSession>;
	messages: Map<number, OlMessage>;
	next: { config: number; session: number; message: number };
}

const CONNECTOR_TITLES: Record<string, string> = { livechat: 'Live Chat', telegrambot: 'Telegram' };

/** The seed: two lines, three dialogs (one answered by user 2, one waiting, one closed) bound to CRM records. */
export const OL_SEED = {
	configs: [
		{ ID: 1, LINE_NAME: 'Website chat', queue: [2, 3] },
		{ ID: 2, LINE_NAME: 'Telegram support', queue: [4, 5] },
	],
	chats: [
		{
			id: 701,
			configId: 1,
			connector: 'livechat',
			guestId: 901,
			title: 'Guest #901 - Website chat',
			operatorId: 2,
			status: 'answered' as const,
			sessionId: 31,
			crm: [{ type: 'lead' as const, id: 1 }],
		},
		{
			id: 702,
			configId: 1,
			connector: 'livechat',
			guestId: 902,
			title: 'Guest #902 - Website chat',
			operatorId: 3,
			status: 'new' as const,
			sessionId: 32,
			crm: [{ type: 'deal' as const, id: 5 }],
		},
		{
			id: 703,
			configId: 2,
			connector: 'telegrambot',
			guestId: 903,
			title: 'Guest #903 - Telegram support',
			operatorId: 4,
			status: 'closed' as const,
			sessionId: 33,
			crm: [{ type: 'deal' as const, id: 5 }],
		},
	],
	/** messages per seeded chat: the guest writes, then the operator answers */
	messagesPerChat: 2,
};

const states = new WeakMap<Store, OpenLinesState>();

function seedState(): OpenLinesState {
	const state: OpenLinesState = {
		configs: new Map(),
		chats: new Map(),
		sessions: new Map(),
		messages: new Map(),
		next: { config: 3, session: 40, message: 8000 },
	};
	for (const c of OL_SEED.configs) {
		state.configs.set(c.ID, {
			...c,
			ACTIVE: 'Y',
			CRM: 'Y',
			CRM_CREATE: 'lead',
			QUEUE_TYPE: 'evenly',
			QUEUE_TIME: 60,
			WELCOME_MESSAGE: 'Y',
			LANGUAGE_ID: 'en',
			queue: [...c.queue],
		});
	}
	for (const [i, c] of OL_SEED.chats.entries()) {
		const start = SEED_BASE_MS + i * 3_600_000;
		state.chats.set(c.id, {
			id: c.id,
			configId: c.configId,
			connector: c.connector,
			guestId: c.guestId,
			title: c.title,
			members: new Set([c.guestId, c.operatorId]),
			crm: c.crm.map((b) => ({ ...b })),
			sessionId: c.sessionId,
			dateCreate: start,
		});
		state.sessions.set(c.sessionId, {
			id: c.sessionId,
			chatId: c.id,
			configId: c.configId,
			operatorId: c.operatorId,
			status: c.status,
			start,
		});
		for (let m = 0; m < OL_SEED.messagesPerChat; m++) {
			const id = state.next.message++;
			state.messages.set(id, {
				id,
				chatId: c.id,
				sessionId: c.sessionId,
				senderId: m % 2 === 0 ? c.guestId : c.operatorId,
				text: m % 2 === 0 ? 'Hello, I have a question' : 'Hello! How can I help?',
				date: start + m * 60_000,
			});
		}
	}
	return state;
}

export function openLinesState(store: Store): OpenLinesState {
	let state = states.get(store);
	if (!state) states.set(store, (state = seedState()));
	return state;
}

const err = (code: string, description: string, status = 400): RestError =>
	new RestError(status, code, description);

function state(ctx: CallContext): OpenLinesState {
	return openLinesState(ctx.portal.store);
}

/** CHAT_ID of the operator methods (answer, skip, finish, spam, session.start/join): CHAT_ID / CHAT_TYPE errors. */
function lineChat(ctx: CallContext): { chat: OlChat; session: OlSession } {
	const id = phpInt(param(ctx.params, 'CHAT_ID'));
	if (id <= 0) throw err('CHAT_ID', 'The specified chat identifier is incorrect');
	const chat = state(ctx).chats.get(id);
	// an im chat that is not an open line (or no chat at all) is not an open line
	if (!chat) throw err('CHAT_TYPE', 'The specified chat is not an open line');
	return { chat, session: state(ctx).sessions.get(chat.sessionId)! };
}

/** CHAT_ID of transfer and intercept: CHAT_ID_EMPTY. */
function lineChatEmpty(ctx: CallContext): { chat: OlChat; session: OlSession } {
	const id = phpInt(param(ctx.params, 'CHAT_ID'));
	if (id <= 0) throw err('CHAT_ID_EMPTY', "Chat ID can't be empty");
	const chat = state(ctx).chats.get(id);
	if (!chat) throw err('OPERATOR_WRONG', 'You can not redirect to this operator');
	return { chat, session: state(ctx).sessions.get(chat.sessionId)! };
}

const closed = (session: OlSession): boolean =>
	session.status === 'closed' || session.status === 'spam';

function setOperator(chat: OlChat, session: OlSession, userId: number): void {
	if (session.operatorId && session.operatorId !== userId) chat.members.delete(session.operatorId);
	session.operatorId = userId;
	chat.members.add(userId);
}

function activeUser(ctx: CallContext, id: number): boolean {
	return ctx.portal.store.users.some((u) => u.ID === id && u.ACTIVE);
}

// ---- operators ----

const operatorMethods: MethodDef[] = [
	{
		name: 'imopenlines.operator.answer',
		scope: 'imopenlines',
		handler: (ctx) => {
			const { chat, session } = lineChat(ctx);
			setOperator(chat, session, ctx.auth.userId);
			session.status = 'answered';
			return { result: true };
		},
	},
	{
		name: 'imopenlines.operator.skip',
		scope: 'imopenlines',
		handler: (ctx) => {
			const { chat, session } = lineChat(ctx);
			if (closed(session))
				throw err(
					'ACCESS_DENIED_KICK',
					'Insufficient permissions to remove participants from the chat',
				);
			const queue = state(ctx).configs.get(chat.configId)?.queue ?? [];
			const others = queue.filter((u) => u !== session.operatorId);
			if (!others.length)
				throw err(
					'ACCESS_DENIED_KICK',
					'Insufficient permissions to remove participants from the chat',
				);
			// the next operator in the queue after the current one, round the queue
			const at = queue.indexOf(session.operatorId);
			const next = at < 0 ? others[0] : queue.slice(at + 1).concat(queue.slice(0, at))[0];
			setOperator(chat, session, next);
			session.status = 'new';
			return { result: true };
		},
	},
	{
		name: 'imopenlines.operator.transfer',
		scope: 'imopenlines',
		handler: (ctx) => {
			const { chat, session } = lineChatEmpty(ctx);
			const transfer = param(ctx.params, 'TRANSFER_ID');
			const userParam = param(ctx.params, 'USER_ID');
			const queueParam = param(ctx.params, 'QUEUE_ID');
			let userId = 0;
			let queueId = 0;
			if (transfer !== undefined && transfer !== '') {
				const text = String(transfer).trim().toLowerCase();
				if (text.startsWith('queue')) queueId = phpInt(text.slice(5));
				else userId = phpInt(text);
				if (userId <= 0 && queueId <= 0)
					throw err('TRANSFER_ID_EMPTY', "Queue ID or User ID can't be empty");
			} else if (userParam !== undefined && userParam !== '') {
				userId = phpInt(userParam);
				if (userId <= 0) throw err('USER_ID_EMPTY', "User ID can't be empty");
			} else if (queueParam !== undefined && queueParam !== '') {
				queueId = phpInt(queueParam);
				if (queueId <= 0) throw err('QUEUE_ID_EMPTY', "QUEUE ID can't be empty");
			} else {
				throw err('TRANSFER_ID_EMPTY', "Queue ID or User ID can't be empty");
			}
			const wrong = () => err('OPERATOR_WRONG', 'You cannot redirect to this operator');
			if (closed(session)) throw wrong();
			if (userId > 0) {
				if (!activeUser(ctx, userId) || userId === session.operatorId) throw wrong();
				setOperator(chat, session, userId);
			} else {
				const config = state(ctx).configs.get(queueId);
				if (!config || config.ACTIVE !== 'Y' || config.ID === chat.configId || !config.queue.length)
					throw wrong();
				chat.configId = config.ID;
				session.configId = config.ID;
				setOperator(chat, session, config.queue[0]);
			}
			session.status = 'new';
			return { result: true };
		},
	},
	{
		name: 'imopenlines.operator.finish',
		scope: 'imopenlines',
		handler: (ctx) => {
			const { session } = lineChat(ctx);
			// "on behalf of the current operator": only the dialog's operator may finish it this way
			if (session.operatorId !== ctx.auth.userId)
				throw err(
					'ACCESS_DENIED',
					'You cannot open this conversation as you do not have sufficient rights',
				);
			session.status = 'closed';
			return { result: true };
		},
	},
	{
		name: 'imopenlines.operator.another.finish',
		scope: 'imopenlines',
		handler: (ctx) => {
			lineChat(ctx).session.status = 'closed';
			return { result: true };
		},
	},
	{
		name: 'imopenlines.operator.spam',
		scope: 'imopenlines',
		handler: (ctx) => {
			lineChat(ctx).session.status = 'spam';
			return { result: true };
		},
	},
];

// ---- sessions ----

function userView(ctx: CallContext, id: number): Record<string, unknown> {
	const u = ctx.portal.store.users.find((x) => x.ID === id);
	if (!u)
		return {
			id: String(id),
			name: `Guest #${id}`,
			active: true,
			firstName: 'Guest',
			lastName: `#${id}`,
			bot: false,
			connector: true,
			type: 'guest',
		};
	return {
		id: String(u.ID),
		name: [u.NAME, u.LAST_NAME].join(' '),
		active: true,
		firstName: u.NAME,
		lastName: u.LAST_NAME,
		workPosition: u.WORK_POSITION,
		bot: false,
		connector: false,
		type: 'user',
	};
}

/** entity_data_1 carries the session id as its sixth part (imopenlines.session.history.get docs). */
function entityData1(chat: OlChat, session: OlSession): string {
	const lead = chat.crm.find((b) => b.type === 'lead');
	return [
		closed(session) ? 'N' : 'Y',
		lead ? 'LEAD' : 'NONE',
		lead?.id ?? 0,
		'N',
		'N',
		session.id,
		Math.floor(session.start / 1000),
		0,
		0,
		0,
	].join('|');
}

function entityData2(chat: OlChat): string {
	const id = (type: CrmBinding['type']) => chat.crm.find((b) => b.type === type)?.id ?? 0;
	return `LEAD|${id('lead')}|COMPANY|${id('company')}|CONTACT|${id('contact')}|DEAL|${id('deal')}`;
}

const userCode = (chat: OlChat): string =>
	`${chat.connector}|${chat.configId}|${chat.id - 1}|${chat.guestId}`;

export function dialogView(ctx: CallContext, chat: OlChat): Record<string, unknown> {
	const messages = [...state(ctx).messages.values()].filter((m) => m.chatId === chat.id);
	const last = messages.length ? Math.max(...messages.map((m) => m.id)) : 0;
	const session = state(ctx).sessions.get(chat.sessionId)!;
	return {
		id: chat.id,
		name: chat.title,
		owner: session.operatorId,
		type: 'lines',
		message_count: messages.length,
		last_message_id: last,
		entity_type: 'LINES',
		entity_id: userCode(chat),
		entity_data_1: entityData1(chat, session),
		entity_data_2: entityData2(chat),
		entity_data_3: 'N',
		date_create: isoDate(chat.dateCreate),
		message_type: 'L',
		manager_list: [session.operatorId],
		entity_link: { type: 'LINES', url: '', id: userCode(chat) },
		dialog_id: `chat${chat.id}`,
	};
}

const sessionMethods: MethodDef[] = [
	{
		name: 'imopenlines.session.start',
		scope: 'imopenlines',
		handler: (ctx) => {
			const { chat, session } = lineChat(ctx);
			if (!closed(session)) session.status = 'closed';
			const id = state(ctx).next.session++;
			state(ctx).sessions.set(id, {
				id,
				chatId: chat.id,
				configId: chat.configId,
				operatorId: ctx.auth.userId,
				status: 'answered',
				start: Date.now(),
			});
			chat.sessionId = id;
			chat.members.add(ctx.auth.userId);
			return { result: true };
		},
	},
	{
		name: 'imopenlines.session.join',
		scope: 'imopenlines',
		handler: (ctx) => {
			lineChat(ctx).chat.members.add(ctx.auth.userId);
			return { result: true };
		},
	},
	{
		name: 'imopenlines.session.intercept',
		scope: 'imopenlines',
		handler: (ctx) => {
			const { chat, session } = lineChatEmpty(ctx);
			if (closed(session) || session.operatorId === ctx.auth.userId)
				throw err('OPERATOR_WRONG', 'You can not redirect to this operator');
			setOperator(chat, session, ctx.auth.userId);
			session.status = 'answered';
			return { result: true };
		},
	},
	{
		name: 'imopenlines.session.open',
		scope: 'imopenlines',
		handler: (ctx) => {
			const code = String(param(ctx.params, 'USER_CODE') ?? '').trim();
			const chat = code
				? [...state(ctx).chats.values()].find((c) => userCode(c) === code)
				: undefined;
			if (!chat)
				throw err(
					'ACCESS_DENIED',
					'You cannot open this conversation because you do not have sufficient permissions',
				);
			// the docs' example answers the id as a string
			return { result: { chatId: String(chat.id) } };
		},
	},
	{
		name: 'imopenlines.message.session.start',
		scope: 'imopenlines',
		handler: (ctx) => {
			const { chat, session } = lineChat(ctx);
			const s = state(ctx);
			const message = s.messages.get(phpInt(param(ctx.params, 'MESSAGE_ID')));
			// the docs name no error for a message of another chat: the closest, ACCESS_DENIED
			if (!message || message.chatId !== chat.id)
				throw err(
					'ACCESS_DENIED',
					'You cannot open this conversation as you do not have sufficient permissions.',
				);
			if (!closed(session)) session.status = 'closed';
			const id = s.next.session++;
			s.sessions.set(id, {
				id,
				chatId: chat.id,
				configId: chat.configId,
				operatorId: ctx.auth.userId,
				status: 'answered',
				start: Date.now(),
			});
			chat.sessionId = id;
			chat.members.add(ctx.auth.userId);
			message.sessionId = id;
			return { result: true };
		},
	},
	{
		name: 'imopenlines.dialog.get',
		scope: 'imopenlines',
		handler: (ctx) => {
			const s = state(ctx);
			const chatId = phpInt(param(ctx.params, 'CHAT_ID'));
			const dialogId = String(param(ctx.params, 'DIALOG_ID') ?? '')
				.trim()
				.toLowerCase();
			const sessionId = phpInt(param(ctx.params, 'SESSION_ID'));
			const code = String(param(ctx.params, 'USER_CODE') ?? '').trim();
			let chat: OlChat | undefined;
			if (chatId > 0) chat = s.chats.get(chatId);
			else if (/^chat\d+$/.test(dialogId)) chat = s.chats.get(Number(dialogId.slice(4)));
			else if (sessionId > 0) chat = s.chats.get(s.sessions.get(sessionId)?.chatId ?? 0);
			else if (code) chat = [...s.chats.values()].find((c) => userCode(c) === code);
			if (!chat) throw err('ACCESS_ERROR', 'You do not have access to the specified dialog');
			return { result: dialogView(ctx, chat) };
		},
	},
	{
		name: 'imopenlines.session.history.get',
		scope: 'imopenlines',
		handler: (ctx) => {
			const s = state(ctx);
			const sessionParam = phpInt(param(ctx.params, 'SESSION_ID'));
			const chatParam = phpInt(param(ctx.params, 'CHAT_ID'));
			if (sessionParam <= 0 && chatParam <= 0)
				throw err('MISSING_REQUIRED_PARAM', 'Session ID or Chat ID must be provided');
			// without SESSION_ID, the chat's last session (ID DESC)
			const session =
				sessionParam > 0
					? s.sessions.get(sessionParam)
					: [...s.sessions.values()]
							.filter((x) => x.chatId === chatParam)
							.sort((a, b) => b.id - a.id)[0];
			if (!session)
				throw err('INVALID_SESSION_ID', 'Unable to determine session ID from provided parameters');
			const chat = s.chats.get(session.chatId)!;
			const messages = [...s.messages.values()]
				.filter((m) => m.sessionId === session.id)
				.sort((a, b) => b.id - a.id);
			const message: Record<string, unknown> = {};
			for (const m of messages) {
				message[m.id] = {
					id: String(m.id),
					chatid: String(m.chatId),
					senderid: String(m.senderId),
					recipientid: `chat${m.chatId}`,
					date: isoDate(m.date),
					text: m.text,
					textlegacy: m.text,
					params: {},
				};
			}
			const users: Record<string, unknown> = {};
			for (const id of new Set(messages.map((m) => m.senderId))) users[id] = userView(ctx, id);
			return {
				result: {
					chatId: chat.id,
					canJoin: 'Y',
					canVoteHead: 'Y',
					sessionId: session.id,
					sessionVoteHead: 0,
					sessionCommentHead: null,
					userId: `chat${chat.id}`,
					message,
					usersMessage: { [`chat${chat.id}`]: messages.map((m) => String(m.id)) },
					users,
					chat: {
						[chat.id]: {
							id: String(chat.id),
							name: chat.title,
							owner: String(session.operatorId),
							entityType: 'LINES',
							entityId: userCode(chat),
							entityData1: entityData1(chat, session),
							entityData2: entityData2(chat),
							messageCount: messages.length,
							type: 'lines',
							messageType: 'L',
						},
					},
					userInChat: { [chat.id]: [...chat.members] },
				},
			};
		},
	},
];

// ---- CRM chats ----

const CRM_TYPES = ['lead', 'deal', 'contact', 'company'];

/** CRM_ENTITY_TYPE and CRM_ENTITY as crm.chat.get / user.add check them (ERROR_ARGUMENT). */
function crmArgs(ctx: CallContext): CrmBinding {
	const type = String(param(ctx.params, 'CRM_ENTITY_TYPE') ?? '')
		.trim()
		.toLowerCase();
	if (!type) throw err('ERROR_ARGUMENT', "Argument 'CRM_ENTITY_TYPE' is null or empty");
	const raw = param(ctx.params, 'CRM_ENTITY');
	if (raw === undefined || raw === null || raw === '')
		throw err('ERROR_ARGUMENT', "Argument 'CRM_ENTITY' is null or empty");
	if (!phpIsNumeric(raw))
		throw err('ERROR_ARGUMENT', "The value of an argument 'CRM_ENTITY' has an invalid type");
	return { type: type as CrmBinding['type'], id: phpInt(raw) };
}

function boundChats(ctx: CallContext, binding: CrmBinding): OlChat[] {
	if (!CRM_TYPES.includes(binding.type)) return [];
	return [...state(ctx).chats.values()]
		.filter((c) => c.crm.some((b) => b.type === binding.type && b.id === binding.id))
		.sort((a, b) => a.id - b.id);
}

/** CHAT_ID if given (it must be bound to the record), else the record's last chat; undefined when it has none. */
function crmTargetChat(ctx: CallContext, binding: CrmBinding): OlChat | undefined {
	const chats = boundChats(ctx, binding);
	const chatId = phpInt(param(ctx.params, 'CHAT_ID'));
	if (chatId > 0) {
		const chat = chats.find((c) => c.id === chatId);
		if (!chat) throw err('CHAT_NOT_IN_CRM', 'Chat does not belong to the CRM object being checked');
		return chat;
	}
	return chats[chats.length - 1];
}

const crmChatMethods: MethodDef[] = [
	{
		name: 'imopenlines.crm.chat.get',
		scope: 'imopenlines',
		handler: (ctx) => {
			const binding = crmArgs(ctx);
			const activeOnly = String(param(ctx.params, 'ACTIVE_ONLY') ?? 'Y').toUpperCase() !== 'N';
			const chats = boundChats(ctx, binding).filter(
				(c) => !activeOnly || !closed(state(ctx).sessions.get(c.sessionId)!),
			);
			return {
				result: chats.map((c) => ({
					CHAT_ID: String(c.id),
					CONNECTOR_ID: c.connector,
					CONNECTOR_TITLE: CONNECTOR_TITLES[c.connector] ?? c.connector,
				})),
			};
		},
	},
	{
		name: 'imopenlines.crm.chat.getLastId',
		scope: 'imopenlines',
		handler: (ctx) => {
			const type = String(param(ctx.params, 'CRM_ENTITY_TYPE') ?? '')
				.trim()
				.toLowerCase();
			const raw = param(ctx.params, 'CRM_ENTITY');
			if (!type || raw === undefined || raw === '')
				throw err('CRM_CHAT_EMPTY_CRM_DATA', 'Empty CRM data');
			if (!phpIsNumeric(raw))
				throw err('ERROR_ARGUMENT', 'The value of an argument CRM_ENTITY has an invalid type');
			const chats = boundChats(ctx, { type: type as CrmBinding['type'], id: phpInt(raw) });
			if (!chats.length) throw err('CRM_CHAT_EMPTY_CRM_DATA', 'Could not find CRM object');
			return { result: chats[chats.length - 1].id };
		},
	},
	{
		name: 'imopenlines.crm.chat.user.add',
		scope: 'imopenlines',
		handler: (ctx) => {
			const binding = crmArgs(ctx);
			const userId = phpInt(param(ctx.params, 'USER_ID'));
			if (userId <= 0) throw err('ERROR_ARGUMENT', "Argument 'Empty USER_ID' is null or empty");
			const chat = crmTargetChat(ctx, binding);
			if (!chat) return { result: 0 };
			if (!activeUser(ctx, userId)) throw err('CRM_CHAT_USER_NOT_ACTIVE', 'User not active');
			if (chat.members.has(userId))
				throw err('WRONG_REQUEST', "You don't have access or user already member in chat");
			chat.members.add(userId);
			return { result: chat.id };
		},
	},
	{
		name: 'imopenlines.crm.chat.user.delete',
		scope: 'imopenlines',
		handler: (ctx) => {
			const type = String(param(ctx.params, 'CRM_ENTITY_TYPE') ?? '').trim();
			const raw = param(ctx.params, 'CRM_ENTITY');
			if (!type || raw === undefined || raw === '')
				throw err('CRM_CHAT_EMPTY_CRM_DATA', 'Empty CRM data');
			const userId = phpInt(param(ctx.params, 'USER_ID'));
			if (userId <= 0) throw err('CRM_CHAT_EMPTY_USER', 'Empty User ID');
			const binding = crmArgs(ctx);
			if (!CRM_TYPES.includes(binding.type))
				throw err(
					'ACCESS_DENIED',
					"Access denied! You don't have access to join user to chat",
					403,
				);
			const chat = crmTargetChat(ctx, binding);
			if (!chat) return { result: 0 };
			if (!activeUser(ctx, userId)) throw err('CRM_CHAT_USER_NOT_ACTIVE', 'User not active');
			if (!chat.members.has(userId))
				throw err('WRONG_REQUEST', "You don't have access or user already not in chat");
			chat.members.delete(userId);
			return { result: chat.id };
		},
	},
];

// ---- configurations ----

/** A line as config.get / config.list.get answer it: every value a string, as the docs' examples show. */
function configRow(ctx: CallContext, c: OlConfig, withQueue: boolean): Record<string, unknown> {
	const row: Record<string, unknown> = {
		ID: String(c.ID),
		ACTIVE: c.ACTIVE,
		LINE_NAME: c.LINE_NAME,
		CRM: c.CRM,
		CRM_CREATE: c.CRM_CREATE,
		QUEUE_TYPE: c.QUEUE_TYPE,
		QUEUE_TIME: String(c.QUEUE_TIME),
		WELCOME_MESSAGE: c.WELCOME_MESSAGE,
		LANGUAGE_ID: c.LANGUAGE_ID,
		TEMPORARY: 'N',
	};
	if (withQueue) {
		row.QUEUE = c.queue.map(String);
		const fields: Record<string, unknown> = {};
		for (const id of c.queue) {
			const u = ctx.portal.store.users.find((x) => x.ID === id);
			fields[id] = {
				USER_NAME: u ? [u.NAME, u.LAST_NAME].join(' ') : null,
				USER_WORK_POSITION: u?.WORK_POSITION ?? null,
				USER_AVATAR: '',
				USER_AVATAR_ID: '0',
			};
		}
		row.QUEUE_USERS_FIELDS = fields;
	}
	return row;
}

const CONFIG_FIELDS = new Set([
	'ID',
	'ACTIVE',
	'LINE_NAME',
	'CRM',
	'CRM_CREATE',
	'QUEUE_TYPE',
	'QUEUE_TIME',
	'WELCOME_MESSAGE',
	'LANGUAGE_ID',
	'TEMPORARY',
]);

const configMethods: MethodDef[] = [
	{
		name: 'imopenlines.config.get',
		scope: 'imopenlines',
		handler: (ctx) => {
			const id = phpInt(param(ctx.params, 'CONFIG_ID'));
			if (id <= 0) throw err('CONFIG_ID_EMPTY', "Config ID can't be empty");
			const config = state(ctx).configs.get(id);
			// the docs: `false` when the line does not exist; queue data only when asked for
			return {
				result: config
					? configRow(
							ctx,
							config,
							String(param(ctx.params, 'WITH_QUEUE') ?? '').toUpperCase() === 'Y',
						)
					: false,
			};
		},
	},
	{
		name: 'imopenlines.config.list.get',
		scope: 'imopenlines',
		handler: (ctx) => {
			const params = isObject(param(ctx.params, 'PARAMS'))
				? (param(ctx.params, 'PARAMS') as Record<string, unknown>)
				: {};
			const options = isObject(param(ctx.params, 'OPTIONS'))
				? (param(ctx.params, 'OPTIONS') as Record<string, unknown>)
				: {};
			const withQueue = String(options.QUEUE ?? '').toUpperCase() === 'Y';
			const rows = [...state(ctx).configs.values()].map((c) => configRow(ctx, c, false));
			const resolve = (name: string) => {
				const key = name.toUpperCase();
				if (!CONFIG_FIELDS.has(key)) return undefined;
				return {
					def: {
						type: key === 'ID' || key === 'QUEUE_TIME' ? 'integer' : 'string',
						isMultiple: false,
					},
					get: (row: Record<string, unknown>) =>
						key === 'ID' || key === 'QUEUE_TIME' ? Number(row[key]) : row[key],
				};
			};
			const filtered = applyFilter(rows, params.filter ?? {}, resolve);
			const ordered = applyOrder(filtered, params.order ?? {}, resolve, (row) => Number(row.ID));
			const limit = Math.min(200, phpInt(params.limit) > 0 ? phpInt(params.limit) : 50);
			const offset = Math.max(0, phpInt(params.offset));
			const select = Array.isArray(params.select)
				? params.select.map((s) => String(s).toUpperCase())
				: [];
			const page = ordered.slice(offset, offset + limit).map((row) => {
				const config = state(ctx).configs.get(Number(row.ID))!;
				const full = configRow(ctx, config, withQueue);
				if (!select.length) return full;
				const picked: Record<string, unknown> = {};
				for (const [key, value] of Object.entries(full))
					if (select.includes(key) || key === 'QUEUE' || key === 'QUEUE_USERS_FIELDS')
						picked[key] = value;
				return picked;
			});
			return { result: page };
		},
	},
];

export const methods: MethodDef[] = [
	...operatorMethods,
	...sessionMethods,
	...crmChatMethods,
	...configMethods,
];
