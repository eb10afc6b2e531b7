/**
 * How the test portal's im.v2 events show users, chats and messages (chat-bots-v2/entities.md, as
 * event-get.md and events.md narrow them): a user without network, botData or avatarHr and with
 * its online fields false; a chat without role or muteList, its dialog ID as the viewer addresses
 * it (a private dialog's is the other member's ID). Used by im-v2-events.ts.
 */
import { isoDate } from '../envelope';
import type { Store } from '../store';
import type { ImChat, ImMessage } from './im';
import { CHAT_COLORS } from './im';

const fill = (keys: string[], value: unknown) => Object.fromEntries(keys.map((k) => [k, value]));

/** A user as events show one: no network, botData or avatarHr; the online fields false. */
export function userView(store: Store, userId: number): Record<string, unknown> {
	const u = store.users.find((x) => x.ID === userId);
	return {
		id: userId,
		active: u?.ACTIVE ?? true,
		name: u ? [u.NAME, u.LAST_NAME].filter(Boolean).join(' ') : '',
		firstName: u?.NAME ?? '',
		lastName: u?.LAST_NAME ?? '',
		workPosition: u?.WORK_POSITION ?? '',
		color: '#df532d',
		gender: u?.PERSONAL_GENDER ?? '',
		...fill(['avatar', 'birthday', 'website'], ''),
		...fill(['extranet', 'bot', 'connector', 'idle', 'absent', 'phones'], false),
		...fill(['lastActivityDate', 'mobileLastDate', 'desktopLastDate'], false),
		externalAuthId: 'default',
		status: 'online',
		departments: [...(u?.UF_DEPARTMENT ?? [])],
		email: u?.EMAIL ?? '',
		type: 'employee',
	};
}

/** A chat as events show one (no role, no muteList), the dialog ID as `viewerId` addresses it. */
export function chatView(chat: ImChat, viewerId: number): Record<string, unknown> {
	const other = [...chat.members.keys()].find((id) => id !== viewerId) ?? viewerId;
	const isPrivate = chat.type === 'private';
	return {
		id: chat.id,
		dialogId: isPrivate ? String(other) : `chat${chat.id}`,
		name: chat.title,
		type: chat.type,
		messageType: isPrivate ? 'P' : chat.type === 'open' ? 'O' : 'C',
		owner: chat.ownerId,
		color: CHAT_COLORS[chat.color] ?? (chat.color || null),
		description: chat.description,
		entityType: chat.entityType,
		entityId: chat.entityId,
		...fill(['avatar', 'entityData1', 'entityData2', 'entityData3'], ''),
		...fill(['extranet', 'containsCollaber', 'isNew'], false),
		...fill(['diskFolderId', 'parentChatId', 'parentMessageId'], 0),
		entityLink: {},
		permissions: {},
		textFieldEnabled: 'Y',
		backgroundId: null,
	};
}

export function messageView(m: ImMessage): Record<string, unknown> {
	return {
		id: m.id,
		chatId: m.chatId,
		authorId: m.system ? 0 : m.authorId,
		date: isoDate(m.date),
		text: m.text,
		isSystem: m.system,
		uuid: '',
		forward: null,
		params: {},
		viewedByOthers: false,
	};
}
