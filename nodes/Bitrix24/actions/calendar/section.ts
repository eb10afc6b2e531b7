import type { IDataObject } from 'n8n-workflow';

import type { ParamSpec, ResourceSpec } from '../method-table/spec';
import { CALENDAR_PICKER, calendarType, ownerId } from './owner';

/** For user calendars the section methods take the credential's user when ownerId is left out. */
function ownUserCalendar(_ctx: unknown, _itemIndex: number, params: IDataObject): IDataObject {
	if (params.type === 'user' && (params.ownerId === 0 || params.ownerId === undefined))
		delete params.ownerId;
	return params;
}

const sectionId: ParamSpec = {
	name: 'sectionId',
	label: 'Calendar ID',
	path: 'id',
	type: 'id',
	required: true,
	v2: CALENDAR_PICKER,
};
const sectionFields: ParamSpec[] = [
	{ name: 'description', label: 'Description', path: 'description', type: 'text' },
	{ name: 'color', label: 'Color', path: 'color', type: 'string', placeholder: '#9cbeee' },
	{
		name: 'textColor',
		label: 'Text Color',
		path: 'text_color',
		type: 'string',
		placeholder: '#283000',
	},
	{
		name: 'exportSettings',
		label: 'Export (JSON)',
		path: 'export',
		type: 'json',
		description: 'e.g. {"ALLOW": true, "SET": "3_9"}',
	},
];

/** Calendars (sections) of users, groups and the company. */
export const calendarSection: ResourceSpec = {
	value: 'calendarSection',
	name: 'Calendar',
	description: 'Calendars (sections) of users, groups and the company',
	methods: [
		{
			value: 'create',
			name: 'Create',
			action: 'Create a calendar',
			description: 'Add a calendar (calendar.section.add)',
			method: 'calendar.section.add',
			params: [
				calendarType,
				ownerId(true),
				{ name: 'name', label: 'Name', path: 'name', type: 'string', required: true },
				...sectionFields,
			],
			output: { as: 'ID' },
			adjust: ownUserCalendar,
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a calendar',
			description: 'Delete a calendar and its events (calendar.section.delete)',
			method: 'calendar.section.delete',
			params: [calendarType, ownerId(true), sectionId],
			output: { as: 'deleted', echo: { ID: 'id' } },
			adjust: ownUserCalendar,
		},
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many calendars',
			description: 'List the calendars of a user, group or the company (calendar.section.get)',
			method: 'calendar.section.get',
			params: [calendarType, ownerId(true)],
			// calendar.section.get answers with every calendar at once
			list: { paging: 'single', rowsAt: [], idKey: 'ID' },
			adjust: ownUserCalendar,
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a calendar',
			description: 'Rename or recolor a calendar (calendar.section.update)',
			method: 'calendar.section.update',
			params: [
				calendarType,
				ownerId(true),
				sectionId,
				{ name: 'name', label: 'Name', path: 'name', type: 'string' },
				...sectionFields,
			],
			output: { as: 'ID' },
			adjust: ownUserCalendar,
		},
	],
};
