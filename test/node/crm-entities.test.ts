import type { Portal } from '../portal';
import { id, runNode, withPortal } from './support';

const ENTITIES = [
	{
		resource: 'lead',
		entityTypeId: 1,
		create: { title: 'Inbound call' },
		check: { TITLE: 'Inbound call' },
	},
	{
		resource: 'contact',
		entityTypeId: 3,
		create: { firstName: 'Ada', lastName: 'Lovelace' },
		check: { NAME: 'Ada', LAST_NAME: 'Lovelace' },
	},
	{
		resource: 'company',
		entityTypeId: 4,
		create: { title: 'Analytical Engines Ltd' },
		check: { TITLE: 'Analytical Engines Ltd' },
	},
] as const;

describe.each(ENTITIES)('$resource operations', ({ resource, entityTypeId, create, check }) => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 5 } });
	});
	afterAll(async () => await portal.close());

	it('creates with phone and email, gets, updates, lists and deletes', async () => {
		const table = () => portal.store.table(entityTypeId);
		const created = await runNode(portal, {
			resource,
			operation: 'create',
			...create,
			additionalFields:
				resource === 'company'
					? { industry: 'IT' }
					: { phone: '+44 20 0000 0000', email: 'hello@example.org' },
		});
		expect(created.result.error).toBeUndefined();
		const newId = created.json[0].ID as string;

		const got = await runNode(portal, { resource, operation: 'get', recordId: id(newId) });
		expect(got.json[0]).toMatchObject({ ID: newId, ...check });
		if (resource !== 'company') {
			expect(got.json[0].PHONE).toEqual([
				expect.objectContaining({ VALUE: '+44 20 0000 0000', VALUE_TYPE: 'WORK' }),
			]);
		}

		await runNode(portal, {
			resource,
			operation: 'update',
			recordId: id(newId),
			updateFields: { comments: 'VIP' },
		});
		expect(table()?.rows.get(Number(newId))?.COMMENTS).toBe('VIP');

		const listed = await runNode(portal, {
			resource,
			operation: 'getAll',
			returnAll: true,
			filters: { conditions: [{ field: 'ID', operator: 'eq', value: newId }] },
		});
		expect(listed.json.map((row) => row.ID)).toEqual([newId]);

		const fields = await runNode(portal, { resource, operation: 'getFields' });
		expect(fields.json.map((field) => field.name)).toEqual(
			expect.arrayContaining(['ID', 'ASSIGNED_BY_ID']),
		);

		await runNode(portal, { resource, operation: 'delete', recordId: id(newId) });
		expect(table()?.rows.has(Number(newId))).toBe(false);
	});
});
