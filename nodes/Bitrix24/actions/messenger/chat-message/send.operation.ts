import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { methodEntry } from '../../method-table/build';
import type { MethodSpec } from '../../method-table/spec';
import { paramError } from '../../params';
import type { OperationEntry } from '../../types';
import { withDescriptions } from '../../types';
import { dialogIdParam } from '../dialog-id';
import { attachmentsParam, keyboardParam, menuParam } from '../message-blocks';

const isEmptyList = (value: unknown) => Array.isArray(value) && value.length === 0;

/** im.message.add as a row; the text is read apart, as it may be empty when attachments are given. */
const send: MethodSpec = {
	value: 'send',
	name: 'Send',
	action: 'Send a message',
	description: 'Send a message to a chat or a user (im.message.add)',
	method: 'im.message.add',
	params: [
		dialogIdParam,
		attachmentsParam,
		keyboardParam,
		menuParam,
		{
			name: 'system',
			label: 'System Message',
			path: 'SYSTEM',
			type: 'yesNo',
			description: 'Whether to send it as a system message',
		},
		{
			name: 'urlPreview',
			label: 'Link Previews',
			path: 'URL_PREVIEW',
			type: 'yesNo',
			default: true,
			description: 'Whether links become rich previews',
		},
		{
			name: 'replyId',
			label: 'Reply to Message ID',
			path: 'REPLY_ID',
			type: 'id',
			description: 'A message of the same chat to reply to',
		},
	],
	adjust: (ctx, itemIndex, params) => {
		const text = String(ctx.getNodeParameter('message', itemIndex, '') ?? '').trim();
		if (text) params.MESSAGE = text;
		if (!text && (params.ATTACH === undefined || isEmptyList(params.ATTACH))) {
			throw paramError(ctx, itemIndex, 'Message', 'is empty: give a text or Attachments (JSON)');
		}
		for (const key of ['ATTACH', 'KEYBOARD', 'MENU'])
			if (isEmptyList(params[key])) delete params[key];
		return params;
	},
	shape: (_ctx, result, params) => ({
		messageId: result as number,
		dialogId: params.DIALOG_ID as string,
	}),
};

/** The text, shown up front after the Dialog ID though it is not required. */
const messageProperty: INodeProperties = {
	displayName: 'Message',
	name: 'message',
	type: 'string',
	typeOptions: { rows: 4 },
	default: '',
	description: 'The text (BB codes allowed); may be empty when Attachments (JSON) is set',
};

const row = methodEntry('message', send);

export const sendMessage: OperationEntry = {
	...row,
	operation: withDescriptions(row.operation, (properties) => [
		...properties.slice(0, 1),
		...updateDisplayOptions({ show: { resource: ['message'], operation: ['send'] } }, [
			messageProperty,
		]),
		...properties.slice(1),
	]),
};
