/**
 * Many executions, one portal: concurrent workflows in this process share one scheduler per
 * portal. While calls wait, they travel together in `batch` requests; results and errors go
 * back to the execution they came from; identities never mix; refusals are waited out.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { Portal, RecordedRequest } from '../portal';
import { demoDeal } from '../portal/seed';
import type { NodeRun } from './support';
import { id, oauthCredential, runNode, withPortal } from './support';

/** The deal ids a request asked for: a plain crm.deal.get, or each crm.deal.get command of a batch. */
function dealIdsOf(request: RecordedRequest): number[] {
	if (request.restMethod === 'crm.deal.get') return [Number((request.body as { id?: unknown }).id)];
	return (request.batchCommands ?? [])
		.filter((command) => command.startsWith('crm.deal.get?'))
		.map((command) => Number(new URLSearchParams(command.slice('crm.deal.get?'.length)).get('id')));
}

describe('Scheduler: concurrent executions against one portal', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 60 } });
	});
	afterAll(async () => await portal.close());
	beforeEach(() => {
		portal.faults.clear();
		portal.resetRequests();
	});

	const getDeal = (dealId: number, extra: INodeParameters = {}) =>
		runNode(portal, { resource: 'deal', operation: 'get', recordId: id(dealId), ...extra });

	it('merges waiting calls into batch requests and gives each execution its own result or error', async () => {
		// the first requests are slow, so later calls find every lane busy and wait
		portal.faults.inject({ kind: 'slow', delayMs: 300, times: 4 });
		const ids = Array.from({ length: 30 }, (_, index) => index + 1);
		const missing = 9999;
		const runs = await Promise.all([...ids.map((dealId) => getDeal(dealId)), getDeal(missing)]);
		ids.forEach((dealId, index) => {
			expect(runs[index].result.error).toBeUndefined();
			expect(runs[index].json[0]).toMatchObject({
				ID: String(dealId),
				TITLE: demoDeal(dealId).TITLE,
			});
		});
		const failed = runs[ids.length];
		expect(failed.result.error?.message).toMatch(/Not found/i);
		const requests = portal.restRequests();
		const merged = requests.filter((request) => request.restMethod === 'batch');
		expect(merged.length).toBeGreaterThan(0);
		expect(requests.length).toBeLessThan(ids.length);
		// every call was asked exactly once, alone or inside a batch
		expect(requests.flatMap(dealIdsOf).sort((a, b) => a - b)).toEqual([...ids, missing]);
	});

	it('never puts calls of two credentials (webhook and OAuth2 user) into one request', async () => {
		const tokens = portal.oauth.issueTokens();
		const oauth = oauthCredential(portal, { ...tokens });
		portal.faults.inject({ kind: 'slow', delayMs: 300, times: 4 });
		const webhookIds = Array.from({ length: 12 }, (_, index) => index + 1);
		const oauthIds = Array.from({ length: 12 }, (_, index) => index + 21);
		const runs: Array<Promise<NodeRun>> = [];
		for (let index = 0; index < webhookIds.length; index++) {
			runs.push(getDeal(webhookIds[index]));
			runs.push(
				runNode(
					portal,
					{
						authentication: 'bitrix24OAuth2Api',
						resource: 'deal',
						operation: 'get',
						recordId: id(oauthIds[index]),
					},
					{ credential: oauth },
				),
			);
		}
		const done = await Promise.all(runs);
		for (const run of done) expect(run.result.error).toBeUndefined();
		const requests = portal.restRequests();
		expect(requests.some((request) => request.restMethod === 'batch')).toBe(true);
		for (const request of requests) {
			const asked = dealIdsOf(request);
			const group = request.auth === 'webhook' ? webhookIds : oauthIds;
			for (const dealId of asked) expect(group).toContain(dealId);
		}
		expect(requests.flatMap(dealIdsOf).sort((a, b) => a - b)).toEqual([...webhookIds, ...oauthIds]);
	});

	it('sends a file upload alone, never inside a merged batch', async () => {
		portal.faults.inject({ kind: 'slow', delayMs: 300, times: 4 });
		const upload = {
			resource: 'method',
			operation: 'call',
			method: 'disk.folder.uploadfile',
			parameters: JSON.stringify({
				id: 201,
				data: { NAME: 'together.txt' },
				fileContent: ['together.txt', Buffer.from('hello').toString('base64')],
			}),
		};
		const runs = await Promise.all([
			...Array.from({ length: 10 }, (_, index) => getDeal(index + 1)),
			runNode(portal, upload),
		]);
		for (const run of runs) expect(run.result.error).toBeUndefined();
		const requests = portal.restRequests();
		expect(
			requests.filter((request) => request.restMethod === 'disk.folder.uploadfile'),
		).toHaveLength(1);
		for (const request of requests.filter((entry) => entry.restMethod === 'batch')) {
			expect((request.batchCommands ?? []).some((command) => /upload/i.test(command))).toBe(false);
		}
	});

	it('waits out a storm of 503s and loses nothing: every create applied exactly once', async () => {
		portal.faults.inject({ kind: 'status503', times: 4 });
		const before = portal.store.deals.rows.size;
		const titles = Array.from({ length: 20 }, (_, index) => `Storm ${index}`);
		const runs = await Promise.all(
			titles.map((title) => runNode(portal, { resource: 'deal', operation: 'create', title })),
		);
		for (const run of runs) expect(run.result.error).toBeUndefined();
		expect(portal.store.deals.rows.size).toBe(before + titles.length);
		const stored = [...portal.store.deals.rows.values()]
			.map((deal) => deal.TITLE)
			.filter((title) => String(title).startsWith('Storm '));
		expect(stored.sort()).toEqual([...titles].sort());
		expect(portal.restRequests().filter((request) => request.status === 503)).toHaveLength(4);
	});

	it('ends the wait with a clear error once "Max Wait for Limits" is used up', async () => {
		portal.faults.inject({ kind: 'status503', times: 1000 });
		const started = Date.now();
		const run = await getDeal(3, { requestOptions: { maxWaitMinutes: 0.05 } });
		const elapsed = Date.now() - started;
		portal.faults.clear();
		const error = run.result.error as (Error & { description?: string }) | undefined;
		expect(error?.message).toMatch(/QUERY_LIMIT_EXCEEDED/);
		expect(error?.description).toMatch(/Max Wait for Limits/);
		expect(error?.description).toMatch(/waited \d+ s/);
		expect(elapsed).toBeGreaterThanOrEqual(3000);
		expect(elapsed).toBeLessThan(20_000);
	});
});
