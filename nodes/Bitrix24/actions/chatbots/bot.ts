import type { IDataObject } from 'n8n-workflow';

import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { paramError } from '../params';
import { BOT_ID, BOT_TOKEN, BOT_TOKEN_HINT, done, needsFields, SECRET_TEXT } from './bot-params';

/** Chat bots 2.0: imbot.v2.Bot.* (api-reference/chat-bots/chat-bots-v2/imbot.v2/bots). */
const COLORS = [
	'aqua',
	'azure',
	'brown',
	'darkBlue',
	'graphite',
	'gray',
	'green',
	'khaki',
	'lightBlue',
	'lime',
	'marengo',
	'mint',
	'pink',
	'purple',
	'red',
	'sand',
];
const EVENT_MODES = [
	{ name: 'Fetch (Read With imbot.v2.Event.get)', value: 'fetch' },
	{ name: 'Webhook (POST to a URL)', value: 'webhook' },
];

function profile(): ParamSpec[] {
	return [
		{ name: 'lastName', label: 'Last Name', path: 'fields.properties.lastName', type: 'string' },
		{
			name: 'workPosition',
			label: 'Position',
			path: 'fields.properties.workPosition',
			type: 'string',
			description: "Shown in the bot's profile",
		},
		{
			name: 'color',
			label: 'Color',
			path: 'fields.properties.color',
			type: 'options',
			options: COLORS.map((c) => ({ name: c, value: c })),
			default: 'mint',
		},
		{
			name: 'gender',
			label: 'Gender',
			path: 'fields.properties.gender',
			type: 'options',
			options: [
				{ name: 'Female', value: 'F' },
				{ name: 'Male', value: 'M' },
			],
			default: 'M',
		},
		{
			name: 'isHidden',
			label: 'Hidden',
			path: 'fields.isHidden',
			type: 'boolean',
			description: 'Whether the bot is hidden from the contact list',
		},
		{
			name: 'isReactionsEnabled',
			label: 'Reactions',
			path: 'fields.isReactionsEnabled',
			type: 'boolean',
			default: true,
			description: "Whether the bot's messages take reactions",
		},
		{
			name: 'isSupportOpenline',
			label: 'Open Lines Support',
			path: 'fields.isSupportOpenline',
			type: 'boolean',
			description: 'Whether the bot works in open lines',
		},
		{
			name: 'webhookUrl',
			label: 'Webhook URL',
			path: 'fields.webhookUrl',
			type: 'string',
			description: "Where Bitrix24 POSTs the bot's events; required with the Webhook event mode",
		},
	];
}

/** The bot's token: what a webhook call authorizes with; kept from the register answer, which does not repeat it. */
const registerToken: ParamSpec = { ...BOT_TOKEN, path: 'fields.botToken' };

/** An event URL belongs to the Webhook mode: say so before Bitrix24 does. */
function checkWebhookUrl(
	ctx: Parameters<NonNullable<MethodSpec['adjust']>>[0],
	itemIndex: number,
	params: IDataObject,
): IDataObject {
	const fields = (params.fields ?? {}) as IDataObject;
	if (fields.eventMode === 'webhook' && !fields.webhookUrl)
		throw paramError(ctx, itemIndex, 'Webhook URL', 'is required with the Webhook event mode');
	return params;
}

const withUser = (result: unknown): IDataObject => {
	const answer = (result ?? {}) as IDataObject;
	const user = Array.isArray(answer.users) ? (answer.users[0] as IDataObject) : undefined;
	return { ...((answer.bot ?? {}) as IDataObject), ...(user ? { name: user.name, user } : {}) };
};

