/**
 * The Bitrix24 Event Queue Trigger against the test portal's offline event queue, over real
 * HTTP: each poll runs through n8n-core's PollContext (OAuth2 credential by the harness's
 * CredentialsHelper), static data kept between polls as n8n keeps it, a restart being a new
 * context for the same node given the stored static data. What the queue holds is read back
 * with event.offline.list, as an administrator would.
 */
import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import { Bitrix24EventQueueTrigger } from '../nodes/Bitrix24EventQueueTrigger/Bitrix24EventQueueTrigger.node';
import { PollHarness } from './harness/poll-context';
import type { Portal } from './portal';
import { startPortal } from './portal';
import { appRest, DEAL_EVENTS, oauthCredential, queueNode, webhookRest } from './queue-support';

let portal: Portal;
let rest: ReturnType<typeof appRest>;
let webhook: ReturnType<typeof webhookRest>;

beforeEach(async () => {
	portal = await startPortal({ bucket: false, operatingLimit: false, demo: { deals: 5 } });
	rest = appRest(portal, portal.oauth.issueTokens().access_token);
	webhook = webhookRest(portal);
});

afterEach(async () => await portal.close());

/** A poll context for `node` (the same node after a restart: n8n keeps the node's ID). */
function harness(node: INode, staticData?: IDataObject): PollHarness {
	return new PollHarness({ node, credentials: [oauthCredential(portal)], staticData });
}

const addDeal = async (title: string) =>
	Number(await webhook('crm.deal.add', { fields: { TITLE: title } }));
const updateDeal = (id: number, title: string) =>
	webhook('crm.deal.update', { id, fields: { TITLE: title } });
const deleteDeal = (id: number) => webhook('crm.deal.delete', { id });

/** What each emitted item names: event and record ID. */
function events(result: INodeExecutionData[][] | null): string[] {
	return (result?.[0] ?? []).map((item) => {
		const data = item.json.data as IDataObject;
		const fields = (data.FIELDS ?? data.FIELDS_AFTER ?? data.FIELDS_BEFORE) as IDataObject;
		return `${String(item.json.event)} ${String(fields?.ID)}`;
	});
}

/** The queue as event.offline.list shows it: event, record ID and the reserving process. */
async function queue(): Promise<Array<{ event: string; id: string; reserved: boolean }>> {
	const rows = (await rest('event.offline.list')) as IDataObject[];
	return rows.map((row) => ({
		event: String(row.EVENT_NAME),
		id: String(((row.EVENT_DATA as IDataObject).FIELDS as IDataObject)?.ID),
		reserved: row.PROCESS_ID !== '',
	}));
}

