import type {
	IBinaryData,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	bitrix24Node,
	chain,
	CredentialStore,
	loadOptions,
	resourceMapping,
	runWorkflow,
} from '../harness';
import type { Portal } from '../portal';
import { DEMO_ELEMENTS, DEMO_LISTS, DEMO_STATUS_VALUES, listsState } from '../portal/methods/lists';
import { runNode, WEBHOOK_ID, webhookCredential, withPortal } from './support';

const CONTRACTORS = { iblockTypeId: 'lists', iblockId: String(DEMO_LISTS.contractors.ID) };

describe('Universal lists', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 1 } });
	});
	afterAll(async () => await portal.close());
	beforeEach(() => portal.resetRequests());
	const state = () => listsState(portal.store);
	const calls = (method: string) => portal.restRequests().filter((r) => r.restMethod === method);

	it('gets lists by type and one list, offers them in the editor', async () => {
		const processes = await runNode(portal, {
			resource: 'listsList',
			operation: 'getAll',
			iblockTypeId: 'bitrix_processes',
			returnAll: true,
		});
		expect(processes.json.map((l) => l.NAME)).toEqual([DEMO_LISTS.purchases.NAME]);
		const one = await runNode(portal, { resource: 'listsList', operation: 'get', ...CONTRACTORS });
		expect(one.json).toHaveLength(1);
		expect(one.json[0]).toMatchObject({
			ID: String(DEMO_LISTS.contractors.ID),
			CODE: DEMO_LISTS.contractors.CODE,
			IBLOCK_TYPE_ID: 'lists',
		});
		const missing = await runNode(portal, {
			resource: 'listsList',
			operation: 'get',
			iblockTypeId: 'lists',
			iblockId: '999',
		});
		expect(missing.result.error?.message).toContain('List 999 was not found');

		const node = bitrix24Node(
			{ resource: 'listsElement', operation: 'create', iblockTypeId: 'bitrix_processes' } as never,
			{ type: 'bitrix24WebhookApi', id: WEBHOOK_ID },
		);
		const options = await loadOptions(node, [webhookCredential(portal)], 'getListsLists');
		expect(options.map((o) => o.value)).toEqual([String(DEMO_LISTS.purchases.ID)]);
		expect(calls('lists.get').at(-1)?.body).toMatchObject({ IBLOCK_TYPE_ID: 'bitrix_processes' });
	});

	it('creates, updates and deletes a list', async () => {
		const expectedId = Math.max(...state().iblocks.keys()) + 1;
		const created = await runNode(portal, {
			resource: 'listsList',
			operation: 'create',
			iblockTypeId: 'lists',
			iblockCode: 'vendors',
			name: 'Vendors',
			additionalFields: {
				description: 'Approved vendors',
				bizproc: true,
				messages: '{"ELEMENT_NAME": "Vendor"}',
			},
		});
		expect(created.json).toEqual([{ ID: expectedId }]);
		expect(state().iblocks.get(expectedId)).toMatchObject({
			CODE: 'vendors',
			NAME: 'Vendors',
			DESCRIPTION: 'Approved vendors',
			BIZPROC: 'Y',
			MESSAGES: { ELEMENT_NAME: 'Vendor' },
		});

		const updated = await runNode(portal, {
			resource: 'listsList',
			operation: 'update',
			iblockTypeId: 'lists',
			iblockId: String(expectedId),
			name: 'Suppliers',
			additionalFields: { sort: 100 },
		});
		expect(updated.json).toEqual([{ ID: String(expectedId), updated: true }]);
		expect(state().iblocks.get(expectedId)).toMatchObject({ NAME: 'Suppliers', SORT: 100 });

		const duplicate = await runNode(portal, {
			resource: 'listsList',
			operation: 'create',
			iblockTypeId: 'lists',
			iblockCode: 'vendors',
			name: 'Again',
		});
		expect(duplicate.result.error?.message).toContain('ERROR_IBLOCK_ALREADY_EXISTS');

		const deleted = await runNode(portal, {
			resource: 'listsList',
			operation: 'delete',
			iblockTypeId: 'lists',
			iblockId: String(expectedId),
		});
		expect(deleted.json).toEqual([{ ID: String(expectedId), deleted: true }]);
		expect(state().iblocks.has(expectedId)).toBe(false);

		const notAnId = await runNode(portal, {
			resource: 'listsList',
			operation: 'delete',
			iblockTypeId: 'lists',
			iblockId: 'Vendors',
		});
		expect(notAnId.result.error?.message).toContain('Parameter "List Name or ID" of item 0');
	});

	it('describes, adds, changes and removes fields', async () => {
		const all = await runNode(portal, {
			resource: 'listsField',
			operation: 'getAll',
			...CONTRACTORS,
			returnAll: true,
		});
		expect(all.json.map((f) => f.FIELD_ID)).toEqual([...state().iblocks.get(1)!.fields.keys()]);
		const status = await runNode(portal, {
			resource: 'listsField',
			operation: 'get',
			...CONTRACTORS,
			fieldId: 'PROPERTY_2',
		});
		expect(status.json[0]).toMatchObject({
			FIELD_ID: 'PROPERTY_2',
			TYPE: 'L',
			CODE: 'STATUS',
			DISPLAY_VALUES_FORM: DEMO_STATUS_VALUES,
		});

		const expectedId = `PROPERTY_${state().nextProperty}`;
		const created = await runNode(portal, {
			resource: 'listsField',
			operation: 'create',
			...CONTRACTORS,
			name: 'Region',
			type: 'L',
			additionalFields: { code: 'REGION', isRequired: true, listTextValues: 'North\nSouth' },
		});
		expect(created.json).toEqual([{ FIELD_ID: expectedId }]);
		const field = state().iblocks.get(1)!.fields.get(expectedId)!;
		expect(field).toMatchObject({ NAME: 'Region', TYPE: 'L', CODE: 'REGION', IS_REQUIRED: 'Y' });
		expect(Object.values(field.values ?? {})).toEqual(['North', 'South']);

		const noCode = await runNode(portal, {
			resource: 'listsField',
			operation: 'create',
			...CONTRACTORS,
			name: 'Nickname',
			type: 'S',
		});
		expect(noCode.result.error?.message).toContain('Please fill the code fields');

		const updated = await runNode(portal, {
			resource: 'listsField',
			operation: 'update',
			...CONTRACTORS,
			fieldId: expectedId,
			name: 'Sales region',
			type: 'L',
		});
		expect(updated.json).toEqual([{ FIELD_ID: expectedId, updated: true }]);
		expect(state().iblocks.get(1)!.fields.get(expectedId)?.NAME).toBe('Sales region');

		const deleted = await runNode(portal, {
			resource: 'listsField',
			operation: 'delete',
			...CONTRACTORS,
			fieldId: expectedId,
		});
		expect(deleted.json).toEqual([{ FIELD_ID: expectedId, deleted: true }]);
		expect(state().iblocks.get(1)!.fields.has(expectedId)).toBe(false);
	});

	it('lists, adds, renames and deletes sections', async () => {
		const expectedId = state().nextSection;
		const created = await runNode(portal, {
			resource: 'listsSection',
			operation: 'create',
			...CONTRACTORS,
			sectionCode: 'local',
			name: 'Local suppliers',
			additionalFields: { parentId: '1', sort: 10 },
		});
		expect(created.json).toEqual([{ ID: expectedId }]);
		expect(state().sections.get(expectedId)).toMatchObject({
			IBLOCK_ID: 1,
			CODE: 'local',
			NAME: 'Local suppliers',
			IBLOCK_SECTION_ID: 1,
			SORT: 10,
		});

		const inside = await runNode(portal, {
			resource: 'listsSection',
			operation: 'getAll',
			...CONTRACTORS,
			returnAll: true,
			additionalFields: { parentId: 1 },
		});
		expect(calls('lists.section.get').at(-1)?.body).toMatchObject({
			FILTER: { IBLOCK_SECTION_ID: 1 },
		});
		expect(inside.json.map((s) => s.ID)).toEqual([String(expectedId)]);
		const all = await runNode(portal, {
			resource: 'listsSection',
			operation: 'getAll',
			...CONTRACTORS,
			returnAll: true,
		});
		expect(all.json.map((s) => s.NAME).sort()).toEqual(
			[...state().sections.values()]
				.filter((s) => s.IBLOCK_ID === 1)
				.map((s) => s.NAME)
				.sort(),
		);

		const renamed = await runNode(portal, {
			resource: 'listsSection',
			operation: 'update',
			...CONTRACTORS,
			sectionId: String(expectedId),
			name: 'Nearby suppliers',
		});
		expect(renamed.json).toEqual([{ ID: expectedId, updated: true }]);
		expect(state().sections.get(expectedId)?.NAME).toBe('Nearby suppliers');

		const deleted = await runNode(portal, {
			resource: 'listsSection',
			operation: 'delete',
			...CONTRACTORS,
			sectionId: String(expectedId),
		});
		expect(deleted.json).toEqual([{ ID: expectedId, deleted: true }]);
		expect(state().sections.has(expectedId)).toBe(false);
	});

	it('creates, gets, overwrites and deletes elements', async () => {
		const expectedId = state().nextElement;
		const created = await runNode(portal, {
			resource: 'listsElement',
			operation: 'create',
			...CONTRACTORS,
			elementCode: 'umbrella',
			name: 'Umbrella Corp',
			additionalFields: {
				sectionId: '1',
				properties: '{"PROPERTY_1": "+1 555 0199", "PROPERTY_2": "2"}',
			},
		});
		expect(created.json).toEqual([{ ID: expectedId }]);
		const stored = state().elements.get(expectedId)!;
		expect(stored).toMatchObject({
			NAME: 'Umbrella Corp',
			CODE: 'umbrella',
			IBLOCK_SECTION_ID: 1,
			CREATED_BY: 1,
		});
		expect(Object.values(stored.properties.PROPERTY_1)).toEqual(['+1 555 0199']);

		const got = await runNode(portal, {
			resource: 'listsElement',
			operation: 'get',
			...CONTRACTORS,
			elementId: String(expectedId),
		});
		expect(got.json[0]).toMatchObject({
			ID: String(expectedId),
			NAME: 'Umbrella Corp',
			PROPERTY_2: stored.properties.PROPERTY_2,
		});

		const updated = await runNode(portal, {
			resource: 'listsElement',
			operation: 'update',
			...CONTRACTORS,
			elementId: String(expectedId),
			name: 'Umbrella',
			additionalFields: { properties: '{"PROPERTY_2": "1"}' },
		});
		expect(updated.json).toEqual([{ ID: expectedId, updated: true }]);
		// the whole element is overwritten: the phone left out is gone
		expect(state().elements.get(expectedId)?.NAME).toBe('Umbrella');
		expect(state().elements.get(expectedId)?.properties.PROPERTY_1).toBeUndefined();
		expect(Object.values(state().elements.get(expectedId)!.properties.PROPERTY_2)).toEqual(['1']);

		const deleted = await runNode(portal, {
			resource: 'listsElement',
			operation: 'delete',
			...CONTRACTORS,
			elementId: String(expectedId),
		});
		expect(deleted.json).toEqual([{ ID: expectedId, deleted: true }]);
		expect(state().elements.has(expectedId)).toBe(false);
		const gone = await runNode(portal, {
			resource: 'listsElement',
			operation: 'delete',
			...CONTRACTORS,
			elementId: String(expectedId),
		});
		expect(gone.result.error?.message).toContain('ERROR_ELEMENT_NOT_FOUND');
	});

	it('gets many elements: filters, and every page of a long list', async () => {
		const named = await runNode(portal, {
			resource: 'listsElement',
			operation: 'getAll',
			...CONTRACTORS,
			returnAll: true,
			additionalFields: { nameContains: 'glob' },
		});
		expect(named.json.map((e) => e.NAME)).toEqual(
			DEMO_ELEMENTS.filter((e) => e.NAME.toLowerCase().includes('glob')).map((e) => e.NAME),
		);
		const inSection = await runNode(portal, {
			resource: 'listsElement',
			operation: 'getAll',
			...CONTRACTORS,
			returnAll: true,
			additionalFields: { sectionId: 1 },
		});
		expect(inSection.json.map((e) => e.ID)).toEqual(
			DEMO_ELEMENTS.filter((e) => e.section === 1).map((e) => String(e.ID)),
		);

		const st = state();
		for (let i = 0; i < 117; i++) {
			const id = st.nextElement++;
			st.elements.set(id, {
				ID: id,
				IBLOCK_ID: 1,
				CODE: `bulk${i}`,
				NAME: `Bulk ${i}`,
				IBLOCK_SECTION_ID: null,
				SORT: 500,
				CREATED_BY: 1,
				created: Date.now(),
				properties: {},
			});
		}
		portal.resetRequests();
		const all = await runNode(portal, {
			resource: 'listsElement',
			operation: 'getAll',
			...CONTRACTORS,
			returnAll: true,
		});
		expect(all.json.map((e) => Number(e.ID))).toEqual(
			[...st.elements.values()]
				.filter((e) => e.IBLOCK_ID === 1)
				.map((e) => e.ID)
				.sort((a, b) => a - b),
		);
		// a counted first page, then the two pages left in one batch
		const requests = portal.restRequests();
		expect(requests.map((r) => r.restMethod)).toEqual(['lists.element.get', 'batch']);
		expect(requests[1].batchCommands).toHaveLength(2);
		const limited = await runNode(portal, {
			resource: 'listsElement',
			operation: 'getAll',
			...CONTRACTORS,
			returnAll: false,
			limit: 60,
		});
		expect(limited.json).toHaveLength(60);
	});
});

