import { bitrix24Node, listSearch, loadOptions } from '../harness';
import type { Portal } from '../portal';
import { DEAL_STAGES, DEAL_UF, REGION_ITEMS, SMART_PROCESS, USERS, demoDeal } from '../portal/seed';
import { WEBHOOK_ID, webhookCredential, withPortal } from './support';

describe('Lists the editor loads from the portal', () => {
	let portal: Portal;
	const node = (parameters: Record<string, unknown>) =>
		bitrix24Node(parameters as never, { type: 'bitrix24WebhookApi', id: WEBHOOK_ID });
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 130 } });
	});
	afterAll(async () => await portal.close());

	it('entity types include the standard ones and the smart processes', async () => {
		const options = await loadOptions(node({ resource: 'crmItem' }), [webhookCredential(portal)], 'getEntityTypes');
		expect(options).toEqual(expect.arrayContaining([{ name: 'Deal', value: 2 }]));
		const smart = options.find((option) => option.value === SMART_PROCESS.entityTypeId);
		expect(smart?.name).toContain(SMART_PROCESS.title);
	});

	it('deal fields show custom fields by label, with their type', async () => {
		const options = await loadOptions(node({ resource: 'deal' }), [webhookCredential(portal)], 'getDealFields');
		const region = options.find((option) => option.value === DEAL_UF.region);
		expect(region?.name).toMatch(new RegExp(`\\(${DEAL_UF.region}\\)$`));
		expect(region?.description).toContain('enumeration');
		expect(REGION_ITEMS.length).toBeGreaterThan(0);
	});

	it('stages of every pipeline and the users', async () => {
		const stages = await loadOptions(node({ resource: 'deal' }), [webhookCredential(portal)], 'getDealStages');
		expect(stages.map((stage) => stage.value)).toEqual(expect.arrayContaining([...DEAL_STAGES[0], ...DEAL_STAGES[1]]));
		const users = await loadOptions(node({ resource: 'deal' }), [webhookCredential(portal)], 'getUsers');
		expect(users.map((user) => user.value).sort()).toEqual(USERS.map((user) => String(user.ID)).sort());
	});

	it('searches deals by title, newest first, page by page', async () => {
		const first = await listSearch(node({ resource: 'deal' }), [webhookCredential(portal)], 'searchDeals');
		expect(first.results[0]).toEqual({ name: demoDeal(130).TITLE, value: '130' });
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('50');
		const filtered = await listSearch(node({ resource: 'deal' }), [webhookCredential(portal)], 'searchDeals', '#12');
		expect(filtered.results.map((result) => result.value)).toEqual(['129', '128', '127', '126', '125', '124', '123', '122', '121', '120', '12']);
	});

	it('item fields follow the chosen entity type', async () => {
		const options = await loadOptions(
			node({ resource: 'crmItem', entityTypeId: SMART_PROCESS.entityTypeId }),
			[webhookCredential(portal)],
			'getItemFields',
		);
		expect(options.map((option) => option.value)).toEqual(expect.arrayContaining(['title', 'ufCrm5_1700000101']));
	});
});
