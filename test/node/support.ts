import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { RunResult, StoredCredential } from '../harness';
import { bitrix24Node, chain, CredentialStore, runWorkflow, startNode } from '../harness';
import type { Portal, PortalOptions } from '../portal';
import { startPortal } from '../portal';

export const WEBHOOK_ID = 'cred-webhook';
export const OAUTH_ID = 'cred-oauth';

export function webhookCredential(portal: Portal, overrides: IDataObject = {}): StoredCredential {
	return {
		id: WEBHOOK_ID,
		name: 'Portal webhook',
		type: 'bitrix24WebhookApi',
		data: { webhookSecretUrl: portal.webhookUrl, allowHttp: true, ...overrides },
	};
}

export function oauthCredential(portal: Portal, tokens: IDataObject): StoredCredential {
	return {
		id: OAUTH_ID,
		name: 'Portal OAuth2',
		type: 'bitrix24OAuth2Api',
		data: {
			portalUrl: portal.url,
			clientId: portal.oauth.clientId,
			clientSecret: portal.oauth.clientSecret,
			accessTokenUrl: portal.oauth.tokenUrl,
			oauthTokenData: tokens,
		},
	};
}

export interface NodeRun {
	result: RunResult;
	/** the Bitrix24 node's output items */
	items: INodeExecutionData[];
	json: IDataObject[];
}

/** Runs Start(items) -> Bitrix24(parameters) and returns the Bitrix24 node's output. */
export async function runNode(
	portal: Portal,
	parameters: INodeParameters,
	options: {
		items?: IDataObject[];
		credential?: StoredCredential;
		credentials?: CredentialStore;
		continueOnFail?: boolean;
		/** the node version the workflow was saved with (default 1) */
		typeVersion?: number;
	} = {},
): Promise<NodeRun> {
	const credential = options.credential ?? webhookCredential(portal);
	const credentials = options.credentials ?? new CredentialStore([credential]);
	const node = bitrix24Node(
		parameters,
		{ type: credential.type as 'bitrix24WebhookApi', id: credential.id },
		{
			continueOnFail: options.continueOnFail,
			typeVersion: options.typeVersion,
		},
	);
	const result = await runWorkflow({
		workflow: chain([startNode(options.items ?? [{}]), node]),
		credentials,
	});
	if (result.error) return { result, items: [], json: [] };
	const items = result.output(node.name);
	return { result, items, json: items.map((item) => item.json) };
}

/** Everything a user could see of a run: the error, its description, the output and the logs. */
export function visibleText(run: NodeRun): string {
	const error = run.result.error as (Error & { description?: string }) | undefined;
	return JSON.stringify({
		message: error?.message,
		description: error?.description,
		json: run.json,
		logs: run.result.logs,
	});
}

export async function withPortal(options: PortalOptions = {}): Promise<Portal> {
	return await startPortal({ bucket: false, operatingLimit: false, ...options });
}

export const id = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });
