import { bitrix24Node, listSearch, loadOptions } from '../harness';
import type { Portal } from '../portal';
import { catalogState, SEED_CATALOGS } from '../portal/methods/catalog';
import { runNode, visibleText, WEBHOOK_ID, webhookCredential, withPortal } from './support';

/** A new portal's product catalog and its offers catalog, where variations live. */
const PRODUCTS = SEED_CATALOGS.find((catalog) => catalog.productIblockId === null)!;
const OFFERS = SEED_CATALOGS.find((catalog) => catalog.productIblockId === PRODUCTS.iblockId)!;

const rl = (mode: 'list' | 'id' | 'url', value: string | number) => ({
	__rl: true,
	mode,
	value: String(value),
});

describe('Catalog: products with variations', () => {
	let portal: Portal;
	const node = (parameters: Record<string, unknown>) =>
		bitrix24Node(parameters as never, { type: 'bitrix24WebhookApi', id: WEBHOOK_ID });
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 3 } });
	});
	afterAll(async () => await portal.close());
	const state = () => catalogState(portal.store);

	async function parentProduct(name: string, code?: string): Promise<number> {
		const created = await runNode(portal, {
			resource: 'catalogParentProduct',
			operation: 'create',
			iblockId: PRODUCTS.iblockId,
			name,
			additionalFields: code ? { code } : {},
		});
		expect(created.result.error).toBeUndefined();
		return Number(created.json[0].id);
	}

	it('keeps parent products: create, get, update, list, delete', async () => {
		const shirt = await parentProduct('T-shirt', 'tshirt');
		expect(state().skus.get(shirt)).toMatchObject({
			iblockId: PRODUCTS.iblockId,
			name: 'T-shirt',
			code: 'tshirt',
			type: 3,
		});
		// a parent product is no simple product
		expect(state().products.has(shirt)).toBe(false);

		const got = await runNode(portal, {
			resource: 'catalogParentProduct',
			operation: 'get',
			parentId: rl('url', `${portal.url}/crm/catalog/${PRODUCTS.iblockId}/product/${shirt}/`),
		});
		expect(got.json[0]).toMatchObject({ id: shirt, name: 'T-shirt', type: 3 });
		const updated = await runNode(portal, {
			resource: 'catalogParentProduct',
			operation: 'update',
			parentId: rl('list', shirt),
			additionalFields: { previewText: 'Cotton', sort: 10 },
		});
		expect(updated.json[0]).toMatchObject({ id: shirt, previewText: 'Cotton', sort: 10 });
		const nothing = await runNode(portal, {
			resource: 'catalogParentProduct',
			operation: 'update',
			parentId: rl('list', shirt),
		});
		expect(String(nothing.result.error?.message)).toMatch(/at least one field/);
		const twin = await runNode(portal, {
			resource: 'catalogParentProduct',
			operation: 'create',
			iblockId: PRODUCTS.iblockId,
			name: 'Another shirt',
			additionalFields: { code: 'tshirt' },
		});
		expect(visibleText(twin)).toContain(
			'A parent product with the specified symbolic code already exists',
		);

		const mug = await parentProduct('Mug');
		const listed = await runNode(portal, {
			resource: 'catalogParentProduct',
			operation: 'getAll',
			iblockId: PRODUCTS.iblockId,
			returnAll: true,
			additionalFields: { fieldNames: 'name, sort' },
		});
		expect(listed.json).toEqual([
			{ id: shirt, iblockId: PRODUCTS.iblockId, name: 'T-shirt', sort: 10 },
			{ id: mug, iblockId: PRODUCTS.iblockId, name: 'Mug', sort: 500 },
		]);

		const deleted = await runNode(portal, {
			resource: 'catalogParentProduct',
			operation: 'delete',
			parentId: rl('id', mug),
		});
		expect(deleted.json[0]).toEqual({ ID: String(mug), deleted: true });
		expect(state().skus.has(mug)).toBe(false);
		const gone = await runNode(portal, {
			resource: 'catalogParentProduct',
			operation: 'get',
			parentId: rl('id', mug),
		});
		expect(visibleText(gone)).toContain('The parent product does not exist');
	});

	it('keeps the variations of a product, each with its own price', async () => {
		const jacket = await parentProduct('Jacket');
		const cap = await parentProduct('Cap');
		const catalogs = await loadOptions(
			node({ resource: 'catalogProductVariation', operation: 'create' }),
			[webhookCredential(portal)],
			'getVariationCatalogs',
		);
		expect(catalogs).toEqual([
			{ name: `${OFFERS.name} (${OFFERS.iblockId})`, value: OFFERS.iblockId },
		]);
		// the parent products of the offers catalog's product catalog
		const parents = await listSearch(
			node({ resource: 'catalogProductVariation', operation: 'create', iblockId: OFFERS.iblockId }),
			[webhookCredential(portal)],
			'searchCatalogParentProducts',
			'jack',
		);
		expect(parents.results).toEqual([
			{
				name: 'Jacket',
				value: String(jacket),
				url: `${portal.url}/crm/catalog/${PRODUCTS.iblockId}/product/${jacket}/`,
			},
		]);

		const variation = async (parentId: string | ReturnType<typeof rl>, name: string, extra = {}) =>
			await runNode(portal, {
				resource: 'catalogProductVariation',
				operation: 'create',
				iblockId: OFFERS.iblockId,
				parentId,
				name,
				additionalFields: extra,
			});
		const red = await variation(rl('list', jacket), 'Jacket red M', {
			code: 'jacket-red-m',
			purchasingPrice: 40,
			purchasingCurrency: 'USD',
			otherFields: '{"width": 60}',
		});
		expect(red.result.error).toBeUndefined();
		const redId = Number(red.json[0].id);
		expect(red.json[0]).toMatchObject({ id: redId, type: 4, parentId: { value: String(jacket) } });
		expect(state().offers.get(redId)).toMatchObject({
			iblockId: OFFERS.iblockId,
			name: 'Jacket red M',
			purchasingPrice: '40.000000',
			width: 60,
		});
		const blueId = Number((await variation(rl('id', jacket), 'Jacket blue L')).json[0].id);
		const capId = Number((await variation(String(cap), 'Cap one size')).json[0].id);

		const wrongCatalog = await runNode(portal, {
			resource: 'catalogProductVariation',
			operation: 'create',
			iblockId: PRODUCTS.iblockId,
			parentId: rl('list', jacket),
			name: 'Nowhere',
		});
		expect(visibleText(wrongCatalog)).toContain(
			'Information block with the specified identifier does not exist',
		);
		const taken = await variation(rl('list', cap), 'Twin', { code: 'jacket-red-m' });
		expect(visibleText(taken)).toContain(
			'Product variation with the specified symbolic code already exists',
		);

		const ofJacket = await runNode(portal, {
			resource: 'catalogProductVariation',
			operation: 'getAll',
			iblockId: OFFERS.iblockId,
			returnAll: true,
			additionalFields: { parentId: rl('list', jacket) },
		});
		expect(ofJacket.json.map((row) => row.id)).toEqual([redId, blueId]);
		expect(ofJacket.json[0]).toMatchObject({
			name: 'Jacket red M',
			parentId: { value: String(jacket) },
		});
		const searched = await listSearch(
			node({ resource: 'catalogProductVariation', operation: 'get' }),
			[webhookCredential(portal)],
			'searchCatalogVariations',
			'jacket',
		);
		expect(searched.results).toEqual([
			{ name: 'Jacket blue L (variation)', value: String(blueId) },
			{ name: 'Jacket red M (variation)', value: String(redId) },
		]);

		const moved = await runNode(portal, {
			resource: 'catalogProductVariation',
			operation: 'update',
			variationId: rl('list', blueId),
			additionalFields: { parentId: rl('list', cap), name: 'Cap blue' },
		});
		expect(moved.json[0]).toMatchObject({
			id: blueId,
			name: 'Cap blue',
			parentId: { value: String(cap) },
		});
		expect((state().offers.get(blueId)?.parentId as { value: string }).value).toBe(String(cap));
		const got = await runNode(portal, {
			resource: 'catalogProductVariation',
			operation: 'get',
			variationId: rl('id', capId),
		});
		expect(got.json[0]).toMatchObject({ id: capId, name: 'Cap one size', type: 4 });

		// variations carry the prices; their parent product has none
		const price = await runNode(portal, {
			resource: 'catalogPrice',
			operation: 'create',
			productId: rl('list', redId),
			price: 99,
			currency: 'USD',
		});
		expect(price.result.error).toBeUndefined();
		expect(state().prices.get(Number(price.json[0].id))).toMatchObject({
			productId: redId,
			price: 99,
		});
		const parentPrice = await runNode(portal, {
			resource: 'catalogPrice',
			operation: 'create',
			productId: String(jacket),
			price: 99,
			currency: 'USD',
		});
		expect(visibleText(parentPrice)).toContain('Catalog product is wrong');

		// product rows pick variations from the catalog too
		const picked = await loadOptions(
			node({ resource: 'crmProductRow', operation: 'set' }),
			[webhookCredential(portal)],
			'getCatalogProducts',
		);
		expect(picked).toEqual(
			expect.arrayContaining([
				{ name: `Jacket red M (${redId})`, value: redId, description: OFFERS.name },
			]),
		);
		expect(picked.some((option) => option.value === jacket)).toBe(false);

		const deleted = await runNode(portal, {
			resource: 'catalogProductVariation',
			operation: 'delete',
			variationId: rl('list', capId),
		});
		expect(deleted.json[0]).toEqual({ ID: String(capId), deleted: true });
		expect(state().offers.has(capId)).toBe(false);
		const gone = await runNode(portal, {
			resource: 'catalogProductVariation',
			operation: 'get',
			variationId: rl('id', capId),
		});
		expect(visibleText(gone)).toContain('The product variation does not exist');
	});
});
