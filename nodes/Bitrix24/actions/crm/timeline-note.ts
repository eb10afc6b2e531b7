import type { IDataObject } from 'n8n-workflow';

import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { RECORD_OF_OWNER_TYPE } from './locators';
import { listParam } from './pickers';

/**
 * crm.timeline.note.*: the note attached to a timeline entry (a history entry or an activity) of
 * a record. A note has no ID of its own: the entry and its record name it.
 */

const ITEM_TYPES = [
	{ name: 'Activity', value: 2 },
	{ name: 'History Entry', value: 1 },
];

const noteParams: ParamSpec[] = [
	{
		name: 'itemType',
		label: 'Entry Type',
		path: 'itemType',
		type: 'options',
		options: ITEM_TYPES,
		default: 2,
		required: true,
		description: 'What the note is attached to: an activity or a timeline history entry',
	},
	{
		name: 'itemId',
		label: 'Entry ID',
		path: 'itemId',
		type: 'id',
		required: true,
		description: 'ID of the activity or of the timeline history entry',
	},
	listParam(
		'ownerTypeId',
		'Owner Type Name or ID',
		'ownerTypeId',
		'getEntityTypes',
		'The CRM type of the record the entry belongs to',
	),
	{
		name: 'ownerId',
		label: 'Owner',
		path: 'ownerId',
		type: 'id',
		required: true,
		description: 'The record (of the Owner Type) the entry belongs to',
		locator: RECORD_OF_OWNER_TYPE,
	},
];

const numericTypes = (_ctx: unknown, _itemIndex: number, params: IDataObject): IDataObject => ({
	...params,
	itemType: Number(params.itemType),
	ownerTypeId: Number(params.ownerTypeId),
});

const methods: MethodSpec[] = [
	{
		value: 'get',
		name: 'Get',
		action: 'Get a timeline note',
		description: 'Get the note of an activity or a history entry (crm.timeline.note.get)',
		method: 'crm.timeline.note.get',
		params: noteParams,
		adjust: numericTypes,
	},
	{
		value: 'save',
		name: 'Save',
		action: 'Save a timeline note',
		description:
			'Attach a note to an activity or a history entry, replacing its note if it has one (crm.timeline.note.save)',
		method: 'crm.timeline.note.save',
		params: [
			...noteParams,
			{ name: 'text', label: 'Text', path: 'text', type: 'text', required: true },
		],
		adjust: numericTypes,
		shape: (_ctx, result, params): IDataObject => ({
			ID: String(params.itemId),
			text: params.text as string,
			saved: result === true,
		}),
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a timeline note',
		description: 'Delete the note of an activity or a history entry (crm.timeline.note.delete)',
		method: 'crm.timeline.note.delete',
		params: noteParams,
		adjust: numericTypes,
		shape: (_ctx, result, params): IDataObject => ({
			ID: String(params.itemId),
			deleted: result !== false,
		}),
	},
];

export const timelineNoteSpec: ResourceSpec = {
	value: 'crmTimelineNote',
	name: 'CRM Timeline Note',
	description: 'Notes attached to activities and history entries of CRM timelines',
	methods,
	first: 'save',
};
