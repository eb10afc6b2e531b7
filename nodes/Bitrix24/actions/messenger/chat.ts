import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions/paging';
import type { RestCall } from '../../../shared/transport';
import { bitrix24Call } from '../../../shared/transport';
import type { MethodSpec, ParamSpec } from '../method-table/spec';
import { paramError, readLimit } from '../params';
import type { CallOperation, OperationEntry, Resource, RunOperation } from '../types';
import { callOperation, chatIdParam, checkDialogId, DIALOG_ID_DESCRIPTION, dialogIdParam, entry, success } from './dialog-id';
import { optionsCollection } from '../../../shared/descriptions/options';

const RESOURCE = 'chat';

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

const userIdParam: ParamSpec = { name: 'userId', label: 'User ID', path: 'USER_ID', type: 'id', required: true };

const create: MethodSpec = {
	value: 'create',
	name: 'Create',
	action: 'Create a chat',
	description: 'Create a group chat (im.chat.add)',
	method: 'im.chat.add',
	params: [
		{ name: 'title', label: 'Title', path: 'TITLE', type: 'string', required: true },
		{ name: 'userIds', label: 'User IDs', path: 'USERS', type: 'idList', description: 'Members besides you, separated by commas, e.g. 2, 3' },
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
		{ name: 'color', label: 'Color', path: 'COLOR', type: 'options', options: COLORS, default: 'MINT' },
		{ name: 'message', label: 'First Message', path: 'MESSAGE', type: 'text' },
		{ name: 'avatar', label: 'Avatar (Base64)', path: 'AVATAR', type: 'string', description: 'An image as base64 text (at most 5000x5000)' },
		{ name: 'entityType', label: 'Entity Type', path: 'ENTITY_TYPE', type: 'string', description: 'Links the chat to an object, e.g. CRM' },
		{ name: 'entityId', label: 'Entity ID', path: 'ENTITY_ID', type: 'string', description: 'The linked object, e.g. DEAL|1663' },
	],
};

const getMemberIds: MethodSpec = {
	value: 'getMemberIds',
	name: 'Get Member IDs',
	action: 'Get the member IDs of a chat',
	description: 'One item per member of a chat (im.chat.user.list)',
	method: 'im.chat.user.list',
	params: [chatIdParam],
};

const addUsers: MethodSpec = {
	value: 'addUsers',
	name: 'Add Users',
	action: 'Add users to a chat',
	description: 'Invite users to a chat (im.chat.user.add)',
	method: 'im.chat.user.add',
	params: [
		chatIdParam,
		{ name: 'userIds', label: 'User IDs', path: 'USERS', type: 'idList', required: true, description: 'Separated by commas, e.g. 4, 5' },
		{ name: 'hideHistory', label: 'Hide History', path: 'HIDE_HISTORY', type: 'yesNo', default: true, description: 'Whether the new members see only messages sent after they join' },
	],
};

const removeUser: MethodSpec = {
	value: 'removeUser',
	name: 'Remove User',
	action: 'Remove a user from a chat',
	description: 'Exclude a member from a chat (im.chat.user.delete)',
	method: 'im.chat.user.delete',
	params: [chatIdParam, userIdParam],
};

const leave: MethodSpec = {
	value: 'leave',
	name: 'Leave',
	action: 'Leave a chat',
	description: 'Leave a chat as the connected user (im.chat.leave)',
	method: 'im.chat.leave',
	params: [chatIdParam],
};

const getUsers: MethodSpec = {
	value: 'getUsers',
	name: 'Get Users by ID',
	action: 'Get messenger users by ID',
	description: 'Messenger profiles of the given users, one item each (im.user.list.get)',
	method: 'im.user.list.get',
	params: [{ name: 'userIds', label: 'User IDs', path: 'ID', type: 'idList', required: true, description: 'Separated by commas, e.g. 1, 2' }],
};

const updateTitle: MethodSpec = {
	value: 'updateTitle',
	name: 'Update Title',
	action: 'Update the title of a chat',
	description: 'Rename a chat (im.chat.updateTitle)',
	method: 'im.chat.updateTitle',
	params: [chatIdParam, { name: 'title', label: 'Title', path: 'TITLE', type: 'string', required: true }],
};

