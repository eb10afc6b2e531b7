import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { paramError, takeParam } from '../params';
import { createdId, done, fieldList } from './answers';
import { requireChangedFields } from './changed-fields';
import { ACTIVITY_LOCATOR, RECORD_OF_OWNER_TYPE } from './locators';
import { listParam, userParam } from './pickers';

/** crm.activity.*: the old activity API (meetings, calls, emails) and the universal to-do. */

const ownerType = (path: string, required = true): ParamSpec =>
	listParam(
		'ownerTypeId',
		'Owner Type Name or ID',
		path,
		'getEntityTypes',
		'The CRM type of the record the activity belongs to',
		required,
	);
const ownerId = (path: string, required = true): ParamSpec => ({
	name: 'ownerId',
	label: 'Owner ID',
	path,
	type: 'id',
	required,
	description: 'ID of the record the activity belongs to',
	// version 1 keeps the typed ID it was released with (saved workflows)
	v2: {
		label: 'Owner',
		description: 'The record (of the Owner Type) the activity belongs to',
		locator: RECORD_OF_OWNER_TYPE,
	},
});
const activityId: ParamSpec = {
	name: 'activityId',
	label: 'Activity ID',
	path: 'id',
	type: 'id',
	required: true,
	v2: { label: 'Activity', locator: ACTIVITY_LOCATOR },
};

const TYPES = [
	{ name: 'Call', value: 2 },
	{ name: 'Email', value: 4 },
	{ name: 'Meeting', value: 1 },
];

/** Fields both Create and Update offer */
const commonFields: ParamSpec[] = [
	{ name: 'description', label: 'Description', path: 'fields.DESCRIPTION', type: 'text' },
	{ name: 'startTime', label: 'Start Time', path: 'fields.START_TIME', type: 'dateTime' },
	{ name: 'endTime', label: 'End Time', path: 'fields.END_TIME', type: 'dateTime' },
	{
		name: 'completed',
		label: 'Completed',
		path: 'fields.COMPLETED',
		type: 'yesNo',
		description: 'Whether the activity is done',
	},
	{
		name: 'priority',
		label: 'Priority',
		path: 'fields.PRIORITY',
		type: 'options',
		options: [
			{ name: 'High', value: 3 },
			{ name: 'Low', value: 1 },
			{ name: 'Medium', value: 2 },
		],
		default: 2,
	},
	{
		name: 'direction',
		label: 'Direction',
		path: 'fields.DIRECTION',
		type: 'options',
		options: [
			{ name: 'Incoming', value: 1 },
			{ name: 'Outgoing', value: 2 },
		],
		default: 2,
		description: 'For calls and emails',
	},
	{ name: 'location', label: 'Location', path: 'fields.LOCATION', type: 'string' },
	{
		name: 'fieldsJson',
		label: 'Fields (JSON)',
		path: 'fieldsJson',
		type: 'json',
		description:
			'Any other activity fields as a JSON object, e.g. {"NOTIFY_TYPE": 1, "NOTIFY_VALUE": 15}',
	},
];

/** Merges Fields (JSON) into `fields`; a non-object is the user's mistake, named as such. */
function mergeFieldsJson(
	ctx: IExecuteFunctions,
	itemIndex: number,
	params: IDataObject,
): IDataObject {
	const extra = takeParam(params, 'fieldsJson');
	if (extra === undefined) return params;
	if (!extra || typeof extra !== 'object' || Array.isArray(extra))
		throw paramError(ctx, itemIndex, 'Fields (JSON)', 'must be a JSON object');
	params.fields = { ...((params.fields as IDataObject) ?? {}), ...(extra as IDataObject) };
	return params;
}

