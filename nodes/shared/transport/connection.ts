import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { createHash } from 'crypto';
import { NodeOperationError } from 'n8n-workflow';

import type { PortalLimits } from './scheduler';
import { DEFAULT_LIMITS } from './scheduler';

import type { Bitrix24CredentialType, TransportOptions } from './types';
import { DEFAULT_TRANSPORT_OPTIONS } from './types';
import { isProblem, parseWebhookUrl } from './webhook-url';

export type Bitrix24Context =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions
	| IPollFunctions;

/** Which credential a node uses, where REST calls go, and what must never be shown. */
export interface Connection {
	credentialType: Bitrix24CredentialType;
	/** '' for a webhook: its credential's `authenticate` adds the secret path to the method name */
	restBase: string;
	/** the portal's address without `/rest/`, for links to records (`<portalRoot>/crm/deal/details/7/`) */
	portalRoot: string;
	secrets: string[];
	options: TransportOptions;
	/** the portal, hashed: every credential of one portal shares its request budget */
	portalKey: string;
	/** where calls go and whose rights they use (webhook secret path, or endpoint + access token), hashed */
	identity: string;
	limits: PortalLimits;
}

const connections = new WeakMap<object, Connection>();

function authenticationOf(ctx: Bitrix24Context): Bitrix24CredentialType {
	const value =
		'getInputData' in ctx
			? (ctx as IExecuteFunctions).getNodeParameter('authentication', 0, 'bitrix24WebhookApi')
			: (ctx as ILoadOptionsFunctions).getNodeParameter('authentication', 'bitrix24WebhookApi');
	return value === 'bitrix24OAuth2Api' ? 'bitrix24OAuth2Api' : 'bitrix24WebhookApi';
}

function hash(...parts: string[]): string {
	return createHash('sha256').update(parts.join('\n'), 'utf8').digest('hex');
}

function limitsOf(credentials: ICredentialDataDecryptedObject): PortalLimits {
	const rate = Number(credentials.requestsPerSecond);
	const burst = Number(credentials.burst);
	return {
		requestsPerSecond: Number.isFinite(rate) && rate > 0 ? rate : DEFAULT_LIMITS.requestsPerSecond,
		burst: Number.isFinite(burst) && burst >= 1 ? Math.floor(burst) : DEFAULT_LIMITS.burst,
	};
}

/** Pickers in the editor and trigger set-up should not hang for minutes behind a busy portal. */
const INTERACTIVE_MAX_WAIT_MS = 60_000;

/** The node's "Max Wait for Limits" option, where the context has one (action node executions). */
function maxWaitOf(ctx: Bitrix24Context): Partial<TransportOptions> {
	if (!('getInputData' in ctx)) return { maxWaitMs: INTERACTIVE_MAX_WAIT_MS };
	try {
		const minutes = Number(
			(ctx as IExecuteFunctions).getNodeParameter('requestOptions.maxWaitMinutes', 0, Number.NaN),
		);
		return Number.isFinite(minutes) && minutes >= 0 ? { maxWaitMs: minutes * 60_000 } : {};
	} catch {
		return {};
	}
}

/** The node's "Source Key (auth_connector)" option (action node executions only). */
function sourceKeyOf(ctx: Bitrix24Context): Partial<TransportOptions> {
	if (!('getInputData' in ctx)) return {};
	try {
		const key = trimmedString(
			(ctx as IExecuteFunctions).getNodeParameter('requestOptions.authConnector', 0, ''),
		);
		return key ? { authConnector: key } : {};
	} catch {
		return {};
	}
}

function trimmedString(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

/** An OAuth2 credential's REST base: its token's `client_endpoint`, else `<portal URL>/rest/`. */
export function oauthRestBase(credentials: ICredentialDataDecryptedObject): string {
	const token = (credentials.oauthTokenData ?? {}) as Record<string, unknown>;
	const endpoint = trimmedString(token.client_endpoint);
	if (endpoint) return endpoint.endsWith('/') ? endpoint : `${endpoint}/`;
	const portal = trimmedString(credentials.portalUrl).replace(/\/+$/, '');
	return portal ? `${portal}/rest/` : '';
}

function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return url;
	}
}

export async function connect(
	ctx: Bitrix24Context,
	options: Partial<TransportOptions> = {},
): Promise<Connection> {
	const cached = connections.get(ctx);
	if (cached) return cached;
	const credentialType = authenticationOf(ctx);
	const credentials = await ctx.getCredentials(credentialType);
	let connection: Connection;
	if (credentialType === 'bitrix24WebhookApi') {
		const address = parseWebhookUrl(credentials.webhookSecretUrl, credentials.allowHttp === true);
		if (isProblem(address)) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Bitrix24 Webhook API credential: ${address.problem}`,
				{
					description:
						'Open the credential and paste the URL of an incoming webhook exactly as Bitrix24 shows it.',
				},
			);
		}
		const portalRoot = address.restRoot.replace(/\/rest\/$/, '');
		connection = {
			credentialType,
			restBase: '',
			portalRoot,
			secrets: [address.code],
			options: { ...DEFAULT_TRANSPORT_OPTIONS, ...maxWaitOf(ctx), ...sourceKeyOf(ctx), ...options },
			portalKey: hash(new URL(portalRoot).host),
			identity: hash('webhook', portalRoot, String(address.userId), address.code),
			limits: limitsOf(credentials),
		};
	} else {
		const token = (credentials.oauthTokenData ?? {}) as Record<string, unknown>;
		const restBase = oauthRestBase(credentials);
		if (!restBase) {
			throw new NodeOperationError(
				ctx.getNode(),
				'Bitrix24 OAuth2 API credential: the portal URL is missing',
				{
					description: 'Open the credential, enter the portal URL and connect it.',
				},
			);
		}
		const accessToken = trimmedString(token.access_token);
		connection = {
			credentialType,
			restBase,
			portalRoot: restBase.replace(/\/rest\/$/, ''),
			secrets: [accessToken, token.refresh_token, credentials.clientSecret].map(trimmedString),
			options: { ...DEFAULT_TRANSPORT_OPTIONS, ...maxWaitOf(ctx), ...sourceKeyOf(ctx), ...options },
			portalKey: hash(hostOf(restBase)),
			identity: hash('oauth2', restBase, accessToken),
			limits: limitsOf(credentials),
		};
	}
	connections.set(ctx, connection);
	return connection;
}

/**
 * The secrets to keep out of output now: an OAuth2 access token may have been refreshed since
 * the connection was made, and links Bitrix24 returned afterwards carry the new one.
 */
export async function currentSecrets(ctx: Bitrix24Context): Promise<string[]> {
	const connection = await connect(ctx);
	if (connection.credentialType !== 'bitrix24OAuth2Api') return connection.secrets;
	const credentials = await ctx.getCredentials(connection.credentialType);
	const token = (credentials.oauthTokenData ?? {}) as Record<string, unknown>;
	const fresh = [token.access_token, token.refresh_token]
		.map(trimmedString)
		.filter((secret) => !connection.secrets.includes(secret));
	connection.secrets.push(...fresh);
	return connection.secrets;
}
