import type { ParamSpec, ResourceSpec } from '../method-table/spec';
import { withoutDownloadUrls } from './download-links';
import { folderName, newName, OBJECT_LIST, rights } from './drive-params';
import { uploadToStorage } from './storage/upload.operation';

/** n8n's hint on a list one may also fill by expression (storage/upload.operation.ts spells it out: its lint reads literals). */
const STORAGE_HINT =
	'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>';

const storageId: ParamSpec = {
	name: 'storageId',
	label: 'Storage Name or ID',
	path: 'id',
	type: 'options',
	loadOptionsMethod: 'getDriveStorages',
	required: true,
	description: STORAGE_HINT,
};

/** Drive storages (disk.storage.*): a user's drive, the company drive, a group's drive or an app's. */
export const storageSpec: ResourceSpec = {
	value: 'storage',
	name: 'Drive Storage',
	description: "Drive storages: a user's drive, the company drive, a group's drive or an app's",
	methods: withoutDownloadUrls([
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many storages',
			description: 'List the storages the user can see (disk.storage.getList)',
			method: 'disk.storage.getList',
			params: [],
			list: OBJECT_LIST,
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a storage',
			description: 'Get a storage (disk.storage.get)',
			method: 'disk.storage.get',
			params: [storageId],
		},
		{
			value: 'getChildren',
			name: 'Get Children',
			action: 'Get the files and folders in a storage root',
			description: 'List the files and folders in the root of a storage (disk.storage.getChildren)',
			method: 'disk.storage.getChildren',
			params: [storageId],
			list: OBJECT_LIST,
		},
		{
			value: 'createFolder',
			name: 'Create Folder',
			action: 'Create a folder in a storage root',
			description: 'Create a folder in the root of a storage (disk.storage.addFolder)',
			method: 'disk.storage.addFolder',
			params: [storageId, folderName, rights],
		},
		{
			value: 'getForApp',
			name: 'Get App Storage',
			action: 'Get the application storage',
			description:
				'Get (or create) the storage of this application; needs the OAuth2 credential (disk.storage.getForApp)',
			method: 'disk.storage.getForApp',
			params: [],
		},
		{
			value: 'rename',
			name: 'Rename',
			action: 'Rename the application storage',
			description:
				'Rename the storage of this application; needs the OAuth2 credential (disk.storage.rename)',
			method: 'disk.storage.rename',
			params: [
				{ ...storageId, description: `The application's storage. ${STORAGE_HINT}.` },
				newName,
			],
		},
	]),
	operations: [uploadToStorage],
};
