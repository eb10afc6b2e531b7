import type { INodeListSearchResult } from 'n8n-workflow';

import { bitrix24Node, listSearch } from '../harness';
import type { Portal } from '../portal';
import { field } from '../portal/fields';
import { catalogState, SEED_CATALOGS } from '../portal/methods/catalog';
import { DOC_TEMPLATES, documentsState } from '../portal/methods/crm-documents';
import { extrasState } from '../portal/methods/crm-extras';
import { requisitesState } from '../portal/methods/requisites';
import { COMPANY_TITLES, DEAL_UF, demoDeal, SMART_PROCESS } from '../portal/seed';
import { runNode, WEBHOOK_ID, webhookCredential, withPortal } from './support';

/**
 * The record IDs of requisites, bank details, addresses, documents, custom fields, smart process
 * types, quote links, automation, timeline log entries and the catalog are picked From List
 * (searches over the portal), By ID, or By URL where the record has a card; a plain ID saved
 * before they were locators still works.
 */
const rl = (mode: 'list' | 'id' | 'url', value: string | number) => ({
	__rl: true,
	mode,
	value: String(value),
});

const PRODUCTS = SEED_CATALOGS.find((catalog) => catalog.productIblockId === null)!;

describe('CRM and catalog record locators', () => {
	let portal: Portal;
	const node = (parameters: Record<string, unknown>, typeVersion = 1) =>
		bitrix24Node(
			parameters as never,
			{ type: 'bitrix24WebhookApi', id: WEBHOOK_ID },
			{ typeVersion },
		);
	const search = async (
		parameters: Record<string, unknown>,
		method: string,
		filter?: string,
		token?: string,
		typeVersion = 1,
	): Promise<INodeListSearchResult> =>
		await listSearch(
			node(parameters, typeVersion),
			[webhookCredential(portal)],
			method,
			filter,
			token,
		);
	const names = (found: INodeListSearchResult) => found.results.map((result) => result.name);
	const values = (found: INodeListSearchResult) => found.results.map((result) => result.value);

	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 5 } });
		// the seed has no quotes (entity type 7)
		portal.store.addEntityType(
			{ entityTypeId: 7, eventPrefix: 'ONCRMDYNAMICITEM', title: 'Quote' },
			[
				field('ID', 'integer', 'ID', { isReadOnly: true }),
				field('TITLE', 'string', 'Name'),
				field('CONTACT_ID', 'crm_contact', 'Contact'),
			],
		);
		portal.store.insertRaw(7, { ID: 3, TITLE: 'Spring offer', CONTACT_ID: null });
		portal.store.insertRaw(7, { ID: 6, TITLE: 'Autumn offer', CONTACT_ID: null });
	});
	afterAll(async () => await portal.close());

	it('requisites, their owners and bank details: picked, pasted and typed', async () => {
		const created = await runNode(portal, {
			resource: 'crmRequisite',
			operation: 'create',
			entityTypeId: 4,
			entityId: rl('url', `${portal.url}/crm/company/details/2/`),
			presetId: 1,
			name: 'Alpha details',
		});
		expect(created.result.error).toBeUndefined();
		const alpha = Number(created.json[0].ID);
		expect(requisitesState(portal.store).requisites.get(alpha)?.ENTITY_ID).toBe('2');
		const beta = Number(
			(
				await runNode(portal, {
					resource: 'crmRequisite',
					operation: 'create',
					entityTypeId: 3,
					entityId: rl('list', 4),
					presetId: 3,
					name: 'Beta person',
				})
			).json[0].ID,
		);
		expect(requisitesState(portal.store).requisites.get(beta)).toMatchObject({
			ENTITY_TYPE_ID: '3',
			ENTITY_ID: '4',
		});
		// a deal's card is no company or contact: version 2's picker refuses the workflow before any call
		await expect(
			runNode(
				portal,
				{
					resource: 'crmRequisite',
					operation: 'create',
					entityTypeId: 4,
					entityId: rl('url', `${portal.url}/crm/deal/details/2/`),
					presetId: 1,
					name: 'Nobody',
				},
				{ typeVersion: 2 },
			),
		).rejects.toThrow(/Not a valid URL/);

		const all = await search({ resource: 'crmRequisite', operation: 'get' }, 'searchRequisites');
		expect(all.results).toEqual([
			{ name: 'Beta person (contact 4)', value: String(beta) },
			{ name: 'Alpha details (company 2)', value: String(alpha) },
		]);
		expect(values(await search({}, 'searchRequisites', 'alpha'))).toEqual([String(alpha)]);

		// the owners' list follows the Owner Type, up front or among the Get Many options
		const companies = await search(
			{ resource: 'crmRequisite', operation: 'create', entityTypeId: 4 },
			'searchCrmRecords',
		);
		expect(names(companies)).toEqual([...COMPANY_TITLES].reverse());
		expect(companies.results[0].url).toBe(`${portal.url}/crm/company/details/5/`);
		const contacts = await search(
			{ resource: 'crmRequisite', operation: 'getAll', additionalFields: { entityTypeId: 3 } },
			'searchCrmRecords',
		);
		expect(contacts.results[0].url).toBe(`${portal.url}/crm/contact/details/15/`);

		const got = await runNode(portal, {
			resource: 'crmRequisite',
			operation: 'get',
			requisiteId: rl('list', alpha),
		});
		expect(got.json[0]).toMatchObject({ ID: String(alpha), NAME: 'Alpha details' });
		const listed = await runNode(portal, {
			resource: 'crmRequisite',
			operation: 'getAll',
			returnAll: true,
			additionalFields: {
				entityTypeId: 3,
				entityId: rl('url', `${portal.url}/crm/contact/details/4/`),
			},
		});
		expect(listed.json.map((row) => row.ID)).toEqual([String(beta)]);
		// version 2 keeps a list's options under Options: the owners' list and the pasted card follow
		const contactsV2 = await search(
			{ resource: 'crmRequisite', operation: 'getAll', options: { entityTypeId: 3 } },
			'searchCrmRecords',
			undefined,
			undefined,
			2,
		);
		expect(contactsV2.results[0].url).toBe(`${portal.url}/crm/contact/details/15/`);
		const listedV2 = await runNode(
			portal,
			{
				resource: 'crmRequisite',
				operation: 'getAll',
				returnAll: true,
				options: { entityTypeId: 3, entityId: rl('url', `${portal.url}/crm/contact/details/4/`) },
			},
			{ typeVersion: 2 },
		);
		expect(listedV2.result.error).toBeUndefined();
		expect(listedV2.json.map((row) => String(row.ID))).toEqual([String(beta)]);

		const detail = await runNode(portal, {
			resource: 'crmRequisiteBankDetail',
			operation: 'create',
			requisiteId: rl('list', alpha),
			name: 'Main account',
			additionalFields: { bankName: 'First Bank' },
		});
		const detailId = String(detail.json[0].ID);
		expect(requisitesState(portal.store).bankDetails.get(Number(detailId))?.ENTITY_ID).toBe(
			String(alpha),
		);
		expect((await search({}, 'searchBankDetails')).results).toEqual([
			{ name: 'Main account, First Bank', value: detailId },
		]);
		const byRequisite = await runNode(portal, {
			resource: 'crmRequisiteBankDetail',
			operation: 'getAll',
			returnAll: true,
			additionalFields: { requisiteId: rl('id', alpha) },
		});
		expect(byRequisite.json.map((row) => row.ID)).toEqual([detailId]);
	});

	it('addresses: a requisite or lead owner, and the company or contact filter by its card', async () => {
		const requisite = Number(
			(
				await runNode(portal, {
					resource: 'crmRequisite',
					operation: 'create',
					entityTypeId: 4,
					entityId: '3',
					presetId: 1,
					name: 'Gamma',
				})
			).json[0].ID,
		);
		const owners = await search(
			{ resource: 'crmAddress', operation: 'create', entityTypeId: 8 },
			'searchCrmRecords',
			'gamma',
		);
		expect(owners.results).toEqual([{ name: 'Gamma (company 3)', value: String(requisite) }]);
		const leads = await search(
			{ resource: 'crmAddress', operation: 'create', entityTypeId: 1 },
			'searchCrmRecords',
		);
		expect(leads.results[0].url).toBe(`${portal.url}/crm/lead/details/20/`);

		await runNode(portal, {
			resource: 'crmAddress',
			operation: 'create',
			typeId: 6,
			entityTypeId: 8,
			entityId: rl('list', requisite),
			additionalFields: { city: 'Springfield' },
		});
		await runNode(portal, {
			resource: 'crmAddress',
			operation: 'create',
			typeId: 1,
			entityTypeId: 1,
			entityId: rl('url', `${portal.url}/crm/lead/details/7/`),
			additionalFields: { city: 'Shelbyville' },
		});
		const stored = requisitesState(portal.store).addresses.map((row) => [
			row.ENTITY_TYPE_ID,
			row.ENTITY_ID,
			row.CITY,
		]);
		expect(stored).toEqual(
			expect.arrayContaining([
				['8', String(requisite), 'Springfield'],
				['1', '7', 'Shelbyville'],
			]),
		);
		const anchors = await search(
			{ resource: 'crmAddress', operation: 'getAll', additionalFields: { anchorTypeId: 4 } },
			'searchAnchorRecords',
		);
		expect(names(anchors)[0]).toBe(COMPANY_TITLES[4]);
		const ofCompany = await runNode(portal, {
			resource: 'crmAddress',
			operation: 'getAll',
			returnAll: true,
			additionalFields: {
				anchorTypeId: 4,
				anchorId: rl('url', `${portal.url}/crm/company/details/3/`),
			},
		});
		expect(ofCompany.json.map((row) => row.CITY)).toEqual(['Springfield']);
	});

	it('documents: templates of the entity type, the record by its card, the document picked', async () => {
		const forCompanies = await search(
			{ resource: 'crmDocument', operation: 'create', entityTypeId: 4 },
			'searchDocumentTemplates',
		);
		const live = (type: string) =>
			DOC_TEMPLATES.filter((t) => t.isDeleted !== 'Y' && t.entityTypeId.includes(type));
		expect(values(forCompanies)).toEqual(live('4').map((t) => String(t.id)));
		const forDeals = await search(
			{ resource: 'crmDocument', operation: 'create', entityTypeId: 2 },
			'searchDocumentTemplates',
		);
		expect(names(forDeals)).toEqual(live('2').map((t) => t.name));
		const template = live('2')[0];
		const created = await runNode(portal, {
			resource: 'crmDocument',
			operation: 'create',
			templateId: rl('list', template.id),
			entityTypeId: 2,
			entityId: rl('url', `${portal.url}/crm/deal/details/4/`),
		});
		expect(created.result.error).toBeUndefined();
		const stored = [...documentsState(portal.store).documents.values()].at(-1)!;
		expect(stored).toMatchObject({ templateId: template.id, entityTypeId: 2, entityId: 4 });

		const documents = await search(
			{ resource: 'crmDocument', operation: 'get' },
			'searchDocuments',
		);
		expect(documents.results).toEqual([{ name: stored.title, value: String(stored.id) }]);
		const got = await runNode(portal, {
			resource: 'crmDocument',
			operation: 'get',
			documentId: rl('list', stored.id),
		});
		expect(got.json[0]).toMatchObject({ id: String(stored.id) });
		const download = await runNode(portal, {
			resource: 'crmDocument',
			operation: 'download',
			documentId: rl('id', stored.id),
			format: 'docx',
		});
		expect(download.result.error).toBeUndefined();
		expect(download.items[0].binary?.data.fileName).toBe(`${stored.title}.docx`);
		const listed = await runNode(portal, {
			resource: 'crmDocument',
			operation: 'getAll',
			returnAll: true,
			additionalFields: {
				entityTypeId: 2,
				entityId: rl('url', `${portal.url}/crm/deal/details/4/`),
				templateId: rl('list', template.id),
			},
		});
		expect(listed.json.map((row) => row.id)).toEqual([String(stored.id)]);
	});

	it('records of any type: classic cards, smart process items, quotes', async () => {
		const projects = await search(
			{
				resource: 'crmAutomationTrigger',
				operation: 'fire',
				entityTypeId: SMART_PROCESS.entityTypeId,
			},
			'searchCrmRecords',
		);
		expect(projects.results[0]).toEqual({
			name: 'Project #12',
			value: '12',
			url: `${portal.url}/crm/type/${SMART_PROCESS.entityTypeId}/details/12/`,
		});
		const deals = await search(
			{ resource: 'crmTimelineLogEntry', operation: 'create', entityTypeId: 2 },
			'searchCrmRecords',
			'#3',
		);
		expect(deals.results).toEqual([
			{ name: demoDeal(3).TITLE, value: '3', url: `${portal.url}/crm/deal/details/3/` },
		]);
		// an entity type given by an expression cannot be listed
		expect(
			(await search({ entityTypeId: '={{ $json.type }}' }, 'searchCrmRecords')).results,
		).toEqual([]);

		const fired = await runNode(portal, {
			resource: 'crmAutomationTrigger',
			operation: 'fire',
			entityTypeId: SMART_PROCESS.entityTypeId,
			recordId: rl('url', `${portal.url}/crm/type/${SMART_PROCESS.entityTypeId}/details/9/`),
		});
		expect(fired.json[0]).toEqual({
			target: `DYNAMIC_${SMART_PROCESS.entityTypeId}_9`,
			fired: true,
		});
		const logged = await runNode(portal, {
			resource: 'crmTimelineLogEntry',
			operation: 'create',
			entityTypeId: 2,
			entityId: rl('list', 3),
			title: 'Call',
			text: 'Called back',
		});
		expect(logged.result.error).toBeUndefined();
		const entries = await runNode(portal, {
			resource: 'crmTimelineLogEntry',
			operation: 'getAll',
			entityTypeId: 2,
			entityId: rl('url', `${portal.url}/crm/deal/details/3/`),
			returnAll: true,
		});
		expect(entries.json.map((entry) => entry.id)).toEqual([logged.json[0].id]);

		const quotes = await search({ resource: 'quoteContact', operation: 'add' }, 'searchQuotes');
		expect(quotes.results).toEqual([
			{ name: 'Autumn offer', value: '6', url: `${portal.url}/crm/type/7/details/6/` },
			{ name: 'Spring offer', value: '3', url: `${portal.url}/crm/type/7/details/3/` },
		]);
		const linked = await runNode(portal, {
			resource: 'quoteContact',
			operation: 'add',
			ownerId: rl('url', `${portal.url}/crm/type/7/details/6/`),
			boundId: rl('list', 2),
		});
		expect(linked.result.error).toBeUndefined();
		expect(portal.store.get(7, 6)?.CONTACT_ID).toBe(2);
	});

	it('custom fields of the chosen entity and smart process types', async () => {
		const fields = await search(
			{ resource: 'crmCustomField', operation: 'get', entity: 'deal' },
			'searchCrmCustomFields',
			DEAL_UF.region.toLowerCase(),
		);
		expect(fields.results).toHaveLength(1);
		expect(fields.results[0].name).toContain(DEAL_UF.region);
		const got = await runNode(portal, {
			resource: 'crmCustomField',
			operation: 'get',
			entity: 'deal',
			fieldId: rl('list', String(fields.results[0].value)),
		});
		expect(got.json[0]).toMatchObject({ FIELD_NAME: DEAL_UF.region });
		const none = await search(
			{ resource: 'crmCustomField', operation: 'get', entity: 'company' },
			'searchCrmCustomFields',
			DEAL_UF.region,
		);
		expect(none.results).toEqual([]);

		const types = await search({ resource: 'crmSmartProcessType' }, 'searchSmartProcessTypes');
		expect(types.results).toEqual([
			{
				name: `${SMART_PROCESS.title} (entity type ${SMART_PROCESS.entityTypeId})`,
				value: String(SMART_PROCESS.typeId),
			},
		]);
		const type = await runNode(portal, {
			resource: 'crmSmartProcessType',
			operation: 'get',
			typeId: rl('list', SMART_PROCESS.typeId),
		});
		expect(type.json[0]).toMatchObject({ entityTypeId: SMART_PROCESS.entityTypeId });
		// as saved before the locator: a plain number
		const plain = await runNode(portal, {
			resource: 'crmSmartProcessType',
			operation: 'get',
			typeId: SMART_PROCESS.typeId,
		});
		expect(plain.json[0]).toEqual(type.json[0]);
	});

	it('version 2 picks the records of activities, product rows and timeline comments', async () => {
		const v2 = { typeVersion: 2 };
		const owners = await search(
			{ resource: 'crmActivity', operation: 'create', ownerTypeId: 2 },
			'searchCrmOwners',
			'#2',
			undefined,
			2,
		);
		expect(owners.results[0]).toEqual({
			name: demoDeal(2).TITLE,
			value: '2',
			url: `${portal.url}/crm/deal/details/2/`,
		});
		const activity = await runNode(
			portal,
			{
				resource: 'crmActivity',
				operation: 'create',
				ownerTypeId: 2,
				ownerId: rl('url', `${portal.url}/crm/deal/details/2/`),
				typeId: 2,
				subject: 'Follow-up call',
				responsibleId: '1',
			},
			v2,
		);
		expect(activity.result.error).toBeUndefined();
		const activityId = String(activity.json[0].ID ?? activity.json[0].id);
		const activities = await search({}, 'searchActivities', 'follow');
		expect(activities.results).toEqual([{ name: 'Follow-up call', value: activityId }]);
		const got = await runNode(
			portal,
			{ resource: 'crmActivity', operation: 'get', activityId: rl('list', activityId) },
			v2,
		);
		expect(got.result.error).toBeUndefined();
		expect(JSON.stringify(got.json[0])).toContain('Follow-up call');

		// product rows of a smart process item: the owner type is its short code (T + hex type ID)
		const shortCode = `T${SMART_PROCESS.entityTypeId.toString(16)}`;
		const items = await search(
			{ resource: 'crmProductRow', operation: 'set', ownerType: shortCode },
			'searchProductRowOwners',
			undefined,
			undefined,
			2,
		);
		expect(items.results[0]).toMatchObject({
			value: '12',
			url: `${portal.url}/crm/type/${SMART_PROCESS.entityTypeId}/details/12/`,
		});
		const rows = await runNode(
			portal,
			{
				resource: 'crmProductRow',
				operation: 'set',
				ownerType: shortCode,
				ownerId: rl('url', `${portal.url}/crm/type/${SMART_PROCESS.entityTypeId}/details/12/`),
				productRows: '[{"productName": "Survey", "price": 70}]',
			},
			v2,
		);
		expect(rows.result.error).toBeUndefined();
		expect(extrasState(portal.store).productRows.get(`${shortCode}:12`)).toEqual([
			expect.objectContaining({ productName: 'Survey', price: 70 }),
		]);

		const comment = await runNode(
			portal,
			{
				resource: 'crmTimelineComment',
				operation: 'create',
				entityType: 'company',
				entityId: rl('list', 4),
				comment: 'Met at the fair',
			},
			v2,
		);
		expect(comment.result.error).toBeUndefined();
		const stored = [...extrasState(portal.store).comments.values()].at(-1);
		expect(stored).toMatchObject({
			ENTITY_TYPE: 'company',
			ENTITY_ID: 4,
			COMMENT: 'Met at the fair',
		});
	});

	it('catalog products, sections, prices and catalogs from lists and product cards', async () => {
		const section = await runNode(portal, {
			resource: 'catalogSection',
			operation: 'create',
			iblockId: PRODUCTS.iblockId,
			name: 'Garden',
		});
		const sectionId = Number(section.json[0].id);
		const made: number[] = [];
		for (const name of ['Rake', 'Shovel', 'Hose']) {
			const product = await runNode(portal, {
				resource: 'catalogProduct',
				operation: 'create',
				iblockId: PRODUCTS.iblockId,
				name,
				additionalFields: { iblockSectionId: rl('list', sectionId) },
			});
			made.push(Number(product.json[0].id));
		}
		expect(catalogState(portal.store).products.get(made[0])?.iblockSectionId).toBe(sectionId);

		const products = await search({ resource: 'catalogProduct' }, 'searchCatalogProducts');
		expect(products.results).toEqual(
			[...made].reverse().map((productId, index) => ({
				name: ['Hose', 'Shovel', 'Rake'][index],
				value: String(productId),
				url: `${portal.url}/crm/catalog/${PRODUCTS.iblockId}/product/${productId}/`,
			})),
		);
		expect(names(await search({}, 'searchCatalogProducts', 'sho'))).toEqual(['Shovel']);
		const got = await runNode(portal, {
			resource: 'catalogProduct',
			operation: 'get',
			productId: rl('url', `${portal.url}/crm/catalog/${PRODUCTS.iblockId}/product/${made[1]}/`),
		});
		expect(got.json[0]).toMatchObject({ id: made[1], name: 'Shovel' });
		const inSection = await runNode(portal, {
			resource: 'catalogProduct',
			operation: 'getAll',
			iblockId: PRODUCTS.iblockId,
			returnAll: true,
			additionalFields: { sectionId: rl('list', sectionId) },
		});
		expect(inSection.json.map((row) => row.id)).toEqual(made);

		expect((await search({}, 'searchCatalogSections')).results).toEqual([
			{ name: 'Garden', value: String(sectionId) },
		]);
		const sectionGot = await runNode(portal, {
			resource: 'catalogSection',
			operation: 'get',
			sectionId: rl('list', sectionId),
		});
		expect(sectionGot.json[0]).toMatchObject({ name: 'Garden' });

		const priced = await search({ resource: 'catalogPrice' }, 'searchCatalogPricedProducts');
		expect(values(priced)).toEqual(expect.arrayContaining(made.map(String)));
		const price = await runNode(portal, {
			resource: 'catalogPrice',
			operation: 'create',
			productId: rl('list', made[2]),
			catalogGroupId: '1',
			price: 25,
			currency: 'USD',
		});
		const priceId = String(price.json[0].id);
		const prices = await search({}, 'searchCatalogPrices', String(made[2]));
		expect(prices.results).toEqual([
			{ name: `25 USD (product ${made[2]}, price type 1)`, value: priceId },
		]);
		const priceGot = await runNode(portal, {
			resource: 'catalogPrice',
			operation: 'get',
			priceId: rl('list', priceId),
		});
		expect(priceGot.json[0]).toMatchObject({ productId: made[2], price: 25 });
		const byProduct = await runNode(portal, {
			resource: 'catalogPrice',
			operation: 'getAll',
			returnAll: true,
			additionalFields: { productId: rl('id', made[2]) },
		});
		expect(byProduct.json.map((row) => row.id)).toEqual([Number(priceId)]);

		const catalogs = await search({}, 'searchCatalogs');
		expect(catalogs.results).toEqual(
			SEED_CATALOGS.map((c) => ({ name: c.name, value: String(c.id) })),
		);
		const catalog = await runNode(portal, {
			resource: 'catalogCatalog',
			operation: 'get',
			catalogId: rl('list', SEED_CATALOGS[1].id),
		});
		expect(catalog.json[0]).toMatchObject({ productIblockId: PRODUCTS.iblockId });
	});

	it('walks a search page by page across catalogs', async () => {
		const before = catalogState(portal.store).products.size;
		const count = 55;
		await runNode(
			portal,
			{
				resource: 'catalogProduct',
				operation: 'create',
				iblockId: PRODUCTS.iblockId,
				name: '={{ "Seed " + $json.n }}',
			},
			{ items: Array.from({ length: count }, (_, n) => ({ n })) },
		);
		const first = await search({}, 'searchCatalogProducts');
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('0:50');
		const second = await search({}, 'searchCatalogProducts', undefined, first.paginationToken);
		expect(second.results).toHaveLength(before + count - 50);
		expect(second.paginationToken).toBeUndefined();
	});
});
