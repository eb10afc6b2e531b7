/**
 * The messenger's data on one portal: chats (group, open and private), messages, notifications,
 * statuses and the Drive files a chat can be sent. Seeded deterministically from IM_SEED on first use.
 */
import { isoDate, RestError } from '../../envelope';
import { isObject, phpInt } from '../../php-query';
import type { CallContext } from '../../registry';
import { SEED_BASE_MS } from '../../seed';
import type { Store, User } from '../../store';

export interface ImMember {
	userId: number;
	/** first message id this member may see (HIDE_HISTORY) */
	startId: number;
	/** last message id this member has read */
	lastRead: number;
	muted: boolean;
}

export interface ImChat {
	id: number;
	type: 'chat' | 'open' | 'private';
	title: string;
	description: string;
	color: string;
	ownerId: number;
	entityType: string;
	entityId: string;
	/** base64 of the image set as avatar, '' when none */
	avatarData: string;
	avatarVersion: number;
	members: Map<number, ImMember>;
	dateCreate: number;
}

export interface ImFile {
	id: number;
	name: string;
	size: number;
}

export interface ImMessage {
	id: number;
	chatId: number;
	authorId: number;
	text: string;
	date: number;
	system: boolean;
	attach?: unknown;
	keyboard?: unknown;
	menu?: unknown;
	urlPreview: boolean;
	replyId?: number;
	likes: number[];
	edited: boolean;
	deleted: boolean;
	/** Drive ids of the chat's copies of files sent with the message */
	fileIds: number[];
}

export interface ImNotification {
	id: number;
	type: 'personal' | 'system';
	toUserId: number;
	fromUserId: number;
	message: string;
	messageOut: string;
	/** tags as the server stores them: per application (`MP|<appKey>|<tag>`), '' when none */
	tag: string;
	subTag: string;
	attach?: unknown;
	date: number;
}

export interface ImState {
	chats: Map<number, ImChat>;
	messages: Map<number, ImMessage>;
	notifications: Map<number, ImNotification>;
	statuses: Map<number, string>;
	/** files on Drive that im.disk.file.commit can send, by Drive id */
	driveFiles: Map<number, ImFile>;
	/** copies made in chat folders by im.disk.file.commit */
	chatFiles: Map<number, ImFile & { chatId: number; authorId: number; date: number }>;
	/** "user is typing" signals sent with im.dialog.writing */
	writing: Array<{ dialogId: string; chatId: number; userId: number }>;
	nextChatId: number;
	nextMessageId: number;
	nextNotificationId: number;
	nextDiskId: number;
}

/** Chat colours by name and the HEX the server shows for them. */
export const CHAT_COLORS: Record<string, string> = {
	RED: '#df532d',
	GREEN: '#64a513',
	MINT: '#4ba984',
	LIGHT_BLUE: '#4ba5c3',
	DARK_BLUE: '#3e99ce',
	PURPLE: '#8474c8',
	AQUA: '#1eb4aa',
	PINK: '#f76187',
	LIME: '#58cc47',
	BROWN: '#ab7761',
	AZURE: '#29619b',
	KHAKI: '#728f7a',
	SAND: '#ba9c7b',
	MARENGO: '#556574',
	GRAY: '#909090',
	GRAPHITE: '#3e4857',
};

export const USER_STATUSES = ['online', 'dnd', 'away', 'break'];

/** The seeded messenger: one group chat, one private dialog (users 1 and 2), two Drive files. */
export const IM_SEED = {
	groupChat: {
		id: 1,
		title: 'Sales team',
		description: 'Deals and leads',
		color: 'MINT',
		ownerId: 1,
		users: [1, 2, 3],
	},
	privateChat: { id: 2, users: [1, 2] },
	messages: [
		{ id: 1, chatId: 1, authorId: 1, text: 'Welcome to the sales team chat' },
		{ id: 2, chatId: 1, authorId: 2, text: 'Hi all' },
		{ id: 3, chatId: 1, authorId: 3, text: 'Pipeline review at 10:00' },
		{ id: 4, chatId: 2, authorId: 2, text: 'Can you check deal #1?' },
	],
	/** what each seeded member has read: user 1 has read the group chat, not the private message */
	lastRead: { 1: { 1: 3, 2: 0 }, 2: { 1: 2, 2: 4 }, 3: { 1: 3 } } as Record<
		number,
		Record<number, number>
	>,
	driveFiles: [
		{ id: 701, name: 'price-list.pdf', size: 48213 },
		{ id: 702, name: 'logo.png', size: 2144 },
	],
	/** the Drive folder of chat N is FOLDER_BASE + N */
	folderBase: 5000,
	/** chat copies of Drive files get ids from here */
	firstDiskId: 9001,
} as const;

