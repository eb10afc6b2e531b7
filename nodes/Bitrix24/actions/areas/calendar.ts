import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { bitrix24Call } from '../../../shared/transport';
import { methodOperation, readParams } from '../method-table/build';
import type { MethodSpec, ParamSpec } from '../method-table/spec';
import { readLimit } from '../params';
import type { CallOperation, OperationEntry, Resource, RunOperation } from '../types';
import type { Area } from './area';
import { adjust, dateOnly } from './workspace/shared';

const calendarType = (types: string[]): ParamSpec => ({
	name: 'calendarType',
	label: 'Calendar Type',
	path: 'type',
	type: 'options',
	required: true,
	options: [
		{ name: 'Company', value: 'company_calendar' },
		{ name: 'Group', value: 'group' },
		{ name: 'User', value: 'user' },
	].filter((option) => types.includes(option.value)),
	default: 'user',
});
const ALL_TYPES = ['user', 'group', 'company_calendar'];

const ownerId = (userDefault: boolean): ParamSpec => ({
	name: 'ownerId',
	label: 'Owner ID',
	path: 'ownerId',
	type: 'number',
	required: true,
	description: userDefault
		? 'The user (user calendars) or group (group calendars) it belongs to; 0 for the company calendar. For a user calendar, 0 means the credential\'s user.'
		: 'The user (user calendars) or group (group calendars) it belongs to; 0 for the company calendar',
});

/** For user calendars the section methods take the credential's user when ownerId is left out. */
function ownUserCalendar(params: IDataObject): void {
	if (params.type === 'user' && (params.ownerId === 0 || params.ownerId === undefined)) delete params.ownerId;
}

const entry = (spec: MethodSpec, operation: OperationEntry['operation']): OperationEntry => ({
	value: spec.value,
	name: spec.name,
	action: spec.action,
	description: spec.description,
	operation,
});

// ---------------------------------------------------------------- calendars (sections)

const sectionId: ParamSpec = { name: 'sectionId', label: 'Calendar ID', path: 'id', type: 'id', required: true };
const sectionFields: ParamSpec[] = [
	{ name: 'description', label: 'Description', path: 'description', type: 'text' },
	{ name: 'color', label: 'Color', path: 'color', type: 'string', placeholder: '#9cbeee' },
	{ name: 'textColor', label: 'Text Color', path: 'text_color', type: 'string', placeholder: '#283000' },
	{ name: 'exportSettings', label: 'Export (JSON)', path: 'export', type: 'json', description: 'e.g. {"ALLOW": true, "SET": "3_9"}' },
];

const sectionSpecs: Record<string, MethodSpec> = {
	create: {
		value: 'create',
		name: 'Create',
		action: 'Create a calendar',
		description: 'Add a calendar (calendar.section.add)',
		method: 'calendar.section.add',
		params: [calendarType(ALL_TYPES), ownerId(true), { name: 'name', label: 'Name', path: 'name', type: 'string', required: true }, ...sectionFields],
		output: { as: 'ID' },
	},
	delete: {
		value: 'delete',
		name: 'Delete',
		action: 'Delete a calendar',
		description: 'Delete a calendar and its events (calendar.section.delete)',
		method: 'calendar.section.delete',
		params: [calendarType(ALL_TYPES), ownerId(true), sectionId],
		output: { as: 'deleted', echo: { ID: 'id' } },
	},
	getAll: {
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many calendars',
		description: 'List the calendars of a user, group or the company (calendar.section.get)',
		method: 'calendar.section.get',
		params: [calendarType(ALL_TYPES), ownerId(true)],
	},
	update: {
		value: 'update',
		name: 'Update',
		action: 'Update a calendar',
		description: 'Rename or recolor a calendar (calendar.section.update)',
		method: 'calendar.section.update',
		params: [calendarType(ALL_TYPES), ownerId(true), sectionId, { name: 'name', label: 'Name', path: 'name', type: 'string' }, ...sectionFields],
		output: { as: 'ID' },
	},
};

const sectionOp = (spec: MethodSpec): CallOperation => adjust('calendarSection', spec, (params) => ownUserCalendar(params));

