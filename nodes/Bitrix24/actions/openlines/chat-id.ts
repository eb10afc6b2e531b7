import type { ParamSpec } from '../method-table/spec';

/** The open line chat every operator and session method takes (CHAT_ID, a number without the `chat` prefix). */
export const CHAT_ID: ParamSpec = {
	name: 'chatId',
	label: 'Chat ID',
	path: 'CHAT_ID',
	type: 'id',
	required: true,
	description:
		'The open line chat, a number without the "chat" prefix (e.g. from Open Line CRM Chat > Get Many or Open Line Session > Get Dialog)',
	v2: {
		label: 'Chat',
		description:
			'One of your open line chats (your recent ones), or its number without the "chat" prefix',
		locator: { searchListMethod: 'searchOpenLineChats' },
	},
};

/** Boolean answers of the operator and session methods: the chat and `success`. */
export const CHAT_SUCCESS = { echo: { chatId: 'CHAT_ID' }, as: 'success' };
