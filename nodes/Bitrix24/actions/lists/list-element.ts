import type { ParamSpec, ResourceSpec } from '../method-table/spec';
import { firstRow, listAddress } from './common';
import { elementFieldsAdjust } from './element-fields';

const elementId: ParamSpec = {
	name: 'elementId',
	label: 'Element ID',
	path: 'ELEMENT_ID',
	type: 'id',
	required: true,
};

/** FIELDS of lists.element.add / update: NAME plus PROPERTY_<ID> values. */
function elementFields(update: boolean): ParamSpec[] {
	const fields: ParamSpec[] = [
		{
			name: 'properties',
			label: 'Fields (JSON)',
			path: 'FIELDS',
			type: 'json',
			description: `Values of the list's fields by field ID, e.g. {"PROPERTY_951": ["1269", "1271"], "PROPERTY_1003": "2024-12-31 23:59:59"}; a multiple field takes a list${update ? '. Update overwrites the element: fields left out are cleared.' : ''}`,
		},
		{ name: 'name', label: 'Name', path: 'FIELDS.NAME', type: 'string', required: true },
	];
	// lists.element.update documents no section: an element is placed when it is created
	if (!update)
		fields.push({
			name: 'sectionId',
			label: 'Section ID',
			path: 'IBLOCK_SECTION_ID',
			type: 'id',
			description: 'The section the element goes in; empty for the top level',
		});
	return fields;
}

/** Elements (rows) of a universal list. */
export const listElementSpec: ResourceSpec = {
	value: 'listsElement',
	name: 'List Element',
	description: 'Elements (rows) of universal lists',
	first: 'create',
	methods: [
		{
			value: 'create',
			name: 'Create',
			action: 'Create a list element',
			description: 'Add an element to a list (lists.element.add)',
			method: 'lists.element.add',
			params: [
				...listAddress,
				{
					name: 'elementCode',
					label: 'Code',
					path: 'ELEMENT_CODE',
					type: 'string',
					required: true,
					description: 'Symbolic code of the element, unique in the list',
				},
				...elementFields(false),
			],
			adjust: elementFieldsAdjust,
			output: { as: 'ID' },
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a list element',
			description: 'Get an element of a list (lists.element.get)',
			method: 'lists.element.get',
			params: [...listAddress, elementId],
			shape: firstRow('Element', 'ELEMENT_ID'),
		},
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many list elements',
			description: 'List the elements of a list (lists.element.get)',
			method: 'lists.element.get',
			params: [
				...listAddress,
				{
					name: 'sectionId',
					label: 'Section ID',
					path: 'FILTER.IBLOCK_SECTION_ID',
					type: 'number',
					description: 'Only elements of this section',
				},
				{
					name: 'nameContains',
					label: 'Name Contains',
					path: 'FILTER.%NAME',
					type: 'string',
					description: 'Only elements whose name contains this text',
				},
			],
			list: {
				rowsAt: [],
				idKey: 'ID',
				paging: 'offset',
				filterParam: 'FILTER',
				orderParam: 'ELEMENT_ORDER',
				selectParam: 'SELECT',
			},
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a list element',
			description:
				'Overwrite an element of a list; fields left out are cleared (lists.element.update)',
			method: 'lists.element.update',
			params: [...listAddress, elementId, ...elementFields(true)],
			adjust: elementFieldsAdjust,
			output: { as: 'updated', echo: { ID: 'ELEMENT_ID' } },
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a list element',
			description: 'Delete an element of a list (lists.element.delete)',
			method: 'lists.element.delete',
			params: [...listAddress, elementId],
			output: { as: 'deleted', echo: { ID: 'ELEMENT_ID' } },
		},
	],
};
