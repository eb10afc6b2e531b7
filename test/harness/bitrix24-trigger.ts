/** A Bitrix24 Trigger node started in a TriggerHarness, as the trigger suites use it. */
import { randomUUID } from 'node:crypto';

import type { INode, INodeParameters } from 'n8n-workflow';

import { Bitrix24Trigger } from '../../nodes/Bitrix24Trigger/Bitrix24Trigger.node';
import type { StoredCredential } from './credentials-helper';
import { TriggerHarness } from './trigger-context';

export const TRIGGER_TYPE = 'n8n-nodes-bitrix24.bitrix24Trigger';

export async function startBitrix24Trigger(
	parameters: INodeParameters,
	credential: StoredCredential,
	typeVersion = 1,
): Promise<TriggerHarness> {
	const node: INode = {
		id: randomUUID(),
		name: 'Bitrix24 Trigger',
		type: TRIGGER_TYPE,
		typeVersion,
		position: [0, 0],
		webhookId: randomUUID(),
		parameters: { authentication: credential.type, ...parameters },
		credentials: { [credential.type]: { id: credential.id, name: credential.name } },
	};
	return await TriggerHarness.start({
		node,
		credentials: [credential],
		nodeTypes: { [TRIGGER_TYPE]: new Bitrix24Trigger() },
	});
}
