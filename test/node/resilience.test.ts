import type { Portal } from '../portal';
import { demoDeal } from '../portal/seed';
import { id, runNode, visibleText, webhookCredential, withPortal } from './support';

describe('Limits and faults', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 60 } });
	});
	afterAll(async () => await portal.close());
	beforeEach(() => {
		portal.faults.clear();
		portal.resetRequests();
	});

	it('survives a burst of 503 QUERY_LIMIT_EXCEEDED by backing off', async () => {
		portal.faults.inject({ kind: 'status503', times: 2 });
		const run = await runNode(portal, { resource: 'deal', operation: 'get', recordId: id(7) });
		expect(run.result.error).toBeUndefined();
		expect(run.json[0].TITLE).toBe(demoDeal(7).TITLE);
		expect(portal.restRequests().map((request) => request.status)).toEqual([503, 503, 200]);
		const [first, , last] = portal.restRequests();
		expect(last.at - first.at).toBeGreaterThanOrEqual(2000);
	});

	it('retries a create refused by the rate limit: it never ran', async () => {
		portal.faults.inject({ kind: 'status503', times: 1, method: 'crm.deal.add' });
		const before = portal.store.deals.rows.size;
		const run = await runNode(portal, {
			resource: 'deal',
			operation: 'create',
			title: 'After 503',
		});
		expect(run.result.error).toBeUndefined();
		expect(portal.store.deals.rows.size).toBe(before + 1);
	});

	it('does not repeat a create whose outcome is unknown (500)', async () => {
		portal.faults.inject({ kind: 'status500', times: 1, method: 'crm.deal.add' });
		const run = await runNode(portal, { resource: 'deal', operation: 'create', title: 'Maybe' });
		expect(run.result.error?.message).toMatch(/INTERNAL_SERVER_ERROR|Internal/i);
		expect(
			portal.restRequests().filter((request) => request.restMethod === 'crm.deal.add'),
		).toHaveLength(1);
	});

	it('repeats a read after a dropped connection', async () => {
		portal.faults.inject({ kind: 'reset', times: 1, method: 'crm.deal.get' });
		const run = await runNode(portal, { resource: 'deal', operation: 'get', recordId: id(3) });
		expect(run.result.error).toBeUndefined();
		expect(run.json[0].TITLE).toBe(demoDeal(3).TITLE);
	});

	it('turns an HTML error page into a clear error', async () => {
		portal.faults.inject({ kind: 'html502', times: 1, method: 'crm.deal.add' });
		const run = await runNode(portal, {
			resource: 'deal',
			operation: 'create',
			title: 'Behind a proxy',
		});
		const error = run.result.error as Error & { description?: string };
		expect(error.message).toMatch(/HTTP 502 with text\/html instead of JSON/);
		expect(error.description).toMatch(/proxy|reachable/);
	});

	it('waits out a 429 OPERATION_TIME_LIMIT (at least 10 s when the reset time is not given), then succeeds', async () => {
		portal.faults.inject({ kind: 'status429', times: 1, method: 'crm.deal.get' });
		const run = await runNode(portal, { resource: 'deal', operation: 'get', recordId: id(3) });
		expect(run.result.error).toBeUndefined();
		expect(run.json[0].TITLE).toBe(demoDeal(3).TITLE);
		const [limited, retried] = portal.restRequests();
		expect(limited.status).toBe(429);
		expect(retried.at - limited.at).toBeGreaterThanOrEqual(10_000);
	}, 30_000);
});

describe('Credentials and secrets', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 5 } });
	});
	afterAll(async () => await portal.close());

	it.each([
		['a URL without the webhook path', (p: Portal) => `${p.url}/crm/deal/`],
		['a URL with a query', (p: Portal) => `${p.webhookUrl}?x=1`],
	])('refuses %s with the expected shape and nothing sent', async (_label, url) => {
		portal.resetRequests();
		const run = await runNode(
			portal,
			{ resource: 'deal', operation: 'get', recordId: id(1) },
			{
				credential: webhookCredential(portal, { webhookSecretUrl: url(portal) }),
			},
		);
		expect(run.result.error?.message).toMatch(
			/Bitrix24 Webhook API credential: .*https:\/\/<your-portal>\/rest\/<user id>\/<webhook code>\//,
		);
		expect(portal.restRequests()).toHaveLength(0);
		expect(visibleText(run)).not.toContain(portal.webhook.code);
	});

	it('refuses plain http unless allowed', async () => {
		const run = await runNode(
			portal,
			{ resource: 'deal', operation: 'get', recordId: id(1) },
			{
				credential: webhookCredential(portal, { allowHttp: false }),
			},
		);
		expect(run.result.error?.message).toMatch(/Allow Plain HTTP/);
	});

	it.each([403, 401] as const)(
		'reports a wrong webhook code (HTTP %i) without revealing either code',
		async (status) => {
			const strict = await withPortal({ demo: { deals: 1 }, invalidCredentialsStatus: status });
			try {
				const wrong = strict.webhookUrl.replace(strict.webhook.code, 'wrongcode1234567');
				const run = await runNode(
					strict,
					{ resource: 'deal', operation: 'get', recordId: id(1) },
					{
						credential: webhookCredential(strict, { webhookSecretUrl: wrong }),
					},
				);
				const error = run.result.error as Error & { description?: string; httpCode?: string };
				expect(error.message).toContain('INVALID_CREDENTIALS');
				expect(error.description).toMatch(/webhook URL/);
				expect(error.description).toContain(`HTTP ${status}`);
				const text = visibleText(run);
				expect(text).not.toContain('wrongcode1234567');
				expect(text).not.toContain(strict.webhook.code);
			} finally {
				await strict.close();
			}
		},
	);

	it('keeps the webhook code out of errors, output and logs when Bitrix24 fails', async () => {
		const run = await runNode(portal, {
			resource: 'method',
			operation: 'call',
			method: 'no.such.method',
			parameters: '{}',
		});
		expect(run.result.error?.message).toContain('ERROR_METHOD_NOT_FOUND');
		expect(visibleText(run)).not.toContain(portal.webhook.code);
		expect(run.result.logs.join('\n')).not.toContain(portal.webhook.code);
	});

	it('works over HTTPS with a self-signed certificate when told to ignore SSL issues', async () => {
		const secure = await withPortal({ https: true, demo: { deals: 3 } });
		try {
			const strict = await runNode(secure, { resource: 'deal', operation: 'get', recordId: id(2) });
			expect(strict.result.error?.message).toMatch(/certificate|self.signed|SSL|TLS/i);
			const relaxed = await runNode(
				secure,
				{ resource: 'deal', operation: 'get', recordId: id(2) },
				{
					credential: webhookCredential(secure, { allowHttp: false, ignoreSslIssues: true }),
				},
			);
			expect(relaxed.result.error).toBeUndefined();
			expect(relaxed.json[0].TITLE).toBe(demoDeal(2).TITLE);
		} finally {
			await secure.close();
		}
	});
});