describe('Bitrix24 Event Queue Trigger', () => {
	it('offers only the OAuth2 credential: Bitrix24 keeps offline events for applications', () => {
		const { credentials, polling } = new Bitrix24EventQueueTrigger().description;
		expect(polling).toBe(true);
		expect(credentials?.map((c) => c.name)).toEqual(['bitrix24OAuth2Api']);
	});

	it('binds the events offline on activation and emits creations, one entry per changed record, and deletions in order, once', async () => {
		const existing = await addDeal('Existing before activation');
		const poll = harness(queueNode(DEAL_EVENTS));
		expect(await poll.poll()).toBeNull();
		const offline = portal.events.bindings.filter((b) => b.eventType === 'offline');
		expect(offline.map((b) => b.event).sort()).toEqual([...DEAL_EVENTS.events].sort());
		expect(offline.every((b) => b.handler === '')).toBe(true);
		// before the bindings nothing was queued
		expect(await queue()).toEqual([]);

		const created = await addDeal('Created');
		await updateDeal(created, 'Changed once');
		await updateDeal(created, 'Changed twice');
		await deleteDeal(existing);
		const first = await poll.poll();
		expect(events(first)).toEqual([
			`ONCRMDEALADD ${created}`,
			`ONCRMDEALUPDATE ${created}`,
			`ONCRMDEALDELETE ${existing}`,
		]);
		expect(first?.[0][0].json).toMatchObject({
			timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
			queueId: expect.any(String),
			messageId: expect.any(String),
		});
		// still in the queue, reserved, until the next poll confirms them
		expect(await queue()).toEqual([
			{ event: 'ONCRMDEALADD', id: String(created), reserved: true },
			{ event: 'ONCRMDEALUPDATE', id: String(created), reserved: true },
			{ event: 'ONCRMDEALDELETE', id: String(existing), reserved: true },
		]);

		expect(await poll.poll()).toBeNull();
		expect(await queue()).toEqual([]);
		expect(
			portal.restRequests().filter((r) => r.restMethod === 'event.offline.clear'),
		).toHaveLength(1);

		// an event bound again later is not bound twice
		expect(portal.events.bindings.filter((b) => b.eventType === 'offline')).toHaveLength(3);
		const binds = portal
			.restRequests()
			.flatMap((r) => (r.restMethod === 'batch' ? (r.batchCommands ?? []) : [r.restMethod ?? '']))
			.filter((command) => command.startsWith('event.bind'));
		expect(binds).toHaveLength(3);
	});

	it('emits each event exactly once across polls and a restart, and loses nothing while n8n is down', async () => {
		const node = queueNode(DEAL_EVENTS);
		const first = harness(node);
		expect(await first.poll()).toBeNull();
		const a = await addDeal('A');
		expect(events(await first.poll())).toEqual([`ONCRMDEALADD ${a}`]);
		await updateDeal(a, 'A changed');
		expect(events(await first.poll())).toEqual([`ONCRMDEALUPDATE ${a}`]);
		// changed again while that entry waits for confirmation: a new entry, emitted next
		await updateDeal(a, 'A changed again');
		expect(events(await first.poll())).toEqual([`ONCRMDEALUPDATE ${a}`]);

		// n8n stops; the portal keeps queueing
		const b = await addDeal('B');
		await deleteDeal(b);
		const second = harness(node, first.staticData);
		expect(events(await second.poll())).toEqual([`ONCRMDEALADD ${b}`, `ONCRMDEALDELETE ${b}`]);
		expect(await second.poll()).toBeNull();
		expect(await queue()).toEqual([]);

		const all = [...first.emitted, ...second.emitted].flatMap((run) => events(run));
		expect(all).toEqual([
			`ONCRMDEALADD ${a}`,
			`ONCRMDEALUPDATE ${a}`,
			`ONCRMDEALUPDATE ${a}`,
			`ONCRMDEALADD ${b}`,
			`ONCRMDEALDELETE ${b}`,
		]);
	});

	it('delivers again, after a restart, a batch it reserved whose poll never reached the database', async () => {
		const node = queueNode({ events: ['ONCRMDEALADD'] });
		const first = harness(node);
		expect(await first.poll()).toBeNull();
		const a = await addDeal('A');
		expect(events(await first.poll())).toEqual([`ONCRMDEALADD ${a}`]);
		const stored = structuredClone(first.staticData);

		// this poll reserves B, but n8n dies before its static data is written
		const b = await addDeal('B');
		expect(events(await first.poll())).toEqual([`ONCRMDEALADD ${b}`]);
		expect(await queue()).toEqual([{ event: 'ONCRMDEALADD', id: String(b), reserved: true }]);

		const second = harness(node, stored);
		expect(events(await second.poll())).toEqual([`ONCRMDEALADD ${b}`]);
		expect(await second.poll()).toBeNull();
		expect(await queue()).toEqual([]);
	});

	it('takes events it does not watch off the queue without starting the workflow', async () => {
		const node = queueNode({ events: ['ONCRMDEALADD'], customEvents: 'ONTASKADD' });
		const first = harness(node);
		expect(await first.poll()).toBeNull();
		// the task event is deselected later; its binding stays, so its events keep coming
		const later = harness({ ...node, parameters: { events: ['ONCRMDEALADD'] } }, first.staticData);
		await webhook('tasks.task.add', { fields: { TITLE: 'Queued task', RESPONSIBLE_ID: 1 } });
		const deal = await addDeal('Watched');
		expect(events(await later.poll())).toEqual([`ONCRMDEALADD ${deal}`]);
		expect(await later.poll()).toBeNull();
		expect(await queue()).toEqual([]);

		// a queue full of such events is worked through in one poll
		const more = harness(
			{ ...node, parameters: { events: ['ONCRMDEALADD'], options: { batchSize: 2 } } },
			later.staticData,
		);
		for (let i = 0; i < 5; i++)
			await webhook('tasks.task.add', { fields: { TITLE: `Task ${i}`, RESPONSIBLE_ID: 1 } });
		const last = await addDeal('After the tasks');
		expect(events(await more.poll())).toEqual([`ONCRMDEALADD ${last}`]);
	});

	it('adds the record with Fetch Full Record; a delete has none to read', async () => {
		const poll = harness(queueNode({ ...DEAL_EVENTS, options: { fetchFullRecord: true } }));
		expect(await poll.poll()).toBeNull();
		const id = await addDeal('To be read');
		await updateDeal(id, 'Read after the change');
		const other = await addDeal('To be deleted');
		await deleteDeal(other);
		const result = await poll.poll();
		const items = (result?.[0] ?? []).map((item) => item.json);
		expect(events(result)).toEqual([
			`ONCRMDEALADD ${id}`,
			`ONCRMDEALUPDATE ${id}`,
			`ONCRMDEALADD ${other}`,
			`ONCRMDEALDELETE ${other}`,
		]);
		// the queue names records; what is read is how they are now
		expect((items[0].record as IDataObject).TITLE).toBe('Read after the change');
		expect((items[1].record as IDataObject).TITLE).toBe('Read after the change');
		expect(items[2].record).toBeNull();
		expect(items[2].recordError).toEqual(expect.stringContaining('Not found'));
		expect(items[3].record).toBeUndefined();
	});

	it("the editor's test shows queued events without reserving or removing them", async () => {
		const node = queueNode(DEAL_EVENTS);
		const poll = harness(node);
		// the first test subscribes, so that changes made now are queued
		expect(await poll.poll('manual')).toBeNull();
		const id = await addDeal('For the test');
		const shown = await poll.poll('manual');
		expect(events(shown)).toEqual([`ONCRMDEALADD ${id}`]);
		expect(poll.staticData).toEqual({});
		expect(await queue()).toEqual([{ event: 'ONCRMDEALADD', id: String(id), reserved: false }]);
		expect(portal.restRequests().some((r) => r.restMethod === 'event.offline.get')).toBe(false);
		// the active workflow still gets it
		expect(events(await poll.poll())).toEqual([`ONCRMDEALADD ${id}`]);
	});

	it('names the parameter of a bad setting, and refuses a poll with no event', async () => {
		await expect(harness(queueNode({ events: [] })).poll()).rejects.toThrow('No event selected');
		await expect(
			harness(queueNode({ events: [], customEvents: 'ONTASKADD, not-an-event' })).poll(),
		).rejects.toThrow('Parameter "Custom Event Names": not a Bitrix24 event name: not-an-event');
		await expect(
			harness(queueNode({ ...DEAL_EVENTS, options: { batchSize: 0 } })).poll(),
		).rejects.toThrow('Parameter "Events per Poll"');
	});
});

