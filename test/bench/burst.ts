/**
 * The burst case of `npm run bench`: many executions at once in one n8n process, each
 * Deal > Get then Deal > Update, against the test portal's real-time bucket (2/s, burst 50).
 */
import { configureScheduler } from '../../nodes/shared/transport/scheduler';
import { bitrix24Node, chain, CredentialStore, runWorkflow, startNode } from '../harness';
import { webhookCredential, id } from '../node/support';
import { startPortal } from '../portal';

export interface BurstRow {
	case: string;
	executions: number;
	failed: number;
	requests: number;
	seconds: number;
	/** updates the portal holds; must equal the executions */
	updatesApplied: number;
}

export async function benchBurst(executions: number, coalesce: boolean): Promise<BurstRow> {
	const portal = await startPortal({ demo: { deals: executions }, operatingLimit: false });
	configureScheduler({ coalesce });
	try {
		const credential = webhookCredential(portal);
		const credentials = new CredentialStore([credential]);
		const ref = { type: 'bitrix24WebhookApi' as const, id: credential.id };
		const started = process.hrtime.bigint();
		const runs = await Promise.all(
			Array.from({ length: executions }, async (_, index) => {
				const dealId = index + 1;
				const get = bitrix24Node(
					{ resource: 'deal', operation: 'get', recordId: id(dealId) },
					ref,
					{ name: 'Get Deal' },
				);
				const update = bitrix24Node(
					{
						resource: 'deal',
						operation: 'update',
						recordId: id('={{ $json.ID }}'),
						fieldsJson: `{"COMMENTS": "burst ${dealId}"}`,
					},
					ref,
					{ name: 'Update Deal' },
				);
				return await runWorkflow({ workflow: chain([startNode([{}]), get, update]), credentials });
			}),
		);
		const seconds = Number(process.hrtime.bigint() - started) / 1e9;
		let updatesApplied = 0;
		for (let dealId = 1; dealId <= executions; dealId++) {
			if (portal.store.deals.rows.get(dealId)?.COMMENTS === `burst ${dealId}`) updatesApplied++;
		}
		return {
			case: `${executions} executions at once x (Get + Update), coalescing ${coalesce ? 'on' : 'off'}`,
			executions,
			failed: runs.filter((run) => run.error).length,
			requests: portal.restRequests().length,
			seconds: Math.round(seconds * 100) / 100,
			updatesApplied,
		};
	} finally {
		configureScheduler({ coalesce: true });
		await portal.close();
	}
}
