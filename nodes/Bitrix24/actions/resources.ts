import { AREAS } from './areas';
import { executeBatch } from './batch/execute.operation';
import { CRM_ENTITIES } from './crm/entities';
import { crmItemResource } from './crm/item.resource';
import { oldCrmResource } from './crm/old-crm.resource';
import { callMethod } from './method/call.operation';
import type { Resource } from './types';

export const resources: Resource[] = [
	...CRM_ENTITIES.map(oldCrmResource),
	crmItemResource,
	...AREAS.flatMap((area) => area.resources),
	{
		value: 'method',
		name: 'Method',
		description: 'Any REST method',
		operations: [
			{ value: 'call', name: 'Call', action: 'Call a REST method', description: 'Call any Bitrix24 REST method', operation: callMethod },
		],
	},
	{
		value: 'batch',
		name: 'Batch',
		description: 'Up to 50 calls in one request',
		operations: [
			{ value: 'execute', name: 'Execute', action: 'Execute a batch of calls', description: 'Run up to 50 REST calls in one request', operation: executeBatch },
		],
	},
];
