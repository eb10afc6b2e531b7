import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { paramError } from '../params';
import { userGetMany } from './user/get-many.operation';
import { userSearch } from './user/search.operation';

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
	{
		name: 'birthday',
		label: 'Date of Birth',
		path: 'PERSONAL_BIRTHDAY',
		type: 'string',
		placeholder: '1990-05-17',
	},
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

/** Activate and Deactivate are user.update with ACTIVE set; the item says whether the user is active now. */
const activation = (value: 'activate' | 'deactivate'): MethodSpec => {
	const activate = value === 'activate';
	return {
		value,
		name: activate ? 'Activate' : 'Deactivate',
		action: activate ? 'Activate a user' : 'Deactivate a user',
		description: activate
			? 'Let a dismissed user sign in again (user.update ACTIVE=Y)'
			: 'Dismiss a user: they can no longer sign in (user.update ACTIVE=N)',
		method: 'user.update',
		params: [userId],
		adjust: (_ctx, _itemIndex, params) => ({ ...params, ACTIVE: activate ? 'Y' : 'N' }),
		shape: (_ctx, result, params) => ({
			ID: params.ID as number,
			active: activate ? result === true : result !== true,
		}),
	};
};

function userNotFound(ctx: IExecuteFunctions, params: IDataObject, itemIndex: number): never {
	const id = (params.FILTER as IDataObject | undefined)?.ID;
	throw paramError(
		ctx,
		itemIndex,
		'User',
		`no user with ID ${String(id)} on the portal (or not visible to this credential)`,
	);
}

/** Portal users (employees). */
export const user: ResourceSpec = {
	value: 'user',
	name: 'User',
	description: 'Portal users (employees)',
	methods: [
		activation('activate'),
		{
			value: 'create',
			name: 'Create',
			action: 'Invite a user',
			description: 'Invite a new user to the portal by e-mail (user.add)',
			method: 'user.add',
			params: [
				{
					name: 'email',
					label: 'Email',
					path: 'EMAIL',
					type: 'string',
					required: true,
					placeholder: 'name@email.com',
				},
				departmentIds(true),
				...profile,
			],
			output: { as: 'ID' },
		},
		activation('deactivate'),
		{
			value: 'get',
			name: 'Get',
			action: 'Get a user',
			description: 'Get a user by ID (user.get)',
			method: 'user.get',
			params: [{ ...userId, path: 'FILTER.ID' }],
			// user.get answers with a list, empty when the ID is unknown
			shape: (ctx, result, params, itemIndex) => {
				const rows = Array.isArray(result) ? (result as IDataObject[]) : [];
				if (rows.length === 0) userNotFound(ctx, params, itemIndex);
				return rows[0];
			},
		},
		{
			value: 'getCurrent',
			name: 'Get Current',
			action: 'Get the current user',
			description: 'Get the user the credential acts as (user.current)',
			method: 'user.current',
			params: [],
		},
		{
			value: 'getFields',
			name: 'Get Fields',
			action: 'Get user fields',
			description: 'List the fields of a user profile (user.fields)',
			method: 'user.fields',
			params: [],
			// the answer maps each field name to its title: one item per field
			shape: (_ctx, result) =>
				Object.entries((result ?? {}) as IDataObject).map(([name, title]) => ({
					name,
					title: title as string,
				})),
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a user',
			description: "Change a user's profile (user.update)",
			method: 'user.update',
			params: [
				userId,
				{
					name: 'email',
					label: 'Email',
					path: 'EMAIL',
					type: 'string',
					placeholder: 'name@email.com',
				},
				departmentIds(false),
				...profile,
			],
			output: { as: 'updated', echo: { ID: 'ID' } },
		},
	],
	operations: [userGetMany, userSearch],
};