/** calendar.section.get answers with every calendar at once. */
const sectionGetMany: RunOperation = {
	description: methodOperation('calendarSection', sectionSpecs.getAll).description,
	async run(itemIndex) {
		const params = readParams(this, sectionSpecs.getAll, itemIndex);
		ownUserCalendar(params);
		const limit = readLimit(this, itemIndex);
		const { result } = await bitrix24Call(this, 'calendar.section.get', params, itemIndex);
		return (Array.isArray(result) ? (result as IDataObject[]) : []).slice(0, limit);
	},
};

const calendarSection: Resource = {
	value: 'calendarSection',
	name: 'Calendar',
	description: 'Calendars (sections) of users, groups and the company',
	operations: [
		entry(sectionSpecs.create, sectionOp(sectionSpecs.create)),
		entry(sectionSpecs.delete, sectionOp(sectionSpecs.delete)),
		entry(sectionSpecs.getAll, sectionGetMany),
		entry(sectionSpecs.update, sectionOp(sectionSpecs.update)),
	],
};

// ---------------------------------------------------------------- events

const eventId: ParamSpec = { name: 'eventId', label: 'Event ID', path: 'id', type: 'id', required: true };
const eventFields: ParamSpec[] = [
	{
		name: 'accessibility',
		label: 'Show As',
		path: 'accessibility',
		type: 'options',
		options: [
			{ name: 'Absent', value: 'absent' },
			{ name: 'Busy', value: 'busy' },
			{ name: 'Free', value: 'free' },
			{ name: 'Tentative', value: 'quest' },
		],
		default: 'busy',
	},
	{ name: 'allDay', label: 'All Day', path: 'skip_time', type: 'yesNo', description: 'Whether the event takes whole days (only the dates of From and To count)' },
	{ name: 'attendeeIds', label: 'Attendee User IDs', path: 'attendees', type: 'idList', description: 'Invite these users (makes the event a meeting)' },
	{ name: 'color', label: 'Color', path: 'color', type: 'string', placeholder: '#9dcf00' },
	{ name: 'crmLinks', label: 'CRM Links', path: 'crm_fields', type: 'string', placeholder: 'D_12, C_5', description: 'CRM records to link, separated by commas: D_ deal, L_ lead, C_ contact, CO_ company' },
	{ name: 'description', label: 'Description', path: 'description', type: 'text' },
	{
		name: 'importance',
		label: 'Importance',
		path: 'importance',
		type: 'options',
		options: [
			{ name: 'High', value: 'high' },
			{ name: 'Normal', value: 'normal' },
			{ name: 'Low', value: 'low' },
		],
		default: 'normal',
	},
	{ name: 'isMeeting', label: 'Meeting', path: 'is_meeting', type: 'yesNo', description: 'Whether the event is a meeting with attendees' },
	{ name: 'location', label: 'Location', path: 'location', type: 'string' },
	{ name: 'privateEvent', label: 'Private', path: 'private_event', type: 'yesNo', description: 'Whether others only see the time as taken' },
	{ name: 'recurrence', label: 'Recurrence (JSON)', path: 'rrule', type: 'json', description: 'e.g. {"FREQ": "WEEKLY", "BYDAY": ["MO", "WE"], "UNTIL": "2025-12-31"}' },
	{ name: 'reminders', label: 'Reminders (JSON)', path: 'remind', type: 'json', default: '[]', description: 'e.g. [{"type": "min", "count": 15}]' },
	{ name: 'textColor', label: 'Text Color', path: 'text_color', type: 'string' },
	{ name: 'timezoneFrom', label: 'Start Time Zone', path: 'timezone_from', type: 'string', placeholder: 'Europe/Berlin', description: 'For From and To given without an offset; default is the user\'s zone' },
	{ name: 'timezoneTo', label: 'End Time Zone', path: 'timezone_to', type: 'string', placeholder: 'Europe/Berlin' },
];
const fromTo = (required: boolean): ParamSpec[] => [
	{ name: 'from', label: 'From', path: 'from', type: 'dateTime', required },
	{ name: 'to', label: 'To', path: 'to', type: 'dateTime', required },
];
const statusParam: ParamSpec = {
	name: 'status',
	label: 'Status',
	path: 'status',
	type: 'options',
	required: true,
	options: [
		{ name: 'Accepted', value: 'Y' },
		{ name: 'Declined', value: 'N' },
		{ name: 'Not Answered', value: 'Q' },
	],
	default: 'Y',
};
const meetingEventId: ParamSpec = { ...eventId, path: 'eventId' };

