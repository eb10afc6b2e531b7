/**
 * Chats and dialogs: im.chat.*, im.dialog.get / users.list / writing / read.all, im.user.*,
 * im.disk.folder.get. Checks and error codes follow the im module's rest.php (CIMRestService).
 */
import { isoDate } from '../../envelope';
import { isObject, phpInt } from '../../php-query';
import type { CallContext, MethodDef } from '../../registry';
import {
	dialogOrChatId,
	CHAT_COLORS,
	chatIdParam,
	chatMessages,
	dialogChat,
	IM_SEED,
	imError,
	imState,
	imUserView,
	ImChat,
	memberChat,
	postMessage,
	text,
	unreadCount,
	upper,
	USER_STATUSES,
	userById,
	userIdEmpty,
} from './state';

const wrongRequest = (description: string) => imError('WRONG_REQUEST', description);

function chatTitle(ctx: CallContext, chat: ImChat): string {
	if (chat.type !== 'private') return chat.title;
	const other = [...chat.members.keys()].find((u) => u !== ctx.auth.userId) ?? ctx.auth.userId;
	const u = userById(ctx, other);
	return u ? [u.NAME, u.LAST_NAME].join(' ') : '';
}

function chatView(ctx: CallContext, chat: ImChat, dialogId: string): Record<string, unknown> {
	const state = imState(ctx.portal.store);
	const messages = chatMessages(state, chat.id);
	const last = messages.length ? messages[messages.length - 1].id : 0;
	const me = chat.members.get(ctx.auth.userId);
	const unread = messages.find(
		(m) => me && m.id > me.lastRead && m.authorId !== ctx.auth.userId && !m.deleted,
	);
	const group = chat.type !== 'private';
	return {
		id: chat.id,
		parent_chat_id: 0,
		parent_message_id: 0,
		name: chatTitle(ctx, chat),
		description: chat.description,
		owner: chat.ownerId,
		extranet: false,
		avatar: chat.avatarData
			? `${ctx.portal.url}upload/im/avatar/chat${chat.id}-${chat.avatarVersion}.png`
			: '',
		color: CHAT_COLORS[chat.color] ?? '#909090',
		type: chat.type,
		counter: unreadCount(state, chat, ctx.auth.userId),
		user_counter: chat.members.size,
		message_count: messages.length,
		unread_id: unread ? unread.id : 0,
		restrictions: {
			avatar: group,
			rename: group,
			extend: group,
			call: true,
			mute: group,
			leave: group,
			leave_owner: group,
			send: true,
			user_list: true,
			path: '',
			path_title: '',
		},
		last_message_id: last,
		last_id: me?.lastRead ?? 0,
		marked_id: 0,
		disk_folder_id: IM_SEED.folderBase + chat.id,
		entity_type: chat.entityType,
		entity_id: chat.entityId,
		entity_data_1: '',
		entity_data_2: '',
		entity_data_3: '',
		mute_list: [...chat.members.values()].filter((m) => m.muted).map((m) => m.userId),
		date_create: isoDate(chat.dateCreate),
		message_type: chat.type === 'private' ? 'P' : chat.type === 'open' ? 'O' : 'C',
		public: '',
		role: chat.ownerId === ctx.auth.userId ? 'owner' : 'member',
		entity_link: { type: '', url: '', id: '' },
		text_field_enabled: true,
		background_id: null,
		permissions: {
			manage_users_add: 'member',
			manage_users_delete: 'manager',
			manage_ui: 'member',
			manage_settings: 'owner',
			manage_messages: 'member',
			can_post: 'member',
		},
		is_new: false,
		readed_list: [...chat.members.values()]
			.filter((m) => m.userId !== ctx.auth.userId)
			.map((m) => {
				const u = userById(ctx, m.userId);
				return {
					user_id: m.userId,
					user_name: u ? [u.NAME, u.LAST_NAME].join(' ') : '',
					message_id: m.lastRead,
					date: null,
				};
			}),
		manager_list: chat.ownerId ? [chat.ownerId] : [],
		last_message_views: { message_id: last, first_viewers: [], count_of_viewers: 0 },
		dialog_id: dialogId,
	};
}

