import type { ResourceSpec } from '../method-table/spec';

/** The portal server's clock. */
export const server: ResourceSpec = {
	value: 'server',
	name: 'Server',
	description: "The portal server's clock",
	methods: [
		{
			value: 'getTime',
			name: 'Get Time',
			action: 'Get the server time',
			description: "Get the portal server's current time (server.time)",
			method: 'server.time',
			params: [],
			output: { as: 'time' },
		},
	],
};
