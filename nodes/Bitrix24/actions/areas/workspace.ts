import { methodResource } from '../generic/operation';
import type { ResourceSpec } from '../generic/spec';
import type { Area } from './area';
import { feedPostResource } from './workspace/feed';
import { departmentResource, userResource } from './workspace/users';
import { workTimeSpec } from './workspace/work-time';

/** Portal-wide things: server time, users, departments, the news feed and work time. */
const server: ResourceSpec = {
	value: 'server',
	name: 'Server',
	description: 'The portal server',
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
};
