/**
 * Drive (storage / folder / file) through real workflows against the test portal, downloads
 * included: the portal serves a file's DOWNLOAD_URL with the same authentication as REST.
 */
import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { StoredCredential } from '../harness';
import { bitrix24Node, chain, CredentialStore, loadOptions, runWorkflow } from '../harness';
import type { Portal } from '../portal';
import { addDriveFile, addDriveFolder, DRIVE_SEED, driveState } from '../portal/methods/disk';
import type { NodeRun } from './support';
import { oauthCredential, runNode, visibleText, webhookCredential, withPortal } from './support';

interface FileInput {
	name?: string;
	mime?: string;
	content?: Buffer;
	json?: IDataObject;
}

/** Test-only source of items with binary data (field `data`), as a Read File node would give. */
class BinarySource implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Binary Source',
		name: 'binarySource',
		group: ['input'],
		version: 1,
		description: 'Emits items with binary data (test)',
		defaults: { name: 'Files' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Files', name: 'files', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const files = JSON.parse(this.getNodeParameter('files', 0) as string) as Array<{
			name?: string;
			mime?: string;
			base64?: string;
			json?: IDataObject;
		}>;
		return [
			files.map((file) => ({
				json: file.json ?? {},
				binary:
					file.base64 === undefined
						? undefined
						: {
								data: {
									data: file.base64,
									mimeType: file.mime ?? 'application/octet-stream',
									fileName: file.name,
								} as IBinaryData,
							},
				pairedItem: { item: 0 },
			})),
		];
	}
}

const seedFile = (id: number) => DRIVE_SEED.files.find((f) => f.ID === id)!;
const seedFolder = (id: number) => DRIVE_SEED.folders.find((f) => f.ID === id)!;

