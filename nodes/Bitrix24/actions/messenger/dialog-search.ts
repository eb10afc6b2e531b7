import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { bitrix24Call, connect } from '../../../shared/transport';

/**
 * The messenger's pickers. Without a search text (or under 3 characters, the least the search
 * methods take) they list the user's recent chats and dialogs (im.recent.list, newest first),
 * a short text narrowing them by title; 3 characters or more search every chat the user may see
 * (im.search.chat.list) and, for dialogs, the people (im.search.user.list).
 */

const PAGE = 50;

/** dialogs: chats as chat<N> and people; chats: group chats by number; groupDialogs: group chats as chat<N>. */
type Kind = 'dialogs' | 'chats' | 'groupDialogs';

/** Search answers are objects keyed by ID in the docs and lists in practice: take either. */
function rowsOf(result: unknown): IDataObject[] {
	if (Array.isArray(result)) return result as IDataObject[];
	return result && typeof result === 'object' ? (Object.values(result) as IDataObject[]) : [];
}

function nextOf(offset: number, rows: number, envelopeNext: unknown): string | undefined {
	if (envelopeNext !== undefined && envelopeNext !== null) return String(envelopeNext);
	return rows >= PAGE ? String(offset + PAGE) : undefined;
}

async function recent(
	ctx: ILoadOptionsFunctions,
	text: string,
	offset: number,
	kind: Kind,
): Promise<INodeListSearchResult> {
	const envelope = await bitrix24Call(ctx, 'im.recent.list', {
		OFFSET: offset,
		LIMIT: PAGE,
		...(kind === 'dialogs' ? {} : { SKIP_DIALOG: 'Y' }),
	});
	const result = (envelope.result ?? {}) as IDataObject;
	const items = ((result.items ?? []) as IDataObject[]).filter((item) =>
		String(item.title ?? '')
			.toLowerCase()
			.includes(text.toLowerCase()),
	);
	const { portalRoot } = await connect(ctx);
	return {
		results: items.map((item) => {
			const dialogId = String(item.id);
			return {
				name: String(item.title || dialogId),
				value: kind === 'chats' ? String(item.chat_id) : dialogId,
				description: item.type === 'user' ? 'Private dialog' : 'Chat',
				url: `${portalRoot}/online/?IM_DIALOG=${dialogId}`,
			};
		}),
		paginationToken:
			result.hasMore === true
				? String(
						envelope.next ?? offset + ((result.items as unknown[] | undefined)?.length ?? PAGE),
					)
				: undefined,
	};
}

async function search(
	ctx: ILoadOptionsFunctions,
	text: string,
	offset: number,
	kind: Kind,
): Promise<INodeListSearchResult> {
	const { portalRoot } = await connect(ctx);
	const page = { FIND: text, OFFSET: offset, LIMIT: PAGE };
	const chats = await bitrix24Call(ctx, 'im.search.chat.list', page);
	const chatRows = rowsOf(chats.result);
	const results = chatRows.map((chat) => ({
		name: String(chat.title || `Chat ${String(chat.id)}`),
		value: kind === 'chats' ? String(chat.id) : `chat${String(chat.id)}`,
		description: 'Chat',
		url: `${portalRoot}/online/?IM_DIALOG=chat${String(chat.id)}`,
	}));
	let next = nextOf(offset, chatRows.length, chats.next);
	if (kind === 'dialogs') {
		const users = await bitrix24Call(ctx, 'im.search.user.list', page);
		const userRows = rowsOf(users.result);
		results.push(
			...userRows.map((user) => ({
				name: String(user.name || `User ${String(user.id)}`),
				value: String(user.id),
				description: user.work_position
					? `Private dialog, ${String(user.work_position)}`
					: 'Private dialog',
				url: `${portalRoot}/online/?IM_DIALOG=${String(user.id)}`,
			})),
		);
		next = next ?? nextOf(offset, userRows.length, users.next);
	}
	return { results, paginationToken: next };
}

function picker(kind: Kind) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const text = (filter ?? '').trim();
		const offset = Number(paginationToken ?? 0) || 0;
		return text.length >= 3
			? await search(this, text, offset, kind)
			: await recent(this, text, offset, kind);
	};
}

export const messengerListSearch = {
	/** A dialog: a chat (chat<N>) or a person (their user ID, for the private dialog). */
	searchDialogs: picker('dialogs'),
	/** A group chat, by its number. */
	searchChats: picker('chats'),
	/** A group chat, as chat<N>. */
	searchGroupDialogs: picker('groupDialogs'),
};
