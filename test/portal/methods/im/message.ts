/**
 * Messages and notifications: im.message.*, im.dialog.messages.get / read / unread,
 * im.disk.file.commit (FILE_ID: Drive files), im.notify.personal.add / system.add / delete.
 */
import { createHash } from 'node:crypto';

import { isoDate, RestError } from '../../envelope';
import { phpInt } from '../../php-query';
import type { CallContext, MethodDef } from '../../registry';
import {
	dialogOrChatId,
	chatMessages,
	dialogChat,
	dialogIdOf,
	fileView,
	IM_SEED,
	imError,
	ImMessage,
	imState,
	imUserView,
	jsonParam,
	postMessage,
	readAttach,
	text,
	unreadCount,
	upper,
	userById,
	userIdEmpty,
	idList,
} from './state';
import type { ImFile } from './state';
import { driveState } from '../disk/state';

const messageIdError = (description = "Message ID can't be empty") =>
	imError('MESSAGE_ID_ERROR', description);
const cantEdit = () =>
	imError('CANT_EDIT_MESSAGE', "Time has expired for modification or you don't have access", 403);

function messageIdParam(ctx: CallContext): number {
	const id = phpInt(upper(ctx, 'MESSAGE_ID') ?? upper(ctx, 'ID'));
	if (id <= 0) throw messageIdError();
	return id;
}

/** KEYBOARD / MENU: a JSON string or an object; `N` or empty removes it on update. */
function readBlock(value: unknown, code: string, name: string): unknown {
	const parsed = jsonParam(value);
	if (parsed === null || typeof parsed !== 'object')
		throw imError(code, `Incorrect ${name} params`);
	return parsed;
}

function messageView(
	ctx: CallContext,
	m: ImMessage,
	viewer: number,
	lastRead: number,
): Record<string, unknown> {
	const params: Record<string, unknown> = {};
	if (m.likes.length) params.LIKE = [...m.likes];
	if (m.attach !== undefined) params.ATTACH = Array.isArray(m.attach) ? m.attach : [m.attach];
	if (m.keyboard !== undefined) params.KEYBOARD = m.keyboard;
	if (m.menu !== undefined) params.MENU = m.menu;
	if (m.fileIds.length) params.FILE_ID = [...m.fileIds];
	if (m.edited) params.IS_EDITED = 'Y';
	if (m.deleted) params.IS_DELETED = 'Y';
	if (m.replyId) params.REPLY_ID = m.replyId;
	return {
		id: m.id,
		chat_id: m.chatId,
		author_id: m.system ? 0 : m.authorId,
		date: isoDate(m.date),
		text: m.deleted ? '' : m.text,
		unread: m.authorId !== viewer && m.id > lastRead,
		uuid: null,
		replaces: [],
		params: Object.keys(params).length ? params : [],
		disappearing_date: null,
	};
}

/** The application a tag belongs to: the OAuth app, or CLIENT_ID for webhooks (`custom<CLIENT_ID>`). */
function clientKey(ctx: CallContext): string | undefined {
	if (ctx.auth.clientId) return ctx.auth.clientId;
	const clientId = text(upper(ctx, 'CLIENT_ID'));
	return clientId ? `custom${clientId}` : undefined;
}

function appTag(key: string, tag: string): string {
	return `MP|${createHash('md5').update(key).digest('hex').slice(0, 5)}|${tag}`;
}

function notifyAdd(type: 'personal' | 'system'): MethodDef['handler'] {
	return (ctx) => {
		const userId = phpInt(upper(ctx, 'USER_ID') ?? upper(ctx, 'TO'));
		if (userId <= 0) throw userIdEmpty();
		const message = text(upper(ctx, 'MESSAGE')).trim();
		if (!message) throw imError('MESSAGE_EMPTY', "Message can't be empty");
		const attach = readAttach(upper(ctx, 'ATTACH'));
		// CIMNotify::Add answers false when it cannot deliver, e.g. to a user who does not exist
		if (!userById(ctx, userId)) return { result: false };
		const state = imState(ctx.portal.store);
		const key = clientKey(ctx);
		const tag = text(upper(ctx, 'TAG'));
		const subTag = text(upper(ctx, 'SUB_TAG'));
		const id = state.nextNotificationId++;
		state.notifications.set(id, {
			id,
			type,
			toUserId: userId,
			fromUserId: type === 'system' ? 0 : ctx.auth.userId,
			message,
			messageOut: text(upper(ctx, 'MESSAGE_OUT')).trim(),
			tag: key && tag ? appTag(key, tag) : '',
			subTag: key && subTag ? appTag(key, subTag) : '',
			attach,
			date: Date.now(),
		});
		if (key && tag) {
			// a new notification with an existing tag replaces the older ones
			for (const n of [...state.notifications.values()])
				if (n.id !== id && n.tag === appTag(key, tag)) state.notifications.delete(n.id);
		}
		return { result: id };
	};
}

