import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import {
	ATTACH,
	BOT_ID,
	BOT_TOKEN,
	DIALOG_ID,
	done,
	dropEmptyLists,
	KEYBOARD,
	needsFields,
	SYSTEM,
	URL_PREVIEW,
} from './bot-params';

/** Messages a bot sends: imbot.v2.Chat.Message.send / update / delete. */
const messageId: ParamSpec = {
	name: 'messageId',
	label: 'Message ID',
	path: 'messageId',
	type: 'id',
	required: true,
};

const methods: MethodSpec[] = [
	{
		value: 'send',
		name: 'Send',
		action: 'Send a message as a bot',
		description:
			'Send a message on behalf of the bot, with keyboard and attachments (imbot.v2.Chat.Message.send)',
		method: 'imbot.v2.Chat.Message.send',
		params: [
			BOT_ID,
			DIALOG_ID,
			{
				name: 'message',
				label: 'Message',
				path: 'fields.message',
				type: 'text',
				required: true,
				description: 'The text, with BB codes ([b], [url=...] ...); at most 20,000 characters',
			},
			BOT_TOKEN,
			ATTACH,
			KEYBOARD,
			SYSTEM,
			URL_PREVIEW,
			{ name: 'replyId', label: 'Reply To Message ID', path: 'fields.replyId', type: 'id' },
		],
		adjust: (_ctx, _itemIndex, params) => dropEmptyLists(params),
		output: { echo: { botId: 'botId', dialogId: 'dialogId' } },
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update a bot message',
		description: 'Change a message the bot sent (imbot.v2.Chat.Message.update)',
		method: 'imbot.v2.Chat.Message.update',
		params: [
			BOT_ID,
			messageId,
			BOT_TOKEN,
			{ name: 'message', label: 'Message', path: 'fields.message', type: 'text' },
			ATTACH,
			KEYBOARD,
			{
				name: 'removeKeyboard',
				label: 'Remove Keyboard',
				path: 'removeKeyboard',
				type: 'boolean',
				description: 'Whether to take the keyboard off the message',
			},
			{
				name: 'urlPreview',
				label: 'Link Preview',
				path: 'fields.urlPreview',
				type: 'yesNo',
				default: true,
				description: 'Whether links in the text get a preview',
			},
		],
		adjust: (ctx, itemIndex, params) => {
			const { removeKeyboard, ...rest } = params;
			// the docs: pass "N" as the keyboard to remove it
			if (removeKeyboard === true)
				rest.fields = { ...((rest.fields as object) ?? {}), keyboard: 'N' };
			return needsFields(ctx, itemIndex, rest);
		},
		shape: done('updated', { messageId: 'messageId' }),
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a bot message',
		description:
			'Delete a message the bot sent, or any message in a chat the bot administers (imbot.v2.Chat.Message.delete)',
		method: 'imbot.v2.Chat.Message.delete',
		params: [
			BOT_ID,
			messageId,
			BOT_TOKEN,
			{
				name: 'complete',
				label: 'Delete Completely',
				path: 'complete',
				type: 'boolean',
				description: 'Whether to remove it from the database instead of marking it deleted',
			},
		],
		shape: done('deleted', { messageId: 'messageId' }),
	},
];

export const botMessageSpec: ResourceSpec = {
	value: 'chatBotMessage',
	name: 'Chat Bot Message',
	description: 'Messages sent on behalf of a chat bot',
	methods,
	first: 'send',
};
