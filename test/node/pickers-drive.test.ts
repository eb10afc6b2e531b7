/**
 * Drive pickers (version 2). n8n's list search is flat, so folders are browsed by path in the
 * search box: empty lists the storages' tops, "Storage/Folder/" a folder's sub-folders or files,
 * 3 letters or more search the Drive by name (disk.file.search; on a portal without it, the tops
 * narrowed by name). Each operation runs with a picked value and with the text version 1 saved.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { Bitrix24 } from '../../nodes/Bitrix24/Bitrix24.node';
import { bitrix24Node, chain, CredentialStore, listSearch, runWorkflow } from '../harness';
import type { Portal } from '../portal';
import { DRIVE_SEED, driveState } from '../portal/methods/disk';
import { runNode, WEBHOOK_ID, webhookCredential, withPortal } from './support';

const picked = (value: string, mode = 'list') => ({ __rl: true, mode, value });

/** One item with a small text file in its binary field `data` (test node). */
class TextFile implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Text File',
		name: 'textFile',
		group: ['input'],
		version: 1,
		description: 'Emits one item with a text file (test)',
		defaults: { name: 'Text File' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Name', name: 'name', type: 'string', default: 'a.txt' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const name = this.getNodeParameter('name', 0) as string;
		const data = await this.helpers.prepareBinaryData(
			Buffer.from(`text of ${name}`),
			name,
			'text/plain',
		);
		return [[{ json: {}, binary: { data } }]];
	}
}
const [JOHN, ANNA, SHARED] = DRIVE_SEED.storages;

