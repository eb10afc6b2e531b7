import type { Portal } from '../portal';
import { recurringState } from '../portal/methods/crm-depth-recurring';
import { demoDeal } from '../portal/seed';
import { id, runNode, visibleText, withPortal } from './support';

/** Recurring deal templates through workflows (crm.deal.recurring.*). */
const rl = (mode: 'list' | 'id' | 'url', value: string | number) => ({
	__rl: true,
	mode,
	value: String(value),
});

describe('CRM recurring deals', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 5 } });
	});
	afterAll(async () => await portal.close());

	const recurring = (operation: string, extra: Record<string, unknown> = {}, typeVersion = 1) =>
		runNode(portal, { resource: 'crmRecurringDeal', operation, ...extra }, { typeVersion });

	it('describes the template settings, one item per field in version 2', async () => {
		const v1 = await recurring('getFields');
		expect(v1.json.find((row) => row.name === 'DEAL_ID')).toMatchObject({
			type: 'integer',
			isRequired: true,
		});
		const v2 = await recurring('getFields', {}, 2);
		expect(v2.json.map((row) => row.name)).toContain('PARAMS');
		expect(v2.json).toHaveLength(v1.json.length);
	});

	it('creates a template from a deal, changes it, creates a deal from it, deletes it', async () => {
		const created = await recurring('create', {
			dealId: rl('url', `${portal.url}/crm/deal/details/2/`),
			additionalFields: {
				categoryId: '1',
				startDate: '2025-03-01',
				isLimit: 'T',
				limitRepeat: 3,
				mode: 'multiple',
				multipleType: 'month',
				multipleInterval: 1,
			},
		});
		expect(created.result.error).toBeUndefined();
		const recurringId = String(created.json[0].ID);
		const settings = recurringState(portal.store).settings.get(Number(recurringId));
		expect(settings).toMatchObject({ BASED_ID: 2, CATEGORY_ID: 1, IS_LIMIT: 'T' });
		const templateDeal = settings!.DEAL_ID;
		expect(templateDeal).not.toBe(2);
		expect(portal.store.deals.rows.get(templateDeal)?.TITLE).toBe(demoDeal(2).TITLE);

		const twice = await recurring('create', { dealId: rl('id', templateDeal) });
		expect(visibleText(twice)).toContain('Deal already has recurring settings');
		const badDate = await recurring('create', {
			dealId: rl('id', 3),
			additionalFields: { startDate: '01.03.2025' },
		});
		expect(visibleText(badDate)).toContain('is not a date as YYYY-MM-DD');

		const got = await recurring('get', { recurringId });
		expect(got.json[0]).toMatchObject({
			ID: recurringId,
			DEAL_ID: String(templateDeal),
			BASED_ID: '2',
			LIMIT_REPEAT: '3',
			START_DATE: '2025-03-01T00:00:00+03:00',
			LAST_EXECUTION: '',
			PARAMS: { MODE: 'multiple', MULTIPLE_TYPE: 'month', MULTIPLE_INTERVAL: 1 },
		});

		const updated = await recurring('update', {
			recurringId,
			additionalFields: { active: false, offsetClosedateType: 'week', offsetClosedateValue: 2 },
		});
		expect(updated.json[0]).toEqual({ ID: recurringId, updated: true });
		expect(settings).toMatchObject({
			ACTIVE: 'N',
			PARAMS: { OFFSET_CLOSEDATE_TYPE: 'week', OFFSET_CLOSEDATE_VALUE: 2 },
		});
		const nothing = await recurring('update', { recurringId });
		expect(visibleText(nothing)).toContain('Additional Fields');
		const v2 = await recurring('update', { recurringId, additionalFields: { active: true } }, 2);
		expect(v2.json[0]).toEqual({ ID: recurringId, updated: true });
		expect(settings!.ACTIVE).toBe('Y');

		const exposed = await recurring('createDeal', { recurringId });
		const newDeal = Number(exposed.json[0].DEAL_ID);
		expect(newDeal).toBeGreaterThan(templateDeal);
		expect(portal.store.deals.rows.get(newDeal)).toMatchObject({
			TITLE: demoDeal(2).TITLE,
			CATEGORY_ID: 1,
		});
		expect(settings!.COUNTER_REPEAT).toBe(1);

		const listed = await recurring('getAll', { returnAll: true });
		expect(listed.json).toEqual([
			expect.objectContaining({
				id: recurringId,
				deal_id: String(templateDeal),
				COUNTER_REPEAT: '1',
				category_id: '1',
			}),
		]);
		const filtered = await recurring(
			'getAll',
			{ returnAll: false, limit: 5, options: { filterJson: '{"ACTIVE": "N"}' } },
			2,
		);
		expect(filtered.json).toEqual([]);

		const refused = await recurring('delete', { recurringId });
		expect(visibleText(refused)).toContain('Connected recurring deal exists');
		// settings left without their template deal (gone without crm.deal.delete) are deleted
		portal.store.deals.rows.delete(templateDeal);
		const deleted = await recurring('delete', { recurringId }, 2);
		expect(deleted.json[0]).toEqual({ ID: recurringId, deleted: true });
		expect(recurringState(portal.store).settings.size).toBe(0);
		expect(visibleText(await recurring('get', { recurringId }))).toContain(
			'Recurring deal is not found',
		);
	});

	it('deletes the settings with their template deal', async () => {
		const created = await recurring('create', { dealId: rl('id', 4) }, 2);
		const recurringId = Number(created.json[0].ID);
		const templateDeal = recurringState(portal.store).settings.get(recurringId)!.DEAL_ID;
		expect(templateDeal).toBeGreaterThan(5);
		const dealGone = await runNode(portal, {
			resource: 'deal',
			operation: 'delete',
			recordId: id(templateDeal),
		});
		expect(dealGone.json[0]).toEqual({ ID: String(templateDeal), deleted: true });
		expect(recurringState(portal.store).settings.has(recurringId)).toBe(false);
		expect(portal.store.deals.rows.has(4)).toBe(true);
	});
});
