/**
 * The test portal's im.v2.Event.* (test/portal/methods/im-v2-events.ts) as the REST docs describe
 * it (api-reference/chat-bots/chat-bots-v2/im.v2/events), over real HTTP: recorded only while
 * subscribed, confirmed by offset for every reader of the user, paged by limit, kept 24 hours.
 */
import type { IDataObject } from 'n8n-workflow';

import { withPortal } from './node/support';
import type { Portal } from './portal';
import { userEvents, userWritesInChat } from './portal/methods/im-v2-events';
import { GROUP, ME, webhookRest } from './user-events-support';

let portal: Portal;
let webhook: ReturnType<typeof webhookRest>;

beforeEach(async () => {
	portal = await withPortal({ demo: { deals: 1 } });
	webhook = webhookRest(portal);
});

afterEach(async () => await portal.close());

describe('Test portal: im.v2.Event.*', () => {
	it('records only while subscribed, confirms by offset for every reader of the user, pages by limit', async () => {
		const get = async (params: IDataObject = {}) =>
			(await webhook('im.v2.Event.get', params)) as IDataObject;
		userWritesInChat(portal.store, 2, GROUP, 'before');
		expect(await get()).toMatchObject({ events: [], hasMore: false });
		expect(await webhook('im.v2.Event.subscribe', {})).toBe(true);
		expect(await webhook('im.v2.Event.subscribe', {})).toBe(true);
		for (const text of ['a', 'b', 'c']) userWritesInChat(portal.store, 2, GROUP, text);
		const page = await get({ limit: 2 });
		const ids = (page.events as IDataObject[]).map((e) => Number(e.eventId));
		expect(page).toMatchObject({ nextOffset: ids[1] + 1, hasMore: true });
		const data = (page.events as IDataObject[])[0].data as IDataObject;
		expect(data).toMatchObject({ message: { text: 'a' }, user: { id: 2 }, language: 'en' });
		expect(data.auth).toBeUndefined();
		expect(data.chat).not.toHaveProperty('role');
		expect(data.user).not.toHaveProperty('botData');
		// without offset nothing is confirmed
		expect(((await get({ limit: 2 })).events as IDataObject[]).map((e) => e.eventId)).toEqual(ids);

		// another application of the same user confirms for both
		const token = portal.oauth.issueTokens({ scope: 'im' }).access_token;
		const other = await fetch(`${portal.url}/rest/im.v2.Event.get`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
			body: JSON.stringify({ offset: page.nextOffset }),
		});
		const rest = ((await other.json()) as IDataObject).result as IDataObject;
		expect((rest.events as IDataObject[]).map((e) => (e.data as IDataObject).message)).toEqual([
			expect.objectContaining({ text: 'c' }),
		]);
		expect(((await get()).events as IDataObject[]).map((e) => e.eventId)).toEqual([ids[1] + 1]);

		// after unsubscribing, what was recorded stays; nothing new is recorded
		expect(await webhook('im.v2.Event.unsubscribe', {})).toBe(true);
		expect(await webhook('im.v2.Event.unsubscribe', {})).toBe(true);
		userWritesInChat(portal.store, 2, GROUP, 'after');
		expect((await get()).events).toHaveLength(1);
		const done = await get({ offset: rest.nextOffset });
		expect(done).toMatchObject({ events: [], nextOffset: rest.nextOffset, hasMore: false });

		const noScope = portal.oauth.issueTokens({ scope: 'imbot' }).access_token;
		const refused = await fetch(`${portal.url}/rest/im.v2.Event.subscribe`, {
			method: 'POST',
			headers: { authorization: `Bearer ${noScope}` },
		});
		expect(refused.status).toBe(403);
		expect(((await refused.json()) as IDataObject).error).toBe('insufficient_scope');
	});

	it('keeps events 24 hours', async () => {
		await webhook('im.v2.Event.subscribe', {});
		userWritesInChat(portal.store, 2, GROUP, 'old news');
		expect(userEvents(portal.store, ME)).toHaveLength(1);
		const now = Date.now();
		const clock = jest.spyOn(Date, 'now').mockReturnValue(now + 24 * 3600 * 1000 + 1000);
		try {
			expect(await webhook('im.v2.Event.get', {})).toMatchObject({ events: [], hasMore: false });
		} finally {
			clock.mockRestore();
		}
	});
});
