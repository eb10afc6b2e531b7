/**
 * What the Event Queue Trigger's tests share: the OAuth2 credential of the portal's local
 * application, the trigger node as n8n saves it, and REST calls made outside the node (by the
 * application, as an administrator would, or by an incoming webhook).
 */
import { randomUUID } from 'node:crypto';

import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import type { StoredCredential } from './harness';
import type { Portal } from './portal';

export const QUEUE_TYPE = 'n8n-nodes-bitrix24.bitrix24EventQueueTrigger';

export const DEAL_EVENTS = { events: ['ONCRMDEALADD', 'ONCRMDEALUPDATE', 'ONCRMDEALDELETE'] };

/** The credential connected by `userId` (the portal's administrator unless told). */
export function oauthCredential(portal: Portal, userId?: number): StoredCredential {
	return {
		id: 'cred-oauth',
		name: 'Portal OAuth2',
		type: 'bitrix24OAuth2Api',
		data: {
			portalUrl: portal.url,
			clientId: portal.oauth.clientId,
			clientSecret: portal.oauth.clientSecret,
			accessTokenUrl: portal.oauth.tokenUrl,
			oauthTokenData: { ...portal.oauth.issueTokens({ userId }) },
		},
	};
}

/** The trigger node; `webhookId` as the editor assigns one to a node with a webhook. */
export function queueNode(parameters: INodeParameters): INode {
	return {
		id: randomUUID(),
		name: 'Bitrix24 Event Queue Trigger',
		type: QUEUE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		webhookId: randomUUID(),
		parameters,
		credentials: { bitrix24OAuth2Api: { id: 'cred-oauth', name: 'Portal OAuth2' } },
	};
}

async function post(url: string, params: IDataObject, headers: Record<string, string> = {}) {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: JSON.stringify(params),
	});
	const body = (await response.json()) as IDataObject;
	if (!response.ok) throw new Error(`${url}: ${JSON.stringify(body)}`);
	return body.result;
}

/** The application's REST call with `accessToken`. */
export function appRest(portal: Portal, accessToken: string) {
	return async (method: string, params: IDataObject = {}): Promise<unknown> =>
		await post(`${portal.url}/rest/${method}`, params, {
			authorization: `Bearer ${accessToken}`,
		});
}

/** A call of the portal's incoming webhook. */
export function webhookRest(portal: Portal) {
	return async (method: string, params: IDataObject): Promise<unknown> =>
		await post(`${portal.webhookUrl}${method}`, params);
}

/**
 * The event.unbind calls the portal received, each as `event.unbind?event=...&event_type=...`
 * (a batch's commands as sent, a direct call rebuilt from its parameters).
 */
export function unbindCalls(portal: Portal): string[] {
	return portal
		.restRequests()
		.flatMap((r) => {
			if (r.restMethod === 'batch') return r.batchCommands ?? [];
			const params = Object.entries((r.body ?? {}) as Record<string, unknown>)
				.filter(([, value]) => typeof value !== 'object')
				.map(([key, value]): [string, string] => [key, String(value)]);
			return [`${r.restMethod ?? ''}?${new URLSearchParams(params).toString()}`];
		})
		.filter((command) => command.toLowerCase().startsWith('event.unbind'));
}