describe('Drive pickers', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 1 } });
	});
	afterAll(async () => await portal.close());

	const state = () => driveState(portal.store);
	const search = async (method: string, filter?: string, token?: string) =>
		await listSearch(
			bitrix24Node(
				{ resource: 'folder', operation: 'get' },
				{
					type: 'bitrix24WebhookApi',
					id: WEBHOOK_ID,
				},
			),
			[webhookCredential(portal)],
			method,
			filter,
			token,
		);
	const pairs = (results: Array<{ name: string; value: unknown }>) =>
		results.map((r) => [r.name, String(r.value)]);

	describe('Folder', () => {
		it('starts at the top of every storage', async () => {
			const { results } = await search('searchDriveFolders');
			expect(pairs(results)).toEqual([
				[`${JOHN.NAME}/`, String(JOHN.ROOT_OBJECT_ID)],
				[`${ANNA.NAME}/`, String(ANNA.ROOT_OBJECT_ID)],
				[`${SHARED.NAME}/`, String(SHARED.ROOT_OBJECT_ID)],
			]);
		});

		it('browses a path: the folder itself, then its sub-folders, linked to their pages', async () => {
			const { results } = await search('searchDriveFolders', 'john smith/reports/');
			expect(pairs(results)).toEqual([
				[`${JOHN.NAME}/Reports/`, '201'],
				[`${JOHN.NAME}/Reports/2024/`, '202'],
			]);
			expect(results[0].description).toBe('This folder');
			expect(results[1].url).toBe(`${portal.url}/company/personal/user/1/disk/path/Reports/2024`);
			const narrowed = await search('searchDriveFolders', `${JOHN.NAME}/temp`);
			expect(pairs(narrowed.results)).toEqual([[`${JOHN.NAME}/Templates/`, '203']]);
			expect((await search('searchDriveFolders', 'Nowhere/')).results).toEqual([]);
		});

		it('searches the whole Drive by name from 3 letters', async () => {
			const { results } = await search('searchDriveFolders', 'contr');
			expect(pairs(results)).toEqual([[`${SHARED.NAME}/Contracts/`, '204']]);
			const sent = portal
				.restRequests()
				.filter((r) => r.restMethod === 'disk.file.search')
				.at(-1)?.body as IDataObject;
			expect(sent).toMatchObject({ QUERY: 'contr', TYPE: 'folder' });
		});

		it('narrows the storages by name where the portal has no disk.file.search', async () => {
			portal.faults.inject({
				kind: 'error',
				method: 'disk.file.search',
				error: { status: 404, code: 'ERROR_METHOD_NOT_FOUND', description: 'Method not found!' },
			});
			const { results } = await search('searchDriveFolders', 'shared');
			expect(pairs(results)).toEqual([[`${SHARED.NAME}/`, String(SHARED.ROOT_OBJECT_ID)]]);
		});
	});

	describe('File', () => {
		it('starts with the files at the top of the storages, a storage after another', async () => {
			const first = await search('searchDriveFiles');
			expect(pairs(first.results)).toEqual([
				[`${JOHN.NAME}/welcome.txt`, '301'],
				[`${JOHN.NAME}/logo.png`, '304'],
			]);
			expect(first.paginationToken).toBe('1:0');
			// the other storages have no files at their tops
			const rest = await search('searchDriveFiles', undefined, first.paginationToken);
			expect(rest).toEqual({ results: [], paginationToken: undefined });
		});

		it('lists the files of a path and finds files by name or by text', async () => {
			const inFolder = await search('searchDriveFiles', `${JOHN.NAME}/Reports/2024/`);
			expect(pairs(inFolder.results)).toEqual([[`${JOHN.NAME}/Reports/2024/q1.csv`, '302']]);
			const byName = await search('searchDriveFiles', 'nda.t');
			expect(pairs(byName.results)).toEqual([[`${SHARED.NAME}/Contracts/nda.txt`, '305']]);
			const byText = await search('searchDriveFiles', 'agreement');
			expect(pairs(byText.results)).toEqual([[`${SHARED.NAME}/Contracts/nda.txt`, '305']]);
		});
	});

	it('version 2 shows the pickers (From List and By ID), version 1 its ID fields', () => {
		const find = (version: number, resource: string, operation: string, name: string) =>
			new Bitrix24().nodeVersions[version].description.properties.find(
				(p: INodeProperties) =>
					p.name === name &&
					p.displayOptions?.show?.resource?.includes(resource) &&
					p.displayOptions?.show?.operation?.includes(operation),
			);
		for (const [resource, operation, name, method] of [
			['folder', 'get', 'folderId', 'searchDriveFolders'],
			['folder', 'upload', 'folderId', 'searchDriveFolders'],
			['file', 'copy', 'targetFolderId', 'searchDriveFolders'],
			['file', 'download', 'fileId', 'searchDriveFiles'],
		]) {
			const v2 = find(2, resource, operation, name);
			expect([name, v2?.type, v2?.modes?.map((m) => m.name)]).toEqual([
				name,
				'resourceLocator',
				['list', 'id'],
			]);
			expect(v2?.modes?.[0].typeOptions?.searchListMethod).toBe(method);
			expect(find(1, resource, operation, name)?.type).toBe('string');
		}
	});

	describe('workflows, with a picked value (v2) and the text version 1 saved', () => {
		it('gets a folder', async () => {
			for (const [folderId, typeVersion] of [
				[picked('201'), 2],
				['202', 1],
			] as const) {
				const run = await runNode(
					portal,
					{ resource: 'folder', operation: 'get', folderId },
					{ typeVersion },
				);
				expect(run.json[0]?.NAME).toBe(typeVersion === 2 ? 'Reports' : '2024');
			}
		});

		it('creates a sub-folder and copies a file into it', async () => {
			const run = await runNode(
				portal,
				{
					resource: 'folder',
					operation: 'create',
					folderId: picked('203', 'id'),
					name: 'Drafts',
				},
				{ typeVersion: 2 },
			);
			expect(run.result.error).toBeUndefined();
			const drafts = [...state().objects.values()].find((o) => o.NAME === 'Drafts')!;
			expect(drafts.PARENT_ID).toBe(203);
			for (const [fileId, targetFolderId, typeVersion] of [
				[picked('301'), picked(String(drafts.ID)), 2],
				['305', String(drafts.ID), 1],
			] as const) {
				const copy = await runNode(
					portal,
					{ resource: 'file', operation: 'copy', fileId, targetFolderId },
					{ typeVersion },
				);
				expect(copy.result.error).toBeUndefined();
			}
			const inside = [...state().objects.values()]
				.filter((o) => o.PARENT_ID === drafts.ID)
				.map((o) => o.NAME)
				.sort();
			expect(inside).toEqual(['nda.txt', 'welcome.txt']);
		});

		it('downloads a file', async () => {
			for (const [fileId, typeVersion] of [
				[picked('302'), 2],
				['302', 1],
			] as const) {
				const run = await runNode(
					portal,
					{ resource: 'file', operation: 'download', fileId, binaryPropertyName: 'data' },
					{ typeVersion },
				);
				const item = run.items[0] as INodeExecutionData;
				expect(Buffer.from(item.binary!.data.data, 'base64').toString()).toBe(
					DRIVE_SEED.files[1].CONTENT.toString(),
				);
			}
		});

		it('uploads into a folder', async () => {
			for (const [folderId, typeVersion] of [
				[picked('204'), 2],
				['204', 1],
			] as const) {
				const name = `upload-v${typeVersion}.txt`;
				const node = bitrix24Node(
					{ resource: 'folder', operation: 'upload', folderId, binaryPropertyName: 'data' },
					{ type: 'bitrix24WebhookApi', id: WEBHOOK_ID },
					{ typeVersion },
				);
				const result = await runWorkflow({
					workflow: chain([
						{
							id: 'file',
							name: 'File',
							type: 'test.textFile',
							typeVersion: 1,
							position: [0, 0],
							parameters: { name },
						},
						node,
					]),
					credentials: new CredentialStore([webhookCredential(portal)]),
					nodeTypes: { 'test.textFile': new TextFile() },
				});
				expect(result.error).toBeUndefined();
				const stored = [...state().objects.values()].find((o) => o.NAME === name);
				expect([stored?.PARENT_ID, stored?.content?.toString()]).toEqual([204, `text of ${name}`]);
			}
		});
	});
});
