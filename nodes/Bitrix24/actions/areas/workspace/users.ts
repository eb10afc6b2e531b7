import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../../shared/descriptions/paging';
import { bitrix24List } from '../../../../shared/transport';
import { methodOperation, methodResource } from '../../method-table/build';
import type { MethodSpec, ParamSpec, ResourceSpec } from '../../method-table/spec';
import { paramError, readLimit } from '../../params';
import type { CallOperation, OperationEntry, Resource, RunOperation } from '../../types';
import { adjust } from './shared';
import { optionsCollection } from '../../../../shared/descriptions/options';

/** A user picked From List (searched by name, email or position), By ID, or By URL (their profile page). */
const userId: ParamSpec = {
	name: 'userId',
	label: 'User',
	path: 'ID',
	type: 'id',
	required: true,
	locator: {
		searchListMethod: 'searchUsers',
		urlPattern: '/company/personal/user/(\\d+)',
		urlPlaceholder: 'https://your-portal.bitrix24.com/company/personal/user/7/',
	},
};

/** Profile fields user.add and user.update share. */
const profile: ParamSpec[] = [
	{ name: 'firstName', label: 'First Name', path: 'NAME', type: 'string' },
	{ name: 'lastName', label: 'Last Name', path: 'LAST_NAME', type: 'string' },
	{ name: 'secondName', label: 'Middle Name', path: 'SECOND_NAME', type: 'string' },
	{ name: 'workPosition', label: 'Job Title', path: 'WORK_POSITION', type: 'string' },
	{
		name: 'gender',
		label: 'Gender',
		path: 'PERSONAL_GENDER',
		type: 'options',
		options: [
			{ name: 'Female', value: 'F' },
			{ name: 'Male', value: 'M' },
		],
		default: 'F',
	},
	{ name: 'birthday', label: 'Date of Birth', path: 'PERSONAL_BIRTHDAY', type: 'string', placeholder: '1990-05-17' },
	{ name: 'personalPhone', label: 'Personal Phone', path: 'PERSONAL_PHONE', type: 'string' },
	{ name: 'personalMobile', label: 'Personal Mobile', path: 'PERSONAL_MOBILE', type: 'string' },
	{ name: 'personalCity', label: 'City', path: 'PERSONAL_CITY', type: 'string' },
	{ name: 'workPhone', label: 'Company Phone', path: 'WORK_PHONE', type: 'string' },
	{ name: 'innerPhone', label: 'Extension', path: 'UF_PHONE_INNER', type: 'string' },
];

const departmentIds = (required: boolean): ParamSpec => ({
	name: 'departmentIds',
	label: 'Department IDs',
	path: 'UF_DEPARTMENT',
	type: 'idList',
	required,
	description: 'Departments the user belongs to, separated by commas',
});

const create: MethodSpec = {
	value: 'create',
	name: 'Create',
	action: 'Invite a user',
	description: 'Invite a new user to the portal by e-mail (user.add)',
	method: 'user.add',
	params: [{ name: 'email', label: 'Email', path: 'EMAIL', type: 'string', required: true, placeholder: 'name@email.com' }, departmentIds(true), ...profile],
	output: { as: 'ID' },
};

const update: MethodSpec = {
	value: 'update',
	name: 'Update',
	action: 'Update a user',
	description: 'Change a user\'s profile (user.update)',
	method: 'user.update',
	params: [userId, { name: 'email', label: 'Email', path: 'EMAIL', type: 'string', placeholder: 'name@email.com' }, departmentIds(false), ...profile],
	output: { as: 'updated', echo: { ID: 'ID' } },
};

const current: MethodSpec = {
	value: 'getCurrent',
	name: 'Get Current',
	action: 'Get the current user',
	description: 'Get the user the credential acts as (user.current)',
	method: 'user.current',
	params: [],
};

const fields: MethodSpec = {
	value: 'getFields',
	name: 'Get Fields',
	action: 'Get user fields',
	description: 'List the fields of a user profile (user.fields)',
	method: 'user.fields',
	params: [],
};

const activation = (value: 'activate' | 'deactivate'): MethodSpec => ({
	value,
	name: value === 'activate' ? 'Activate' : 'Deactivate',
	action: value === 'activate' ? 'Activate a user' : 'Deactivate a user',
	description: value === 'activate' ? 'Let a dismissed user sign in again (user.update ACTIVE=Y)' : 'Dismiss a user: they can no longer sign in (user.update ACTIVE=N)',
	method: 'user.update',
	params: [userId],
});

const getOne: MethodSpec = {
	value: 'get',
	name: 'Get',
	action: 'Get a user',
	description: 'Get a user by ID (user.get)',
	method: 'user.get',
	params: [{ ...userId, path: 'FILTER.ID' }],
};

