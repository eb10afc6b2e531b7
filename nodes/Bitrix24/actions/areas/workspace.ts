import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { bitrix24Call, connect } from '../../../shared/transport';
import { methodResource } from '../method-table/build';
import type { ResourceSpec } from '../method-table/spec';
import type { Area } from './area';
import { feedPostResource } from './workspace/feed';
import { departmentResource, userResource } from './workspace/users';
import { workTimeSpec } from './workspace/work-time';

/** Portal-wide things: server time, users, departments, the news feed and work time. */
const server: ResourceSpec = {
	value: 'server',
	name: 'Server',
	description: 'The portal server\'s clock',
	methods: [
		{
			value: 'getTime',
			name: 'Get Time',
			action: 'Get the server time',
			description: 'Get the portal server\'s current time (server.time)',
			method: 'server.time',
			params: [],
			output: { as: 'time' },
		},
	],
};

export const area: Area = {
	resources: [
		methodResource(server),
		userResource,
		departmentResource,
		feedPostResource,
		methodResource(workTimeSpec),
	],
	listSearch: {
		/** One page of users matching what the user typed (name, email, position), by ID. */
		async searchUsers(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
			const start = Number(paginationToken ?? 0);
			const envelope = filter
				? await bitrix24Call(this, 'user.search', { FILTER: { FIND: filter }, start })
				: await bitrix24Call(this, 'user.get', { sort: 'ID', order: 'ASC', start });
			const users = (Array.isArray(envelope.result) ? envelope.result : []) as IDataObject[];
			const { portalRoot } = await connect(this);
			return {
				results: users.map((user) => ({
					name: [user.NAME, user.LAST_NAME].filter(Boolean).join(' ') || String(user.EMAIL || `User ${String(user.ID)}`),
					value: String(user.ID),
					url: `${portalRoot}/company/personal/user/${String(user.ID)}/`,
				})),
				paginationToken: envelope.next === undefined ? undefined : String(envelope.next),
			};
		},
	},
};
