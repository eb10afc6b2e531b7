/** The messenger (im scope) of the portal: chats, dialogs, messages, notifications. See im/*.ts. */
import type { MethodDef } from '../registry';
import { chatMethods } from './im/chat';
import { messageMethods } from './im/message';
import { searchMethods } from './im/search';

export {
	CHAT_COLORS,
	IM_SEED,
	imState,
	postMessage,
	registerDriveFile,
	seedMessageMs,
} from './im/state';
export type { ImChat, ImMessage, ImNotification, ImState } from './im/state';

export const methods: MethodDef[] = [...chatMethods, ...messageMethods, ...searchMethods];
