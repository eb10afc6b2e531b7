/** The chat bot trigger's parameters. */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { authenticationProperty } from '../shared/descriptions/authentication';
import { optionsCollection } from '../shared/descriptions/options';
import { BOT, LISTEN_AS, userProperties } from './user-description';

/** The bot events of imbot.v2.Event.get (chat-bots-v2/imbot.v2/events/event-get.md, events.md). */
export const BOT_EVENTS: INodePropertyOptions[] = [
	{
		name: 'Bot Deleted',
		value: 'ONIMBOTV2DELETE',
		description: 'The bot was removed; the last event it gets (ONIMBOTV2DELETE)',
	},
	{
		name: 'Command Called',
		value: 'ONIMBOTV2COMMANDADD',
		description: "A user called one of the bot's slash commands (ONIMBOTV2COMMANDADD)",
	},
	{
		name: 'Context Received',
		value: 'ONIMBOTV2CONTEXTGET',
		description:
			'A user opened the dialog with context data, e.g. from a link (ONIMBOTV2CONTEXTGET)',
	},
	{
		name: 'Joined Chat',
		value: 'ONIMBOTV2JOINCHAT',
		description: 'The bot was added to a chat (ONIMBOTV2JOINCHAT)',
	},
	{
		name: 'Message Added',
		value: 'ONIMBOTV2MESSAGEADD',
		description:
			'A user wrote to the bot: in its private dialog, or mentioning it in a chat (ONIMBOTV2MESSAGEADD)',
	},
	{
		name: 'Message Deleted',
		value: 'ONIMBOTV2MESSAGEDELETE',
		description: "A message in the bot's chat was deleted (ONIMBOTV2MESSAGEDELETE)",
	},
	{
		name: 'Message Updated',
		value: 'ONIMBOTV2MESSAGEUPDATE',
		description: "A message in the bot's chat was edited (ONIMBOTV2MESSAGEUPDATE)",
	},
	{
		name: 'Reaction Changed',
		value: 'ONIMBOTV2REACTIONCHANGE',
		description:
			"A user added or removed a reaction on one of the bot's messages (ONIMBOTV2REACTIONCHANGE)",
	},
];

const WEBHOOK = { show: { listenAs: ['bot'], authentication: ['bitrix24WebhookApi'] } };

export const botProperties: INodeProperties[] = [
	authenticationProperty('bitrix24WebhookApi'),
	LISTEN_AS,
	{
		displayName:
			'Registers the bot (or uses the one with this code) in Fetch mode and reads its events at the Poll Times below: no public URL is needed, and messages written while n8n is down arrive at the next poll. Answer with the Bitrix24 node: Chat Bot Message > Send, with the Bot ID and Dialog ID of the item. To test, write to the bot in Bitrix24 after the first Fetch Test Event, then fetch again. Deactivating the workflow leaves the bot and its chats in Bitrix24, and messages to it wait until the workflow is active again (remove the bot with the Bitrix24 node: Chat Bot > Unregister).',
		name: 'botNotice',
		displayOptions: BOT,
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Bot Code',
		name: 'botCode',
		displayOptions: BOT,
		type: 'string',
		required: true,
		default: '',
		placeholder: 'n8n_assistant',
		description:
			"The bot's unique code within the application (or the webhook). The bot with this code is used when it exists; otherwise it is registered.",
	},
	{
		displayName: 'Bot Name',
		name: 'botName',
		displayOptions: BOT,
		type: 'string',
		required: true,
		default: 'n8n Assistant',
		description: 'The name a newly registered bot gets; an existing bot keeps its own',
	},
	{
		displayName: 'Bot Token',
		name: 'botToken',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		displayOptions: WEBHOOK,
		description:
			"With an incoming webhook every call names the bot's token: choose one (at most 40 characters) and use the same in the Bitrix24 node's Chat Bot actions. Not needed with OAuth2, where the bot belongs to the application.",
	},
	{
		displayName: 'Events',
		name: 'events',
		displayOptions: BOT,
		type: 'multiOptions',
		options: BOT_EVENTS,
		default: ['ONIMBOTV2COMMANDADD', 'ONIMBOTV2JOINCHAT', 'ONIMBOTV2MESSAGEADD'],
		description:
			'The bot events that start the workflow; the others are confirmed without starting it',
	},
	...userProperties,
	optionsCollection([
		{
			displayName: 'Bot Type',
			name: 'botType',
			displayOptions: { show: { '/listenAs': ['bot'] } },
			type: 'options',
			default: 'bot',
			options: [
				{ name: 'Bot (Answers Mentions and Its Dialog)', value: 'bot' },
				{ name: 'Open Line', value: 'openline' },
				{ name: 'Personal (Sees All Messages of Its Chats)', value: 'personal' },
				{ name: 'Supervisor (Sees All Messages of Its Chats)', value: 'supervisor' },
			],
			description: 'The type a newly registered bot gets',
		},
		{
			displayName: 'Events per Poll',
			name: 'batchSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 1000 },
			default: 100,
			description:
				'How many events one poll reads (the limit of imbot.v2.Event.get or im.v2.Event.get, 1-1000); the rest wait for the next poll',
		},
		{
			displayName: 'Ignore My Own Actions',
			name: 'ignoreOwn',
			type: 'boolean',
			default: false,
			displayOptions: { show: { '/listenAs': ['user'] } },
			description:
				'Whether messages the connected user writes, edits or deletes and reactions they change are confirmed without starting the workflow, e.g. so answers sent with the same credential do not start it again. Needs the user scope (user.current).',
		},
		{
			displayName: 'Position',
			name: 'workPosition',
			displayOptions: { show: { '/listenAs': ['bot'] } },
			type: 'string',
			default: '',
			description: "Shown in a newly registered bot's profile",
		},
		{
			displayName: 'Unsubscribe When Deactivated',
			name: 'unsubscribeOnDeactivation',
			type: 'boolean',
			default: true,
			displayOptions: { show: { '/listenAs': ['user'] } },
			description:
				"Whether deactivating the workflow unsubscribes the connected user (im.v2.Event.unsubscribe), so Bitrix24 stops recording their messenger events. Events recorded before stay readable for 24 hours and arrive when the workflow is active again. The subscription is the user's: turn off when another workflow or application reads this user's events too.",
		},
	]),
];
