/**
 * The Event Queue Trigger's Source Key (auth_connector, api-reference/events/offline-events.md,
 * "How to Avoid Cycles") with the Bitrix24 node's Request Options > Source Key (auth_connector):
 * a workflow that updates the deal it was triggered by does not trigger itself again. Real HTTP
 * against the test portal: polls through n8n-core's PollContext, the action node through the
 * workflow harness, both with the OAuth2 credential of the portal's local application.
 */
import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import { PollHarness } from './harness/poll-context';
import { id, oauthCredential as nodeOauthCredential, runNode } from './node/support';
import type { Portal, RecordedRequest } from './portal';
import { startPortal } from './portal';
import { appRest, DEAL_EVENTS, oauthCredential, queueNode, webhookRest } from './queue-support';

let portal: Portal;
let rest: ReturnType<typeof appRest>;
let webhook: ReturnType<typeof webhookRest>;

beforeEach(async () => {
	portal = await startPortal({ bucket: false, operatingLimit: false, demo: { deals: 3 } });
	rest = appRest(portal, portal.oauth.issueTokens().access_token);
	webhook = webhookRest(portal);
});

afterEach(async () => await portal.close());

const KEY = 'n8n-loop';

function harness(node: INode, staticData?: IDataObject): PollHarness {
	return new PollHarness({ node, credentials: [oauthCredential(portal)], staticData });
}

function events(result: INodeExecutionData[][] | null): string[] {
	return (result?.[0] ?? []).map((item) => {
		const fields = (item.json.data as IDataObject).FIELDS as IDataObject;
		return `${String(item.json.event)} ${String(fields?.ID)}`;
	});
}

/** Every call the portal got as `method` + parameters: direct calls and batch commands. */
type Sent = { method: string; params: URLSearchParams | IDataObject };

function calls(): Sent[] {
	return portal.restRequests().flatMap((r: RecordedRequest): Sent[] => {
		if (r.restMethod !== 'batch')
			return [{ method: r.restMethod ?? '', params: (r.body ?? {}) as IDataObject }];
		return (r.batchCommands ?? []).map((command) => {
			const [method, query = ''] = command.split('?');
			return { method, params: new URLSearchParams(query) };
		});
	});
}

function keyOf(params: URLSearchParams | IDataObject): unknown {
	return params instanceof URLSearchParams
		? (params.get('auth_connector') ?? undefined)
		: params.auth_connector;
}

/** The workflow's Deal > Update with the application's OAuth2 credential, keyed or not. */
async function workflowUpdate(dealId: number, title: string, key?: string, typeVersion = 1) {
	const run = await runNode(
		portal,
		{
			authentication: 'bitrix24OAuth2Api',
			resource: 'deal',
			operation: 'update',
			recordId: id(dealId),
			...(typeVersion === 1
				? { updateFields: { title } }
				: {
						fieldMapping: {
							mappingMode: 'defineBelow',
							value: { TITLE: title },
							matchingColumns: [],
							attemptToConvertTypes: false,
							convertFieldsToString: false,
							schema: [],
						},
					}),
			...(key === undefined ? {} : { requestOptions: { authConnector: key } }),
		},
		{ credential: nodeOauthCredential(portal, { ...portal.oauth.issueTokens() }), typeVersion },
	);
	expect(run.result.error).toBeUndefined();
	expect(portal.store.deals.rows.get(dealId)?.TITLE).toBe(title);
}

