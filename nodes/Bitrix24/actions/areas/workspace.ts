import { methodResource } from '../generic/operation';
import type { ResourceSpec } from '../generic/spec';
import type { Area } from './area';

/** Portal-wide things: server time (users, departments, news feed and work time join here). */
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

export const area: Area = { resources: [server].map(methodResource) };