export const seedMessageMs = (id: number): number => SEED_BASE_MS + id * 60_000;

function createState(): ImState {
	const state: ImState = {
		chats: new Map(),
		messages: new Map(),
		notifications: new Map(),
		statuses: new Map(),
		driveFiles: new Map(IM_SEED.driveFiles.map((f) => [f.id, { ...f }])),
		chatFiles: new Map(),
		writing: [],
		nextChatId: 3,
		nextMessageId: IM_SEED.messages.length + 1,
		nextNotificationId: 1,
		nextDiskId: IM_SEED.firstDiskId,
	};
	const member = (chatId: number, userId: number): ImMember => ({
		userId,
		startId: 0,
		lastRead: IM_SEED.lastRead[userId]?.[chatId] ?? 0,
		muted: false,
	});
	const g = IM_SEED.groupChat;
	state.chats.set(g.id, {
		id: g.id,
		type: 'chat',
		title: g.title,
		description: g.description,
		color: g.color,
		ownerId: g.ownerId,
		entityType: '',
		entityId: '',
		avatarData: '',
		avatarVersion: 0,
		members: new Map(g.users.map((u) => [u, member(g.id, u)])),
		dateCreate: SEED_BASE_MS,
	});
	const p = IM_SEED.privateChat;
	state.chats.set(p.id, {
		id: p.id,
		type: 'private',
		title: '',
		description: '',
		color: '',
		ownerId: 0,
		entityType: '',
		entityId: '',
		avatarData: '',
		avatarVersion: 0,
		members: new Map(p.users.map((u) => [u, member(p.id, u)])),
		dateCreate: SEED_BASE_MS,
	});
	for (const m of IM_SEED.messages) {
		state.messages.set(m.id, {
			...m,
			date: seedMessageMs(m.id),
			system: false,
			urlPreview: true,
			likes: [],
			edited: false,
			deleted: false,
			fileIds: [],
		});
	}
	return state;
}

export function imState(store: Store): ImState {
	return store.area('im', createState);
}

/** A file that exists on the portal's Drive, so im.disk.file.commit can send it (tests, other modules). */
export function registerDriveFile(store: Store, file: ImFile): void {
	imState(store).driveFiles.set(file.id, { ...file });
}

// ---- errors: RestException(message, code, status) as the im module raises them ----

export const imError = (code: string, description: string, status = 400): RestError =>
	new RestError(status, code, description);
export const dialogIdEmpty = (): RestError =>
	imError('DIALOG_ID_EMPTY', "Dialog ID can't be empty");
export const chatIdEmpty = (): RestError => imError('CHAT_ID_EMPTY', "Chat ID can't be empty");
export const userIdEmpty = (): RestError => imError('USER_ID_EMPTY', "User ID can't be empty");
export const noDialogAccess = (): RestError =>
	imError('ACCESS_ERROR', 'You do not have access to the specified dialog', 403);

// ---- parameters ----

export function upper(ctx: CallContext, name: string): unknown {
	const value = ctx.params[name];
	if (value !== undefined) return value;
	for (const [k, v] of Object.entries(ctx.params)) if (k.toUpperCase() === name) return v;
	return undefined;
}

export function text(value: unknown): string {
	if (value === undefined || value === null) return '';
	return typeof value === 'string' ? value : String(value);
}