/** The image types CRestUtil::saveFile + the `image/` check accept, from the file's first bytes. */
function imageSize(data: Buffer): { width: number; height: number } | undefined {
	if (
		data.length >= 24 &&
		data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
	) {
		return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
	}
	if (data.length >= 10 && data.subarray(0, 6).toString('latin1').startsWith('GIF8')) {
		return { width: data.readUInt16LE(6), height: data.readUInt16LE(8) };
	}
	if (data.length >= 4 && data[0] === 0xff && data[1] === 0xd8) return { width: 1, height: 1 };
	return undefined;
}

/** AVATAR as base64 text or as [name, base64] (CRestUtil::saveFile takes both). */
function readAvatar(value: unknown): string {
	const content = Array.isArray(value)
		? value[1]
		: isObject(value)
			? Object.values(value)[1]
			: value;
	const base64 = text(content)
		.replace(/^data:[^,]*,/, '')
		.trim();
	const size = base64 ? imageSize(Buffer.from(base64, 'base64')) : undefined;
	if (!size) throw imError('AVATAR_ERROR', 'Avatar incorrect type');
	if (!size.width || !size.height || size.width > 5000 || size.height > 5000) {
		throw imError('AVATAR_ERROR', 'Avatar incorrect size (max 5000x5000)');
	}
	return base64;
}

function usersParam(ctx: CallContext): number[] {
	let users = upper(ctx, 'USERS');
	if (users === undefined) return [];
	if (typeof users === 'string') {
		try {
			users = JSON.parse(users) as unknown;
		} catch {
			users = [];
		}
	}
	const list = Array.isArray(users) ? users : isObject(users) ? Object.values(users) : [];
	const ids: number[] = [];
	for (const uid of list) {
		if (typeof uid !== 'string' && typeof uid !== 'number') {
			throw imError('INVALID_FORMAT', 'Parameter USERS has wrong type');
		}
		if (phpInt(uid) > 0) ids.push(phpInt(uid));
	}
	return ids;
}

function joinChat(chat: ImChat, userId: number, hideHistory: boolean, lastMessageId: number): void {
	chat.members.set(userId, {
		userId,
		startId: hideHistory ? lastMessageId + 1 : 0,
		lastRead: lastMessageId,
		muted: false,
	});
}

