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

/** Slash commands of a bot: imbot.v2.Command.* (api-reference/chat-bots/chat-bots-v2/imbot.v2/commands). */
const commandId: ParamSpec = {
	name: 'commandId',
	label: 'Command ID',
	path: 'commandId',
	type: 'id',
	required: true,
};
const commandPattern = {
	match: /^\/?[\w.-]+$/,
	hint: 'is not a command: one word without spaces, e.g. help',
};

function commandFields(required: boolean): ParamSpec[] {
	return [
		{
			name: 'otherFields',
			label: 'Other Fields (JSON)',
			path: 'fields',
			type: 'json',
			description:
				'More command fields as JSON, e.g. {"title": {"de": "Hilfe"}} for other languages',
		},
		{
			name: 'command',
			label: 'Command',
			path: 'fields.command',
			type: 'string',
			required,
			placeholder: 'help',
			description: 'The command without the leading /',
			pattern: commandPattern,
		},
		{
			name: 'title',
			label: 'Title (English)',
			path: 'fields.title.en',
			type: 'string',
			description:
				'Shown in the list of commands; a visible command needs one (other languages: Other Fields)',
		},
		{
			name: 'params',
			label: 'Parameters Hint (English)',
			path: 'fields.params.en',
			type: 'string',
			description: 'The hint shown next to the command, e.g. "request text"',
		},
		{
			name: 'common',
			label: 'Common',
			path: 'fields.common',
			type: 'boolean',
			description: 'Whether the command works in every chat, not only where the bot is',
		},
		{
			name: 'hidden',
			label: 'Hidden',
			path: 'fields.hidden',
			type: 'boolean',
			description: 'Whether the command is left out of the list of commands',
		},
		{
			name: 'extranetSupport',
			label: 'Extranet',
			path: 'fields.extranetSupport',
			type: 'boolean',
			description: 'Whether extranet users may use it',
		},
	];
}

const methods: MethodSpec[] = [
	{
		value: 'register',
		name: 'Register',
		action: 'Register a bot command',
		description:
			'Register a slash command of a bot; the same command again answers the existing one (imbot.v2.Command.register)',
		method: 'imbot.v2.Command.register',
		params: [BOT_ID, ...commandFields(true), BOT_TOKEN],
		output: { at: ['command'] },
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update a bot command',
		description: 'Change a slash command of a bot (imbot.v2.Command.update)',
		method: 'imbot.v2.Command.update',
		params: [BOT_ID, commandId, ...commandFields(false), BOT_TOKEN],
		adjust: needsFields,
		output: { at: ['command'] },
	},
	{
		value: 'unregister',
		name: 'Unregister',
		action: 'Unregister a bot command',
		description: 'Delete a slash command of a bot (imbot.v2.Command.unregister)',
		method: 'imbot.v2.Command.unregister',
		params: [BOT_ID, commandId, BOT_TOKEN],
		shape: done('deleted', { commandId: 'commandId' }),
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many bot commands',
		description: 'List the slash commands of a bot (imbot.v2.Command.list)',
		method: 'imbot.v2.Command.list',
		params: [BOT_ID, BOT_TOKEN],
		list: { rowsAt: ['commands'], idKey: 'id', paging: 'single' },
	},
	{
		value: 'answer',
		name: 'Answer',
		action: 'Answer a bot command',
		description:
			'Reply to a slash command in the chat it came from, e.g. after an ONIMBOTV2COMMANDADD event (imbot.v2.Command.answer)',
		method: 'imbot.v2.Command.answer',
		params: [
			BOT_ID,
			commandId,
			{
				name: 'messageId',
				label: 'Command Message ID',
				path: 'messageId',
				type: 'id',
				required: true,
				description: 'The message that called the command',
			},
			DIALOG_ID,
			{ name: 'message', label: 'Message', path: 'fields.message', type: 'text', required: true },
			BOT_TOKEN,
			ATTACH,
			KEYBOARD,
			SYSTEM,
			URL_PREVIEW,
		],
		adjust: (_ctx, _itemIndex, params) => dropEmptyLists(params),
		shape: done('answered', {
			commandId: 'commandId',
			messageId: 'messageId',
			dialogId: 'dialogId',
		}),
	},
];

export const botCommandSpec: ResourceSpec = {
	value: 'chatBotCommand',
	name: 'Chat Bot Command',
	description: 'Slash commands of a chat bot',
	methods,
	first: 'register',
};
