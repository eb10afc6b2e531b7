/** "Listen As" and the parameters of the user's own messenger events (im.v2.Event.*). */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

export const BOT = { show: { listenAs: ['bot'] } };
export const USER = { show: { listenAs: ['user'] } };

export const LISTEN_AS: INodeProperties = {
	displayName: 'Listen As',
	name: 'listenAs',
	type: 'options',
	noDataExpression: true,
	default: 'bot',
	options: [
		{
			name: 'Chat Bot',
			value: 'bot',
			description: 'A chat bot of this node: messages and commands written to it',
		},
		{
			name: 'My Account (Messenger Events)',
			value: 'user',
			description:
				"The connected user's own messenger: messages, edits, deletions, reactions and new members in every chat they are in",
		},
	],
	description: 'Whose messenger events start the workflow',
};

/** The user events of im.v2.Event.get (chat-bots-v2/im.v2/events/event-get.md, events.md). */
export const USER_EVENTS: INodePropertyOptions[] = [
	{
		name: 'Member Joined Chat',
		value: 'ONIMV2JOINCHAT',
		description: 'A participant was added to one of your chats (ONIMV2JOINCHAT)',
	},
	{
		name: 'Message Added',
		value: 'ONIMV2MESSAGEADD',
		description: 'A new message in one of your chats, yours included (ONIMV2MESSAGEADD)',
	},
	{
		name: 'Message Deleted',
		value: 'ONIMV2MESSAGEDELETE',
		description: 'A message in one of your chats was deleted (ONIMV2MESSAGEDELETE)',
	},
	{
		name: 'Message Updated',
		value: 'ONIMV2MESSAGEUPDATE',
		description: 'A message in one of your chats was edited (ONIMV2MESSAGEUPDATE)',
	},
	{
		name: 'Reaction Changed',
		value: 'ONIMV2REACTIONCHANGE',
		description:
			'A reaction to a message in one of your chats was added or removed (ONIMV2REACTIONCHANGE)',
	},
];

export const userProperties: INodeProperties[] = [
	{
		displayName:
			"Subscribes the connected user (the webhook's user, or the user who connected OAuth2) to their messenger events (im.v2.Event.subscribe, scope im) and reads them at the Poll Times below: no bot and no public URL needed. Bitrix24 keeps the events 24 hours, and only one reader per user: another workflow or application reading this user's events takes them away from this one. Messages you send yourself, also from n8n, are events too (see Ignore My Own Actions). Activating the workflow subscribes; deactivating it unsubscribes (see Options), so nothing is recorded while it is off; stopping n8n keeps the subscription.",
		name: 'userNotice',
		type: 'notice',
		default: '',
		displayOptions: USER,
	},
	{
		displayName: 'Events',
		name: 'userEvents',
		type: 'multiOptions',
		options: USER_EVENTS,
		default: ['ONIMV2MESSAGEADD'],
		displayOptions: USER,
		description:
			'The messenger events that start the workflow; the others are confirmed without starting it',
	},
];
