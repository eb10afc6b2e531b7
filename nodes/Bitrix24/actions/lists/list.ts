import type { ParamSpec, ResourceSpec } from '../method-table/spec';
import { firstRow, iblockTypeId, listAddress, socnetGroupId } from './common';
import { getManyLists } from './list/get-many.operation';

/** FIELDS of lists.add / lists.update (NAME required by both). */
function listFields(): ParamSpec[] {
	return [
		{ name: 'description', label: 'Description', path: 'FIELDS.DESCRIPTION', type: 'text' },
		{ name: 'sort', label: 'Sort', path: 'FIELDS.SORT', type: 'number', default: 500 },
		{
			name: 'bizproc',
			label: 'Workflows',
			path: 'FIELDS.BIZPROC',
			type: 'yesNo',
			description: 'Whether the list supports workflows (business processes)',
		},
		{
			name: 'messages',
			label: 'Labels (JSON)',
			path: 'MESSAGES',
			type: 'json',
			description:
				'Labels of elements and sections, e.g. {"ELEMENT_NAME": "Request", "ELEMENTS_NAME": "Requests"}',
		},
		{
			name: 'rights',
			label: 'Rights (JSON)',
			path: 'RIGHTS',
			type: 'json',
			description:
				'Access by user or department code, e.g. {"U1": "X", "D5": "R"}; without it the caller gets full access',
		},
	];
}

const name: ParamSpec = {
	name: 'name',
	label: 'Name',
	path: 'FIELDS.NAME',
	type: 'string',
	required: true,
};

/** Universal lists (information blocks of type lists, bitrix_processes, lists_socnet). */
export const listSpec: ResourceSpec = {
	value: 'listsList',
	name: 'List',
	description: 'Universal lists',
	first: 'get',
	operations: [getManyLists],
	methods: [
		{
			value: 'get',
			name: 'Get',
			action: 'Get a list',
			description: "Get a list's settings (lists.get)",
			method: 'lists.get',
			params: listAddress,
			shape: firstRow('List', 'IBLOCK_ID'),
		},
		{
			value: 'create',
			name: 'Create',
			action: 'Create a list',
			description: 'Create a universal list (lists.add). Only a portal administrator may call it.',
			method: 'lists.add',
			params: [
				iblockTypeId,
				{
					name: 'iblockCode',
					label: 'Code',
					path: 'IBLOCK_CODE',
					type: 'string',
					required: true,
					description: 'Symbolic code of the new list, unique on the portal',
				},
				name,
				socnetGroupId,
				...listFields(),
			],
			output: { as: 'ID' },
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a list',
			description: "Change a list's settings (lists.update). Needs full access to the list.",
			method: 'lists.update',
			params: [...listAddress, name, ...listFields()],
			output: { as: 'updated', echo: { ID: 'IBLOCK_ID' } },
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a list',
			description: 'Delete a list with its elements (lists.delete). Needs full access to the list.',
			method: 'lists.delete',
			params: listAddress,
			output: { as: 'deleted', echo: { ID: 'IBLOCK_ID' } },
		},
	],
};
