import type { ParamSpec, ResourceSpec } from '../method-table/spec';
import { withoutDownloadUrls } from './download-links';
import {
	folderName,
	folderPicker,
	newName,
	OBJECT_LIST,
	rights,
	targetFolderId,
} from './drive-params';
import { getFolderFields } from './folder/get-fields.operation';
import { uploadToFolder } from './folder/upload.operation';

const folderId: ParamSpec = {
	name: 'folderId',
	label: 'Folder ID',
	path: 'id',
	type: 'id',
	required: true,
	v2: folderPicker('Folder', 'The folder'),
};

/** A Drive folder (disk.folder.*). */
export const folderSpec: ResourceSpec = {
	value: 'folder',
	name: 'Drive Folder',
	description: 'A Drive folder',
	methods: withoutDownloadUrls([
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
			params: [
				{
					...folderId,
					label: 'Parent Folder ID',
					v2: folderPicker('Parent Folder', 'The folder to create it in'),
				},
				folderName,
				rights,
			],
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
			description:
				'Delete a folder and everything in it for good, without the trash (disk.folder.deleteTree)',
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
	]),
	operations: [getFolderFields, uploadToFolder],
};
