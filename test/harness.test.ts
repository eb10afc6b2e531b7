/**
 * Proves the harness: workflows run through n8n-core's WorkflowExecute, requests leave over
 * real HTTP through n8n-core's request helpers, the webhook credential's `authenticate` and
 * n8n-core's OAuth2 refresh path run for real against a loopback server.
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseForm } from 'node:querystring';

import type {
	ICredentialType,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CredentialStore, bitrix24Node, chain, runWorkflow, startNode } from './harness';
import { NodeTypes } from './harness/node-types';
import { HttpProbe } from './harness/nodes/http-probe.node';
import type { StoredCredential } from './harness';

interface Seen {
	method: string;
	path: string;
	headers: IncomingHttpHeaders;
	body: string;
}

type Reply = { status: number; body: unknown };
type Handler = (request: Seen) => Reply;

let server: Server;
let base: string;
let seen: Seen[] = [];
let handler: Handler = () => ({ status: 404, body: { error: 'NOT_FOUND' } });

beforeAll(async () => {
	server = createServer((req, res) => {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString()));
		req.on('end', () => {
			const request = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
			seen.push(request);
			const reply = handler(request);
			res.writeHead(reply.status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(reply.body));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
	seen = [];
});

const SECRET = 'k9secretcode42';

function webhookCredential(): StoredCredential {
	return {
		id: 'wh1',
		name: 'Portal webhook',
		type: 'bitrix24WebhookApi',
		data: { webhookSecretUrl: `${base}/rest/1/${SECRET}/`, allowHttp: true },
	};
}

function oauthCredential(): StoredCredential {
	return {
		id: 'oa1',
		name: 'Portal app',
		type: 'bitrix24OAuth2Api',
		data: {
			portalUrl: `${base}/`,
			clientId: 'local.app.1',
			clientSecret: 'client-secret-xyz',
			accessTokenUrl: `${base}/oauth/token/`,
			oauthTokenData: {
				access_token: 'access-old',
				refresh_token: 'refresh-1',
				expires_in: 3600,
				client_endpoint: `${base}/rest/`,
				member_id: 'm1',
			},
		},
	};
}

function probe(
	parameters: Record<string, string>,
	credential: StoredCredential,
	extra: Partial<INode> = {},
): INode {
	return {
		id: 'probe',
		name: 'HTTP Probe',
		type: 'test.httpProbe',
		typeVersion: 1,
		position: [200, 0],
		parameters: { credentialType: credential.type, ...parameters },
		credentials: { [credential.type]: { id: credential.id, name: credential.name } },
		...extra,
	};
}

describe('webhook credential', () => {
	it('sends the request to the webhook URL built by the credential', async () => {
		handler = () => ({
			status: 200,
			body: { result: '2025-01-01T00:00:00+00:00', time: { start: 1 } },
		});

		const result = await runWorkflow({
			workflow: chain([startNode([{}]), probe({ url: 'server.time' }, webhookCredential())]),
			credentials: [webhookCredential()],
		});

		expect(result.error).toBeUndefined();
		expect(seen).toHaveLength(1);
		expect(seen[0]).toMatchObject({ method: 'POST', path: `/rest/1/${SECRET}/server.time` });
		expect(result.output('HTTP Probe')[0].json).toEqual({
			result: '2025-01-01T00:00:00+00:00',
			time: { start: 1 },
		});
		expect(result.logs.length).toBeGreaterThan(0);
		expect(result.logs.join('\n')).not.toContain(SECRET);
	});
});

describe('OAuth2 credential', () => {
	const tokenRequests: Array<Record<string, unknown>> = [];

	beforeEach(() => {
		tokenRequests.length = 0;
		handler = (request) => {
			if (request.path === '/oauth/token/') {
				tokenRequests.push(parseForm(request.body));
				return {
					status: 200,
					body: {
						access_token: 'access-new',
						refresh_token: 'refresh-2',
						expires_in: 3600,
						client_endpoint: `${base}/rest/`,
						member_id: 'm1',
					},
				};
			}
			if (request.headers.authorization === 'Bearer access-new')
				return { status: 200, body: { result: 'ok' } };
			return {
				status: 401,
				body: {
					error: 'expired_token',
					error_description: 'The access token provided has expired.',
				},
			};
		};
	});

	it('sends the Bearer token, refreshes it on 401 and saves the new token data', async () => {
		const store = new CredentialStore([oauthCredential()]);

		const result = await runWorkflow({
			workflow: chain([
				startNode([{}]),
				probe({ url: `${base}/rest/server.time` }, oauthCredential()),
			]),
			credentials: store,
		});

		expect(result.error).toBeUndefined();
		expect(seen.map((r) => [r.path, r.headers.authorization ?? ''])).toEqual([
			['/rest/server.time', 'Bearer access-old'],
			['/oauth/token/', ''],
			['/rest/server.time', 'Bearer access-new'],
		]);
		expect(seen[1].method).toBe('POST');
		expect(tokenRequests).toEqual([
			{
				grant_type: 'refresh_token',
				refresh_token: 'refresh-1',
				client_id: 'local.app.1',
				client_secret: 'client-secret-xyz',
			},
		]);
		expect(result.output('HTTP Probe')[0].json).toEqual({ result: 'ok' });

		expect(store.updates).toHaveLength(1);
		expect(store.updates[0]).toMatchObject({ id: 'oa1', type: 'bitrix24OAuth2Api' });
		expect(store.updates[0].data.oauthTokenData).toMatchObject({
			access_token: 'access-new',
			refresh_token: 'refresh-2',
		});
		expect(store.get('oa1').data.oauthTokenData).toMatchObject({ refresh_token: 'refresh-2' });
		// The rest of the stored credential is left as it was.
		expect(store.get('oa1').data.clientSecret).toBe('client-secret-xyz');

		const logs = result.logs.join('\n');
		for (const secret of [
			'access-old',
			'access-new',
			'refresh-1',
			'refresh-2',
			'client-secret-xyz',
		]) {
			expect(logs).not.toContain(secret);
		}
	});

	it('uses the saved token on the next run', async () => {
		const store = new CredentialStore([oauthCredential()]);
		const workflow = chain([
			startNode([{}]),
			probe({ url: `${base}/rest/server.time` }, oauthCredential()),
		]);
		await runWorkflow({ workflow, credentials: store });
		seen = [];

		const second = await runWorkflow({ workflow, credentials: store });

		expect(second.error).toBeUndefined();
		expect(seen.map((r) => r.headers.authorization)).toEqual(['Bearer access-new']);
		expect(store.updates).toHaveLength(1);
	});

	it('fills defaults from the type and its oAuth2Api parent and resolves $self expressions', async () => {
		const result = await runWorkflow({
			workflow: chain([startNode([{}]), credentialEcho('bitrix24OAuth2Api', oauthCredential())]),
			credentials: [
				{ ...oauthCredential(), data: { ...oauthCredential().data, authentication: 'header' } },
			],
			nodeTypes: { 'test.credentialEcho': new CredentialEcho() },
		});

		expect(result.error).toBeUndefined();
		expect(result.output('Echo')[0].json).toMatchObject({
			portalUrl: `${base}/`,
			authUrl: `${base}/oauth/authorize/`,
			grantType: 'authorizationCode',
			// Hidden on the type, so the stored 'header' is ignored, as n8n does.
			authentication: 'body',
			scope: '',
			clientId: 'local.app.1',
			ignoreSSLIssues: false,
			oauthTokenData: { refresh_token: 'refresh-1' },
		});
	});
});

describe('workflow execution', () => {
	it('resolves expression parameters per item', async () => {
		handler = (request) => ({
			status: 200,
			body: { result: { path: request.path, body: JSON.parse(request.body || '{}') } },
		});

		const result = await runWorkflow({
			workflow: chain([
				startNode([
					{ method: 'crm.deal.get', id: 7 },
					{ method: 'crm.lead.get', id: 9 },
				]),
				probe(
					{ url: '={{ $json.method }}', body: '={{ JSON.stringify({ id: $json.id * 2 }) }}' },
					webhookCredential(),
				),
			]),
			credentials: [webhookCredential()],
		});

		expect(result.error).toBeUndefined();
		expect(seen.map((r) => [r.path, r.body])).toEqual([
			[`/rest/1/${SECRET}/crm.deal.get`, '{"id":14}'],
			[`/rest/1/${SECRET}/crm.lead.get`, '{"id":18}'],
		]);
		const output = result.output('HTTP Probe');
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('resolves (not rejects) with the error of a failing node', async () => {
		handler = () => ({
			status: 400,
			body: { error: 'ERROR_METHOD_NOT_FOUND', error_description: 'Method not found!' },
		});

		const result = await runWorkflow({
			workflow: chain([startNode([{}]), probe({ url: 'no.such.method' }, webhookCredential())]),
			credentials: [webhookCredential()],
		});

		expect(result.error).toBeDefined();
		expect(result.error?.message).toMatch(/400|Bad request/i);
		expect(result.nodeError('HTTP Probe')?.message).toBe(result.error?.message);
		expect(result.run.status).toBe('error');
		expect(() => result.output('HTTP Probe')).toThrow(/failed/);
		expect(JSON.stringify(result.error)).not.toContain(SECRET);
	});

	it('reports a credential the store does not hold as the node error', async () => {
		const result = await runWorkflow({
			workflow: chain([startNode([{}]), probe({ url: 'server.time' }, webhookCredential())]),
			credentials: [],
		});

		expect(result.error?.message).toContain('does not exist for type "bitrix24WebhookApi"');
		expect(seen).toHaveLength(0);
	});

	it('with "On Error: Continue" the node outputs the error and the run succeeds', async () => {
		handler = () => ({ status: 500, body: { error: 'INTERNAL_SERVER_ERROR' } });

		const result = await runWorkflow({
			workflow: chain([
				startNode([{}]),
				probe({ url: 'server.time' }, webhookCredential(), { onError: 'continueRegularOutput' }),
			]),
			credentials: [webhookCredential()],
		});

		expect(result.error).toBeUndefined();
		expect(result.output('HTTP Probe')[0].json.error).toEqual(expect.any(String));
	});
});

/** Outputs the credential data a node gets from `getCredentials` (decrypted, defaulted, resolved). */
class CredentialEcho implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Credential Echo',
		name: 'credentialEcho',
		group: ['transform'],
		version: 1,
		description: 'Test only',
		defaults: { name: 'Echo' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'bitrix24OAuth2Api', required: true }],
		properties: [{ displayName: 'Type', name: 'type', type: 'string', default: '' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const credentials = await this.getCredentials(this.getNodeParameter('type', 0) as string);
		return [[{ json: credentials, pairedItem: { item: 0 } }]];
	}
}

