import { bitrix24Node, listSearch } from '../harness';
import type { Portal } from '../portal';
import { inventoryState } from '../portal/methods/inventory';
import { SEED_MEASURES, SEED_VATS } from '../portal/methods/inventory-state';
import { runNode, visibleText, WEBHOOK_ID, webhookCredential, withPortal } from './support';

/** Inventory management: stores, units of measure, VAT rates (documents and stock: inventory-documents.test.ts). */
const V2 = { typeVersion: 2 };

const rl = (mode: 'list' | 'id', value: string | number) => ({
	__rl: true,
	mode,
	value: String(value),
});

describe('Catalog: inventory management', () => {
	let portal: Portal;
	const node = (parameters: Record<string, unknown>) =>
		bitrix24Node(parameters as never, { type: 'bitrix24WebhookApi', id: WEBHOOK_ID });
	beforeAll(async () => {
		portal = await withPortal();
	});
	afterAll(async () => await portal.close());
	const state = () => inventoryState(portal.store);
	const user = () => portal.webhook.userId;

	async function store(address: string, fields: Record<string, unknown> = {}): Promise<number> {
		const created = await runNode(portal, {
			resource: 'catalogStore',
			operation: 'create',
			address,
			additionalFields: fields as never,
		});
		expect(created.result.error).toBeUndefined();
		return Number(created.json[0].id);
	}
	it('keeps stores: create, get, update, list, fields, delete', async () => {
		const central = await store('Main St. 1', { title: 'Central', issuingCenter: true, sort: 10 });
		expect(state().stores.get(central)).toMatchObject({
			address: 'Main St. 1',
			title: 'Central',
			issuingCenter: 'Y',
			active: 'Y',
			sort: 10,
			userId: user(),
		});
		const closed = await runNode(
			portal,
			{
				resource: 'catalogStore',
				operation: 'create',
				address: 'Side St. 2',
				additionalFields: { title: 'Closed', active: false },
			},
			V2,
		);
		const closedId = Number(closed.json[0].id);
		expect(closed.json[0]).toMatchObject({ address: 'Side St. 2', title: 'Closed', active: 'N' });

		const got = await runNode(portal, {
			resource: 'catalogStore',
			operation: 'get',
			storeId: rl('list', central),
		});
		expect(got.json[0]).toMatchObject({ id: central, title: 'Central' });
		const updated = await runNode(
			portal,
			{
				resource: 'catalogStore',
				operation: 'update',
				storeId: rl('id', central),
				additionalFields: { phone: '+1 555 0100', schedule: 'Mon-Fri 9-18' },
			},
			V2,
		);
		// catalog.store.update answers the store: version 2 gives it as it is
		expect(updated.json[0]).toMatchObject({ id: central, phone: '+1 555 0100', title: 'Central' });
		expect(state().stores.get(central)?.schedule).toBe('Mon-Fri 9-18');
		const nothing = await runNode(portal, {
			resource: 'catalogStore',
			operation: 'update',
			storeId: rl('id', central),
		});
		expect(String(nothing.result.error?.message)).toMatch(/at least one field/);

		const all = await runNode(portal, {
			resource: 'catalogStore',
			operation: 'getAll',
			returnAll: true,
		});
		expect(all.json.map((row) => row.id)).toEqual([central, closedId]);
		const active = await runNode(
			portal,
			{ resource: 'catalogStore', operation: 'getAll', returnAll: true, options: { active: true } },
			V2,
		);
		expect(active.json.map((row) => row.id)).toEqual([central]);
		const searched = await listSearch(
			node({ resource: 'catalogStore', operation: 'get' }),
			[webhookCredential(portal)],
			'searchCatalogStores',
			'clo',
		);
		expect(searched.results).toEqual([{ name: 'Closed', value: String(closedId) }]);

		const fields = await runNode(portal, { resource: 'catalogStore', operation: 'getFields' }, V2);
		expect(fields.json).toEqual(
			expect.arrayContaining([
				{
					name: 'address',
					isImmutable: false,
					isReadOnly: false,
					isRequired: true,
					type: 'string',
				},
				{ name: 'id', isImmutable: false, isReadOnly: true, isRequired: false, type: 'integer' },
			]),
		);
		const fieldsV1 = await runNode(portal, { resource: 'catalogStore', operation: 'getFields' });
		expect(fieldsV1.json.map((row) => row.name)).toEqual(fields.json.map((row) => row.name));

		const deleted = await runNode(
			portal,
			{ resource: 'catalogStore', operation: 'delete', storeId: rl('list', closedId) },
			V2,
		);
		expect(deleted.json[0]).toEqual({ ID: String(closedId), deleted: true });
		expect(state().stores.has(closedId)).toBe(false);
		const gone = await runNode(portal, {
			resource: 'catalogStore',
			operation: 'get',
			storeId: rl('id', closedId),
		});
		expect(visibleText(gone)).toContain('Store with the specified identifier not found');
	});

	it('keeps units of measure: seeds, create, unique code, one default, update, delete', async () => {
		const seeded = await runNode(portal, {
			resource: 'catalogMeasure',
			operation: 'getAll',
			returnAll: true,
		});
		expect(seeded.json.map((row) => row.code)).toEqual(SEED_MEASURES.map((row) => row.code));
		const piece = await runNode(
			portal,
			{
				resource: 'catalogMeasure',
				operation: 'create',
				code: 796,
				measureTitle: 'Piece',
				additionalFields: { symbol: 'pcs', isDefault: true },
			},
			V2,
		);
		const pieceId = Number(piece.json[0].id);
		expect(piece.json[0]).toMatchObject({ code: 796, measureTitle: 'Piece', isDefault: 'Y' });
		expect(state().measures.get(pieceId)).toMatchObject({ symbol: 'pcs', isDefault: 'Y' });
		const twin = await runNode(portal, {
			resource: 'catalogMeasure',
			operation: 'create',
			code: 796,
			measureTitle: 'Another piece',
		});
		expect(visibleText(twin)).toContain('code parameter already exists');
		const secondDefault = await runNode(portal, {
			resource: 'catalogMeasure',
			operation: 'create',
			code: 715,
			measureTitle: 'Pair',
			additionalFields: { isDefault: true },
		});
		expect(visibleText(secondDefault)).toContain('isDefault parameter set to Y already exists');

		const updated = await runNode(
			portal,
			{
				resource: 'catalogMeasure',
				operation: 'update',
				measureId: rl('list', pieceId),
				code: 796,
				additionalFields: { measureTitle: 'Pieces' },
			},
			V2,
		);
		expect(updated.json[0]).toMatchObject({ id: pieceId, code: 796, measureTitle: 'Pieces' });
		const got = await runNode(portal, {
			resource: 'catalogMeasure',
			operation: 'get',
			measureId: rl('id', pieceId),
		});
		expect(got.json[0]).toMatchObject({ id: pieceId, measureTitle: 'Pieces', symbol: 'pcs' });
		const searched = await listSearch(
			node({ resource: 'catalogMeasure', operation: 'get' }),
			[webhookCredential(portal)],
			'searchCatalogMeasures',
			'piec',
		);
		expect(searched.results).toEqual([{ name: 'Pieces (pcs)', value: String(pieceId) }]);
		const fields = await runNode(
			portal,
			{ resource: 'catalogMeasure', operation: 'getFields' },
			V2,
		);
		expect(fields.json).toEqual(
			expect.arrayContaining([
				{ name: 'code', isImmutable: false, isReadOnly: false, isRequired: true, type: 'integer' },
			]),
		);
		const deleted = await runNode(
			portal,
			{ resource: 'catalogMeasure', operation: 'delete', measureId: rl('id', pieceId) },
			V2,
		);
		expect(deleted.json[0]).toEqual({ ID: String(pieceId), deleted: true });
		const gone = await runNode(portal, {
			resource: 'catalogMeasure',
			operation: 'get',
			measureId: rl('id', pieceId),
		});
		expect(visibleText(gone)).toContain('Measurement unit with such an identifier does not exist');
	});

	it('keeps VAT rates: seeds, create, update, get, fields, delete', async () => {
		const seeded = await runNode(
			portal,
			{ resource: 'catalogVatRate', operation: 'getAll', returnAll: true },
			V2,
		);
		expect(seeded.json.map((row) => row.name)).toEqual(SEED_VATS.map((row) => row.name));
		const created = await runNode(portal, {
			resource: 'catalogVatRate',
			operation: 'create',
			name: 'VAT 10%',
			rate: 10,
			additionalFields: { sort: 50 },
		});
		const vatId = Number(created.json[0].id);
		expect(created.json[0]).toMatchObject({ name: 'VAT 10%', rate: 10, sort: 50, active: 'Y' });
		const updated = await runNode(
			portal,
			{
				resource: 'catalogVatRate',
				operation: 'update',
				vatId: rl('list', vatId),
				name: 'VAT 12%',
				rate: 12,
				additionalFields: { active: false },
			},
			V2,
		);
		expect(updated.json[0]).toMatchObject({ id: vatId, name: 'VAT 12%', rate: 12, active: 'N' });
		const got = await runNode(portal, {
			resource: 'catalogVatRate',
			operation: 'get',
			vatId: rl('id', vatId),
		});
		expect(got.json[0]).toMatchObject({ id: vatId, rate: 12, sort: 50 });
		const searched = await listSearch(
			node({ resource: 'catalogVatRate', operation: 'get' }),
			[webhookCredential(portal)],
			'searchCatalogVatRates',
			'12',
		);
		expect(searched.results).toEqual([{ name: 'VAT 12%', value: String(vatId) }]);
		const fields = await runNode(portal, { resource: 'catalogVatRate', operation: 'getFields' });
		expect(fields.json).toEqual(
			expect.arrayContaining([
				{ name: 'rate', isImmutable: false, isReadOnly: false, isRequired: true, type: 'double' },
			]),
		);
		const deleted = await runNode(portal, {
			resource: 'catalogVatRate',
			operation: 'delete',
			vatId: rl('id', vatId),
		});
		expect(deleted.json[0]).toEqual({ ID: String(vatId), deleted: true });
		const gone = await runNode(portal, {
			resource: 'catalogVatRate',
			operation: 'get',
			vatId: rl('id', vatId),
		});
		expect(visibleText(gone)).toContain('No VAT rate exists with this identifier');
	});
});
