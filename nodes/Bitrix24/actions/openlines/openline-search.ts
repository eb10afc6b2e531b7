import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { bitrix24Call } from '../../../shared/transport';
import { matchesFilter } from '../search-text';
import { searchUsers } from '../workspace/search-users';

/**
 * The open line pickers (version 2). Bitrix24 has no method that lists every open line dialog:
 * the chats come from the user's recent list (im.recent.list, where open line chats carry
 * `lines`), so a chat the user never joined is given by ID. Transfer targets are users and the
 * queues of the lines (imopenlines.config.list.get) as TRANSFER_ID takes them: `queue<line ID>`.
 */

const PAGE = 50;

/** One page of the user's recent open line chats, narrowed by title; value the chat number. */
async function searchOpenLineChats(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const offset = Number(paginationToken ?? 0);
	const envelope = await bitrix24Call(this, 'im.recent.list', {
		SKIP_DIALOG: 'Y',
		SKIP_CHAT: 'Y',
		SKIP_OPENLINES: 'N',
		OFFSET: offset,
		LIMIT: PAGE,
	});
	const result = (envelope.result ?? {}) as IDataObject;
	const items = (Array.isArray(result.items) ? result.items : []) as IDataObject[];
	return {
		results: items
			.filter((item) => item.lines && typeof item.lines === 'object')
			.filter((item) => matchesFilter(filter, item.title))
			.map((item) => ({
				name: String(item.title || `Chat ${String(item.chat_id)}`),
				value: String(item.chat_id),
			})),
		paginationToken: result.hasMore ? String(offset + PAGE) : undefined,
	};
}

/** The lines whose queue can take a dialog (first page), then users, as the user pickers list them. */
async function searchTransferTargets(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const users = await searchUsers.call(this, filter, paginationToken);
	if (paginationToken !== undefined) return users;
	const envelope = await bitrix24Call(this, 'imopenlines.config.list.get', {
		PARAMS: { select: ['ID', 'LINE_NAME', 'ACTIVE'], order: { ID: 'ASC' } },
	});
	const lines = (Array.isArray(envelope.result) ? envelope.result : []) as IDataObject[];
	const queues = lines
		.filter((line) => line.ACTIVE !== 'N')
		.filter((line) => matchesFilter(filter, line.LINE_NAME, 'queue'))
		.map((line) => ({
			name: `Queue of ${String(line.LINE_NAME || `line ${String(line.ID)}`)}`,
			value: `queue${String(line.ID)}`,
			description: 'Open line queue',
		}));
	return { ...users, results: [...queues, ...users.results] };
}

/** The chats of the CRM record chosen in the form (imopenlines.crm.chat.get). */
async function searchCrmRecordChats(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const type = String(this.getCurrentNodeParameter('entityType') ?? '');
	const id = String(this.getCurrentNodeParameter('entityId') ?? '').trim();
	if (!type || !/^\d+$/.test(id)) return { results: [] };
	const envelope = await bitrix24Call(this, 'imopenlines.crm.chat.get', {
		CRM_ENTITY_TYPE: type,
		CRM_ENTITY: Number(id),
		ACTIVE_ONLY: 'N',
	});
	const chats = (Array.isArray(envelope.result) ? envelope.result : []) as IDataObject[];
	return {
		results: chats
			.filter((chat) => matchesFilter(filter, chat.CONNECTOR_TITLE, chat.CHAT_ID))
			.map((chat) => ({
				name: `${String(chat.CONNECTOR_TITLE || chat.CONNECTOR_ID || 'Chat')} ${String(chat.CHAT_ID)}`,
				value: String(chat.CHAT_ID),
			})),
	};
}

export const openLinesListSearch = {
	searchOpenLineChats,
	searchTransferTargets,
	searchCrmRecordChats,
};
