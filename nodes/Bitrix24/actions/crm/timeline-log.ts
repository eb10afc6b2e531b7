import type { IDataObject } from 'n8n-workflow';

import { pickersSinceV2 } from '../method-table/build';
import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { done } from './answers';
import { RECORD_OF_TYPE } from './locators';
import { listParam } from './pickers';
import { getManyLogEntries } from './timeline-log/get-many.operation';

/**
 * crm.timeline.logmessage.*: custom log entries in a record's timeline, and pinning timeline
 * entries (crm.timeline.item.pin / unpin).
 */

const entityTypeId = (path: string): ParamSpec =>
	listParam(
		'entityTypeId',
		'Entity Type Name or ID',
		path,
		'getEntityTypes',
		'The CRM type of the record',
	);
const entityId = (path: string): ParamSpec => ({
	name: 'entityId',
	label: 'Record',
	path,
	type: 'id',
	required: true,
	description: 'The CRM record (of the Entity Type)',
	locator: RECORD_OF_TYPE,
});
const entryId = (description: string): ParamSpec => ({
	name: 'entryId',
	label: 'Entry ID',
	path: 'id',
	type: 'id',
	required: true,
	description,
});
const numericType = (params: IDataObject, key: string): IDataObject => ({
	...params,
	[key]: Number(params[key]),
});

const pinning = (pin: boolean): MethodSpec => ({
	value: pin ? 'pin' : 'unpin',
	name: pin ? 'Pin' : 'Unpin',
	action: pin ? 'Pin a timeline entry' : 'Unpin a timeline entry',
	description: pin
		? 'Pin an entry (a comment, a log entry ...) to the top of the timeline; at most three (crm.timeline.item.pin)'
		: 'Unpin a pinned timeline entry (crm.timeline.item.unpin)',
	method: pin ? 'crm.timeline.item.pin' : 'crm.timeline.item.unpin',
	params: [
		entityTypeId('ownerTypeId'),
		entityId('ownerId'),
		entryId('ID of the timeline entry, e.g. a comment ID or a log entry ID'),
	],
	adjust: (_ctx, _itemIndex, params) => numericType(params, 'ownerTypeId'),
	// the method always answers null
	shape: (_ctx, _result, params): IDataObject => ({
		id: params.id as number,
		ownerTypeId: params.ownerTypeId as number,
		ownerId: params.ownerId as number,
		pinned: pin,
	}),
});

const methods: MethodSpec[] = pickersSinceV2(
	[
		{
			value: 'create',
			name: 'Create',
			action: 'Create a timeline log entry',
			description:
				'Add a log entry with a title, text and icon to a record’s timeline (crm.timeline.logmessage.add)',
			method: 'crm.timeline.logmessage.add',
			params: [
				entityTypeId('fields.entityTypeId'),
				entityId('fields.entityId'),
				{ name: 'title', label: 'Title', path: 'fields.title', type: 'string', required: true },
				{ name: 'text', label: 'Text', path: 'fields.text', type: 'text', required: true },
				{
					name: 'iconCode',
					label: 'Icon Code',
					path: 'fields.iconCode',
					type: 'string',
					required: true,
					default: 'info',
					description: 'Code of the icon (crm.timeline.icon.list), e.g. info',
				},
			],
			adjust: (_ctx, _itemIndex, params) => ({
				...params,
				fields: numericType(params.fields as IDataObject, 'entityTypeId'),
			}),
			output: { at: ['logMessage'] },
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a timeline log entry',
			description:
				'Delete a log entry; only the application that added it may (crm.timeline.logmessage.delete)',
			method: 'crm.timeline.logmessage.delete',
			params: [entryId('ID of the log entry')],
			shape: done('deleted'),
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a timeline log entry',
			description: 'Get a log entry added by Create (crm.timeline.logmessage.get)',
			method: 'crm.timeline.logmessage.get',
			params: [entryId('ID of the log entry')],
			output: { at: ['logMessage'] },
		},
		pinning(true),
		pinning(false),
	],
	['entityId'],
);

export const timelineLogSpec: ResourceSpec = {
	value: 'crmTimelineLogEntry',
	name: 'CRM Timeline Log Entry',
	description: 'Custom log entries of CRM timelines, and pinning timeline entries',
	methods,
	operations: [getManyLogEntries],
};