describe('Test portal: offline event queue', () => {
	it('keeps one entry per record and event, clears by process, and refuses a webhook', async () => {
		await rest('event.bind', { event: 'ONCRMDEALUPDATE', event_type: 'offline' });
		const id = await addDeal('Portal check');
		for (const title of ['one', 'two', 'three']) await updateDeal(id, title);
		expect(await queue()).toEqual([{ event: 'ONCRMDEALUPDATE', id: String(id), reserved: false }]);

		const reserved = (await rest('event.offline.get', { clear: 0 })) as IDataObject;
		expect(reserved.process_id).toEqual(expect.stringMatching(/^[0-9a-f]{32}$/));
		expect(reserved.events as IDataObject[]).toHaveLength(1);
		// hidden from another reader, shown again to the same process
		expect(((await rest('event.offline.get', { clear: 0 })) as IDataObject).events).toEqual([]);
		const again = (await rest('event.offline.get', {
			clear: 0,
			process_id: reserved.process_id,
		})) as IDataObject;
		expect(again.events).toEqual(reserved.events);

		const message = (reserved.events as IDataObject[])[0].MESSAGE_ID;
		expect(
			await rest('event.offline.error', { process_id: reserved.process_id, message_id: [message] }),
		).toBe(true);
		expect(((await rest('event.offline.list')) as IDataObject[])[0].ERROR).toBe('1');
		expect(await rest('event.offline.clear', { process_id: reserved.process_id })).toBe(true);
		expect(await queue()).toEqual([]);

		// the default clear=1 returns and removes at once
		await updateDeal(id, 'four');
		const taken = (await rest('event.offline.get')) as IDataObject;
		expect(taken.process_id).toBeNull();
		expect((taken.events as IDataObject[]).map((e) => e.EVENT_NAME)).toEqual(['ONCRMDEALUPDATE']);
		expect(await queue()).toEqual([]);

		const refused = await fetch(`${portal.webhookUrl}event.offline.get`, { method: 'POST' });
		expect(refused.status).toBe(403);
		expect(((await refused.json()) as IDataObject).error).toBe('WRONG_AUTH_TYPE');
	});
});