const methods: MethodSpec[] = [
	{
		value: 'register',
		name: 'Register',
		action: 'Register a chat bot',
		description:
			'Register a bot; the same code from the same application answers the existing bot (imbot.v2.Bot.register)',
		method: 'imbot.v2.Bot.register',
		params: [
			{
				name: 'otherFields',
				label: 'Other Fields (JSON)',
				path: 'fields',
				type: 'json',
				description:
					'More fields of imbot.v2.Bot.register as a JSON object, e.g. {"backgroundId": "sky"}',
			},
			{
				name: 'code',
				label: 'Code',
				path: 'fields.code',
				type: 'string',
				required: true,
				placeholder: 'support_bot',
				description: "The bot's unique code within the application",
			},
			{
				name: 'name',
				label: 'Name',
				path: 'fields.properties.name',
				type: 'string',
				required: true,
			},
			{
				name: 'eventMode',
				label: 'Event Mode',
				path: 'fields.eventMode',
				type: 'options',
				required: true,
				options: EVENT_MODES,
				default: 'fetch',
				description: 'How the bot gets its events; Fetch needs no public URL',
			},
			{
				...registerToken,
				description: `${BOT_TOKEN_HINT} Choose it here; every later call passes the same token.`,
			},
			{
				name: 'type',
				label: 'Type',
				path: 'fields.type',
				type: 'options',
				default: 'bot',
				options: [
					{ name: 'Bot (Answers Mentions)', value: 'bot' },
					{ name: 'Open Line', value: 'openline' },
					{ name: 'Personal (Sees All Messages)', value: 'personal' },
					{ name: 'Supervisor (Sees All Messages)', value: 'supervisor' },
				],
			},
			...profile(),
		],
		adjust: checkWebhookUrl,
		shape: (_ctx, result) => withUser(result),
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update a chat bot',
		description: "Change a bot's profile, settings or token (imbot.v2.Bot.update)",
		method: 'imbot.v2.Bot.update',
		params: [
			BOT_ID,
			{
				name: 'otherFields',
				label: 'Other Fields (JSON)',
				path: 'fields',
				type: 'json',
				description: 'More fields of imbot.v2.Bot.update as a JSON object',
			},
			BOT_TOKEN,
			{ name: 'name', label: 'Name', path: 'fields.properties.name', type: 'string' },
			{
				name: 'eventMode',
				label: 'Event Mode',
				path: 'fields.eventMode',
				type: 'options',
				options: EVENT_MODES,
				default: 'fetch',
			},
			{
				name: 'newBotToken',
				label: 'New Bot Token',
				path: 'fields.botToken',
				type: SECRET_TEXT,
				description:
					"Replaces the bot's token (at most 40 characters); the old one stops working at once",
			},
			...profile(),
		],
		adjust: (ctx, itemIndex, params) =>
			checkWebhookUrl(ctx, itemIndex, needsFields(ctx, itemIndex, params)),
		shape: (_ctx, result) => withUser(result),
	},
	{
		value: 'unregister',
		name: 'Unregister',
		action: 'Unregister a chat bot',
		description: 'Delete a bot with its commands (imbot.v2.Bot.unregister)',
		method: 'imbot.v2.Bot.unregister',
		params: [BOT_ID, BOT_TOKEN],
		shape: done('deleted', { botId: 'botId' }),
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get a chat bot',
		description: 'Get a bot by ID or code; the owner gets the counters too (imbot.v2.Bot.get)',
		method: 'imbot.v2.Bot.get',
		params: [
			{ ...BOT_ID, required: false },
			{
				name: 'code',
				label: 'Code',
				path: 'code',
				type: 'string',
				description: 'Find the bot by its code instead of its ID',
			},
			BOT_TOKEN,
		],
		adjust: (ctx, itemIndex, params) => {
			if (params.botId === undefined && !params.code)
				throw paramError(ctx, itemIndex, 'Bot ID or Code', 'set one of them in Additional Fields');
			return params;
		},
		shape: (_ctx, result) => withUser(result),
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many chat bots',
		description:
			'List the bots of the application, or of the bot token with a webhook (imbot.v2.Bot.list)',
		method: 'imbot.v2.Bot.list',
		params: [
			BOT_TOKEN,
			{
				name: 'type',
				label: 'Type',
				path: 'filter.type',
				type: 'options',
				default: 'bot',
				options: [
					{ name: 'Bot', value: 'bot' },
					{ name: 'Open Line', value: 'openline' },
					{ name: 'Personal', value: 'personal' },
					{ name: 'Supervisor', value: 'supervisor' },
				],
				description: 'Only bots of this type',
			},
		],
		// an application has at most 100 bots (the docs' limit): one page of 100 holds them all
		fixed: { limit: 100 },
		list: { rowsAt: ['bots'], idKey: 'id', paging: 'single' },
	},
];

export const botSpec: ResourceSpec = {
	value: 'chatBot',
	name: 'Chat Bot',
	description: 'Chat bots 2.0: register, change and remove bots',
	methods,
	first: 'register',
};
