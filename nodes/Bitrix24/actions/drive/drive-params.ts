import type { ListSpec, ParamSpec } from '../method-table/spec';

/* What the tables of several Drive resources (storage, folder, file) share. */

/** Drive lists (children, storages): rows at `result`, 50 a page by `start` as the docs describe. */
export const OBJECT_LIST: ListSpec = {
	rowsAt: [],
	idKey: 'ID',
	paging: 'offset',
	selectParam: false,
};

export const targetFolderId: ParamSpec = {
	name: 'targetFolderId',
	label: 'Target Folder ID',
	path: 'targetFolderId',
	type: 'id',
	required: true,
	description: "ID of the folder to put it in; a storage's root folder is its ROOT_OBJECT_ID",
};

export const newName: ParamSpec = {
	name: 'newName',
	label: 'New Name',
	path: 'newName',
	type: 'string',
	required: true,
};

export const folderName: ParamSpec = {
	name: 'name',
	label: 'Name',
	path: 'data.NAME',
	type: 'string',
	required: true,
	description: 'Name of the new folder',
};

export const rights: ParamSpec = {
	name: 'rights',
	label: 'Rights (JSON)',
	path: 'rights',
	type: 'json',
	default: '[]',
	description:
		'Access rights, e.g. [{"TASK_ID": 42, "ACCESS_CODE": "U35"}]; task IDs come from disk.rights.getTasks',
};
