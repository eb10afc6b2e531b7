import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';

/** The open line chats of a CRM record: imopenlines.crm.chat.*. */
const entityType: ParamSpec = {
	name: 'entityType',
	label: 'CRM Record Type',
	path: 'CRM_ENTITY_TYPE',
	type: 'options',
	required: true,
	default: 'deal',
	options: [
		{ name: 'Company', value: 'company' },
		{ name: 'Contact', value: 'contact' },
		{ name: 'Deal', value: 'deal' },
		{ name: 'Lead', value: 'lead' },
	],
};
const entityId: ParamSpec = {
	name: 'entityId',
	label: 'CRM Record ID',
	path: 'CRM_ENTITY',
	type: 'id',
	required: true,
};
const userId: ParamSpec = {
	name: 'userId',
	label: 'User Name or ID',
	path: 'USER_ID',
	type: 'options',
	loadOptionsMethod: 'getUsers',
	required: true,
	description:
		'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
};
const chatId: ParamSpec = {
	name: 'chatId',
	label: 'Chat ID',
	path: 'CHAT_ID',
	type: 'id',
	description: "One of the record's chats; empty means its last chat",
	v2: {
		label: 'Chat',
		description: "One of the record's open line chats, or its number; empty means its last chat",
		locator: { searchListMethod: 'searchCrmRecordChats' },
	},
};

const methods: MethodSpec[] = [
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get the open line chats of a CRM record',
		description: 'List the open line chats bound to a CRM record (imopenlines.crm.chat.get)',
		method: 'imopenlines.crm.chat.get',
		params: [
			entityType,
			entityId,
			{
				name: 'activeOnly',
				label: 'Active Only',
				path: 'ACTIVE_ONLY',
				type: 'yesNo',
				default: true,
				description: "Whether to list only chats with an active dialog (Bitrix24's default)",
			},
		],
		list: { rowsAt: [], idKey: 'CHAT_ID', paging: 'single' },
	},
	{
		value: 'getLastId',
		name: 'Get Last Chat ID',
		action: 'Get the last open line chat of a CRM record',
		description:
			'Get the ID of the last open line chat bound to a CRM record (imopenlines.crm.chat.getLastId)',
		method: 'imopenlines.crm.chat.getLastId',
		params: [entityType, entityId],
		output: { as: 'chatId' },
	},
	{
		value: 'addUser',
		name: 'Add User',
		action: 'Add a user to the open line chat of a CRM record',
		description:
			'Add a user or bot to a chat of a CRM record; answers chatId 0 when the record has none (imopenlines.crm.chat.user.add)',
		method: 'imopenlines.crm.chat.user.add',
		params: [entityType, entityId, userId, chatId],
		output: { echo: { userId: 'USER_ID' }, as: 'chatId' },
	},
	{
		value: 'removeUser',
		name: 'Remove User',
		action: 'Remove a user from the open line chat of a CRM record',
		description:
			'Remove a user or bot from a chat of a CRM record; answers chatId 0 when the record has none (imopenlines.crm.chat.user.delete)',
		method: 'imopenlines.crm.chat.user.delete',
		params: [entityType, entityId, userId, chatId],
		output: { echo: { userId: 'USER_ID' }, as: 'chatId' },
	},
];

export const crmChatSpec: ResourceSpec = {
	value: 'openLineCrmChat',
	name: 'Open Line CRM Chat',
	description: 'The open line chats bound to a CRM record',
	methods,
};
