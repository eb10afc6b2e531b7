import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { bitrix24Call, connect } from '../../../shared/transport';

/** One page of users matching what the user typed (name, email, position), by ID. */
export async function searchUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const start = Number(paginationToken ?? 0);
	const envelope = filter
		? await bitrix24Call(this, 'user.search', { FILTER: { FIND: filter }, start })
		: await bitrix24Call(this, 'user.get', { sort: 'ID', order: 'ASC', start });
	const users = (Array.isArray(envelope.result) ? envelope.result : []) as IDataObject[];
	const { portalRoot } = await connect(this);
	return {
		results: users.map((user) => ({
			name:
				[user.NAME, user.LAST_NAME].filter(Boolean).join(' ') ||
				String(user.EMAIL || `User ${String(user.ID)}`),
			value: String(user.ID),
			url: `${portalRoot}/company/personal/user/${String(user.ID)}/`,
		})),
		paginationToken: envelope.next === undefined ? undefined : String(envelope.next),
	};
}