const updateColor: MethodSpec = {
	value: 'updateColor',
	name: 'Update Color',
	action: 'Update the color of a chat',
	description: 'Change the color of a chat (im.chat.updateColor)',
	method: 'im.chat.updateColor',
	params: [chatIdParam, { name: 'color', label: 'Color', path: 'COLOR', type: 'options', options: COLORS, default: 'MINT', required: true }],
};

const setOwner: MethodSpec = {
	value: 'setOwner',
	name: 'Set Owner',
	action: 'Set the owner of a chat',
	description: 'Hand a chat you own to another member (im.chat.setOwner)',
	method: 'im.chat.setOwner',
	params: [chatIdParam, { ...userIdParam, label: 'New Owner User ID', description: 'Must be a member of the chat' }],
};

const mute: MethodSpec = {
	value: 'mute',
	name: 'Mute',
	action: 'Mute a chat',
	description: 'Turn off notifications from a chat for the connected user (im.chat.mute)',
	method: 'im.chat.mute',
	params: [chatIdParam],
};

const unmute: MethodSpec = { ...mute, value: 'unmute', name: 'Unmute', action: 'Unmute a chat', description: 'Turn notifications from a chat back on (im.chat.mute)' };

const get: MethodSpec = {
	value: 'get',
	name: 'Get',
	action: 'Get a chat',
	description: 'Get a chat or dialog with its settings and counters (im.dialog.get)',
	method: 'im.dialog.get',
	params: [dialogIdParam()],
};

const sendTyping: MethodSpec = {
	value: 'sendTyping',
	name: 'Send Typing Indicator',
	action: 'Send a typing indicator',
	description: 'Show "is typing" in a dialog (im.dialog.writing)',
	method: 'im.dialog.writing',
	params: [dialogIdParam()],
};

const getStatus: MethodSpec = {
	value: 'getStatus',
	name: 'Get Status',
	action: 'Get my messenger status',
	description: 'The connected user\'s status (im.user.status.get)',
	method: 'im.user.status.get',
	params: [],
};

const setStatus: MethodSpec = {
	value: 'setStatus',
	name: 'Set Status',
	action: 'Set my messenger status',
	description: 'Set the connected user\'s status (im.user.status.set)',
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
};

const readAll: MethodSpec = {
	value: 'readAll',
	name: 'Mark All as Read',
	action: 'Mark all chats as read',
	description: 'Mark every chat of the connected user as read (im.dialog.read.all)',
	method: 'im.dialog.read.all',
	params: [],
};

const getFolder: MethodSpec = {
	value: 'getFolder',
	name: 'Get Files Folder',
	action: 'Get the files folder of a chat',
	description: 'The Drive folder that holds a chat\'s files (im.disk.folder.get)',
	method: 'im.disk.folder.get',
	params: [chatIdParam],
};

// ---- custom operations ----

function scoped(operation: string, properties: INodeProperties[]): INodeProperties[] {
	return updateDisplayOptions({ show: { resource: [RESOURCE], operation: [operation] } }, properties);
}

const dialogIdProperty: INodeProperties = {
	displayName: 'Dialog ID',
	name: 'dialogId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'chat12',
	description: DIALOG_ID_DESCRIPTION,
};

function readDialogId(ctx: IExecuteFunctions, itemIndex: number): string {
	const params: IDataObject = { DIALOG_ID: ctx.getNodeParameter('dialogId', itemIndex) as string };
	if (String(params.DIALOG_ID).trim() === '') throw paramError(ctx, itemIndex, 'Dialog ID', 'is required');
	checkDialogId(ctx, itemIndex, params);
	return params.DIALOG_ID as string;
}

function optionalId(ctx: IExecuteFunctions, itemIndex: number, value: unknown, label: string): number | undefined {
	if (value === undefined || value === null || value === '' || value === 0) return undefined;
	const id = Number(value);
	if (!Number.isInteger(id) || id <= 0) throw paramError(ctx, itemIndex, label, `"${String(value)}" is not a message ID`);
	return id;
}

