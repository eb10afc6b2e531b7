import type { IDataObject } from 'n8n-workflow';

import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { userPicker, usersPicker } from '../user-picker';
import { getMembers } from './chat/get-members.operation';
import { getMessages } from './chat/get-messages.operation';
import { updateAvatar } from './chat/update-avatar.operation';
import { chatIdParam, dialogIdParam } from './dialog-id';
import { success } from './success';

const COLORS = [
	'AQUA',
	'AZURE',
	'BROWN',
	'DARK_BLUE',
	'GRAPHITE',
	'GRAY',
	'GREEN',
	'KHAKI',
	'LIGHT_BLUE',
	'LIME',
	'MARENGO',
	'MINT',
	'PINK',
	'PURPLE',
	'RED',
	'SAND',
].map((value) => ({
	name: value
		.split('_')
		.map((word) => word.charAt(0) + word.slice(1).toLowerCase())
		.join(' '),
	value,
}));

const userIdParam: ParamSpec = {
	name: 'userId',
	label: 'User ID',
	path: 'USER_ID',
	type: 'id',
	required: true,
	v2: userPicker('User'),
};

const chatEcho = { chatId: 'CHAT_ID' };

const create: MethodSpec = {
	value: 'create',
	name: 'Create',
	action: 'Create a chat',
	description: 'Create a group chat (im.chat.add)',
	method: 'im.chat.add',
	params: [
		{ name: 'title', label: 'Title', path: 'TITLE', type: 'string', required: true },
		{
			name: 'userIds',
			label: 'User IDs',
			path: 'USERS',
			type: 'idList',
			description: 'Members besides you, separated by commas, e.g. 2, 3',
			v2: usersPicker('Member Names or IDs', 'Members besides you'),
		},
		{
			name: 'chatType',
			label: 'Type',
			path: 'TYPE',
			type: 'options',
			options: [
				{ name: 'Closed', value: 'CHAT' },
				{ name: 'Open', value: 'OPEN' },
			],
			description: 'Closed chats are by invitation; open chats anyone can find and join',
		},
		{ name: 'description', label: 'Description', path: 'DESCRIPTION', type: 'text' },
		{
			name: 'color',
			label: 'Color',
			path: 'COLOR',
			type: 'options',
			options: COLORS,
			default: 'MINT',
		},
		{ name: 'message', label: 'First Message', path: 'MESSAGE', type: 'text' },
		{
			name: 'avatar',
			label: 'Avatar (Base64)',
			path: 'AVATAR',
			type: 'string',
			description: 'An image as base64 text (at most 5000x5000)',
		},
		{
			name: 'entityType',
			label: 'Entity Type',
			path: 'ENTITY_TYPE',
			type: 'string',
			description: 'Links the chat to an object, e.g. CRM',
		},
		{
			name: 'entityId',
			label: 'Entity ID',
			path: 'ENTITY_ID',
			type: 'string',
			description: 'The linked object, e.g. DEAL|1663',
		},
	],
	shape: (_ctx, result) => ({ chatId: result as number, dialogId: `chat${String(result)}` }),
};