function credentialEcho(type: string, credential: StoredCredential): INode {
	return {
		id: 'echo',
		name: 'Echo',
		type: 'test.credentialEcho',
		typeVersion: 1,
		position: [200, 0],
		parameters: { type },
		credentials: { [type]: { id: credential.id, name: credential.name } },
	};
}

describe('generic credential authenticate', () => {
	it('applies a declarative {headers, qs} block with $credentials expressions', async () => {
		handler = () => ({ status: 200, body: { result: true } });
		const apiKeyApi: ICredentialType = {
			name: 'testApiKeyApi',
			displayName: 'Test API Key',
			properties: [
				{ displayName: 'Key', name: 'apiKey', type: 'string', default: '' },
				{ displayName: 'Prefix', name: 'prefix', type: 'string', default: 'Key' },
			],
			authenticate: {
				type: 'generic',
				properties: {
					headers: { Authorization: '={{ $credentials.prefix + " " + $credentials.apiKey }}' },
					qs: { tenant: 'acme' },
				},
			},
		};
		const credential: StoredCredential = {
			id: 'k1',
			name: 'Key',
			type: 'testApiKeyApi',
			data: { apiKey: 'abc' },
		};

		const result = await runWorkflow({
			workflow: chain([
				startNode([{}]),
				probe({ url: `${base}/generic` }, credential, { type: 'test.keyProbe' }),
			]),
			credentials: [credential],
			credentialTypes: [apiKeyApi],
			nodeTypes: { 'test.keyProbe': new KeyProbe() },
		});

		expect(result.error).toBeUndefined();
		expect(seen[0]).toMatchObject({
			path: '/generic?tenant=acme',
			headers: { authorization: 'Key abc' },
		});
	});
});

/** The harness's probe, for a credential type of the test's own. */
class KeyProbe extends HttpProbe {
	description: INodeTypeDescription = {
		...new HttpProbe().description,
		name: 'keyProbe',
		credentials: [{ name: 'testApiKeyApi', required: true }],
	};
}

describe('builders', () => {
	it('bitrix24Node names the community-package node type and picks the authentication showing the credential', () => {
		const node = bitrix24Node(
			{ resource: 'method' },
			{ type: 'bitrix24OAuth2Api', id: 'oa1' },
			{ continueOnFail: true },
		);

		expect(node).toMatchObject({
			type: 'n8n-nodes-bitrix24.bitrix24',
			typeVersion: 1,
			credentials: { bitrix24OAuth2Api: { id: 'oa1', name: 'oa1' } },
			onError: 'continueRegularOutput',
		});
		expect(node.parameters).toEqual({ resource: 'method', authentication: 'bitrix24OAuth2Api' });
		expect(new NodeTypes().getByName('n8n-nodes-bitrix24.bitrix24')).toBe(
			new NodeTypes().getByName('bitrix24'),
		);
	});
});
