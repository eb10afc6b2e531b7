import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { paramError } from '../params';
import { CHAT_ID, CHAT_SUCCESS } from './chat-id';

/** Finds the dialog by one of the given keys; the item fails when none is set. */
function oneOf(keys: string[], labels: string) {
	return (ctx: IExecuteFunctions, itemIndex: number, params: IDataObject): IDataObject => {
		if (!keys.some((key) => params[key] !== undefined && params[key] !== '')) {
			throw paramError(ctx, itemIndex, labels, 'set one of them in Additional Fields');
		}
		return params;
	};
}

/** The client's code in the channel: connector|line ID|channel chat ID|channel user ID. */
function userCode(required: boolean): ParamSpec {
	return {
		name: 'userCode',
		label: 'User Code',
		path: 'USER_CODE',
		type: 'string',
		required,
		placeholder: 'livechat|1|1761|587',
		description:
			"The client's code in the channel: connector|line ID|channel chat ID|channel user ID (entity_id in Get Dialog)",
	};
}

const optionalChat = { ...CHAT_ID, required: false };
const sessionId = {
	name: 'sessionId',
	label: 'Session ID',
	path: 'SESSION_ID',
	type: 'id' as const,
	description: 'The session (the sixth part of entity_data_1 in Get Dialog)',
};

const methods: MethodSpec[] = [
	{
		value: 'start',
		name: 'Start',
		action: 'Start a new session in an open line chat',
		description:
			'Start a new session in the chat, the current user as operator (imopenlines.session.start)',
		method: 'imopenlines.session.start',
		params: [CHAT_ID],
		output: CHAT_SUCCESS,
	},
	{
		value: 'join',
		name: 'Join',
		action: 'Join an open line dialog',
		description: 'Join an active dialog as the current user (imopenlines.session.join)',
		method: 'imopenlines.session.join',
		params: [CHAT_ID],
		output: CHAT_SUCCESS,
	},
	{
		value: 'intercept',
		name: 'Intercept',
		action: 'Take over an open line dialog',
		description: 'Take the dialog over from its current operator (imopenlines.session.intercept)',
		method: 'imopenlines.session.intercept',
		params: [CHAT_ID],
		output: CHAT_SUCCESS,
	},
	{
		value: 'startFromMessage',
		name: 'Start From Message',
		action: 'Start a new session from a message',
		description:
			'Start a new session in the chat and move the message into it (imopenlines.message.session.start)',
		method: 'imopenlines.message.session.start',
		params: [
			CHAT_ID,
			{
				name: 'messageId',
				label: 'Message ID',
				path: 'MESSAGE_ID',
				type: 'id',
				required: true,
				description: 'A message of the chat (the keys of message in Get History)',
			},
		],
		output: { echo: { chatId: 'CHAT_ID', messageId: 'MESSAGE_ID' }, as: 'success' },
	},
	{
		value: 'open',
		name: 'Open',
		action: 'Get the open line chat of a client',
		description:
			"Get the chat ID of the dialog with a client by the client's user code (imopenlines.session.open)",
		method: 'imopenlines.session.open',
		params: [userCode(true)],
		output: { echo: { userCode: 'USER_CODE' } },
	},
	{
		value: 'getHistory',
		name: 'Get History',
		action: 'Get the message history of a session',
		description:
			"Get the messages, users and chat of a session; without Session ID, the chat's last session (imopenlines.session.history.get)",
		method: 'imopenlines.session.history.get',
		params: [sessionId, optionalChat],
		adjust: oneOf(['SESSION_ID', 'CHAT_ID'], 'Session ID or Chat ID'),
	},
	{
		value: 'getDialog',
		name: 'Get Dialog',
		action: 'Get an open line dialog',
		description: 'Get the open line chat by chat, session or user code (imopenlines.dialog.get)',
		method: 'imopenlines.dialog.get',
		params: [optionalChat, sessionId, userCode(false)],
		adjust: oneOf(['CHAT_ID', 'SESSION_ID', 'USER_CODE'], 'Chat ID, Session ID or User Code'),
	},
];

export const sessionSpec: ResourceSpec = {
	value: 'openLineSession',
	name: 'Open Line Session',
	description: 'Sessions of open line dialogs and their history',
	methods,
	first: 'start',
};
