import { bitrix24Node, listSearch, loadOptions, resourceMapping } from '../harness';
import type { Portal } from '../portal';
import { userField } from '../portal/fields';
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
		const options = await loadOptions(
			node({ resource: 'crmItem' }),
			[webhookCredential(portal)],
			'getEntityTypes',
		);
		expect(options).toEqual(expect.arrayContaining([{ name: 'Deal', value: 2 }]));
		const smart = options.find((option) => option.value === SMART_PROCESS.entityTypeId);
		expect(smart?.name).toContain(SMART_PROCESS.title);
	});

	it('deal fields show custom fields by label, with their type', async () => {
		const options = await loadOptions(
			node({ resource: 'deal' }),
			[webhookCredential(portal)],
			'getDealFields',
		);
		const region = options.find((option) => option.value === DEAL_UF.region);
		expect(region?.name).toMatch(new RegExp(`\\(${DEAL_UF.region}\\)$`));
		expect(region?.description).toContain('Choice list');
		expect(REGION_ITEMS.length).toBeGreaterThan(0);
	});

	it('stages of every pipeline and the users', async () => {
		const stages = await loadOptions(
			node({ resource: 'deal' }),
			[webhookCredential(portal)],
			'getDealStages',
		);
		expect(stages.map((stage) => stage.value)).toEqual(
			expect.arrayContaining([...DEAL_STAGES[0], ...DEAL_STAGES[1]]),
		);
		const users = await loadOptions(
			node({ resource: 'deal' }),
			[webhookCredential(portal)],
			'getUsers',
		);
		expect(users.map((user) => user.value).sort()).toEqual(
			USERS.map((user) => String(user.ID)).sort(),
		);
	});

	it('searches deals by title, newest first, page by page', async () => {
		const first = await listSearch(
			node({ resource: 'deal' }),
			[webhookCredential(portal)],
			'searchDeals',
		);
		expect(first.results[0]).toEqual({
			name: demoDeal(130).TITLE,
			value: '130',
			url: `${portal.url}/crm/deal/details/130/`,
		});
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('50');
		const filtered = await listSearch(
			node({ resource: 'deal' }),
			[webhookCredential(portal)],
			'searchDeals',
			'#12',
		);
		expect(filtered.results.map((result) => result.value)).toEqual([
			'129',
			'128',
			'127',
			'126',
			'125',
			'124',
			'123',
			'122',
			'121',
			'120',
			'12',
		]);
	});

	it('item fields follow the chosen entity type', async () => {
		const options = await loadOptions(
			node({ resource: 'crmItem', entityTypeId: SMART_PROCESS.entityTypeId }),
			[webhookCredential(portal)],
			'getItemFields',
		);
		expect(options.map((option) => option.value)).toEqual(
			expect.arrayContaining(['title', 'ufCrm5_1700000101']),
		);
	});

	it('maps deal fields with their types, enumeration items as choices, read-only fields left out', async () => {
		const { fields } = await resourceMapping(
			node({ resource: 'deal', operation: 'create' }),
			[webhookCredential(portal)],
			'getDealMappingColumns',
		);
		const byId = Object.fromEntries(fields.map((field) => [field.id, field]));
		expect(byId[DEAL_UF.region].type).toBe('options');
		expect(byId[DEAL_UF.region].options).toEqual(
			REGION_ITEMS.map((item) => ({ name: item.VALUE, value: item.ID })),
		);
		expect(byId[DEAL_UF.seats].type).toBe('number');
		expect(byId[DEAL_UF.contractDate].type).toBe('dateTime');
		expect(byId[DEAL_UF.tags].type).toBe('array');
		expect(byId.OPPORTUNITY).toBeDefined();
		expect(byId.ID).toBeUndefined();
		expect(byId.DATE_CREATE).toBeUndefined();
	});

	it("offers the portal's own values for stages, pipelines, currencies and users", async () => {
		const { fields } = await resourceMapping(
			node({ resource: 'deal', operation: 'create' }),
			[webhookCredential(portal)],
			'getDealMappingColumns',
		);
		const byId = Object.fromEntries(fields.map((field) => [field.id, field]));
		const values = (id: string) => (byId[id].options ?? []).map((option) => option.value);
		expect(byId.STAGE_ID.type).toBe('options');
		expect(values('STAGE_ID').sort()).toEqual([...DEAL_STAGES[0], ...DEAL_STAGES[1]].sort());
		const dealCategories = portal.store.categories.filter(
			(category) => category.entityTypeId === 2,
		);
		// stages named by their pipeline, as the Stage dropdowns name them
		const pipelineOf = (code: string) =>
			dealCategories.find((category) => category.id === (code.startsWith('C1:') ? 1 : 0))!.name;
		for (const option of byId.STAGE_ID.options ?? [])
			expect(option.name.startsWith(`${pipelineOf(String(option.value))} / `)).toBe(true);
		const categories = dealCategories.map((category) => String(category.id));
		expect(values('CATEGORY_ID').sort()).toEqual(categories.sort());
		expect(values('ASSIGNED_BY_ID').sort()).toEqual(USERS.map((user) => String(user.ID)).sort());
		expect(values('CURRENCY_ID')).toEqual(expect.arrayContaining(['USD']));
	});

	it('marks required fields when creating but not when updating', async () => {
		portal.store.addField(
			3,
			userField('UF_CRM_1700000999', 'string', 'Customer number', { isRequired: true }),
		);
		const creating = await resourceMapping(
			node({ resource: 'contact', operation: 'create' }),
			[webhookCredential(portal)],
			'getContactMappingColumns',
		);
		const updating = await resourceMapping(
			node({ resource: 'contact', operation: 'update' }),
			[webhookCredential(portal)],
			'getContactMappingColumns',
		);
		const required = creating.fields.filter((field) => field.required).map((field) => field.id);
		expect(required).toEqual(['UF_CRM_1700000999']);
		expect(updating.fields.filter((field) => field.required)).toEqual([]);
	});

	it('maps smart-process item fields by the chosen entity type', async () => {
		const { fields } = await resourceMapping(
			node({ resource: 'crmItem', operation: 'create', entityTypeId: SMART_PROCESS.entityTypeId }),
			[webhookCredential(portal)],
			'getItemMappingColumns',
		);
		expect(fields.map((field) => field.id)).toEqual(
			expect.arrayContaining(['title', 'ufCrm5_1700000101']),
		);
		expect(fields.map((field) => field.id)).not.toContain('id');
	});
});
