import { methodResource } from '../method-table/build';
import type { ResourceSpec } from '../method-table/spec';
import type { Area, Resource } from '../types';
import { chat } from './chat';
import { chatMessage } from './chat-message';
import { notification } from './notification';

/**
 * The Operation field defaults to a resource's first operation and a saved workflow leaves a
 * default value out, so each resource keeps first the operation it always had first.
 */
function keepingFirst(spec: ResourceSpec, first: string): Resource {
	const resource = methodResource(spec);
	const operations = [...resource.operations].sort((a, b) => Number(b.value === first) - Number(a.value === first));
	return { ...resource, operations };
}

/** The messenger: chats and dialogs, messages, notifications (im.*). */
export const messengerArea: Area = {
	resources: [keepingFirst(chat, 'create'), keepingFirst(chatMessage, 'send'), keepingFirst(notification, 'sendPersonal')],
};
