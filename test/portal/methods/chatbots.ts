/**
 * Chat bots v2 (scope imbot): imbot.v2.Bot.*, imbot.v2.Chat.*, imbot.v2.Chat.Message.*,
 * imbot.v2.Command.*, imbot.v2.File.*. Written from the REST docs, api-reference/chat-bots/chat-bots-v2/
 * (index.md for authorization, imbot.v2/bots, chats, messages, commands, files). State in memory.
 *
 * Authorization as the docs give it: with an incoming webhook every call names the bot's
 * `botToken` (at registration `fields.botToken`), which ties the bot to the caller; with OAuth the
 * bot belongs to the application (`client_id`) and no token is needed.
 *
 * Where the docs say nothing: the HTTP status of an error is 403 for ACCESS_DENIED and
 * BOT_OWNERSHIP_ERROR and 400 for the rest ("400, 403" is all the pages say); the bot's own chats
 * are kept apart from the messenger's (im.*) chats, starting at BOT_SEED.chatBase; a private
 * dialog with a user is made on first use; `forwardIds` are not modelled (`uuidMap` stays {}).
 */
import { isoDate, RestError } from '../envelope';
import { isObject, phpInt } from '../php-query';
import type { CallContext, MethodDef } from '../registry';
import type { Store } from '../store';
import { addDriveFile, addDriveFolder, driveState } from './disk/state';

export interface BotRecord {
	id: number;
	code: string;
	type: string;
	eventMode: 'fetch' | 'webhook';
	webhookUrl: string;
	isHidden: boolean;
	isReactionsEnabled: boolean;
	isSupportOpenline: boolean;
	backgroundId: string | null;
	/** the webhook token the bot answers to (set at registration or rotated by update) */
	token?: string;
	/** the OAuth application that registered it */
	clientId?: string;
	properties: {
		name: string;
		lastName: string;
		workPosition: string;
		color: string;
		gender: string;
	};
}

export interface BotChat {
	id: number;
	type: 'chat' | 'private';
	title: string;
	description: string;
	color: string;
	ownerId: number;
	members: Set<number>;
	managers: Set<number>;
	dateCreate: number;
}

export interface BotMessage {
	id: number;
	chatId: number;
	authorId: number;
	text: string;
	attach?: unknown;
	keyboard?: unknown;
	urlPreview: boolean;
	system: boolean;
	replyId?: number;
	/** Drive file ids sent with the message (imbot.v2.File.upload) */
	fileIds?: number[];
	deleted: boolean;
}

export interface BotCommand {
	id: number;
	botId: number;
	command: string;
	title: Record<string, string>;
	params: Record<string, string>;
	common: boolean;
	hidden: boolean;
	extranetSupport: boolean;
}

export interface ChatBotsState {
	bots: Map<number, BotRecord>;
	chats: Map<number, BotChat>;
	messages: Map<number, BotMessage>;
	commands: Map<number, BotCommand>;
	/** Drive file id -> the bot chat it was sent to (imbot.v2.File.upload) */
	files: Map<number, number>;
	/** bot chat id -> its Drive folder */
	chatFolders: Map<number, number>;
	next: { bot: number; chat: number; message: number; command: number };
}

export const BOT_SEED = {
	botBase: 1500,
	chatBase: 5000,
	messageBase: 90000,
	commandBase: 40,
	maxBots: 100,
	maxMessage: 20000,
	/** file-upload.md: at most 100 MB of content */
	maxFileBytes: 100 * 1024 * 1024,
	/** where the chat folders live: the root of the shared documents storage (DRIVE_SEED) */
	fileStorageRoot: 103,
};

const COLORS: Record<string, string> = {
	red: '#df532d',
	green: '#64a513',
	mint: '#4ba984',
	lightBlue: '#4ba5c3',
	darkBlue: '#3e99ce',
	purple: '#8474c8',
	aqua: '#1eb4aa',
	pink: '#f76187',
	lime: '#58cc47',
	brown: '#ab7761',
	azure: '#29619b',
	khaki: '#728f7a',
	sand: '#ba9c7b',
	marengo: '#556574',
	gray: '#909090',
	graphite: '#5e5f5e',
};
const BACKGROUNDS = [
	'azure',
	'mint',
	'steel',
	'slate',
	'teal',
	'cornflower',
	'sky',
	'peach',
	'frost',
];
const TYPES = ['bot', 'network', 'openline', 'supervisor', 'personal'];

const states = new WeakMap<Store, ChatBotsState>();

export function chatBotsState(store: Store): ChatBotsState {
	let state = states.get(store);
	if (!state) {
		state = {
			bots: new Map(),
			chats: new Map(),
			messages: new Map(),
			commands: new Map(),
			files: new Map(),
			chatFolders: new Map(),
			next: {
				bot: BOT_SEED.botBase,
				chat: BOT_SEED.chatBase,
				message: BOT_SEED.messageBase,
				command: BOT_SEED.commandBase,
			},
		};
		states.set(store, state);
	}
	return state;
}

const err = (code: string, description: string): RestError =>
	new RestError(
		code === 'ACCESS_DENIED' || code === 'BOT_OWNERSHIP_ERROR' ? 403 : 400,
		code,
		description,
	);
