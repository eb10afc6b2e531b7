/**
 * Runs a node's load-options / list-search method the way the editor does: through n8n-core's
 * LoadOptionsContext, with the node's current parameters and its stored credential.
 */
import { randomUUID } from 'node:crypto';

import { ExecutionLifecycleHooks, LoadOptionsContext } from 'n8n-core';
import type {
	INode,
	INodeListSearchResult,
	INodePropertyOptions,
	INodeType,
	IWorkflowBase,
	ResourceMapperFields,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { setUpContainer } from './container';
import { CredentialTypes } from './credential-types';
import { CredentialsHelper, CredentialStore } from './credentials-helper';
import type { StoredCredential } from './credentials-helper';
import { NodeTypes } from './node-types';
import { buildAdditionalData } from './run';

async function withContext<T>(
	node: INode,
	credentials: CredentialStore | StoredCredential[],
	call: (context: LoadOptionsContext, nodeType: INodeType) => Promise<T>,
	path = 'parameters',
): Promise<T> {
	setUpContainer();
	const store =
		credentials instanceof CredentialStore ? credentials : new CredentialStore(credentials);
	const nodeTypes = new NodeTypes();
	const now = new Date();
	const workflowData: IWorkflowBase = {
		id: 'harness-load-options',
		name: 'Load options',
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: now,
		updatedAt: now,
		nodes: [structuredClone(node)],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
	const workflow = new Workflow({
		id: workflowData.id,
		nodes: workflowData.nodes,
		connections: {},
		nodeTypes,
		active: false,
		settings: workflowData.settings,
	});
	const executionId = randomUUID();
	const additionalData = buildAdditionalData(
		executionId,
		workflowData.id,
		new ExecutionLifecycleHooks('internal', executionId, workflowData),
		new CredentialsHelper(store, new CredentialTypes()),
	);
	const workflowNode = workflow.getNode(node.name) as INode;
	additionalData.currentNodeParameters = workflowNode.parameters;
	const nodeType = NodeHelpers.getVersionedNodeType(
		nodeTypes.getByName(node.type),
		node.typeVersion,
	) as INodeType;
	return await call(new LoadOptionsContext(workflow, workflowNode, additionalData, path), nodeType);
}

/**
 * `path` is the parameter the editor loads the options for (`parameters.filters.conditions[0].field`):
 * a method reading a sibling (`&field`) reads it beside that parameter.
 */
export async function loadOptions(
	node: INode,
	credentials: CredentialStore | StoredCredential[],
	method: string,
	path?: string,
): Promise<INodePropertyOptions[]> {
	return await withContext(
		node,
		credentials,
		async (context, nodeType) => {
			const fn = nodeType.methods?.loadOptions?.[method];
			if (!fn) throw new Error(`The node has no loadOptions method "${method}"`);
			return await fn.call(context);
		},
		path,
	);
}

export async function listSearch(
	node: INode,
	credentials: CredentialStore | StoredCredential[],
	method: string,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await withContext(node, credentials, async (context, nodeType) => {
		const fn = nodeType.methods?.listSearch?.[method];
		if (!fn) throw new Error(`The node has no listSearch method "${method}"`);
		return await fn.call(context, filter, paginationToken);
	});
}

export async function resourceMapping(
	node: INode,
	credentials: CredentialStore | StoredCredential[],
	method: string,
): Promise<ResourceMapperFields> {
	return await withContext(node, credentials, async (context, nodeType) => {
		const fn = nodeType.methods?.resourceMapping?.[method];
		if (!fn) throw new Error(`The node has no resourceMapping method "${method}"`);
		return await fn.call(context);
	});
}
