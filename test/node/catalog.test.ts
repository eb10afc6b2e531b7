import { bitrix24Node, loadOptions } from '../harness';
import type { Portal } from '../portal';
import { catalogState, SEED_CATALOGS } from '../portal/methods/catalog';
import { runNode, visibleText, WEBHOOK_ID, webhookCredential, withPortal } from './support';

/** The product catalog of a new portal: the seed catalog that is not an offers one. */
const PRODUCTS = SEED_CATALOGS.find((catalog) => catalog.productIblockId === null)!;

describe('Catalog: products, sections, prices', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal();
	});
	afterAll(async () => await portal.close());
	const state = () => catalogState(portal.store);

	it('keeps the sections of a catalog', async () => {
		const created = await runNode(portal, {
			resource: 'catalogSection',
			operation: 'create',
			iblockId: PRODUCTS.iblockId,
			name: 'Toys',
			additionalFields: { code: 'toys', sort: 100 },
		});
		expect(created.result.error).toBeUndefined();
		const id = Number(created.json[0].id);
		expect(state().sections.get(id)).toMatchObject({
			iblockId: PRODUCTS.iblockId,
			name: 'Toys',
			code: 'toys',
			sort: 100,
		});
		const child = await runNode(portal, {
			resource: 'catalogSection',
			operation: 'create',
			iblockId: PRODUCTS.iblockId,
			name: 'Puzzles',
			additionalFields: { parentSectionId: String(id) },
		});
		const childId = Number(child.json[0].id);
		expect(state().sections.get(childId)?.iblockSectionId).toBe(id);

		const got = await runNode(portal, {
			resource: 'catalogSection',
			operation: 'get',
			sectionId: String(id),
		});
		expect(got.json[0]).toMatchObject({ id, name: 'Toys' });
		const updated = await runNode(portal, {
			resource: 'catalogSection',
			operation: 'update',
			sectionId: String(childId),
			iblockId: PRODUCTS.iblockId,
			name: 'Jigsaw puzzles',
			additionalFields: { description: '<b>1000 pieces</b>', descriptionType: 'html' },
		});
		expect(updated.json[0]).toMatchObject({ id: childId, name: 'Jigsaw puzzles' });
		expect(state().sections.get(childId)).toMatchObject({
			description: '<b>1000 pieces</b>',
			descriptionType: 'html',
		});

		const listed = await runNode(portal, {
			resource: 'catalogSection',
			operation: 'getAll',
			iblockId: PRODUCTS.iblockId,
			returnAll: true,
			additionalFields: { parentSectionId: String(id) },
		});
		expect(listed.json.map((row) => row.id)).toEqual([childId]);

		const deleted = await runNode(portal, {
			resource: 'catalogSection',
			operation: 'delete',
			sectionId: String(childId),
		});
		expect(deleted.json[0]).toEqual({ ID: String(childId), deleted: true });
		expect(state().sections.has(childId)).toBe(false);
	});

	it('creates, gets, updates, lists and deletes products', async () => {
		const section = await runNode(portal, {
			resource: 'catalogSection',
			operation: 'create',
			iblockId: PRODUCTS.iblockId,
			name: 'Tools',
		});
		const sectionId = Number(section.json[0].id);
		const created = await runNode(portal, {
			resource: 'catalogProduct',
			operation: 'create',
			iblockId: PRODUCTS.iblockId,
			name: 'Hammer',
			additionalFields: {
				code: 'hammer',
				iblockSectionId: String(sectionId),
				purchasingPrice: 12.5,
				purchasingCurrency: 'USD',
				otherFields: '{"weight": 800, "name": "ignored"}',
			},
		});
		expect(created.result.error).toBeUndefined();
		const id = Number(created.json[0].id);
		// the body the portal got: camelCase fields, the JSON merged under the table's own
		const body = portal.restRequests().at(-1)?.body as { fields: Record<string, unknown> };
		expect(body.fields).toMatchObject({
			iblockId: PRODUCTS.iblockId,
			name: 'Hammer',
			iblockSectionId: sectionId,
			weight: 800,
		});
		expect(state().products.get(id)).toMatchObject({
			iblockId: PRODUCTS.iblockId,
			name: 'Hammer',
			code: 'hammer',
			iblockSectionId: sectionId,
			purchasingPrice: (12.5).toFixed(6),
			purchasingCurrency: 'USD',
			weight: 800,
		});

		const got = await runNode(portal, {
			resource: 'catalogProduct',
			operation: 'get',
			productId: String(id),
		});
		expect(got.json[0]).toMatchObject({ id, name: 'Hammer' });
		const updated = await runNode(portal, {
			resource: 'catalogProduct',
			operation: 'update',
			productId: String(id),
			additionalFields: { name: 'Claw hammer', quantity: 7 },
		});
		expect(updated.json[0]).toMatchObject({ id, name: 'Claw hammer', quantity: 7 });
		expect(state().products.get(id)).toMatchObject({ name: 'Claw hammer', quantity: 7 });
		const nothing = await runNode(portal, {
			resource: 'catalogProduct',
			operation: 'update',
			productId: String(id),
		});
		expect(String(nothing.result.error?.message)).toMatch(/at least one field/);

		const wrongCatalog = await runNode(portal, {
			resource: 'catalogProduct',
			operation: 'create',
			iblockId: 9999,
			name: 'Nowhere',
		});
		expect(wrongCatalog.result.error).toBeDefined();
		expect([...state().products.values()].some((row) => row.name === 'Nowhere')).toBe(false);

		const deleted = await runNode(portal, {
			resource: 'catalogProduct',
			operation: 'delete',
			productId: String(id),
		});
		expect(deleted.json[0]).toEqual({ ID: String(id), deleted: true });
		expect(state().products.has(id)).toBe(false);
	});

	it('lists the products of a catalog with the id and iblockId the list needs', async () => {
		const count = 64;
		const items = Array.from({ length: count }, (_, i) => ({ n: i }));
		const created = await runNode(
			portal,
			{
				resource: 'catalogProduct',
				operation: 'create',
				iblockId: PRODUCTS.iblockId,
				name: '={{ "Item " + $json.n }}',
				additionalFields: { sort: '={{ $json.n }}' },
			},
			{ items },
		);
		expect(created.json).toHaveLength(count);
		const ids = created.json.map((row) => row.id);
		const all = await runNode(portal, {
			resource: 'catalogProduct',
			operation: 'getAll',
			iblockId: PRODUCTS.iblockId,
			returnAll: true,
			additionalFields: { fieldNames: 'name, sort' },
		});
		expect(all.result.error).toBeUndefined();
		expect(all.json.map((row) => row.id)).toEqual(ids);
		expect(all.json[3]).toEqual({
			id: ids[3],
			iblockId: PRODUCTS.iblockId,
			name: 'Item 3',
			sort: 3,
		});
		const some = await runNode(portal, {
			resource: 'catalogProduct',
			operation: 'getAll',
			iblockId: PRODUCTS.iblockId,
			returnAll: false,
			limit: 5,
			additionalFields: { filterJson: '{">=sort": 60}' },
		});
		expect(some.json.map((row) => row.name)).toEqual(
			items.filter((item) => item.n >= 60).map((item) => `Item ${item.n}`),
		);
		const sent = portal.restRequests().at(-1)?.body as { select: string[]; filter: object };
		expect(sent.select).toEqual(expect.arrayContaining(['id', 'iblockId', 'name']));
		expect(sent.filter).toMatchObject({ iblockId: PRODUCTS.iblockId, '>=sort': 60 });
	});

	it('sets, changes, lists and deletes the prices of a product', async () => {
		const product = await runNode(portal, {
			resource: 'catalogProduct',
			operation: 'create',
			iblockId: PRODUCTS.iblockId,
			name: 'Saw',
		});
		const productId = String(product.json[0].id);
		const base = await runNode(portal, {
			resource: 'catalogPrice',
			operation: 'create',
			productId,
			catalogGroupId: '1',
			price: 100.5,
			currency: 'USD',
		});
		expect(base.result.error).toBeUndefined();
		const baseId = Number(base.json[0].id);
		expect(state().prices.get(baseId)).toMatchObject({
			productId: Number(productId),
			catalogGroupId: 1,
			price: 100.5,
			currency: 'USD',
		});
		const wholesale = await runNode(portal, {
			resource: 'catalogPrice',
			operation: 'create',
			productId,
			catalogGroupId: '2',
			price: 80,
			currency: 'EUR',
		});
		const wholesaleId = Number(wholesale.json[0].id);
		const twice = await runNode(portal, {
			resource: 'catalogPrice',
			operation: 'create',
			productId,
			catalogGroupId: '1',
			price: 1,
			currency: 'USD',
		});
		expect(twice.result.error).toBeDefined();
		expect(
			[...state().prices.values()].filter((p) => p.productId === Number(productId)),
		).toHaveLength(2);

		const got = await runNode(portal, {
			resource: 'catalogPrice',
			operation: 'get',
			priceId: String(baseId),
		});
		expect(got.json[0]).toMatchObject({ id: baseId, price: 100.5 });
		const updated = await runNode(portal, {
			resource: 'catalogPrice',
			operation: 'update',
			priceId: String(baseId),
			price: 120.75,
			currency: 'USD',
		});
		expect(updated.json[0]).toMatchObject({ id: baseId, price: 120.75 });
		expect(state().prices.get(baseId)?.price).toBe(120.75);

		const listed = await runNode(portal, {
			resource: 'catalogPrice',
			operation: 'getAll',
			returnAll: true,
			additionalFields: { productId },
		});
		expect(listed.json.map((row) => [row.id, row.catalogGroupId, row.price])).toEqual([
			[baseId, 1, 120.75],
			[wholesaleId, 2, 80],
		]);

		const deleted = await runNode(portal, {
			resource: 'catalogPrice',
			operation: 'delete',
			priceId: String(wholesaleId),
		});
		expect(deleted.json[0]).toEqual({ ID: String(wholesaleId), deleted: true });
		expect(state().prices.has(wholesaleId)).toBe(false);
	});

	it('lists and gets the catalogs and offers them as a picker', async () => {
		const listed = await runNode(portal, {
			resource: 'catalogCatalog',
			operation: 'getAll',
			returnAll: true,
		});
		expect(listed.json.map((row) => row.iblockId)).toEqual(SEED_CATALOGS.map((c) => c.iblockId));
		const got = await runNode(portal, {
			resource: 'catalogCatalog',
			operation: 'get',
			catalogId: String(PRODUCTS.id),
		});
		expect(got.json[0]).toMatchObject({ id: PRODUCTS.id, name: PRODUCTS.name });
		const missing = await runNode(portal, {
			resource: 'catalogCatalog',
			operation: 'get',
			catalogId: '5',
		});
		// catalog methods answer errors with a numeric code (catalog-catalog-get.md: "error": 0 ...,
		// 200040300010): the call fails and nothing is output
		expect(missing.result.error).toBeDefined();
		expect(visibleText(missing)).toMatch(/HTTP 400/);
		// the description Bitrix24 gave, with its numeric code, reaches the user
		expect(missing.result.error?.message).toMatch(/does not exist/);

		const node = bitrix24Node({ resource: 'catalogProduct' } as never, {
			type: 'bitrix24WebhookApi',
			id: WEBHOOK_ID,
		});
		const catalogs = await loadOptions(node, [webhookCredential(portal)], 'getCatalogs');
		expect(catalogs).toEqual(
			SEED_CATALOGS.map((c) => ({ name: `${c.name} (${c.iblockId})`, value: c.iblockId })),
		);
	});
});
