import type { OperationEntry } from '../../types';
import { uploadOperation } from '../upload';

/** disk.folder.uploadFile: a binary field of the item becomes a file in the folder. */
export const uploadToFolder: OperationEntry = {
	value: 'upload',
	name: 'Upload',
	action: 'Upload a file to a folder',
	description: 'Upload a file to a folder (disk.folder.uploadFile)',
	operation: uploadOperation('folder', 'disk.folder.uploadFile', {
		displayName: 'Folder ID',
		name: 'folderId',
		type: 'string',
		default: '',
		required: true,
	}),
};