/** im.dialog.messages.get pages by message id (at most 50 a call): walk back from the newest, or forward. */
const getMessages: RunOperation = {
	description: scoped('getMessages', [
		dialogIdProperty,
		...returnAllOrLimit,
		optionsCollection([
				{
					displayName: 'After Message ID',
					name: 'afterMessageId',
					type: 'number',
					default: 0,
					description: 'Only messages newer than this one, oldest first (otherwise newest first)',
				},
				{
					displayName: 'Before Message ID',
					name: 'beforeMessageId',
					type: 'number',
					default: 0,
					description: 'Only messages older than this one',
				},
			]),
	]),
	async run(itemIndex) {
		const dialogId = readDialogId(this, itemIndex);
		const limit = readLimit(this, itemIndex);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		let after = optionalId(this, itemIndex, options.afterMessageId, 'After Message ID');
		let before = optionalId(this, itemIndex, options.beforeMessageId, 'Before Message ID');
		const forward = after !== undefined;
		const rows: IDataObject[] = [];
		while (rows.length < limit) {
			const pageSize = Math.min(50, limit - rows.length);
			const params: IDataObject = { DIALOG_ID: dialogId, LIMIT: pageSize };
			if (forward) params.FIRST_ID = after;
			else if (before !== undefined) params.LAST_ID = before;
			const envelope = await bitrix24Call(this, 'im.dialog.messages.get', params, itemIndex);
			const page = (((envelope.result as IDataObject | undefined)?.messages ?? []) as IDataObject[]).filter(
				(message) => !forward || before === undefined || Number(message.id) < before,
			);
			if (page.length === 0) break;
			const ids = page.map((message) => Number(message.id));
			rows.push(...(forward ? [...page].sort((a, b) => Number(a.id) - Number(b.id)) : page));
			if (page.length < pageSize) break;
			if (forward) after = Math.max(...ids);
			else before = Math.min(...ids);
		}
		return rows.slice(0, limit);
	},
};

/** im.dialog.users.list pages by OFFSET and answers `next` while members remain. */
const getMembers: RunOperation = {
	description: scoped('getMembers', [
		dialogIdProperty,
		...returnAllOrLimit,
		optionsCollection([
				{
					displayName: 'Skip System Users',
					name: 'skipExternal',
					type: 'boolean',
					default: false,
					description: 'Whether to leave out bots, connectors and other system users',
				},
			]),
	]),
	async run(itemIndex) {
		const dialogId = readDialogId(this, itemIndex);
		const limit = readLimit(this, itemIndex);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const rows: IDataObject[] = [];
		let offset = 0;
		while (rows.length < limit) {
			const params: IDataObject = { DIALOG_ID: dialogId, LIMIT: Math.min(200, limit - rows.length), OFFSET: offset };
			if (options.skipExternal === true) params.SKIP_EXTERNAL = 'Y';
			const envelope = await bitrix24Call(this, 'im.dialog.users.list', params, itemIndex);
			const page = (Array.isArray(envelope.result) ? envelope.result : []) as IDataObject[];
			rows.push(...page);
			if (page.length === 0 || envelope.next === undefined) break;
			offset = envelope.next;
		}
		return rows.slice(0, limit);
	},
};

/** im.chat.updateAvatar takes base64: from an input item's binary property, or typed in. */
const updateAvatar: CallOperation = {
	description: scoped('updateAvatar', [
		{ displayName: 'Chat ID', name: 'chatId', type: 'string', default: '', required: true, description: chatIdParam.description },
		{
			displayName: 'Image Source',
			name: 'imageSource',
			type: 'options',
			default: 'binary',
			options: [
				{ name: 'Binary File', value: 'binary', description: 'An image in a binary property of the input item' },
				{ name: 'Base64 Text', value: 'base64', description: 'An image typed in or mapped as base64 text' },
			],
		},
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the input binary field containing the image',
			displayOptions: { show: { imageSource: ['binary'] } },
		},
		{
			displayName: 'Image (Base64)',
			name: 'imageBase64',
			type: 'string',
			default: '',
			required: true,
			description: 'The image as base64 text (at most 5000x5000)',
			displayOptions: { show: { imageSource: ['base64'] } },
		},
	]),
	async plan(itemIndex): Promise<RestCall> {
		const chatId = String(this.getNodeParameter('chatId', itemIndex)).trim();
		if (!/^\d+$/.test(chatId) || Number(chatId) <= 0) {
			throw paramError(this, itemIndex, 'Chat ID', `"${chatId}" is not an ID (a positive whole number)`);
		}
		let avatar: string;
		if (this.getNodeParameter('imageSource', itemIndex) === 'binary') {
			const property = String(this.getNodeParameter('binaryPropertyName', itemIndex)).trim();
			const binary = this.getInputData()[itemIndex]?.binary?.[property];
			if (!binary) throw paramError(this, itemIndex, 'Input Binary Field', `the input item has no binary field "${property}"`);
			if (binary.mimeType && !binary.mimeType.startsWith('image/')) {
				throw paramError(this, itemIndex, 'Input Binary Field', `"${property}" is ${binary.mimeType}, not an image`);
			}
			avatar = (await this.helpers.getBinaryDataBuffer(itemIndex, property)).toString('base64');
		} else {
			avatar = String(this.getNodeParameter('imageBase64', itemIndex)).replace(/^data:[^,]*,/, '').trim();
			if (!avatar) throw paramError(this, itemIndex, 'Image (Base64)', 'is required');
			if (!/^[A-Za-z0-9+/=\s]+$/.test(avatar)) throw paramError(this, itemIndex, 'Image (Base64)', 'is not base64 text');
		}
		return { method: 'im.chat.updateAvatar', params: { CHAT_ID: Number(chatId), AVATAR: avatar } };
	},
	shape: (envelope, _itemIndex, call) => success({ chatId: 'CHAT_ID' })(envelope.result, call.params ?? {}),
};

