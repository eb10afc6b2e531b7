/**
 * The user's own messenger events: im.v2.Event.subscribe / unsubscribe / get, written from the REST
 * docs (api-reference/chat-bots/chat-bots-v2/im.v2/events/index.md, event-subscribe.md,
 * event-unsubscribe.md, event-get.md, events.md; objects per ../entities.md, as
 * im-v2-event-views.ts builds them).
 *
 * As the docs give it: scope `im`, any authorized user (webhook or OAuth), calls act for the current
 * user. Without a subscription nothing is recorded; subscribe and unsubscribe are idempotent and
 * answer `true`; after unsubscribing, what was recorded stays readable until confirmed or 24 hours
 * old. The queue is the user's, not the application's: every caller for that user reads it, and
 * `offset` confirms (removes) every event with a lower id for all of them. `limit` 1-1000, default
 * 100; the answer is { events: [{eventId, type, date, data}], nextOffset, hasMore }; the data has
 * no `auth`; `chat` has no role or muteList; `user` has no network, botData or avatarHr, and its
 * online fields are false. Events: ONIMV2MESSAGEADD / UPDATE (message, chat, user = the author),
 * MESSAGEDELETE (messageId, chat, user = the author), REACTIONCHANGE (reaction, action add|delete,
 * message, chat, user = who reacted), JOINCHAT (dialogId, chat, user = the added user), each with
 * `language`, for a new message, edit, deletion, reaction or participant in a chat the subscribed
 * user belongs to.
 *
 * How events arise: the methods of the im module (methods/im.ts) are registered again here,
 * wrapped: the messenger is compared before and after each call and what changed is recorded for
 * every subscribed member of the chat. `userWritesInChat` / `userLikes` simulate other users.
 * Where the docs say nothing: the author's own messages are events too (the docs name no
 * exception); a reaction is `like` (the only one the im module keeps); creating a group chat is a
 * join of every member but its creator; private dialogs have no joins; a private dialog's
 * `dialogId` is the other member's ID as each recipient sees it, its type `private` (`P`); with
 * nothing queued nextOffset is the confirmed position; a limit outside 1-1000 is brought into it.
 */
import { isoDate } from '../envelope';
import { phpInt } from '../php-query';
import type { MethodDef } from '../registry';
import type { Store } from '../store';
import type { ImChat, ImMessage } from './im';
import { imState, methods as imMethods, postMessage } from './im';
import { chatView, messageView, userView } from './im-v2-event-views';

export interface UserEvent {
	eventId: number;
	type: string;
	date: string;
	data: Record<string, unknown>;
}

interface UserQueue {
	/** each event with when it was recorded (ms), for the 24 hours it is kept */
	events: Array<{ at: number; event: UserEvent }>;
	confirmed: number;
}

interface Seen {
	text: string;
	deleted: boolean;
	likes: number[];
}

interface EventsState {
	subscribed: Set<number>;
	queues: Map<number, UserQueue>;
	nextEventId: number;
	messages: Map<number, Seen>;
	members: Map<number, Set<number>>;
}

const RETENTION_MS = 24 * 3600 * 1000;
const states = new WeakMap<Store, EventsState>();

function eventsState(store: Store): EventsState {
	let state = states.get(store);
	if (!state) {
		state = {
			subscribed: new Set(),
			queues: new Map(),
			nextEventId: 2001,
			messages: new Map(),
			members: new Map(),
		};
		states.set(store, state);
	}
	return state;
}

function queueOf(store: Store, userId: number): UserQueue {
	const state = eventsState(store);
	let queue = state.queues.get(userId);
	if (!queue) {
		queue = { events: [], confirmed: 0 };
		state.queues.set(userId, queue);
	}
	return queue;
}

/** What the user's queue holds now, confirmed and expired events excluded (for tests). */
export function userEvents(store: Store, userId: number): UserEvent[] {
	sync(store);
	const queue = queueOf(store, userId);
	const oldest = Date.now() - RETENTION_MS;
	return queue.events
		.filter((e) => e.event.eventId >= queue.confirmed && e.at > oldest)
		.map((e) => e.event);
}

export function isSubscribed(store: Store, userId: number): boolean {
	return eventsState(store).subscribed.has(userId);
}

const seenOf = (m: ImMessage): Seen => ({ text: m.text, deleted: m.deleted, likes: [...m.likes] });

/** Takes the messenger as it is now as seen: nothing before this is an event. */
function snapshot(store: Store, state: EventsState): void {
	const im = imState(store);
	state.messages = new Map([...im.messages.values()].map((m) => [m.id, seenOf(m)]));
	state.members = new Map([...im.chats.values()].map((c) => [c.id, new Set(c.members.keys())]));
}

/** Records one event for every subscribed member of the chat, each with its own view of it. */
function record(
	store: Store,
	state: EventsState,
	chat: ImChat,
	type: string,
	data: (viewerId: number) => Record<string, unknown>,
): void {
	const now = Date.now();
	for (const userId of chat.members.keys()) {
		if (!state.subscribed.has(userId)) continue;
		const event = { eventId: state.nextEventId++, type, date: isoDate(now) };
		queueOf(store, userId).events.push({
			at: now,
			event: { ...event, data: { ...data(userId), language: 'en' } },
		});
	}
}