const accessDenied = (): RestError => err('ACCESS_DENIED', 'Access denied');

/** Booleans as JSON true/false, "Y"/"N" (the docs) or the "1"/"0" a batch command carries. */
function bool(value: unknown, fallback: boolean): boolean {
	if (value === undefined || value === null || value === '') return fallback;
	if (typeof value === 'boolean') return value;
	const text = String(value).trim().toLowerCase();
	return text === 'y' || text === 'true' || text === '1';
}

const obj = (value: unknown): Record<string, unknown> =>
	isObject(value) ? (value as Record<string, unknown>) : {};
const str = (value: unknown): string =>
	value === undefined || value === null ? '' : String(value);

/** A JSON parameter sent as text (form bodies) or as a value. */
function json(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value) as unknown;
	} catch {
		return value;
	}
}

function state(ctx: CallContext): ChatBotsState {
	return chatBotsState(ctx.portal.store);
}

/** The webhook's botToken, or BOT_TOKEN_NOT_SPECIFIED; undefined with OAuth. */
function callerToken(ctx: CallContext, token: unknown): string | undefined {
	if (ctx.auth.kind !== 'webhook') return undefined;
	const text = str(token).trim();
	if (!text) throw err('BOT_TOKEN_NOT_SPECIFIED', 'Bot token is not specified');
	return text;
}

function owns(ctx: CallContext, bot: BotRecord, token: string | undefined): boolean {
	return ctx.auth.kind === 'webhook'
		? bot.token === token
		: bot.clientId !== undefined && bot.clientId === ctx.auth.clientId;
}

/** botToken, botId, the bot, its owner: the checks every imbot.v2 method makes first, in the docs' order. */
function ownedBot(ctx: CallContext): BotRecord {
	const token = callerToken(ctx, ctx.params.botToken);
	const id = phpInt(ctx.params.botId);
	if (id <= 0) throw err('BOT_ID_REQUIRED', 'Bot ID is required');
	const bot = state(ctx).bots.get(id);
	if (!bot) throw err('BOT_NOT_FOUND', 'Bot not found');
	if (!owns(ctx, bot, token))
		throw err('BOT_OWNERSHIP_ERROR', 'Bot is registered by another application');
	return bot;
}

function botView(bot: BotRecord, extended: boolean): Record<string, unknown> {
	const s = {
		id: bot.id,
		code: bot.code,
		type: bot.type,
		isHidden: bot.isHidden,
		isSupportOpenline: bot.isSupportOpenline,
		isReactionsEnabled: bot.isReactionsEnabled,
		backgroundId: bot.backgroundId,
		language: 'en',
	};
	if (!extended) return s;
	return {
		...s,
		moduleId: 'rest',
		eventMode: bot.eventMode,
		countMessage: 0,
		countCommand: 0,
		countChat: 0,
		countUser: 0,
	};
}

function botWithCounts(ctx: CallContext, bot: BotRecord): Record<string, unknown> {
	const st = state(ctx);
	const chats = [...st.chats.values()].filter((c) => c.members.has(bot.id));
	return {
		...botView(bot, true),
		countMessage: [...st.messages.values()].filter((m) => m.authorId === bot.id && !m.deleted)
			.length,
		countCommand: [...st.commands.values()].filter((c) => c.botId === bot.id).length,
		countChat: chats.filter((c) => c.type === 'chat').length,
		countUser: chats.filter((c) => c.type === 'private').length,
	};
}

function botUser(bot: BotRecord): Record<string, unknown> {
	const p = bot.properties;
	return {
		id: bot.id,
		active: true,
		name: [p.name, p.lastName].filter(Boolean).join(' '),
		firstName: p.name,
		lastName: p.lastName,
		workPosition: p.workPosition,
		color: p.color,
		avatar: '',
		gender: p.gender,
		bot: true,
		connector: false,
		externalAuthId: 'bot',
		status: 'online',
		type: 'bot',
	};
}

function userViewOf(ctx: CallContext, id: number): Record<string, unknown> | undefined {
	const bot = state(ctx).bots.get(id);
	if (bot) return botUser(bot);
	const u = ctx.portal.store.users.find((x) => x.ID === id);
	if (!u) return undefined;
	return {
		id: u.ID,
		active: u.ACTIVE,
		name: [u.NAME, u.LAST_NAME].join(' '),
		firstName: u.NAME,
		lastName: u.LAST_NAME,
		workPosition: u.WORK_POSITION,
		color: '#ab7761',
		avatar: '',
		gender: u.PERSONAL_GENDER,
		bot: false,
		connector: false,
		externalAuthId: 'default',
		status: 'online',
		departments: [...u.UF_DEPARTMENT],
		type: 'employee',
	};
}

const isUser = (ctx: CallContext, id: number): boolean =>
	ctx.portal.store.users.some((u) => u.ID === id && u.ACTIVE);

