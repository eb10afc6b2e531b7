import type { INodeProperties } from 'n8n-workflow';

/**
 * The portal's request limits, set on the credential because they belong to the portal's plan:
 * the node's scheduler mirrors them so that every execution of this n8n shares one budget.
 */
export const rateLimitProperties: INodeProperties[] = [
	{
		displayName: 'Requests per Second',
		name: 'requestsPerSecond',
		type: 'number',
		typeOptions: { minValue: 0.1, numberPrecision: 1 },
		default: 2,
		hint: "Your plan's rate limit: 2 for most plans, 5 for Enterprise",
		description:
			'How many requests per second the portal accepts on average. The node spaces its requests to stay within it, across all workflows running in this n8n.',
	},
	{
		displayName: 'Burst',
		name: 'burst',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 50,
		hint: "Your plan's burst: 50 for most plans, 250 for Enterprise",
		description: 'How many requests the portal accepts at once before the rate limit applies',
	},
];

/** Node-wide request settings of the action node, shown under every operation. */
export const requestOptionsProperty: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Max Wait for Limits (Minutes)',
			name: 'maxWaitMinutes',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 10,
			description:
				"How long a call may wait for the portal's rate limit or a method's operating-time limit before the item fails. Calls of all workflows on this n8n share the portal's limit and are queued and batched together.",
		},
		{
			displayName: 'Source Key (Auth Connector)',
			name: 'authConnector',
			type: 'string',
			default: '',
			placeholder: 'n8n',
			description:
				"Sent as auth_connector with every call of this node (each command of a batch included). Bitrix24 then leaves this node's changes out of the offline queue a Bitrix24 Event Queue Trigger reads with the same Source Key, so a workflow that updates the record it was triggered by does not trigger itself again. Use the same OAuth2 credential (local application) as the trigger. Professional plan and above.",
		},
	],
};