/** A live file of the Drive (disk.*) as the messenger copies it. */
function driveFile(ctx: CallContext, id: number): ImFile | undefined {
	const object = driveState(ctx.portal.store).objects.get(id);
	if (!object || object.TYPE !== 'file' || object.DELETED_TYPE !== 0) return undefined;
	return { id, name: object.NAME, size: object.content?.length ?? 0 };
}

export const messageMethods: MethodDef[] = [
	{
		name: 'im.message.add',
		scope: 'im',
		handler: (ctx) => {
			const rawMessage = upper(ctx, 'MESSAGE');
			const rawAttach = upper(ctx, 'ATTACH');
			if (rawMessage !== undefined) {
				if (typeof rawMessage !== 'string' && typeof rawMessage !== 'number')
					throw imError('MESSAGE_EMPTY', 'Wrong message type');
				if (text(rawMessage).trim() === '' && (rawAttach === undefined || rawAttach === '')) {
					throw imError('MESSAGE_EMPTY', "Message can't be empty");
				}
			} else if (rawAttach === undefined) {
				throw imError('MESSAGE_EMPTY', "Message can't be empty");
			}
			const dialogId = upper(ctx, 'DIALOG_ID');
			let dialog: string;
			if (dialogId !== undefined) {
				const raw = text(dialogId).trim().toLowerCase();
				if (/^chat\d*$/.test(raw)) {
					if (phpInt(raw.slice(4)) <= 0) throw imError('CHAT_ID_EMPTY', "Chat ID can't be empty");
					dialog = raw;
				} else {
					const userId = phpInt(raw);
					if (userId <= 0) throw userIdEmpty();
					dialog = String(userId);
				}
			} else if (upper(ctx, 'USER_ID') !== undefined) {
				const userId = phpInt(upper(ctx, 'USER_ID'));
				if (userId <= 0) throw userIdEmpty();
				dialog = String(userId);
			} else if (upper(ctx, 'CHAT_ID') !== undefined) {
				const chatId = phpInt(upper(ctx, 'CHAT_ID'));
				if (chatId <= 0) throw imError('CHAT_ID_EMPTY', "Chat ID can't be empty");
				dialog = `chat${chatId}`;
			} else {
				throw imError('PARAMS_ERROR', 'Incorrect params');
			}
			if (!dialog.startsWith('chat') && !userById(ctx, Number(dialog)))
				throw imError('USER_NOT_FOUND', 'User not found');
			let chat;
			try {
				chat = dialogChat(ctx, dialog);
			} catch (e) {
				if (e instanceof RestError && e.code === 'ACCESS_ERROR')
					throw imError('ACCESS_ERROR', 'Action unavailable', 403);
				throw e;
			}
			const attach = readAttach(rawAttach);
			const keyboard = upper(ctx, 'KEYBOARD');
			const menu = upper(ctx, 'MENU');
			const state = imState(ctx.portal.store);
			const replyId = phpInt(upper(ctx, 'REPLY_ID'));
			if (replyId > 0) {
				const reply = state.messages.get(replyId);
				if (!reply) throw imError('REPLY_ACCESS_ERROR', 'Action unavailable');
				if (reply.chatId !== chat.id)
					throw imError(
						'REPLY_FROM_OTHER_CHAT_ERROR',
						'You can only reply to a message within the same chat',
					);
			}
			const message = postMessage(state, {
				chatId: chat.id,
				authorId: ctx.auth.userId,
				text: text(rawMessage).trim(),
				system: upper(ctx, 'SYSTEM') === 'Y',
				urlPreview: upper(ctx, 'URL_PREVIEW') !== 'N',
				attach,
				keyboard:
					keyboard !== undefined && keyboard !== ''
						? readBlock(keyboard, 'KEYBOARD_ERROR', 'keyboard')
						: undefined,
				menu: menu !== undefined && menu !== '' ? readBlock(menu, 'MENU_ERROR', 'menu') : undefined,
				replyId: replyId > 0 ? replyId : undefined,
			});
			return { result: message.id };
		},
	},
	{
		name: 'im.message.update',
		scope: 'im',
		handler: (ctx) => {
			const id = messageIdParam(ctx);
			const state = imState(ctx.portal.store);
			const message = state.messages.get(id);
			if (!message || message.deleted || message.authorId !== ctx.auth.userId) throw cantEdit();
			const isEdited = upper(ctx, 'IS_EDITED') !== 'N';
			const attach = upper(ctx, 'ATTACH');
			if (attach !== undefined) {
				message.attach = attach === '' || attach === 'N' ? undefined : readAttach(attach);
				if (isEdited) message.edited = true;
			}
			const keyboard = upper(ctx, 'KEYBOARD');
			if (keyboard !== undefined) {
				message.keyboard =
					keyboard === '' || keyboard === 'N'
						? undefined
						: readBlock(keyboard, 'KEYBOARD_ERROR', 'keyboard');
			}
			const menu = upper(ctx, 'MENU');
			if (menu !== undefined)
				message.menu =
					menu === '' || menu === 'N' ? undefined : readBlock(menu, 'menu_ERROR', 'menu');
			const newText = upper(ctx, 'MESSAGE');
			if (newText !== undefined) {
				// an empty text deletes the message (CIMMessenger::Update)
				if (text(newText).trim() === '') message.deleted = true;
				else {
					message.text = text(newText).trim();
					message.edited = true;
					message.urlPreview = upper(ctx, 'URL_PREVIEW') !== 'N';
				}
			}
			return { result: true };
		},
	},
	{
		name: 'im.message.delete',
		scope: 'im',
		handler: (ctx) => {
			const id = messageIdParam(ctx);
			const state = imState(ctx.portal.store);
			const message = state.messages.get(id);
			const chat = message ? state.chats.get(message.chatId) : undefined;
			const mayDelete =
				message &&
				!message.deleted &&
				(message.authorId === ctx.auth.userId || chat?.ownerId === ctx.auth.userId);
			if (!mayDelete) throw cantEdit();
			message.deleted = true;
			return { result: true };
		},
	},
	{
		name: 'im.message.like',
		scope: 'im',
		handler: (ctx) => {
			const id = messageIdParam(ctx);
			let action = text(upper(ctx, 'ACTION')).toLowerCase();
			if (!['auto', 'plus', 'minus'].includes(action)) action = 'auto';
			const state = imState(ctx.portal.store);
			const message = state.messages.get(id);
			const chat = message ? state.chats.get(message.chatId) : undefined;
			const me = ctx.auth.userId;
			const unchanged = () => imError('WITHOUT_CHANGES', 'Action completed without changes');
			if (!message || message.deleted || !chat?.members.has(me)) throw unchanged();
			const liked = message.likes.includes(me);
			if (action === 'auto') action = liked ? 'minus' : 'plus';
			if ((action === 'plus') === liked) throw unchanged();
			message.likes =
				action === 'plus' ? [...message.likes, me] : message.likes.filter((u) => u !== me);
			return { result: true };
		},
	},
	{
		name: 'im.dialog.messages.get',
		scope: 'im',
		handler: (ctx) => {
			const chat = dialogChat(ctx, upper(ctx, 'DIALOG_ID'));
			const firstRaw = upper(ctx, 'FIRST_ID');
			const lastRaw = upper(ctx, 'LAST_ID');
			if (firstRaw !== undefined && !/^\d+$/.test(text(firstRaw)))
				throw imError('FIRST_ID_STRING', "First ID can't be string");
			if (lastRaw !== undefined && !/^\d+$/.test(text(lastRaw)))
				throw imError('LAST_ID_STRING', "Last ID can't be string");
			const limitRaw = upper(ctx, 'LIMIT');
			const limit = Math.min(50, limitRaw === undefined ? 20 : Math.max(1, phpInt(limitRaw)));
			const state = imState(ctx.portal.store);
			const me = chat.members.get(ctx.auth.userId)!;
			const visible = chatMessages(state, chat.id).filter((m) => m.id >= me.startId);
			let page: ImMessage[];
			if (firstRaw !== undefined)
				page = visible.filter((m) => m.id > phpInt(firstRaw)).slice(0, limit);
			else {
				const before =
					lastRaw !== undefined && phpInt(lastRaw) > 0
						? visible.filter((m) => m.id < phpInt(lastRaw))
						: visible;
				page = before.slice(Math.max(0, before.length - limit));
			}
			page = [...page].sort((a, b) => b.id - a.id);
			const authors = [...new Set(page.filter((m) => !m.system).map((m) => m.authorId))];
			const users = authors.map((id) => userById(ctx, id)).filter((u) => u !== undefined);
			const files = page
				.flatMap((m) => m.fileIds)
				.map((id) => state.chatFiles.get(id))
				.filter((f) => f !== undefined);
			return {
				result: {
					chat_id: chat.id,
					messages: page.map((m) => messageView(ctx, m, ctx.auth.userId, me.lastRead)),
					users: users.map((u) => imUserView(ctx, u)),
					files: files.map((f) => fileView(ctx, f)),
				},
			};
		},
	},
	{
		name: 'im.dialog.read',
		scope: 'im',
		handler: (ctx) => {
			const dialogId = upper(ctx, 'DIALOG_ID');
			const chat = dialogChat(ctx, dialogId);
			const state = imState(ctx.portal.store);
			const me = chat.members.get(ctx.auth.userId)!;
			const messages = chatMessages(state, chat.id);
			const last = messages.length ? messages[messages.length - 1].id : 0;
			const upTo = phpInt(upper(ctx, 'MESSAGE_ID'));
			me.lastRead = Math.max(me.lastRead, upTo > 0 ? Math.min(upTo, last) : last);
			return {
				result: {
					dialogId: dialogIdOf(chat, ctx.auth.userId),
					chatId: chat.id,
					lastId: me.lastRead,
					counter: unreadCount(state, chat, ctx.auth.userId),
				},
			};
		},
	},
	{
		name: 'im.dialog.unread',
		scope: 'im',
		handler: (ctx) => {
			const dialogId = upper(ctx, 'DIALOG_ID');
			const chat = dialogChat(ctx, dialogId);
			const messageId = phpInt(upper(ctx, 'MESSAGE_ID'));
			if (messageId <= 0) throw messageIdError("First unread message id can't be empty");
			chat.members.get(ctx.auth.userId)!.lastRead = messageId - 1;
			return { result: true };
		},
	},
	{
		name: 'im.disk.file.commit',
		scope: 'im',
		handler: (ctx) => {
			const chatId = dialogOrChatId(ctx);
			const state = imState(ctx.portal.store);
			const chat = state.chats.get(chatId);
			if (!chat?.members.has(ctx.auth.userId))
				throw imError('ACCESS_ERROR', "You don't have access to this chat");
			const source = upper(ctx, 'FILE_ID') ?? upper(ctx, 'DISK_ID') ?? upper(ctx, 'UPLOAD_ID');
			if (source === undefined) throw imError('FILES_ERROR', 'List of files in not specified');
			const ids = idList(source);
			// FILE_ID are Drive files: the messenger's seed ones, or any file the Drive (disk.*) holds
			const originals = ids.map((id) => state.driveFiles.get(id) ?? driveFile(ctx, id));
			if (ids.length === 0 || originals.some((f) => f === undefined)) {
				throw imError('SAVE_ERROR', 'Error during saving file to chat');
			}
			const now = Date.now();
			const copies = originals.map((f) => {
				const copy = {
					id: state.nextDiskId++,
					name: f!.name,
					size: f!.size,
					chatId,
					authorId: ctx.auth.userId,
					date: now,
				};
				state.chatFiles.set(copy.id, copy);
				return copy;
			});
			const message = postMessage(state, {
				chatId,
				authorId: ctx.auth.userId,
				text: text(upper(ctx, 'MESSAGE')).trim(),
				fileIds: copies.map((c) => c.id),
			});
			const folderId = IM_SEED.folderBase + chatId;
			return {
				result: {
					FILES: Object.fromEntries(copies.map((c) => [`upload${c.id}`, fileView(ctx, c)])),
					DISK_ID: copies.map((c) => String(c.id)),
					FILE_MODELS: Object.fromEntries(
						copies.map((c) => [
							`upload${c.id}`,
							{
								id: c.id,
								name: c.name,
								createTime: isoDate(now),
								updateTime: isoDate(now),
								deleteTime: null,
								code: null,
								xmlId: null,
								storageId: 1,
								realObjectId: c.id,
								parentId: folderId,
								deletedType: 0,
								createdBy: String(ctx.auth.userId),
								updatedBy: String(ctx.auth.userId),
								deletedBy: '0',
								size: c.size,
								links: {
									download: `/bitrix/services/main/ajax.php?action=disk.file.download&fileId=${c.id}`,
								},
							},
						]),
					),
					MESSAGE_ID: message.id,
				},
			};
		},
	},
	{ name: 'im.notify.personal.add', scope: 'im', handler: notifyAdd('personal') },
	{ name: 'im.notify.system.add', scope: 'im', handler: notifyAdd('system') },
	{
		name: 'im.notify.delete',
		scope: 'im',
		handler: (ctx) => {
			const state = imState(ctx.portal.store);
			const idRaw = upper(ctx, 'ID');
			if (idRaw !== undefined) {
				// DeleteWithCheck: only a notification the current user sent or received
				const n = state.notifications.get(phpInt(idRaw));
				if (!n || (n.toUserId !== ctx.auth.userId && n.fromUserId !== ctx.auth.userId))
					return { result: false };
				state.notifications.delete(n.id);
				return { result: true };
			}
			const key = clientKey(ctx);
			if (!key) throw new RestError(403, 'ACCESS_DENIED', 'Access denied! Client ID not specified');
			const tag = text(upper(ctx, 'TAG'));
			const subTag = text(upper(ctx, 'SUB_TAG'));
			if (!tag && !subTag) throw imError('PARAMS_ERROR', 'Incorrect params');
			for (const n of [...state.notifications.values()]) {
				if (tag ? n.tag === appTag(key, tag) : n.subTag === appTag(key, subTag))
					state.notifications.delete(n.id);
			}
			return { result: true };
		},
	},
];
