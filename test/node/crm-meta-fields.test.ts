import { bitrix24Node, loadOptions } from '../harness';
import type { Portal } from '../portal';
import { userFieldState } from '../portal/methods/crm-userfields';
import { DEAL_UF, SMART_PROCESS } from '../portal/seed';
import { runNode, WEBHOOK_ID, webhookCredential, withPortal } from './support';

describe('CRM custom fields, smart process types and currencies', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 3 } });
	});
	afterAll(async () => await portal.close());

	const fieldsOf = (entity: string) =>
		userFieldState(portal.store).fields.filter((f) => f.ENTITY_ID === `CRM_${entity}`);

	it('creates a list field on deals with its items, changes, lists and deletes it', async () => {
		const items = [
			{ VALUE: 'North', SORT: 10, XML_ID: 'north' },
			{ VALUE: 'South', SORT: 20, XML_ID: 'south' },
		];
		const created = await runNode(portal, {
			resource: 'crmCustomField',
			operation: 'create',
			entity: 'deal',
			userTypeId: 'enumeration',
			fieldName: 'delivery_zone',
			additionalFields: { label: 'Delivery zone', listItems: JSON.stringify(items), sort: 300 },
		});
		expect(created.result.error).toBeUndefined();
		const stored = fieldsOf('DEAL').find((f) => f.FIELD_NAME === 'UF_CRM_DELIVERY_ZONE');
		expect(stored).toBeDefined();
		expect(created.json[0]).toEqual({ ID: String(stored!.ID) });
		expect(stored!.LIST.map((i) => [i.VALUE, i.XML_ID])).toEqual(
			items.map((i) => [i.VALUE, i.XML_ID]),
		);
		expect(stored!.SORT).toBe(300);
		expect(stored!.labels.EDIT_FORM_LABEL.en).toBe('Delivery zone');
		// the deal table knows the field: crm.deal.fields shows it with its items
		const def = portal.store.deals.byName.get('UF_CRM_DELIVERY_ZONE');
		expect(def?.items?.map((i) => i.VALUE)).toEqual(items.map((i) => i.VALUE));

		const got = await runNode(portal, {
			resource: 'crmCustomField',
			operation: 'get',
			entity: 'deal',
			fieldId: stored!.ID,
		});
		expect(got.json[0]).toMatchObject({
			FIELD_NAME: 'UF_CRM_DELIVERY_ZONE',
			USER_TYPE_ID: 'enumeration',
		});
		expect((got.json[0].LIST as unknown[]).length).toBe(items.length);

		const north = stored!.LIST[0];
		const updated = await runNode(portal, {
			resource: 'crmCustomField',
			operation: 'update',
			entity: 'deal',
			fieldId: stored!.ID,
			additionalFields: {
				mandatory: true,
				editFormLabel: 'Zone',
				listItems: JSON.stringify([
					{ ID: north.ID, DEL: 'Y' },
					{ VALUE: 'East', XML_ID: 'east' },
				]),
			},
		});
		expect(updated.json[0]).toEqual({ ID: String(stored!.ID), updated: true });
		expect(stored!.MANDATORY).toBe('Y');
		expect(stored!.labels.EDIT_FORM_LABEL.en).toBe('Zone');
		expect(stored!.LIST.map((i) => i.VALUE)).toEqual(['South', 'East']);

		const nothing = await runNode(portal, {
			resource: 'crmCustomField',
			operation: 'update',
			entity: 'deal',
			fieldId: stored!.ID,
		});
		expect(String(nothing.result.error?.message)).toContain('choose at least one field');

		const listed = await runNode(portal, {
			resource: 'crmCustomField',
			operation: 'getAll',
			entity: 'deal',
			returnAll: true,
			additionalFields: { language: 'en' },
		});
		const names = listed.json.map((row) => row.FIELD_NAME);
		expect(names).toEqual(
			expect.arrayContaining([...Object.values(DEAL_UF), 'UF_CRM_DELIVERY_ZONE']),
		);
		expect(names).toHaveLength(fieldsOf('DEAL').length);
		expect(listed.json.find((row) => row.FIELD_NAME === 'UF_CRM_DELIVERY_ZONE')).toMatchObject({
			EDIT_FORM_LABEL: 'Zone',
		});

		const filtered = await runNode(portal, {
			resource: 'crmCustomField',
			operation: 'getAll',
			entity: 'deal',
			returnAll: true,
			additionalFields: { filterJson: '{"USER_TYPE_ID": "enumeration"}' },
		});
		expect(filtered.json.map((row) => row.FIELD_NAME).sort()).toEqual(
			fieldsOf('DEAL')
				.filter((f) => f.USER_TYPE_ID === 'enumeration')
				.map((f) => f.FIELD_NAME)
				.sort(),
		);

		const deleted = await runNode(portal, {
			resource: 'crmCustomField',
			operation: 'delete',
			entity: 'deal',
			fieldId: stored!.ID,
		});
		expect(deleted.json[0]).toEqual({ ID: String(stored!.ID), deleted: true });
		expect(fieldsOf('DEAL').some((f) => f.FIELD_NAME === 'UF_CRM_DELIVERY_ZONE')).toBe(false);
		expect(portal.store.deals.byName.has('UF_CRM_DELIVERY_ZONE')).toBe(false);
	});

	it('calls the entity’s own method: a lead field is a lead field only', async () => {
		for (const entity of ['lead', 'contact', 'company']) {
			const created = await runNode(portal, {
				resource: 'crmCustomField',
				operation: 'create',
				entity,
				userTypeId: 'string',
				fieldName: 'UF_SOURCE_REF',
			});
			expect(created.result.error).toBeUndefined();
			const row = fieldsOf(entity.toUpperCase()).find((f) => f.FIELD_NAME === 'UF_CRM_SOURCE_REF');
			expect(row).toBeDefined();
			expect(created.json[0].ID).toBe(String(row!.ID));
		}
		const lead = fieldsOf('LEAD').find((f) => f.FIELD_NAME === 'UF_CRM_SOURCE_REF')!;
		// asking deals for a lead field is refused by crm.deal.userfield.get
		const wrong = await runNode(portal, {
			resource: 'crmCustomField',
			operation: 'get',
			entity: 'deal',
			fieldId: lead.ID,
		});
		expect(String(wrong.result.error?.message)).toMatch(/Access denied/);
		const bad = await runNode(portal, {
			resource: 'crmCustomField',
			operation: 'create',
			entity: 'deal',
			userTypeId: 'string',
			fieldName: 'bad name!',
		});
		expect(String(bad.result.error?.message)).toMatch(/invalid characters/);
	});

	it('lists the field types, also as the Type picker', async () => {
		const types = await runNode(portal, { resource: 'crmCustomField', operation: 'getTypes' });
		expect(types.json.map((t) => t.ID)).toEqual(
			expect.arrayContaining(['string', 'enumeration', 'crm_status', 'employee']),
		);
		const options = await loadOptions(
			bitrix24Node({ resource: 'crmCustomField', operation: 'create' } as never, {
				type: 'bitrix24WebhookApi',
				id: WEBHOOK_ID,
			}),
			[webhookCredential(portal)],
			'getCrmUserFieldTypes',
		);
		expect(options).toEqual(types.json.map((t) => ({ name: t.title, value: t.ID })));
	});

	it('creates, reads, updates, lists and deletes a smart process type', async () => {
		const before = portal.store.smartTypes.length;
		const created = await runNode(portal, {
			resource: 'crmSmartProcessType',
			operation: 'create',
			title: 'Contracts',
			additionalFields: { entityTypeId: 1040, isAutomationEnabled: true },
		});
		expect(created.result.error).toBeUndefined();
		const type = portal.store.smartTypes.find((t) => t.title === 'Contracts');
		expect(type).toMatchObject({ entityTypeId: 1040 });
		expect(portal.store.table(1040)).toBeDefined();
		expect(created.json[0]).toMatchObject({
			id: type!.id,
			entityTypeId: 1040,
			isAutomationEnabled: 'Y',
		});

		const got = await runNode(portal, {
			resource: 'crmSmartProcessType',
			operation: 'get',
			typeId: type!.id,
		});
		// Get shows what Create stored, as Bitrix24 does
		expect(got.json[0]).toMatchObject({
			id: type!.id,
			title: 'Contracts',
			isAutomationEnabled: 'Y',
		});

		const updated = await runNode(portal, {
			resource: 'crmSmartProcessType',
			operation: 'update',
			typeId: type!.id,
			additionalFields: { title: 'Contracts 2026' },
		});
		expect(updated.json[0]).toMatchObject({ id: type!.id, title: 'Contracts 2026' });
		expect(type!.title).toBe('Contracts 2026');

		const listed = await runNode(portal, {
			resource: 'crmSmartProcessType',
			operation: 'getAll',
			returnAll: true,
		});
		expect(listed.json.map((t) => t.entityTypeId)).toEqual(
			portal.store.smartTypes.map((t) => t.entityTypeId),
		);
		expect(listed.json.map((t) => t.entityTypeId)).toContain(SMART_PROCESS.entityTypeId);

		const deleted = await runNode(portal, {
			resource: 'crmSmartProcessType',
			operation: 'delete',
			typeId: type!.id,
		});
		expect(deleted.json[0]).toEqual({ ID: String(type!.id), deleted: true });
		expect(portal.store.smartTypes).toHaveLength(before);
		expect(portal.store.table(1040)).toBeUndefined();
	});

	it('reads the currencies, one by its code', async () => {
		const listed = await runNode(portal, {
			resource: 'crmCurrency',
			operation: 'getAll',
			returnAll: true,
		});
		expect(listed.json.length).toBeGreaterThan(1);
		const second = listed.json[1];
		const got = await runNode(portal, {
			resource: 'crmCurrency',
			operation: 'get',
			currency: String(second.CURRENCY).toLowerCase(),
		});
		expect(got.json[0]).toMatchObject({ CURRENCY: second.CURRENCY, AMOUNT: second.AMOUNT });
		const missing = await runNode(portal, {
			resource: 'crmCurrency',
			operation: 'get',
			currency: 'XXX',
		});
		expect(String(missing.result.error?.message)).toMatch(/Not found/);
	});
});
