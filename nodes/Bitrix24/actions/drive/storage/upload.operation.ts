import type { OperationEntry } from '../../types';
import { uploadOperation } from '../upload';

/** disk.storage.uploadFile: a binary field of the item becomes a file in the storage's root. */
export const uploadToStorage: OperationEntry = {
	value: 'upload',
	name: 'Upload',
	action: 'Upload a file to a storage root',
	description: 'Upload a file to the root of a storage (disk.storage.uploadFile)',
	operation: uploadOperation('storage', 'disk.storage.uploadFile', {
		displayName: 'Storage Name or ID',
		name: 'storageId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getDriveStorages' },
		default: '',
		required: true,
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	}),
};
