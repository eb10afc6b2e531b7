/** How the messenger names a chat: a dialog ID (chat12, sg5, a user's ID) or a chat's number. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forVersion, paramProperty } from '../method-table/build';
import type { ParamSpec } from '../method-table/spec';
import { paramError } from '../params';

const DIALOG_ID_DESCRIPTION =
	'Where to: chat<N> for a group chat (e.g. chat12), sg<N> for a workgroup chat (e.g. sg5), or a user ID (e.g. 7) for the private dialog with that user';

const DIALOG_ID_PATTERN = {
	match: /^(chat\d+|sg\d+|\d+)$/,
	hint: 'is not a dialog ID: use chat<N>, sg<N> or a user ID',
	lowerCase: true,
};

/** A messenger link names the dialog: https://portal/online/?IM_DIALOG=chat12 */
const DIALOG_URL = '/online/\\?IM_DIALOG=((?:chat|sg)?\\d+)';
const URL_PLACEHOLDER = 'https://your-portal.bitrix24.com/online/?IM_DIALOG=chat12';

/** DIALOG_ID as a table parameter: checked and written lower-case by its pattern. */
export const dialogIdParam: ParamSpec = {
	name: 'dialogId',
	label: 'Dialog ID',
	path: 'DIALOG_ID',
	type: 'string',
	required: true,
	placeholder: 'chat12',
	description: DIALOG_ID_DESCRIPTION,
	pattern: DIALOG_ID_PATTERN,
	v2: {
		label: 'Dialog',
		description:
			'A chat, or a person for your private dialog with them: from your recent chats (type 3 letters or more to search every chat and person), by ID (chat12, sg5 for a workgroup chat, or a user ID) or by a messenger link',
		locator: {
			searchListMethod: 'searchDialogs',
			urlPattern: DIALOG_URL,
			urlPlaceholder: URL_PLACEHOLDER,
			idPattern: '^\\s*([cC][hH][aA][tT]|[sS][gG])?\\d+\\s*$',
			idPlaceholder: 'chat12',
		},
	},
};

/** The Dialog ID field of a hand-written operation, read with `readDialogId`. */
export const dialogIdProperty: INodeProperties = {
	displayName: 'Dialog ID',
	name: 'dialogId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'chat12',
	description: DIALOG_ID_DESCRIPTION,
};

/** Version 2's Dialog field of a hand-written operation: the dialog picker. */
export const dialogPickerProperty: INodeProperties = paramProperty(forVersion(dialogIdParam, 2));

/**
 * The Dialog ID of a hand-written operation, as the table's pattern would give it: a picked
 * dialog (version 2) or the text of version 1.
 */
export function readDialogId(ctx: IExecuteFunctions, itemIndex: number): string {
	const raw = String(ctx.getNodeParameter('dialogId', itemIndex, '', { extractValue: true }));
	const value = raw.trim().toLowerCase();
	if (value === '') throw paramError(ctx, itemIndex, 'Dialog ID', 'is required');
	if (!DIALOG_ID_PATTERN.match.test(value))
		throw paramError(ctx, itemIndex, 'Dialog ID', `"${raw}" ${DIALOG_ID_PATTERN.hint}`);
	return value;
}

export const chatIdParam: ParamSpec = {
	name: 'chatId',
	label: 'Chat ID',
	path: 'CHAT_ID',
	type: 'id',
	required: true,
	description: 'The chat number, without the "chat" prefix (chat12 is 12)',
	v2: {
		label: 'Chat',
		description:
			'A group chat: from your recent chats (type 3 letters or more to search every chat), by its number (12 for chat12) or by a messenger link',
		locator: {
			searchListMethod: 'searchChats',
			urlPattern: '/online/\\?IM_DIALOG=chat(\\d+)',
			urlPlaceholder: URL_PLACEHOLDER,
		},
	},
};

/** Version 2's Chat field of a hand-written operation: the chat picker. */
export const chatPickerProperty: INodeProperties = paramProperty(forVersion(chatIdParam, 2));
