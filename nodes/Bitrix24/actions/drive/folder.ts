import type { ListSpec, MethodSpec, ParamSpec } from '../method-table/spec';

/** Drive lists (children, storages): rows at `result`, 50 a page by `start` as the docs describe. */
const OBJECT_LIST: ListSpec = { rowsAt: [], idKey: 'ID', paging: 'offset', selectParam: false };

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
const folderId: ParamSpec = { name: 'folderId', label: 'Folder ID', path: 'id', type: 'id', required: true };
const fileId: ParamSpec = { name: 'fileId', label: 'File ID', path: 'id', type: 'id', required: true };
const targetFolderId: ParamSpec = {
	name: 'targetFolderId',
	label: 'Target Folder ID',
	path: 'targetFolderId',
	type: 'id',
	required: true,
	description: 'ID of the folder to put it in; a storage\'s root folder is its ROOT_OBJECT_ID',
};
const newName: ParamSpec = { name: 'newName', label: 'New Name', path: 'newName', type: 'string', required: true };
const folderName: ParamSpec = { name: 'name', label: 'Name', path: 'data.NAME', type: 'string', required: true, description: 'Name of the new folder' };
const rights: ParamSpec = {
	name: 'rights',
	label: 'Rights (JSON)',
	path: 'rights',
	type: 'json',
	default: '[]',
	description: 'Access rights, e.g. [{"TASK_ID": 42, "ACCESS_CODE": "U35"}]; task IDs come from disk.rights.getTasks',
};

export const storageMethods: MethodSpec[] = [
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many storages',
		description: 'List the storages the user can see (disk.storage.getList)',
		method: 'disk.storage.getList',
		params: [],
		list: { rowsAt: [], idKey: 'ID', paging: 'offset', selectParam: false },
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
		description: 'Get (or create) the storage of this application; needs the OAuth2 credential (disk.storage.getForApp)',
		method: 'disk.storage.getForApp',
		params: [],
	},
	{
		value: 'rename',
		name: 'Rename',
		action: 'Rename the application storage',
		description: 'Rename the storage of this application; needs the OAuth2 credential (disk.storage.rename)',
		method: 'disk.storage.rename',
		params: [{ ...storageId, description: `The application's storage. ${STORAGE_HINT}.` }, newName],
	},
];

export const folderMethods: MethodSpec[] = [
	{
		value: 'get',
		name: 'Get',
		action: 'Get a folder',
		description: 'Get a folder (disk.folder.get)',
		method: 'disk.folder.get',
		params: [folderId],
	},
	{
		value: 'getChildren',
		name: 'Get Children',
		action: 'Get the files and folders in a folder',
		description: 'List the files and folders in a folder (disk.folder.getChildren)',
		method: 'disk.folder.getChildren',
		params: [folderId],
		list: OBJECT_LIST,
	},
	{
		value: 'create',
		name: 'Create',
		action: 'Create a subfolder',
		description: 'Create a folder inside a folder (disk.folder.addSubfolder)',
		method: 'disk.folder.addSubfolder',
		params: [{ ...folderId, label: 'Parent Folder ID' }, folderName, rights],
	},
	{
		value: 'copy',
		name: 'Copy',
		action: 'Copy a folder',
		description: 'Copy a folder with everything in it to another folder (disk.folder.copyTo)',
		method: 'disk.folder.copyTo',
		params: [folderId, targetFolderId],
	},
	{
		value: 'move',
		name: 'Move',
		action: 'Move a folder',
		description: 'Move a folder with everything in it to another folder (disk.folder.moveTo)',
		method: 'disk.folder.moveTo',
		params: [folderId, targetFolderId],
	},
	{
		value: 'rename',
		name: 'Rename',
		action: 'Rename a folder',
		description: 'Rename a folder (disk.folder.rename)',
		method: 'disk.folder.rename',
		params: [folderId, newName],
	},
	{
		value: 'trash',
		name: 'Move to Trash',
		action: 'Move a folder to the trash',
		description: 'Move a folder and its contents to the trash (disk.folder.markDeleted)',
		method: 'disk.folder.markDeleted',
		params: [folderId],
	},
	{
		value: 'restore',
		name: 'Restore',
		action: 'Restore a folder from the trash',
		description: 'Restore a folder from the trash (disk.folder.restore)',
		method: 'disk.folder.restore',
		params: [folderId],
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a folder permanently',
		description: 'Delete a folder and everything in it for good, without the trash (disk.folder.deleteTree)',
		method: 'disk.folder.deleteTree',
		params: [folderId],
		output: { as: 'deleted', echo: { id: 'id' } },
	},
	{
		value: 'getExternalLink',
		name: 'Get External Link',
		action: 'Get a public link to a folder',
		description: 'Get a public link to a folder (disk.folder.getExternalLink)',
		method: 'disk.folder.getExternalLink',
		params: [folderId],
		output: { as: 'link', echo: { id: 'id' } },
	},
];

export const fileMethods: MethodSpec[] = [
	{
		value: 'get',
		name: 'Get',
		action: 'Get a file',
		description: 'Get a file\'s details, without its content (disk.file.get)',
		method: 'disk.file.get',
		params: [fileId],
	},
	{
		value: 'copy',
		name: 'Copy',
		action: 'Copy a file',
		description: 'Copy a file to a folder (disk.file.copyTo)',
		method: 'disk.file.copyTo',
		params: [fileId, targetFolderId],
	},
	{
		value: 'move',
		name: 'Move',
		action: 'Move a file',
		description: 'Move a file to a folder (disk.file.moveTo)',
		method: 'disk.file.moveTo',
		params: [fileId, targetFolderId],
	},
	{
		value: 'rename',
		name: 'Rename',
		action: 'Rename a file',
		description: 'Rename a file (disk.file.rename)',
		method: 'disk.file.rename',
		params: [fileId, newName],
	},
	{
		value: 'trash',
		name: 'Move to Trash',
		action: 'Move a file to the trash',
		description: 'Move a file to the trash (disk.file.markDeleted)',
		method: 'disk.file.markDeleted',
		params: [fileId],
	},
	{
		value: 'restore',
		name: 'Restore',
		action: 'Restore a file from the trash',
		description: 'Restore a file from the trash (disk.file.restore)',
		method: 'disk.file.restore',
		params: [fileId],
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a file permanently',
		description: 'Delete a file for good, without the trash (disk.file.delete)',
		method: 'disk.file.delete',
		params: [fileId],
		output: { as: 'deleted', echo: { id: 'id' } },
	},
	{
		value: 'getExternalLink',
		name: 'Get External Link',
		action: 'Get a public link to a file',
		description: 'Get a public link to a file (disk.file.getExternalLink)',
		method: 'disk.file.getExternalLink',
		params: [fileId],
		output: { as: 'link', echo: { id: 'id' } },
	},
];
