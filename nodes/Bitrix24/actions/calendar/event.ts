import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ParamSpec, ResourceSpec } from '../method-table/spec';
import { dateOnly } from '../workspace/date-only';
import { usersPicker } from '../user-picker';
import { CALENDAR_PICKER, CALENDARS_PICKER, calendarType, EVENT_PICKER, ownerId } from './owner';

const eventId: ParamSpec = {
	name: 'eventId',
	label: 'Event ID',
	path: 'id',
	type: 'id',
	required: true,
	v2: EVENT_PICKER,
};
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
	{
		name: 'allDay',
		label: 'All Day',
		path: 'skip_time',
		type: 'yesNo',
		description: 'Whether the event takes whole days (only the dates of From and To count)',
	},
	{
		name: 'attendeeIds',
		label: 'Attendee User IDs',
		path: 'attendees',
		type: 'idList',
		description: 'Invite these users (makes the event a meeting)',
		v2: usersPicker('Attendee Names or IDs', 'Invite these users (makes the event a meeting)'),
	},
	{ name: 'color', label: 'Color', path: 'color', type: 'string', placeholder: '#9dcf00' },
	{
		name: 'crmLinks',
		label: 'CRM Links',
		path: 'crm_fields',
		type: 'string',
		placeholder: 'D_12, C_5',
		description:
			'CRM records to link, separated by commas: D_ deal, L_ lead, C_ contact, CO_ company',
	},
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
	{
		name: 'isMeeting',
		label: 'Meeting',
		path: 'is_meeting',
		type: 'yesNo',
		description: 'Whether the event is a meeting with attendees',
	},
	{ name: 'location', label: 'Location', path: 'location', type: 'string' },
	{
		name: 'privateEvent',
		label: 'Private',
		path: 'private_event',
		type: 'yesNo',
		description: 'Whether others only see the time as taken',
	},
	{
		name: 'recurrence',
		label: 'Recurrence (JSON)',
		path: 'rrule',
		type: 'json',
		description: 'e.g. {"FREQ": "WEEKLY", "BYDAY": ["MO", "WE"], "UNTIL": "2025-12-31"}',
	},
	{
		name: 'reminders',
		label: 'Reminders (JSON)',
		path: 'remind',
		type: 'json',
		default: '[]',
		description: 'e.g. [{"type": "min", "count": 15}]',
	},
	{ name: 'textColor', label: 'Text Color', path: 'text_color', type: 'string' },
	{
		name: 'timezoneFrom',
		label: 'Start Time Zone',
		path: 'timezone_from',
		type: 'string',
		placeholder: 'Europe/Berlin',
		description: "For From and To given without an offset; default is the user's zone",
	},
	{
		name: 'timezoneTo',
		label: 'End Time Zone',
		path: 'timezone_to',
		type: 'string',
		placeholder: 'Europe/Berlin',
	},
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

/** From and To as bare dates (YYYY-MM-DD), where they are given. */
function periodDates(ctx: IExecuteFunctions, itemIndex: number, params: IDataObject): IDataObject {
	for (const key of ['from', 'to'] as const) {
		if (params[key] !== undefined)
			params[key] = dateOnly(ctx, params[key], key === 'from' ? 'From' : 'To', itemIndex);
	}
	return params;
}

/** Whole-day events take bare dates; CRM links go as an array. */
function eventParams(ctx: IExecuteFunctions, itemIndex: number, params: IDataObject): IDataObject {
	if (params.skip_time === 'Y') periodDates(ctx, itemIndex, params);
	if (typeof params.crm_fields === 'string') {
		params.crm_fields = params.crm_fields
			.split(',')
			.map((link) => link.trim())
			.filter(Boolean);
	}
	return params;
}

/** Events and meetings in calendars. */
export const calendarEvent: ResourceSpec = {
	value: 'calendarEvent',
	name: 'Calendar Event',
	description: 'Events and meetings in calendars',
	methods: [
		{
			value: 'create',
			name: 'Create',
			action: 'Create an event',
			description: 'Add an event to a calendar (calendar.event.add)',
			method: 'calendar.event.add',
			params: [
				calendarType,
				ownerId(false),
				{
					name: 'sectionId',
					label: 'Calendar ID',
					path: 'section',
					type: 'id',
					required: true,
					v2: CALENDAR_PICKER,
				},
				{ name: 'name', label: 'Name', path: 'name', type: 'string', required: true },
				...fromTo(true),
				...eventFields,
			],
			output: { as: 'ID' },
			adjust: eventParams,
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete an event',
			description: 'Delete a calendar event (calendar.event.delete)',
			method: 'calendar.event.delete',
			params: [eventId],
			output: { as: 'deleted', echo: { ID: 'id' } },
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get an event',
			description: 'Get a calendar event by ID (calendar.event.getbyid)',
			method: 'calendar.event.getbyid',
			params: [eventId],
		},
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many events',
			description: 'List the events of a calendar owner in a period (calendar.event.get)',
			method: 'calendar.event.get',
			params: [
				calendarType,
				ownerId(false),
				{
					name: 'from',
					label: 'From',
					path: 'from',
					type: 'dateTime',
					description: 'Default: a month ago',
				},
				{
					name: 'to',
					label: 'To',
					path: 'to',
					type: 'dateTime',
					description: 'Default: three months ahead',
				},
				{
					name: 'sectionIds',
					label: 'Calendar IDs',
					path: 'section',
					type: 'idList',
					description: 'Only these calendars, separated by commas',
					v2: CALENDARS_PICKER,
				},
			],
			// calendar.event.get answers with every event of the period at once
			list: { paging: 'single', rowsAt: [], idKey: 'ID' },
			adjust: periodDates,
		},
		{
			value: 'getMeetingStatus',
			name: 'Get Meeting Status',
			action: 'Get my meeting status',
			description:
				"Get whether the credential's user accepted a meeting: Y, N or Q (calendar.meeting.status.get)",
			method: 'calendar.meeting.status.get',
			params: [meetingEventId],
			output: { as: 'status', echo: { ID: 'eventId' } },
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update an event',
			description: 'Change a calendar event (calendar.event.update)',
			method: 'calendar.event.update',
			params: [
				eventId,
				calendarType,
				ownerId(false),
				{
					name: 'sectionId',
					label: 'Calendar ID',
					path: 'section',
					type: 'id',
					v2: CALENDAR_PICKER,
				},
				{ name: 'name', label: 'Name', path: 'name', type: 'string' },
				...fromTo(false),
				...eventFields,
			],
			output: { as: 'ID' },
			adjust: eventParams,
		},
		{
			value: 'updateMeetingStatus',
			name: 'Update Meeting Status',
			action: 'Answer a meeting invitation',
			description:
				"Accept or decline a meeting as the credential's user (calendar.meeting.status.set)",
			method: 'calendar.meeting.status.set',
			params: [meetingEventId, statusParam],
			output: { as: 'updated', echo: { ID: 'eventId', status: 'status' } },
		},
	],
};