const eventSpecs: Record<string, MethodSpec> = {
	create: {
		value: 'create',
		name: 'Create',
		action: 'Create an event',
		description: 'Add an event to a calendar (calendar.event.add)',
		method: 'calendar.event.add',
		params: [
			calendarType(ALL_TYPES),
			ownerId(false),
			{ name: 'sectionId', label: 'Calendar ID', path: 'section', type: 'id', required: true },
			{ name: 'name', label: 'Name', path: 'name', type: 'string', required: true },
			...fromTo(true),
			...eventFields,
		],
		output: { as: 'ID' },
	},
	delete: {
		value: 'delete',
		name: 'Delete',
		action: 'Delete an event',
		description: 'Delete a calendar event (calendar.event.delete)',
		method: 'calendar.event.delete',
		params: [eventId],
		output: { as: 'deleted', echo: { ID: 'id' } },
	},
	get: {
		value: 'get',
		name: 'Get',
		action: 'Get an event',
		description: 'Get a calendar event by ID (calendar.event.getbyid)',
		method: 'calendar.event.getbyid',
		params: [eventId],
	},
	getAll: {
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many events',
		description: 'List the events of a calendar owner in a period (calendar.event.get)',
		method: 'calendar.event.get',
		params: [
			calendarType(ALL_TYPES),
			ownerId(false),
			{ name: 'from', label: 'From', path: 'from', type: 'dateTime', description: 'Default: a month ago' },
			{ name: 'to', label: 'To', path: 'to', type: 'dateTime', description: 'Default: three months ahead' },
			{ name: 'sectionIds', label: 'Calendar IDs', path: 'section', type: 'idList', description: 'Only these calendars, separated by commas' },
		],
	},
	getMeetingStatus: {
		value: 'getMeetingStatus',
		name: 'Get Meeting Status',
		action: 'Get my meeting status',
		description: 'Get whether the credential\'s user accepted a meeting: Y, N or Q (calendar.meeting.status.get)',
		method: 'calendar.meeting.status.get',
		params: [meetingEventId],
		output: { as: 'status', echo: { ID: 'eventId' } },
	},
	update: {
		value: 'update',
		name: 'Update',
		action: 'Update an event',
		description: 'Change a calendar event (calendar.event.update)',
		method: 'calendar.event.update',
		params: [
			eventId,
			calendarType(ALL_TYPES),
			ownerId(false),
			{ name: 'sectionId', label: 'Calendar ID', path: 'section', type: 'id' },
			{ name: 'name', label: 'Name', path: 'name', type: 'string' },
			...fromTo(false),
			...eventFields,
		],
		output: { as: 'ID' },
	},
	updateMeetingStatus: {
		value: 'updateMeetingStatus',
		name: 'Update Meeting Status',
		action: 'Answer a meeting invitation',
		description: 'Accept or decline a meeting as the credential\'s user (calendar.meeting.status.set)',
		method: 'calendar.meeting.status.set',
		params: [meetingEventId, statusParam],
		output: { as: 'updated', echo: { ID: 'eventId', status: 'status' } },
	},
};

/** Whole-day events take bare dates; CRM links go as an array. */
function eventParams(this: IExecuteFunctions, params: IDataObject, itemIndex: number): void {
	if (params.skip_time === 'Y') {
		for (const key of ['from', 'to'] as const) {
			if (params[key] !== undefined) params[key] = dateOnly(this, params[key], key === 'from' ? 'From' : 'To', itemIndex);
		}
	}
	if (typeof params.crm_fields === 'string') {
		params.crm_fields = params.crm_fields
			.split(',')
			.map((link) => link.trim())
			.filter(Boolean);
	}
}

