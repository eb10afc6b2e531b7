import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { WORKGROUP_LOCATOR } from './workgroup-locator';

const groupId: ParamSpec = {
	name: 'groupId',
	label: 'Workgroup',
	path: 'GROUP_ID',
	type: 'id',
	required: true,
	locator: WORKGROUP_LOCATOR,
};

const USER_HINT =
	'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>';

const INVITE_PERMISSIONS = [
	{ name: 'All Members', value: 'K' },
	{ name: 'Owner and Moderators', value: 'E' },
	{ name: 'Owner Only', value: 'A' },
];

/** Fields sonet_group.create and sonet_group.update both take (top-level UPPER_CASE parameters). */
function groupFields(required: boolean): ParamSpec[] {
	return [
		{ name: 'name', label: 'Name', path: 'NAME', type: 'string', required },
		{ name: 'description', label: 'Description', path: 'DESCRIPTION', type: 'text' },
		{
			name: 'visible',
			label: 'Visible in the List',
			path: 'VISIBLE',
			type: 'yesNo',
			description: 'Whether the group is shown in the list of groups',
		},
		{
			name: 'opened',
			label: 'Open to Join',
			path: 'OPENED',
			type: 'yesNo',
			description: 'Whether users may join without an invitation or a confirmed request',
		},
		{
			name: 'closed',
			label: 'Archived',
			path: 'CLOSED',
			type: 'yesNo',
			description: 'Whether the group is archived',
		},
		{
			name: 'keywords',
			label: 'Keywords',
			path: 'KEYWORDS',
			type: 'string',
			description: 'Keywords separated by commas',
		},
		{
			name: 'initiatePerms',
			label: 'Who Can Invite',
			path: 'INITIATE_PERMS',
			type: 'options',
			options: INVITE_PERMISSIONS,
			default: 'K',
		},
		{
			name: 'projectDateStart',
			label: 'Project Start',
			path: 'PROJECT_DATE_START',
			type: 'dateTime',
		},
		{
			name: 'projectDateFinish',
			label: 'Project End',
			path: 'PROJECT_DATE_FINISH',
			type: 'dateTime',
		},
		{
			name: 'ownerId',
			label: 'Owner Name or ID',
			path: 'OWNER_ID',
			type: 'options',
			loadOptionsMethod: 'getUsers',
			description: `${required ? 'Only an administrator may name the owner; for others the current user becomes the owner. ' : ''}${USER_HINT}`,
		},
	];
}

/** sonet_group.get with GROUP_ID answers a list: the one row, or an error when it is missing or hidden. */
const oneGroup: NonNullable<MethodSpec['shape']> = (ctx, result, params, itemIndex) => {
	const rows = Array.isArray(result) ? (result as IDataObject[]) : [];
	const row = rows.find((entry) => String(entry.ID) === String(params.GROUP_ID));
	if (!row)
		throw new NodeOperationError(
			ctx.getNode(),
			`Workgroup ${String(params.GROUP_ID)} was not found or you have no access to it`,
			{ itemIndex },
		);
	return row;
};

const methods: MethodSpec[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create a workgroup',
		description: 'Create a workgroup or project (sonet_group.create)',
		method: 'sonet_group.create',
		params: [
			...groupFields(true),
			{
				name: 'project',
				label: 'Project',
				path: 'PROJECT',
				type: 'yesNo',
				description: 'Whether to create a project instead of a group',
			},
			{
				name: 'subjectId',
				label: 'Subject ID',
				path: 'SUBJECT_ID',
				type: 'id',
				description: 'The subject (category) of the group',
			},
		],
		output: { as: 'ID' },
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update a workgroup',
		description:
			'Change a workgroup or project; only its owner or an administrator may (sonet_group.update)',
		method: 'sonet_group.update',
		params: [groupId, ...groupFields(false)],
		shape: (_ctx, result) => ({ ID: result as number, updated: true }),
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a workgroup',
		description:
			'Delete a workgroup or project; only its owner or an administrator may (sonet_group.delete)',
		method: 'sonet_group.delete',
		params: [groupId],
		shape: (_ctx, result, params) => ({ ID: params.GROUP_ID as number, deleted: result === true }),
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get a workgroup',
		description: 'Get a workgroup or project (sonet_group.get)',
		method: 'sonet_group.get',
		params: [
			groupId,
			{
				name: 'isAdmin',
				label: 'Ignore Permissions',
				path: 'IS_ADMIN',
				type: 'yesNo',
				description: 'Whether an administrator sees the group even when it is hidden from them',
			},
		],
		shape: oneGroup,
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many workgroups',
		description: 'List the workgroups and projects the user may see (sonet_group.get)',
		method: 'sonet_group.get',
		params: [
			{
				name: 'nameContains',
				label: 'Name Contains',
				path: 'FILTER.%NAME',
				type: 'string',
				description: 'Only groups whose name contains this text',
			},
			{
				name: 'ownerId',
				label: 'Owner Name or ID',
				path: 'FILTER.OWNER_ID',
				type: 'options',
				loadOptionsMethod: 'getUsers',
				description: `Only groups of this owner. ${USER_HINT}.`,
			},
			{
				name: 'isAdmin',
				label: 'Ignore Permissions',
				path: 'IS_ADMIN',
				type: 'yesNo',
				description: 'Whether an administrator sees hidden groups as well',
			},
		],
		list: {
			rowsAt: [],
			idKey: 'ID',
			paging: 'offset',
			filterParam: 'FILTER',
			orderParam: 'ORDER',
			selectParam: false,
		},
	},
];

export const workgroupSpec: ResourceSpec = {
	value: 'workgroup',
	name: 'Workgroup',
	description: 'Workgroups and projects',
	methods,
	first: 'create',
};
