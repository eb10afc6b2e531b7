/**
 * The messenger's lists a picker reads: im.recent.list (the user's recent chats and dialogs,
 * api-reference/chats/im-recent-list.md) and im.search.chat.list / im.search.user.list (chats
 * and people by name, api-reference/chats/search/). Paging and limits as the im module's
 * rest.php has them: recent pages by OFFSET/LIMIT (default 50, at most 200) with `hasMore` and
 * `next`, total -1 (open line chats with them, see recent-lines.ts); the searches take FIND (3 characters at least, else FIND_SHORT), OFFSET and
 * LIMIT (default 10, at most 50) and answer objects keyed by ID, with `total` and `next`.
 */
import { isoDate } from '../../envelope';
import { phpInt } from '../../php-query';
import type { CallContext, MethodDef, MethodResult } from '../../registry';
import { recentOpenLines } from './recent-lines';
import type { ImChat, ImState } from './state';
import {
	CHAT_COLORS,
	chatMessages,
	dialogIdOf,
	imError,
	imState,
	imUserView,
	text,
	unreadCount,
	upper,
	userById,
} from './state';

const findShort = () => imError('FIND_SHORT', 'Too short a search phrase.');

function flag(ctx: CallContext, name: string): boolean {
	return upper(ctx, name) === 'Y';
}

function otherMember(chat: ImChat, viewerId: number): number {
	return [...chat.members.keys()].find((u) => u !== viewerId) ?? viewerId;
}

function chatName(ctx: CallContext, chat: ImChat): string {
	if (chat.type !== 'private') return chat.title;
	const u = userById(ctx, otherMember(chat, ctx.auth.userId));
	return u ? [u.NAME, u.LAST_NAME].filter(Boolean).join(' ') : '';
}

function lastActivity(state: ImState, chat: ImChat): number {
	const messages = chatMessages(state, chat.id);
	return messages.length ? messages[messages.length - 1].date : chat.dateCreate;
}

function recentItem(ctx: CallContext, chat: ImChat): Record<string, unknown> {
	const state = imState(ctx.portal.store);
	const messages = chatMessages(state, chat.id).filter((m) => !m.deleted);
	const last = messages[messages.length - 1];
	const me = chat.members.get(ctx.auth.userId);
	const group = chat.type !== 'private';
	const userId = group ? (last?.authorId ?? chat.ownerId) : otherMember(chat, ctx.auth.userId);
	const user = userById(ctx, userId);
	const date = isoDate(last ? last.date : chat.dateCreate);
	const item: Record<string, unknown> = {
		id: dialogIdOf(chat, ctx.auth.userId),
		chat_id: chat.id,
		type: group ? 'chat' : 'user',
		avatar: { url: '', color: CHAT_COLORS[chat.color] ?? '#909090' },
		title: chatName(ctx, chat),
		message: last
			? {
					id: last.id,
					text: last.text,
					file: last.fileIds.length > 0,
					author_id: last.authorId,
					attach: last.attach !== undefined,
					sticker: null,
					date,
					status: 'received',
					uuid: null,
				}
			: null,
		counter: unreadCount(state, chat, ctx.auth.userId),
		last_id: me?.lastRead ?? 0,
		pinned: false,
		unread: false,
		has_reminder: false,
		date_update: date,
		date_last_activity: date,
		user: user ? imUserView(ctx, user) : { id: 0 },
		options: [],
	};
	if (group) {
		item.chat = {
			id: chat.id,
			parent_chat_id: 0,
			parent_message_id: 0,
			name: chat.title,
			owner: chat.ownerId,
			extranet: false,
			contains_collaber: false,
			avatar: '',
			color: CHAT_COLORS[chat.color] ?? '#909090',
			type: chat.type,
			entity_type: chat.entityType,
			entity_id: chat.entityId,
			entity_data_1: '',
			entity_data_2: '',
			entity_data_3: '',
			mute_list: Object.fromEntries(
				[...chat.members.values()].filter((m) => m.muted).map((m) => [m.userId, true]),
			),
			manager_list: [],
			date_create: isoDate(chat.dateCreate),
			message_type: chat.type === 'open' ? 'O' : 'C',
			user_counter: chat.members.size,
			role: chat.ownerId === ctx.auth.userId ? 'OWNER' : 'MEMBER',
			text_field_enabled: true,
			background_id: null,
			public: '',
		};
	} else {
		item.chat = { text_field_enabled: true, background_id: null, mute_list: [] };
	}
	return item;
}

/** OFFSET and LIMIT of a search (rest.php: LIMIT 10 unless given, at most 50). */
function searchPage(ctx: CallContext): { offset: number; limit: number } {
	const offset = Math.max(0, phpInt(upper(ctx, 'OFFSET') ?? ctx.params.start));
	const given = upper(ctx, 'LIMIT');
	const limit = given === undefined ? 10 : Math.min(50, phpInt(given));
	return { offset, limit };
}

