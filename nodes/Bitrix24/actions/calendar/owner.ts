import type { ParamSpec } from '../method-table/spec';

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
});
