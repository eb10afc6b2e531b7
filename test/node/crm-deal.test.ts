import type { Portal } from '../portal';
import { demoDeal } from '../portal/seed';
import { id, runNode, visibleText, withPortal } from './support';

describe('Deal operations through a workflow', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 300 } });
	});
	afterAll(async () => await portal.close());
	beforeEach(() => portal.resetRequests());

	it('creates, gets, updates and deletes a deal', async () => {
		const created = await runNode(portal, {
			resource: 'deal',
			operation: 'create',
			title: 'Roof repair',
			additionalFields: { opportunity: 4500, currencyId: 'EUR', opened: false },
			fieldMapping: {
				mappingMode: 'defineBelow',
				value: { UF_CRM_1700000001: 'from n8n', UF_CRM_1700000006: '46' },
				matchingColumns: [],
				schema: [],
			},
		});
		expect(created.result.error).toBeUndefined();
		const newId = created.json[0].ID as string;
		expect(newId).toMatch(/^\d+$/);
		expect(Number(newId)).toBeGreaterThan(300);
		const stored = portal.store.deals.rows.get(Number(newId));
		expect(stored?.TITLE).toBe('Roof repair');
		expect(Number(stored?.OPPORTUNITY)).toBe(4500);
		expect(stored?.OPENED).toBe('N');
		expect(stored?.UF_CRM_1700000001).toBe('from n8n');
		expect(String(stored?.UF_CRM_1700000006)).toBe('46');

		const got = await runNode(portal, { resource: 'deal', operation: 'get', recordId: id(newId) });
		expect(got.json[0]).toMatchObject({ ID: newId, TITLE: 'Roof repair', CURRENCY_ID: 'EUR' });
		// old CRM methods send every value as a string
		expect(typeof got.json[0].OPPORTUNITY).toBe('string');

		const updated = await runNode(portal, {
			resource: 'deal',
			operation: 'update',
			recordId: id(newId),
			updateFields: { title: 'Roof repair (urgent)' },
			fieldsJson: '{"COMMENTS": "call first"}',
		});
		expect(updated.json[0]).toEqual({ ID: newId, updated: true });
		expect(portal.store.deals.rows.get(Number(newId))).toMatchObject({
			TITLE: 'Roof repair (urgent)',
			COMMENTS: 'call first',
		});

		const deleted = await runNode(portal, {
			resource: 'deal',
			operation: 'delete',
			recordId: id(newId),
		});
		expect(deleted.json[0]).toEqual({ ID: newId, deleted: true });
		expect(portal.store.deals.rows.has(Number(newId))).toBe(false);
	});

	it('maps input item properties to deal fields automatically', async () => {
		const run = await runNode(
			portal,
			{
				resource: 'deal',
				operation: 'create',
				fieldMapping: {
					mappingMode: 'autoMapInputData',
					value: null,
					matchingColumns: [],
					schema: [
						{
							id: 'TITLE',
							displayName: 'Title',
							required: false,
							defaultMatch: false,
							display: true,
							type: 'string',
						},
						{
							id: 'COMMENTS',
							displayName: 'Comments',
							required: false,
							defaultMatch: false,
							display: true,
							type: 'string',
						},
					],
				},
			},
			{ items: [{ TITLE: 'Auto mapped', COMMENTS: 'from the input', unrelated: 'ignored' }] },
		);
		const stored = portal.store.deals.rows.get(Number(run.json[0].ID));
		expect(stored).toMatchObject({ TITLE: 'Auto mapped', COMMENTS: 'from the input' });
		expect(stored).not.toHaveProperty('unrelated');
	});

	it('takes the record from a pasted portal URL', async () => {
		const got = await runNode(portal, {
			resource: 'deal',
			operation: 'get',
			recordId: { __rl: true, mode: 'url', value: `${portal.url}/crm/deal/details/17/` },
		});
		expect(got.json[0].TITLE).toBe(demoDeal(17).TITLE);
	});

	it('gets one item per input item, with expressions, paired to its input', async () => {
		const run = await runNode(
			portal,
			{
				resource: 'deal',
				operation: 'get',
				recordId: { __rl: true, mode: 'id', value: '={{ $json.dealId }}' },
			},
			{ items: [{ dealId: 5 }, { dealId: 9 }, { dealId: 12 }] },
		);
		expect(run.json.map((deal) => deal.TITLE)).toEqual([5, 9, 12].map((n) => demoDeal(n).TITLE));
		expect(run.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		// three items went out as one batch request
		expect(portal.restRequests().map((request) => request.restMethod)).toEqual(['batch']);
	});

	it("lists the portal's deal fields, custom ones with their labels and items", async () => {
		const run = await runNode(portal, { resource: 'deal', operation: 'getFields' });
		const byName = Object.fromEntries(run.json.map((field) => [field.name, field]));
		expect(byName.TITLE).toMatchObject({ type: 'string' });
		expect(byName.UF_CRM_1700000006).toMatchObject({ type: 'enumeration', isDynamic: true });
		expect((byName.UF_CRM_1700000006.items as unknown[]).length).toBeGreaterThan(0);
	});

	it("fails a missing deal with Bitrix24's words, the item and a hint", async () => {
		const run = await runNode(portal, { resource: 'deal', operation: 'get', recordId: id(999999) });
		const error = run.result.error as Error & {
			description?: string;
			context?: { itemIndex?: number };
		};
		expect(error.message).toContain('Not found');
		expect(error.description).toMatch(/does not exist/);
		expect(error.description).toContain('crm.deal.get');
		expect(error.context?.itemIndex).toBe(0);
		expect(visibleText(run)).not.toContain(portal.webhook.code);
	});

	it('refuses a bad ID before sending anything, naming the parameter and the item', async () => {
		const run = await runNode(
			portal,
			{
				resource: 'deal',
				operation: 'get',
				recordId: { __rl: true, mode: 'id', value: '={{ $json.dealId }}' },
			},
			{ items: [{ dealId: 3 }, { dealId: 'abc' }] },
		);
		expect(run.result.error?.message).toBe(
			'Parameter "Deal" of item 1: "abc" is not an ID (a positive whole number)',
		);
		expect(portal.restRequests()).toHaveLength(0);
	});
});
