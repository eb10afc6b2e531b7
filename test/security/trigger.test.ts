/**
 * The trigger's URL is public: anyone can post to it. These tests hold it to what it promises an
 * unauthenticated caller — a refusal that costs next to nothing, before the body is parsed — and
 * a verified one: caps on size, keys and depth; no prototype reached through a key; and a first
 * call without a configured token trusted only when the credential's own portal confirms it.
 * Everything goes over real HTTP on loopback (the test portal, the n8n stand-in, a stranger's server).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import * as phpForm from '../../nodes/shared/events/php-form';
import {
	FORM_LIMITS,
	parsePhpForm,
	parsePhpFormText,
	readFormFields,
} from '../../nodes/shared/events/php-form';
import type { StoredCredential } from '../harness';
import { startBitrix24Trigger } from '../harness/bitrix24-trigger';
import { webhookCredential } from '../node/support';
import { TriggerHarness } from '../harness/trigger-context';
import type { Portal } from '../portal';
import { startPortal } from '../portal';
import { buildPhpQuery } from '../portal/php-query';

const TOKEN = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

let portal: Portal;
const harnesses: TriggerHarness[] = [];
const servers: Server[] = [];
const active: TriggerHarness[] = [];

beforeAll(async () => {
	portal = await startPortal({ bucket: false, operatingLimit: false, demo: { deals: 3 } });
});

afterAll(async () => {
	await Promise.all(harnesses.map(async (harness) => await harness.close()));
	await Promise.all(
		servers.map(
			async (server) => await new Promise<void>((resolve) => server.close(() => resolve())),
		),
	);
	await portal.close();
});

beforeEach(() => portal.resetRequests());
afterEach(async () => {
	jest.restoreAllMocks();
	// an active trigger would receive the next tests' events too
	for (const harness of active.splice(0)) await harness.deactivate();
});

/** Activates a trigger as n8n does, to be deactivated after the test. */
async function activate(harness: TriggerHarness): Promise<void> {
	active.push(harness);
	await harness.activate();
}

function oauthCredential(
	change: (data: ICredentialDataDecryptedObject) => void = () => undefined,
): StoredCredential {
	const data: ICredentialDataDecryptedObject = {
		portalUrl: portal.url,
		clientId: portal.oauth.clientId,
		clientSecret: portal.oauth.clientSecret,
		accessTokenUrl: portal.oauth.tokenUrl,
		oauthTokenData: { ...portal.oauth.issueTokens() },
	};
	change(data);
	return {
		id: `cred-oauth-${randomUUID()}`,
		name: 'Portal OAuth2',
		type: 'bitrix24OAuth2Api',
		data,
	};
}

async function trigger(
	parameters: INodeParameters,
	credential: StoredCredential,
): Promise<TriggerHarness> {
	const harness = await startBitrix24Trigger(parameters, credential);
	harnesses.push(harness);
	return harness;
}

/** A webhook-credential trigger whose Application Token is TOKEN: the simplest verified caller. */
async function tokenTrigger(): Promise<TriggerHarness> {
	return await trigger(
		{ events: ['ONCRMDEALADD'], applicationToken: TOKEN },
		webhookCredential(portal),
	);
}

/** `count` keys `k[]=1` (6 bytes each), then the auth and event keys. */
function bulkyForm(count: number, applicationToken: string, tokenFirst = false): string {
	const auth = `auth%5Bapplication_token%5D=${applicationToken}`;
	const head = 'event=ONCRMDEALADD&data%5BFIELDS%5D%5BID%5D=7&';
	const bulk = 'k[]=1&'.repeat(count);
	return tokenFirst ? `${head}${auth}&${bulk}` : `${head}${bulk}${auth}`;
}

