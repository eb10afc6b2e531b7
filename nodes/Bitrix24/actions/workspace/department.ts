import type { ParamSpec, ResourceSpec } from '../method-table/spec';
import { departmentGetMany } from './department/get-many.operation';

const departmentId: ParamSpec = {
	name: 'departmentId',
	label: 'Department ID',
	path: 'ID',
	type: 'id',
	required: true,
};
const departmentFields = (parentRequired: boolean): ParamSpec[] => [
	{
		name: 'parentId',
		label: 'Parent Department ID',
		path: 'PARENT',
		type: 'id',
		required: parentRequired,
	},
	{ name: 'sort', label: 'Sort', path: 'SORT', type: 'number', default: 500 },
	{
		name: 'headId',
		label: 'Head User ID',
		path: 'UF_HEAD',
		type: 'id',
		description: 'The user who heads the department',
	},
];

/** The company structure. */
export const department: ResourceSpec = {
	value: 'department',
	name: 'Department',
	description: 'The company structure',
	methods: [
		{
			value: 'create',
			name: 'Create',
			action: 'Create a department',
			description: 'Add a department to the company structure (department.add)',
			method: 'department.add',
			params: [
				{ name: 'name', label: 'Name', path: 'NAME', type: 'string', required: true },
				...departmentFields(true),
			],
			output: { as: 'ID' },
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a department',
			description: 'Remove a department from the company structure (department.delete)',
			method: 'department.delete',
			params: [departmentId],
			output: { as: 'deleted', echo: { ID: 'ID' } },
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a department',
			description: 'Rename or move a department (department.update)',
			method: 'department.update',
			params: [
				departmentId,
				{ name: 'name', label: 'Name', path: 'NAME', type: 'string' },
				...departmentFields(false),
			],
			output: { as: 'updated', echo: { ID: 'ID' } },
		},
	],
	operations: [departmentGetMany],
};
