import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { bitrix24List } from '../../../shared/transport';
import { methodResource } from '../method-table/build';
import type { ResourceSpec } from '../method-table/spec';
import type { Area, Resource } from '../types';
import { fileSpec } from './file';
import { folderSpec } from './folder';
import { storageSpec } from './storage';

/**
 * methodResource lists operations by name, and the Operation parameter's default is the first of
 * them. Saved workflows leave a default value out, so the operation Drive resources started with
 * stays first: a workflow saved with it keeps running it.
 */
function withDefaultOperation(spec: ResourceSpec, operation: string): Resource {
	const resource = methodResource(spec);
	const first = resource.operations.filter((entry) => entry.value === operation);
	return { ...resource, operations: [...first, ...resource.operations.filter((entry) => entry.value !== operation)] };
}

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

/**
 * Drive: storages, folders and files (disk.*). Most operations are rows of the resources' tables;
 * Upload and Download move binary data through the transport. No output item ever carries a
 * DOWNLOAD_URL (it holds the caller's access; see download-links.ts).
 */
export const driveArea: Area = {
	resources: [withDefaultOperation(storageSpec, 'getAll'), withDefaultOperation(folderSpec, 'get'), withDefaultOperation(fileSpec, 'get')],
	loadOptions: { getDriveStorages },
};