const create: MethodSpec = {
	value: 'create',
	name: 'Create',
	action: 'Create an activity',
	description:
		"Create a meeting, call or e-mail activity in a record's timeline (crm.activity.add)",
	method: 'crm.activity.add',
	params: [
		ownerType('fields.OWNER_TYPE_ID'),
		ownerId('fields.OWNER_ID'),
		{
			name: 'typeId',
			label: 'Type',
			path: 'fields.TYPE_ID',
			type: 'options',
			options: TYPES,
			default: 2,
			required: true,
		},
		{ name: 'subject', label: 'Subject', path: 'fields.SUBJECT', type: 'string', required: true },
		userParam('responsibleId', 'Responsible User Name or ID', 'fields.RESPONSIBLE_ID', true),
		{
			name: 'communication',
			label: 'Communication',
			path: 'communication',
			type: 'string',
			description:
				'The phone number (calls), email address (emails) or name (meetings) of the other party; it belongs to the owner record',
		},
		...commonFields,
	],
	adjust(ctx, itemIndex, params) {
		const value = takeParam(params, 'communication');
		const fields = (params.fields ?? {}) as IDataObject;
		// Bitrix24 requires a communication: the owner record, reached at the given value
		fields.COMMUNICATIONS = [
			{
				VALUE: value === undefined ? '' : String(value),
				ENTITY_ID: fields.OWNER_ID,
				ENTITY_TYPE_ID: fields.OWNER_TYPE_ID,
				...(fields.TYPE_ID === 2
					? { TYPE: 'PHONE' }
					: fields.TYPE_ID === 4
						? { TYPE: 'EMAIL' }
						: {}),
			},
		];
		params.fields = fields;
		return mergeFieldsJson(ctx, itemIndex, params);
	},
	shape: createdId,
};

const update: MethodSpec = {
	value: 'update',
	name: 'Update',
	action: 'Update an activity',
	description: "Change an activity's fields (crm.activity.update)",
	method: 'crm.activity.update',
	params: [
		activityId,
		{ name: 'subject', label: 'Subject', path: 'fields.SUBJECT', type: 'string' },
		userParam('responsibleId', 'Responsible User Name or ID', 'fields.RESPONSIBLE_ID'),
		...commonFields,
	],
	adjust: (ctx, itemIndex, params) =>
		requireChangedFields(ctx, itemIndex, mergeFieldsJson(ctx, itemIndex, params)),
	shape: done('updated'),
};

const methods: MethodSpec[] = [
	create,
	{
		value: 'createTodo',
		name: 'Create To-Do',
		action: 'Create a to-do',
		description:
			"Add a universal to-do with a deadline to a record's timeline (crm.activity.todo.add)",
		method: 'crm.activity.todo.add',
		params: [
			ownerType('ownerTypeId'),
			ownerId('ownerId'),
			{ name: 'deadline', label: 'Deadline', path: 'deadline', type: 'dateTime', required: true },
			{
				name: 'title',
				label: 'Title',
				path: 'title',
				type: 'string',
				description: 'Title of the to-do',
			},
			{ name: 'description', label: 'Description', path: 'description', type: 'text' },
			userParam('responsibleId', 'Responsible User Name or ID', 'responsibleId'),
			{
				name: 'pingOffsets',
				label: 'Reminders (Minutes Before)',
				path: 'pingOffsets',
				type: 'idList',
				description: 'Minutes before the deadline to remind, separated by commas, e.g. 0, 15',
			},
			{
				name: 'colorId',
				label: 'Color ID',
				path: 'colorId',
				type: 'string',
				description: 'Color of the to-do in the timeline, 1 to 7',
			},
			{
				name: 'parentActivityId',
				label: 'Parent Activity ID',
				path: 'parentActivityId',
				type: 'id',
			},
		],
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete an activity',
		description: 'Delete an activity of any type (crm.activity.delete)',
		method: 'crm.activity.delete',
		params: [activityId],
		shape: done('deleted'),
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get an activity',
		description: 'Get an activity by ID (crm.activity.get)',
		method: 'crm.activity.get',
		params: [activityId],
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many activities',
		description: 'List activities, optionally of one record (crm.activity.list)',
		method: 'crm.activity.list',
		params: [
			ownerType('filter.OWNER_TYPE_ID', false),
			ownerId('filter.OWNER_ID', false),
			userParam('responsibleId', 'Responsible User Name or ID', 'filter.RESPONSIBLE_ID'),
		],
		list: { rowsAt: [], idKey: 'ID', paging: 'id' },
	},
	{
		value: 'getFields',
		name: 'Get Fields',
		action: 'Get activity fields',
		description: 'List the fields of activities (crm.activity.fields)',
		method: 'crm.activity.fields',
		params: [],
		shape: fieldList,
	},
	update,
];

export const activitySpec: ResourceSpec = {
	value: 'crmActivity',
	name: 'CRM Activity',
	description: 'Meetings, calls, emails and to-dos in CRM timelines',
	methods,
};
