import type { IDataObject } from 'n8n-workflow';

import type { Portal } from '../portal';
import { SEED_CATALOGS } from '../portal/methods/catalog';
import { extrasState } from '../portal/methods/crm-extras';
import { runNode, visibleText, withPortal } from './support';

/**
 * Product rows that name a catalog product but no name take the product's name, as the docs
 * say for crm.item.productrow.set and crm.deal/lead.productrows.set; the classic methods call a
 * row with neither "[<row id>]". Both keep the same rows.
 */
const PRODUCTS = SEED_CATALOGS.find((catalog) => catalog.productIblockId === null)!;
const OFFERS = SEED_CATALOGS.find((catalog) => catalog.productIblockId === PRODUCTS.iblockId)!;

describe('Product rows named from the catalog', () => {
	let portal: Portal;
	let hose: number;
	let hose20: number;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 4 } });
		const product = await runNode(portal, {
			resource: 'catalogProduct',
			operation: 'create',
			iblockId: PRODUCTS.iblockId,
			name: 'Garden hose',
		});
		hose = Number(product.json[0].id);
		const parent = await runNode(portal, {
			resource: 'catalogParentProduct',
			operation: 'create',
			iblockId: PRODUCTS.iblockId,
			name: 'Hose on a reel',
		});
		const variation = await runNode(portal, {
			resource: 'catalogProductVariation',
			operation: 'create',
			iblockId: OFFERS.iblockId,
			parentId: String(parent.json[0].id),
			name: 'Hose on a reel, 20 m',
		});
		hose20 = Number(variation.json[0].id);
	});
	afterAll(async () => await portal.close());

	const call = async (method: string, parameters: IDataObject) =>
		await runNode(portal, {
			resource: 'method',
			operation: 'call',
			method,
			parameters: JSON.stringify(parameters),
		});

	it('Set Product Rows: a picked product or variation brings its catalog name', async () => {
		const set = await runNode(portal, {
			resource: 'crmProductRow',
			operation: 'set',
			ownerType: 'D',
			ownerId: '1',
			productRows: JSON.stringify([
				{ productId: hose, price: 12 },
				{ productId: hose, productName: 'Hose (gift wrapped)', price: 15 },
			]),
			rows: { row: [{ productId: hose20, price: 40, quantity: 2 }] },
		});
		expect(set.result.error).toBeUndefined();
		expect(set.json.map((row) => [row.productId, row.productName])).toEqual([
			[hose, 'Garden hose'],
			[hose, 'Hose (gift wrapped)'],
			[hose20, 'Hose on a reel, 20 m'],
		]);
		expect(
			extrasState(portal.store)
				.productRows.get('D:1')
				?.map((r) => r.productName),
		).toEqual(['Garden hose', 'Hose (gift wrapped)', 'Hose on a reel, 20 m']);
	});

	it('crm.deal.productrows.set: the product name, or [row id]; the rows are the same rows', async () => {
		const set = await call('crm.deal.productrows.set', {
			id: 2,
			rows: [
				{ PRODUCT_ID: hose, PRICE: 10, QUANTITY: 3 },
				{ PRICE: 5 },
				{ PRODUCT_ID: hose20, PRODUCT_NAME: 'Reel hose', PRICE: 50 },
			],
		});
		expect(set.json[0].result).toBe(true);
		const stored = extrasState(portal.store).productRows.get('D:2')!;
		expect(stored.map((r) => r.productName)).toEqual([
			'Garden hose',
			`[${stored[1].id}]`,
			'Reel hose',
		]);
		expect(Number(portal.store.deals.rows.get(2)?.OPPORTUNITY)).toBeCloseTo(10 * 3 + 5 + 50);

		const got = await call('crm.deal.productrows.get', { id: 2 });
		const rows = got.json[0].result as IDataObject[];
		expect(
			rows.map((row) => [
				row.ID,
				row.OWNER_TYPE,
				row.PRODUCT_ID,
				row.PRODUCT_NAME,
				row.MEASURE_CODE,
			]),
		).toEqual([
			[String(stored[0].id), 'D', hose, 'Garden hose', 796],
			[String(stored[1].id), 'D', 0, `[${stored[1].id}]`, 0],
			[String(stored[2].id), 'D', hose20, 'Reel hose', 796],
		]);
		// the universal methods read the same rows
		const listed = await runNode(portal, {
			resource: 'crmProductRow',
			operation: 'getAll',
			ownerType: 'D',
			ownerId: '2',
			returnAll: true,
		});
		expect(listed.json.map((row) => row.productName)).toEqual(stored.map((r) => r.productName));
	});

	it('crm.lead.productrows.set: the lead’s rows, and the errors the docs name', async () => {
		const set = await call('crm.lead.productrows.set', {
			id: 4,
			rows: [{ PRODUCT_ID: hose20, PRICE: 40 }],
		});
		expect(set.json[0].result).toBe(true);
		const got = await call('crm.lead.productrows.get', { id: 4 });
		expect(got.json[0].result).toEqual([
			expect.objectContaining({ OWNER_TYPE: 'L', PRODUCT_NAME: 'Hose on a reel, 20 m' }),
		]);
		expect(
			visibleText(
				await call('crm.lead.productrows.set', {
					id: 4,
					rows: [{ PRODUCT_ID: hose, PRICE: 40, DISCOUNT_TYPE_ID: 1 }],
				}),
			),
		).toContain(
			'Discount Sum (DISCOUNT_SUM) is required if Monetary Discount Type (DISCOUNT_TYPE_ID) is defined',
		);
		// a refused set changes nothing
		expect(extrasState(portal.store).productRows.get('L:4')).toHaveLength(1);
		expect(visibleText(await call('crm.lead.productrows.get', { id: 9999 }))).toContain(
			'Not found',
		);
		expect(visibleText(await call('crm.deal.productrows.set', { rows: [] }))).toContain(
			'The parameter id is invalid or not defined',
		);
	});
});
