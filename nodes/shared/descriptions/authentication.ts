import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

/** How every Bitrix24 node picks its credential: the Authentication field and the two credential slots. */
export function authenticationProperty(
	defaultType: 'bitrix24WebhookApi' | 'bitrix24OAuth2Api',
	description?: string,
): INodeProperties {
	return {
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		options: [
			{ name: 'Incoming Webhook', value: 'bitrix24WebhookApi' },
			{ name: 'OAuth2 (Local Application)', value: 'bitrix24OAuth2Api' },
		],
		default: defaultType,
		...(description ? { description } : {}),
	};
}

export const bitrix24Credentials: INodeCredentialDescription[] = [
	{
		name: 'bitrix24WebhookApi',
		required: true,
		displayOptions: { show: { authentication: ['bitrix24WebhookApi'] } },
	},
	{
		name: 'bitrix24OAuth2Api',
		required: true,
		displayOptions: { show: { authentication: ['bitrix24OAuth2Api'] } },
	},
];
