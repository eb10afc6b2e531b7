import type { ParamSpec, ResourceSpec } from '../method-table/spec';
import { listAddress } from './common';

const sectionId: ParamSpec = {
	name: 'sectionId',
	label: 'Section ID',
	path: 'SECTION_ID',
	type: 'id',
	required: true,
};

function sectionFields(): ParamSpec[] {
	return [
		{ name: 'sort', label: 'Sort', path: 'FIELDS.SORT', type: 'number', default: 500 },
		{
			name: 'active',
			label: 'Active',
			path: 'FIELDS.ACTIVE',
			type: 'yesNo',
			default: true,
			description: 'Whether the section is active',
		},
		{ name: 'externalId', label: 'External ID', path: 'FIELDS.EXTERNAL_ID', type: 'string' },
		{ name: 'xmlId', label: 'XML ID', path: 'FIELDS.XML_ID', type: 'string' },
	];
}

const name: ParamSpec = {
	name: 'name',
	label: 'Name',
	path: 'FIELDS.NAME',
	type: 'string',
	required: true,
};

/** Sections (folders) of a universal list. */
export const listSectionSpec: ResourceSpec = {
	value: 'listsSection',
	name: 'List Section',
	description: 'Sections (folders) of universal lists',
	methods: [
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many list sections',
			description: 'List the sections of a list (lists.section.get)',
			method: 'lists.section.get',
			params: [
				...listAddress,
				{
					name: 'parentId',
					label: 'Parent Section ID',
					path: 'FILTER.IBLOCK_SECTION_ID',
					type: 'number',
					description: 'Only sections inside this one; 0 for the top level',
				},
			],
			// lists.section.get answers every section at once; it documents FILTER and SELECT, no order
			list: {
				rowsAt: [],
				idKey: 'ID',
				paging: 'single',
				filterParam: 'FILTER',
				orderParam: 'ORDER',
				selectParam: 'SELECT',
			},
		},
		{
			value: 'create',
			name: 'Create',
			action: 'Create a list section',
			description: 'Add a section to a list (lists.section.add)',
			method: 'lists.section.add',
			params: [
				...listAddress,
				{
					name: 'sectionCode',
					label: 'Code',
					path: 'SECTION_CODE',
					type: 'string',
					required: true,
					description: 'Symbolic code of the section',
				},
				name,
				{
					name: 'parentId',
					label: 'Parent Section ID',
					path: 'IBLOCK_SECTION_ID',
					type: 'id',
					description: 'The section to create it in; empty for the top level',
				},
				...sectionFields(),
			],
			output: { as: 'ID' },
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a list section',
			description: 'Rename or change a section of a list (lists.section.update)',
			method: 'lists.section.update',
			params: [...listAddress, sectionId, name, ...sectionFields()],
			output: { as: 'updated', echo: { ID: 'SECTION_ID' } },
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a list section',
			description: 'Delete a section of a list (lists.section.delete)',
			method: 'lists.section.delete',
			params: [...listAddress, sectionId],
			output: { as: 'deleted', echo: { ID: 'SECTION_ID' } },
		},
	],
};
