import type { IDataObject } from 'n8n-workflow';

import type { MethodSpec, ResourceSpec } from '../method-table/spec';
import { usersPicker } from '../user-picker';
import { getMembers } from './chat/get-members.operation';
import { getMessages } from './chat/get-messages.operation';
import { updateAvatar } from './chat/update-avatar.operation';
import { chatIdParam, dialogIdParam } from './dialog-id';
import {
	addUsers,
	chatEcho,
	getMemberIds,
	getUsers,
	leave,
	removeUser,
	setOwner,
} from './chat-members';
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
