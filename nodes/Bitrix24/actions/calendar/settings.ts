import type { IDataObject } from 'n8n-workflow';

import type { ResourceSpec } from '../method-table/spec';
import { usersPicker } from '../user-picker';
import { dateOnly } from '../workspace/date-only';

/** Calendar settings and user availability. */
export const calendarSettings: ResourceSpec = {
	value: 'calendarSettings',
	name: 'Calendar Settings',
	description: 'Calendar settings and user availability',
	methods: [
		{
			value: 'get',
			name: 'Get',
			action: 'Get the calendar settings',
			description: "Get the portal's main calendar settings (calendar.settings.get)",
			method: 'calendar.settings.get',
			params: [],
		},
		{
			value: 'getAvailability',
			name: 'Get Availability',
			action: 'Get when users are busy',
			description:
				'Get the events that keep users busy in a period, one item per user (calendar.accessibility.get)',
			method: 'calendar.accessibility.get',
			params: [
				{
					name: 'userIds',
					label: 'User IDs',
					path: 'users',
					type: 'idList',
					required: true,
					description: 'Separated by commas',
					v2: usersPicker('User Names or IDs', 'The users whose busy times to get'),
				},
				{ name: 'from', label: 'From', path: 'from', type: 'dateTime', required: true },
				{ name: 'to', label: 'To', path: 'to', type: 'dateTime', required: true },
			],
			adjust: (ctx, itemIndex, params) => ({
				...params,
				from: dateOnly(ctx, params.from, 'From', itemIndex),
				to: dateOnly(ctx, params.to, 'To', itemIndex),
			}),
			// the answer maps each user ID to the events that keep them busy
			shape: (_ctx, result) =>
				Object.entries((result ?? {}) as IDataObject).map(([userId, events]) => ({
					userId: Number(userId),
					busy: Array.isArray(events) ? events.length > 0 : false,
					events: (Array.isArray(events) ? events : []) as IDataObject[],
				})),
		},
		{
			value: 'getUserSettings',
			name: 'Get User Settings',
			action: 'Get my calendar settings',
			description:
				"Get the calendar settings of the credential's user (calendar.user.settings.get)",
			method: 'calendar.user.settings.get',
			params: [],
		},
		{
			value: 'updateUserSettings',
			name: 'Update User Settings',
			action: 'Update my calendar settings',
			description:
				"Change the calendar settings of the credential's user (calendar.user.settings.set)",
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
	],
};