const getMemberIds: MethodSpec = {
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

const addUsers: MethodSpec = {
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

const removeUser: MethodSpec = {
	value: 'removeUser',
	name: 'Remove User',
	action: 'Remove a user from a chat',
	description: 'Exclude a member from a chat (im.chat.user.delete)',
	method: 'im.chat.user.delete',
	params: [chatIdParam, userIdParam],
	shape: success({ chatId: 'CHAT_ID', userId: 'USER_ID' }),
};

const leave: MethodSpec = {
	value: 'leave',
	name: 'Leave',
	action: 'Leave a chat',
	description: 'Leave a chat as the connected user (im.chat.leave)',
	method: 'im.chat.leave',
	params: [chatIdParam],
	shape: success(chatEcho),
};

const getUsers: MethodSpec = {
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

const updateTitle: MethodSpec = {
	value: 'updateTitle',
	name: 'Update Title',
	action: 'Update the title of a chat',
	description: 'Rename a chat (im.chat.updateTitle)',
	method: 'im.chat.updateTitle',
	params: [
		chatIdParam,
		{ name: 'title', label: 'Title', path: 'TITLE', type: 'string', required: true },
	],
	shape: success(chatEcho),
};

const updateColor: MethodSpec = {
	value: 'updateColor',
	name: 'Update Color',
	action: 'Update the color of a chat',
	description: 'Change the color of a chat (im.chat.updateColor)',
	method: 'im.chat.updateColor',
	params: [
		chatIdParam,
		{
			name: 'color',
			label: 'Color',
			path: 'COLOR',
			type: 'options',
			options: COLORS,
			default: 'MINT',
			required: true,
		},
	],
	shape: success(chatEcho),
};

const setOwner: MethodSpec = {
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

const mute: MethodSpec = {
	value: 'mute',
	name: 'Mute',
	action: 'Mute a chat',
	description: 'Turn off notifications from a chat for the connected user (im.chat.mute)',
	method: 'im.chat.mute',
	params: [chatIdParam],
	fixed: { MUTE: 'Y' },
	shape: success(chatEcho),
};

const unmute: MethodSpec = {
	...mute,
	value: 'unmute',
	name: 'Unmute',
	action: 'Unmute a chat',
	description: 'Turn notifications from a chat back on (im.chat.mute)',
	fixed: { MUTE: 'N' },
};

const get: MethodSpec = {
	value: 'get',
	name: 'Get',
	action: 'Get a chat',
	description: 'Get a chat or dialog with its settings and counters (im.dialog.get)',
	method: 'im.dialog.get',
	params: [dialogIdParam],
};

const sendTyping: MethodSpec = {
	value: 'sendTyping',
	name: 'Send Typing Indicator',
	action: 'Send a typing indicator',
	description: 'Show "is typing" in a dialog (im.dialog.writing)',
	method: 'im.dialog.writing',
	params: [dialogIdParam],
	shape: success({ dialogId: 'DIALOG_ID' }),
};

const getStatus: MethodSpec = {
	value: 'getStatus',
	name: 'Get Status',
	action: 'Get my messenger status',
	description: "The connected user's status (im.user.status.get)",
	method: 'im.user.status.get',
	params: [],
	shape: (_ctx, result) => ({ status: result as string }),
};

const setStatus: MethodSpec = {
	value: 'setStatus',
	name: 'Set Status',
	action: 'Set my messenger status',
	description: "Set the connected user's status (im.user.status.set)",
	method: 'im.user.status.set',
	params: [
		{
			name: 'status',
			label: 'Status',
			path: 'STATUS',
			type: 'options',
			required: true,
			options: [
				{ name: 'Away', value: 'away' },
				{ name: 'Do Not Disturb', value: 'dnd' },
				{ name: 'On Break', value: 'break' },
				{ name: 'Online', value: 'online' },
			],
			default: 'online',
		},
	],
	shape: (_ctx, result, params) => ({ status: params.STATUS as string, success: result === true }),
};

const readAll: MethodSpec = {
	value: 'readAll',
	name: 'Mark All as Read',
	action: 'Mark all chats as read',
	description: 'Mark every chat of the connected user as read (im.dialog.read.all)',
	method: 'im.dialog.read.all',
	params: [],
	shape: success(),
};

const getFolder: MethodSpec = {
	value: 'getFolder',
	name: 'Get Files Folder',
	action: 'Get the files folder of a chat',
	description: "The Drive folder that holds a chat's files (im.disk.folder.get)",
	method: 'im.disk.folder.get',
	params: [chatIdParam],
	shape: (_ctx, result, params) => ({
		chatId: params.CHAT_ID as number,
		folderId: (result as IDataObject | undefined)?.ID as number,
	}),
};

/** Group chats and dialogs: members, settings, status; history and members page by the methods' own cursors. */
export const chat: ResourceSpec = {
	value: 'chat',
	name: 'Chat',
	description: 'Group chats and dialogs of the messenger',
	methods: [
		create,
		get,
		getMemberIds,
		getUsers,
		addUsers,
		removeUser,
		leave,
		updateTitle,
		updateColor,
		setOwner,
		mute,
		unmute,
		sendTyping,
		readAll,
		getStatus,
		setStatus,
		getFolder,
	],
	operations: [getMembers, getMessages, updateAvatar],
};
