import type { ICredentialType, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { packageCredentialTypes } from './package';

/**
 * n8n's generic OAuth2 credential (n8n-nodes-base `OAuth2Api`), which `bitrix24OAuth2Api`
 * extends: it contributes clientId/clientSecret and the defaults of the fields the child
 * does not redefine. Only the properties that matter for a stored credential are copied;
 * `doNotInherit` ones are, as in n8n, not passed on to children.
 */
const oAuth2Api: ICredentialType = {
	name: 'oAuth2Api',
	displayName: 'OAuth2 API',
	genericAuth: true,
	properties: [
		{
			displayName: 'Use Dynamic Client Registration',
			name: 'useDynamicClientRegistration',
			type: 'hidden',
			default: false,
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'options',
			options: [
				{ name: 'Authorization Code', value: 'authorizationCode' },
				{ name: 'Client Credentials', value: 'clientCredentials' },
				{ name: 'PKCE', value: 'pkce' },
			],
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'string',
			default: '',
			required: true,
		},
		{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '', required: true },
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{ displayName: 'Scope', name: 'scope', type: 'string', default: '' },
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'string',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{ name: 'Body', value: 'body' },
				{ name: 'Header', value: 'header' },
			],
			default: 'header',
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSSLIssues',
			type: 'boolean',
			default: false,
			doNotInherit: true,
		},
		{
			displayName: 'Token Expired Status Code',
			name: 'tokenExpiredStatusCode',
			type: 'number',
			default: 401,
			doNotInherit: true,
		},
	],
};

/** Where n8n keeps access/refresh tokens; not a declared property, so added by hand (as n8n does). */
const oauthTokenDataProperty: INodeProperties = {
	displayName: 'oauthTokenData',
	name: 'oauthTokenData',
	type: 'json',
	default: {},
};

/** n8n's credential types as far as the harness knows them: oAuth2Api and this package's. */
export class CredentialTypes {
	private readonly own: Map<string, ICredentialType>;

	constructor(extra: ICredentialType[] = []) {
		this.own = new Map([oAuth2Api, ...extra].map((type) => [type.name, type]));
	}

	private find(name: string): ICredentialType | undefined {
		return this.own.get(name) ?? packageCredentialTypes().find((type) => type.name === name);
	}

	getByName(name: string): ICredentialType {
		const type = this.find(name);
		if (!type) throw new Error(`Unknown credential type "${name}"`);
		return type;
	}

	/** All ancestors, nearest first (n8n's CredentialTypes.getParentTypes). */
	getParentTypes(name: string): string[] {
		const parents = this.find(name)?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	/** The type's own properties merged over its parents' (n8n's CredentialsHelper.getCredentialsProperties). */
	getProperties(name: string): INodeProperties[] {
		const type = this.getByName(name);
		if (type.extends === undefined) {
			return ['oAuth1Api', 'oAuth2Api'].includes(name)
				? [...type.properties, oauthTokenDataProperty]
				: type.properties;
		}
		const combined: INodeProperties[] = [];
		for (const parent of type.extends)
			NodeHelpers.mergeNodeProperties(combined, this.getProperties(parent));
		NodeHelpers.mergeNodeProperties(combined, type.properties);
		return combined;
	}
}
