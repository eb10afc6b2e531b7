import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { bitrix24List } from '../../../shared/transport';
import { methodResource } from '../method-table/build';
import type { Area } from '../types';
import { driveListSearch } from './drive-search';
import { fileSpec } from './file';
import { folderSpec } from './folder';
import { storageSpec } from './storage';

async function getDriveStorages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const rows = await bitrix24List(this, {
		method: 'disk.storage.getList',
		params: {},
		rowsAt: [],
		idKey: 'ID',
		paging: 'offset',
	});
	return rows
		.map((row) => ({
			name: `${String(row.NAME)} (${String(row.ENTITY_TYPE)})`,
			value: String(row.ID),
			description: `Storage ${String(row.ID)}, root folder ${String(row.ROOT_OBJECT_ID)}`,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Drive: storages, folders and files (disk.*). Most operations are rows of the resources' tables;
 * Upload and Download move binary data through the transport. No output item ever carries a
 * DOWNLOAD_URL (it holds the caller's access; see download-links.ts).
 */
export const driveArea: Area = {
	// each resource keeps first the operation it always had first: the Operation default
	resources: [
		methodResource({ ...storageSpec, first: 'getAll' }),
		methodResource({ ...folderSpec, first: 'get' }),
		methodResource({ ...fileSpec, first: 'get' }),
	],
	loadOptions: { getDriveStorages },
	listSearch: driveListSearch,
};