/** calendar.event.get answers with every event of the period at once. */
const eventGetMany: RunOperation = {
	description: methodOperation('calendarEvent', eventSpecs.getAll).description,
	async run(itemIndex) {
		const params = readParams(this, eventSpecs.getAll, itemIndex);
		for (const key of ['from', 'to'] as const) {
			if (params[key] !== undefined) params[key] = dateOnly(this, params[key], key === 'from' ? 'From' : 'To', itemIndex);
		}
		const limit = readLimit(this, itemIndex);
		const { result } = await bitrix24Call(this, 'calendar.event.get', params, itemIndex);
		return (Array.isArray(result) ? (result as IDataObject[]) : []).slice(0, limit);
	},
};

const eventOp = (spec: MethodSpec): CallOperation => adjust('calendarEvent', spec, eventParams);

const calendarEvent: Resource = {
	value: 'calendarEvent',
	name: 'Calendar Event',
	description: 'Events and meetings in calendars',
	operations: [
		entry(eventSpecs.create, eventOp(eventSpecs.create)),
		entry(eventSpecs.delete, eventOp(eventSpecs.delete)),
		entry(eventSpecs.get, eventOp(eventSpecs.get)),
		entry(eventSpecs.getAll, eventGetMany),
		entry(eventSpecs.getMeetingStatus, eventOp(eventSpecs.getMeetingStatus)),
		entry(eventSpecs.update, eventOp(eventSpecs.update)),
		entry(eventSpecs.updateMeetingStatus, eventOp(eventSpecs.updateMeetingStatus)),
	],
};

// ---------------------------------------------------------------- settings and availability

const settingsSpecs: Record<string, MethodSpec> = {
	get: {
		value: 'get',
		name: 'Get',
		action: 'Get the calendar settings',
		description: 'Get the portal\'s main calendar settings (calendar.settings.get)',
		method: 'calendar.settings.get',
		params: [],
	},
	getAvailability: {
		value: 'getAvailability',
		name: 'Get Availability',
		action: 'Get when users are busy',
		description: 'Get the events that keep users busy in a period, one item per user (calendar.accessibility.get)',
		method: 'calendar.accessibility.get',
		params: [
			{ name: 'userIds', label: 'User IDs', path: 'users', type: 'idList', required: true, description: 'Separated by commas' },
			{ name: 'from', label: 'From', path: 'from', type: 'dateTime', required: true },
			{ name: 'to', label: 'To', path: 'to', type: 'dateTime', required: true },
		],
	},
	getUserSettings: {
		value: 'getUserSettings',
		name: 'Get User Settings',
		action: 'Get my calendar settings',
		description: 'Get the calendar settings of the credential\'s user (calendar.user.settings.get)',
		method: 'calendar.user.settings.get',
		params: [],
	},
	updateUserSettings: {
		value: 'updateUserSettings',
		name: 'Update User Settings',
		action: 'Update my calendar settings',
		description: 'Change the calendar settings of the credential\'s user (calendar.user.settings.set)',
		method: 'calendar.user.settings.set',
		params: [
			{
				name: 'settings',
				label: 'Settings (JSON)',
				path: 'settings',
				type: 'json',
				required: true,
				description: 'e.g. {"view": "week", "showDeclined": false, "meetSection": "4"}',
			},
		],
		output: { as: 'updated' },
	},
};

const calendarSettings: Resource = {
	value: 'calendarSettings',
	name: 'Calendar Settings',
	description: 'Calendar settings and user availability',
	operations: [
		entry(settingsSpecs.get, methodOperation('calendarSettings', settingsSpecs.get)),
		entry(
			settingsSpecs.getAvailability,
			adjust(
				'calendarSettings',
				settingsSpecs.getAvailability,
				function (params, itemIndex) {
					params.from = dateOnly(this, params.from, 'From', itemIndex);
					params.to = dateOnly(this, params.to, 'To', itemIndex);
				},
				(result) =>
					Object.entries((result ?? {}) as IDataObject).map(([userId, events]) => ({
						userId: Number(userId),
						busy: Array.isArray(events) ? events.length > 0 : false,
						events: (Array.isArray(events) ? events : []) as IDataObject[],
					})),
			),
		),
		entry(settingsSpecs.getUserSettings, methodOperation('calendarSettings', settingsSpecs.getUserSettings)),
		entry(settingsSpecs.updateUserSettings, methodOperation('calendarSettings', settingsSpecs.updateUserSettings)),
	],
};

export const area: Area = { resources: [calendarSection, calendarEvent, calendarSettings] };
