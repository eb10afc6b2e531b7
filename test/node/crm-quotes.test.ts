import type { Portal } from '../portal';
import { field } from '../portal/fields';
import { id, runNode, withPortal } from './support';

/**
 * Quotes (7) and smart invoices (31) over crm.item. The seed has no such types, so the test
 * adds them to the portal's store with a few standard fields, as crm.item serves every type.
 */
function addType(portal: Portal, entityTypeId: number, title: string): void {
	if (portal.store.table(entityTypeId)) return;
	portal.store.addEntityType({ entityTypeId, eventPrefix: 'ONCRMDYNAMICITEM', title }, [
		field('ID', 'integer', 'ID', { isReadOnly: true }),
		field('TITLE', 'string', 'Name'),
		field('OPPORTUNITY', 'double', 'Amount', { money: true }),
		field('CURRENCY_ID', 'crm_currency', 'Currency'),
		field('COMPANY_ID', 'crm_company', 'Company'),
		field('ASSIGNED_BY_ID', 'user', 'Responsible person'),
		field('XML_ID', 'string', 'External ID'),
		field('CREATED_BY', 'user', 'Created by', { isReadOnly: true }),
		field('UPDATED_BY', 'user', 'Modified by', { isReadOnly: true }),
		field('CREATED_TIME', 'datetime', 'Created on', { isReadOnly: true }),
		field('UPDATED_TIME', 'datetime', 'Modified on', { isReadOnly: true }),
	]);
}

describe.each([
	{ resource: 'crmQuote', entityTypeId: 7 },
	{ resource: 'crmInvoice', entityTypeId: 31 },
])('$resource over crm.item', ({ resource, entityTypeId }) => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 5 } });
		addType(portal, 7, 'Quote');
		addType(portal, 31, 'Invoice');
	});
	afterAll(async () => await portal.close());

	it('creates, gets, updates, lists, upserts and deletes with the type fixed', async () => {
		const rows = () => portal.store.table(entityTypeId)!.rows;
		portal.resetRequests();
		const created = await runNode(portal, {
			resource,
			operation: 'create',
			title: 'Website redesign',
			fieldsJson: '{"opportunity": 1200}',
		});
		expect(created.result.error).toBeUndefined();
		const newId = Number(created.json[0].id);
		expect(rows().get(newId)).toMatchObject({ TITLE: 'Website redesign', OPPORTUNITY: 1200 });
		expect(portal.restRequests()[0].body).toMatchObject({ entityTypeId });

		const got = await runNode(portal, { resource, operation: 'get', itemId: id(newId) });
		expect(got.json[0]).toMatchObject({ id: newId, title: 'Website redesign', entityTypeId });

		await runNode(portal, {
			resource,
			operation: 'update',
			itemId: id(newId),
			title: 'Website redesign v2',
		});
		expect(rows().get(newId)?.TITLE).toBe('Website redesign v2');

		const listed = await runNode(portal, { resource, operation: 'getAll', returnAll: true });
		expect(listed.json.map((row) => row.id)).toEqual([...rows().keys()]);

		const fields = await runNode(portal, { resource, operation: 'getFields' });
		expect(fields.json.map((f) => f.name)).toContain('opportunity');

		const upserted = await runNode(
			portal,
			{
				resource,
				operation: 'upsert',
				matchBy: 'field',
				matchField: 'xmlId',
				matchValue: '={{ $json.key }}',
				title: '={{ $json.title }}',
			},
			{
				items: [
					{ key: 'Q-1', title: 'First' },
					{ key: 'Q-1', title: 'Second' },
				],
			},
		);
		expect(upserted.json[0].action).toBe('created');
		expect(upserted.json[1]).toEqual({ ID: upserted.json[0].ID, action: 'updated' });
		expect(rows().get(Number(upserted.json[0].ID))).toMatchObject({
			XML_ID: 'Q-1',
			TITLE: 'Second',
		});

		const deleted = await runNode(portal, { resource, operation: 'delete', itemId: id(newId) });
		expect(deleted.json[0]).toEqual({ id: newId, deleted: true });
		expect(rows().has(newId)).toBe(false);
	});
});
