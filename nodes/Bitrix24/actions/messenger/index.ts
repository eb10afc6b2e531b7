import type { Area } from '../types';
import { chatResource } from './chat';
import { messageResource } from './chat-message';
import { notificationResource } from './notification';

/** The messenger: chats and dialogs, messages, notifications (im.*). */
export const messengerArea: Area = { resources: [chatResource, messageResource, notificationResource] };
