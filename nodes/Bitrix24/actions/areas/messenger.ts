import type { Area } from './area';
import { chatResource } from './messenger/chat';
import { messageResource } from './messenger/message';
import { notificationResource } from './messenger/notification';

/** The messenger: chats and dialogs, messages, notifications (im.*). */
export const area: Area = { resources: [chatResource, messageResource, notificationResource] };