/** Records what changed in the messenger since the last look: joins first, then messages by id. */
function sync(store: Store): void {
	const state = eventsState(store);
	if (state.subscribed.size === 0) return;
	const im = imState(store);
	for (const chat of im.chats.values()) {
		const before = state.members.get(chat.id);
		const joined = [...chat.members.keys()].filter((u) => !before?.has(u));
		state.members.set(chat.id, new Set(chat.members.keys()));
		if (chat.type === 'private') continue;
		for (const userId of joined) {
			if (!before && userId === chat.ownerId) continue;
			record(store, state, chat, 'ONIMV2JOINCHAT', (viewer) => ({
				dialogId: `chat${chat.id}`,
				chat: chatView(chat, viewer),
				user: userView(store, userId),
			}));
		}
	}
	for (const m of [...im.messages.values()].sort((a, b) => a.id - b.id)) {
		const chat = im.chats.get(m.chatId);
		const was = state.messages.get(m.id);
		state.messages.set(m.id, seenOf(m));
		if (!chat) continue;
		const common = (viewer: number) => ({
			message: messageView(m),
			chat: chatView(chat, viewer),
			user: userView(store, m.authorId),
		});
		if (!was) record(store, state, chat, 'ONIMV2MESSAGEADD', common);
		else if (!m.deleted && m.text !== was.text)
			record(store, state, chat, 'ONIMV2MESSAGEUPDATE', common);
		for (const [action, users] of [
			['add', m.likes.filter((u) => !was?.likes.includes(u))],
			['delete', (was?.likes ?? []).filter((u) => !m.likes.includes(u))],
		] as const) {
			for (const userId of users) {
				record(store, state, chat, 'ONIMV2REACTIONCHANGE', (viewer) => ({
					reaction: 'like',
					action,
					...common(viewer),
					user: userView(store, userId),
				}));
			}
		}
		if (m.deleted && !was?.deleted) {
			record(store, state, chat, 'ONIMV2MESSAGEDELETE', (viewer) => ({
				messageId: m.id,
				chat: chatView(chat, viewer),
				user: userView(store, m.authorId),
			}));
		}
	}
}

/** Another user writes in a chat they belong to, as in the messenger's UI (tests). */
export function userWritesInChat(
	store: Store,
	userId: number,
	chatId: number,
	text: string,
): ImMessage {
	const chat = imState(store).chats.get(chatId);
	if (!chat?.members.has(userId)) throw new Error(`user ${userId} is not in chat ${chatId}`);
	sync(store);
	const message = postMessage(imState(store), { chatId, authorId: userId, text });
	sync(store);
	return message;
}

/** Another user likes (or unlikes) a message of a chat they belong to (tests). */
export function userLikes(store: Store, userId: number, messageId: number, like = true): void {
	const message = imState(store).messages.get(messageId);
	if (!message) throw new Error(`no message ${messageId}`);
	sync(store);
	message.likes = like
		? [...new Set([...message.likes, userId])]
		: message.likes.filter((u) => u !== userId);
	sync(store);
}

/** The im module's methods, each recording what it changed for the subscribed members. */
const observed: MethodDef[] = imMethods.map((def) => ({
	...def,
	handler: async (ctx) => {
		sync(ctx.portal.store);
		try {
			return await def.handler(ctx);
		} finally {
			sync(ctx.portal.store);
		}
	},
}));

export const methods: MethodDef[] = [
	...observed,
	{
		name: 'im.v2.Event.subscribe',
		scope: 'im',
		handler: (ctx) => {
			const store = ctx.portal.store;
			const state = eventsState(store);
			sync(store);
			if (state.subscribed.size === 0) snapshot(store, state);
			state.subscribed.add(ctx.auth.userId);
			return { result: true };
		},
	},
	{
		name: 'im.v2.Event.unsubscribe',
		scope: 'im',
		handler: (ctx) => {
			sync(ctx.portal.store);
			eventsState(ctx.portal.store).subscribed.delete(ctx.auth.userId);
			return { result: true };
		},
	},
	{
		name: 'im.v2.Event.get',
		scope: 'im',
		handler: (ctx) => {
			const store = ctx.portal.store;
			sync(store);
			const raw = ctx.params.limit;
			const limit =
				raw === undefined || raw === '' ? 100 : Math.min(1000, Math.max(1, phpInt(raw)));
			const queue = queueOf(store, ctx.auth.userId);
			if (ctx.params.offset !== undefined && ctx.params.offset !== '')
				queue.confirmed = Math.max(queue.confirmed, phpInt(ctx.params.offset));
			const oldest = Date.now() - RETENTION_MS;
			queue.events = queue.events.filter(
				(e) => e.event.eventId >= queue.confirmed && e.at > oldest,
			);
			const page = queue.events.slice(0, limit).map((e) => e.event);
			return {
				result: {
					events: page,
					nextOffset: page.length ? page[page.length - 1].eventId + 1 : queue.confirmed,
					hasMore: queue.events.length > page.length,
				},
			};
		},
	},
];
