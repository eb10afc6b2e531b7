/**
 * Runs real n8n workflows (JSON as n8n saves them) through n8n-core's WorkflowExecute with
 * this package's nodes and credentials; requests go over real HTTP through n8n-core's own
 * request and OAuth2 code. See run.ts, credentials-helper.ts and container.ts.
 */
import { randomUUID } from 'node:crypto';

import type { IConnections, IDataObject, INode, INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { PACKAGE_NAME, packageNodeTypes } from './package';

export { CredentialStore } from './credentials-helper';
export type { CredentialUpdate, StoredCredential } from './credentials-helper';
export { runWorkflow } from './run';
export type { RunOptions, RunResult, WorkflowJson } from './run';
export { TEST_NODE_TYPES } from './node-types';
export { strayLogs } from './logger';

let position = 0;
function nextPosition(): [number, number] {
	position = (position + 220) % 2200;
	return [position, 0];
}

/** A start node (type `test.start`) that emits the given items. */
export function startNode(items: IDataObject[], name = 'Start'): INode {
	return {
		id: randomUUID(),
		name,
		type: 'test.start',
		typeVersion: 1,
		position: nextPosition(),
		parameters: { items: JSON.stringify(items) },
	};
}

/** Connects each node's main output 0 to the next node's input 0. */
export function chain(nodes: INode[]): { nodes: INode[]; connections: IConnections } {
	const connections: IConnections = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { nodes, connections };
}

/**
 * A Bitrix24 action node as n8n saves it for this community package. When the node picks
 * its credential with an `authentication` parameter and none is given, the value under
 * which the node shows this credential type is filled in.
 */
export function bitrix24Node(
	parameters: INodeParameters,
	credential: { type: 'bitrix24WebhookApi' | 'bitrix24OAuth2Api'; id: string; name?: string },
	opts: { name?: string; continueOnFail?: boolean; typeVersion?: number } = {},
): INode {
	const typeVersion = opts.typeVersion ?? 1;
	const authentication =
		parameters.authentication ?? authenticationShowing(credential.type, typeVersion);
	return {
		id: randomUUID(),
		name: opts.name ?? 'Bitrix24',
		type: `${PACKAGE_NAME}.bitrix24`,
		typeVersion,
		position: nextPosition(),
		parameters: authentication === undefined ? parameters : { ...parameters, authentication },
		credentials: {
			[credential.type]: { id: credential.id, name: credential.name ?? credential.id },
		},
		// How n8n saves "On Error: Continue".
		...(opts.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
}

function authenticationShowing(credentialType: string, typeVersion: number): string | undefined {
	const nodeType = packageNodeTypes().find((type) => type.description.name === 'bitrix24');
	if (!nodeType) return undefined;
	const { credentials } = NodeHelpers.getVersionedNodeType(nodeType, typeVersion).description;
	const shown = credentials?.find((c) => c.name === credentialType)?.displayOptions?.show
		?.authentication;
	return Array.isArray(shown) && typeof shown[0] === 'string' ? shown[0] : undefined;
}
export { listSearch, loadOptions, resourceMapping } from './load-options';
