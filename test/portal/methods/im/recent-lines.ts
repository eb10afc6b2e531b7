/**
 * Open line chats in im.recent.list (api-reference/chats/im-recent-list.md): a chat of an open
 * line the user takes part in (its operator, or joined) is one of the user's recent dialogs, an
 * item of type `chat` whose `chat.type` is `lines` and which carries the `lines` object (the
 * session: id, status, date_create); SKIP_OPENLINES=Y leaves them out. The docs give `status` only
 * as an integer: the values are the imopenlines module's session statuses (new 0, answered 10,
 * closed 60, spam 65).
 */
import { isoDate } from '../../envelope';
import type { CallContext } from '../../registry';
import type { OlChat } from '../openlines';
import { dialogView, openLinesState } from '../openlines';
import { imUserView, userById } from './state';

const SESSION_STATUS = { new: 0, answered: 10, closed: 60, spam: 65 } as const;

export interface RecentEntry {
	date: number;
	id: number;
	item: () => Record<string, unknown>;
}

function lineItem(ctx: CallContext, chat: OlChat, lastDate: number): Record<string, unknown> {
	const state = openLinesState(ctx.portal.store);
	const session = state.sessions.get(chat.sessionId)!;
	const messages = [...state.messages.values()]
		.filter((m) => m.chatId === chat.id)
		.sort((a, b) => a.id - b.id);
	const last = messages[messages.length - 1];
	const author = last ? userById(ctx, last.senderId) : undefined;
	const date = isoDate(lastDate);
	const view = dialogView(ctx, chat);
	return {
		id: `chat${chat.id}`,
		chat_id: chat.id,
		type: 'chat',
		avatar: { url: '', color: '#909090' },
		title: chat.title,
		message: last
			? {
					id: last.id,
					text: last.text,
					file: false,
					author_id: last.senderId,
					attach: false,
					sticker: null,
					date,
					status: 'received',
					uuid: null,
				}
			: null,
		counter: 0,
		last_id: last?.id ?? 0,
		pinned: false,
		unread: false,
		has_reminder: false,
		date_update: date,
		date_last_activity: date,
		user: author ? imUserView(ctx, author) : { id: 0 },
		chat: {
			id: chat.id,
			parent_chat_id: 0,
			parent_message_id: 0,
			name: chat.title,
			owner: session.operatorId,
			extranet: false,
			contains_collaber: false,
			avatar: '',
			color: '#909090',
			type: 'lines',
			entity_type: view.entity_type,
			entity_id: view.entity_id,
			entity_data_1: view.entity_data_1,
			entity_data_2: view.entity_data_2,
			entity_data_3: view.entity_data_3,
			mute_list: [],
			manager_list: view.manager_list,
			date_create: view.date_create,
			message_type: 'L',
			user_counter: chat.members.size,
			role: session.operatorId === ctx.auth.userId ? 'OWNER' : 'MEMBER',
			text_field_enabled: true,
			background_id: null,
			public: '',
		},
		lines: {
			id: session.id,
			status: SESSION_STATUS[session.status],
			date_create: isoDate(session.start),
		},
		options: [],
	};
}

/** The open line chats of the calling user, as recent entries (last activity first when sorted). */
export function recentOpenLines(ctx: CallContext): RecentEntry[] {
	const state = openLinesState(ctx.portal.store);
	return [...state.chats.values()]
		.filter((chat) => chat.members.has(ctx.auth.userId))
		.map((chat) => {
			const dates = [...state.messages.values()]
				.filter((m) => m.chatId === chat.id)
				.map((m) => m.date);
			const date = dates.length ? Math.max(...dates) : chat.dateCreate;
			return { date, id: chat.id, item: () => lineItem(ctx, chat, date) };
		});
}