describe('Event Queue Trigger: Source Key', () => {
	it('breaks the loop: a workflow update with the same key is not emitted again, one without the key is', async () => {
		const poll = harness(queueNode({ ...DEAL_EVENTS, options: { sourceKey: KEY } }));
		expect(await poll.poll()).toBeNull();
		const binds = calls().filter((c) => c.method === 'event.bind');
		expect(binds).toHaveLength(3);
		expect(binds.every((c) => keyOf(c.params) === KEY)).toBe(true);

		// a change made outside n8n arrives
		await webhook('crm.deal.update', { id: 2, fields: { TITLE: 'Changed by a person' } });
		expect(events(await poll.poll())).toEqual(['ONCRMDEALUPDATE 2']);

		// the workflow updates that deal with the same key: not queued for this trigger
		await workflowUpdate(2, 'Changed by the workflow', KEY);
		portal.resetRequests();
		expect(await poll.poll()).toBeNull();
		for (const c of calls().filter((call) => call.method.startsWith('event.offline.')))
			expect(keyOf(c.params)).toBe(KEY);
		expect(calls().some((c) => c.method === 'event.offline.clear')).toBe(true);

		// without the key (or with another one) the change is queued, as before
		await workflowUpdate(2, 'Changed without the key');
		expect(events(await poll.poll())).toEqual(['ONCRMDEALUPDATE 2']);
		await workflowUpdate(3, 'Changed with another key', 'other');
		expect(events(await poll.poll())).toEqual(['ONCRMDEALUPDATE 3']);

		// the keyed queue is not the queue without source
		await webhook('crm.deal.update', { id: 1, fields: { TITLE: 'Outside again' } });
		expect(await rest('event.offline.list')).toEqual([]);
		expect(
			((await rest('event.offline.list', { auth_connector: KEY })) as IDataObject[]).length,
		).toBe(2);
	});

	it("Fetch Test Event shows the keyed queue's events", async () => {
		const poll = harness(queueNode({ ...DEAL_EVENTS, options: { sourceKey: KEY } }));
		expect(await poll.poll('manual')).toBeNull();
		await webhook('crm.deal.update', { id: 3, fields: { TITLE: 'Seen in the editor' } });
		await workflowUpdate(2, 'Not seen: the workflow with the key', KEY);
		expect(events(await poll.poll('manual'))).toEqual(['ONCRMDEALUPDATE 3']);
	});

	it('the key also works with version 2 of the Bitrix24 node', async () => {
		const poll = harness(queueNode({ ...DEAL_EVENTS, options: { sourceKey: KEY } }));
		expect(await poll.poll()).toBeNull();
		await workflowUpdate(1, 'V2 with the key', KEY, 2);
		expect(await poll.poll()).toBeNull();
		await workflowUpdate(1, 'V2 without the key', undefined, 2);
		expect(events(await poll.poll())).toEqual(['ONCRMDEALUPDATE 1']);
	});

	it("without a Source Key sends no auth_connector and still emits the workflow's own changes", async () => {
		const poll = harness(queueNode(DEAL_EVENTS));
		expect(await poll.poll()).toBeNull();
		await workflowUpdate(2, 'Changed by the workflow');
		expect(events(await poll.poll())).toEqual(['ONCRMDEALUPDATE 2']);
		expect(await poll.poll()).toBeNull();
		expect(calls().length).toBeGreaterThan(5);
		expect(calls().filter((c) => keyOf(c.params) !== undefined)).toEqual([]);
		expect(JSON.stringify(portal.restRequests().map((r) => r.body))).not.toContain(
			'auth_connector',
		);
		expect(poll.staticData.queue ?? {}).not.toHaveProperty('boundKey');
		expect(poll.staticData.queue ?? {}).not.toHaveProperty('sourceKey');
	});

	it('a changed key binds the events again, clears the batch read under the old key, and reads the new queue', async () => {
		const node = queueNode({ ...DEAL_EVENTS, options: { sourceKey: 'first' } });
		const before = harness(node);
		expect(await before.poll()).toBeNull();
		await webhook('crm.deal.update', { id: 1, fields: { TITLE: 'Under the first key' } });
		expect(events(await before.poll())).toEqual(['ONCRMDEALUPDATE 1']);

		// the user changes the key while the workflow stays active (nothing unbinds in between)
		node.parameters.options = { sourceKey: 'second' };
		const after = harness(node, before.staticData);
		portal.resetRequests();
		expect(await after.poll()).toBeNull();
		const sent = calls();
		const rebinds = sent.filter((c) => c.method === 'event.bind');
		expect(sent.filter((c) => c.method === 'event.unbind')).toHaveLength(3);
		expect(rebinds.map((c) => keyOf(c.params))).toEqual(['second', 'second', 'second']);
		const clear = sent.find((c) => c.method === 'event.offline.clear');
		expect(keyOf(clear!.params)).toBe('first');
		expect(await rest('event.offline.list', { auth_connector: 'first' })).toEqual([]);
		expect(after.logs.some((line) => /Source Key changed/.test(line))).toBe(true);

		await webhook('crm.deal.update', { id: 2, fields: { TITLE: 'Under the second key' } });
		await workflowUpdate(3, 'Workflow with the second key', 'second');
		expect(events(await after.poll())).toEqual(['ONCRMDEALUPDATE 2']);
		// back to no key: bound again without one, the queue without source read
		node.parameters.options = {};
		const plain = harness(node, after.staticData);
		expect(await plain.poll()).toBeNull();
		await workflowUpdate(3, 'Workflow, no key any more', 'second');
		expect(events(await plain.poll())).toEqual(['ONCRMDEALUPDATE 3']);
	});

	it('fails the poll instead of reading the wrong queue when an old binding cannot be replaced', async () => {
		const node = queueNode({ ...DEAL_EVENTS, options: { sourceKey: 'first' } });
		const before = harness(node);
		expect(await before.poll()).toBeNull();
		node.parameters.options = { sourceKey: 'second' };
		const after = harness(node, before.staticData);
		// the unbind batch is refused (e.g. by a user who is no administrator any more): the old
		// bindings stay, so the new key's bind is refused as existing, and that must not pass
		portal.faults.inject({
			kind: 'error',
			method: 'batch',
			error: { status: 403, code: 'ACCESS_DENIED', description: 'Access denied!' },
		});
		const error = (await after.poll().catch((e: unknown) => e)) as Error & {
			description?: string;
		};
		expect(error.message).toMatch(/already/i);
		expect(error.description).toMatch(/Source Key changed/);
		// the next poll replaces them
		expect(await after.poll()).toBeNull();
		expect(portal.events.bindings.map((b) => (b as { connector?: string }).connector)).toEqual([
			'second',
			'second',
			'second',
		]);
	});
});