export const chatMethods: MethodDef[] = [
	{
		name: 'im.chat.add',
		scope: 'im',
		handler: (ctx) => {
			const state = imState(ctx.portal.store);
			const users = usersParam(ctx).filter((id) => userById(ctx, id));
			const id = state.nextChatId++;
			const colorParam = text(upper(ctx, 'COLOR')).toUpperCase();
			const colorNames = Object.keys(CHAT_COLORS);
			const color = CHAT_COLORS[colorParam] ? colorParam : colorNames[id % colorNames.length];
			const title = text(upper(ctx, 'TITLE')).trim();
			const names = users
				.filter((u) => u !== ctx.auth.userId)
				.map((u) => userById(ctx, u))
				.map((u) => (u ? [u.NAME, u.LAST_NAME].join(' ') : ''));
			const avatar = upper(ctx, 'AVATAR');
			const chat: ImChat = {
				id,
				type: text(upper(ctx, 'TYPE')).toUpperCase() === 'OPEN' ? 'open' : 'chat',
				title:
					title ||
					(names.length
						? `Chat with ${names.join(', ')}`
						: `${color.charAt(0)}${color.slice(1).toLowerCase().replace('_', ' ')} chat #${id}`),
				description: text(upper(ctx, 'DESCRIPTION')),
				color,
				ownerId: ctx.auth.userId,
				entityType: text(upper(ctx, 'ENTITY_TYPE')),
				entityId: text(upper(ctx, 'ENTITY_ID')),
				avatarData: avatar !== undefined && avatar !== '' ? readAvatar(avatar) : '',
				avatarVersion: avatar ? 1 : 0,
				members: new Map(),
				dateCreate: Date.now(),
			};
			for (const u of [ctx.auth.userId, ...users]) joinChat(chat, u, false, 0);
			state.chats.set(id, chat);
			const message = text(upper(ctx, 'MESSAGE')).trim();
			if (message) postMessage(state, { chatId: id, authorId: ctx.auth.userId, text: message });
			return { result: id };
		},
	},
	{
		name: 'im.chat.user.list',
		scope: 'im',
		handler: (ctx) => {
			const chat = memberChat(ctx, chatIdParam(ctx));
			return { result: chat ? [...chat.members.keys()] : [] };
		},
	},
	{
		name: 'im.chat.user.add',
		scope: 'im',
		handler: (ctx) => {
			const chatId = chatIdParam(ctx);
			const state = imState(ctx.portal.store);
			const chat = state.chats.get(chatId);
			if (!chat || chat.type === 'private')
				throw imError('ACCESS_ERROR', 'It is forbidden to add users to this chat', 403);
			const hide = upper(ctx, 'HIDE_HISTORY');
			const hideHistory = hide === undefined ? true : hide !== 'N';
			const users = usersParam(ctx).filter((u) => userById(ctx, u) && !chat.members.has(u));
			if (!chat.members.has(ctx.auth.userId) || users.length === 0) {
				throw wrongRequest("You don't have access or user already member in chat");
			}
			const messages = chatMessages(state, chat.id);
			const last = messages.length ? messages[messages.length - 1].id : 0;
			for (const u of users) joinChat(chat, u, hideHistory, last);
			return { result: true };
		},
	},
	...(['im.chat.user.delete', 'im.chat.leave'] as const).map(
		(name): MethodDef => ({
			name,
			scope: 'im',
			handler: (ctx) => {
				const chatId = chatIdParam(ctx);
				const chat = imState(ctx.portal.store).chats.get(chatId);
				if (!chat || chat.type === 'private')
					throw imError('ACCESS_ERROR', 'It is forbidden to delete users of this chat', 403);
				const target =
					name === 'im.chat.user.delete' ? phpInt(upper(ctx, 'USER_ID')) : ctx.auth.userId;
				if (target <= 0) throw userIdEmpty();
				const me = ctx.auth.userId;
				// others may be excluded only by the owner; the owner is never excluded by someone else
				const allowed =
					chat.members.has(me) &&
					chat.members.has(target) &&
					(target === me || (chat.ownerId === me && target !== chat.ownerId));
				if (!allowed) throw wrongRequest("You don't have access or user isn't member in chat");
				chat.members.delete(target);
				if (chat.ownerId === target)
					chat.ownerId = [...chat.members.keys()].sort((a, b) => a - b)[0] ?? 0;
				return { result: true };
			},
		}),
	),
	{
		name: 'im.user.list.get',
		scope: 'im',
		handler: (ctx) => {
			let raw = upper(ctx, 'ID');
			if (typeof raw === 'string') {
				try {
					raw = JSON.parse(raw) as unknown;
				} catch {
					raw = undefined;
				}
			}
			const list = Array.isArray(raw) ? raw : isObject(raw) ? Object.values(raw) : [];
			const ids = [...new Set(list.map(phpInt).filter((id) => id > 0))];
			if (ids.length === 0)
				throw imError('INVALID_FORMAT', 'A wrong format for the ID field is passed');
			const users = ids.map((id) => userById(ctx, id)).filter((u) => u !== undefined);
			const views = users.map((u) => imUserView(ctx, u));
			if (text(upper(ctx, 'RESULT_TYPE')) === 'array') return { result: views };
			return { result: Object.fromEntries(views.map((v) => [String(v.id), v])) };
		},
	},
	{
		name: 'im.chat.updateTitle',
		scope: 'im',
		handler: (ctx) => {
			const chatId = chatIdParam(ctx);
			const title = text(upper(ctx, 'TITLE')).trim();
			if (!title) throw imError('TITLE_EMPTY', "Title can't be empty");
			const chat = memberChat(ctx, chatId);
			if (!chat) throw imError('ACCESS_ERROR', 'This chat cannot be renamed', 403);
			chat.title = title;
			return { result: true };
		},
	},
	{
		name: 'im.chat.updateColor',
		scope: 'im',
		handler: (ctx) => {
			const chatId = chatIdParam(ctx);
			const color = text(upper(ctx, 'COLOR'));
			if (!CHAT_COLORS[color]) throw imError('WRONG_COLOR', 'This color currently unavailable');
			const chat = memberChat(ctx, chatId);
			if (!chat || chat.color === color)
				throw wrongRequest("This color currently set or chat isn't exists");
			chat.color = color;
			return { result: true };
		},
	},
	{
		name: 'im.chat.updateAvatar',
		scope: 'im',
		handler: (ctx) => {
			const chatId = chatIdParam(ctx);
			const avatar = readAvatar(upper(ctx, 'AVATAR'));
			const chat = memberChat(ctx, chatId);
			if (!chat) throw wrongRequest("Chat isn't exists");
			chat.avatarData = avatar;
			chat.avatarVersion++;
			return { result: true };
		},
	},
	{
		name: 'im.chat.setOwner',
		scope: 'im',
		handler: (ctx) => {
			const chatId = chatIdParam(ctx);
			const userId = phpInt(upper(ctx, 'USER_ID'));
			if (userId <= 0) throw userIdEmpty();
			const chat = memberChat(ctx, chatId);
			if (!chat || chat.ownerId !== ctx.auth.userId || !chat.members.has(userId)) {
				throw wrongRequest('Change owner can only owner and user must be member in chat');
			}
			chat.ownerId = userId;
			return { result: true };
		},
	},
	{
		name: 'im.chat.mute',
		scope: 'im',
		handler: (ctx) => {
			const chatId = chatIdParam(ctx);
			const chat = memberChat(ctx, chatId);
			if (!chat) throw imError('ACCESS_ERROR', 'This chat cannot be muted', 403);
			const action = upper(ctx, 'ACTION') ?? upper(ctx, 'MUTE');
			chat.members.get(ctx.auth.userId)!.muted = action !== 'N';
			return { result: true };
		},
	},
	{
		name: 'im.dialog.get',
		scope: 'im',
		handler: (ctx) => {
			const dialogId = upper(ctx, 'DIALOG_ID');
			const chat = dialogChat(ctx, dialogId);
			return { result: chatView(ctx, chat, text(dialogId).trim()) };
		},
	},
	{
		name: 'im.dialog.users.list',
		scope: 'im',
		handler: (ctx) => {
			const chat = dialogChat(ctx, upper(ctx, 'DIALOG_ID'));
			const limitRaw = upper(ctx, 'LIMIT');
			const limit = Math.min(200, limitRaw === undefined ? 50 : Math.max(1, phpInt(limitRaw)));
			const offset = Math.max(0, phpInt(upper(ctx, 'OFFSET')));
			const lastId = phpInt(upper(ctx, 'LAST_ID'));
			const ids = [...chat.members.keys()].sort((a, b) => a - b).filter((id) => id > lastId);
			const page = ids.slice(offset, offset + limit);
			const users = page.map((id) => userById(ctx, id)).filter((u) => u !== undefined);
			return {
				result: users.map((u) => imUserView(ctx, u)),
				total: ids.length,
				next: offset + limit < ids.length ? offset + limit : undefined,
			};
		},
	},
	{
		name: 'im.dialog.writing',
		scope: 'im',
		handler: (ctx) => {
			const dialogId = text(upper(ctx, 'DIALOG_ID')).trim();
			let chat: ImChat;
			try {
				chat = dialogChat(ctx, dialogId);
			} catch (e) {
				if ((e as { code?: string }).code === 'ACCESS_ERROR')
					throw imError('ACCESS_ERROR', 'Action unavailable', 403);
				throw e;
			}
			imState(ctx.portal.store).writing.push({
				dialogId,
				chatId: chat.id,
				userId: ctx.auth.userId,
			});
			return { result: true };
		},
	},
	{
		name: 'im.user.status.get',
		scope: 'im',
		handler: (ctx) => ({
			result: imState(ctx.portal.store).statuses.get(ctx.auth.userId) ?? 'online',
		}),
	},
	{
		name: 'im.user.status.set',
		scope: 'im',
		handler: (ctx) => {
			const status = text(upper(ctx, 'STATUS'));
			if (!USER_STATUSES.includes(status)) throw imError('STATUS_ERROR', 'Status is not available');
			imState(ctx.portal.store).statuses.set(ctx.auth.userId, status);
			return { result: true };
		},
	},
	{
		name: 'im.dialog.read.all',
		scope: 'im',
		handler: (ctx) => {
			const state = imState(ctx.portal.store);
			for (const chat of state.chats.values()) {
				const me = chat.members.get(ctx.auth.userId);
				const messages = chatMessages(state, chat.id);
				if (me && messages.length)
					me.lastRead = Math.max(me.lastRead, messages[messages.length - 1].id);
			}
			return { result: true };
		},
	},
	{
		name: 'im.disk.folder.get',
		scope: 'im',
		handler: (ctx) => {
			const dialogGiven = upper(ctx, 'DIALOG_ID') !== undefined;
			const chatId = dialogOrChatId(ctx);
			if (!dialogGiven) dialogChat(ctx, `chat${chatId}`);
			return { result: { ID: IM_SEED.folderBase + chatId } };
		},
	},
];
