import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { rateLimitProperties } from '../nodes/shared/descriptions/rate-limits';
import {
	isProblem,
	parseWebhookUrl,
	resolveWebhookTarget,
} from '../nodes/shared/transport/webhook-url';

export class Bitrix24WebhookApi implements ICredentialType {
	name = 'bitrix24WebhookApi';

	displayName = 'Bitrix24 Webhook API';

	icon: Icon = { light: 'file:bitrix24.svg', dark: 'file:bitrix24.dark.svg' };

	documentationUrl = 'https://apidocs.bitrix24.com/local-integrations/local-webhooks.html';

	properties: INodeProperties[] = [
		{
			displayName: 'Webhook URL',
			name: 'webhookSecretUrl',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'https://your-portal.bitrix24.com/rest/1/abc123def456ghij/',
			description:
				'The incoming webhook URL Bitrix24 shows under Developer resources > Other > Incoming webhook. It holds the secret code, so it is stored encrypted.',
		},
		{
			displayName: 'Allow Plain HTTP',
			name: 'allowHttp',
			type: 'boolean',
			default: false,
			description:
				'Whether to allow an http:// URL, for a self-hosted portal without TLS. The secret then travels unencrypted.',
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description:
				'Whether to connect even if the certificate cannot be verified, for a self-hosted portal with its own certificate',
		},
		...rateLimitProperties,
	];

	/** Adds the secret path to the request; callers (this package, the HTTP Request node) never hold it. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const address = parseWebhookUrl(credentials.webhookSecretUrl, credentials.allowHttp === true);
		if (isProblem(address)) throw new Error(address.problem);
		const options = requestOptions as IHttpRequestOptions & {
			uri?: string;
			rejectUnauthorized?: boolean;
		};
		const legacy = typeof options.uri === 'string';
		const target = legacy
			? String(options.uri)
			: options.baseURL
				? joinUrl(options.baseURL, options.url)
				: options.url;
		const resolved = resolveWebhookTarget(address, target);
		if (isProblem(resolved)) throw new Error(resolved.problem);
		if (legacy) {
			options.uri = resolved;
		} else {
			options.url = resolved;
			delete options.baseURL;
		}
		if (credentials.ignoreSslIssues === true) {
			options.skipSslCertificateValidation = true;
			options.rejectUnauthorized = false;
		}
		return options;
	}

	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: 'server.time',
			skipSslCertificateValidation: '={{$credentials.ignoreSslIssues}}' as unknown as boolean,
		},
	};
}

function joinUrl(base: string, path: string): string {
	if (/^https?:\/\//i.test(path)) return path;
	return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
