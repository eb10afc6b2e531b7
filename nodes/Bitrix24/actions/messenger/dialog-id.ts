/** How the messenger names a chat: a dialog ID (chat12, sg5, a user's ID) or a chat's number. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ParamSpec } from '../method-table/spec';
import { paramError } from '../params';

const DIALOG_ID_DESCRIPTION =
	'Where to: chat<N> for a group chat (e.g. chat12), sg<N> for a workgroup chat (e.g. sg5), or a user ID (e.g. 7) for the private dialog with that user';

const DIALOG_ID_PATTERN = {
	match: /^(chat\d+|sg\d+|\d+)$/,
	hint: 'is not a dialog ID: use chat<N>, sg<N> or a user ID',
	lowerCase: true,
};

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

/** The Dialog ID of a hand-written operation, as the table's pattern would give it. */
export function readDialogId(ctx: IExecuteFunctions, itemIndex: number): string {
	const raw = String(ctx.getNodeParameter('dialogId', itemIndex));
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
};
