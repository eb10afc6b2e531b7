/**
 * The transport abandons a request the portal leaves unanswered. The timeout is the transport's
 * own option (default 120 s); a test-only node built on the transport sets a short one, and the
 * request goes through n8n-core's real helpers to the portal's `slow` fault.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { bitrix24Call, connect } from '../../nodes/shared/transport';
import { chain, CredentialStore, runWorkflow, startNode } from '../harness';
import type { Portal } from '../portal';
import { demoDeal } from '../portal/seed';
import { WEBHOOK_ID, webhookCredential, withPortal } from './support';

class ShortTimeoutCall implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Short Timeout Call',
		name: 'shortTimeoutCall',
		group: ['transform'],
		version: 1,
		description: 'Calls a Bitrix24 method with a 300 ms timeout',
		defaults: { name: 'Short Timeout Call' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'bitrix24WebhookApi', required: true }],
		properties: [
			{ displayName: 'Method', name: 'method', type: 'string', default: '' },
			{ displayName: 'Params', name: 'params', type: 'json', default: '{}' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		await connect(this, { timeoutMs: 300, retryDelayMs: 10 });
		const params = JSON.parse(this.getNodeParameter('params', 0) as string) as IDataObject;
		const envelope = await bitrix24Call(
			this,
			this.getNodeParameter('method', 0) as string,
			params,
			0,
		);
		return [[{ json: { result: envelope.result as IDataObject }, pairedItem: { item: 0 } }]];
	}
}

describe('Request timeout', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 3 } });
	});
	afterAll(async () => await portal.close());
	beforeEach(() => {
		portal.faults.clear();
		portal.resetRequests();
	});

	const run = async (method: string, params: IDataObject) => {
		const node = {
			id: 'short-timeout',
			name: 'Call',
			type: 'test.shortTimeoutCall',
			typeVersion: 1,
			position: [200, 0] as [number, number],
			parameters: { method, params: JSON.stringify(params) },
			credentials: { bitrix24WebhookApi: { id: WEBHOOK_ID, name: WEBHOOK_ID } },
		};
		return await runWorkflow({
			workflow: chain([startNode([{}]), node]),
			credentials: new CredentialStore([webhookCredential(portal)]),
			nodeTypes: { 'test.shortTimeoutCall': new ShortTimeoutCall() },
		});
	};

	it('repeats a read the portal left unanswered', async () => {
		portal.faults.inject({ kind: 'slow', delayMs: 1500, method: 'crm.deal.get' });
		const result = await run('crm.deal.get', { id: 2 });
		expect(result.error).toBeUndefined();
		expect((result.output('Call')[0].json.result as IDataObject).TITLE).toBe(demoDeal(2).TITLE);
		expect(
			portal.restRequests().filter((request) => request.restMethod === 'crm.deal.get'),
		).toHaveLength(2);
	});

	it('does not repeat a write the portal left unanswered, and says its outcome is unknown', async () => {
		portal.faults.inject({ kind: 'slow', delayMs: 1500, method: 'crm.deal.add' });
		const result = await run('crm.deal.add', { fields: { TITLE: 'Slow' } });
		expect(result.error?.message).toMatch(/may or may not have been applied/);
		expect(
			portal.restRequests().filter((request) => request.restMethod === 'crm.deal.add'),
		).toHaveLength(1);
	});
});
