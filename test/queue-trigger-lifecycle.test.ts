/**
 * The Event Queue Trigger's activation and deactivation: n8n runs a webhook's methods
 * (checkExists / create on activation, delete on deactivation only, not when n8n stops), here
 * through n8n-core's HookContext against the test portal over real HTTP. The polls between run
 * through n8n-core's PollContext with the same node and static data.
 */
import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import { Bitrix24EventQueueTrigger } from '../nodes/Bitrix24EventQueueTrigger/Bitrix24EventQueueTrigger.node';
import { TriggerHarness } from './harness/trigger-context';
import { registeredWebhookMethods } from './harness/webhook-methods';
import { PollHarness } from './harness/poll-context';
import type { Portal } from './portal';
import { startPortal } from './portal';
import {
	appRest,
	DEAL_EVENTS,
	oauthCredential,
	QUEUE_TYPE,
	queueNode,
	unbindCalls,
	webhookRest,
} from './queue-support';

let portal: Portal;
let webhook: ReturnType<typeof webhookRest>;
const harnesses: TriggerHarness[] = [];
/** The access token of the credential the last lifecycle() connected. */
let accessTokenInUse = '';

beforeEach(async () => {
	portal = await startPortal({ bucket: false, operatingLimit: false });
	webhook = webhookRest(portal);
});

afterEach(async () => {
	for (const harness of harnesses.splice(0)) await harness.close();
	await portal.close();
});

/** The node's webhook methods as n8n runs them for activation and deactivation. */
async function lifecycle(node: INode, userId?: number): Promise<TriggerHarness> {
	const credential = oauthCredential(portal, userId);
	accessTokenInUse = String((credential.data.oauthTokenData as IDataObject).access_token);
	const harness = await TriggerHarness.start({
		node,
		credentials: [credential],
		nodeTypes: { [QUEUE_TYPE]: new Bitrix24EventQueueTrigger() },
	});
	harnesses.push(harness);
	return harness;
}

const offlineEvents = () =>
	portal.events.bindings
		.filter((b) => b.eventType === 'offline')
		.map((b) => b.event)
		.sort();

const addDeal = async (title: string) =>
	Number(await webhook('crm.deal.add', { fields: { TITLE: title } }));

function emittedIds(result: INodeExecutionData[][] | null): string[] {
	return (result?.[0] ?? []).map((item) => {
		const fields = (item.json.data as IDataObject).FIELDS as IDataObject;
		return `${String(item.json.event)} ${String(fields.ID)}`;
	});
}

const registeredMethods = (node: INode, active: boolean) =>
	registeredWebhookMethods(new Bitrix24EventQueueTrigger(), node, active);

describe('Bitrix24 Event Queue Trigger: activation and deactivation', () => {
	it('has a webhook only while the workflow is active, so the editor test polls at once', () => {
		const node = queueNode(DEAL_EVENTS);
		// n8n builds the workflow of the editor's test as inactive
		expect(registeredMethods(node, false)).toEqual([]);
		expect(registeredMethods(node, true)).toEqual(['POST']);
		expect(new Bitrix24EventQueueTrigger().description.webhooks![0].ndvHideUrl).toBe(true);
	});

	it('subscribes on activation and unsubscribes on deactivation; queued events wait for the next activation', async () => {
		const node = queueNode(DEAL_EVENTS);
		const hooks = await lifecycle(node);
		await hooks.activate();
		expect(offlineEvents()).toEqual([...DEAL_EVENTS.events].sort());

		const queued = await addDeal('Queued before deactivation');
		expect(await hooks.deactivate()).toBe(true);
		expect(offlineEvents()).toEqual([]);
		const unbinds = unbindCalls(portal);
		expect(unbinds).toHaveLength(3);
		expect(unbinds.every((command) => command.includes('event_type=offline'))).toBe(true);

		// nothing is queued while the workflow is off
		const whileOff = await addDeal('Created while deactivated');
		expect(whileOff).toBeGreaterThan(queued);
		await hooks.activate();
		expect(offlineEvents()).toEqual([...DEAL_EVENTS.events].sort());
		const poll = new PollHarness({
			node,
			credentials: [oauthCredential(portal)],
			staticData: hooks.staticData,
		});
		expect(emittedIds(await poll.poll())).toEqual([`ONCRMDEALADD ${queued}`]);
	});

	it('keeps the subscription with Unsubscribe When Deactivated off', async () => {
		const hooks = await lifecycle(
			queueNode({ ...DEAL_EVENTS, options: { unbindOnDeactivation: false } }),
		);
		await hooks.activate();
		expect(await hooks.deactivate()).toBe(true);
		expect(offlineEvents()).toEqual([...DEAL_EVENTS.events].sort());
		expect(portal.restRequests().some((r) => r.restMethod === 'event.unbind')).toBe(false);
	});

	it('leaves the other events of the application bound', async () => {
		await appRest(portal, portal.oauth.issueTokens().access_token)('event.bind', {
			event: 'ONTASKADD',
			event_type: 'offline',
		});
		const hooks = await lifecycle(queueNode({ events: ['ONCRMDEALADD'] }));
		await hooks.activate();
		expect(offlineEvents()).toEqual(['ONCRMDEALADD', 'ONTASKADD']);
		await hooks.deactivate();
		expect(offlineEvents()).toEqual(['ONTASKADD']);
	});

	it('refuses activation clearly for a user who is not an administrator, and a refused unbind does not stop the deactivation', async () => {
		const user = portal.store.users.find((u) => !u.IS_ADMIN)!;
		const hooks = await lifecycle(queueNode({ events: ['ONCRMDEALADD'] }), user.ID);
		await expect(hooks.activate()).rejects.toThrow(
			expect.objectContaining({
				description: expect.stringContaining('Could not subscribe to ONCRMDEALADD'),
			}),
		);
		expect(offlineEvents()).toEqual([]);

		// bound by an administrator meanwhile: this user may not remove it
		await appRest(portal, portal.oauth.issueTokens().access_token)('event.bind', {
			event: 'ONCRMDEALADD',
			event_type: 'offline',
		});
		expect(await hooks.deactivate()).toBe(false);
		expect(offlineEvents()).toEqual(['ONCRMDEALADD']);
		const warning = hooks.logs.find((line) => line.includes('event.unbind failed'));
		expect(warning).toEqual(expect.stringContaining('ONCRMDEALADD: ACCESS_DENIED'));
		expect(accessTokenInUse).not.toBe('');
		expect(hooks.logs.join('\n')).not.toContain(accessTokenInUse);
		expect(hooks.logs.join('\n')).not.toContain(portal.oauth.clientSecret);
	});

	it('answers a call of its URL without starting the workflow', async () => {
		const hooks = await lifecycle(queueNode(DEAL_EVENTS));
		const answer = await hooks.post('{}', { contentType: 'application/json' });
		expect(answer.status).toBe(200);
		expect(JSON.parse(answer.body)).toEqual({
			received: false,
			reason: 'This trigger reads the offline event queue',
		});
		expect(await hooks.idle()).toEqual([]);
	});
});
