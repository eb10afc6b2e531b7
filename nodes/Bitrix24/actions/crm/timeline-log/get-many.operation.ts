import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { recordLocator } from '../../../../shared/descriptions/locator';
import { returnAllOrLimit } from '../../../../shared/descriptions/paging';
import { bitrix24List } from '../../../../shared/transport';
import { paramValue } from '../../method-table/build';
import type { ParamSpec } from '../../method-table/spec';
import { readLimit } from '../../params';
import type { OperationEntry } from '../../types';
import { RECORD_OF_TYPE } from '../locators';
import { listParam } from '../pickers';

function properties(record: INodeProperties): INodeProperties[] {
	return updateDisplayOptions(
		{ show: { resource: ['crmTimelineLogEntry'], operation: ['getAll'] } },
		[
			{
				displayName: entityType.label,
				name: entityType.name,
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getEntityTypes' },
				required: true,
				default: '',
				description:
					'The CRM type of the record. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			record,
			...returnAllOrLimit,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Order',
						name: 'order',
						type: 'options',
						options: [
							{ name: 'Newest First', value: 'desc' },
							{ name: 'Oldest First', value: 'asc' },
						],
						default: 'desc',
					},
				],
			},
		],
	);
}

/**
 * Get Many of timeline log entries (crm.timeline.logmessage.list): its pages hold 10 entries and
 * it answers `next`, so the walk follows `next` rather than the table's 50-row offsets.
 */
const entityType: ParamSpec = listParam(
	'entityTypeId',
	'Entity Type Name or ID',
	'entityTypeId',
	'getEntityTypes',
	'The CRM type of the record',
);
const entityId: ParamSpec = {
	name: 'entityId',
	label: 'Record',
	path: 'entityId',
	type: 'id',
	required: true,
	description: 'The CRM record (of the Entity Type)',
	locator: RECORD_OF_TYPE,
};

export const getManyLogEntries: OperationEntry = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many timeline log entries',
	description:
		'List the log entries added by Create to a record’s timeline, newest first (crm.timeline.logmessage.list)',
	operation: {
		// version 1 released the record as a typed ID; version 2 picks it
		description: properties({
			displayName: 'Record ID',
			name: entityId.name,
			type: 'string',
			required: true,
			default: '',
			description: entityId.description,
		}),
		v2Description: properties({
			...recordLocator({ displayName: entityId.label, name: entityId.name, ...RECORD_OF_TYPE }),
			description: entityId.description,
		}),
		async run(itemIndex) {
			const typeId = Number(
				paramValue(
					this,
					{ ...entityType, type: 'id' },
					this.getNodeParameter('entityTypeId', itemIndex),
					itemIndex,
				),
			);
			const id = paramValue(
				this,
				entityId,
				this.getNodeParameter('entityId', itemIndex, undefined, { extractValue: true }),
				itemIndex,
			);
			const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			const params: IDataObject = { entityTypeId: typeId, entityId: id as number };
			if (options.order) params.order = { id: options.order };
			return await bitrix24List(
				this,
				{
					method: 'crm.timeline.logmessage.list',
					params,
					rowsAt: [],
					idKey: 'id',
					paging: 'offsetNext',
					pageSize: 10,
				},
				readLimit(this, itemIndex),
				itemIndex,
			);
		},
	},
};
