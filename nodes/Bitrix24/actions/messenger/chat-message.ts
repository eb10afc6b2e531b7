import type { IDataObject } from 'n8n-workflow';

import { FILE_PICKER } from '../drive/drive-params';
import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { sendMessage } from './chat-message/send.operation';
import { dialogIdParam } from './dialog-id';
import { attachmentsParam, keyboardParam, menuParam } from './message-blocks';
import { success } from './success';

const messageIdParam: ParamSpec = {
	name: 'messageId',
	label: 'Message ID',
	path: 'MESSAGE_ID',
	type: 'id',
	required: true,
};

const echoMessage = { messageId: 'MESSAGE_ID' };

const update: MethodSpec = {
	value: 'update',
	name: 'Update',
	action: 'Update a message',
	description: 'Change the text or attachments of a message you sent (im.message.update)',
	method: 'im.message.update',
	params: [
		messageIdParam,
		{
			name: 'message',
			label: 'Message',
			path: 'MESSAGE',
			type: 'text',
			description: 'The new text',
		},
		{ ...attachmentsParam, description: 'New attachment blocks (ATTACH); "N" removes them' },
		{ ...keyboardParam, description: 'New buttons; "N" removes them' },
		{ ...menuParam, description: 'New context menu items; "N" removes them' },
		{
			name: 'urlPreview',
			label: 'Link Previews',
			path: 'URL_PREVIEW',
			type: 'yesNo',
			default: true,
			description: 'Whether links become rich previews',
		},
		{
			name: 'isEdited',
			label: 'Mark as Edited',
			path: 'IS_EDITED',
			type: 'yesNo',
			default: true,
			description: 'Whether a changed attachment shows the "edited" mark',
		},
	],
	shape: success(echoMessage),
};

const like: MethodSpec = {
	value: 'like',
	name: 'Like',
	action: 'Like a message',
	description: 'Set, remove or toggle your like on a message (im.message.like)',
	method: 'im.message.like',
	params: [
		messageIdParam,
		{
			name: 'likeAction',
			label: 'Action',
			path: 'ACTION',
			type: 'options',
			required: true,
			default: 'plus',
			options: [
				{ name: 'Like', value: 'plus' },
				{ name: 'Toggle', value: 'auto' },
				{ name: 'Unlike', value: 'minus' },
			],
		},
	],
	shape: success(echoMessage),
};

const remove: MethodSpec = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a message',
	description: 'Delete a message (im.message.delete)',
	method: 'im.message.delete',
	params: [messageIdParam],
	shape: success(echoMessage),
};

const sendFile: MethodSpec = {
	value: 'sendFile',
	name: 'Send File',
	action: 'Send a file from Drive',
	description: 'Send files already on Drive to a chat (im.disk.file.commit)',
	method: 'im.disk.file.commit',
	params: [
		dialogIdParam,
		{
			name: 'fileIds',
			label: 'Drive File IDs',
			path: 'FILE_ID',
			type: 'idList',
			required: true,
			description: 'IDs of files on Drive, separated by commas',
			v2: {
				label: 'Drive File',
				description:
					'The file on Drive to send: pick it (type a path ending in / to browse, or 3 letters of a name to search) or give its ID; by ID several, separated by commas',
				locator: {
					...FILE_PICKER,
					idPattern: '^\\s*\\d+(\\s*,\\s*\\d+)*\\s*$',
					idPlaceholder: '42, 43',
				},
			},
		},
		{
			name: 'message',
			label: 'Message',
			path: 'MESSAGE',
			type: 'text',
			description: 'A text sent with the files',
		},
	],
	shape: (_ctx, result, params) => {
		const answer = (result ?? {}) as IDataObject;
		return {
			messageId: answer.MESSAGE_ID as number,
			dialogId: params.DIALOG_ID as string,
			diskIds: ((answer.DISK_ID ?? []) as unknown[]).map(Number),
			files: Object.values((answer.FILES ?? {}) as IDataObject) as IDataObject[],
		};
	},
};

const markAsRead: MethodSpec = {
	value: 'markAsRead',
	name: 'Mark as Read',
	action: 'Mark messages as read',
	description: 'Mark the messages of a dialog as read, up to a message or all (im.dialog.read)',
	method: 'im.dialog.read',
	params: [
		dialogIdParam,
		{
			...messageIdParam,
			required: false,
			label: 'Up to Message ID',
			description: 'The last message to mark; empty marks all',
		},
	],
};

const markAsUnread: MethodSpec = {
	value: 'markAsUnread',
	name: 'Mark as Unread',
	action: 'Mark messages as unread',
	description: 'Mark the messages of a dialog as unread from a message on (im.dialog.unread)',
	method: 'im.dialog.unread',
	params: [
		dialogIdParam,
		{
			...messageIdParam,
			label: 'From Message ID',
			description: 'The first message to mark as unread',
		},
	],
	shape: success({ dialogId: 'DIALOG_ID', messageId: 'MESSAGE_ID' }),
};

/** Messages in chats and dialogs (value `message`, named Chat Message in the editor). */
export const chatMessage: ResourceSpec = {
	value: 'message',
	name: 'Chat Message',
	description: 'Messages in chats and dialogs',
	methods: [sendFile, update, like, remove, markAsRead, markAsUnread],
	operations: [sendMessage],
};
