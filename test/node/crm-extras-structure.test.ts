import { bitrix24Node, loadOptions } from '../harness';
import type { Portal } from '../portal';
import { SEED_CATALOGS } from '../portal/methods/catalog';
import { extrasState } from '../portal/methods/crm-extras';
import { DEAL_STAGES, demoDeal, SMART_PROCESS } from '../portal/seed';
import { runNode, visibleText, WEBHOOK_ID, webhookCredential, withPortal } from './support';

const smartCode = `T${SMART_PROCESS.entityTypeId.toString(16)}`;

describe('CRM product rows, pipelines and stages', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 5 } });
	});
	afterAll(async () => await portal.close());

	it('sets the product rows of a deal, which moves its amount, and lists them', async () => {
		const rows = [
			{ productName: 'Consulting', price: 100, quantity: 3 },
			{ productName: 'Travel', price: 40.5, quantity: 2, taxRate: 10, taxIncluded: 'Y' },
		];
		const set = await runNode(portal, {
			resource: 'crmProductRow',
			operation: 'set',
			ownerType: 'D',
			ownerId: '2',
			productRows: JSON.stringify(rows),
		});
		expect(set.result.error).toBeUndefined();
		expect(
			set.json.map((row) => [row.productName, row.price, row.quantity, row.ownerType, row.ownerId]),
		).toEqual(rows.map((row) => [row.productName, row.price, row.quantity, 'D', 2]));
		const expectedSum = rows.reduce((sum, row) => sum + row.price * row.quantity, 0);
		expect(Number(portal.store.deals.rows.get(2)?.OPPORTUNITY)).toBeCloseTo(expectedSum);
		expect(extrasState(portal.store).productRows.get('D:2')).toHaveLength(rows.length);

		const listed = await runNode(portal, {
			resource: 'crmProductRow',
			operation: 'getAll',
			ownerType: 'D',
			ownerId: '2',
			returnAll: true,
		});
		expect(listed.json.map((row) => row.id)).toEqual(set.json.map((row) => row.id));

		// smart-process items own product rows under T<hex>
		const smart = await runNode(portal, {
			resource: 'crmProductRow',
			operation: 'set',
			ownerType: smartCode,
			ownerId: '1',
			productRows: '[{"productName": "Design", "price": 10}]',
		});
		expect(smart.json[0]).toMatchObject({ ownerType: smartCode, quantity: 1 });

		const replaced = await runNode(portal, {
			resource: 'crmProductRow',
			operation: 'set',
			ownerType: 'D',
			ownerId: '2',
			productRows: '[]',
		});
		expect(replaced.json).toHaveLength(0);
		expect(extrasState(portal.store).productRows.get('D:2')).toEqual([]);

		const bad = await runNode(portal, {
			resource: 'crmProductRow',
			operation: 'set',
			ownerType: 'D',
			ownerId: '2',
			productRows: '[1, 2]',
		});
		expect(String(bad.result.error?.message)).toContain('"Product Rows (JSON)" of item 0');
		const contact = await runNode(portal, {
			resource: 'crmProductRow',
			operation: 'set',
			ownerType: 'C',
			ownerId: '1',
			productRows: '[]',
		});
		expect(String(contact.result.error?.message)).toMatch(/not supported/);
	});

	it('creates a deal pipeline with its stages, gets, lists, updates and deletes it', async () => {
		const created = await runNode(portal, {
			resource: 'crmPipeline',
			operation: 'create',
			entityTypeId: 2,
			name: 'Wholesale',
			additionalFields: { sort: 300 },
		});
		const category = created.json[0];
		expect(category).toMatchObject({
			name: 'Wholesale',
			sort: 300,
			entityTypeId: 2,
			isDefault: 'N',
		});
		const pipelineId = category.id as number;
		expect(portal.store.categories.some((c) => c.id === pipelineId && c.name === 'Wholesale')).toBe(
			true,
		);
		expect(portal.store.stagesOf(2, pipelineId)[0].STATUS_ID).toBe(`C${pipelineId}:NEW`);

		const got = await runNode(portal, {
			resource: 'crmPipeline',
			operation: 'get',
			entityTypeId: 2,
			pipelineId,
		});
		expect(got.json[0]).toMatchObject({ id: pipelineId, name: 'Wholesale' });
		const general = await runNode(portal, {
			resource: 'crmPipeline',
			operation: 'get',
			entityTypeId: 2,
			pipelineId: 0,
		});
		expect(general.json[0]).toMatchObject({ id: 0, isDefault: 'Y' });

		const listed = await runNode(portal, {
			resource: 'crmPipeline',
			operation: 'getAll',
			entityTypeId: 2,
			returnAll: true,
		});
		expect(listed.json.map((c) => c.id)).toEqual(
			portal.store.categories
				.filter((c) => c.entityTypeId === 2)
				.sort((a, b) => a.sort - b.sort)
				.map((c) => c.id),
		);

		const updated = await runNode(portal, {
			resource: 'crmPipeline',
			operation: 'update',
			entityTypeId: 2,
			pipelineId,
			additionalFields: { name: 'Wholesale EU' },
		});
		expect(updated.json[0]).toMatchObject({ id: pipelineId, name: 'Wholesale EU' });

		// the general pipeline holds deals and is the default: Bitrix24 refuses
		const refused = await runNode(portal, {
			resource: 'crmPipeline',
			operation: 'delete',
			entityTypeId: 2,
			pipelineId: 0,
		});
		expect(String(refused.result.error?.message)).toMatch(
			/Default deal category cannot be deleted/,
		);

		const deleted = await runNode(portal, {
			resource: 'crmPipeline',
			operation: 'delete',
			entityTypeId: 2,
			pipelineId,
		});
		expect(deleted.json[0]).toEqual({ ID: String(pipelineId), deleted: true });
		expect(portal.store.categories.some((c) => c.id === pipelineId && c.entityTypeId === 2)).toBe(
			false,
		);
		expect(portal.store.stagesOf(2, pipelineId)).toHaveLength(0);
	});

	it('makes a new smart-process pipeline the default', async () => {
		const created = await runNode(portal, {
			resource: 'crmPipeline',
			operation: 'create',
			entityTypeId: SMART_PROCESS.entityTypeId,
			name: 'Priority projects',
			additionalFields: { isDefault: true },
		});
		expect(created.json[0]).toMatchObject({
			isDefault: 'Y',
			entityTypeId: SMART_PROCESS.entityTypeId,
		});
		const defaults = portal.store.categories.filter(
			(c) => c.entityTypeId === SMART_PROCESS.entityTypeId && c.isDefault === 'Y',
		);
		expect(defaults.map((c) => c.id)).toEqual([created.json[0].id]);
	});

	it('lists, adds, gets, updates and deletes the stages of a deal pipeline', async () => {
		const listed = await runNode(portal, {
			resource: 'crmStage',
			operation: 'getAll',
			entityId: 'DEAL_STAGE_1',
			returnAll: true,
		});
		expect(listed.json.map((s) => s.STATUS_ID)).toEqual(DEAL_STAGES[1]);

		const created = await runNode(portal, {
			resource: 'crmStage',
			operation: 'create',
			entityId: 'DEAL_STAGE_1',
			statusId: 'DECISION',
			name: 'Decision',
			additionalFields: { sort: 25, color: '#FFAA00' },
		});
		const stageId = Number(created.json[0].ID);
		const stored = portal.store.statuses.find((s) => s.ID === stageId);
		// the pipeline prefix is added for the user
		expect(stored).toMatchObject({
			STATUS_ID: 'C1:DECISION',
			ENTITY_ID: 'DEAL_STAGE_1',
			CATEGORY_ID: 1,
			SORT: 25,
			COLOR: '#FFAA00',
			SYSTEM: 'N',
		});

		const got = await runNode(portal, {
			resource: 'crmStage',
			operation: 'get',
			stageId: String(stageId),
		});
		expect(got.json[0]).toMatchObject({
			ID: String(stageId),
			STATUS_ID: 'C1:DECISION',
			SORT: '25',
			CATEGORY_ID: '1',
		});

		const duplicate = await runNode(portal, {
			resource: 'crmStage',
			operation: 'create',
			entityId: 'DEAL_STAGE_1',
			statusId: 'C1:DECISION',
			name: 'Again',
		});
		expect(String(duplicate.result.error?.message)).toMatch(/already exists/);

		const updated = await runNode(portal, {
			resource: 'crmStage',
			operation: 'update',
			stageId: String(stageId),
			additionalFields: { name: 'Final decision' },
		});
		expect(updated.json[0]).toEqual({ ID: String(stageId), updated: true });
		expect(portal.store.statuses.find((s) => s.ID === stageId)?.NAME).toBe('Final decision');

		const deleted = await runNode(portal, {
			resource: 'crmStage',
			operation: 'delete',
			stageId: String(stageId),
		});
		expect(deleted.json[0]).toEqual({ ID: String(stageId), deleted: true });
		expect(portal.store.statuses.some((s) => s.ID === stageId)).toBe(false);

		// a system stage needs Force, and a stage with deals cannot go at all
		const firstStage = portal.store.statuses.find(
			(s) => s.ENTITY_ID === 'DEAL_STAGE' && s.STATUS_ID === demoDeal(1).STAGE_ID,
		);
		const system = await runNode(portal, {
			resource: 'crmStage',
			operation: 'delete',
			stageId: String(firstStage?.ID),
		});
		expect(
			String(system.result.error?.message) + String(system.result.error?.description ?? ''),
		).toMatch(/FORCED|active items/);
		const forced = await runNode(portal, {
			resource: 'crmStage',
			operation: 'delete',
			stageId: String(firstStage?.ID),
			additionalFields: { force: true },
		});
		expect(
			String(forced.result.error?.message) + String(forced.result.error?.description ?? ''),
		).toMatch(/active items/);
		expect(portal.store.statuses.some((s) => s.ID === firstStage?.ID)).toBe(true);
	});

	it('loads the lists its parameters offer', async () => {
		const node = (resource: string) =>
			bitrix24Node({ resource } as never, { type: 'bitrix24WebhookApi', id: WEBHOOK_ID });
		const credentials = [webhookCredential(portal)];
		const directories = await loadOptions(node('crmStage'), credentials, 'getStatusEntityTypes');
		const values = directories.map((d) => d.value);
		expect(values).toEqual(
			expect.arrayContaining([
				'STATUS',
				'SOURCE',
				'DEAL_STAGE',
				'DEAL_STAGE_1',
				`DYNAMIC_${SMART_PROCESS.entityTypeId}_STAGE_${SMART_PROCESS.categories[0]}`,
			]),
		);
		const owners = await loadOptions(node('crmProductRow'), credentials, 'getProductRowOwnerTypes');
		expect(owners.map((o) => o.value)).toEqual(expect.arrayContaining(['D', 'L', smartCode]));
		const timeline = await loadOptions(
			node('crmTimelineComment'),
			credentials,
			'getTimelineEntityTypes',
		);
		expect(timeline.map((o) => o.value)).toEqual(
			expect.arrayContaining(['deal', `dynamic_${SMART_PROCESS.entityTypeId}`]),
		);
		const pipelines = await loadOptions(node('crmPipeline'), credentials, 'getPipelineEntityTypes');
		expect(pipelines.map((o) => o.value)).toEqual([2, SMART_PROCESS.entityTypeId]);
		const smartPipelines = await loadOptions(
			bitrix24Node({ resource: 'crmPipeline', entityTypeId: SMART_PROCESS.entityTypeId } as never, {
				type: 'bitrix24WebhookApi',
				id: WEBHOOK_ID,
			}),
			credentials,
			'getPipelines',
		);
		const stored = portal.store.categories
			.filter((c) => c.entityTypeId === SMART_PROCESS.entityTypeId)
			.map((c) => c.id);
		expect(stored).toEqual(expect.arrayContaining([...SMART_PROCESS.categories]));
		expect(smartPipelines.map((o) => o.value).sort()).toEqual(stored.sort());
	});
});