function readProperties(raw: unknown, into: BotRecord['properties']): void {
	const p = obj(json(raw));
	if (p.name !== undefined) into.name = str(p.name);
	if (p.lastName !== undefined) into.lastName = str(p.lastName);
	if (p.workPosition !== undefined) into.workPosition = str(p.workPosition);
	if (p.gender !== undefined && ['M', 'F'].includes(str(p.gender).toUpperCase()))
		into.gender = str(p.gender).toUpperCase();
	if (p.color !== undefined && COLORS[str(p.color)]) into.color = COLORS[str(p.color)];
}

function checkTokenLength(token: string): void {
	// enforced since 06.08.2026 (bot-register.md)
	if (token.length > 40)
		throw err('BOT_TOKEN_INVALID_LENGTH', 'Bot token must not be longer than 40 characters');
}

function checkEventMode(mode: string, url: string): void {
	if (mode !== 'fetch' && mode !== 'webhook')
		throw err('BOT_INVALID_EVENT_MODE', 'Invalid event mode');
	if (mode === 'webhook' && !url) throw err('BOT_WEBHOOK_URL_REQUIRED', 'Webhook URL is required');
	if (url && !/^https?:\/\/\S+$/i.test(url))
		throw err('BOT_INVALID_CALLBACK', 'Invalid callback URL');
}

// ---- bots ----

const botMethods: MethodDef[] = [
	{
		name: 'imbot.v2.Bot.register',
		scope: 'imbot',
		handler: (ctx) => {
			const fields = obj(json(ctx.params.fields));
			const token = callerToken(ctx, fields.botToken);
			const code = str(fields.code).trim();
			if (!code) throw err('BOT_CODE_REQUIRED', 'Bot code is required');
			const props = obj(json(fields.properties));
			if (!str(props.name).trim())
				throw err('BOT_PROPERTIES_REQUIRED', 'Bot properties are required');
			const type = str(fields.type || 'bot');
			if (!TYPES.includes(type)) throw err('BOT_INVALID_TYPE', 'Invalid bot type');
			const eventMode = str(fields.eventMode || 'fetch');
			const webhookUrl = str(fields.webhookUrl).trim();
			checkEventMode(eventMode, webhookUrl);
			const botToken = token ?? (str(fields.botToken).trim() || undefined);
			if (botToken) checkTokenLength(botToken);
			const st = state(ctx);
			const sameCode = [...st.bots.values()].find((b) => b.code === code);
			if (sameCode) {
				// idempotent for the same application: the existing bot, unchanged
				if (owns(ctx, sameCode, token))
					return { result: { bot: botWithCounts(ctx, sameCode), users: [botUser(sameCode)] } };
				throw err('BOT_CODE_ALREADY_TAKEN', 'Bot code is already taken');
			}
			if ([...st.bots.values()].filter((b) => owns(ctx, b, token)).length >= BOT_SEED.maxBots) {
				throw err('BOT_LIMIT_EXCEEDED', 'Bot limit exceeded');
			}
			const bot: BotRecord = {
				id: st.next.bot++,
				code,
				type,
				eventMode: eventMode as BotRecord['eventMode'],
				webhookUrl,
				isHidden: bool(fields.isHidden, false),
				isReactionsEnabled: bool(fields.isReactionsEnabled, true),
				isSupportOpenline: bool(fields.isSupportOpenline, false),
				backgroundId: BACKGROUNDS.includes(str(fields.backgroundId))
					? str(fields.backgroundId)
					: null,
				token: botToken,
				clientId: ctx.auth.kind === 'oauth' ? ctx.auth.clientId : undefined,
				properties: { name: '', lastName: '', workPosition: '', color: COLORS.mint, gender: 'M' },
			};
			readProperties(props, bot.properties);
			st.bots.set(bot.id, bot);
			return { result: { bot: botWithCounts(ctx, bot), users: [botUser(bot)] } };
		},
	},
	{
		name: 'imbot.v2.Bot.update',
		scope: 'imbot',
		handler: (ctx) => {
			const bot = ownedBot(ctx);
			const fields = obj(json(ctx.params.fields));
			const eventMode = fields.eventMode !== undefined ? str(fields.eventMode) : bot.eventMode;
			const webhookUrl =
				fields.webhookUrl !== undefined ? str(fields.webhookUrl).trim() : bot.webhookUrl;
			checkEventMode(eventMode, eventMode === 'webhook' ? webhookUrl : '');
			const newToken = str(fields.botToken).trim();
			if (newToken) {
				checkTokenLength(newToken);
				const taken = [...state(ctx).bots.values()].some(
					(b) => b.id !== bot.id && b.token === newToken,
				);
				if (taken) throw err('BOT_TOKEN_ROTATION_FAILED', 'Bot token rotation failed');
			}
			if (fields.properties !== undefined) readProperties(fields.properties, bot.properties);
			if (fields.isHidden !== undefined) bot.isHidden = bool(fields.isHidden, bot.isHidden);
			if (fields.isReactionsEnabled !== undefined)
				bot.isReactionsEnabled = bool(fields.isReactionsEnabled, bot.isReactionsEnabled);
			if (fields.isSupportOpenline !== undefined)
				bot.isSupportOpenline = bool(fields.isSupportOpenline, bot.isSupportOpenline);
			if ('backgroundId' in fields)
				bot.backgroundId = BACKGROUNDS.includes(str(fields.backgroundId))
					? str(fields.backgroundId)
					: null;
			bot.eventMode = eventMode as BotRecord['eventMode'];
			bot.webhookUrl = webhookUrl;
			// the old token loses access at once
			if (newToken) bot.token = newToken;
			return { result: { bot: botWithCounts(ctx, bot), users: [botUser(bot)] } };
		},
	},
	{
		name: 'imbot.v2.Bot.unregister',
		scope: 'imbot',
		handler: (ctx) => {
			const bot = ownedBot(ctx);
			const st = state(ctx);
			st.bots.delete(bot.id);
			for (const [id, command] of st.commands) if (command.botId === bot.id) st.commands.delete(id);
			for (const chat of st.chats.values()) {
				chat.members.delete(bot.id);
				chat.managers.delete(bot.id);
			}
			return { result: { result: true } };
		},
	},
	{
		name: 'imbot.v2.Bot.get',
		scope: 'imbot',
		handler: (ctx) => {
			const token = callerToken(ctx, ctx.params.botToken);
			const id = phpInt(ctx.params.botId);
			const code = str(ctx.params.code).trim();
			if (id <= 0 && !code) throw err('PARAMS_REQUIRED', 'Required parameters are missing');
			const bot =
				id > 0
					? state(ctx).bots.get(id)
					: [...state(ctx).bots.values()].find((b) => b.code === code);
			if (!bot) throw err('BOT_NOT_FOUND', 'Bot not found');
			// the owner gets the extended format, other applications the brief one
			const mine = owns(ctx, bot, token);
			return {
				result: {
					bot: mine ? botWithCounts(ctx, bot) : botView(bot, false),
					users: [botUser(bot)],
				},
			};
		},
	},
	{
		name: 'imbot.v2.Bot.list',
		scope: 'imbot',
		handler: (ctx) => {
			const token = callerToken(ctx, ctx.params.botToken);
			const type = str(obj(json(ctx.params.filter)).type);
			const limit = phpInt(ctx.params.limit) > 0 ? phpInt(ctx.params.limit) : 50;
			const offset = Math.max(0, phpInt(ctx.params.offset));
			const mine = [...state(ctx).bots.values()]
				.filter((b) => owns(ctx, b, token) && (!type || b.type === type))
				.sort((a, b) => a.id - b.id);
			const page = mine.slice(offset, offset + limit);
			return {
				result: {
					bots: page.map((b) => botWithCounts(ctx, b)),
					users: page.map(botUser),
					hasNextPage: offset + limit < mine.length,
				},
			};
		},
	},
];