/** A call to the portal's REST API as another system (or a user) would make it. */
async function rest(method: string, params: IDataObject): Promise<unknown> {
	const response = await fetch(`${portal.webhookUrl}${method}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(params),
	});
	const body = (await response.json()) as IDataObject;
	if (!response.ok) throw new Error(`${method}: ${JSON.stringify(body)}`);
	return body.result;
}

function deliveryBody(event: string, data: IDataObject, auth: IDataObject): string {
	return buildPhpQuery({ event, event_handler_id: '1', data, ts: '1735374081', auth });
}

/** Spies on every parse function of the form module (the trigger reaches them through its exports). */
function spyOnParsers() {
	const parsers = phpForm as unknown as Record<string, (...args: unknown[]) => unknown>;
	const names = Object.keys(parsers).filter(
		(name) => name.startsWith('parse') && typeof parsers[name] === 'function',
	);
	expect(names).toContain('parsePhpForm');
	return names.map((name) => jest.spyOn(parsers, name));
}

function lastCall(harness: TriggerHarness) {
	return harness.calls[harness.calls.length - 1];
}

function elapsedMs(started: bigint): number {
	return Number(process.hrtime.bigint() - started) / 1e6;
}

/** A server on loopback that records what reaches it and answers with `answer`. */
async function stranger(
	answer: (req: IncomingMessage) => {
		status: number;
		headers?: Record<string, string>;
		body?: string;
	},
) {
	const received: Array<{ url: string; body: string }> = [];
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			received.push({ url: req.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
			const { status, headers, body } = answer(req);
			res.writeHead(status, headers ?? { 'content-type': 'application/json' });
			res.end(body ?? '');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	servers.push(server);
	return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

describe('the application token is checked before the body is parsed', () => {
	it('refuses a 200 KiB, 40,000-key form with a wrong token with 401, quickly, without parsing it', async () => {
		const harness = await tokenTrigger();
		const body = bulkyForm(40_000, 'ffffffffffffffffffffffffffffffff');
		expect(body.length).toBeGreaterThanOrEqual(200 * 1024);
		const parsers = spyOnParsers();

		const started = process.hrtime.bigint();
		const answer = await harness.post(body);
		const ms = elapsedMs(started);

		expect(answer.status).toBe(401);
		for (const parser of parsers) expect(parser).not.toHaveBeenCalled();
		// the whole round trip, n8n's own form parsing included
		expect(ms).toBeLessThan(1000);
		expect(lastCall(harness).run).toBeUndefined();
		expect(harness.logs.join('\n')).toContain(
			'refused a call with HTTP 401 because its application token is not the configured one',
		);
	});

	it("reads the token from the raw body: found after n8n's 1000-key cut, and the keys beyond the cut are kept", async () => {
		const harness = await tokenTrigger();
		const answer = await harness.post(bulkyForm(5_000, TOKEN));
		expect(answer.status).toBe(200);
		const [[item]] = await harness.outputs();
		expect(item.json).toMatchObject({ event: 'ONCRMDEALADD', data: { FIELDS: { ID: '7' } } });
	});

	it('refuses a token sent twice, whichever comes first', async () => {
		const harness = await tokenTrigger();
		const parsers = spyOnParsers();
		const answer = await harness.post(
			`event=ONCRMDEALADD&auth%5Bapplication_token%5D=${TOKEN}&auth%5Bapplication_token%5D=0123456789abcdef0123456789abcdef`,
		);
		expect(answer.status).toBe(401);
		for (const parser of parsers) expect(parser).not.toHaveBeenCalled();
		expect(harness.logs.join('\n')).toContain('more than once');
	});

	it('reads only the auth keys of a form, decoding nothing else', () => {
		const found = readFormFields(
			`x=${'%'.repeat(10)}&auth%5bapplication_token%5d=t%2B1&auth[member_id]=m&auth[application_token]=t2`,
			['auth[application_token]', 'auth[member_id]', 'auth[access_token]'],
		);
		expect(found.get('auth[application_token]')).toEqual(['t+1', 't2']);
		expect(found.get('auth[member_id]')).toEqual(['m']);
		expect(found.get('auth[access_token]')).toEqual([]);
	});
});

describe('a verified body over the caps is refused and starts nothing', () => {
	let harness: TriggerHarness;

	beforeAll(async () => {
		harness = await tokenTrigger();
	});

	async function expectRefused(
		answer: { status: number },
		status: number,
		reason: string,
	): Promise<void> {
		expect(answer.status).toBe(status);
		expect(lastCall(harness).result).toEqual({ noWebhookResponse: true });
		expect(lastCall(harness).run).toBeUndefined();
		expect(harness.logs.at(-1)).toContain(`refused a call with HTTP ${status} because ${reason}`);
		expect(harness.logs.join('\n')).not.toContain(TOKEN);
	}

	it('more keys than 10,000: 413', async () => {
		await expectRefused(
			await harness.post(bulkyForm(40_000, TOKEN, true)),
			413,
			'it has more than 10000 keys',
		);
	});

	it('deeper than 64 levels: 400; 64 levels pass', async () => {
		const key = (levels: number) => `data${'%5Bx%5D'.repeat(levels)}`;
		await expectRefused(
			await harness.post(`event=ONCRMDEALADD&auth%5Bapplication_token%5D=${TOKEN}&${key(65)}=1`),
			400,
			'it nests deeper than 64 levels',
		);
		const accepted = await harness.post(
			`event=ONCRMDEALADD&auth%5Bapplication_token%5D=${TOKEN}&${key(64)}=1`,
		);
		expect(accepted.status).toBe(200);
		expect(lastCall(harness).run).toBeDefined();
	});

	it('more than 1 MiB: 413', async () => {
		const body = `event=ONCRMDEALADD&auth%5Bapplication_token%5D=${TOKEN}&data%5BBIG%5D=${'x'.repeat(1024 * 1024)}`;
		await expectRefused(await harness.post(body), 413, 'it is larger than 1048576 bytes');
	});

	it('a JSON body with more than 10,000 keys: 413', async () => {
		const fields = Object.fromEntries(
			Array.from({ length: 10_001 }, (_, index) => [`F${index}`, '1']),
		);
		const body = JSON.stringify({
			event: 'ONCRMDEALADD',
			auth: { application_token: TOKEN },
			data: { FIELDS: fields },
		});
		await expectRefused(
			await harness.post(body, { contentType: 'application/json' }),
			413,
			'it has more than 10000 keys',
		);
	});

	it('a JSON body nested deeper than 64 levels: 400', async () => {
		const deep = `${'{"x":'.repeat(65)}1${'}'.repeat(65)}`;
		const body = `{"event":"ONCRMDEALADD","auth":{"application_token":"${TOKEN}"},"data":${deep}}`;
		await expectRefused(
			await harness.post(body, { contentType: 'application/json' }),
			400,
			'it nests deeper than 64 levels',
		);
	});

	it('a JSON body within the caps starts the workflow, nested as sent', async () => {
		const body = JSON.stringify({
			event: 'ONCRMDEALADD',
			auth: { application_token: TOKEN },
			data: { FIELDS: { ID: '9' }, TAGS: ['a', 'b'] },
		});
		const before = (await harness.outputs()).length;
		expect((await harness.post(body, { contentType: 'application/json' })).status).toBe(200);
		const outputs = await harness.outputs();
		expect(outputs).toHaveLength(before + 1);
		expect(outputs.at(-1)?.[0].json.data).toEqual({ FIELDS: { ID: '9' }, TAGS: ['a', 'b'] });
	});
});

describe('the form parser is linear', () => {
	const unbounded = { ...FORM_LIMITS, maxKeys: Infinity, maxBytes: Infinity };

	// Speed is measured by `npm run bench` (test/bench/form-parser.ts). These only catch an
	// algorithm that is not linear: the quadratic parser needed minutes for bodies like these.
	it('appends 40,000 `a[]` keys in a form body without blocking (a quadratic parser needs minutes)', () => {
		const text = 'a%5B%5D=1&'.repeat(40_000);
		const started = Date.now();
		expect(parsePhpFormText(text, unbounded).a).toHaveLength(40_000);
		expect(Date.now() - started).toBeLessThan(3000);
	});

	it("the same for n8n's parse of the form (one key holding 40,000 values)", () => {
		const body = { 'a[]': Array.from({ length: 40_000 }, () => '1') };
		const started = Date.now();
		expect(parsePhpForm(body, unbounded).a).toHaveLength(40_000);
		expect(Date.now() - started).toBeLessThan(3000);
	});

	it('appends follow explicit indexes as PHP does', () => {
		expect(parsePhpFormText('a[]=x&a[5]=y&a[]=z&b[007]=1&b[]=2').a).toEqual({
			0: 'x',
			5: 'y',
			6: 'z',
		});
		expect(parsePhpFormText('b[007]=1&b[]=2').b).toEqual({ '007': '1', 0: '2' });
		expect(parsePhpFormText('l[]=x&l[]=y').l).toEqual(['x', 'y']);
	});
});

describe('no key reaches a prototype', () => {
	const canary = (value: unknown) => value && typeof value === 'object' && 'polluted' in value;

	it('flat form keys, raw or parsed by n8n', () => {
		const keys = [
			'__proto__[polluted]',
			'a[__proto__][polluted]',
			'a[b][constructor][prototype][polluted]',
			'constructor[polluted]',
			'a[prototype][polluted]',
		];
		const fromText = parsePhpFormText(
			`${keys.map((key) => `${encodeURIComponent(key)}=yes`).join('&')}&a[b][c]=1`,
		);
		const fromObject = parsePhpForm({
			...Object.fromEntries(keys.map((key) => [key, 'yes'])),
			'a[b][c]': '1',
		});
		for (const parsed of [fromText, fromObject]) {
			expect(parsed).toEqual({ a: { b: { c: '1' } } });
			expect(Object.getPrototypeOf(parsed.a)).toBe(Object.prototype);
			expect(canary(parsed) || canary(parsed.a) || canary((parsed.a as IDataObject).b)).toBe(false);
		}
		expect(canary({})).toBe(false);
	});

	it('JSON bodies: an own "__proto__" property (JSON.parse makes one) is dropped at every level', () => {
		const body = JSON.parse(
			'{"__proto__":{"polluted":"yes"},"data":{"__proto__":{"polluted":"yes"},"FIELDS":{"constructor":{"prototype":{"polluted":"yes"}},"LIST":[{"__proto__":{"polluted":"yes"},"ID":"1"}]}}}',
		) as IDataObject;
		const parsed = parsePhpForm(body, FORM_LIMITS, true);
		expect(parsed).toEqual({ data: { FIELDS: { LIST: [{ ID: '1' }] } } });
		const data = parsed.data as IDataObject;
		const fields = data.FIELDS as IDataObject;
		const row = (fields.LIST as IDataObject[])[0];
		for (const value of [parsed, data, fields, row]) {
			expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
			expect(canary(value)).toBe(false);
		}
	});

	it('through the trigger: the workflow gets plain objects', async () => {
		const harness = await tokenTrigger();
		const body = `{"event":"ONCRMDEALADD","auth":{"application_token":"${TOKEN}"},"data":{"__proto__":{"polluted":"yes"},"FIELDS":{"ID":"5"}}}`;
		expect((await harness.post(body, { contentType: 'application/json' })).status).toBe(200);
		const [[item]] = await harness.outputs();
		expect(item.json.data).toEqual({ FIELDS: { ID: '5' } });
		expect(canary(item.json.data)).toBe(false);
	});
});

describe('OAuth2 without an Application Token: the first call is verified with the portal', () => {
	function appInfoCalls() {
		return portal.restRequests().filter((request) => request.restMethod === 'app.info');
	}

	function forgedAuth(overrides: IDataObject = {}): IDataObject {
		return {
			access_token: randomBytes(35).toString('hex'),
			domain: new URL(portal.url).host,
			client_endpoint: `${portal.url}/rest/`,
			member_id: portal.oauth.issueTokens().member_id,
			application_token: 'ffffffffffffffffffffffffffffffff',
			...overrides,
		};
	}

	it('refuses a forged first call from the right portal whose access token the portal does not know; trusts the real one', async () => {
		const harness = await trigger({ events: ['ONCRMDEALADD'] }, oauthCredential());
		await activate(harness);

		const forged = await harness.post(
			deliveryBody('ONCRMDEALADD', { FIELDS: { ID: '1' } }, forgedAuth()),
		);
		expect(forged.status).toBe(401);
		expect(JSON.stringify(harness.staticData)).not.toContain('applicationTokenSha256');
		expect(appInfoCalls().map((call) => [call.auth, call.status])).toEqual([['oauth', 401]]);
		expect(harness.logs.at(-1)).toContain(
			'the portal did not accept the access token it carries (app.info: HTTP 401 invalid_token)',
		);

		// the portal's own delivery carries a real access token: confirmed, and its token trusted
		portal.resetRequests();
		await rest('crm.deal.add', { fields: { TITLE: 'Delivered by the portal' } });
		await portal.events.flush();
		const delivered = portal.events.delivered.filter((entry) => entry.url === harness.webhookUrl());
		expect(delivered.map((entry) => entry.status)).toEqual([200]);
		expect(await harness.outputs()).toHaveLength(1);
		expect(appInfoCalls().map((call) => [call.auth, call.status])).toEqual([['oauth', 200]]);
		expect(Object.values(harness.staticData)[0]).toEqual({
			applicationTokenSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
		});

		// from then on the fingerprint decides, without asking the portal again
		portal.resetRequests();
		const again = await harness.post(
			deliveryBody(
				'ONCRMDEALADD',
				{ FIELDS: { ID: '1' } },
				forgedAuth({ access_token: portal.oauth.issueTokens().access_token }),
			),
		);
		expect(again.status).toBe(401);
		await rest('crm.deal.add', { fields: { TITLE: 'Second delivery' } });
		await portal.events.flush();
		expect(await harness.outputs()).toHaveLength(2);
		expect(appInfoCalls()).toHaveLength(0);
		expect(harness.logs.join('\n')).not.toContain(portal.oauth.applicationToken);
	});

	it("asks the credential's own portal, never the client_endpoint the call names", async () => {
		const elsewhere = await stranger(() => ({
			status: 200,
			body: JSON.stringify({
				result: { ID: 1, CODE: portal.oauth.clientId, STATUS: 'L', INSTALLED: true },
				time: {},
			}),
		}));
		const harness = await trigger({ events: ['ONCRMDEALADD'] }, oauthCredential());
		const answer = await harness.post(
			deliveryBody(
				'ONCRMDEALADD',
				{ FIELDS: { ID: '1' } },
				forgedAuth({ client_endpoint: `${elsewhere.url}/rest/` }),
			),
		);
		expect(answer.status).toBe(401);
		expect(elsewhere.received).toHaveLength(0);
		expect(appInfoCalls()).toHaveLength(1);
		expect(JSON.stringify(harness.staticData)).not.toContain('applicationTokenSha256');
	});

	it("follows no redirect with the call's access token", async () => {
		const redirector = await stranger(() => ({
			status: 307,
			headers: { location: `${portal.url}/rest/app.info` },
		}));
		const credential = oauthCredential((data) => {
			(data.oauthTokenData as IDataObject).client_endpoint = `${redirector.url}/rest/`;
		});
		const harness = await trigger({ events: ['ONCRMDEALADD'] }, credential);
		const real = portal.oauth.issueTokens();
		const answer = await harness.post(
			deliveryBody(
				'ONCRMDEALADD',
				{ FIELDS: { ID: '1' } },
				forgedAuth({
					access_token: real.access_token,
					application_token: portal.oauth.applicationToken,
				}),
			),
		);
		expect(answer.status).toBe(401);
		expect(redirector.received.map((request) => request.url)).toEqual(['/rest/app.info']);
		expect(appInfoCalls()).toHaveLength(0);
		expect(harness.logs.at(-1)).toContain('app.info: HTTP 307');
	});

	it("refuses a real token of another application than the credential's", async () => {
		const harness = await trigger(
			{ events: ['ONCRMDEALADD'] },
			oauthCredential((data) => (data.clientId = 'local.0000aaaa1111bb.22223333')),
		);
		await activate(harness);
		await rest('crm.deal.add', { fields: { TITLE: 'For another application' } });
		await portal.events.flush();
		const delivered = portal.events.delivered.filter((entry) => entry.url === harness.webhookUrl());
		expect(delivered.map((entry) => entry.status)).toEqual([401]);
		expect(appInfoCalls().map((call) => call.status)).toEqual([200]);
		expect(harness.logs.at(-1)).toContain('belongs to another application');
		expect(await harness.outputs()).toHaveLength(0);
	});

	it('trusts nothing when the credential holds no member_id', async () => {
		const credential = oauthCredential((data) => {
			delete (data.oauthTokenData as IDataObject).member_id;
		});
		const harness = await trigger({ events: ['ONCRMDEALADD'] }, credential);
		await activate(harness);
		await rest('crm.deal.add', { fields: { TITLE: 'No member id to check against' } });
		await portal.events.flush();
		const delivered = portal.events.delivered.filter((entry) => entry.url === harness.webhookUrl());
		expect(delivered.map((entry) => entry.status)).toEqual([401]);
		expect(await harness.outputs()).toHaveLength(0);
		expect(appInfoCalls()).toHaveLength(0);
		expect(harness.logs.at(-1)).toContain('the credential holds no member_id');
		expect(JSON.stringify(harness.staticData)).not.toContain('applicationTokenSha256');
	});
});

describe('subscription log lines', () => {
	it("carry none of the credential's secrets, even when Bitrix24's error description quotes one", async () => {
		// The portal's description of a 500 is "Internal server error": make that the client secret,
		// standing in for an error description that quotes something secret.
		const secret = 'Internal server error';
		const harness = await trigger(
			{ events: ['ONCRMDEALADD'] },
			oauthCredential((data) => (data.clientSecret = secret)),
		);
		await activate(harness);
		portal.faults.inject({ kind: 'status500', method: 'event.unbind' });
		expect(await harness.deactivate()).toBe(false);
		const logs = harness.logs.join('\n');
		expect(logs).toContain('event.unbind failed: INTERNAL_SERVER_ERROR ***');
		expect(logs).not.toContain(secret);
	});
});