describe('Drive', () => {
	let portal: Portal;
	let credential: StoredCredential;

	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 1 } });
		const drive = driveState(portal.store);
		drive.publicUrl = portal.url;
		// as on a real portal, the links a webhook caller gets carry the webhook's secret path
		drive.webhookPath = `/rest/${portal.webhook.userId}/${portal.webhook.code}/`;
		credential = webhookCredential(portal);
	});
	afterAll(async () => {
		await portal.close();
	});
	beforeEach(() => portal.resetRequests());

	const state = () => driveState(portal.store);
	const downloads = () => portal.requests.filter((request) => request.restMethod === 'download');
	const run = async (
		parameters: INodeParameters,
		options: {
			items?: IDataObject[];
			continueOnFail?: boolean;
			credential?: StoredCredential;
		} = {},
	) => await runNode(portal, parameters, { credential, ...options });
	const calls = (method: string) =>
		portal.restRequests().filter((r) => r.restMethod === method.toLowerCase());

	/** Files(items with binary) -> Bitrix24(parameters). */
	async function runWithFiles(
		parameters: INodeParameters,
		files: FileInput[],
		options: { continueOnFail?: boolean } = {},
	): Promise<NodeRun> {
		const source = {
			id: 'files',
			name: 'Files',
			type: 'test.binarySource',
			typeVersion: 1,
			position: [0, 0] as [number, number],
			parameters: {
				files: JSON.stringify(
					files.map((f) => ({
						name: f.name,
						mime: f.mime,
						base64: f.content?.toString('base64'),
						json: f.json,
					})),
				),
			},
		};
		const node = bitrix24Node(
			parameters,
			{ type: 'bitrix24WebhookApi', id: credential.id },
			{ continueOnFail: options.continueOnFail },
		);
		const result = await runWorkflow({
			workflow: chain([source, node]),
			credentials: new CredentialStore([credential]),
			nodeTypes: { 'test.binarySource': new BinarySource() },
		});
		if (result.error) return { result, items: [], json: [] };
		const items = result.output(node.name);
		return { result, items, json: items.map((item) => item.json) };
	}

	function expectNoSecrets(nodeRun: NodeRun, extra: string[] = []) {
		const text = visibleText(nodeRun);
		expect(text).not.toContain(portal.webhook.code);
		expect(text).not.toContain('DOWNLOAD_URL');
		expect(text).not.toContain('token=');
		for (const secret of extra) expect(text).not.toContain(secret);
	}

	describe('storage', () => {
		it('gets many storages', async () => {
			const nodeRun = await run({ resource: 'storage', operation: 'getAll', returnAll: true });
			expect(nodeRun.result.error).toBeUndefined();
			const expected = DRIVE_SEED.storages.map((s) => ({
				ID: String(s.ID),
				NAME: s.NAME,
				ENTITY_TYPE: s.ENTITY_TYPE,
				ROOT_OBJECT_ID: String(s.ROOT_OBJECT_ID),
			}));
			expect(
				nodeRun.json
					.filter((s) => s.ENTITY_TYPE !== 'restapp')
					.map((s) => ({
						ID: s.ID,
						NAME: s.NAME,
						ENTITY_TYPE: s.ENTITY_TYPE,
						ROOT_OBJECT_ID: s.ROOT_OBJECT_ID,
					})),
			).toEqual(expected);
			expect(calls('disk.storage.getList')).toHaveLength(1);
		});

		it('lists the storages for the Storage dropdown', async () => {
			const node = bitrix24Node(
				{ resource: 'storage', operation: 'get' },
				{ type: 'bitrix24WebhookApi', id: credential.id },
			);
			const options = await loadOptions(node, [credential], 'getDriveStorages');
			const seeded = options.filter((o) =>
				DRIVE_SEED.storages.some((s) => String(s.ID) === o.value),
			);
			expect(seeded.map((o) => o.value).sort()).toEqual(
				DRIVE_SEED.storages.map((s) => String(s.ID)).sort(),
			);
			const shared = DRIVE_SEED.storages[2];
			expect(options.find((o) => o.value === String(shared.ID))?.name).toBe(
				`${shared.NAME} (${shared.ENTITY_TYPE})`,
			);
		});

		it('gets a storage', async () => {
			const storage = DRIVE_SEED.storages[2];
			const nodeRun = await run({
				resource: 'storage',
				operation: 'get',
				storageId: String(storage.ID),
			});
			expect(nodeRun.json).toEqual([
				{
					ID: String(storage.ID),
					NAME: storage.NAME,
					CODE: storage.CODE,
					MODULE_ID: 'disk',
					ENTITY_TYPE: storage.ENTITY_TYPE,
					ENTITY_ID: storage.ENTITY_ID,
					ROOT_OBJECT_ID: String(storage.ROOT_OBJECT_ID),
				},
			]);
			// the list's value (a string) goes as it is; PHP reads either
			expect(calls('disk.storage.get')[0].body).toMatchObject({ id: String(storage.ID) });
		});

		it('gets the children of a storage root without download links, and honours the limit', async () => {
			const storage = DRIVE_SEED.storages[0];
			const expected = [...DRIVE_SEED.folders, ...DRIVE_SEED.files]
				.filter((o) => o.PARENT_ID === storage.ROOT_OBJECT_ID)
				.map((o) => o.NAME)
				.sort();
			const all = await run({
				resource: 'storage',
				operation: 'getChildren',
				storageId: String(storage.ID),
				returnAll: true,
			});
			expect(all.json.map((o) => o.NAME).sort()).toEqual(expected);
			for (const item of all.json) expect(item).not.toHaveProperty('DOWNLOAD_URL');
			expect(all.json.find((o) => o.TYPE === 'file')?.SIZE).toBeDefined();
			expectNoSecrets(all);
			const limited = await run({
				resource: 'storage',
				operation: 'getChildren',
				storageId: String(storage.ID),
				returnAll: false,
				limit: 2,
			});
			expect(limited.json).toHaveLength(2);
		});

		it('creates a folder in a storage root', async () => {
			const storage = DRIVE_SEED.storages[2];
			const nodeRun = await run({
				resource: 'storage',
				operation: 'createFolder',
				storageId: String(storage.ID),
				name: 'Invoices',
			});
			const id = Number(nodeRun.json[0].ID);
			const stored = state().objects.get(id);
			expect(stored).toMatchObject({
				NAME: 'Invoices',
				TYPE: 'folder',
				PARENT_ID: storage.ROOT_OBJECT_ID,
				STORAGE_ID: storage.ID,
			});
			expect(calls('disk.storage.addFolder')[0].body).toMatchObject({
				id: String(storage.ID),
				data: { NAME: 'Invoices' },
			});
		});

		it('gets and renames the application storage with OAuth2, and refuses a webhook', async () => {
			const tokens = portal.oauth.issueTokens();
			const oauth = oauthCredential(portal, { ...tokens });
			const app = await run(
				{ authentication: 'bitrix24OAuth2Api', resource: 'storage', operation: 'getForApp' },
				{ credential: oauth },
			);
			expect(app.result.error).toBeUndefined();
			expect(app.json[0]).toMatchObject({ ENTITY_TYPE: 'restapp', NAME: portal.oauth.clientId });
			const storageId = Number(app.json[0].ID);
			expect(state().storages.get(storageId)?.clientId).toBe(portal.oauth.clientId);

			const renamed = await run(
				{
					authentication: 'bitrix24OAuth2Api',
					resource: 'storage',
					operation: 'rename',
					storageId: String(storageId),
					newName: 'Automation files',
				},
				{ credential: oauth },
			);
			expect(renamed.json[0].NAME).toBe('Automation files');
			expect(state().storages.get(storageId)?.NAME).toBe('Automation files');

			const refused = await run({ resource: 'storage', operation: 'getForApp' });
			expect(refused.result.error?.message).toContain('Application context required');
			expect(refused.result.error?.message).toContain('ACCESS_DENIED');
			// a user storage cannot be renamed: the error comes through, not an item
			const userStorage = await run(
				{
					authentication: 'bitrix24OAuth2Api',
					resource: 'storage',
					operation: 'rename',
					storageId: String(DRIVE_SEED.storages[0].ID),
					newName: 'X',
				},
				{ credential: oauth },
			);
			expect(userStorage.result.error?.message).toContain('invalid type of storage');
			expect(state().storages.get(DRIVE_SEED.storages[0].ID)?.NAME).toBe(
				DRIVE_SEED.storages[0].NAME,
			);
		});

		it('uploads a binary file to a storage root as base64', async () => {
			const storage = DRIVE_SEED.storages[1];
			const content = Buffer.from([0, 1, 2, 250, 251, 252, 10, 13]);
			const nodeRun = await runWithFiles(
				{
					resource: 'storage',
					operation: 'upload',
					storageId: String(storage.ID),
					binaryPropertyName: 'data',
				},
				[{ name: 'blob.bin', mime: 'application/octet-stream', content }],
			);
			expect(nodeRun.result.error).toBeUndefined();
			const id = Number(nodeRun.json[0].ID);
			const stored = state().objects.get(id)!;
			expect(stored).toMatchObject({
				NAME: 'blob.bin',
				PARENT_ID: storage.ROOT_OBJECT_ID,
				TYPE: 'file',
			});
			expect(stored.content?.equals(content)).toBe(true);
			const [call] = calls('disk.storage.uploadFile');
			expect(call.body).toMatchObject({
				id: storage.ID,
				data: { NAME: 'blob.bin' },
				fileContent: ['blob.bin', content.toString('base64')],
			});
			expectNoSecrets(nodeRun);
		});
	});

	describe('folder', () => {
		it('gets a folder and its children', async () => {
			const folder = seedFolder(201);
			const got = await run({ resource: 'folder', operation: 'get', folderId: String(folder.ID) });
			expect(got.json[0]).toMatchObject({
				ID: String(folder.ID),
				NAME: folder.NAME,
				TYPE: 'folder',
				PARENT_ID: String(folder.PARENT_ID),
			});
			const children = await run({
				resource: 'folder',
				operation: 'getChildren',
				folderId: String(folder.ID),
				returnAll: true,
			});
			const expected = [...DRIVE_SEED.folders, ...DRIVE_SEED.files]
				.filter((o) => o.PARENT_ID === folder.ID)
				.map((o) => String(o.ID));
			expect(children.json.map((o) => o.ID)).toEqual(expected);
		});

		it('walks every page of a big folder, and filters', async () => {
			const parent = addDriveFolder(portal.store, DRIVE_SEED.storages[0].ROOT_OBJECT_ID, 'Many');
			const ids = Array.from({ length: 120 }, (_, i) =>
				addDriveFile(portal.store, parent, `f${String(i).padStart(3, '0')}.txt`, `#${i}`),
			);
			const all = await run({
				resource: 'folder',
				operation: 'getChildren',
				folderId: String(parent),
				returnAll: true,
			});
			expect(all.json.map((o) => Number(o.ID))).toEqual(ids);
			// a counted first page, then the remaining pages in one batch
			expect(calls('disk.folder.getChildren')).toHaveLength(1);
			expect(calls('batch')).toHaveLength(1);
			const limited = await run({
				resource: 'folder',
				operation: 'getChildren',
				folderId: String(parent),
				returnAll: false,
				limit: 55,
			});
			expect(limited.json.map((o) => Number(o.ID))).toEqual(ids.slice(0, 55));
			const filtered = await run({
				resource: 'folder',
				operation: 'getChildren',
				folderId: String(parent),
				returnAll: true,
				additionalFields: { filterJson: JSON.stringify({ '%NAME': 'f11' }) },
			});
			expect(filtered.json.map((o) => o.NAME)).toEqual([
				'f110.txt',
				'f111.txt',
				'f112.txt',
				'f113.txt',
				'f114.txt',
				'f115.txt',
				'f116.txt',
				'f117.txt',
				'f118.txt',
				'f119.txt',
			]);
		});

		it('creates a subfolder', async () => {
			const nodeRun = await run({
				resource: 'folder',
				operation: 'create',
				folderId: '201',
				name: 'Q2',
			});
			const stored = state().objects.get(Number(nodeRun.json[0].ID));
			expect(stored).toMatchObject({ NAME: 'Q2', PARENT_ID: 201, TYPE: 'folder' });
			const again = await run({
				resource: 'folder',
				operation: 'create',
				folderId: '201',
				name: 'Q2',
			});
			expect(again.result.error?.message).toContain('DISK_OBJ_22000');
		});

		it('copies a folder with its contents', async () => {
			const target = addDriveFolder(portal.store, DRIVE_SEED.storages[2].ROOT_OBJECT_ID, 'Copies');
			const source = seedFolder(202);
			const nodeRun = await run({
				resource: 'folder',
				operation: 'copy',
				folderId: String(source.ID),
				targetFolderId: String(target),
			});
			const copyId = Number(nodeRun.json[0].ID);
			expect(state().objects.get(copyId)).toMatchObject({
				NAME: source.NAME,
				PARENT_ID: target,
				STORAGE_ID: DRIVE_SEED.storages[2].ID,
			});
			const copied = [...state().objects.values()].filter((o) => o.PARENT_ID === copyId);
			const original = seedFile(302);
			expect(copied.map((o) => o.NAME)).toEqual([original.NAME]);
			expect(copied[0].content?.equals(original.CONTENT)).toBe(true);
			// the original stays
			expect(state().objects.get(source.ID)?.PARENT_ID).toBe(source.PARENT_ID);
		});

		it('moves, renames, trashes, restores and deletes a folder', async () => {
			const root = DRIVE_SEED.storages[0].ROOT_OBJECT_ID;
			const folder = addDriveFolder(portal.store, root, 'Scratch');
			const inner = addDriveFile(portal.store, folder, 'note.txt', 'x');
			const target = addDriveFolder(portal.store, root, 'Archive');

			const moved = await run({
				resource: 'folder',
				operation: 'move',
				folderId: String(folder),
				targetFolderId: String(target),
			});
			expect(Number(moved.json[0].PARENT_ID)).toBe(target);
			expect(state().objects.get(folder)?.PARENT_ID).toBe(target);

			const renamed = await run({
				resource: 'folder',
				operation: 'rename',
				folderId: String(folder),
				newName: 'Old scratch',
			});
			expect(renamed.json[0].NAME).toBe('Old scratch');
			expect(state().objects.get(folder)?.NAME).toBe('Old scratch');

			const trashed = await run({
				resource: 'folder',
				operation: 'trash',
				folderId: String(folder),
			});
			expect(Number(trashed.json[0].DELETED_TYPE)).toBe(3);
			expect(state().objects.get(folder)?.DELETED_TYPE).toBe(3);
			expect(state().objects.get(inner)?.DELETED_TYPE).toBe(4);

			const restored = await run({
				resource: 'folder',
				operation: 'restore',
				folderId: String(folder),
			});
			expect(Number(restored.json[0].DELETED_TYPE)).toBe(0);
			expect(state().objects.get(inner)?.DELETED_TYPE).toBe(0);

			const deleted = await run({
				resource: 'folder',
				operation: 'delete',
				folderId: String(target),
			});
			expect(deleted.json).toEqual([{ id: target, deleted: true }]);
			for (const id of [target, folder, inner]) expect(state().objects.has(id)).toBe(false);
		});

		it('refuses to delete a storage root folder', async () => {
			const root = DRIVE_SEED.storages[0].ROOT_OBJECT_ID;
			const nodeRun = await run({
				resource: 'folder',
				operation: 'delete',
				folderId: String(root),
			});
			expect(nodeRun.result.error?.message).toContain('Could not delete root folder');
			expect(state().objects.has(root)).toBe(true);
		});

		it('gets a public link to a folder', async () => {
			const nodeRun = await run({
				resource: 'folder',
				operation: 'getExternalLink',
				folderId: '203',
			});
			const link = state().objects.get(203)?.externalLink;
			expect(link).toMatch(new RegExp(`^${portal.url}/~`));
			expect(nodeRun.json).toEqual([{ id: 203, link }]);
		});

		it('lists the filterable fields', async () => {
			const filterable = await run({ resource: 'folder', operation: 'getFields' });
			expect(filterable.json.map((f) => f.FIELD)).toEqual([
				'ID',
				'NAME',
				'TYPE',
				'CODE',
				'STORAGE_ID',
				'PARENT_ID',
				'CREATE_TIME',
				'UPDATE_TIME',
				'DELETE_TIME',
				'DELETED_TYPE',
			]);
			const all = await run({ resource: 'folder', operation: 'getFields', filterableOnly: false });
			expect(all.json).toHaveLength(14);
			expect(all.json.find((f) => f.FIELD === 'CREATED_BY')).toMatchObject({
				TYPE: 'integer',
				USE_IN_FILTER: false,
			});
		});

		it('uploads through the upload URL (two steps), and makes names unique when asked', async () => {
			const folder = addDriveFolder(portal.store, DRIVE_SEED.storages[0].ROOT_OBJECT_ID, 'Uploads');
			const content = Buffer.from('col\n1\n2\n');
			const params = {
				resource: 'folder',
				operation: 'upload',
				folderId: String(folder),
				binaryPropertyName: 'data',
			};
			const first = await runWithFiles({ ...params, options: { uploadMethod: 'uploadUrl' } }, [
				{ name: 'data.csv', mime: 'text/csv', content },
			]);
			expect(first.result.error).toBeUndefined();
			const stored = state().objects.get(Number(first.json[0].ID))!;
			expect(stored).toMatchObject({ NAME: 'data.csv', PARENT_ID: folder, mimeType: 'text/csv' });
			expect(stored.content?.equals(content)).toBe(true);
			// step one without fileContent, step two a multipart POST to the upload URL
			const [ticket] = calls('disk.folder.uploadFile');
			expect(ticket.body).toMatchObject({ id: folder, data: { NAME: 'data.csv' } });
			expect(ticket.body).not.toHaveProperty('fileContent');
			const [post] = calls('upload');
			expect(post.contentType).toContain('multipart/form-data');
			expect(post.path).toBe(`/rest/${portal.webhook.userId}/${portal.webhook.code}/upload/`);
			expectNoSecrets(first);

			const second = await runWithFiles(
				{ ...params, options: { generateUniqueName: true, fileName: 'data.csv' } },
				[{ name: 'other.csv', mime: 'text/csv', content }],
			);
			expect(second.json[0].NAME).toBe('data (1).csv');
			const clash = await runWithFiles(params, [{ name: 'data.csv', mime: 'text/csv', content }]);
			expect(clash.result.error?.message).toContain('DISK_OBJ_22000');
		});

		it('says which item lacks the binary field', async () => {
			const nodeRun = await runWithFiles(
				{ resource: 'folder', operation: 'upload', folderId: '201', binaryPropertyName: 'data' },
				[{ name: 'a.txt', content: Buffer.from('a') }, { json: { nothing: true } }],
			);
			expect(nodeRun.result.error?.message).toBe(
				'Parameter "Input Binary Field" of item 1: the item has no binary field "data"',
			);
		});
	});

	describe('file', () => {
		it('gets a file without its download link', async () => {
			const file = seedFile(301);
			const nodeRun = await run({ resource: 'file', operation: 'get', fileId: String(file.ID) });
			expect(nodeRun.json[0]).toMatchObject({
				ID: String(file.ID),
				NAME: file.NAME,
				TYPE: 'file',
				SIZE: String(file.CONTENT.length),
				PARENT_ID: String(file.PARENT_ID),
			});
			expect(nodeRun.json[0]).not.toHaveProperty('DOWNLOAD_URL');
			expectNoSecrets(nodeRun);
		});

		it('copies, moves and renames files, one batch for many items', async () => {
			const target = addDriveFolder(portal.store, DRIVE_SEED.storages[1].ROOT_OBJECT_ID, 'Inbox');
			const sources = [301, 303];
			const copies = await run(
				{
					resource: 'file',
					operation: 'copy',
					fileId: '={{ $json.id }}',
					targetFolderId: String(target),
				},
				{ items: sources.map((id) => ({ id })) },
			);
			expect(calls('batch')).toHaveLength(1);
			expect(copies.json.map((c) => c.NAME)).toEqual(sources.map((id) => seedFile(id).NAME));
			for (const [index, copy] of copies.json.entries()) {
				const stored = state().objects.get(Number(copy.ID))!;
				expect(stored.PARENT_ID).toBe(target);
				expect(stored.content?.equals(seedFile(sources[index]).CONTENT)).toBe(true);
			}
			const copyId = Number(copies.json[0].ID);
			const elsewhere = addDriveFolder(
				portal.store,
				DRIVE_SEED.storages[1].ROOT_OBJECT_ID,
				'Elsewhere',
			);
			const moved = await run({
				resource: 'file',
				operation: 'move',
				fileId: String(copyId),
				targetFolderId: String(elsewhere),
			});
			expect(Number(moved.json[0].PARENT_ID)).toBe(elsewhere);
			expect(state().objects.get(copyId)?.PARENT_ID).toBe(elsewhere);
			const renamed = await run({
				resource: 'file',
				operation: 'rename',
				fileId: String(copyId),
				newName: 'hello.txt',
			});
			expect(renamed.json[0].NAME).toBe('hello.txt');
			expect(state().objects.get(copyId)?.NAME).toBe('hello.txt');
		});

		it('trashes, restores and deletes a file, and gets its public link', async () => {
			const id = addDriveFile(
				portal.store,
				DRIVE_SEED.storages[0].ROOT_OBJECT_ID,
				'temp.txt',
				'temp',
			);
			const trashed = await run({ resource: 'file', operation: 'trash', fileId: String(id) });
			expect(Number(trashed.json[0].DELETED_TYPE)).toBe(3);
			expect(state().objects.get(id)?.DELETED_TYPE).toBe(3);
			const restored = await run({ resource: 'file', operation: 'restore', fileId: String(id) });
			expect(Number(restored.json[0].DELETED_TYPE)).toBe(0);
			expect(state().objects.get(id)?.DELETED_TYPE).toBe(0);
			const link = await run({
				resource: 'file',
				operation: 'getExternalLink',
				fileId: String(id),
			});
			expect(link.json).toEqual([{ id, link: state().objects.get(id)?.externalLink }]);
			const deleted = await run({ resource: 'file', operation: 'delete', fileId: String(id) });
			expect(deleted.json).toEqual([{ id, deleted: true }]);
			expect(state().objects.has(id)).toBe(false);
		});

		it('downloads a file as binary data with a webhook, and shows no secret', async () => {
			const file = seedFile(304);
			const nodeRun = await run({
				resource: 'file',
				operation: 'download',
				fileId: String(file.ID),
				binaryPropertyName: 'content',
			});
			expect(nodeRun.result.error).toBeUndefined();
			const binary = nodeRun.items[0].binary?.content;
			expect(Buffer.from(binary?.data ?? '', 'base64').equals(Buffer.from(file.CONTENT))).toBe(
				true,
			);
			expect(binary).toMatchObject({ fileName: file.NAME, mimeType: file.MIME });
			expect(nodeRun.json[0]).toMatchObject({ ID: String(file.ID), NAME: file.NAME });
			expect(nodeRun.json[0]).not.toHaveProperty('DOWNLOAD_URL');
			expect(downloads().at(-1)).toMatchObject({
				path: `/rest/${portal.webhook.userId}/${portal.webhook.code}/download/`,
				auth: 'webhook',
				status: 200,
			});
			expectNoSecrets(nodeRun);
		});

		it('downloads a file with OAuth2', async () => {
			const tokens = portal.oauth.issueTokens();
			const oauth = oauthCredential(portal, { ...tokens });
			const file = seedFile(302);
			const nodeRun = await run(
				{
					authentication: 'bitrix24OAuth2Api',
					resource: 'file',
					operation: 'download',
					fileId: String(file.ID),
					binaryPropertyName: 'data',
				},
				{ credential: oauth },
			);
			expect(nodeRun.result.error).toBeUndefined();
			expect(Buffer.from(nodeRun.items[0].binary?.data.data ?? '', 'base64').toString()).toBe(
				file.CONTENT.toString(),
			);
			expect(downloads().at(-1)).toMatchObject({ auth: 'oauth', status: 200 });
			expectNoSecrets(nodeRun, [tokens.access_token]);
		});

		it('reports a refused download as a Bitrix24 error without the link', async () => {
			portal.faults.inject({ kind: 'expiredToken', method: 'download' });
			const nodeRun = await run({
				resource: 'file',
				operation: 'download',
				fileId: '301',
				binaryPropertyName: 'data',
			});
			expect(nodeRun.result.error?.message).toMatch(
				/^Bitrix24: The access token provided has expired.* \[expired_token\]$/,
			);
			expectNoSecrets(nodeRun);
		});

		it('puts a missing file on the item with Continue On Fail, and checks the ID', async () => {
			const nodeRun = await run(
				{ resource: 'file', operation: 'get', fileId: '={{ $json.id }}' },
				{ items: [{ id: 301 }, { id: 999999 }], continueOnFail: true },
			);
			expect(nodeRun.json[0].NAME).toBe(seedFile(301).NAME);
			expect(nodeRun.json[1]).toMatchObject({ code: 'ERROR_NOT_FOUND' });
			expect(String(nodeRun.json[1].error)).toContain('Could not find entity with id `999999`');
			portal.resetRequests();
			const bad = await run({
				resource: 'file',
				operation: 'download',
				fileId: 'abc',
				binaryPropertyName: 'data',
			});
			expect(bad.result.error?.message).toBe(
				'Parameter "File ID" of item 0: "abc" is not an ID (a positive whole number)',
			);
			expect(portal.restRequests()).toHaveLength(0);
		});
	});
});
