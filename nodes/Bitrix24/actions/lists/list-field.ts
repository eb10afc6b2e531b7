import type { ParamSpec, ResourceSpec } from '../method-table/spec';
import { firstRow, listAddress } from './common';

const FIELD_TYPES = [
	{ name: 'CRM Binding (S:ECrm)', value: 'S:ECrm' },
	{ name: 'Counter (N:Sequence)', value: 'N:Sequence' },
	{ name: 'Date (S:Date)', value: 'S:Date' },
	{ name: 'Date and Time (S:DateTime)', value: 'S:DateTime' },
	{ name: 'Drive File (S:DiskFile)', value: 'S:DiskFile' },
	{ name: 'Element Binding (E)', value: 'E' },
	{ name: 'Element Binding as List (E:EList)', value: 'E:EList' },
	{ name: 'Employee Binding', value: 'S:employee' },
	{ name: 'File (F)', value: 'F' },
	{ name: 'HTML Text (S:HTML)', value: 'S:HTML' },
	{ name: 'List (L)', value: 'L' },
	{ name: 'Money (S:Money)', value: 'S:Money' },
	{ name: 'Number (N)', value: 'N' },
	{ name: 'Section Binding (G)', value: 'G' },
	{ name: 'String (S)', value: 'S' },
];

const fieldId: ParamSpec = {
	name: 'fieldId',
	label: 'Field ID',
	path: 'FIELD_ID',
	type: 'string',
	required: true,
	placeholder: 'PROPERTY_1151',
	description:
		'PROPERTY_ and the property ID for a custom field (e.g. PROPERTY_1151), the code (NAME, SORT ...) for a system field',
	pattern: {
		match: /^[A-Z0-9_]+$/,
		hint: 'is not a field ID (such as PROPERTY_1151, or a system field code such as NAME)',
	},
};

/** The FIELDS both lists.field.add and lists.field.update take: NAME and TYPE required by both. */
function fieldFields(): ParamSpec[] {
	return [
		// first, so that the typed fields below land in the same object and win over it
		{
			name: 'otherFields',
			label: 'Other Fields (JSON)',
			path: 'FIELDS',
			type: 'json',
			description:
				'More field settings, e.g. {"SETTINGS": {"SHOW_ADD_FORM": "Y"}, "LIST": {"n0": {"VALUE": "Open", "SORT": 10}}}',
		},
		{ name: 'name', label: 'Name', path: 'FIELDS.NAME', type: 'string', required: true },
		{
			name: 'type',
			label: 'Type',
			path: 'FIELDS.TYPE',
			type: 'options',
			required: true,
			default: 'S',
			options: FIELD_TYPES,
			description: 'Once created, the type cannot change: Update must give the same one',
		},
		{
			name: 'code',
			label: 'Code',
			path: 'FIELDS.CODE',
			type: 'string',
			description: 'Symbolic code; required for custom fields, unique in the list',
		},
		{
			name: 'isRequired',
			label: 'Required',
			path: 'FIELDS.IS_REQUIRED',
			type: 'yesNo',
			description: 'Whether every element must fill the field',
		},
		{
			name: 'multiple',
			label: 'Multiple',
			path: 'FIELDS.MULTIPLE',
			type: 'yesNo',
			description: 'Whether the field holds several values',
		},
		{ name: 'sort', label: 'Sort', path: 'FIELDS.SORT', type: 'number', default: 500 },
		{ name: 'defaultValue', label: 'Default Value', path: 'FIELDS.DEFAULT_VALUE', type: 'string' },
		{
			name: 'listTextValues',
			label: 'List Values',
			path: 'FIELDS.LIST_TEXT_VALUES',
			type: 'text',
			description: 'For a List field: its values, one per line',
		},
		{
			name: 'linkIblockId',
			label: 'Linked List ID',
			path: 'FIELDS.LINK_IBLOCK_ID',
			type: 'id',
			description: 'For section and element bindings: the list they point to',
		},
	];
}

/** The fields (columns) of a universal list. */
export const listFieldSpec: ResourceSpec = {
	value: 'listsField',
	name: 'List Field',
	description: 'Fields (columns) of universal lists',
	methods: [
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many list fields',
			description: 'Describe the fields of a list, one item per field (lists.field.get)',
			method: 'lists.field.get',
			params: listAddress,
			// lists.field.get answers every field at once, keyed by field ID
			list: { rowsAt: [], idKey: 'FIELD_ID', paging: 'single' },
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a list field',
			description: 'Describe one field of a list (lists.field.get)',
			method: 'lists.field.get',
			params: [...listAddress, fieldId],
			// with FIELD_ID the answer is that one field, keyed by its type
			shape: firstRow('Field', 'FIELD_ID'),
		},
		{
			value: 'create',
			name: 'Create',
			action: 'Create a list field',
			description: 'Add a field to a list (lists.field.add). Needs full access to the list.',
			method: 'lists.field.add',
			params: [...listAddress, ...fieldFields()],
			output: { as: 'FIELD_ID' },
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a list field',
			description: 'Change a field of a list (lists.field.update). Needs full access to the list.',
			method: 'lists.field.update',
			params: [...listAddress, fieldId, ...fieldFields()],
			output: { as: 'updated', echo: { FIELD_ID: 'FIELD_ID' } },
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a list field',
			description:
				'Remove a field from a list (lists.field.delete). Needs full access to the list.',
			method: 'lists.field.delete',
			params: [...listAddress, fieldId],
			output: { as: 'deleted', echo: { FIELD_ID: 'FIELD_ID' } },
		},
	],
};
