import type { IDataObject } from 'n8n-workflow';

import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { usersPicker } from '../user-picker';
import { BOT_ID, BOT_TOKEN, DIALOG_ID, done, needsFields } from './bot-params';

const USER_IDS: ParamSpec = {
	name: 'userIds',
	label: 'User IDs',
	path: 'userIds',
	type: 'idList',
	required: true,
	description: 'User IDs separated by commas',
	v2: usersPicker('User Names or IDs', 'The users'),
};

/** The bot's group chats and their members: imbot.v2.Chat.* (api-reference/chat-bots/chat-bots-v2/imbot.v2/chats). */
const groupDialog = {
	...DIALOG_ID,
	description: 'The group chat, chat<N> (e.g. chat12)',
	pattern: { match: /^chat\d+$/, hint: 'is not a group chat: use chat<N>', lowerCase: true },
	v2: {
		label: 'Chat',
		description:
			'A group chat the bot is in: from your recent chats (3 letters or more search every chat), by ID (chat12) or by a messenger link',
		locator: {
			searchListMethod: 'searchGroupDialogs',
			urlPattern: '/online/\\?IM_DIALOG=(chat\\d+)',
			urlPlaceholder: 'https://your-portal.bitrix24.com/online/?IM_DIALOG=chat12',
			idPattern: '^\\s*[cC][hH][aA][tT]\\d+\\s*$',
			idPlaceholder: 'chat12',
		},
	},
};
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

const methods: MethodSpec[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create a group chat as a bot',
		description:
			'Create a group chat on behalf of the bot, which owns it unless an owner is given (imbot.v2.Chat.add)',
		method: 'imbot.v2.Chat.add',
		params: [
			BOT_ID,
			{ name: 'title', label: 'Title', path: 'fields.title', type: 'string', required: true },
			BOT_TOKEN,
			{ name: 'description', label: 'Description', path: 'fields.description', type: 'text' },
			{
				name: 'userIds',
				label: 'Member IDs',
				path: 'fields.userIds',
				type: 'idList',
				description: 'User IDs separated by commas',
				v2: usersPicker('Member Names or IDs', 'The members besides the bot'),
			},
			{
				name: 'ownerId',
				label: 'Owner Name or ID',
				path: 'fields.ownerId',
				type: 'options',
				loadOptionsMethod: 'getUsers',
				description:
					'The chat\'s owner; empty makes the bot the owner. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				name: 'color',
				label: 'Color',
				path: 'fields.color',
				type: 'options',
				options: COLORS.map((c) => ({ name: c, value: c })),
				default: 'mint',
			},
			{ name: 'message', label: 'First Message', path: 'fields.message', type: 'text' },
		],
		shape: (_ctx, result) => ({
			...(((result ?? {}) as IDataObject).chat as IDataObject),
			users: ((result ?? {}) as IDataObject).users ?? [],
		}),
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get a chat of a bot',
		description: 'Get a chat the bot is a member of (imbot.v2.Chat.get)',
		method: 'imbot.v2.Chat.get',
		params: [BOT_ID, DIALOG_ID, BOT_TOKEN],
		output: { at: ['chat'] },
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update a chat of a bot',
		description:
			'Change the title, description or color of a chat the bot is in (imbot.v2.Chat.update)',
		method: 'imbot.v2.Chat.update',
		params: [
			BOT_ID,
			DIALOG_ID,
			BOT_TOKEN,
			{ name: 'title', label: 'Title', path: 'fields.title', type: 'string' },
			{ name: 'description', label: 'Description', path: 'fields.description', type: 'text' },
			{
				name: 'color',
				label: 'Color',
				path: 'fields.color',
				type: 'options',
				options: COLORS.map((c) => ({ name: c, value: c })),
				default: 'mint',
			},
		],
		adjust: needsFields,
		shape: done('updated', { dialogId: 'dialogId' }),
	},
	{
		value: 'addManagers',
		name: 'Add Managers',
		action: 'Add managers to a bot chat',
		description:
			'Make members of a chat the bot owns its managers; non-members are skipped (imbot.v2.Chat.Manager.add)',
		method: 'imbot.v2.Chat.Manager.add',
		params: [BOT_ID, groupDialog, USER_IDS, BOT_TOKEN],
		shape: done('added', { dialogId: 'dialogId', userIds: 'userIds' }),
	},
	{
		value: 'removeManagers',
		name: 'Remove Managers',
		action: 'Remove managers from a bot chat',
		description:
			'Take the manager role from users of a chat the bot owns (imbot.v2.Chat.Manager.delete)',
		method: 'imbot.v2.Chat.Manager.delete',
		params: [BOT_ID, groupDialog, USER_IDS, BOT_TOKEN],
		shape: done('removed', { dialogId: 'dialogId', userIds: 'userIds' }),
	},
	{
		value: 'setOwner',
		name: 'Set Owner',
		action: 'Hand over a bot chat',
		description: 'Make another member the owner of a chat the bot owns (imbot.v2.Chat.setOwner)',
		method: 'imbot.v2.Chat.setOwner',
		params: [
			BOT_ID,
			groupDialog,
			{
				name: 'userId',
				label: 'New Owner Name or ID',
				path: 'userId',
				type: 'options',
				loadOptionsMethod: 'getUsers',
				required: true,
				description:
					'A member of the chat. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			BOT_TOKEN,
		],
		shape: done('updated', { dialogId: 'dialogId', ownerId: 'userId' }),
	},
	{
		value: 'leave',
		name: 'Leave',
		action: 'Make a bot leave a chat',
		description: 'Take the bot out of a group chat (imbot.v2.Chat.leave)',
		method: 'imbot.v2.Chat.leave',
		params: [BOT_ID, groupDialog, BOT_TOKEN],
		shape: done('left', { botId: 'botId', dialogId: 'dialogId' }),
	},
	{
		value: 'addMembers',
		name: 'Add Members',
		action: 'Add members to a bot chat',
		description:
			'Add users to a group chat the bot administers; unknown or inactive users are skipped (imbot.v2.Chat.User.add)',
		method: 'imbot.v2.Chat.User.add',
		params: [BOT_ID, groupDialog, USER_IDS, BOT_TOKEN],
		shape: done('added', { dialogId: 'dialogId', userIds: 'userIds' }),
	},
	{
		value: 'removeMember',
		name: 'Remove Member',
		action: 'Remove a member from a bot chat',
		description: 'Remove a user from a group chat the bot administers (imbot.v2.Chat.User.delete)',
		method: 'imbot.v2.Chat.User.delete',
		params: [
			BOT_ID,
			groupDialog,
			{
				name: 'userId',
				label: 'User Name or ID',
				path: 'userId',
				type: 'options',
				loadOptionsMethod: 'getUsers',
				required: true,
				description:
					'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
			BOT_TOKEN,
		],
		shape: done('removed', { dialogId: 'dialogId', userId: 'userId' }),
	},
	{
		value: 'getMembers',
		name: 'Get Members',
		action: 'Get the members of a bot chat',
		description: 'List the members of a chat the bot is in, at most 200 (imbot.v2.Chat.User.list)',
		method: 'imbot.v2.Chat.User.list',
		params: [BOT_ID, DIALOG_ID, BOT_TOKEN],
		// the method has no offset: one call of its largest page (200) is the whole list it can give
		fixed: { limit: 200 },
		list: { rowsAt: [], idKey: 'id', paging: 'single' },
	},
];

export const botChatSpec: ResourceSpec = {
	value: 'chatBotChat',
	name: 'Chat Bot Chat',
	description: 'Group chats of a chat bot and their members',
	methods,
	first: 'create',
};
