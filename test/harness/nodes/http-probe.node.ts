import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

/**
 * Test-only node: one authenticated request per item through n8n-core's real
 * `httpRequestWithAuthentication`, as a node (or the HTTP Request node with a predefined
 * credential) would make it. Outputs the response body.
 */
export class HttpProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test HTTP Probe',
		name: 'httpProbe',
		group: ['transform'],
		version: 1,
		description: 'Makes one authenticated request per item (test harness)',
		defaults: { name: 'HTTP Probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'bitrix24WebhookApi', required: false },
			{ name: 'bitrix24OAuth2Api', required: false },
		],
		properties: [
			{
				displayName: 'Credential Type',
				name: 'credentialType',
				type: 'string',
				default: 'bitrix24WebhookApi',
			},
			{ displayName: 'Method', name: 'method', type: 'string', default: 'POST' },
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'Body', name: 'body', type: 'json', default: '{}' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				const rawBody = this.getNodeParameter('body', i) as string | IDataObject;
				const response = (await this.helpers.httpRequestWithAuthentication.call(
					this,
					this.getNodeParameter('credentialType', i) as string,
					{
						method: this.getNodeParameter('method', i) as IHttpRequestMethods,
						url: this.getNodeParameter('url', i) as string,
						body: typeof rawBody === 'string' ? (JSON.parse(rawBody) as IDataObject) : rawBody,
						json: true,
					},
				)) as IDataObject;
				output.push({ json: response, pairedItem: { item: i } });
			} catch (error) {
				if (!this.continueOnFail()) throw error;
				output.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
			}
		}
		return [output];
	}
}
