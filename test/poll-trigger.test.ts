/**
 * The Bitrix24 Poll Trigger against the test portal, over real HTTP: each poll runs through
 * n8n-core's PollContext (credentials by the harness's CredentialsHelper, requests by n8n-core's
 * helpers), static data kept between polls as n8n keeps it, a restart being a new context given
 * the same static data. Expectations come from what the test wrote into the portal.
 */
import { randomUUID } from 'node:crypto';

import type { IDataObject, INode, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { StoredCredential } from './harness';
import { PollHarness } from './harness/poll-context';
import type { Portal } from './portal';
import { startPortal } from './portal';
import { isoDate } from './portal/envelope';
import type { Row } from './portal/fields';
import { SMART_PROCESS } from './portal/seed';

const TYPE = 'n8n-nodes-bitrix24.bitrix24PollTrigger';

let portal: Portal;

beforeAll(async () => {
	portal = await startPortal({ bucket: false, operatingLimit: false, demo: { deals: 30 } });
});

afterAll(async () => {
	await portal.close();
});

beforeEach(() => portal.resetRequests());

function webhookCredential(): StoredCredential {
	return {
		id: 'cred-webhook',
		name: 'Portal webhook',
		type: 'bitrix24WebhookApi',
		data: { webhookSecretUrl: portal.webhookUrl, allowHttp: true },
	};
}

function oauthCredential(): StoredCredential {
	return {
		id: 'cred-oauth',
		name: 'Portal OAuth2',
		type: 'bitrix24OAuth2Api',
		data: {
			portalUrl: portal.url,
			clientId: portal.oauth.clientId,
			clientSecret: portal.oauth.clientSecret,
			accessTokenUrl: portal.oauth.tokenUrl,
			oauthTokenData: { ...portal.oauth.issueTokens() },
		},
	};
}

function pollNode(
	parameters: INodeParameters,
	credential: StoredCredential = webhookCredential(),
): INode {
	return {
		id: randomUUID(),
		name: 'Bitrix24 Poll Trigger',
		type: TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { authentication: credential.type, ...parameters },
		credentials: { [credential.type]: { id: credential.id, name: credential.name } },
	};
}

function harness(
	parameters: INodeParameters,
	opts: { staticData?: IDataObject; credential?: StoredCredential } = {},
): PollHarness {
	const credential = opts.credential ?? webhookCredential();
	return new PollHarness({
		node: pollNode(parameters, credential),
		credentials: [credential],
		staticData: opts.staticData,
	});
}

async function call(method: string, params: IDataObject): Promise<unknown> {
	const response = await fetch(`${portal.webhookUrl}${method}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(params),
	});
	const body = (await response.json()) as IDataObject;
	if (!response.ok) throw new Error(`${method}: ${JSON.stringify(body)}`);
	return body.result;
}

async function addDeal(fields: IDataObject = {}): Promise<number> {
	return Number(
		await call('crm.deal.add', {
			fields: { TITLE: `Deal ${randomUUID().slice(0, 8)}`, ...fields },
		}),
	);
}

/** A deal written straight into the store, both timestamps set to `at` (an ISO string). */
function storeDeal(at: string, title: string): number {
	const id = portal.store.create(2, { TITLE: title }, 1);
	const row = portal.store.deals.rows.get(id) as Row;
	row.DATE_CREATE = at;
	row.DATE_MODIFY = at;
	return id;
}

/** The node's static data (n8n keeps it under `node:<node name>`). */
function nodeState(poll: PollHarness): IDataObject {
	return ((poll.staticData['node:Bitrix24 Poll Trigger'] as IDataObject | undefined)?.poll ??
		{}) as IDataObject;
}

function ids(result: INodeExecutionData[][] | null, key = 'ID'): number[] {
	return (result?.[0] ?? []).map((item) => Number(item.json[key]));
}

/** Every list call the poll made went out uncounted (start=-1), batched pages included. */
function expectNoTotals(method: string): void {
	const calls = portal
		.restRequests()
		.filter((r) => r.restMethod === method || r.restMethod === 'batch');
	expect(calls.length).toBeGreaterThan(0);
	for (const request of calls) {
		if (request.restMethod === 'batch') {
			for (const command of request.batchCommands ?? []) expect(command).toContain('start=-1');
		} else {
			expect(String((request.body as IDataObject).start)).toBe('-1');
		}
	}
}

describe('Bitrix24 Poll Trigger: deals', () => {
	it('starts from now: the first poll emits nothing, records created afterwards come exactly once', async () => {
		const before = await addDeal();
		const poll = harness({ record: 'deal', event: 'new' });
		expect(await poll.poll()).toBeNull();
		expect(nodeState(poll).cursor).toEqual(expect.any(Number));
		expectNoTotals('crm.deal.list');

		const created = [await addDeal(), await addDeal(), await addDeal()];
		portal.resetRequests();
		expect(ids(await poll.poll())).toEqual(created);
		// a quiet poll is one uncounted call
		expect(portal.restRequests().map((r) => r.restMethod)).toEqual(['crm.deal.list']);
		expectNoTotals('crm.deal.list');
		expect(await poll.poll()).toBeNull();

		const more = [await addDeal(), await addDeal()];
		expect(ids(await poll.poll())).toEqual(more);
		expect(await poll.poll()).toBeNull();
		expect([...created, ...more]).not.toContain(before);
		// what went out is the portal's record
		const stored = portal.store.deals.rows.get(more[1]) as Row;
		expect(poll.emitted.at(-1)?.[0].at(-1)?.json.TITLE).toBe(stored.TITLE);
	});

	it('emits 120 records sharing one timestamp exactly once each, across polls, pages and a restart', async () => {
		const first = harness({ record: 'deal', event: 'new' });
		expect(await first.poll()).toBeNull();
		const at = isoDate(Date.now());
		const batchA = Array.from({ length: 70 }, (_, i) => storeDeal(at, `Same second A${i}`));
		portal.resetRequests();
		expect(ids(await first.poll())).toEqual(batchA);
		// one page alone, then the rest walked by ID in a batch, never counted
		expect(portal.restRequests().map((r) => r.restMethod)).toEqual(['crm.deal.list', 'batch']);
		expectNoTotals('crm.deal.list');
		const batchB = Array.from({ length: 30 }, (_, i) => storeDeal(at, `Same second B${i}`));
		expect(ids(await first.poll())).toEqual(batchB);

		// n8n restarts: a new context, the static data as stored
		const second = harness({ record: 'deal', event: 'new' }, { staticData: first.staticData });
		expect(await second.poll()).toBeNull();
		const batchC = Array.from({ length: 20 }, (_, i) => storeDeal(at, `Same second C${i}`));
		expect(ids(await second.poll())).toEqual(batchC);
		expect(await second.poll()).toBeNull();

		const all = [...first.emitted, ...second.emitted].flatMap((run) => ids(run));
		expect(all).toHaveLength(120);
		expect(new Set(all).size).toBe(120);
	});

	it('emits in time order and catches a record written late with an earlier second (overlap)', async () => {
		const poll = harness({ record: 'deal', event: 'new' });
		expect(await poll.poll()).toBeNull();
		const now = Date.now();
		const later = storeDeal(isoDate(now + 2000), 'Later');
		const earlier = storeDeal(isoDate(now + 1000), 'Earlier');
		expect(ids(await poll.poll())).toEqual([earlier, later]);
		// committed after the poll, stamped 30 s before the cursor
		const late = storeDeal(isoDate(now - 28_000), 'Late writer');
		expect(ids(await poll.poll())).toEqual([late]);
		expect(await poll.poll()).toBeNull();
	});

	it('shows an update in New or Updated and not in New', async () => {
		const updated = harness({ record: 'deal', event: 'newOrUpdated' });
		const created = harness({ record: 'deal', event: 'new' });
		expect(await updated.poll()).toBeNull();
		expect(await created.poll()).toBeNull();
		const id = await addDeal({ TITLE: 'Before update' });
		const row = portal.store.deals.rows.get(id) as Row;
		// made a few seconds ago, so the update below has a later second
		row.DATE_CREATE = row.DATE_MODIFY = isoDate(Date.now() - 5000);
		expect(ids(await updated.poll())).toEqual([id]);
		expect(ids(await created.poll())).toEqual([id]);

		await call('crm.deal.update', { id, fields: { TITLE: 'After update' } });
		expect(row.DATE_MODIFY).not.toBe(row.DATE_CREATE);
		const change = await updated.poll();
		expect(ids(change)).toEqual([id]);
		expect(change?.[0][0].json.TITLE).toBe('After update');
		expect(change?.[0][0].json.DATE_MODIFY).toBe(row.DATE_MODIFY);
		expect(await created.poll()).toBeNull();
		expect(await updated.poll()).toBeNull();
	});

	it('manual mode returns the latest few records and leaves the static data alone', async () => {
		const poll = harness({ record: 'deal', event: 'new', simplify: true });
		const result = await poll.poll('manual');
		const rows = [...portal.store.deals.rows.values()];
		const latest = rows
			.sort(
				(a, b) =>
					Date.parse(String(b.DATE_CREATE)) - Date.parse(String(a.DATE_CREATE)) ||
					Number(b.ID) - Number(a.ID),
			)
			.slice(0, 5)
			.reverse()
			.map((r) => Number(r.ID));
		expect(ids(result)).toEqual(latest);
		expect(Object.keys(result?.[0][0].json ?? {}).sort()).toEqual(
			[
				'ID',
				'TITLE',
				'CATEGORY_ID',
				'STAGE_ID',
				'OPPORTUNITY',
				'CURRENCY_ID',
				'CONTACT_ID',
				'COMPANY_ID',
				'ASSIGNED_BY_ID',
				'DATE_CREATE',
				'DATE_MODIFY',
			].sort(),
		);
		expect(poll.staticData).toEqual({});
		const listCall = portal.restRequests().find((r) => r.restMethod === 'crm.deal.list');
		expect((listCall?.body as IDataObject).start).toBe(-1);
	});

	it('filters by responsible user, pipeline and a custom JSON filter', async () => {
		const poll = harness({
			record: 'deal',
			event: 'new',
			filters: { responsibleId: '2', categoryId: '0', custom: '{ ">OPPORTUNITY": 100 }' },
		});
		expect(await poll.poll()).toBeNull();
		await addDeal({ ASSIGNED_BY_ID: 3, OPPORTUNITY: 500 });
		const match = await addDeal({ ASSIGNED_BY_ID: 2, OPPORTUNITY: 500 });
		await addDeal({ ASSIGNED_BY_ID: 2, OPPORTUNITY: 50 });
		expect(ids(await poll.poll())).toEqual([match]);
		const sent = portal
			.restRequests()
			.filter((r) => r.restMethod === 'crm.deal.list')
			.map((r) => (r.body as IDataObject).filter as IDataObject | undefined)
			.filter((filter) => filter?.['>=DATE_CREATE'] !== undefined);
		expect(sent.length).toBeGreaterThan(0);
		for (const filter of sent)
			expect(filter).toMatchObject({ ASSIGNED_BY_ID: '2', CATEGORY_ID: '0', '>OPPORTUNITY': 100 });
	});

	it('works with the OAuth2 credential', async () => {
		const poll = harness(
			{ record: 'deal', event: 'newOrUpdated' },
			{ credential: oauthCredential() },
		);
		expect(await poll.poll()).toBeNull();
		const id = await addDeal();
		expect(ids(await poll.poll())).toEqual([id]);
		const lists = portal.restRequests().filter((r) => r.restMethod === 'crm.deal.list');
		expect(lists.length).toBeGreaterThan(0);
		expect(lists.every((r) => r.auth === 'oauth')).toBe(true);
	});
});

describe('Bitrix24 Poll Trigger: other records', () => {
	const cases: Array<{
		name: string;
		parameters: INodeParameters;
		idKey: string;
		create: () => Promise<number>;
		method: string;
	}> = [
		{
			name: 'leads',
			parameters: { record: 'lead' },
			idKey: 'ID',
			method: 'crm.lead.list',
			create: async () => Number(await call('crm.lead.add', { fields: { TITLE: 'New lead' } })),
		},
		{
			name: 'contacts',
			parameters: { record: 'contact' },
			idKey: 'ID',
			method: 'crm.contact.list',
			create: async () => Number(await call('crm.contact.add', { fields: { NAME: 'Ann' } })),
		},
		{
			name: 'companies',
			parameters: { record: 'company' },
			idKey: 'ID',
			method: 'crm.company.add'.replace('add', 'list'),
			create: async () => Number(await call('crm.company.add', { fields: { TITLE: 'New Co' } })),
		},
		{
			name: 'smart process items',
			parameters: { record: 'item', entityTypeId: SMART_PROCESS.entityTypeId },
			idKey: 'id',
			method: 'crm.item.list',
			create: async () =>
				Number(
					(
						(await call('crm.item.add', {
							entityTypeId: SMART_PROCESS.entityTypeId,
							fields: { title: 'Project X' },
						})) as IDataObject & { item: IDataObject }
					).item.id,
				),
		},
		{
			name: 'activities',
			parameters: { record: 'activity' },
			idKey: 'ID',
			method: 'crm.activity.list',
			create: async () =>
				Number(
					(
						(await call('crm.activity.todo.add', {
							ownerTypeId: 2,
							ownerId: 1,
							deadline: isoDate(Date.now() + 86_400_000),
							title: 'Call back',
						})) as IDataObject
					).id,
				),
		},
		{
			name: 'tasks',
			parameters: { record: 'task' },
			idKey: 'id',
			method: 'tasks.task.list',
			create: async () =>
				Number(
					(
						(await call('tasks.task.add', { fields: { TITLE: 'Poll me', RESPONSIBLE_ID: 1 } })) as {
							task: IDataObject;
						}
					).task.id,
				),
		},
	];

	for (const { name, parameters, idKey, create, method } of cases) {
		for (const event of ['new', 'newOrUpdated']) {
			it(`emits new ${name} once (${event})`, async () => {
				const poll = harness({ ...parameters, event });
				expect(await poll.poll()).toBeNull();
				const id = await create();
				portal.resetRequests();
				expect(ids(await poll.poll(), idKey)).toEqual([id]);
				expectNoTotals(method);
				expect(await poll.poll()).toBeNull();
			});
		}
	}
});
