import { bitrix24Node, loadOptions } from '../harness';
import type { Portal } from '../portal';
import { requisitesState, SEED_PRESETS } from '../portal/methods/requisites';
import { DEMO_COUNTS } from '../portal/seed';
import { runNode, WEBHOOK_ID, webhookCredential, withPortal } from './support';

describe('CRM requisites, bank details and addresses', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 5 } });
	});
	afterAll(async () => await portal.close());
	const state = () => requisitesState(portal.store);

	it('creates, gets, updates, lists and deletes requisites of companies and contacts', async () => {
		const company = DEMO_COUNTS.companies - 1;
		const created = await runNode(portal, {
			resource: 'crmRequisite',
			operation: 'create',
			entityTypeId: 4,
			entityId: String(company),
			presetId: 1,
			name: 'Acme requisites',
			additionalFields: {
				inn: '7707083893',
				companyName: 'Acme LLC',
				otherFields: '{"RQ_OGRN": "1027700132195", "NAME": "ignored"}',
			},
		});
		expect(created.result.error).toBeUndefined();
		const id = Number(created.json[0].ID);
		expect(state().requisites.get(id)).toMatchObject({
			ENTITY_TYPE_ID: '4',
			ENTITY_ID: String(company),
			PRESET_ID: '1',
			NAME: 'Acme requisites',
			RQ_INN: '7707083893',
			RQ_COMPANY_NAME: 'Acme LLC',
			RQ_OGRN: '1027700132195',
		});
		const contact = await runNode(portal, {
			resource: 'crmRequisite',
			operation: 'create',
			entityTypeId: 3,
			entityId: '3',
			presetId: 3,
			name: 'Private person',
		});
		const contactId = Number(contact.json[0].ID);
		expect(state().requisites.get(contactId)?.ENTITY_TYPE_ID).toBe('3');

		const got = await runNode(portal, {
			resource: 'crmRequisite',
			operation: 'get',
			requisiteId: String(id),
		});
		expect(got.json[0]).toMatchObject({ ID: String(id), RQ_INN: '7707083893' });

		const updated = await runNode(portal, {
			resource: 'crmRequisite',
			operation: 'update',
			requisiteId: String(id),
			additionalFields: { kpp: '770701001', name: 'Acme (main)' },
		});
		expect(updated.json[0]).toEqual({ ID: String(id), updated: true });
		expect(state().requisites.get(id)).toMatchObject({ RQ_KPP: '770701001', NAME: 'Acme (main)' });
		const nothing = await runNode(portal, {
			resource: 'crmRequisite',
			operation: 'update',
			requisiteId: String(id),
		});
		expect(String(nothing.result.error?.message)).toMatch(/at least one field/);

		const listed = await runNode(portal, {
			resource: 'crmRequisite',
			operation: 'getAll',
			returnAll: true,
			additionalFields: { entityTypeId: 4, entityId: String(company) },
		});
		expect(listed.json.map((row) => row.ID)).toEqual([String(id)]);
		// the filter went out as given (ids as numbers), beside the id walk's own >ID
		const sent = portal.restRequests().at(-1);
		const command = sent?.batchCommands?.[0] ?? '';
		expect(decodeURIComponent(command)).toContain(`filter[ENTITY_ID]=${company}`);
		expect(decodeURIComponent(command)).toContain('filter[ENTITY_TYPE_ID]=4');

		const missing = await runNode(portal, {
			resource: 'crmRequisite',
			operation: 'create',
			entityTypeId: 4,
			entityId: '999',
			presetId: 1,
			name: 'Nobody',
		});
		expect(
			String(missing.result.error?.message) + String(missing.result.error?.description),
		).toMatch(/Entity not found/);

		const deleted = await runNode(portal, {
			resource: 'crmRequisite',
			operation: 'delete',
			requisiteId: String(contactId),
		});
		expect(deleted.json[0]).toEqual({ ID: String(contactId), deleted: true });
		expect(state().requisites.has(contactId)).toBe(false);
	});

	it('lists more requisites than a page holds, all or up to a limit', async () => {
		const count = 73;
		const items = Array.from({ length: count }, (_, i) => ({ n: i }));
		const created = await runNode(
			portal,
			{
				resource: 'crmRequisite',
				operation: 'create',
				entityTypeId: 4,
				entityId: '1',
				presetId: 2,
				name: '={{ "Branch " + $json.n }}',
			},
			{ items },
		);
		expect(created.json).toHaveLength(count);
		const ids = created.json.map((row) => row.ID);
		const all = await runNode(portal, {
			resource: 'crmRequisite',
			operation: 'getAll',
			returnAll: true,
			additionalFields: { entityId: '1', presetId: 2 },
		});
		expect(all.json.map((row) => row.ID)).toEqual(ids);
		expect(all.json.map((row) => row.NAME)).toEqual(items.map((item) => `Branch ${item.n}`));
		const some = await runNode(portal, {
			resource: 'crmRequisite',
			operation: 'getAll',
			returnAll: false,
			limit: 55,
			additionalFields: { entityId: '1', selectFields: 'NAME' },
		});
		expect(some.json.map((row) => row.ID)).toEqual(ids.slice(0, 55));
	});

	it('keeps the bank details of a requisite', async () => {
		const requisite = await runNode(portal, {
			resource: 'crmRequisite',
			operation: 'create',
			entityTypeId: 4,
			entityId: '2',
			presetId: 1,
			name: 'Bank holder',
		});
		const requisiteId = String(requisite.json[0].ID);
		const created = await runNode(portal, {
			resource: 'crmRequisiteBankDetail',
			operation: 'create',
			requisiteId,
			name: 'Main account',
			additionalFields: {
				bankName: 'First Bank',
				iban: 'DE89370400440532013000',
				swift: 'COBADEFF',
			},
		});
		const id = Number(created.json[0].ID);
		expect(state().bankDetails.get(id)).toMatchObject({
			ENTITY_ID: requisiteId,
			NAME: 'Main account',
			RQ_BANK_NAME: 'First Bank',
			RQ_IBAN: 'DE89370400440532013000',
			RQ_SWIFT: 'COBADEFF',
		});
		const second = await runNode(portal, {
			resource: 'crmRequisiteBankDetail',
			operation: 'create',
			requisiteId,
			name: 'Savings',
		});
		const secondId = String(second.json[0].ID);

		const got = await runNode(portal, {
			resource: 'crmRequisiteBankDetail',
			operation: 'get',
			bankDetailId: String(id),
		});
		expect(got.json[0]).toMatchObject({ ID: String(id), RQ_SWIFT: 'COBADEFF' });
		await runNode(portal, {
			resource: 'crmRequisiteBankDetail',
			operation: 'update',
			bankDetailId: String(id),
			additionalFields: { accountNumber: '0532013000', comments: 'Payroll' },
		});
		expect(state().bankDetails.get(id)).toMatchObject({
			RQ_ACC_NUM: '0532013000',
			COMMENTS: 'Payroll',
		});

		const listed = await runNode(portal, {
			resource: 'crmRequisiteBankDetail',
			operation: 'getAll',
			returnAll: true,
			additionalFields: { requisiteId },
		});
		expect(listed.json.map((row) => row.ID)).toEqual([String(id), secondId]);

		const orphan = await runNode(portal, {
			resource: 'crmRequisiteBankDetail',
			operation: 'create',
			requisiteId: '99999',
			name: 'Orphan',
		});
		expect(String(orphan.result.error?.message) + String(orphan.result.error?.description)).toMatch(
			/ENTITY_ID is not defined or invalid/,
		);

		const deleted = await runNode(portal, {
			resource: 'crmRequisiteBankDetail',
			operation: 'delete',
			bankDetailId: secondId,
		});
		expect(deleted.json[0]).toEqual({ ID: secondId, deleted: true });
		expect(state().bankDetails.has(Number(secondId))).toBe(false);
	});

	it('keeps the addresses of requisites and leads, found through their company', async () => {
		const requisite = await runNode(portal, {
			resource: 'crmRequisite',
			operation: 'create',
			entityTypeId: 4,
			entityId: '3',
			presetId: 1,
			name: 'With address',
		});
		const requisiteId = String(requisite.json[0].ID);
		const key = { typeId: 6, entityTypeId: 8, entityId: requisiteId };
		const created = await runNode(portal, {
			resource: 'crmAddress',
			operation: 'create',
			...key,
			additionalFields: { address1: '1 Main St', city: 'Springfield', postalCode: '12345' },
		});
		expect(created.json[0]).toEqual({
			TYPE_ID: 6,
			ENTITY_TYPE_ID: 8,
			ENTITY_ID: Number(requisiteId),
			created: true,
		});
		const stored = () =>
			state().addresses.find((row) => row.ENTITY_TYPE_ID === '8' && row.ENTITY_ID === requisiteId);
		expect(stored()).toMatchObject({
			TYPE_ID: '6',
			ADDRESS_1: '1 Main St',
			CITY: 'Springfield',
			ANCHOR_TYPE_ID: '4',
			ANCHOR_ID: '3',
		});
		const twice = await runNode(portal, { resource: 'crmAddress', operation: 'create', ...key });
		expect(String(twice.result.error?.message) + String(twice.result.error?.description)).toMatch(
			/TypeAddress exists/,
		);
		await runNode(portal, {
			resource: 'crmAddress',
			operation: 'create',
			typeId: 1,
			entityTypeId: 1,
			entityId: '4',
			additionalFields: { city: 'Shelbyville' },
		});
		expect(state().addresses.find((row) => row.ENTITY_TYPE_ID === '1')).toMatchObject({
			ENTITY_ID: '4',
			CITY: 'Shelbyville',
			ANCHOR_TYPE_ID: '1',
			ANCHOR_ID: '4',
		});

		const updated = await runNode(portal, {
			resource: 'crmAddress',
			operation: 'update',
			...key,
			additionalFields: { city: 'Capital City' },
		});
		expect(updated.json[0]).toMatchObject({ updated: true });
		expect(stored()?.CITY).toBe('Capital City');
		const unchanged = await runNode(portal, {
			resource: 'crmAddress',
			operation: 'update',
			...key,
		});
		expect(String(unchanged.result.error?.message)).toMatch(/at least one field/);

		const listed = await runNode(portal, {
			resource: 'crmAddress',
			operation: 'getAll',
			returnAll: true,
			additionalFields: { anchorTypeId: 4, anchorId: '3' },
		});
		expect(listed.json.map((row) => [row.ENTITY_ID, row.CITY])).toEqual([
			[requisiteId, 'Capital City'],
		]);

		const deleted = await runNode(portal, { resource: 'crmAddress', operation: 'delete', ...key });
		expect(deleted.json[0]).toMatchObject({ deleted: true });
		expect(stored()).toBeUndefined();
		const again = await runNode(portal, { resource: 'crmAddress', operation: 'delete', ...key });
		expect(String(again.result.error?.message) + String(again.result.error?.description)).toMatch(
			/TypeAddress not found/,
		);
	});

	it('offers the active requisite presets', async () => {
		const node = bitrix24Node({ resource: 'crmRequisite' } as never, {
			type: 'bitrix24WebhookApi',
			id: WEBHOOK_ID,
		});
		const presets = await loadOptions(node, [webhookCredential(portal)], 'getRequisitePresets');
		expect(presets).toEqual(
			SEED_PRESETS.filter((preset) => preset.ACTIVE === 'Y').map((preset) => ({
				name: preset.NAME,
				value: preset.ID,
			})),
		);
	});
});