/** `setNavData`: the page keyed by ID, the count, and `next` while rows remain. */
function navData(
	rows: Array<Record<string, unknown>>,
	offset: number,
	limit: number,
): MethodResult {
	const page = rows.slice(offset, offset + limit);
	return {
		result: Object.fromEntries(page.map((row) => [String(row.id), row])),
		total: rows.length,
		next: offset + limit < rows.length ? offset + limit : undefined,
	};
}

function findPhrase(ctx: CallContext): string {
	const find = upper(ctx, 'FIND');
	if (find === undefined) throw findShort();
	const phrase = text(find).trim().toLowerCase();
	if (phrase.length < 3) throw findShort();
	return phrase;
}

export const searchMethods: MethodDef[] = [
	{
		name: 'im.recent.list',
		scope: 'im',
		handler: (ctx) => {
			const state = imState(ctx.portal.store);
			const offset = Math.max(0, phpInt(upper(ctx, 'OFFSET') ?? ctx.params.start));
			const given = phpInt(upper(ctx, 'LIMIT'));
			const limit = given > 0 ? Math.min(200, given) : 50;
			const chats = [...state.chats.values()]
				.filter((chat) => chat.members.has(ctx.auth.userId))
				// a private dialog shows once a message was sent in it; group chats from their creation
				.filter((chat) => chat.type !== 'private' || chatMessages(state, chat.id).length > 0)
				.filter((chat) => !(flag(ctx, 'SKIP_DIALOG') && chat.type === 'private'))
				.filter((chat) => !(flag(ctx, 'SKIP_CHAT') && chat.type !== 'private'))
				.filter(
					(chat) => !flag(ctx, 'UNREAD_ONLY') || unreadCount(state, chat, ctx.auth.userId) > 0,
				)
				.map((chat) => ({
					date: lastActivity(state, chat),
					id: chat.id,
					item: () => recentItem(ctx, chat),
				}));
			// open line chats come too unless SKIP_OPENLINES=Y (UNREAD_ONLY: they carry no counter here)
			const lines =
				flag(ctx, 'SKIP_OPENLINES') || flag(ctx, 'UNREAD_ONLY') ? [] : recentOpenLines(ctx);
			const entries = [...chats, ...lines].sort((a, b) => b.date - a.date || b.id - a.id);
			const page = entries.slice(offset, offset + limit).map((entry) => entry.item());
			const hasMore = offset + page.length < entries.length;
			return {
				result: { items: page, hasMorePages: hasMore, hasMore, messagesAutoDeleteConfigs: [] },
				total: -1,
				next: hasMore ? offset + page.length : undefined,
			};
		},
	},
	{
		name: 'im.search.chat.list',
		scope: 'im',
		handler: (ctx) => {
			const phrase = findPhrase(ctx);
			const { offset, limit } = searchPage(ctx);
			const state = imState(ctx.portal.store);
			// chats the user may see (a member, or an open chat), found by title or a member's name
			const rows = [...state.chats.values()]
				.filter((chat) => chat.type !== 'private')
				.filter((chat) => chat.members.has(ctx.auth.userId) || chat.type === 'open')
				.filter(
					(chat) =>
						chat.title.toLowerCase().includes(phrase) ||
						[...chat.members.keys()].some((userId) => {
							const u = userById(ctx, userId);
							return !!u && `${u.NAME} ${u.LAST_NAME}`.toLowerCase().includes(phrase);
						}),
				)
				.sort((a, b) => b.id - a.id)
				.map((chat) => ({
					id: chat.id,
					title: chat.title,
					owner: chat.ownerId,
					extranet: false,
					avatar: '',
					color: CHAT_COLORS[chat.color] ?? '#909090',
					type: chat.type,
					entity_type: chat.entityType,
					entity_id: chat.entityId,
					entity_data_1: '',
					entity_data_2: '',
					entity_data_3: '',
					date_create: isoDate(chat.dateCreate),
					message_type: chat.type === 'open' ? 'O' : 'C',
				}));
			return navData(rows, offset, limit);
		},
	},
	{
		name: 'im.search.user.list',
		scope: 'im',
		handler: (ctx) => {
			const phrase = findPhrase(ctx);
			const { offset, limit } = searchPage(ctx);
			// first name, last name and position, as the docs list them
			const rows = ctx.portal.store.users
				.filter((u) => u.ACTIVE)
				.filter((u) =>
					[u.NAME, u.LAST_NAME, `${u.NAME} ${u.LAST_NAME}`, u.WORK_POSITION]
						.map((value) => String(value ?? '').toLowerCase())
						.some((value) => value.includes(phrase)),
				)
				.sort((a, b) => a.ID - b.ID)
				.map((u) => {
					const view = imUserView(ctx, u);
					delete view.avatar_hr;
					return view;
				});
			return navData(rows, offset, limit);
		},
	},
];
