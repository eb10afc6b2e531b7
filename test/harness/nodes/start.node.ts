import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

/** Test-only start node: emits the items given as its `items` parameter (a JSON array). */
export class Start implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Start',
		name: 'start',
		group: ['input'],
		version: 1,
		description: 'Emits fixed items (test harness)',
		defaults: { name: 'Start' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[{}]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string | IDataObject[];
		const items = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
		if (!Array.isArray(items))
			throw new NodeOperationError(this.getNode(), 'Items must be a JSON array');
		return [items.map((json: IDataObject) => ({ json, pairedItem: { item: 0 } }))];
	}
}