// ---- chats ----

/** dialogId: `chat<N>` for the bot's group chats, a user id for its private dialog (made on first use). */
function dialogChat(
	ctx: CallContext,
	bot: BotRecord,
	dialogId: unknown,
	create = true,
): BotChat | undefined {
	const text = str(dialogId).trim().toLowerCase();
	const st = state(ctx);
	if (/^chat\d+$/.test(text)) return st.chats.get(Number(text.slice(4)));
	if (!/^\d+$/.test(text)) return undefined;
	const userId = Number(text);
	const existing = [...st.chats.values()].find(
		(c) => c.type === 'private' && c.members.has(bot.id) && c.members.has(userId),
	);
	if (existing || !create || !isUser(ctx, userId)) return existing;
	const chat: BotChat = {
		id: st.next.chat++,
		type: 'private',
		title: '',
		description: '',
		color: COLORS.mint,
		ownerId: 0,
		members: new Set([bot.id, userId]),
		managers: new Set(),
		dateCreate: Date.now(),
	};
	st.chats.set(chat.id, chat);
	return chat;
}

/** The chat of dialogId with the bot in it, or ACCESS_DENIED. */
function memberChat(ctx: CallContext, bot: BotRecord): BotChat {
	const chat = dialogChat(ctx, bot, ctx.params.dialogId);
	if (!chat || !chat.members.has(bot.id)) throw accessDenied();
	return chat;
}

/** The bot must administer the chat (owner or manager) to change its members. */
function adminChat(ctx: CallContext, bot: BotRecord): BotChat {
	const chat = memberChat(ctx, bot);
	if (chat.type !== 'chat' || (chat.ownerId !== bot.id && !chat.managers.has(bot.id)))
		throw accessDenied();
	return chat;
}

/** Manager and owner changes: only the chat's owner may make them. */
function ownerChat(ctx: CallContext, bot: BotRecord): BotChat {
	const chat = memberChat(ctx, bot);
	if (chat.type !== 'chat' || chat.ownerId !== bot.id) throw accessDenied();
	return chat;
}

