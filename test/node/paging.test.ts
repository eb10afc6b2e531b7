import type { Portal } from '../portal';
import { demoDeal } from '../portal/seed';
import { runNode, withPortal } from './support';

const DEALS = 7000;

describe('Get Many: fast paging through batch', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: DEALS } });
	});
	afterAll(async () => await portal.close());
	beforeEach(() => portal.resetRequests());

	it(`returns all ${DEALS} deals in at most 5 HTTP requests`, async () => {
		const run = await runNode(portal, { resource: 'deal', operation: 'getAll', returnAll: true });
		expect(run.result.error).toBeUndefined();
		expect(run.json).toHaveLength(DEALS);
		const ids = run.json.map((deal) => Number(deal.ID));
		expect(new Set(ids).size).toBe(DEALS);
		expect(ids).toEqual([...ids].sort((a, b) => a - b));
		expect(run.json[4321].TITLE).toBe(demoDeal(ids[4321]).TITLE);
		const requests = portal.restRequests();
		expect(requests.length).toBeLessThanOrEqual(5);
		expect(requests.every((request) => request.restMethod === 'batch')).toBe(true);
	});

	it('stops at Limit with as few pages as the limit needs', async () => {
		const run = await runNode(portal, {
			resource: 'deal',
			operation: 'getAll',
			returnAll: false,
			limit: 120,
		});
		expect(run.json.map((deal) => Number(deal.ID))).toEqual(
			Array.from({ length: 120 }, (_, i) => i + 1),
		);
		const [request] = portal.restRequests();
		expect(portal.restRequests()).toHaveLength(1);
		expect(request.batchCommands).toHaveLength(3);
	});

	it('applies Filters with Bitrix24 operators and returns only matching deals', async () => {
		const run = await runNode(portal, {
			resource: 'deal',
			operation: 'getAll',
			returnAll: true,
			filters: {
				conditions: [
					{ field: 'CATEGORY_ID', operator: 'eq', value: '1' },
					{ field: 'OPPORTUNITY', operator: '>=', value: '50000' },
					{ field: 'STAGE_ID', operator: '@', value: 'C1:NEW, C1:WON' },
				],
			},
			options: { select: ['ID', 'TITLE', 'OPPORTUNITY'] },
		});
		const expected: number[] = [];
		for (let i = 1; i <= DEALS; i++) {
			const deal = demoDeal(i);
			if (
				deal.CATEGORY_ID === 1 &&
				Number(deal.OPPORTUNITY) >= 50000 &&
				['C1:NEW', 'C1:WON'].includes(String(deal.STAGE_ID))
			) {
				expected.push(i);
			}
		}
		expect(expected.length).toBeGreaterThan(50);
		expect(run.json.map((deal) => Number(deal.ID))).toEqual(expected);
		expect(Object.keys(run.json[0]).sort()).toEqual(['ID', 'OPPORTUNITY', 'TITLE']);
	});

	it('pages by offset, also batched, when ordered by another field', async () => {
		const run = await runNode(portal, {
			resource: 'deal',
			operation: 'getAll',
			returnAll: false,
			limit: 260,
			options: { orderBy: 'OPPORTUNITY', orderDirection: 'DESC', select: ['ID', 'OPPORTUNITY'] },
		});
		expect(run.json).toHaveLength(260);
		const amounts = run.json.map((deal) => Number(deal.OPPORTUNITY));
		expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
		expect(portal.restRequests().length).toBe(2);
	});
});

describe('Many input items go out as batch requests', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 10 } });
	});
	afterAll(async () => await portal.close());
	beforeEach(() => portal.resetRequests());

	it('creates 120 deals in 3 batch requests, results in input order', async () => {
		const items = Array.from({ length: 120 }, (_, i) => ({ title: `Bulk ${i}`, amount: i * 10 }));
		const run = await runNode(
			portal,
			{
				resource: 'deal',
				operation: 'create',
				title: '={{ $json.title }}',
				additionalFields: { opportunity: '={{ $json.amount }}' },
			},
			{ items },
		);
		expect(run.result.error).toBeUndefined();
		expect(portal.restRequests().map((request) => request.restMethod)).toEqual([
			'batch',
			'batch',
			'batch',
		]);
		expect(run.json).toHaveLength(120);
		run.json.forEach((out, i) => {
			const deal = portal.store.deals.rows.get(Number(out.ID));
			expect(deal?.TITLE).toBe(`Bulk ${i}`);
			expect(Number(deal?.OPPORTUNITY)).toBe(i * 10);
			expect(run.items[i].pairedItem).toEqual({ item: i });
		});
	});
});
