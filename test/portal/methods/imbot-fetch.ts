/**
 * The event queue of chat bots v2 in fetch mode: imbot.v2.Event.get, written from the REST docs
 * (api-reference/chat-bots/chat-bots-v2/imbot.v2/events/event-get.md and events.md, index.md
 * "Polling Cycle"). Bots, chats and messages are those of methods/chatbots.ts.
 *
 * As the docs give it: every bot registered with eventMode "fetch" has its own queue; events get
 * increasing ids; `offset` confirms every event with a lower id, and a later call returns only
 * events from the confirmed one on (a call without `offset` confirms nothing); `limit` 1-1000,
 * default 100; the answer is { events: [{eventId, type, date, data}], nextOffset, hasMore }; the
 * data's `bot` is the full bot object of imbot.v2.Bot.get, `chat` has no role or muteList, and
 * in a private dialog `dialogId` is the counterpart's user ID. Only the owner reads the queue
 * (the application that registered it, or the webhook naming its botToken).
 *
 * What users do in the messenger is simulated by the helpers below (the test portal has no
 * messenger UI): writing to the bot, calling one of its commands, adding it to a chat, reacting
 * to its message. Where the docs say nothing: a message that calls a command of the bot yields
 * ONIMBOTV2COMMANDADD only; with nothing queued nextOffset is the confirmed position; a limit
 * outside 1-1000 is brought into it; withUserEvents answers USER_NOT_SUBSCRIBED unless the user
 * subscribed with im.v2.Event.subscribe (methods/im-v2-events.ts; SCOPE_ERROR first without the
 * im scope); the combined stream of a subscribed user is not modelled (the call fails).
 */
import { isoDate, RestError } from '../envelope';
import { phpInt } from '../php-query';
import type { CallContext, MethodDef } from '../registry';
import type { Store } from '../store';
import type { BotChat, BotMessage, BotRecord } from './chatbots';
import { chatBotsState, userWrites } from './chatbots';
import { isSubscribed } from './im-v2-events';

export interface QueuedBotEvent {
	eventId: number;
	type: string;
	date: string;
	/** the event's data without `bot`, which is read when the queue is */
	data: Record<string, unknown>;
}

interface BotQueue {
	events: QueuedBotEvent[];
	confirmed: number;
}

interface FetchState {
	queues: Map<number, BotQueue>;
	nextEventId: number;
}

const states = new WeakMap<Store, FetchState>();

function fetchState(store: Store): FetchState {
	let state = states.get(store);
	if (!state) {
		state = { queues: new Map(), nextEventId: 1001 };
		states.set(store, state);
	}
	return state;
}

function queueOf(store: Store, botId: number): BotQueue {
	const state = fetchState(store);
	let queue = state.queues.get(botId);
	if (!queue) {
		queue = { events: [], confirmed: 0 };
		state.queues.set(botId, queue);
	}
	return queue;
}

/** What the bot's queue holds now, confirmed events excluded (for tests). */
export function botEvents(store: Store, botId: number): QueuedBotEvent[] {
	const queue = queueOf(store, botId);
	return queue.events.filter((e) => e.eventId >= queue.confirmed);
}

function botOf(store: Store, botId: number): BotRecord {
	const bot = chatBotsState(store).bots.get(botId);
	if (!bot) throw new Error(`no bot ${botId} in the test portal`);
	return bot;
}

function record(store: Store, bot: BotRecord, type: string, data: Record<string, unknown>): void {
	// a bot in webhook mode gets its events POSTed to its URL, not queued
	if (bot.eventMode !== 'fetch') return;
	const state = fetchState(store);
	queueOf(store, bot.id).events.push({
		eventId: state.nextEventId++,
		type,
		date: isoDate(Date.now()),
		data: { ...data, language: 'en' },
	});
}

