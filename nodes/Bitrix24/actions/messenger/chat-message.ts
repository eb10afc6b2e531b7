import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { RestCall } from '../../../shared/transport';
import { methodOperation, readParams } from '../method-table/build';
import type { MethodSpec, ParamSpec } from '../method-table/spec';
import { paramError } from '../params';
import type { CallOperation, OperationEntry, Resource } from '../types';
import { attachmentsParam, callOperation, checkDialogId, dialogIdParam, entry, success } from './dialog-id';

const RESOURCE = 'message';

const messageIdParam: ParamSpec = { name: 'messageId', label: 'Message ID', path: 'MESSAGE_ID', type: 'id', required: true };

const keyboardParam: ParamSpec = {
	name: 'keyboard',
	label: 'Keyboard (JSON)',
	path: 'KEYBOARD',
	type: 'json',
	default: '[]',
	description: 'Buttons under the message, e.g. [{"TEXT": "Open", "LINK": "https://example.com"}]',
};

const menuParam: ParamSpec = {
	name: 'menu',
	label: 'Menu (JSON)',
	path: 'MENU',
	type: 'json',
	default: '[]',
	description: 'Extra items of the message\'s context menu, e.g. [{"TEXT": "Open", "LINK": "https://example.com"}]',
};

/** The fields of Send Message other than the text, which has its own check (text or attachments). */
const send: MethodSpec = {
	value: 'send',
	name: 'Send',
	action: 'Send a message',
	description: 'Send a message to a chat or a user (im.message.add)',
	method: 'im.message.add',
	params: [
		dialogIdParam(),
		attachmentsParam,
		keyboardParam,
		menuParam,
		{ name: 'system', label: 'System Message', path: 'SYSTEM', type: 'yesNo', description: 'Whether to send it as a system message' },
		{ name: 'urlPreview', label: 'Link Previews', path: 'URL_PREVIEW', type: 'yesNo', default: true, description: 'Whether links become rich previews' },
		{ name: 'replyId', label: 'Reply to Message ID', path: 'REPLY_ID', type: 'id', description: 'A message of the same chat to reply to' },
	],
};

const messageProperty: INodeProperties = {
	displayName: 'Message',
	name: 'message',
	type: 'string',
	typeOptions: { rows: 4 },
	default: '',
	description: 'The text (BB codes allowed); may be empty when Attachments (JSON) is set',
};

const sendBase = methodOperation(RESOURCE, send) as CallOperation;

const sendMessage: CallOperation = {
	description: [
		...sendBase.description.slice(0, 1),
		...updateDisplayOptions({ show: { resource: [RESOURCE], operation: ['send'] } }, [messageProperty]),
		...sendBase.description.slice(1),
	],
	async plan(itemIndex): Promise<RestCall> {
		const params: IDataObject = readParams(this, send, itemIndex);
		checkDialogId(this, itemIndex, params);
		const text = String(this.getNodeParameter('message', itemIndex, '') ?? '').trim();
		if (text) params.MESSAGE = text;
		if (!text && (params.ATTACH === undefined || (Array.isArray(params.ATTACH) && params.ATTACH.length === 0))) {
			throw paramError(this, itemIndex, 'Message', 'is empty: give a text or Attachments (JSON)');
		}
		if (Array.isArray(params.ATTACH) && params.ATTACH.length === 0) delete params.ATTACH;
		for (const key of ['KEYBOARD', 'MENU']) if (Array.isArray(params[key]) && (params[key] as unknown[]).length === 0) delete params[key];
		return { method: send.method, params };
	},
	shape: (envelope, _itemIndex, call) => ({ messageId: envelope.result as number, dialogId: call.params?.DIALOG_ID as string }),
};

const update: MethodSpec = {
	value: 'update',
	name: 'Update',
	action: 'Update a message',
	description: 'Change the text or attachments of a message you sent (im.message.update)',
	method: 'im.message.update',
	params: [
		messageIdParam,
		{ name: 'message', label: 'Message', path: 'MESSAGE', type: 'text', description: 'The new text' },
		{ ...attachmentsParam, description: 'New attachment blocks (ATTACH); "N" removes them' },
		{ ...keyboardParam, description: 'New buttons; "N" removes them' },
		{ ...menuParam, description: 'New context menu items; "N" removes them' },
		{ name: 'urlPreview', label: 'Link Previews', path: 'URL_PREVIEW', type: 'yesNo', default: true, description: 'Whether links become rich previews' },
		{ name: 'isEdited', label: 'Mark as Edited', path: 'IS_EDITED', type: 'yesNo', default: true, description: 'Whether a changed attachment shows the "edited" mark' },
	],
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
};

const remove: MethodSpec = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a message',
	description: 'Delete a message (im.message.delete)',
	method: 'im.message.delete',
	params: [messageIdParam],
};

const sendFile: MethodSpec = {
	value: 'sendFile',
	name: 'Send File',
	action: 'Send a file from Drive',
	description: 'Send files already on Drive to a chat (im.disk.file.commit)',
	method: 'im.disk.file.commit',
	params: [
		dialogIdParam(),
		{ name: 'fileIds', label: 'Drive File IDs', path: 'FILE_ID', type: 'idList', required: true, description: 'IDs of files on Drive, separated by commas' },
		{ name: 'message', label: 'Message', path: 'MESSAGE', type: 'text', description: 'A text sent with the files' },
	],
};

const markAsRead: MethodSpec = {
	value: 'markAsRead',
	name: 'Mark as Read',
	action: 'Mark messages as read',
	description: 'Mark the messages of a dialog as read, up to a message or all (im.dialog.read)',
	method: 'im.dialog.read',
	params: [dialogIdParam(), { ...messageIdParam, required: false, label: 'Up to Message ID', description: 'The last message to mark; empty marks all' }],
};

const markAsUnread: MethodSpec = {
	value: 'markAsUnread',
	name: 'Mark as Unread',
	action: 'Mark messages as unread',
	description: 'Mark the messages of a dialog as unread from a message on (im.dialog.unread)',
	method: 'im.dialog.unread',
	params: [dialogIdParam(), { ...messageIdParam, label: 'From Message ID', description: 'The first message to mark as unread' }],
};

const echoMessage = { messageId: 'MESSAGE_ID' };

const operations: OperationEntry[] = [
	{ value: send.value, name: send.name, action: send.action, description: send.description, operation: sendMessage },
	entry(sendFile, callOperation(RESOURCE, sendFile, {
		shape: (result, params) => {
			const answer = (result ?? {}) as IDataObject;
			return {
				messageId: answer.MESSAGE_ID as number,
				dialogId: params.DIALOG_ID as string,
				diskIds: ((answer.DISK_ID ?? []) as unknown[]).map(Number),
				files: Object.values((answer.FILES ?? {}) as IDataObject) as IDataObject[],
			};
		},
	})),
	entry(update, callOperation(RESOURCE, update, { shape: success(echoMessage) })),
	entry(like, callOperation(RESOURCE, like, { shape: success(echoMessage) })),
	entry(remove, callOperation(RESOURCE, remove, { shape: success(echoMessage) })),
	entry(markAsRead, callOperation(RESOURCE, markAsRead)),
	entry(markAsUnread, callOperation(RESOURCE, markAsUnread, { shape: success({ dialogId: 'DIALOG_ID', messageId: 'MESSAGE_ID' }) })),
];

export const messageResource: Resource = {
	value: RESOURCE,
	name: 'Chat Message',
	description: 'Messages in chats and dialogs',
	operations,
};