/** An id list as PHP sees it: an array, an object of values, a JSON string or a single value. */
export function idList(value: unknown): number[] {
	let v = value;
	if (typeof v === 'string') {
		const s = v.trim();
		if (s.startsWith('[')) {
			try {
				v = JSON.parse(s) as unknown;
			} catch {
				return [];
			}
		}
	}
	const list = Array.isArray(v)
		? v
		: isObject(v)
			? Object.values(v)
			: v === undefined || v === null || v === ''
				? []
				: [v];
	return list.map(phpInt).filter((id) => id > 0);
}

/** `CUtil::JsObjectToPhp` for ATTACH / KEYBOARD / MENU: a JSON string becomes its value. */
export function jsonParam(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value) as unknown;
	} catch {
		return value;
	}
}

/** ATTACH as `CIMMessageParamAttach::GetAttachByJson` checks it (at most 60,000 characters). */
export function readAttach(value: unknown): unknown {
	if (value === undefined || value === null || value === '') return undefined;
	const attach = jsonParam(value);
	const ok =
		(Array.isArray(attach) && attach.length > 0) ||
		(isObject(attach) && Object.keys(attach).length > 0);
	if (!ok) throw imError('ATTACH_ERROR', 'Incorrect attach params');
	if (JSON.stringify(attach).length > 60_000) {
		throw imError('ATTACH_OVERSIZE', 'You have exceeded the maximum allowable size of attach');
	}
	return attach;
}

// ---- dialogs ----

export function isDialogId(value: unknown): boolean {
	return /^(chat\d+|sg\d+|\d+)$/i.test(text(value).trim());
}

export function userById(ctx: CallContext, id: number): User | undefined {
	return ctx.portal.store.users.find((u) => u.ID === id);
}

function privateChat(ctx: CallContext, a: number, b: number): ImChat {
	const state = imState(ctx.portal.store);
	for (const chat of state.chats.values()) {
		if (
			chat.type === 'private' &&
			chat.members.has(a) &&
			chat.members.has(b) &&
			chat.members.size === (a === b ? 1 : 2)
		)
			return chat;
	}
	const id = state.nextChatId++;
	const chat: ImChat = {
		id,
		type: 'private',
		title: '',
		description: '',
		color: '',
		ownerId: 0,
		entityType: '',
		entityId: '',
		avatarData: '',
		avatarVersion: 0,
		members: new Map([a, b].map((u) => [u, { userId: u, startId: 0, lastRead: 0, muted: false }])),
		dateCreate: Date.now(),
	};
	state.chats.set(id, chat);
	return chat;
}

/**
 * The chat behind a DIALOG_ID the current user may see: `chatN` (a member), `sgN` (a workgroup chat;
 * none exist on this portal) or a user id (the private dialog with that user, made on first use).
 */
export function dialogChat(ctx: CallContext, dialogId: unknown): ImChat {
	const raw = text(dialogId).trim().toLowerCase();
	if (!isDialogId(raw)) throw dialogIdEmpty();
	const state = imState(ctx.portal.store);
	if (raw.startsWith('chat')) {
		const chat = state.chats.get(Number(raw.slice(4)));
		if (!chat || !chat.members.has(ctx.auth.userId)) throw noDialogAccess();
		return chat;
	}
	if (raw.startsWith('sg')) throw noDialogAccess();
	const userId = Number(raw);
	if (!userById(ctx, userId)) throw noDialogAccess();
	return privateChat(ctx, ctx.auth.userId, userId);
}

/** The chat of a DIALOG_ID (any form the user may see) or, without one, of CHAT_ID (not checked for access). */
export function dialogOrChatId(ctx: CallContext): number {
	const dialogId = upper(ctx, 'DIALOG_ID');
	if (dialogId !== undefined) return dialogChat(ctx, dialogId).id;
	const chatId = phpInt(upper(ctx, 'CHAT_ID'));
	if (chatId <= 0) throw chatIdEmpty();
	return chatId;
}

/** CHAT_ID, or DIALOG_ID in the `chatN` form (the only form chat management methods take). */
export function chatIdParam(ctx: CallContext): number {
	const dialogId = upper(ctx, 'DIALOG_ID');
	if (dialogId !== undefined) {
		const raw = text(dialogId).trim().toLowerCase();
		if (!/^chat\d+$/.test(raw)) throw dialogIdEmpty();
		return Number(raw.slice(4));
	}
	const id = phpInt(upper(ctx, 'CHAT_ID'));
	if (id <= 0) throw chatIdEmpty();
	return id;
}

