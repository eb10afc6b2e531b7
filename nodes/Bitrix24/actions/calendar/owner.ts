import type { ParamSpec } from '../method-table/spec';

/** Version 2's calendar (section): one of the chosen owner's calendars, or its ID. */
export const CALENDAR_PICKER: ParamSpec['v2'] = {
	label: 'Calendar',
	description: "One of the owner's calendars, or its ID",
	locator: { searchListMethod: 'searchCalendars' },
};

/** Version 2's calendars (sections) of a list: a multi-select of the chosen owner's calendars. */
export const CALENDARS_PICKER: ParamSpec['v2'] = {
	type: 'userList',
	label: 'Calendar Names or IDs',
	description:
		'Only these calendars of the owner. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	loadOptionsMethod: 'getCalendars',
	loadOptionsDependsOn: ['calendarType', 'ownerId.value'],
};

/** Version 2's event: one of the owner's events (the credential's user's without an owner), or its ID. */
export const EVENT_PICKER: ParamSpec['v2'] = {
	label: 'Event',
	description:
		"One of the owner's events from a month ago to three months ahead (yours where no owner is asked), or its ID",
	locator: { searchListMethod: 'searchCalendarEvents' },
};

/** Whose calendars: a user's, a group's or the company's. */
export const calendarType: ParamSpec = {
	name: 'calendarType',
	label: 'Calendar Type',
	path: 'type',
	type: 'options',
	required: true,
	options: [
		{ name: 'Company', value: 'company_calendar' },
		{ name: 'Group', value: 'group' },
		{ name: 'User', value: 'user' },
	],
	default: 'user',
};

/** The user or group a calendar belongs to; the section methods read 0 on a user calendar as "mine". */
export const ownerId = (userDefault: boolean): ParamSpec => ({
	name: 'ownerId',
	label: 'Owner ID',
	path: 'ownerId',
	type: 'number',
	required: true,
	description: userDefault
		? "The user (user calendars) or group (group calendars) it belongs to; 0 for the company calendar. For a user calendar, 0 means the credential's user."
		: 'The user (user calendars) or group (group calendars) it belongs to; 0 for the company calendar',
	v2: {
		label: 'Owner',
		description: userDefault
			? "The user (user calendars), workgroup (group calendars) or the company; for a user calendar, 0 by ID means the credential's user"
			: 'The user (user calendars), workgroup (group calendars) or the company',
		locator: { searchListMethod: 'searchCalendarOwners' },
	},
});