function userView(store: Store, userId: number): Record<string, unknown> {
	const u = store.users.find((x) => x.ID === userId);
	if (!u) throw new Error(`no user ${userId} in the test portal`);
	return {
		id: u.ID,
		active: u.ACTIVE,
		name: [u.NAME, u.LAST_NAME].filter(Boolean).join(' '),
		firstName: u.NAME,
		lastName: u.LAST_NAME,
		workPosition: u.WORK_POSITION,
		color: '#ab7761',
		avatar: '',
		gender: u.PERSONAL_GENDER,
		birthday: '',
		extranet: false,
		bot: false,
		connector: false,
		externalAuthId: 'default',
		status: 'online',
		idle: false,
		lastActivityDate: isoDate(Date.now()),
		absent: false,
		departments: [...u.UF_DEPARTMENT],
		phones: false,
		type: 'employee',
	};
}

/** The chat as the bot sees it: in a private dialog the dialog ID is the counterpart's user ID. */
function chatView(chat: BotChat, bot: BotRecord): Record<string, unknown> {
	const other = [...chat.members].find((id) => id !== bot.id) ?? 0;
	return {
		id: chat.id,
		dialogId: chat.type === 'chat' ? `chat${chat.id}` : String(other),
		type: chat.type,
		name: chat.type === 'chat' ? chat.title : '',
		entityType: '',
		owner: chat.ownerId,
		avatar: '',
		color: chat.color,
	};
}

function messageView(message: BotMessage): Record<string, unknown> {
	return {
		id: message.id,
		chatId: message.chatId,
		authorId: message.authorId,
		date: isoDate(Date.now()),
		text: message.text,
		isSystem: message.system,
		uuid: '',
		forward: null,
		params: {},
		viewedByOthers: false,
	};
}

function chatOf(store: Store, message: BotMessage): BotChat {
	return chatBotsState(store).chats.get(message.chatId) as BotChat;
}

/**
 * A user writes to the bot in its private dialog (or in `chatId`, a chat the bot is in, addressing
 * it). A message calling one of the bot's commands (`/name params`) is ONIMBOTV2COMMANDADD.
 */
export function userWritesToBot(
	store: Store,
	botId: number,
	userId: number,
	text: string,
	chatId?: number,
): BotMessage {
	const bot = botOf(store, botId);
	const state = chatBotsState(store);
	let message: BotMessage;
	if (chatId === undefined) {
		message = userWrites(store, botId, userId, text);
	} else {
		const chat = state.chats.get(chatId);
		if (!chat?.members.has(botId) || !chat.members.has(userId))
			throw new Error(`bot ${botId} and user ${userId} are not both in chat ${chatId}`);
		message = {
			id: state.next.message++,
			chatId,
			authorId: userId,
			text,
			urlPreview: true,
			system: false,
			deleted: false,
		};
		state.messages.set(message.id, message);
	}
	const common = {
		message: messageView(message),
		chat: chatView(chatOf(store, message), bot),
		user: userView(store, userId),
	};
	const called = /^\/(\S+)\s*([\s\S]*)$/.exec(text.trim());
	const command = called
		? [...state.commands.values()].find(
				(c) => c.botId === botId && c.command.toLowerCase() === called[1].toLowerCase(),
			)
		: undefined;
	if (command && called) {
		record(store, bot, 'ONIMBOTV2COMMANDADD', {
			command: {
				id: command.id,
				command: `/${command.command}`,
				params: called[2],
				context: 'textarea',
			},
			...common,
		});
	} else {
		record(store, bot, 'ONIMBOTV2MESSAGEADD', common);
	}
	return message;
}

/** A user makes a group chat with the bot in it (ONIMBOTV2JOINCHAT). */
export function userAddsBotToChat(
	store: Store,
	botId: number,
	userId: number,
	title: string,
): BotChat {
	const bot = botOf(store, botId);
	const state = chatBotsState(store);
	const chat: BotChat = {
		id: state.next.chat++,
		type: 'chat',
		title,
		description: '',
		color: '#4ba984',
		ownerId: userId,
		members: new Set([userId, botId]),
		managers: new Set(),
		dateCreate: Date.now(),
	};
	state.chats.set(chat.id, chat);
	const view = chatView(chat, bot);
	record(store, bot, 'ONIMBOTV2JOINCHAT', {
		dialogId: view.dialogId,
		chat: view,
		user: userView(store, userId),
	});
	return chat;
}

