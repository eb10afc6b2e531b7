/**
 * The HTTP methods n8n registers for a node's first webhook in a workflow that is active or not,
 * read as n8n's webhook service reads them: the description's httpMethod evaluated for the node,
 * split on commas, empty ones skipped. n8n builds the workflow of the editor's test as inactive.
 */
import type { INode, INodeType } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

export function registeredWebhookMethods(
	nodeType: INodeType,
	node: INode,
	active: boolean,
): string[] {
	const description = nodeType.description.webhooks![0];
	const workflow = new Workflow({
		id: 'wf',
		name: 'wf',
		nodes: [node],
		connections: {},
		active,
		nodeTypes: {
			getByName: () => nodeType,
			getByNameAndVersion: () => nodeType,
			getKnownTypes: () => ({}),
		},
	});
	const value = workflow.expression.getSimpleParameterValue(
		node,
		description.httpMethod,
		'internal',
		{},
		undefined,
		'GET',
	);
	return String(value)
		.split(',')
		.map((method) => method.trim())
		.filter(Boolean);
}
