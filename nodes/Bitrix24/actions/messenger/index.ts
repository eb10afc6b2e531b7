import { methodResource } from '../method-table/build';
import type { Area } from '../types';
import { chat } from './chat';
import { chatMessage } from './chat-message';
import { messengerListSearch } from './dialog-search';
import { notification } from './notification';

/** The messenger: chats and dialogs, messages, notifications (im.*). */
export const messengerArea: Area = {
	// each resource keeps first the operation it always had first: the Operation default
	resources: [
		methodResource({ ...chat, first: 'create' }),
		methodResource({ ...chatMessage, first: 'send' }),
		methodResource({ ...notification, first: 'sendPersonal' }),
	],
	listSearch: messengerListSearch,
};
