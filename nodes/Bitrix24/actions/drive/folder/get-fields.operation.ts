import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { OperationEntry } from '../../types';

/**
 * disk.folder.getFields: one item per field; by default only those a filter may use. Hand-written
 * because Filterable Only steers the output and is not a parameter of the call.
 */
export const getFolderFields: OperationEntry = {
	value: 'getFields',
	name: 'Get Fields',
	action: 'Get the folder fields',
	description: 'List the fields of files and folders a filter may use (disk.folder.getFields)',
	operation: {
		description: updateDisplayOptions(
			{ show: { resource: ['folder'], operation: ['getFields'] } },
			[
				{
					displayName: 'Filterable Only',
					name: 'filterableOnly',
					type: 'boolean',
					default: true,
					description: 'Whether to list only the fields a Filter (JSON) of Get Children may use',
				},
			],
		),
		plan: () => ({ method: 'disk.folder.getFields', params: {} }),
		shape(envelope, itemIndex) {
			const filterableOnly = this.getNodeParameter('filterableOnly', itemIndex, true) as boolean;
			const fields = (envelope.result ?? {}) as Record<string, IDataObject>;
			return Object.entries(fields)
				.filter(([, meta]) => !filterableOnly || meta?.USE_IN_FILTER === true)
				.map(([field, meta]) => ({ FIELD: field, ...(meta ?? {}) }));
		},
	},
};