function chatView(ctx: CallContext, chat: BotChat, bot: BotRecord): Record<string, unknown> {
	const messages = [...state(ctx).messages.values()].filter(
		(m) => m.chatId === chat.id && !m.deleted,
	);
	const last = messages.length ? Math.max(...messages.map((m) => m.id)) : 0;
	const other = [...chat.members].find((u) => u !== bot.id) ?? 0;
	return {
		id: chat.id,
		dialogId: chat.type === 'chat' ? `chat${chat.id}` : String(other),
		name: chat.type === 'chat' ? chat.title : str(userViewOf(ctx, other)?.name),
		description: chat.description,
		type: chat.type,
		messageType: chat.type === 'chat' ? 'C' : 'P',
		owner: chat.ownerId,
		color: chat.color,
		avatar: '',
		extranet: false,
		role: chat.ownerId === bot.id ? 'owner' : chat.managers.has(bot.id) ? 'manager' : 'member',
		managerList: [...chat.managers],
		muteList: [],
		dateCreate: isoDate(chat.dateCreate),
		lastMessageId: last,
		messageCount: messages.length,
		userCounter: chat.members.size,
	};
}

function postMessage(
	ctx: CallContext,
	chat: BotChat,
	authorId: number,
	fields: Record<string, unknown>,
): BotMessage {
	const st = state(ctx);
	let text = str(fields.message);
	if (text.length > BOT_SEED.maxMessage) text = `${text.slice(0, BOT_SEED.maxMessage)} (...)`;
	const attach = json(fields.attach);
	const keyboard = json(fields.keyboard);
	const hasAttach = (Array.isArray(attach) && attach.length > 0) || isObject(attach);
	if (!text.trim() && !hasAttach) throw err('EMPTY_MESSAGE', 'Message is empty');
	const system = bool(fields.system, false);
	const message: BotMessage = {
		id: st.next.message++,
		chatId: chat.id,
		// system messages have authorId 0 (chat-message-delete.md)
		authorId: system ? 0 : authorId,
		text,
		attach: hasAttach ? attach : undefined,
		keyboard: keyboard === undefined || keyboard === '' ? undefined : keyboard,
		urlPreview: bool(fields.urlPreview, true),
		system,
		replyId: phpInt(fields.replyId) || undefined,
		deleted: false,
	};
	st.messages.set(message.id, message);
	return message;
}

/** A user writing in a bot's dialog, as the tests need it (a slash command, a question). */
export function userWrites(store: Store, botId: number, userId: number, text: string): BotMessage {
	const st = chatBotsState(store);
	let chat = [...st.chats.values()].find(
		(c) => c.type === 'private' && c.members.has(botId) && c.members.has(userId),
	);
	if (!chat) {
		chat = {
			id: st.next.chat++,
			type: 'private',
			title: '',
			description: '',
			color: COLORS.mint,
			ownerId: 0,
			members: new Set([botId, userId]),
			managers: new Set(),
			dateCreate: Date.now(),
		};
		st.chats.set(chat.id, chat);
	}
	const message: BotMessage = {
		id: st.next.message++,
		chatId: chat.id,
		authorId: userId,
		text,
		urlPreview: true,
		system: false,
		deleted: false,
	};
	st.messages.set(message.id, message);
	return message;
}

function idsOf(value: unknown): number[] {
	const raw = json(value);
	const list = Array.isArray(raw) ? raw : isObject(raw) ? Object.values(raw) : str(raw).split(',');
	return list.map((v) => phpInt(v)).filter((v) => v > 0);
}

