import type { StoredCredential } from '../harness';
import type { Portal } from '../portal';
import { automationState } from '../portal/methods/crm-automation';
import { SMART_PROCESS } from '../portal/seed';
import { oauthCredential, runNode, withPortal } from './support';

describe('CRM automation triggers and timeline log entries', () => {
	let portal: Portal;
	let oauth: StoredCredential;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 3 } });
		oauth = oauthCredential(portal, { ...portal.oauth.issueTokens() });
	});
	afterAll(async () => await portal.close());
	const state = () => automationState(portal.store);

	it('fires the incoming-webhook trigger of a deal and of a smart-process item', async () => {
		const dealId = [...portal.store.deals.rows.keys()][1];
		const fired = await runNode(portal, {
			resource: 'crmAutomationTrigger',
			operation: 'fire',
			entityTypeId: 2,
			recordId: dealId,
			additionalFields: { code: 'nwly5' },
		});
		expect(fired.result.error).toBeUndefined();
		expect(fired.json).toEqual([{ target: `DEAL_${dealId}`, fired: true }]);
		expect(state().fired.at(-1)).toEqual({
			target: `DEAL_${dealId}`,
			entityTypeId: 2,
			entityId: dealId,
			code: 'nwly5',
		});

		const smartId = [...portal.store.table(SMART_PROCESS.entityTypeId)!.rows.keys()][0];
		const smart = await runNode(portal, {
			resource: 'crmAutomationTrigger',
			operation: 'fire',
			entityTypeId: SMART_PROCESS.entityTypeId,
			recordId: smartId,
		});
		expect(smart.json[0].target).toBe(`DYNAMIC_${SMART_PROCESS.entityTypeId}_${smartId}`);
		expect(state().fired.at(-1)).toMatchObject({
			entityTypeId: SMART_PROCESS.entityTypeId,
			code: null,
		});

		const missing = await runNode(portal, {
			resource: 'crmAutomationTrigger',
			operation: 'fire',
			entityTypeId: 2,
			recordId: 99999,
		});
		expect(String(missing.result.error?.message)).toMatch(/Target is not found/);
	});

	it('executes an application trigger with OAuth only', async () => {
		const dealId = [...portal.store.deals.rows.keys()][0];
		state().appTriggers.set(portal.oauth.clientId, new Map([['payment_received', 'Paid']]));
		const params = {
			resource: 'crmAutomationTrigger',
			operation: 'execute',
			entityTypeId: 2,
			recordId: dealId,
			code: 'payment_received',
		};
		const before = state().fired.length;
		const run = await runNode(
			portal,
			{ ...params, authentication: 'bitrix24OAuth2Api' },
			{ credential: oauth },
		);
		expect(run.result.error).toBeUndefined();
		expect(run.json).toEqual([
			{ ownerTypeId: 2, ownerId: dealId, code: 'payment_received', executed: true },
		]);
		expect(state().fired.slice(before)).toEqual([
			{
				target: `DEAL_${dealId}`,
				entityTypeId: 2,
				entityId: dealId,
				code: 'payment_received',
				clientId: portal.oauth.clientId,
			},
		]);
		const webhook = await runNode(portal, params);
		expect(String(webhook.result.error?.message)).toMatch(/Application context required/);
		expect(state().fired).toHaveLength(before + 1);
		const badCode = await runNode(portal, { ...params, code: 'Paid!' });
		expect(String(badCode.result.error?.message)).toContain('"Trigger Code" of item 0');
	});

	it('adds log entries to a deal’s timeline, lists them page by page, pins, unpins and deletes', async () => {
		const dealId = [...portal.store.deals.rows.keys()][2];
		const titles = Array.from({ length: 12 }, (_, i) => `Sync ${i + 1}`);
		const created = await runNode(
			portal,
			{
				resource: 'crmTimelineLogEntry',
				operation: 'create',
				entityTypeId: 2,
				entityId: dealId,
				title: '={{ $json.title }}',
				text: '={{ "Synced with ERP: " + $json.title }}',
				iconCode: 'info',
			},
			{ items: titles.map((title) => ({ title })) },
		);
		expect(created.result.error).toBeUndefined();
		const stored = [...state().logMessages.values()].filter((m) => m.entityId === dealId);
		expect(stored.map((m) => [m.title, m.text, m.entityTypeId])).toEqual(
			titles.map((t) => [t, `Synced with ERP: ${t}`, 2]),
		);
		expect(created.json.map((row) => row.id)).toEqual(stored.map((m) => m.id));

		const got = await runNode(portal, {
			resource: 'crmTimelineLogEntry',
			operation: 'get',
			entryId: stored[0].id,
		});
		expect(got.json[0]).toMatchObject({ id: stored[0].id, title: titles[0], iconCode: 'info' });

		// 12 entries are two pages of 10: Return All follows `next`
		const listed = await runNode(portal, {
			resource: 'crmTimelineLogEntry',
			operation: 'getAll',
			entityTypeId: 2,
			entityId: String(dealId),
			returnAll: true,
		});
		expect(listed.json.map((row) => row.id)).toEqual(stored.map((m) => m.id).reverse());
		const oldest = await runNode(portal, {
			resource: 'crmTimelineLogEntry',
			operation: 'getAll',
			entityTypeId: 2,
			entityId: String(dealId),
			limit: 3,
			options: { order: 'asc' },
		});
		expect(oldest.json.map((row) => row.title)).toEqual(titles.slice(0, 3));

		const pin = (entryId: number, operation = 'pin') =>
			runNode(portal, {
				resource: 'crmTimelineLogEntry',
				operation,
				entityTypeId: 2,
				entityId: dealId,
				entryId,
			});
		const pinned = await pin(stored[0].id);
		expect(pinned.json[0]).toEqual({
			id: stored[0].id,
			ownerTypeId: 2,
			ownerId: dealId,
			pinned: true,
		});
		await pin(stored[1].id);
		await pin(stored[2].id);
		expect(state().pinned.get(`2:${dealId}`)).toEqual(stored.slice(0, 3).map((m) => m.id));
		const fourth = await pin(stored[3].id);
		expect(String(fourth.result.error?.message)).toMatch(/Only three events/);
		const unpinned = await pin(stored[1].id, 'unpin');
		expect(unpinned.json[0]).toMatchObject({ pinned: false });
		expect(state().pinned.get(`2:${dealId}`)).toEqual([stored[0].id, stored[2].id]);
		const otherOwner = await pin(stored[3].id + 1000);
		expect(String(otherOwner.result.error?.message)).toMatch(/Not found/);

		const deleted = await runNode(portal, {
			resource: 'crmTimelineLogEntry',
			operation: 'delete',
			entryId: stored[0].id,
		});
		expect(deleted.json[0]).toEqual({ ID: String(stored[0].id), deleted: true });
		expect(state().logMessages.has(stored[0].id)).toBe(false);
		const gone = await runNode(portal, {
			resource: 'crmTimelineLogEntry',
			operation: 'get',
			entryId: stored[0].id,
		});
		expect(String(gone.result.error?.message)).toMatch(/not found/);
	});
});