describe('Universal lists: rights and workgroups', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({
			demo: { deals: 1 },
			webhook: { userId: 3, code: 'peterwebhook1234' },
		});
	});
	afterAll(async () => await portal.close());

	it('lets a non-administrator read but not create or change', async () => {
		const read = await runNode(portal, {
			resource: 'listsElement',
			operation: 'get',
			...CONTRACTORS,
			elementId: '1',
		});
		expect(read.json[0]).toMatchObject({ NAME: DEMO_ELEMENTS[0].NAME });
		const before = listsState(portal.store).iblocks.size;
		const create = await runNode(portal, {
			resource: 'listsList',
			operation: 'create',
			iblockTypeId: 'lists',
			iblockCode: 'mine',
			name: 'Mine',
		});
		expect(create.result.error?.message).toContain('ACCESS_DENIED');
		expect(listsState(portal.store).iblocks.size).toBe(before);
		const write = await runNode(portal, {
			resource: 'listsElement',
			operation: 'delete',
			...CONTRACTORS,
			elementId: '1',
		});
		expect(write.result.error?.message).toContain('ACCESS_DENIED');
		expect(listsState(portal.store).elements.has(1)).toBe(true);
	});

	it('reaches a group list only with its workgroup', async () => {
		const group = { iblockTypeId: 'lists_socnet', iblockId: String(DEMO_LISTS.groupList.ID) };
		const without = await runNode(portal, {
			resource: 'listsField',
			operation: 'getAll',
			...group,
			returnAll: true,
		});
		expect(without.result.error?.message).toContain('ACCESS_DENIED');
		const withGroup = await runNode(portal, {
			resource: 'listsField',
			operation: 'getAll',
			...group,
			returnAll: true,
			additionalFields: { socnetGroupId: String(DEMO_LISTS.groupList.SOCNET_GROUP_ID) },
		});
		expect(withGroup.json.map((f) => f.FIELD_ID)).toEqual(['NAME']);
	});
});

