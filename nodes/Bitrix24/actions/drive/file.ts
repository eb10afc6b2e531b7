import type { ParamSpec, ResourceSpec } from '../method-table/spec';
import { withoutDownloadUrls } from './download-links';
import { filePicker, newName, targetFolderId } from './drive-params';
import { downloadFile } from './file/download.operation';

const fileId: ParamSpec = {
	name: 'fileId',
	label: 'File ID',
	path: 'id',
	type: 'id',
	required: true,
	v2: filePicker('File', 'The file'),
};

/** A Drive file (disk.file.*); its content comes and goes by Download and the uploads of storages and folders. */
export const fileSpec: ResourceSpec = {
	value: 'file',
	name: 'Drive File',
	description: 'A Drive file',
	methods: withoutDownloadUrls([
		{
			value: 'get',
			name: 'Get',
			action: 'Get a file',
			description: "Get a file's details, without its content (disk.file.get)",
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
	]),
	operations: [downloadFile],
};
