import type { Area } from '../types';
import { executeBatch } from './batch/execute.operation';
import { callMethod } from './method/call.operation';

/** The API itself: any REST method, and batches of up to 50 calls. */
export const apiArea: Area = {
	resources: [
		{
			value: 'method',
			name: 'Method',
			description: 'Any REST method',
			operations: [
				{
					value: 'call',
					name: 'Call',
					action: 'Call a REST method',
					description: 'Call any Bitrix24 REST method',
					operation: callMethod,
				},
			],
		},
		{
			value: 'batch',
			name: 'Batch',
			description: 'Up to 50 calls in one request',
			operations: [
				{
					value: 'execute',
					name: 'Execute',
					action: 'Execute a batch of calls',
					description: 'Run up to 50 REST calls in one request',
					operation: executeBatch,
				},
			],
		},
	],
};
