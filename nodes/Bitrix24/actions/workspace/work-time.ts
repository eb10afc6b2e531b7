import type { ParamSpec, ResourceSpec } from '../method-table/spec';

const userId: ParamSpec = {
	name: 'userId',
	label: 'User ID',
	path: 'USER_ID',
	type: 'id',
	description:
		"Whose workday; default is the credential's user (others need the right to manage their work time)",
};
const changeFields: ParamSpec[] = [
	userId,
	{
		name: 'time',
		label: 'Time',
		path: 'TIME',
		type: 'dateTime',
		description:
			'When, if not now: on the same calendar day, with its time zone offset (e.g. 2025-02-12T09:00:00+02:00)',
	},
	{
		name: 'report',
		label: 'Reason',
		path: 'REPORT',
		type: 'string',
		description: 'Why the time was changed; needed with Time unless the schedule is flexible',
	},
	{ name: 'latitude', label: 'Latitude', path: 'LAT', type: 'number' },
	{ name: 'longitude', label: 'Longitude', path: 'LON', type: 'number' },
];

/** Work time (timeman): start, pause and end the workday, read its state and the schedule settings. */
export const workTime: ResourceSpec = {
	value: 'workTime',
	name: 'Work Time',
	description: 'The workday of a user (time tracking)',
	methods: [
		{
			value: 'close',
			name: 'Close Day',
			action: 'Close the workday',
			description: 'End the current workday (timeman.close)',
			method: 'timeman.close',
			params: changeFields,
		},
		{
			value: 'getSettings',
			name: 'Get Settings',
			action: 'Get work time settings',
			description: "Get a user's work schedule settings (timeman.settings)",
			method: 'timeman.settings',
			params: [userId],
		},
		{
			value: 'getStatus',
			name: 'Get Status',
			action: 'Get the workday status',
			description: 'Get the state of the current workday (timeman.status)',
			method: 'timeman.status',
			params: [userId],
		},
		{
			value: 'open',
			name: 'Open Day',
			action: 'Open the workday',
			description: 'Start a workday, or resume it after a break (timeman.open)',
			method: 'timeman.open',
			params: changeFields,
		},
		{
			value: 'pause',
			name: 'Pause Day',
			action: 'Pause the workday',
			description: 'Start a break in the current workday (timeman.pause)',
			method: 'timeman.pause',
			params: [userId],
		},
	],
};
