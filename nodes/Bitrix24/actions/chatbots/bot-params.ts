import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { MethodSpec, ParamSpec, ParamType } from '../method-table/spec';
import { paramError } from '../params';

/** The parameters every imbot.v2 method shares (api-reference/chat-bots/chat-bots-v2). */
export const BOT_ID: ParamSpec = {
	name: 'botId',
	label: 'Bot ID',
	path: 'botId',
	type: 'id',
	required: true,
	description: 'The bot, as Chat Bot > Register answered it (id)',
};

export const BOT_TOKEN_HINT =
	'Required with an incoming webhook: the token the bot was registered with (at most 40 characters). Not needed with OAuth2, where the bot belongs to the application.';

/**
 * Text the editor must obscure: a table row has no password flag, so token fields are typed
 * with this and the area marks them as password fields after building (see ./index.ts).
 */
export const SECRET_TEXT: ParamType = 'string';
export const SECRET_FIELDS = ['botToken', 'newBotToken'];

/** With an incoming webhook every call names the bot's token; OAuth2 does not need it. */
export const BOT_TOKEN: ParamSpec = {
	name: 'botToken',
	label: 'Bot Token',
	path: 'botToken',
	type: SECRET_TEXT,
	description: BOT_TOKEN_HINT,
};

export const DIALOG_ID: ParamSpec = {
	name: 'dialogId',
	label: 'Dialog ID',
	path: 'dialogId',
	type: 'string',
	required: true,
	placeholder: 'chat12',
	description:
		"chat<N> for a group chat (e.g. chat12), or a user ID (e.g. 7) for the bot's private dialog with that user",
	pattern: {
		match: /^(chat\d+|\d+)$/,
		hint: 'is not a dialog ID: use chat<N> or a user ID',
		lowerCase: true,
	},
	v2: {
		label: 'Dialog',
		description:
			"A chat the bot is in, or a person for the bot's private dialog with them: from your recent chats (3 letters or more search every chat and person), by ID (chat12 or a user ID) or by a messenger link",
		locator: {
			searchListMethod: 'searchDialogs',
			urlPattern: '/online/\\?IM_DIALOG=((?:chat)?\\d+)',
			urlPlaceholder: 'https://your-portal.bitrix24.com/online/?IM_DIALOG=chat12',
			idPattern: '^\\s*([cC][hH][aA][tT])?\\d+\\s*$',
			idPlaceholder: 'chat12',
		},
	},
};

/** Message content (send, update, command answer): keyboards and attachments as JSON. */
export const ATTACH: ParamSpec = {
	name: 'attach',
	label: 'Attachment (JSON)',
	path: 'fields.attach',
	type: 'json',
	default: '[]',
	description:
		'Attachment blocks as JSON, e.g. [{"MESSAGE": "Order #12"}, {"DELIMITER": {"SIZE": 200}}]',
};
export const KEYBOARD: ParamSpec = {
	name: 'keyboard',
	label: 'Keyboard (JSON)',
	path: 'fields.keyboard',
	type: 'json',
	default: '[]',
	description:
		'Buttons as JSON, e.g. [{"TEXT": "Yes", "COMMAND": "answer", "COMMAND_PARAMS": "yes"}]',
};
export const SYSTEM: ParamSpec = {
	name: 'system',
	label: 'System Message',
	path: 'fields.system',
	type: 'boolean',
	description:
		'Whether to send it as a system message (it then has no author and the bot can no longer edit it)',
};
export const URL_PREVIEW: ParamSpec = {
	name: 'urlPreview',
	label: 'Link Preview',
	path: 'fields.urlPreview',
	type: 'boolean',
	default: true,
	description: 'Whether links in the text get a preview',
};

/** `{ result: true }` answers: the ids the call named and what happened. */
export function done(flag: string, echo: Record<string, string>): NonNullable<MethodSpec['shape']> {
	return (_ctx, result, params) => {
		const item: IDataObject = {};
		for (const [key, name] of Object.entries(echo)) item[key] = params[name];
		item[flag] = !!(
			result &&
			typeof result === 'object' &&
			(result as IDataObject).result === true
		);
		return item;
	};
}

/** Empty JSON lists mean "not given": Bitrix24 would store an empty keyboard or attachment. */
export function dropEmptyLists(params: IDataObject): IDataObject {
	const fields = params.fields as IDataObject | undefined;
	if (fields) {
		for (const key of ['attach', 'keyboard'])
			if (Array.isArray(fields[key]) && (fields[key] as unknown[]).length === 0) delete fields[key];
	}
	return params;
}

/** Update methods take `fields*`: at least one must be set. */
export function needsFields(
	ctx: IExecuteFunctions,
	itemIndex: number,
	params: IDataObject,
): IDataObject {
	dropEmptyLists(params);
	const fields = params.fields as IDataObject | undefined;
	if (!fields || Object.keys(fields).length === 0)
		throw paramError(ctx, itemIndex, 'Update Fields', 'set at least one field to change');
	return params;
}
