/**
 * Hostile input and hostile networks, against the test portal through real workflows: item
 * text cannot inject parameters or batch references, no token follows a redirect to another
 * host, and a list whose cursor does not advance ends with an error instead of looping.
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Portal } from '../portal';
import { driveState } from '../portal/methods/disk';
import { demoDeal } from '../portal/seed';
import { id, oauthCredential, runNode, withPortal } from '../node/support';

interface Seen {
	path: string;
	headers: IncomingHttpHeaders;
}

/** Another host, as an attacker's server would be: records what reaches it. */
async function otherHost(): Promise<{ url: string; seen: Seen[]; close: () => Promise<void> }> {
	const seen: Seen[] = [];
	const server: Server = createServer((req, res) => {
		seen.push({ path: req.url ?? '', headers: req.headers });
		res.writeHead(200, { 'Content-Type': 'application/json' });
		res.end('{"result":{"ID":"1","TITLE":"from elsewhere"}}');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	// a different port is a different origin
	const url = `http://localhost:${(server.address() as AddressInfo).port}`;
	return { url, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('Security: batch commands carry user text as data only', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 10 } });
	});
	afterAll(async () => await portal.close());
	beforeEach(() => portal.resetRequests());

	it('an item whose text looks like a reference with & and = updates only its own deal, verbatim', async () => {
		const untouched = portal.store.deals.rows.get(1);
		const before = JSON.stringify(untouched);
		const hostile = '$result[x&id=1]';
		const run = await runNode(
			portal,
			{
				resource: 'deal',
				operation: 'update',
				recordId: id('={{ $json.dealId }}'),
				fieldsJson: '={{ JSON.stringify({ COMMENTS: $json.comments }) }}',
			},
			{
				items: [
					{ dealId: 6, comments: 'normal' },
					{ dealId: 7, comments: hostile },
				],
			},
		);
		expect(run.result.error).toBeUndefined();
		expect(run.json).toHaveLength(2);
		expect(portal.store.deals.rows.get(6)?.COMMENTS).toBe('normal');
		expect(portal.store.deals.rows.get(7)?.COMMENTS).toBe(hostile);
		expect(JSON.stringify(portal.store.deals.rows.get(1))).toBe(before);
		// the hostile call went alone, as a plain call, never inside a batch command
		const batched = portal.restRequests().flatMap((request) => request.batchCommands ?? []);
		expect(batched.some((command) => command.includes('result%5Bx'))).toBe(false);
		expect(
			portal
				.restRequests()
				.some(
					(request) =>
						request.restMethod === 'crm.deal.update' &&
						String((request.body as { id?: unknown }).id) === '7',
				),
		).toBe(true);
	});

	it('a title mentioning an earlier command ($result[c0]) is stored as typed in a bulk create', async () => {
		const titles = [
			'First',
			'Second',
			'id of previous: $result[c0]',
			'Third',
			'Fourth',
			'total: $TOTAL[c0] and $next[c1][x]',
		];
		const run = await runNode(
			portal,
			{ resource: 'deal', operation: 'create', title: '={{ $json.title }}' },
			{ items: titles.map((title) => ({ title })) },
		);
		expect(run.result.error).toBeUndefined();
		const stored = run.json.map((item) => portal.store.deals.rows.get(Number(item.ID))?.TITLE);
		expect(stored).toEqual(titles);
		// the harmless neighbours still shared batch requests, the others went alone
		const batches = portal.restRequests().filter((request) => request.restMethod === 'batch');
		expect(batches.map((request) => request.batchCommands?.length)).toEqual([2, 2]);
		expect(
			portal.restRequests().filter((request) => request.restMethod === 'crm.deal.add'),
		).toHaveLength(2);
	});

	it('a filter value that looks like a reference is sent page by page, not in a batch', async () => {
		const run = await runNode(portal, {
			resource: 'deal',
			operation: 'getAll',
			returnAll: true,
			filters: { conditions: [{ field: 'TITLE', operator: '%', value: '$result[c0][49][ID]' }] },
		});
		expect(run.result.error).toBeUndefined();
		expect(run.json).toHaveLength(0);
		expect(portal.restRequests().filter((request) => request.restMethod === 'batch')).toHaveLength(
			0,
		);
	});
});

describe('Security: no token crosses to another host on a redirect', () => {
	let portal: Portal;
	let elsewhere: Awaited<ReturnType<typeof otherHost>>;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 5 } });
		driveState(portal.store).publicUrl = portal.url;
		elsewhere = await otherHost();
	});
	afterAll(async () => {
		await portal.close();
		await elsewhere.close();
	});
	beforeEach(() => {
		portal.resetRequests();
		elsewhere.seen.length = 0;
		portal.faults.clear();
	});

	it('a REST call answered with a 307 to another host arrives there without the bearer token', async () => {
		const tokens = portal.oauth.issueTokens();
		portal.faults.inject({
			kind: 'redirect',
			method: 'crm.deal.get',
			location: `${elsewhere.url}/rest/crm.deal.get`,
		});
		await runNode(
			portal,
			{ authentication: 'bitrix24OAuth2Api', resource: 'deal', operation: 'get', recordId: id(2) },
			{
				credential: oauthCredential(portal, { ...tokens }),
			},
		);
		// the redirect was followed (so the test sees what a real attacker would get) ...
		expect(elsewhere.seen.length).toBeGreaterThan(0);
		// ... and carried no credential
		for (const request of elsewhere.seen) {
			expect(request.headers.authorization).toBeUndefined();
			expect(JSON.stringify(request)).not.toContain(tokens.access_token);
		}
	});

	it('a file download redirected to another host carries no token', async () => {
		const tokens = portal.oauth.issueTokens();
		const credential = oauthCredential(portal, { ...tokens });
		portal.faults.inject({
			kind: 'redirect',
			method: 'download',
			location: `${elsewhere.url}/file.bin`,
		});
		const download = await runNode(
			portal,
			{
				authentication: 'bitrix24OAuth2Api',
				resource: 'file',
				operation: 'download',
				fileId: '301',
				binaryPropertyName: 'data',
			},
			{ credential },
		);
		expect(
			portal.requests.some(
				(request) => request.restMethod === 'download' && request.status === 307,
			),
		).toBe(true);
		for (const request of elsewhere.seen) expect(request.headers.authorization).toBeUndefined();
		expect(JSON.stringify(download.result.error ?? download.json)).not.toContain(
			tokens.access_token,
		);
	});
});

describe('Security: a list whose cursor does not advance ends with an error', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 5 } });
		// a portal (or a proxy) answering every page with the same 50 rows, the last without an ID
		portal.registry.register([
			{
				name: 'crm.deal.list',
				scope: 'crm',
				handler: () => ({
					result: Array.from({ length: 50 }, (_, index) =>
						index === 49
							? { TITLE: 'no id' }
							: { ID: String(index + 1), TITLE: demoDeal(index + 1).TITLE },
					),
				}),
			},
		]);
	});
	afterAll(async () => await portal.close());

	it('stops at the first full page whose last row has no ID', async () => {
		const run = await runNode(portal, { resource: 'deal', operation: 'getAll', returnAll: true });
		expect(run.result.error?.message).toMatch(/PAGING_STUCK/);
		expect(run.result.error?.message).toMatch(/has no ID/);
		expect(portal.restRequests().length).toBeLessThanOrEqual(2);
	});
});
