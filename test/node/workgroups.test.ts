/**
 * Workgroups and projects (sonet_group.*) and their members through real workflows against the
 * test portal; every check reads the portal's state or the request it received.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { bitrix24Node, listSearch } from '../harness';
import type { Portal } from '../portal';
import { SEED_WORKGROUPS, workgroupsState } from '../portal/methods/workgroups';
import { USERS } from '../portal/seed';
import { id, runNode, WEBHOOK_ID, webhookCredential, withPortal } from './support';

describe('Workgroups', () => {
	let portal: Portal;

	beforeEach(async () => {
		portal = await withPortal({ demo: { deals: 1 } });
	});
	afterEach(async () => {
		await portal.close();
	});

	const state = () => workgroupsState(portal.store);
	const run = async (parameters: INodeParameters, items?: IDataObject[]) =>
		await runNode(portal, parameters, { items });
	const calls = (method: string) =>
		portal.restRequests().filter((r) => r.restMethod === method.toLowerCase());
	const errorText = (nodeRun: Awaited<ReturnType<typeof run>>) =>
		`${String(nodeRun.result.error?.message)} ${String((nodeRun.result.error as { description?: string } | undefined)?.description ?? '')}`;

	describe('workgroup', () => {
		it('creates a project owned by the caller, with the fields given', async () => {
			const nextId = state().nextId;
			const nodeRun = await run({
				resource: 'workgroup',
				operation: 'create',
				name: 'Launch 2027',
				additionalFields: {
					project: true,
					opened: false,
					description: 'The big launch',
					initiatePerms: 'E',
					keywords: 'launch,2027',
				},
			});
			expect(nodeRun.result.error).toBeUndefined();
			expect(nodeRun.json).toEqual([{ ID: nextId }]);
			const group = state().groups.get(nextId);
			expect(group).toMatchObject({
				NAME: 'Launch 2027',
				PROJECT: 'Y',
				OPENED: 'N',
				DESCRIPTION: 'The big launch',
				INITIATE_PERMS: 'E',
				KEYWORDS: 'launch,2027',
				OWNER_ID: portal.webhook.userId,
			});
			expect([...(group?.members ?? [])]).toEqual([[portal.webhook.userId, 'A']]);
			expect(calls('sonet_group.create')[0].body).toMatchObject({
				NAME: 'Launch 2027',
				PROJECT: 'Y',
				OPENED: 'N',
			});
		});

		it('updates a group picked by URL and hands it to another owner', async () => {
			const seed = SEED_WORKGROUPS[0];
			const nodeRun = await run({
				resource: 'workgroup',
				operation: 'update',
				groupId: { __rl: true, mode: 'url', value: `${portal.url}/workgroups/group/${seed.ID}/` },
				additionalFields: { name: 'Marketing & PR', closed: true, ownerId: 2 },
			});
			expect(nodeRun.result.error).toBeUndefined();
			expect(nodeRun.json).toEqual([{ ID: seed.ID, updated: true }]);
			const group = state().groups.get(seed.ID);
			expect(group).toMatchObject({ NAME: 'Marketing & PR', CLOSED: 'Y', OWNER_ID: 2 });
			expect(group?.members.get(2)).toBe('A');
			expect(group?.members.get(seed.OWNER_ID)).toBe('E');
		});

		it('gets one group, and fails clearly on a missing one', async () => {
			const seed = SEED_WORKGROUPS[1];
			const nodeRun = await run({ resource: 'workgroup', operation: 'get', groupId: id(seed.ID) });
			expect(nodeRun.result.error).toBeUndefined();
			expect(nodeRun.json).toHaveLength(1);
			expect(nodeRun.json[0]).toMatchObject({
				ID: String(seed.ID),
				NAME: seed.NAME,
				PROJECT: seed.PROJECT,
				OWNER_ID: String(seed.OWNER_ID),
				NUMBER_OF_MEMBERS: String(seed.members.length),
			});
			expect(calls('sonet_group.get')[0].body).toMatchObject({ GROUP_ID: seed.ID });

			const missing = await run({ resource: 'workgroup', operation: 'get', groupId: id(999) });
			expect(missing.result.error?.message).toBe(
				'Workgroup 999 was not found or you have no access to it',
			);
		});

		it('gets many groups: every visible one, ID descending by default, with a name filter and a limit', async () => {
			const all = await run({ resource: 'workgroup', operation: 'getAll', returnAll: true });
			expect(all.result.error).toBeUndefined();
			// the webhook's user (1) sees the visible groups and the hidden ones it belongs to
			const visible = SEED_WORKGROUPS.filter(
				(g) => g.VISIBLE === 'Y' || g.members.some(([user]) => user === portal.webhook.userId),
			);
			expect(all.json.map((g) => g.ID)).toEqual(visible.map((g) => String(g.ID)).reverse());

			const filtered = await run({
				resource: 'workgroup',
				operation: 'getAll',
				returnAll: true,
				additionalFields: { nameContains: 'relaunch' },
			});
			expect(filtered.json.map((g) => g.NAME)).toEqual(
				SEED_WORKGROUPS.filter((g) => g.NAME.toLowerCase().includes('relaunch')).map((g) => g.NAME),
			);
			expect(calls('sonet_group.get').at(-1)?.body).toMatchObject({
				FILTER: { '%NAME': 'relaunch' },
			});

			const limited = await run({
				resource: 'workgroup',
				operation: 'getAll',
				returnAll: false,
				limit: 2,
				additionalFields: { orderJson: '{"ID": "ASC"}' },
			});
			expect(limited.json.map((g) => g.ID)).toEqual(visible.slice(0, 2).map((g) => String(g.ID)));
		});

		it('pages through more than 50 groups by offset', async () => {
			const extra = 70;
			const template = state().groups.get(SEED_WORKGROUPS[0].ID)!;
			for (let i = 0; i < extra; i++) {
				const groupId = state().nextId++;
				state().groups.set(groupId, {
					...template,
					ID: groupId,
					NAME: `Team ${i}`,
					members: new Map(template.members),
					invited: new Map(),
				});
			}
			portal.resetRequests();
			const nodeRun = await run({
				resource: 'workgroup',
				operation: 'getAll',
				returnAll: true,
				additionalFields: { nameContains: 'Team ' },
			});
			expect(nodeRun.json).toHaveLength(extra);
			expect(new Set(nodeRun.json.map((g) => g.ID)).size).toBe(extra);
			const starts = portal
				.restRequests()
				.flatMap((r) =>
					r.restMethod === 'batch' ? (r.batchCommands ?? []) : [JSON.stringify(r.body)],
				)
				.join(' ');
			expect(starts).toMatch(/start[^0-9]*50/);
		});

		it('deletes a group', async () => {
			const seed = SEED_WORKGROUPS[2];
			const nodeRun = await run({
				resource: 'workgroup',
				operation: 'delete',
				groupId: id(seed.ID),
			});
			expect(nodeRun.result.error).toBeUndefined();
			expect(nodeRun.json).toEqual([{ ID: seed.ID, deleted: true }]);
			expect(state().groups.has(seed.ID)).toBe(false);
		});

		it('finds groups for the picker', async () => {
			const node = bitrix24Node({ resource: 'workgroup' } as never, {
				type: 'bitrix24WebhookApi',
				id: WEBHOOK_ID,
			});
			const found = await listSearch(node, [webhookCredential(portal)], 'searchWorkgroups', 'team');
			const expected = SEED_WORKGROUPS.filter((g) => g.NAME.toLowerCase().includes('team'));
			expect(found.results.map((r) => r.value)).toEqual(expected.map((g) => String(g.ID)));
			expect(found.results[0].url).toBe(`${portal.url}/workgroups/group/${expected[0].ID}/`);
		});
	});

	describe('workgroup member', () => {
		const seed = SEED_WORKGROUPS[0];

		it('gets the members with their roles', async () => {
			const nodeRun = await run({
				resource: 'workgroupMember',
				operation: 'getAll',
				groupId: id(seed.ID),
				returnAll: true,
			});
			expect(nodeRun.result.error).toBeUndefined();
			const order = { A: 0, E: 1, K: 2 };
			const expected = [...seed.members]
				.sort((a, b) => order[a[1]] - order[b[1]])
				.map(([user, role]) => ({ groupId: seed.ID, USER_ID: String(user), ROLE: role }));
			expect(nodeRun.json).toEqual(expected);
			expect(calls('sonet_group.user.get')[0].body).toMatchObject({ ID: seed.ID });

			const limited = await run({
				resource: 'workgroupMember',
				operation: 'getAll',
				groupId: id(seed.ID),
				returnAll: false,
				limit: 1,
			});
			expect(limited.json).toEqual(expected.slice(0, 1));
		});

		it('adds and removes members; the owner stays', async () => {
			const newcomer = USERS.find((u) => !seed.members.some(([user]) => user === u.ID))!;
			const added = await run({
				resource: 'workgroupMember',
				operation: 'add',
				groupId: id(seed.ID),
				userId: newcomer.ID,
			});
			expect(added.result.error).toBeUndefined();
			expect(added.json).toEqual([{ groupId: seed.ID, userId: newcomer.ID, added: true }]);
			expect(state().groups.get(seed.ID)?.members.get(newcomer.ID)).toBe('K');

			const member = seed.members.find(([, role]) => role === 'K')![0];
			const removed = await run({
				resource: 'workgroupMember',
				operation: 'remove',
				groupId: id(seed.ID),
				userId: member,
			});
			expect(removed.json).toEqual([{ groupId: seed.ID, userId: member, removed: true }]);
			expect(state().groups.get(seed.ID)?.members.has(member)).toBe(false);

			const owner = await run({
				resource: 'workgroupMember',
				operation: 'remove',
				groupId: id(seed.ID),
				userId: seed.OWNER_ID,
			});
			expect(owner.json).toEqual([{ groupId: seed.ID, userId: seed.OWNER_ID, removed: false }]);
			expect(state().groups.get(seed.ID)?.members.get(seed.OWNER_ID)).toBe('A');
		});

		it('invites a user with a message', async () => {
			const guest = USERS.find((u) => !seed.members.some(([user]) => user === u.ID))!;
			const nodeRun = await run({
				resource: 'workgroupMember',
				operation: 'invite',
				groupId: id(seed.ID),
				userId: guest.ID,
				additionalFields: { message: 'Join us' },
			});
			expect(nodeRun.result.error).toBeUndefined();
			expect(nodeRun.json).toEqual([{ groupId: seed.ID, userId: guest.ID, invited: true }]);
			expect(state().groups.get(seed.ID)?.invited.get(guest.ID)).toBe('Join us');
			// an invitation is not membership yet
			expect(state().groups.get(seed.ID)?.members.has(guest.ID)).toBe(false);

			const again = await run({
				resource: 'workgroupMember',
				operation: 'invite',
				groupId: id(seed.ID),
				userId: guest.ID,
			});
			expect(again.json[0].invited).toBe(false);
		});

		it('says that adding members is for administrators', async () => {
			await portal.close();
			const user = USERS.find((u) => !u.admin)!;
			portal = await withPortal({
				demo: { deals: 1 },
				webhook: { userId: user.ID, code: 'nonadminwebhook01' },
			});
			const nodeRun = await run({
				resource: 'workgroupMember',
				operation: 'add',
				groupId: id(seed.ID),
				userId: 5,
			});
			expect(errorText(nodeRun)).toContain('No permissions to add users');
			expect(state().groups.get(seed.ID)?.members.has(5)).toBe(false);
		});
	});
});
