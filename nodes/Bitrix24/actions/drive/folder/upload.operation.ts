import type { OperationEntry } from '../../types';
import { forVersion, paramProperty } from '../../method-table/build';
import { folderPicker } from '../drive-params';
import { uploadOperation } from '../upload';

/** disk.folder.uploadFile: a binary field of the item becomes a file in the folder. */
export const uploadToFolder: OperationEntry = {
	value: 'upload',
	name: 'Upload',
	action: 'Upload a file to a folder',
	description: 'Upload a file to a folder (disk.folder.uploadFile)',
	operation: uploadOperation(
		'folder',
		'disk.folder.uploadFile',
		{
			displayName: 'Folder ID',
			name: 'folderId',
			type: 'string',
			default: '',
			required: true,
		},
		paramProperty(
			forVersion(
				{
					name: 'folderId',
					label: 'Folder ID',
					path: 'id',
					type: 'id',
					required: true,
					v2: folderPicker('Folder', 'The folder to upload to'),
				},
				2,
			),
		),
	),
};