describe('CRM product rows picked from the catalog', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 5 } });
	});
	afterAll(async () => await portal.close());

	/** A product added through the portal's own catalog.product.add. */
	async function addProduct(iblockId: number, name: string): Promise<number> {
		const response = await fetch(`${portal.webhookUrl}catalog.product.add`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ fields: { iblockId, name } }),
		});
		const body = (await response.json()) as { result: { element: { id: number } } };
		return Number(body.result.element.id);
	}

	it('lists the products of every catalog and sets rows picked from them after the JSON rows', async () => {
		// simple products live in the product catalog; the offers one stays empty
		const [main] = SEED_CATALOGS;
		const chair = await addProduct(main.iblockId, 'Chair');
		const table = await addProduct(main.iblockId, 'Table');
		const lamp = await addProduct(main.iblockId, 'Lamp');

		const options = await loadOptions(
			bitrix24Node({ resource: 'crmProductRow' } as never, {
				type: 'bitrix24WebhookApi',
				id: WEBHOOK_ID,
			}),
			[webhookCredential(portal)],
			'getCatalogProducts',
		);
		expect(options.map((o) => o.value)).toEqual([chair, lamp, table]);
		expect(options.map((o) => o.name)).toEqual([
			`Chair (${chair})`,
			`Lamp (${lamp})`,
			`Table (${table})`,
		]);
		expect(new Set(options.map((o) => o.description))).toEqual(new Set([main.name]));

		const run = await runNode(portal, {
			resource: 'crmProductRow',
			operation: 'set',
			ownerType: 'D',
			ownerId: 3,
			productRows: '[{"productName": "Delivery", "price": 15}]',
			rows: {
				row: [
					{ productId: table, price: 250.5, quantity: 2 },
					{ productId: String(lamp), price: 30, quantity: 1 },
				],
			},
		});
		expect(run.result.error).toBeUndefined();
		const stored = extrasState(portal.store).productRows.get('D:3') ?? [];
		expect(
			stored.map((r) => ({ productId: r.productId, price: r.price, quantity: r.quantity })),
		).toEqual([
			{ productId: 0, price: 15, quantity: 1 },
			{ productId: table, price: 250.5, quantity: 2 },
			{ productId: lamp, price: 30, quantity: 1 },
		]);
		expect(run.json).toHaveLength(3);

		const onlyPicked = await runNode(portal, {
			resource: 'crmProductRow',
			operation: 'set',
			ownerType: 'D',
			ownerId: 3,
			productRows: '[]',
			rows: { row: [{ productId: chair, price: 9, quantity: 4 }] },
		});
		expect(onlyPicked.result.error).toBeUndefined();
		expect(extrasState(portal.store).productRows.get('D:3')).toEqual([
			expect.objectContaining({ productId: chair, price: 9, quantity: 4 }),
		]);

		const unpicked = await runNode(portal, {
			resource: 'crmProductRow',
			operation: 'set',
			ownerType: 'D',
			ownerId: 3,
			productRows: '[]',
			rows: { row: [{ productId: '', price: 1, quantity: 1 }] },
		});
		expect(visibleText(unpicked)).toContain('Rows: Product');
		expect(extrasState(portal.store).productRows.get('D:3')).toHaveLength(1);
	});
});
