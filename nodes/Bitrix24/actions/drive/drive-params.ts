import type { ListSpec, ParamSpec } from '../method-table/spec';

/**
 * Version 2 picks folders and files From List (browsed by path or searched by name, see
 * drive-search.ts) or By ID; Drive pages are addressed by path, so there is no By URL.
 */
export const FOLDER_PICKER = {
	searchListMethod: 'searchDriveFolders',
};
export const FILE_PICKER = {
	searchListMethod: 'searchDriveFiles',
};
const BROWSE =
	'type a path ending in / to browse (e.g. Shared documents/Contracts/) or 3 letters of a name to search';

/** Version 2 of a folder ID: the folder picker. */
export function folderPicker(label: string, what: string): ParamSpec['v2'] {
	return {
		label,
		locator: FOLDER_PICKER,
		description: `${what}: pick it (${BROWSE}) or give its ID`,
	};
}

/** Version 2 of a file ID: the file picker. */
export function filePicker(label: string, what: string): ParamSpec['v2'] {
	return {
		label,
		locator: FILE_PICKER,
		description: `${what}: pick it (${BROWSE}) or give its ID`,
	};
}

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
	v2: folderPicker('Target Folder', 'The folder to put it in'),
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
