import type { IDataObject } from 'n8n-workflow';

import type { MethodSpec, ParamSpec } from '../method-table/spec';
import { userPicker, usersPicker } from '../user-picker';
import { chatIdParam } from './dialog-id';
import { success } from './success';

/** The chat's members: who is in it, who joins, leaves or owns it (rows of the Chat table, chat.ts). */

export const userIdParam: ParamSpec = {
	name: 'userId',
	label: 'User ID',
	path: 'USER_ID',
	type: 'id',
	required: true,
	v2: userPicker('User'),
};

export const chatEcho = { chatId: 'CHAT_ID' };

export const getMemberIds: MethodSpec = {
	value: 'getMemberIds',
	name: 'Get Member IDs',
	action: 'Get the member IDs of a chat',
	description: 'One item per member of a chat (im.chat.user.list)',
	method: 'im.chat.user.list',
	params: [chatIdParam],
	shape: (_ctx, result, params) =>
		(Array.isArray(result) ? result : []).map((userId) => ({
			chatId: params.CHAT_ID as number,
			userId: userId as number,
		})),
};

export const addUsers: MethodSpec = {
	value: 'addUsers',
	name: 'Add Users',
	action: 'Add users to a chat',
	description: 'Invite users to a chat (im.chat.user.add)',
	method: 'im.chat.user.add',
	params: [
		chatIdParam,
		{
			name: 'userIds',
			label: 'User IDs',
			path: 'USERS',
			type: 'idList',
			required: true,
			description: 'Separated by commas, e.g. 4, 5',
			v2: usersPicker('User Names or IDs', 'The users to add'),
		},
		{
			name: 'hideHistory',
			label: 'Hide History',
			path: 'HIDE_HISTORY',
			type: 'yesNo',
			default: true,
			description: 'Whether the new members see only messages sent after they join',
		},
	],
	shape: success(chatEcho),
};

export const removeUser: MethodSpec = {
	value: 'removeUser',
	name: 'Remove User',
	action: 'Remove a user from a chat',
	description: 'Exclude a member from a chat (im.chat.user.delete)',
	method: 'im.chat.user.delete',
	params: [chatIdParam, userIdParam],
	shape: success({ chatId: 'CHAT_ID', userId: 'USER_ID' }),
};

export const leave: MethodSpec = {
	value: 'leave',
	name: 'Leave',
	action: 'Leave a chat',
	description: 'Leave a chat as the connected user (im.chat.leave)',
	method: 'im.chat.leave',
	params: [chatIdParam],
	shape: success(chatEcho),
};

export const getUsers: MethodSpec = {
	value: 'getUsers',
	name: 'Get Users by ID',
	action: 'Get messenger users by ID',
	description: 'Messenger profiles of the given users, one item each (im.user.list.get)',
	method: 'im.user.list.get',
	params: [
		{
			name: 'userIds',
			label: 'User IDs',
			path: 'ID',
			type: 'idList',
			required: true,
			description: 'Separated by commas, e.g. 1, 2',
			v2: usersPicker('User Names or IDs', 'The users to get'),
		},
	],
	// without it the answer is keyed by user ID
	fixed: { RESULT_TYPE: 'array' },
	shape: (_ctx, result) =>
		(Array.isArray(result)
			? result
			: Object.values((result ?? {}) as IDataObject)) as IDataObject[],
};

export const setOwner: MethodSpec = {
	value: 'setOwner',
	name: 'Set Owner',
	action: 'Set the owner of a chat',
	description: 'Hand a chat you own to another member (im.chat.setOwner)',
	method: 'im.chat.setOwner',
	params: [
		chatIdParam,
		{
			...userIdParam,
			label: 'New Owner User ID',
			description: 'Must be a member of the chat',
			v2: userPicker('New Owner', 'Must be a member of the chat'),
		},
	],
	shape: success({ chatId: 'CHAT_ID', ownerId: 'USER_ID' }),
};