/** A user adds or removes a reaction on one of the bot's messages (ONIMBOTV2REACTIONCHANGE). */
export function userReacts(
	store: Store,
	botId: number,
	userId: number,
	messageId: number,
	reaction: string,
	action: 'add' | 'delete' = 'add',
): void {
	const bot = botOf(store, botId);
	const message = chatBotsState(store).messages.get(messageId);
	if (!message || message.authorId !== botId)
		throw new Error(`message ${messageId} is not bot ${botId}'s`);
	record(store, bot, 'ONIMBOTV2REACTIONCHANGE', {
		reaction,
		action,
		message: messageView(message),
		chat: chatView(chatOf(store, message), bot),
		user: userView(store, userId),
	});
}

const fail = (code: string, description: string, status = 400): RestError =>
	new RestError(status, code, description);

/** The checks of every imbot.v2 method (as in chatbots.ts): token with a webhook, bot, owner. */
function ownedBot(ctx: CallContext): BotRecord {
	let token: string | undefined;
	if (ctx.auth.kind === 'webhook') {
		token = String(ctx.params.botToken ?? '').trim();
		if (!token) throw fail('BOT_TOKEN_NOT_SPECIFIED', 'Bot token is not specified');
	}
	const id = phpInt(ctx.params.botId);
	if (id <= 0) throw fail('BOT_ID_REQUIRED', 'Bot ID is required');
	const bot = chatBotsState(ctx.portal.store).bots.get(id);
	if (!bot) throw fail('BOT_NOT_FOUND', 'Bot not found');
	const owner =
		ctx.auth.kind === 'webhook'
			? bot.token === token
			: bot.clientId !== undefined && bot.clientId === ctx.auth.clientId;
	if (!owner) throw fail('BOT_OWNERSHIP_ERROR', 'Bot is registered by another application', 403);
	return bot;
}

function flag(value: unknown): boolean {
	const text = String(value ?? '')
		.trim()
		.toLowerCase();
	return value === true || text === 'true' || text === 'y' || text === '1';
}

export const methods: MethodDef[] = [
	{
		name: 'imbot.v2.Event.get',
		scope: 'imbot',
		handler: async (ctx) => {
			const bot = ownedBot(ctx);
			if (flag(ctx.params.withUserEvents)) {
				if (!ctx.auth.scope.includes('im')) throw fail('SCOPE_ERROR', 'Scope error');
				if (!isSubscribed(ctx.portal.store, ctx.auth.userId))
					throw fail('USER_NOT_SUBSCRIBED', 'User not subscribed');
				throw new Error('withUserEvents of a subscribed user is not modelled by the test portal');
			}
			const raw = phpInt(ctx.params.limit);
			const limit = ctx.params.limit === undefined ? 100 : Math.min(1000, Math.max(1, raw));
			const queue = queueOf(ctx.portal.store, bot.id);
			if (ctx.params.offset !== undefined && ctx.params.offset !== '') {
				queue.confirmed = Math.max(queue.confirmed, phpInt(ctx.params.offset));
				queue.events = queue.events.filter((e) => e.eventId >= queue.confirmed);
			}
			const page = queue.events.slice(0, limit);
			const answer = await ctx.call('imbot.v2.Bot.get', {
				botId: bot.id,
				botToken: ctx.params.botToken,
			});
			const botObject = answer.ok ? (answer.result as { bot: unknown }).bot : { id: bot.id };
			return {
				result: {
					events: page.map((e) => ({
						eventId: e.eventId,
						type: e.type,
						date: e.date,
						data: { bot: botObject, ...e.data },
					})),
					nextOffset: page.length ? page[page.length - 1].eventId + 1 : queue.confirmed,
					hasMore: queue.events.length > page.length,
				},
			};
		},
	},
];