const chatMethods: MethodDef[] = [
	{
		name: 'imbot.v2.Chat.add',
		scope: 'imbot',
		handler: (ctx) => {
			const bot = ownedBot(ctx);
			const fields = obj(json(ctx.params.fields));
			const st = state(ctx);
			const users = idsOf(fields.userIds).filter((id) => isUser(ctx, id));
			const ownerId =
				phpInt(fields.ownerId) > 0 && isUser(ctx, phpInt(fields.ownerId))
					? phpInt(fields.ownerId)
					: bot.id;
			const chat: BotChat = {
				id: st.next.chat++,
				type: 'chat',
				title: str(fields.title),
				description: str(fields.description),
				color: COLORS[str(fields.color)] ?? COLORS.mint,
				ownerId,
				members: new Set([bot.id, ownerId, ...users]),
				managers: new Set(),
				dateCreate: Date.now(),
			};
			st.chats.set(chat.id, chat);
			if (str(fields.message).trim()) postMessage(ctx, chat, bot.id, { message: fields.message });
			return {
				result: {
					chat: chatView(ctx, chat, bot),
					users: [...chat.members].map((id) => userViewOf(ctx, id)).filter(Boolean),
				},
			};
		},
	},
	{
		name: 'imbot.v2.Chat.get',
		scope: 'imbot',
		handler: (ctx) => {
			const bot = ownedBot(ctx);
			return { result: { chat: chatView(ctx, memberChat(ctx, bot), bot) } };
		},
	},
	{
		name: 'imbot.v2.Chat.leave',
		scope: 'imbot',
		handler: (ctx) => {
			const bot = ownedBot(ctx);
			const chat = memberChat(ctx, bot);
			if (chat.type !== 'chat') throw accessDenied();
			chat.members.delete(bot.id);
			chat.managers.delete(bot.id);
			return { result: { result: true } };
		},
	},
	{
		name: 'imbot.v2.Chat.update',
		scope: 'imbot',
		handler: (ctx) => {
			const bot = ownedBot(ctx);
			const chat = memberChat(ctx, bot);
			const fields = obj(json(ctx.params.fields));
			if (fields.title !== undefined) chat.title = str(fields.title);
			if (fields.description !== undefined) chat.description = str(fields.description);
			if (fields.color !== undefined && COLORS[str(fields.color)])
				chat.color = COLORS[str(fields.color)];
			return { result: { result: true } };
		},
	},
	{
		name: 'imbot.v2.Chat.Manager.add',
		scope: 'imbot',
		handler: (ctx) => {
			const bot = ownedBot(ctx);
			const ids = idsOf(ctx.params.userIds);
			if (!ids.length) throw err('EMPTY_USER_IDS', 'Empty user IDs');
			const chat = ownerChat(ctx, bot);
			// users who are not members are ignored without an error
			for (const id of ids) if (chat.members.has(id)) chat.managers.add(id);
			return { result: { result: true } };
		},
	},
	{
		name: 'imbot.v2.Chat.Manager.delete',
		scope: 'imbot',
		handler: (ctx) => {
			const bot = ownedBot(ctx);
			const ids = idsOf(ctx.params.userIds);
			if (!ids.length) throw err('EMPTY_USER_IDS', 'Empty user IDs');
			const chat = ownerChat(ctx, bot);
			for (const id of ids) chat.managers.delete(id);
			return { result: { result: true } };
		},
	},
	{
		name: 'imbot.v2.Chat.setOwner',
		scope: 'imbot',
		handler: (ctx) => {
			const bot = ownedBot(ctx);
			const chat = ownerChat(ctx, bot);
			const userId = phpInt(ctx.params.userId);
			// the docs name no other error: a new owner who is no member of the chat is refused the same way
			if (!chat.members.has(userId) || userId === bot.id) throw accessDenied();
			chat.ownerId = userId;
			return { result: { result: true } };
		},
	},
	{
		name: 'imbot.v2.Chat.User.add',
		scope: 'imbot',
		handler: (ctx) => {
			const bot = ownedBot(ctx);
			const chat = adminChat(ctx, bot);
			// users who do not exist or are inactive are ignored without an error
			for (const id of idsOf(ctx.params.userIds)) if (isUser(ctx, id)) chat.members.add(id);
			return { result: { result: true } };
		},
	},
	{
		name: 'imbot.v2.Chat.User.delete',
		scope: 'imbot',
		handler: (ctx) => {
			const bot = ownedBot(ctx);
			const chat = adminChat(ctx, bot);
			const userId = phpInt(ctx.params.userId);
			if (userId !== bot.id) {
				chat.members.delete(userId);
				chat.managers.delete(userId);
			}
			return { result: { result: true } };
		},
	},
	{
		name: 'imbot.v2.Chat.User.list',
		scope: 'imbot',
		handler: (ctx) => {
			const bot = ownedBot(ctx);
			const chat = memberChat(ctx, bot);
			const order = obj(json(ctx.params.order));
			const direction = str(order.id ?? order.userId ?? 'ASC').toUpperCase() === 'DESC' ? -1 : 1;
			const limit = Math.min(200, phpInt(ctx.params.limit) > 0 ? phpInt(ctx.params.limit) : 50);
			const ids = [...chat.members].sort((a, b) => (a - b) * direction).slice(0, limit);
			return { result: ids.map((id) => userViewOf(ctx, id)).filter(Boolean) };
		},
	},
];

// ---- messages ----

const messageMethods: MethodDef[] = [
	{
		name: 'imbot.v2.Chat.Message.send',
		scope: 'imbot',
		handler: (ctx) => {
			const bot = ownedBot(ctx);
			const chat = memberChat(ctx, bot);
			const message = postMessage(ctx, chat, bot.id, obj(json(ctx.params.fields)));
			return { result: { id: message.id, uuidMap: {} } };
		},
	},
	{
		name: 'imbot.v2.Chat.Message.update',
		scope: 'imbot',
		handler: (ctx) => {
			const bot = ownedBot(ctx);
			const message = state(ctx).messages.get(phpInt(ctx.params.messageId));
			// only the bot's own messages (system ones have authorId 0)
			if (!message || message.deleted || message.authorId !== bot.id) throw accessDenied();
			const fields = obj(json(ctx.params.fields));
			if (fields.message !== undefined)
				message.text = str(fields.message).slice(0, BOT_SEED.maxMessage);
			if (fields.attach !== undefined) message.attach = json(fields.attach);
			if (fields.keyboard !== undefined)
				message.keyboard =
					str(fields.keyboard).toUpperCase() === 'N' ? undefined : json(fields.keyboard);
			if (fields.urlPreview !== undefined) message.urlPreview = bool(fields.urlPreview, true);
			return { result: { result: true } };
		},
	},
	{
		name: 'imbot.v2.Chat.Message.delete',
		scope: 'imbot',
		handler: (ctx) => {
			const bot = ownedBot(ctx);
			const st = state(ctx);
			const message = st.messages.get(phpInt(ctx.params.messageId));
			if (!message || message.deleted) throw accessDenied();
			const chat = st.chats.get(message.chatId);
			const admin = !!chat && (chat.ownerId === bot.id || chat.managers.has(bot.id));
			if (message.authorId !== bot.id && !admin) throw accessDenied();
			if (bool(ctx.params.complete, false)) st.messages.delete(message.id);
			else message.deleted = true;
			return { result: { result: true } };
		},
	},
];