/** Test-only source of one item with two files, in binary fields `contract` and `scan`. */
class TwoFilesSource implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Two Files',
		name: 'twoFiles',
		group: ['input'],
		version: 1,
		description: 'Emits one item with two files (test)',
		defaults: { name: 'Two Files' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const file = (name: string, text: string): IBinaryData => ({
			data: Buffer.from(text).toString('base64'),
			mimeType: 'application/pdf',
			fileName: name,
		});
		return [
			[
				{
					json: {},
					binary: {
						contract: file('contract.pdf', 'CONTRACT BYTES'),
						scan: file('scan.pdf', 'SCAN BYTES'),
					},
					pairedItem: { item: 0 },
				},
			],
		];
	}
}

describe('Universal lists: mapped fields and files', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 1 } });
	});
	afterAll(async () => await portal.close());
	beforeEach(() => portal.resetRequests());
	const state = () => listsState(portal.store);
	const credential = () => webhookCredential(portal);

	async function withFiles(parameters: INodeParameters) {
		const source = {
			id: 'files',
			name: 'Two Files',
			type: 'test.twoFiles',
			typeVersion: 1,
			position: [0, 0] as [number, number],
			parameters: {},
		};
		const node = bitrix24Node(parameters, { type: 'bitrix24WebhookApi', id: WEBHOOK_ID });
		const result = await runWorkflow({
			workflow: chain([source, node]),
			credentials: new CredentialStore([credential()]),
			nodeTypes: { 'test.twoFiles': new TwoFilesSource() },
		});
		return { result, json: result.error ? [] : result.output(node.name).map((i) => i.json) };
	}

	it("maps the list's fields from lists.field.get, File fields left to the binary option", async () => {
		const documents = await runNode(portal, {
			resource: 'listsField',
			operation: 'create',
			...CONTRACTORS,
			name: 'Documents',
			type: 'F',
			additionalFields: { code: 'DOCUMENTS', multiple: true },
		});
		expect(documents.result.error).toBeUndefined();
		const node = bitrix24Node(
			{ resource: 'listsElement', operation: 'create', ...CONTRACTORS },
			{
				type: 'bitrix24WebhookApi',
				id: WEBHOOK_ID,
			},
		);
		const { fields } = await resourceMapping(node, [credential()], 'getListElementMappingColumns');
		const byId = Object.fromEntries(fields.map((f) => [f.id, f]));
		const list = state().iblocks.get(DEMO_LISTS.contractors.ID)!;
		const files = [...list.fields.values()].filter((f) => f.TYPE === 'F').map((f) => f.FIELD_ID);
		expect(files).toHaveLength(1);
		expect(byId[files[0]]).toBeUndefined();
		expect(byId.NAME).toBeUndefined();
		expect(byId.PROPERTY_1).toMatchObject({ type: 'string', displayName: 'Phone (PROPERTY_1)' });
		expect(byId.PROPERTY_2.type).toBe('options');
		expect(byId.PROPERTY_2.options).toEqual(
			Object.entries(DEMO_STATUS_VALUES).map(([value, name]) => ({ name, value })),
		);
		expect(portal.restRequests().at(-1)).toMatchObject({
			restMethod: 'lists.field.get',
			body: { IBLOCK_TYPE_ID: 'lists', IBLOCK_ID: String(DEMO_LISTS.contractors.ID) },
		});
	});

	it('creates an element from mapped fields and two files, then overwrites it with one', async () => {
		const list = state().iblocks.get(DEMO_LISTS.contractors.ID)!;
		const fileField = [...list.fields.values()].find((f) => f.TYPE === 'F')!.FIELD_ID;
		const expectedId = state().nextElement;
		const created = await withFiles({
			resource: 'listsElement',
			operation: 'create',
			...CONTRACTORS,
			elementCode: 'hooli',
			name: 'Hooli',
			additionalFields: { properties: '{"PROPERTY_1": "+1 555 0000", "PROPERTY_2": "1"}' },
			elementFields: {
				mappingMode: 'defineBelow',
				value: { PROPERTY_2: '2' },
				matchingColumns: [],
				schema: [],
			},
			filesFromBinary: {
				file: [
					{ fieldId: fileField, binaryPropertyName: 'contract' },
					{ fieldId: fileField.toLowerCase(), binaryPropertyName: 'scan' },
				],
			},
		});
		expect(created.result.error).toBeUndefined();
		expect(created.json).toEqual([{ ID: expectedId }]);
		const stored = state().elements.get(expectedId)!;
		expect(stored.NAME).toBe('Hooli');
		// the JSON field stays, the mapped one wins over the JSON
		expect(Object.values(stored.properties.PROPERTY_1)).toEqual(['+1 555 0000']);
		expect(Object.values(stored.properties.PROPERTY_2)).toEqual(['2']);
		const saved = Object.values(stored.properties[fileField]).map((id) =>
			state().files.get(Number(id)),
		);
		expect(saved.map((f) => [f?.name, f?.content.toString()])).toEqual([
			['contract.pdf', 'CONTRACT BYTES'],
			['scan.pdf', 'SCAN BYTES'],
		]);

		const updated = await withFiles({
			resource: 'listsElement',
			operation: 'update',
			...CONTRACTORS,
			elementId: String(expectedId),
			name: 'Hooli XYZ',
			elementFields: {
				mappingMode: 'defineBelow',
				value: { PROPERTY_1: '+1 555 0001' },
				matchingColumns: [],
				schema: [],
			},
			filesFromBinary: { file: [{ fieldId: fileField, binaryPropertyName: 'scan' }] },
		});
		expect(updated.json).toEqual([{ ID: expectedId, updated: true }]);
		const sent = portal.restRequests().filter((r) => r.restMethod === 'lists.element.update');
		expect((sent[0].body as { FIELDS: unknown }).FIELDS).toEqual({
			PROPERTY_1: '+1 555 0001',
			[fileField]: ['scan.pdf', Buffer.from('SCAN BYTES').toString('base64')],
			NAME: 'Hooli XYZ',
		});
		const after = state().elements.get(expectedId)!;
		expect(after.NAME).toBe('Hooli XYZ');
		expect(after.properties.PROPERTY_2).toBeUndefined();
		const kept = Object.values(after.properties[fileField]).map(
			(id) => state().files.get(Number(id))?.name,
		);
		expect(kept).toEqual(['scan.pdf']);

		const wrong = await withFiles({
			resource: 'listsElement',
			operation: 'update',
			...CONTRACTORS,
			elementId: String(expectedId),
			name: 'Hooli',
			filesFromBinary: { file: [{ fieldId: 'Documents', binaryPropertyName: 'scan' }] },
		});
		expect(wrong.result.error?.message).toContain('Files From Binary');
		expect(state().elements.get(expectedId)?.NAME).toBe('Hooli XYZ');
	});
});
