import { NodeOperationError } from 'n8n-workflow';

import type { MethodSpec, ResourceSpec } from '../method-table/spec';
import { configGetMany } from './config/get-many.operation';

/** Open line settings: imopenlines.config.get, .list.get. */
const methods: MethodSpec[] = [
	{
		value: 'get',
		name: 'Get',
		action: 'Get an open line',
		description: 'Get the settings of an open line (imopenlines.config.get)',
		method: 'imopenlines.config.get',
		params: [
			{ name: 'configId', label: 'Open Line ID', path: 'CONFIG_ID', type: 'id', required: true },
			{
				name: 'withQueue',
				label: 'Include Queue',
				path: 'WITH_QUEUE',
				type: 'yesNo',
				description: "Whether to return the operators of the line's queue",
			},
			{
				name: 'showOffline',
				label: 'Include Offline Operators',
				path: 'SHOW_OFFLINE',
				type: 'yesNo',
				description: 'Whether the queue includes operators who are offline',
			},
		],
		// the method answers `false` for a line that does not exist
		shape: (ctx, result, params, itemIndex) => {
			if (!result || typeof result !== 'object') {
				throw new NodeOperationError(
					ctx.getNode(),
					`Open line ${String(params.CONFIG_ID)} was not found`,
					{ itemIndex },
				);
			}
			return result as Record<string, never>;
		},
	},
];

export const configSpec: ResourceSpec = {
	value: 'openLineConfig',
	name: 'Open Line',
	description: 'Open line settings',
	methods,
	operations: [configGetMany],
	first: 'get',
};
