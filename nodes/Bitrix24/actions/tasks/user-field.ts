import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { filter, order, positionalSlots } from './positional-params';

/** Custom task fields: task.item.userfield.*, positional. */
function userFieldData(prefix: string): ParamSpec[] {
	return [
		{ name: 'label', label: 'Label', path: `${prefix}.LABEL`, type: 'string' },
		{
			name: 'mandatory',
			label: 'Mandatory',
			path: `${prefix}.MANDATORY`,
			type: 'yesNo',
			description: 'Whether every task must fill the field',
		},
		{
			name: 'multiple',
			label: 'Multiple',
			path: `${prefix}.MULTIPLE`,
			type: 'yesNo',
			description: 'Whether the field holds several values',
		},
		{
			name: 'settings',
			label: 'Settings (JSON)',
			path: `${prefix}.SETTINGS`,
			type: 'json',
			description: 'Type settings, e.g. {"DEFAULT_VALUE": "none"}',
		},
		{ name: 'sort', label: 'Sort', path: `${prefix}.SORT`, type: 'number', default: 100 },
		{ name: 'xmlId', label: 'External ID', path: `${prefix}.XML_ID`, type: 'string' },
	];
}

const fieldId: ParamSpec = {
	name: 'fieldId',
	label: 'Field ID',
	path: 'ID',
	type: 'id',
	required: true,
};

const methods: MethodSpec[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create a custom task field',
		description: 'Add a custom field to tasks (task.item.userfield.add)',
		method: 'task.item.userfield.add',
		positional: true,
		params: [
			{
				name: 'userTypeId',
				label: 'Type',
				path: 'PARAMS.USER_TYPE_ID',
				type: 'options',
				required: true,
				options: [
					{ name: 'Date and Time', value: 'datetime' },
					{ name: 'Number', value: 'double' },
					{ name: 'String', value: 'string' },
					{ name: 'Yes/No', value: 'boolean' },
				],
				default: 'string',
			},
			{
				name: 'fieldName',
				label: 'Field Name',
				path: 'PARAMS.FIELD_NAME',
				type: 'string',
				required: true,
				placeholder: 'UF_TASK_CLIENT',
				description: 'Code of the field; UF_ is added when missing',
			},
			...userFieldData('PARAMS'),
		],
		output: { as: 'id' },
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update a custom task field',
		description: 'Change a custom task field (task.item.userfield.update)',
		method: 'task.item.userfield.update',
		positional: true,
		params: [fieldId, ...userFieldData('DATA')],
		output: { echo: { fieldId: 'ID' }, as: 'success' },
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get a custom task field',
		description: 'Get a custom task field (task.item.userfield.get)',
		method: 'task.item.userfield.get',
		positional: true,
		params: [fieldId],
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a custom task field',
		description: 'Delete a custom task field (task.item.userfield.delete)',
		method: 'task.item.userfield.delete',
		positional: true,
		params: [fieldId],
		output: { echo: { fieldId: 'ID' }, as: 'success' },
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many custom task fields',
		description: 'List the custom fields of tasks (task.item.userfield.getlist)',
		method: 'task.item.userfield.getlist',
		positional: true,
		params: [order('{"SORT": "asc"}'), filter('{"USER_TYPE_ID": "string"}')],
		list: { rowsAt: [], idKey: 'ID', paging: 'single' },
		adjust: positionalSlots([
			{ key: 'ORDER', fallback: { ID: 'asc' } },
			{ key: 'FILTER', fallback: {} },
		]),
	},
];

export const userFieldSpec: ResourceSpec = {
	value: 'taskUserField',
	name: 'Task Custom Field',
	description: 'Custom fields of tasks',
	methods,
};