export function memberChat(ctx: CallContext, chatId: number): ImChat | undefined {
	const chat = imState(ctx.portal.store).chats.get(chatId);
	return chat && chat.type !== 'private' && chat.members.has(ctx.auth.userId) ? chat : undefined;
}

export function dialogIdOf(chat: ImChat, viewerId: number): string {
	if (chat.type !== 'private') return `chat${chat.id}`;
	const other = [...chat.members.keys()].find((u) => u !== viewerId) ?? viewerId;
	return String(other);
}

export function chatMessages(state: ImState, chatId: number): ImMessage[] {
	return [...state.messages.values()]
		.filter((m) => m.chatId === chatId)
		.sort((a, b) => a.id - b.id);
}

export function unreadCount(state: ImState, chat: ImChat, userId: number): number {
	const member = chat.members.get(userId);
	if (!member) return 0;
	return chatMessages(state, chat.id).filter(
		(m) => m.id > member.lastRead && m.id >= member.startId && m.authorId !== userId && !m.deleted,
	).length;
}

export function postMessage(
	state: ImState,
	fields: Partial<ImMessage> & { chatId: number; authorId: number; text: string },
): ImMessage {
	const message: ImMessage = {
		id: state.nextMessageId++,
		date: Date.now(),
		system: false,
		urlPreview: true,
		likes: [],
		edited: false,
		deleted: false,
		fileIds: [],
		...fields,
	};
	state.messages.set(message.id, message);
	const author = state.chats.get(message.chatId)?.members.get(message.authorId);
	if (author) author.lastRead = message.id;
	return message;
}

// ---- views ----

const USER_COLORS = ['#df532d', '#64a513', '#4ba984', '#4ba5c3', '#3e99ce', '#8474c8'];

/** A user as the im module shows one (im.user.list.get, im.dialog.users.list, message authors). */
export function imUserView(ctx: CallContext, u: User): Record<string, unknown> {
	const status = imState(ctx.portal.store).statuses.get(u.ID) ?? 'online';
	return {
		id: u.ID,
		active: u.ACTIVE,
		name: [u.NAME, u.LAST_NAME].filter(Boolean).join(' '),
		first_name: u.NAME,
		last_name: u.LAST_NAME,
		work_position: u.WORK_POSITION,
		color: USER_COLORS[u.ID % USER_COLORS.length],
		avatar: '',
		avatar_hr: '',
		gender: u.PERSONAL_GENDER,
		birthday: '',
		extranet: false,
		network: false,
		bot: false,
		connector: false,
		external_auth_id: 'default',
		status,
		idle: false,
		last_activity_date: isoDate(SEED_BASE_MS),
		mobile_last_date: false,
		desktop_last_date: false,
		absent: false,
		departments: [...u.UF_DEPARTMENT],
		phones: false,
		bot_data: null,
		type: 'user',
		website: '',
		email: u.EMAIL,
	};
}

export function fileView(
	ctx: CallContext,
	file: ImFile & { chatId: number; authorId: number; date: number },
): Record<string, unknown> {
	const author = userById(ctx, file.authorId);
	const extension = file.name.includes('.')
		? file.name.slice(file.name.lastIndexOf('.') + 1).toLowerCase()
		: '';
	const url = `${ctx.portal.url}bitrix/services/main/ajax.php?action=disk.api.file.download&fileId=${file.id}&fileName=${encodeURIComponent(file.name)}`;
	return {
		id: file.id,
		chatId: file.chatId,
		date: isoDate(file.date),
		type: ['png', 'jpg', 'jpeg', 'gif', 'webp'].includes(extension) ? 'image' : 'file',
		name: file.name,
		extension,
		size: file.size,
		image: false,
		status: 'done',
		progress: 100,
		authorId: file.authorId,
		authorName: author ? [author.NAME, author.LAST_NAME].join(' ') : '',
		urlPreview: '',
		urlShow: url,
		urlDownload: url,
	};
}
