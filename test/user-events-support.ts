/**
 * What the tests of the Chat Bot Trigger's Listen As: My Account share: the seeded chats, the
 * trigger node as n8n saves it, and what its items say.
 */
import { randomUUID } from 'node:crypto';

import type { IDataObject, INode, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { StoredCredential } from './harness';
import type { Portal } from './portal';

export const CHAT_BOT_TYPE = 'n8n-nodes-bitrix24.bitrix24ChatBotTrigger';
/** the seeded group chat (users 1, 2, 3) and private dialog (users 1 and 2) */
export const GROUP = 1;
export const PRIVATE = 2;
/** the webhook's user */
export const ME = 1;

/** The trigger listening as the connected user; `webhookId` as the editor assigns one. */
export function userNode(parameters: INodeParameters, credential: StoredCredential): INode {
	return {
		id: randomUUID(),
		name: 'Bitrix24 Chat Bot Trigger',
		type: CHAT_BOT_TYPE,
		typeVersion: 1,
		position: [0, 0],
		webhookId: randomUUID(),
		parameters: { authentication: credential.type, listenAs: 'user', ...parameters },
		credentials: { [credential.type]: { id: credential.id, name: credential.name } },
	};
}

export function items(result: INodeExecutionData[][] | null): IDataObject[] {
	return (result?.[0] ?? []).map((item) => item.json);
}

/** What each item says: the event and the text (or the dialog a join names). */
export function summary(result: INodeExecutionData[][] | null): string[] {
	return items(result).map((item) =>
		[item.event, item.text ?? item.dialogId].filter((part) => part !== undefined).join(' '),
	);
}

/** A call of the portal's incoming webhook (the webhook's user, ME). */
export function webhookRest(portal: Portal) {
	return async (method: string, params: IDataObject): Promise<unknown> => {
		const response = await fetch(`${portal.webhookUrl}${method}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(params),
		});
		const body = (await response.json()) as IDataObject;
		if (!response.ok) throw new Error(`${method}: ${JSON.stringify(body)}`);
		return body.result;
	};
}
