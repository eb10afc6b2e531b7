import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { rateLimitProperties } from '../nodes/shared/descriptions/rate-limits';

/**
 * A Bitrix24 local application. Authorization happens on the portal itself; tokens come
 * from Bitrix24's central OAuth server, which also serves self-hosted portals. The client
 * secret goes in the form body (`authentication: body`): that is how Bitrix24's own SDKs
 * send it, and how n8n-core then sends it on every refresh.
 */
export class Bitrix24OAuth2Api implements ICredentialType {
	name = 'bitrix24OAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Bitrix24 OAuth2 API';

	icon: Icon = { light: 'file:bitrix24.svg', dark: 'file:bitrix24.dark.svg' };

	documentationUrl = 'https://apidocs.bitrix24.com/settings/oauth/index.html';

	properties: INodeProperties[] = [
		{
			displayName: 'Portal URL',
			name: 'portalUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://your-portal.bitrix24.com',
			description: 'The address of your Bitrix24 portal, where the local application is installed',
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: '={{ $self["portalUrl"].trim().replace(/\\/+$/, "") }}/oauth/authorize/',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'string',
			default: 'https://oauth.bitrix.info/oauth/token/',
			description:
				"Bitrix24's OAuth server. Keep the default unless your self-hosted setup documents another one.",
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSSLIssues',
			type: 'boolean',
			default: false,
			description:
				'Whether to connect even if the certificate cannot be verified, for a self-hosted portal with its own certificate',
		},
		...rateLimitProperties,
	];

	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			baseURL:
				'={{ $credentials.oauthTokenData?.client_endpoint || ($credentials.portalUrl.trim().replace(/\\/+$/, "") + "/rest/") }}',
			url: 'server.time',
		},
	};
}
