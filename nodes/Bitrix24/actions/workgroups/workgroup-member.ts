import type { IDataObject } from 'n8n-workflow';

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

function userPicker(label: string): ParamSpec {
	return {
		name: 'userId',
		label: `${label} Name or ID`,
		path: 'USER_ID',
		type: 'options',
		loadOptionsMethod: 'getUsers',
		required: true,
		description: USER_HINT,
	};
}

/** The member methods answer the IDs they acted on; one item says whether the chosen user was among them. */
function outcome(flag: string): NonNullable<MethodSpec['shape']> {
	return (_ctx, result, params) => {
		const ids = (Array.isArray(result) ? result : []).map(String);
		return {
			groupId: params.GROUP_ID as number,
			userId: Number(params.USER_ID),
			[flag]: ids.includes(String(params.USER_ID)),
		} as IDataObject;
	};
}

const methods: MethodSpec[] = [
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many workgroup members',
		description:
			'List the active members of a workgroup with their roles: A owner, E moderator, K member (sonet_group.user.get)',
		method: 'sonet_group.user.get',
		params: [{ ...groupId, path: 'ID' }],
		list: { rowsAt: [], idKey: 'USER_ID', paging: 'single' },
		output: { echo: { groupId: 'ID' } },
	},
	{
		value: 'add',
		name: 'Add',
		action: 'Add a member to a workgroup',
		description:
			'Add a user to a workgroup without an invitation; administrators only (sonet_group.user.add)',
		method: 'sonet_group.user.add',
		params: [groupId, userPicker('User')],
		shape: outcome('added'),
	},
	{
		value: 'remove',
		name: 'Remove',
		action: 'Remove a member from a workgroup',
		description:
			'Remove a user from a workgroup; the owner cannot be removed; administrators only (sonet_group.user.delete)',
		method: 'sonet_group.user.delete',
		params: [groupId, userPicker('User')],
		shape: outcome('removed'),
	},
	{
		value: 'invite',
		name: 'Invite',
		action: 'Invite a user to a workgroup',
		description: 'Send a user an invitation to a workgroup (sonet_group.user.invite)',
		method: 'sonet_group.user.invite',
		params: [
			groupId,
			userPicker('User'),
			{
				name: 'message',
				label: 'Message',
				path: 'MESSAGE',
				type: 'text',
				description: 'Text of the invitation',
			},
		],
		shape: outcome('invited'),
	},
];

export const workgroupMemberSpec: ResourceSpec = {
	value: 'workgroupMember',
	name: 'Workgroup Member',
	description: 'Members and invitations of workgroups and projects',
	methods,
	first: 'add',
};