function userNotFound(ctx: IExecuteFunctions, params: IDataObject, itemIndex: number): never {
	const id = (params.FILTER as IDataObject | undefined)?.ID;
	throw paramError(ctx, itemIndex, 'User', `no user with ID ${String(id)} on the portal (or not visible to this credential)`);
}

// ---------------------------------------------------------------- Get Many and Search

const filterOptions: INodeProperties[] = [
	{ displayName: 'Active Only', name: 'activeOnly', type: 'boolean', default: true, description: 'Whether to leave out dismissed users' },
	{ displayName: 'Department ID', name: 'departmentId', type: 'number', default: 0, description: 'Only users of this department' },
	{
		displayName: 'Filter (JSON)',
		name: 'filterJson',
		type: 'json',
		default: '{}',
		description: 'More conditions with Bitrix24 prefixes, e.g. {"%LAST_NAME": "smi", "USER_TYPE": "employee"}',
	},
];

/** user.search reads either its search text or filter fields, never both: Search has no filters. */
const listOptions = (resource: string, operation: string, extra: INodeProperties[], filters: INodeProperties[]): INodeProperties[] =>
	updateDisplayOptions({ show: { resource: [resource], operation: [operation] } }, [
		...extra,
		...returnAllOrLimit,
		optionsCollection([
				...filters,
				{ displayName: 'Sort By', name: 'sort', type: 'string', default: '', placeholder: 'LAST_NAME', description: 'Field to sort by; anything but ID pages more slowly' },
				{
					displayName: 'Sort Direction',
					name: 'order',
					type: 'options',
					options: [
						{ name: 'Ascending', value: 'ASC' },
						{ name: 'Descending', value: 'DESC' },
					],
					default: 'ASC',
				},
			]),
	]);

function readUserFilter(ctx: IExecuteFunctions, itemIndex: number): { filter: IDataObject; options: IDataObject } {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const filter: IDataObject = {};
	if (options.filterJson !== undefined && options.filterJson !== '') {
		const raw = options.filterJson;
		let parsed: unknown = raw;
		if (typeof raw === 'string') {
			try {
				parsed = JSON.parse(raw) as unknown;
			} catch (error) {
				throw paramError(ctx, itemIndex, 'Filter (JSON)', `is not valid JSON (${(error as Error).message})`);
			}
		}
		if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw paramError(ctx, itemIndex, 'Filter (JSON)', 'must be a JSON object');
		Object.assign(filter, parsed);
	}
	if (options.activeOnly !== false) filter.ACTIVE = true;
	if (typeof options.departmentId === 'number' && options.departmentId > 0) filter.UF_DEPARTMENT = options.departmentId;
	return { filter, options };
}

/**
 * user.get takes its order as two strings (`sort`, `order`), not as an object: the transport's
 * fast walk (ID order, `>ID`, `start=-1`, 50 pages a batch) gets user.get's own page parameters.
 */
async function walkUsers(ctx: IExecuteFunctions, base: IDataObject, filter: IDataObject, limit: number, itemIndex: number): Promise<IDataObject[]> {
	const rest = { ...filter };
	delete rest['>ID'];
	return await bitrix24List(
		ctx,
		{
			method: 'user.get',
			params: base,
			rowsAt: [],
			idKey: 'ID',
			startAfter: filter['>ID'] ?? 0,
			pageAfter: (after) => ({ ...base, FILTER: { ...rest, '>ID': after }, sort: 'ID', order: 'ASC', start: -1 }),
		},
		limit,
		itemIndex,
	);
}

const getMany: RunOperation = {
	description: listOptions('user', 'getAll', [], filterOptions),
	async run(itemIndex) {
		const { filter, options } = readUserFilter(this, itemIndex);
		const limit = readLimit(this, itemIndex);
		const sort = typeof options.sort === 'string' ? options.sort.trim() : '';
		const byId = !sort || (sort.toUpperCase() === 'ID' && options.order !== 'DESC');
		if (byId) return await walkUsers(this, {}, filter, limit, itemIndex);
		const params: IDataObject = { FILTER: filter, sort, order: options.order === 'DESC' ? 'DESC' : 'ASC' };
		return await bitrix24List(this, { method: 'user.get', params, rowsAt: [], idKey: 'ID', paging: 'offset' }, limit, itemIndex);
	},
};

const search: RunOperation = {
	description: listOptions('user', 'search', [
		{
			displayName: 'Search Text',
			name: 'query',
			type: 'string',
			required: true,
			default: '',
			description: 'Found in first name, last name, middle name, department name and job title',
		},
	], []),
	async run(itemIndex) {
		const query = String(this.getNodeParameter('query', itemIndex, '')).trim();
		if (!query) throw paramError(this, itemIndex, 'Search Text', 'is required');
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const params: IDataObject = { FILTER: { FIND: query } };
		const sort = typeof options.sort === 'string' ? options.sort.trim() : '';
		if (sort) {
			params.sort = sort;
			params.order = options.order === 'DESC' ? 'DESC' : 'ASC';
		}
		const limit = readLimit(this, itemIndex);
		return await bitrix24List(this, { method: 'user.search', params, rowsAt: [], idKey: 'ID', paging: 'offset' }, limit, itemIndex);
	},
};

