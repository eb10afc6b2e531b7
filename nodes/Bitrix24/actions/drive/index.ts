import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { bitrix24List } from '../../../shared/transport';
import { methodOperation } from '../method-table/build';
import type { MethodSpec } from '../method-table/spec';
import type { Area, CallOperation, OperationEntry, Resource } from '../types';
import { withoutDownloadUrls } from './download-links';
import { fileMethods, folderMethods, storageMethods } from './folder';
import { downloadOperation, uploadOperation } from './upload';

/**
 * Drive: storages, folders and files (disk.*). Most operations are rows of the method tables in
 * drive/specs.ts; upload and download move binary data (drive/transfer.ts). No output item ever
 * carries a DOWNLOAD_URL (it holds the caller's access; see drive/links.ts).
 */
function entries(resource: string, specs: MethodSpec[]): OperationEntry[] {
	return specs.map((spec) => ({
		value: spec.value,
		name: spec.name,
		action: spec.action,
		description: spec.description,
		operation: withoutDownloadUrls(methodOperation(resource, spec)),
	}));
}

/** disk.folder.getFields: one item per field; by default only those a filter may use. */
const folderFields: CallOperation = {
	description: updateDisplayOptions({ show: { resource: ['folder'], operation: ['getFields'] } }, [
		{
			displayName: 'Filterable Only',
			name: 'filterableOnly',
			type: 'boolean',
			default: true,
			description: 'Whether to list only the fields a Filter (JSON) of Get Children may use',
		},
	]),
	plan: () => ({ method: 'disk.folder.getFields', params: {} }),
	shape(envelope, itemIndex) {
		const filterableOnly = this.getNodeParameter('filterableOnly', itemIndex, true) as boolean;
		const fields = (envelope.result ?? {}) as Record<string, IDataObject>;
		return Object.entries(fields)
			.filter(([, meta]) => !filterableOnly || meta?.USE_IN_FILTER === true)
			.map(([field, meta]) => ({ FIELD: field, ...(meta ?? {}) }));
	},
};

const storage: Resource = {
	value: 'storage',
	name: 'Drive Storage',
	description: 'Drive storages: a user\'s drive, the company drive, a group\'s drive or an app\'s',
	operations: [
		...entries('storage', storageMethods),
		{
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
		},
	],
};

const folder: Resource = {
	value: 'folder',
	name: 'Drive Folder',
	description: 'A Drive folder',
	operations: [
		...entries('folder', folderMethods),
		{
			value: 'getFields',
			name: 'Get Fields',
			action: 'Get the folder fields',
			description: 'List the fields of files and folders a filter may use (disk.folder.getFields)',
			operation: folderFields,
		},
		{
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
		},
	],
};

const file: Resource = {
	value: 'file',
	name: 'Drive File',
	description: 'A Drive file',
	operations: [
		...entries('file', fileMethods),
		{
			value: 'download',
			name: 'Download',
			action: 'Download a file',
			description: 'Download a file\'s content as binary data (disk.file.get, then its download link)',
			operation: downloadOperation,
		},
	],
};

async function getDriveStorages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const rows = await bitrix24List(this, { method: 'disk.storage.getList', params: {}, rowsAt: [], idKey: 'ID', paging: 'offset' });
	return rows
		.map((row) => ({
			name: `${String(row.NAME)} (${String(row.ENTITY_TYPE)})`,
			value: String(row.ID),
			description: `Storage ${String(row.ID)}, root folder ${String(row.ROOT_OBJECT_ID)}`,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

export const driveArea: Area = {
	resources: [storage, folder, file],
	loadOptions: { getDriveStorages },
};
