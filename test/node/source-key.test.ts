/**
 * Request Options > Source Key (auth_connector) on the wire: sent with every call of the node and
 * inside every batch command (the docs do not say a batch's own key reaches its commands), per
 * call when the scheduler merges executions with different keys, and nothing when unset.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { Portal } from '../portal';
import { id, runNode, withPortal } from './support';

const commands = (portal: Portal) =>
	portal.restRequests().flatMap((request) => request.batchCommands ?? []);
const keyOf = (command: string) =>
	new URLSearchParams(command.split('?')[1] ?? '').get('auth_connector');

describe('Request Options > Source Key (auth_connector)', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 40 } });
	});
	afterAll(async () => await portal.close());
	beforeEach(() => {
		portal.faults.clear();
		portal.resetRequests();
	});

	const update = (dealId: number, extra: INodeParameters = {}, items?: Array<{ id: number }>) =>
		runNode(
			portal,
			{
				resource: 'deal',
				operation: 'update',
				recordId: id(items ? '={{ $json.id }}' : dealId),
				updateFields: { title: 'Renamed' },
				...extra,
			},
			{ items },
		);

	it('goes with a lone call, and with a Get Many walked in batches', async () => {
		const one = await update(3, { requestOptions: { authConnector: ' n8n ' } });
		expect(one.result.error).toBeUndefined();
		expect(portal.restRequests()[0].body).toMatchObject({ auth_connector: 'n8n' });
		portal.resetRequests();
		const list = await runNode(portal, {
			resource: 'deal',
			operation: 'getAll',
			returnAll: true,
			requestOptions: { authConnector: 'n8n' },
		});
		expect(list.result.error).toBeUndefined();
		for (const request of portal.restRequests())
			if (request.restMethod !== 'batch')
				expect(request.body).toMatchObject({ auth_connector: 'n8n' });
		for (const command of commands(portal)) expect(keyOf(command)).toBe('n8n');
	});

	it("goes into each command of an execution's batch", async () => {
		const items = [{ id: 1 }, { id: 2 }, { id: 3 }];
		const run = await update(0, { requestOptions: { authConnector: 'n8n' } }, items);
		expect(run.result.error).toBeUndefined();
		const sent = commands(portal);
		expect(sent.filter((c) => c.startsWith('crm.deal.update'))).toHaveLength(3);
		expect(sent.map(keyOf)).toEqual(['n8n', 'n8n', 'n8n']);
	});

	it('travels per call when the scheduler merges executions with different keys', async () => {
		portal.faults.inject({ kind: 'slow', delayMs: 300, times: 4 });
		const runs = await Promise.all(
			Array.from({ length: 16 }, (_, index) =>
				update(index + 1, index % 2 ? { requestOptions: { authConnector: `k${index}` } } : {}),
			),
		);
		for (const run of runs) expect(run.result.error).toBeUndefined();
		const merged = portal.restRequests().filter((request) => request.restMethod === 'batch');
		expect(merged.length).toBeGreaterThan(0);
		for (const request of merged) expect(request.body).not.toHaveProperty('auth_connector');
		const byDeal = new Map<string, string | null>();
		for (const request of portal.restRequests()) {
			if (request.restMethod === 'crm.deal.update') {
				const body = request.body as { id?: unknown; auth_connector?: string };
				byDeal.set(String(body.id), body.auth_connector ?? null);
			}
			for (const command of request.batchCommands ?? [])
				byDeal.set(new URLSearchParams(command.split('?')[1]).get('id') ?? '', keyOf(command));
		}
		expect(byDeal.size).toBe(16);
		for (const [deal, key] of byDeal)
			expect(key).toBe(Number(deal) % 2 === 0 ? `k${Number(deal) - 1}` : null);
	});

	it('unset or empty, sends no auth_connector at all (both node versions)', async () => {
		for (const extra of [{}, { requestOptions: {} }, { requestOptions: { authConnector: '  ' } }])
			expect((await update(4, extra)).result.error).toBeUndefined();
		await update(0, {}, [{ id: 5 }, { id: 6 }]);
		const v2 = await runNode(
			portal,
			{ resource: 'deal', operation: 'get', recordId: id(7) },
			{ typeVersion: 2 },
		);
		expect(v2.result.error).toBeUndefined();
		expect(portal.restRequests().length).toBeGreaterThan(4);
		expect(JSON.stringify(portal.restRequests().map((r) => r.body))).not.toContain(
			'auth_connector',
		);
	});

	it('is a Request Option of both node versions and goes out with version 2 as well', async () => {
		const run = await runNode(
			portal,
			{
				resource: 'deal',
				operation: 'get',
				recordId: id(8),
				requestOptions: { authConnector: 'n8n' },
			},
			{ typeVersion: 2 },
		);
		expect(run.result.error).toBeUndefined();
		expect(portal.restRequests()[0].body).toMatchObject({ auth_connector: 'n8n' });
		const { Bitrix24 } = await import('../../nodes/Bitrix24/Bitrix24.node');
		const node = new Bitrix24();
		for (const version of [1, 2]) {
			const options = node.nodeVersions[version].description.properties.find(
				(property) => property.name === 'requestOptions',
			)?.options as Array<{ name: string }>;
			expect(options.map((option) => option.name)).toContain('authConnector');
		}
	});
});