// ---- commands ----

function langMap(value: unknown): Record<string, string> {
	const map: Record<string, string> = {};
	for (const [lang, text] of Object.entries(obj(json(value))))
		if (text !== null && text !== undefined) map[lang.toLowerCase()] = str(text);
	return map;
}

const commandView = (c: BotCommand): Record<string, unknown> => ({
	id: c.id,
	botId: c.botId,
	command: `/${c.command}`,
	common: c.common,
	hidden: c.hidden,
	extranetSupport: c.extranetSupport,
});

function ownedCommand(ctx: CallContext, bot: BotRecord): BotCommand {
	const command = state(ctx).commands.get(phpInt(ctx.params.commandId));
	if (!command || command.botId !== bot.id) throw err('COMMAND_NOT_FOUND', 'Command not found');
	return command;
}

const commandMethods: MethodDef[] = [
	{
		name: 'imbot.v2.Command.register',
		scope: 'imbot',
		handler: (ctx) => {
			const bot = ownedBot(ctx);
			const fields = obj(json(ctx.params.fields));
			if (fields.command === undefined || fields.command === '')
				throw err('COMMAND_REQUIRED', 'Command is required');
			if (typeof fields.command !== 'string')
				throw err('COMMAND_NAME_INVALID', 'Command name is invalid');
			const name = fields.command.trim().replace(/^\//, '');
			const hidden = bool(fields.hidden, false);
			const title = langMap(fields.title);
			if (!hidden && !Object.keys(title).length)
				throw err('COMMAND_TITLE_REQUIRED', 'Command title is required');
			const st = state(ctx);
			// idempotent: the same command of the same bot comes back unchanged
			const existing = [...st.commands.values()].find(
				(c) => c.botId === bot.id && c.command === name,
			);
			if (existing) return { result: { command: commandView(existing) } };
			const command: BotCommand = {
				id: st.next.command++,
				botId: bot.id,
				command: name,
				title,
				params: langMap(fields.params),
				common: bool(fields.common, false),
				hidden,
				extranetSupport: bool(fields.extranetSupport, false),
			};
			st.commands.set(command.id, command);
			return { result: { command: commandView(command) } };
		},
	},
	{
		name: 'imbot.v2.Command.update',
		scope: 'imbot',
		handler: (ctx) => {
			const bot = ownedBot(ctx);
			const command = ownedCommand(ctx, bot);
			const fields = obj(json(ctx.params.fields));
			if (typeof fields.command === 'string' && fields.command.trim())
				command.command = fields.command.trim().replace(/^\//, '');
			// a string sets a translation, null removes it, a missing key leaves it
			for (const [key, target] of [
				['title', command.title],
				['params', command.params],
			] as const) {
				for (const [lang, text] of Object.entries(obj(json(fields[key])))) {
					if (text === null || text === '') delete target[lang.toLowerCase()];
					else target[lang.toLowerCase()] = str(text);
				}
			}
			if (fields.common !== undefined) command.common = bool(fields.common, command.common);
			if (fields.hidden !== undefined) command.hidden = bool(fields.hidden, command.hidden);
			if (fields.extranetSupport !== undefined)
				command.extranetSupport = bool(fields.extranetSupport, command.extranetSupport);
			return { result: { command: commandView(command) } };
		},
	},
	{
		name: 'imbot.v2.Command.unregister',
		scope: 'imbot',
		handler: (ctx) => {
			const bot = ownedBot(ctx);
			state(ctx).commands.delete(ownedCommand(ctx, bot).id);
			return { result: { result: true } };
		},
	},
	{
		name: 'imbot.v2.Command.list',
		scope: 'imbot',
		handler: (ctx) => {
			const bot = ownedBot(ctx);
			const commands = [...state(ctx).commands.values()]
				.filter((c) => c.botId === bot.id)
				.sort((a, b) => a.id - b.id);
			return {
				result: {
					commands: commands.map((c) => ({
						...commandView(c),
						title: c.title.en ?? Object.values(c.title)[0] ?? '',
						params: c.params.en ?? Object.values(c.params)[0] ?? '',
						category: bot.properties.name,
						context: '',
					})),
				},
			};
		},
	},
	{
		name: 'imbot.v2.Command.answer',
		scope: 'imbot',
		handler: (ctx) => {
			const bot = ownedBot(ctx);
			const st = state(ctx);
			const failed = () => err('COMMAND_ANSWER_FAILED', 'Command answer failed');
			const command = st.commands.get(phpInt(ctx.params.commandId));
			const message = st.messages.get(phpInt(ctx.params.messageId));
			// the command token: the message must call this bot's command, and the dialog must be the message's
			if (!command || command.botId !== bot.id || !message || message.deleted) throw failed();
			if (!message.text.trim().toLowerCase().startsWith(`/${command.command.toLowerCase()}`))
				throw failed();
			const chat = st.chats.get(message.chatId)!;
			const dialog =
				chat.type === 'chat'
					? `chat${chat.id}`
					: String([...chat.members].find((u) => u !== bot.id) ?? '');
			if (str(ctx.params.dialogId).trim().toLowerCase() !== dialog) throw failed();
			postMessage(ctx, chat, bot.id, obj(json(ctx.params.fields)));
			return { result: { result: true } };
		},
	},
];

// ---- files ----

/**
 * The chat's Drive folder. Bitrix24 keeps chat files in the messenger's own storage; the test
 * portal has none, so a folder per chat in the shared documents stands in for it.
 */
function chatFolder(ctx: CallContext, chat: BotChat): number {
	const st = state(ctx);
	const known = st.chatFolders.get(chat.id);
	if (known !== undefined && driveState(ctx.portal.store).objects.has(known)) return known;
	let folder: number;
	try {
		folder = addDriveFolder(ctx.portal.store, BOT_SEED.fileStorageRoot, `Chat ${chat.id}`);
	} catch {
		throw err('FILE_FOLDER_ERROR', 'Failed to get chat folder');
	}
	st.chatFolders.set(chat.id, folder);
	return folder;
}

/** Strict base64 (the docs: only the string, no `data:*\/*;base64,` prefix). */
function decodeBase64(value: string): Buffer | undefined {
	const text = value.replace(/\s+/g, '');
	if (!text || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
	return Buffer.from(text, 'base64');
}

/** A Drive download link as disk.ts hands them out to this caller (the Drive's download route serves it). */
function driveLink(ctx: CallContext, fileId: number): string {
	const drive = driveState(ctx.portal.store);
	const token = encodeURIComponent(drive.objects.get(fileId)?.downloadToken ?? '');
	const base = drive.publicUrl ?? ctx.portal.url;
	if (ctx.auth.kind === 'oauth')
		return `${base}/rest/download.json?auth=${ctx.auth.accessToken ?? ''}&token=${token}`;
	return drive.webhookPath
		? `${base}${drive.webhookPath}download/?token=${token}`
		: `${base}/rest/download.json?token=${token}`;
}

const fileMethods: MethodDef[] = [
	{
		// files/file-upload.md: Drive upload, attach to the chat and the message in one call
		name: 'imbot.v2.File.upload',
		scope: 'imbot',
		handler: (ctx) => {
			const bot = ownedBot(ctx);
			const fields = obj(json(ctx.params.fields));
			const name = str(fields.name).trim();
			const raw = str(fields.content);
			if (!name || !raw.trim()) throw err('FILE_EMPTY', 'File name or content is empty');
			const content = decodeBase64(raw);
			if (!content) throw err('FILE_INVALID_CONTENT', 'Invalid base64 content');
			if (content.length > BOT_SEED.maxFileBytes) throw err('FILE_TOO_LARGE', 'File too large');
			// the page lists no error for a chat the bot is not in: ACCESS_DENIED, as the other
			// imbot.v2 chat methods answer
			const chat = memberChat(ctx, bot);
			const folder = chatFolder(ctx, chat);
			const st = state(ctx);
			const fileId = addDriveFile(ctx.portal.store, folder, name, content, bot.id);
			st.files.set(fileId, chat.id);
			let text = str(fields.message);
			if (text.length > BOT_SEED.maxMessage) text = text.slice(0, BOT_SEED.maxMessage);
			const message: BotMessage = {
				id: st.next.message++,
				chatId: chat.id,
				authorId: bot.id,
				text,
				urlPreview: true,
				system: false,
				fileIds: [fileId],
				deleted: false,
			};
			st.messages.set(message.id, message);
			const dot = name.lastIndexOf('.');
			const dialogId = chatView(ctx, chat, bot).dialogId;
			return {
				result: {
					file: {
						id: fileId,
						chatId: chat.id,
						name,
						extension: dot > 0 ? name.slice(dot + 1).toLowerCase() : '',
						size: content.length,
					},
					messageId: message.id,
					chatId: chat.id,
					dialogId,
				},
			};
		},
	},
	{
		// files/file-download.md: a link to the file; it is served by the Drive's download route
		name: 'imbot.v2.File.download',
		scope: 'imbot',
		handler: (ctx) => {
			const bot = ownedBot(ctx);
			const fileId = phpInt(ctx.params.fileId);
			const file = driveState(ctx.portal.store).objects.get(fileId);
			if (fileId <= 0 || !file || file.TYPE !== 'file' || file.DELETED_TYPE !== 0)
				throw err('FILE_NOT_FOUND', 'File not found');
			// the bot reaches the files of the chats it is in (the docs: "No permission to download
			// the file" otherwise); a Drive file never sent to a chat is not the bot's either
			const chatId = state(ctx).files.get(fileId);
			const chat = chatId === undefined ? undefined : state(ctx).chats.get(chatId);
			if (!chat || !chat.members.has(bot.id)) throw err('FILE_ACCESS_ERROR', 'File access error');
			return { result: { downloadUrl: driveLink(ctx, fileId) } };
		},
	},
];

export const methods: MethodDef[] = [
	...botMethods,
	...chatMethods,
	...messageMethods,
	...commandMethods,
	...fileMethods,
];