const chatEcho = { chatId: 'CHAT_ID' };
const setMute = (value: 'Y' | 'N') => (_ctx: IExecuteFunctions, _itemIndex: number, params: IDataObject) => {
	params.MUTE = value;
};

const operations: OperationEntry[] = [
	entry(create, callOperation(RESOURCE, create, { shape: (result) => ({ chatId: result as number, dialogId: `chat${String(result)}` }) })),
	entry(get, callOperation(RESOURCE, get)),
	entry(getMemberIds, callOperation(RESOURCE, getMemberIds, {
		shape: (result, params) => (Array.isArray(result) ? result : []).map((userId) => ({ chatId: params.CHAT_ID as number, userId: userId as number })),
	})),
	{ value: 'getMembers', name: 'Get Many Members', action: 'Get many members of a chat', description: 'Profiles of the members of a chat or dialog (im.dialog.users.list)', operation: getMembers },
	{ value: 'getMessages', name: 'Get Many Messages', action: 'Get many messages of a chat', description: 'Messages of a chat or dialog, newest first (im.dialog.messages.get)', operation: getMessages },
	entry(getUsers, callOperation(RESOURCE, getUsers, {
		check: (_ctx, _itemIndex, params) => {
			params.RESULT_TYPE = 'array';
		},
		shape: (result) => (Array.isArray(result) ? result : Object.values((result ?? {}) as IDataObject)) as IDataObject[],
	})),
	entry(addUsers, callOperation(RESOURCE, addUsers, { shape: success(chatEcho) })),
	entry(removeUser, callOperation(RESOURCE, removeUser, { shape: success({ chatId: 'CHAT_ID', userId: 'USER_ID' }) })),
	entry(leave, callOperation(RESOURCE, leave, { shape: success(chatEcho) })),
	entry(updateTitle, callOperation(RESOURCE, updateTitle, { shape: success(chatEcho) })),
	entry(updateColor, callOperation(RESOURCE, updateColor, { shape: success(chatEcho) })),
	{ value: 'updateAvatar', name: 'Update Avatar', action: 'Update the avatar of a chat', description: 'Set a chat\'s picture from a binary file or base64 (im.chat.updateAvatar)', operation: updateAvatar },
	entry(setOwner, callOperation(RESOURCE, setOwner, { shape: success({ chatId: 'CHAT_ID', ownerId: 'USER_ID' }) })),
	entry(mute, callOperation(RESOURCE, mute, { check: setMute('Y'), shape: success(chatEcho) })),
	entry(unmute, callOperation(RESOURCE, unmute, { check: setMute('N'), shape: success(chatEcho) })),
	entry(sendTyping, callOperation(RESOURCE, sendTyping, { shape: success({ dialogId: 'DIALOG_ID' }) })),
	entry(readAll, callOperation(RESOURCE, readAll, { shape: success() })),
	entry(getStatus, callOperation(RESOURCE, getStatus, { shape: (result) => ({ status: result as string }) })),
	entry(setStatus, callOperation(RESOURCE, setStatus, { shape: (result, params) => ({ status: params.STATUS as string, success: result === true }) })),
	entry(getFolder, callOperation(RESOURCE, getFolder, {
		shape: (result, params) => ({ chatId: params.CHAT_ID as number, folderId: (result as IDataObject | undefined)?.ID as number }),
	})),
];

export const chatResource: Resource = {
	value: RESOURCE,
	name: 'Chat',
	description: 'Group chats and dialogs of the messenger',
	operations,
};