// ---------------------------------------------------------------- the resource

function entry(spec: MethodSpec, operation: OperationEntry['operation']): OperationEntry {
	return { value: spec.value, name: spec.name, action: spec.action, description: spec.description, operation };
}

const op = (spec: MethodSpec): CallOperation => methodOperation('user', spec) as CallOperation;

export const userResource: Resource = {
	value: 'user',
	name: 'User',
	description: 'Portal users (employees)',
	operations: [
		entry(
			activation('activate'),
			adjust('user', activation('activate'), (params) => (params.ACTIVE = 'Y'), (result, params) => ({ ID: params.ID as number, active: result === true })),
		),
		entry(create, op(create)),
		entry(
			activation('deactivate'),
			adjust('user', activation('deactivate'), (params) => (params.ACTIVE = 'N'), (result, params) => ({ ID: params.ID as number, active: result !== true })),
		),
		entry(
			getOne,
			adjust('user', getOne, undefined, function (result, params, itemIndex) {
				const rows = Array.isArray(result) ? (result as IDataObject[]) : [];
				if (rows.length === 0) userNotFound(this, params, itemIndex);
				return rows[0];
			}),
		),
		entry(current, op(current)),
		entry(
			fields,
			adjust('user', fields, undefined, (result) =>
				Object.entries((result ?? {}) as IDataObject).map(([name, title]) => ({ name, title: title as string })),
			),
		),
		{ value: 'getAll', name: 'Get Many', action: 'Get many users', description: 'List users matching a filter (user.get)', operation: getMany },
		{ value: 'search', name: 'Search', action: 'Search users', description: 'Find users by name, department or job title (user.search)', operation: search },
		entry(update, op(update)),
	],
};

// ---------------------------------------------------------------- departments

const departmentId: ParamSpec = { name: 'departmentId', label: 'Department ID', path: 'ID', type: 'id', required: true };
const departmentFields = (parentRequired: boolean): ParamSpec[] => [
	{ name: 'parentId', label: 'Parent Department ID', path: 'PARENT', type: 'id', required: parentRequired },
	{ name: 'sort', label: 'Sort', path: 'SORT', type: 'number', default: 500 },
	{ name: 'headId', label: 'Head User ID', path: 'UF_HEAD', type: 'id', description: 'The user who heads the department' },
];

const departmentSpec: ResourceSpec = {
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
			params: [{ name: 'name', label: 'Name', path: 'NAME', type: 'string', required: true }, ...departmentFields(true)],
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
			params: [departmentId, { name: 'name', label: 'Name', path: 'NAME', type: 'string' }, ...departmentFields(false)],
			output: { as: 'updated', echo: { ID: 'ID' } },
		},
	],
};

/** department.get takes its filter as top-level parameters and its order as two strings. */
const departmentGetMany: RunOperation = {
	description: updateDisplayOptions({ show: { resource: ['department'], operation: ['getAll'] } }, [
		...returnAllOrLimit,
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{ displayName: 'Head User ID', name: 'headId', type: 'number', default: 0 },
				{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'The full name of the department' },
				{ displayName: 'Parent Department ID', name: 'parentId', type: 'number', default: 0 },
				{ displayName: 'Sort By', name: 'sort', type: 'options', options: ['ID', 'NAME', 'SORT', 'PARENT', 'UF_HEAD'].map((f) => ({ name: f, value: f })), default: 'SORT' },
				{
					displayName: 'Sort Direction',
					name: 'order',
					type: 'options',
					options: [
						{ name: 'Ascending', value: 'ASC' },
						{ name: 'Descending', value: 'DESC' },
					],
					default: 'ASC',
				},
			],
		},
	]),
	async run(itemIndex) {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const params: IDataObject = {};
		if (typeof filters.name === 'string' && filters.name) params.NAME = filters.name;
		if (typeof filters.parentId === 'number' && filters.parentId > 0) params.PARENT = filters.parentId;
		if (typeof filters.headId === 'number' && filters.headId > 0) params.UF_HEAD = filters.headId;
		if (filters.sort) {
			params.sort = filters.sort;
			params.order = filters.order === 'DESC' ? 'DESC' : 'ASC';
		}
		const limit = readLimit(this, itemIndex);
		return await bitrix24List(this, { method: 'department.get', params, rowsAt: [], idKey: 'ID', paging: 'offset' }, limit, itemIndex);
	},
};

const departments = methodResource(departmentSpec);
export const departmentResource: Resource = {
	...departments,
	operations: [
		...departments.operations.slice(0, 2),
		{ value: 'getAll', name: 'Get Many', action: 'Get many departments', description: 'List departments (department.get)', operation: departmentGetMany },
		...departments.operations.slice(2),
	],
};
