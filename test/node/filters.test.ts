/**
 * Filters in plain words: operators as people say them, field types in words, values picked from
 * the field's own list (stages by pipeline, enumeration items, users) or a date picker; rows saved
 * before (a plain field code and a typed value) still run and still show.
 */
import type { IDataObject, INodeParameters, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { filterDate } from '../../nodes/Bitrix24/actions/filter-row';
import { FILTER_OPERATORS, filterConditions } from '../../nodes/shared/descriptions/filters';
import {
	bitrix24Node,
	chain,
	CredentialStore,
	loadOptions,
	runWorkflow,
	startNode,
} from '../harness';
import type { Portal } from '../portal';
import { parsePhpQuery } from '../portal/php-query';
import {
	DEAL_UF,
	demoDeal,
	demoSmartItem,
	REGION_ITEMS,
	SMART_PROCESS,
	USERS,
} from '../portal/seed';
import { runNode, WEBHOOK_ID, webhookCredential, withPortal } from './support';

const DEALS = 60;
const dealIds = (keep: (deal: Record<string, unknown>) => boolean) =>
	Array.from({ length: DEALS }, (_, index) => demoDeal(index + 1))
		.filter(keep)
		.map((deal) => String(deal.ID));

const ROW = 'parameters.filters.conditions[0]';

/** The user's filter of the first crm.deal.list call (Return All walks the list in a batch). */
function sentFilter(portal: Portal, method = 'crm.deal.list'): IDataObject | undefined {
	for (const request of portal.restRequests()) {
		const body = request.body as IDataObject;
		if (request.restMethod === method) return body.filter as IDataObject;
		const first = (body.cmd as IDataObject | undefined)?.c0;
		if (typeof first === 'string' && first.startsWith(`${method}?`)) {
			const filter = parsePhpQuery(first.slice(method.length + 1)).filter as IDataObject;
			const { ['>ID']: _walk, ...own } = filter;
			return own;
		}
	}
	return undefined;
}

describe('Filters in plain words', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: DEALS } });
	});
	afterAll(async () => await portal.close());
	beforeEach(() => portal.resetRequests());

	const editorNode = (parameters: INodeParameters) =>
		bitrix24Node(parameters, { type: 'bitrix24WebhookApi', id: WEBHOOK_ID });
	const dealRow = (row: INodeParameters) =>
		editorNode({ resource: 'deal', operation: 'getAll', filters: { conditions: [row] } });
	const load = async (node: ReturnType<typeof editorNode>, method: string, param: string) =>
		await loadOptions(node, [webhookCredential(portal)], method, `${ROW}.${param}`);

	const getDeals = async (conditions: INodeParameters[]) => {
		const run = await runNode(portal, {
			resource: 'deal',
			operation: 'getAll',
			returnAll: true,
			filters: { conditions },
		});
		expect(run.result.error).toBeUndefined();
		const sent = sentFilter(portal);
		portal.resetRequests();
		return {
			ids: run.json.map((deal) => String(deal.ID)).sort((a, b) => Number(a) - Number(b)),
			sent,
		};
	};

	describe('in the editor', () => {
		it('names the operators as people say them and keeps the saved values', () => {
			const byValue = Object.fromEntries(FILTER_OPERATORS.map((op) => [op.value, op.name]));
			expect(byValue).toMatchObject({
				eq: 'Equal',
				'!=': 'Not Equal',
				'%': 'Contains',
				'!%': 'Does Not Contain',
				'>': 'Greater Than',
				'>=': 'Greater Than or Equal',
				'<': 'Less Than',
				'<=': 'Less Than or Equal',
				'@': 'In List',
				'!@': 'Not In List',
				isEmpty: 'Is Empty',
				isNotEmpty: 'Is Not Empty',
			});
			// the value Bitrix24's "!" prefix was saved under is still offered
			expect(byValue['!']).toBeDefined();
			for (const { name } of FILTER_OPERATORS) expect(name).not.toMatch(/[(!%@]/);
		});

		it('shows a row the value input its field takes, as the editor decides it', () => {
			const row = (
				filterConditions('getDealFields').options as Array<{ values: INodeProperties[] }>
			)[0];
			const shown = (values: INodeParameters) =>
				row.values
					.filter((param) => NodeHelpers.displayParameter(values, param, null, null))
					.map((param) => param.name)
					.filter((name) => name !== 'field' && name !== 'operator');
			expect(shown({ field: 'STAGE_ID|list', operator: 'eq' })).toEqual(['valueOption']);
			expect(shown({ field: 'STAGE_ID|list', operator: '@' })).toEqual(['valueOptions']);
			expect(shown({ field: 'CLOSEDATE|date', operator: '>=' })).toEqual(['valueDate']);
			expect(shown({ field: 'DATE_CREATE|datetime', operator: '<' })).toEqual(['valueDate']);
			expect(shown({ field: 'STAGE_ID', operator: 'eq' })).toEqual(['value']);
			// a field given by an expression cannot be known in advance: every input stays at hand
			expect(shown({ field: '={{ $json.field }}', operator: '@' })).toContain('value');
			expect(shown({ field: 'STAGE_ID|list', operator: 'isNotEmpty' })).toEqual([]);
			expect(shown({ field: 'TITLE', operator: 'isEmpty' })).toEqual([]);
		});

		it('lists the fields with their types in words; list and date fields say so in their value', async () => {
			const fields = await load(dealRow({ field: '' }), 'getDealFilterFields', 'field');
			const find = (code: string) =>
				fields.find((option) => String(option.value).split('|')[0] === code);
			expect(find('STAGE_ID')).toMatchObject({ name: 'Stage (STAGE_ID)', value: 'STAGE_ID|list' });
			expect(find('STAGE_ID')?.description).toMatch(/^Choice from a CRM list/);
			expect(find(DEAL_UF.region)).toMatchObject({ value: `${DEAL_UF.region}|list` });
			expect(find(DEAL_UF.region)?.description).toMatch(/^Choice list/);
			expect(find('ASSIGNED_BY_ID')).toMatchObject({ value: 'ASSIGNED_BY_ID|list' });
			expect(find('ASSIGNED_BY_ID')?.description).toMatch(/^User/);
			expect(find('CLOSED')).toMatchObject({ value: 'CLOSED|list' });
			expect(find('CLOSED')?.description).toMatch(/^Yes\/No/);
			expect(find('CLOSEDATE')).toMatchObject({ value: 'CLOSEDATE|date' });
			expect(find('CLOSEDATE')?.description).toMatch(/^Date\b/);
			expect(find('DATE_CREATE')).toMatchObject({ value: 'DATE_CREATE|datetime' });
			expect(find('DATE_CREATE')?.description).toMatch(/^Date and time, read-only/);
			expect(find('TITLE')).toMatchObject({ value: 'TITLE', description: 'Text' });
			expect(find('COMPANY_ID')).toMatchObject({ value: 'COMPANY_ID', description: 'Company' });
			for (const option of fields)
				expect(option.description).not.toMatch(/\b(char|crm_status|enumeration|crm_category)\b/);
		});

		it('keeps a field saved before the value lists a choice, shown as it was', async () => {
			const fields = await load(dealRow({ field: 'STAGE_ID' }), 'getDealFilterFields', 'field');
			const stage = fields.filter((option) => String(option.value).startsWith('STAGE_ID'));
			expect(stage.map((option) => option.value).sort()).toEqual(['STAGE_ID', 'STAGE_ID|list']);
			expect(stage.every((option) => option.name === 'Stage (STAGE_ID)')).toBe(true);
			// the other rows' lists do not carry it
			const fresh = await load(dealRow({ field: '' }), 'getDealFilterFields', 'field');
			expect(fresh.some((option) => option.value === 'STAGE_ID')).toBe(false);
		});

		it('offers the stages of every pipeline, named by pipeline', async () => {
			const stages = await load(
				dealRow({ field: 'STAGE_ID|list' }),
				'getDealFilterValues',
				'valueOption',
			);
			const pipelines = new Map(
				portal.store.categories.filter((c) => c.entityTypeId === 2).map((c) => [c.id, c.name]),
			);
			const expected = portal.store.statuses
				.filter((row) => /^DEAL_STAGE(_\d+)?$/.test(row.ENTITY_ID))
				.map((row) => ({
					name: `${pipelines.get(row.CATEGORY_ID ?? 0)} / ${row.NAME}`,
					value: row.STATUS_ID,
					description: row.STATUS_ID,
				}));
			expect(stages).toHaveLength(expected.length);
			expect(stages).toEqual(expect.arrayContaining(expected));
			expect(stages.find((stage) => stage.value === 'C1:WON')?.name).toBe(
				`${pipelines.get(1)} / ${portal.store.statuses.find((s) => s.STATUS_ID === 'C1:WON')?.NAME}`,
			);
			// an old row's plain code gets the same list
			const plain = await load(
				dealRow({ field: 'STAGE_ID' }),
				'getDealFilterValues',
				'valueOptions',
			);
			expect(plain).toEqual(stages);
		});

		it('offers enumeration items, users and Yes/No; nothing for a field without a list', async () => {
			const regions = await load(
				dealRow({ field: `${DEAL_UF.region}|list` }),
				'getDealFilterValues',
				'valueOption',
			);
			expect(regions).toEqual(REGION_ITEMS.map((item) => ({ name: item.VALUE, value: item.ID })));
			const users = await load(
				dealRow({ field: 'ASSIGNED_BY_ID|list' }),
				'getDealFilterValues',
				'valueOption',
			);
			expect(users.map((user) => user.value).sort()).toEqual(
				USERS.map((user) => String(user.ID)).sort(),
			);
			const closed = await load(
				dealRow({ field: 'CLOSED|list' }),
				'getDealFilterValues',
				'valueOption',
			);
			expect(closed).toEqual([
				{ name: 'Yes', value: 'Y' },
				{ name: 'No', value: 'N' },
			]);
			expect(await load(dealRow({ field: 'TITLE' }), 'getDealFilterValues', 'valueOption')).toEqual(
				[],
			);
		});

		it('offers a smart process its stages by pipeline (crm.item fields)', async () => {
			const node = editorNode({
				resource: 'crmItem',
				operation: 'getAll',
				entityTypeId: SMART_PROCESS.entityTypeId,
				filters: { conditions: [{ field: 'stageId|list' }] },
			});
			const fields = await load(node, 'getItemFilterFields', 'field');
			expect(fields.some((option) => option.value === 'stageId|list')).toBe(true);
			const stages = await load(node, 'getItemFilterValues', 'valueOption');
			const internal = portal.store.categories.find((c) => c.id === 8)!;
			expect(stages).toEqual(
				expect.arrayContaining([
					{
						name: `${internal.name} / New`,
						value: `DT${SMART_PROCESS.entityTypeId}_8:NEW`,
						description: `DT${SMART_PROCESS.entityTypeId}_8:NEW`,
					},
				]),
			);
		});
	});

	describe('in a workflow', () => {
		it('filters by a stage picked from the list', async () => {
			const { ids, sent } = await getDeals([
				{ field: 'STAGE_ID|list', operator: 'eq', valueOption: 'C1:WON' },
			]);
			expect(sent).toEqual({ STAGE_ID: 'C1:WON' });
			expect(ids).toEqual(dealIds((deal) => deal.STAGE_ID === 'C1:WON'));
			expect(ids.length).toBeGreaterThan(0);
		});

		it('filters by several stages picked for In List', async () => {
			const { ids, sent } = await getDeals([
				{ field: 'STAGE_ID|list', operator: '@', valueOptions: ['WON', 'C1:WON'] },
			]);
			expect(sent).toEqual({ '@STAGE_ID': ['WON', 'C1:WON'] });
			expect(ids).toEqual(dealIds((deal) => deal.STAGE_ID === 'WON' || deal.STAGE_ID === 'C1:WON'));
		});

		it('filters by an enumeration value', async () => {
			const south = REGION_ITEMS.find((item) => item.VALUE === 'South')!;
			const { ids, sent } = await getDeals([
				{ field: `${DEAL_UF.region}|list`, operator: 'eq', valueOption: south.ID },
			]);
			expect(sent).toEqual({ [DEAL_UF.region]: south.ID });
			expect(ids).toEqual(dealIds((deal) => String(deal[DEAL_UF.region]) === south.ID));
			expect(ids.length).toBeGreaterThan(0);
		});

		it('filters a date field by the day picked, whatever the time', async () => {
			const { ids, sent } = await getDeals([
				{ field: 'CLOSEDATE|date', operator: '>=', valueDate: '2024-02-01T15:30:00' },
			]);
			expect(sent).toEqual({ '>=CLOSEDATE': '2024-02-01' });
			expect(ids).toEqual(dealIds((deal) => String(deal.CLOSEDATE).slice(0, 10) >= '2024-02-01'));
			expect(ids.length).toBeGreaterThan(0);
			expect(ids.length).toBeLessThan(DEALS);
		});

		it("reads a picked date and time in the workflow's time zone", async () => {
			const node = bitrix24Node(
				{
					resource: 'deal',
					operation: 'getAll',
					returnAll: true,
					filters: {
						conditions: [
							{ field: 'DATE_CREATE|datetime', operator: '<', valueDate: '2024-01-02T00:00:00' },
						],
					},
				},
				{ type: 'bitrix24WebhookApi', id: WEBHOOK_ID },
			);
			const result = await runWorkflow({
				workflow: { ...chain([startNode([{}]), node]), settings: { timezone: 'Europe/Berlin' } },
				credentials: new CredentialStore([webhookCredential(portal)]),
			});
			expect(result.error).toBeUndefined();
			// Berlin is UTC+1 in January
			expect(sentFilter(portal)).toEqual({ '<DATE_CREATE': '2024-01-02T00:00:00+01:00' });
			const before = Date.parse('2024-01-01T23:00:00Z');
			expect(result.output(node.name).map((item) => String(item.json.ID))).toEqual(
				dealIds((deal) => Date.parse(String(deal.DATE_CREATE)) < before),
			);
		});

		it('still runs rows saved before: a plain field code and a typed value', async () => {
			const expected = dealIds((deal) => deal.STAGE_ID === 'C1:WON');
			for (const operator of ['eq', '=']) {
				const { ids, sent } = await getDeals([{ field: 'STAGE_ID', operator, value: 'C1:WON' }]);
				expect(sent).toEqual({ STAGE_ID: 'C1:WON' });
				expect(ids).toEqual(expected);
			}
			const listed = await getDeals([{ field: 'STAGE_ID', operator: '@', value: 'WON, C1:WON' }]);
			expect(listed.sent).toEqual({ '@STAGE_ID': ['WON', 'C1:WON'] });
			// a plain code reads the typed value even when a pick is left over from another field
			const leftover = await getDeals([
				{ field: 'STAGE_ID', operator: 'eq', value: 'C1:WON', valueOption: 'LOSE' },
			]);
			expect(leftover.ids).toEqual(expected);
			const notEqual = await getDeals([{ field: 'TYPE_ID', operator: '!', value: 'SALE' }]);
			expect(notEqual.sent).toEqual({ '!TYPE_ID': 'SALE' });
			expect(notEqual.ids).toEqual(dealIds((deal) => deal.TYPE_ID !== 'SALE'));
		});

		it('Is Empty, Is Not Empty and Does Not Contain', async () => {
			const filled = await getDeals([{ field: 'COMPANY_ID', operator: 'isNotEmpty' }]);
			expect(filled.sent).toEqual({ '!=COMPANY_ID': '' });
			expect(filled.ids).toEqual(dealIds((deal) => deal.COMPANY_ID !== null));
			expect(filled.ids.length).toBeGreaterThan(0);
			const empty = await getDeals([
				{ field: 'COMPANY_ID', operator: 'isEmpty', value: 'ignored' },
			]);
			expect(empty.sent).toEqual({ COMPANY_ID: '' });
			expect(empty.ids).toEqual(dealIds((deal) => deal.COMPANY_ID === null));
			const without = await getDeals([{ field: 'TITLE', operator: '!%', value: '#1' }]);
			expect(without.sent).toEqual({ '!%TITLE': '#1' });
			expect(without.ids).toEqual(dealIds((deal) => !String(deal.TITLE).includes('#1')));
		});

		it('filters crm.item by a stage picked from the list', async () => {
			const stage = `DT${SMART_PROCESS.entityTypeId}_8:NEW`;
			const run = await runNode(portal, {
				resource: 'crmItem',
				operation: 'getAll',
				entityTypeId: SMART_PROCESS.entityTypeId,
				returnAll: true,
				filters: { conditions: [{ field: 'stageId|list', operator: 'eq', valueOption: stage }] },
			});
			expect(run.result.error).toBeUndefined();
			const expected = Array.from({ length: 12 }, (_, index) => demoSmartItem(index + 1))
				.filter((item) => item.STAGE_ID === stage)
				.map((item) => item.ID);
			expect(run.json.map((item) => item.id)).toEqual(expected);
			expect(expected.length).toBeGreaterThan(0);
		});

		it('fails naming Filters and the item when a picked field has no value', async () => {
			const run = await runNode(portal, {
				resource: 'deal',
				operation: 'getAll',
				filters: { conditions: [{ field: 'STAGE_ID|list', operator: 'eq' }] },
			});
			expect(run.result.error?.message).toMatch(
				/Parameter "Filters" of item 0: the condition on STAGE_ID has no value/,
			);
			expect(portal.restRequests()).toHaveLength(0);
		});
	});

	it('writes picked dates as Bitrix24 reads them', () => {
		expect(filterDate('2024-07-01T09:30:00', 'datetime', 'Europe/Berlin')).toBe(
			'2024-07-01T09:30:00+02:00',
		);
		expect(filterDate('2024-01-15T09:30', 'datetime', 'America/New_York')).toBe(
			'2024-01-15T09:30:00-05:00',
		);
		expect(filterDate('2024-01-15T09:30:00Z', 'datetime', 'Europe/Berlin')).toBe(
			'2024-01-15T09:30:00+00:00',
		);
		expect(filterDate('2024-01-15T09:30:00+0530', 'datetime', 'UTC')).toBe(
			'2024-01-15T09:30:00+05:30',
		);
		expect(filterDate('2024-01-15T23:30:00', 'date', 'Asia/Tokyo')).toBe('2024-01-15');
		expect(filterDate('15.01.2024', 'date', 'UTC')).toBe('15.01.2024');
	});
});
