import type { Portal } from '../portal';
import { SMART_PROCESS, SMART_UF, demoDeal, DEMO_COUNTS } from '../portal/seed';
import { id, runNode, withPortal } from './support';

describe('CRM Item (any type) with a smart process', () => {
	let portal: Portal;
	const entityTypeId = SMART_PROCESS.entityTypeId;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 30 } });
	});
	afterAll(async () => await portal.close());
	beforeEach(() => portal.resetRequests());

	it('creates, gets, updates and deletes a smart-process item', async () => {
		const created = await runNode(portal, {
			resource: 'crmItem',
			operation: 'create',
			entityTypeId,
			title: 'Bridge design',
			fieldMapping: {
				mappingMode: 'defineBelow',
				value: { ufCrm5_1700000102: 25000 },
				matchingColumns: [],
				schema: [],
			},
		});
		expect(created.result.error).toBeUndefined();
		const item = created.json[0];
		expect(item.title).toBe('Bridge design');
		expect(typeof item.id).toBe('number');
		const stored = portal.store.table(entityTypeId)?.rows.get(item.id as number);
		expect(stored?.TITLE).toBe('Bridge design');
		expect(Number(stored?.[SMART_UF.budget])).toBe(25000);

		const got = await runNode(portal, {
			resource: 'crmItem',
			operation: 'get',
			entityTypeId,
			itemId: id(item.id as number),
		});
		expect(got.json[0]).toMatchObject({ id: item.id, title: 'Bridge design' });

		const updated = await runNode(portal, {
			resource: 'crmItem',
			operation: 'update',
			entityTypeId,
			itemId: id(item.id as number),
			fieldsJson: '{"title": "Bridge design v2"}',
		});
		expect(updated.json[0].title).toBe('Bridge design v2');
		expect(portal.store.table(entityTypeId)?.rows.get(item.id as number)?.TITLE).toBe(
			'Bridge design v2',
		);

		const deleted = await runNode(portal, {
			resource: 'crmItem',
			operation: 'delete',
			entityTypeId,
			itemId: id(item.id as number),
		});
		expect(deleted.json[0]).toEqual({ id: item.id, deleted: true });
		expect(portal.store.table(entityTypeId)?.rows.has(item.id as number)).toBe(false);
	});

	it('gets many items of the smart process, walking items by id', async () => {
		const run = await runNode(portal, {
			resource: 'crmItem',
			operation: 'getAll',
			entityTypeId,
			returnAll: true,
		});
		const ids = [...(portal.store.table(entityTypeId)?.rows.keys() ?? [])].sort((a, b) => a - b);
		expect(ids.length).toBeGreaterThanOrEqual(DEMO_COUNTS.smartItems - 1);
		expect(run.json.map((row) => row.id)).toEqual(ids);
	});

	it('sees deals through crm.item with typed camelCase values', async () => {
		const run = await runNode(portal, {
			resource: 'crmItem',
			operation: 'get',
			entityTypeId: 2,
			itemId: id(8),
		});
		expect(run.json[0]).toMatchObject({ id: 8, title: demoDeal(8).TITLE });
		expect(typeof run.json[0].opportunity).toBe('number');
	});

	it('lists the smart process fields, custom ones included', async () => {
		const run = await runNode(portal, {
			resource: 'crmItem',
			operation: 'getFields',
			entityTypeId,
		});
		const names = run.json.map((field) => field.name);
		expect(names).toEqual(expect.arrayContaining(['id', 'title', 'ufCrm5_1700000102']));
	});

	it('names the parameter when the entity type is not a number', async () => {
		const run = await runNode(portal, {
			resource: 'crmItem',
			operation: 'get',
			entityTypeId: 'deals',
			itemId: id(1),
		});
		expect(run.result.error?.message).toBe(
			'Parameter "Entity Type" of item 0: "deals" is not an entity type ID',
		);
	});
});
