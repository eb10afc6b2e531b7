import type { IDataObject } from 'n8n-workflow';

import type { Portal } from '../portal';
import { isoDate } from '../portal/envelope';
import {
	DEMO_EXPIRED_DAY,
	DEMO_POST,
	DEMO_SALES_POST,
	TIMEMAN_SETTINGS,
	workspaceState,
} from '../portal/methods/workspace';
import { USERS } from '../portal/seed';
import type { User } from '../portal/store';
import { bitrix24Node, listSearch } from '../harness';
import { runNode, visibleText, WEBHOOK_ID, webhookCredential, withPortal } from './support';

type RunError = Error & { description?: string; context?: { itemIndex?: number } };

describe('Server', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 1 } });
	});
	afterAll(async () => await portal.close());

	it('gets the server time', async () => {
		const before = Date.now();
		const run = await runNode(portal, { resource: 'server', operation: 'getTime' });
		const time = Date.parse(run.json[0].time as string);
		expect(Number.isNaN(time)).toBe(false);
		expect(Math.abs(time - before)).toBeLessThan(60_000);
	});
});

describe('Users', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 1 } });
	});
	afterAll(async () => await portal.close());
	beforeEach(() => portal.resetRequests());

	it('gets the current user and one user by ID', async () => {
		const current = await runNode(portal, { resource: 'user', operation: 'getCurrent' });
		expect(current.json[0]).toMatchObject({
			ID: String(USERS[0].ID),
			NAME: USERS[0].NAME,
			EMAIL: USERS[0].EMAIL,
		});

		const one = await runNode(portal, { resource: 'user', operation: 'get', userId: '4' });
		const maria = USERS.find((u) => u.ID === 4)!;
		expect(one.json).toHaveLength(1);
		expect(one.json[0]).toMatchObject({
			ID: '4',
			NAME: maria.NAME,
			LAST_NAME: maria.LAST_NAME,
			UF_DEPARTMENT: [maria.dept],
		});
		expect(portal.restRequests()[1]).toMatchObject({
			restMethod: 'user.get',
			body: { FILTER: { ID: 4 } },
		});

		const missing = await runNode(portal, { resource: 'user', operation: 'get', userId: '999' });
		expect(missing.result.error?.message).toBe(
			'Parameter "User" of item 0: no user with ID 999 on the portal (or not visible to this credential)',
		);
	});

	it('picks a user from the searchable list or by profile URL', async () => {
		const node = bitrix24Node(
			{ resource: 'user', operation: 'get' },
			{ type: 'bitrix24WebhookApi', id: WEBHOOK_ID },
		);
		const all = await listSearch(node, [webhookCredential(portal)], 'searchUsers');
		expect(all.results.map((result) => result.value)).toEqual(USERS.map((user) => String(user.ID)));
		const found = await listSearch(node, [webhookCredential(portal)], 'searchUsers', 'garcia');
		const maria = USERS.find((user) => user.LAST_NAME === 'Garcia')!;
		expect(found.results).toEqual([
			{
				name: `${maria.NAME} ${maria.LAST_NAME}`,
				value: String(maria.ID),
				url: `${portal.url}/company/personal/user/${maria.ID}/`,
			},
		]);
		const byUrl = await runNode(portal, {
			resource: 'user',
			operation: 'get',
			userId: {
				__rl: true,
				mode: 'url',
				value: `${portal.url}/company/personal/user/${maria.ID}/`,
			},
		});
		expect(byUrl.json[0]).toMatchObject({ ID: String(maria.ID), LAST_NAME: maria.LAST_NAME });
	});

	it('invites, updates, deactivates and activates a user', async () => {
		const expectedId = Math.max(...portal.store.users.map((u) => u.ID)) + 1;
		const created = await runNode(portal, {
			resource: 'user',
			operation: 'create',
			email: 'new.hire@example.com',
			departmentIds: '2, 3',
			additionalFields: { firstName: 'Nina', lastName: 'Kowalski', workPosition: 'Analyst' },
		});
		expect(created.json).toEqual([{ ID: expectedId }]);
		const stored = (): User & IDataObject =>
			portal.store.users.find((u) => u.ID === expectedId) as User & IDataObject;
		expect(stored()).toMatchObject({
			EMAIL: 'new.hire@example.com',
			NAME: 'Nina',
			LAST_NAME: 'Kowalski',
			WORK_POSITION: 'Analyst',
			UF_DEPARTMENT: [2, 3],
			ACTIVE: true,
		});

		const updated = await runNode(portal, {
			resource: 'user',
			operation: 'update',
			userId: String(expectedId),
			additionalFields: { workPosition: 'Senior Analyst', personalMobile: '+1 555 0100' },
		});
		expect(updated.json).toEqual([{ ID: expectedId, updated: true }]);
		expect(stored()).toMatchObject({
			WORK_POSITION: 'Senior Analyst',
			PERSONAL_MOBILE: '+1 555 0100',
			NAME: 'Nina',
		});

		const off = await runNode(portal, {
			resource: 'user',
			operation: 'deactivate',
			userId: String(expectedId),
		});
		expect(off.json).toEqual([{ ID: expectedId, active: false }]);
		expect(stored().ACTIVE).toBe(false);
		const on = await runNode(portal, {
			resource: 'user',
			operation: 'activate',
			userId: String(expectedId),
		});
		expect(on.json).toEqual([{ ID: expectedId, active: true }]);
		expect(stored().ACTIVE).toBe(true);
	});

	it('fails an invitation Bitrix24 rejects, with its code and no secret', async () => {
		const run = await runNode(portal, {
			resource: 'user',
			operation: 'create',
			email: USERS[1].EMAIL,
			departmentIds: '2',
		});
		const error = run.result.error as RunError;
		expect(error.message).toContain('A user with this email already exists');
		expect(error.context?.itemIndex).toBe(0);
		expect(visibleText(run)).not.toContain(portal.webhook.code);
		expect(portal.store.users.filter((u) => u.EMAIL === USERS[1].EMAIL)).toHaveLength(1);

		const bad = await runNode(portal, { resource: 'user', operation: 'update', userId: 'x1' });
		expect(bad.result.error?.message).toBe(
			'Parameter "User" of item 0: "x1" is not an ID (a positive whole number)',
		);
	});

	it('walks many users by ID, 50 pages to a batch, without counting', async () => {
		const base = Math.max(...portal.store.users.map((u) => u.ID));
		for (let i = 1; i <= 130; i++) {
			portal.store.users.push({
				...portal.store.users[1],
				ID: base + i,
				EMAIL: `bulk${i}@example.com`,
				LAST_NAME: `Bulk${String(i).padStart(3, '0')}`,
				ACTIVE: i % 10 !== 0,
				UF_DEPARTMENT: [i % 2 === 0 ? 2 : 3],
			});
		}
		const active = portal.store.users.filter((u) => u.ACTIVE).map((u) => String(u.ID));
		const all = await runNode(portal, { resource: 'user', operation: 'getAll', returnAll: true });
		expect(all.json.map((u) => u.ID)).toEqual(active);
		const requests = portal.restRequests();
		expect(requests.map((r) => r.restMethod)).toEqual(['batch']);
		expect(requests[0].batchCommands?.[0]).toMatch(/^user\.get\?.*start=-1/);
		expect(requests[0].batchCommands?.[0]).toContain('sort=ID');

		portal.resetRequests();
		const sales = await runNode(portal, {
			resource: 'user',
			operation: 'getAll',
			returnAll: false,
			limit: 7,
			options: { departmentId: 2, activeOnly: false },
		});
		const expected = portal.store.users.filter((u) => u.UF_DEPARTMENT.includes(2)).slice(0, 7);
		expect(sales.json.map((u) => u.ID)).toEqual(expected.map((u) => String(u.ID)));

		const sorted = await runNode(portal, {
			resource: 'user',
			operation: 'getAll',
			returnAll: false,
			limit: 3,
			options: { sort: 'LAST_NAME', order: 'DESC', filterJson: '{"%LAST_NAME": "bulk"}' },
		});
		const bulkActive = portal.store.users.filter((u) => u.ACTIVE && u.LAST_NAME.startsWith('Bulk'));
		const byNameDesc = bulkActive
			.map((u) => u.LAST_NAME)
			.sort()
			.reverse()
			.slice(0, 3);
		expect(sorted.json.map((u) => u.LAST_NAME)).toEqual(byNameDesc);
	});

	it('searches users and lists the profile fields', async () => {
		const found = await runNode(portal, {
			resource: 'user',
			operation: 'search',
			query: 'sales manager',
			returnAll: true,
		});
		const expected = portal.store.users
			.filter((u) => u.WORK_POSITION === 'Sales manager')
			.map((u) => String(u.ID));
		expect(expected.length).toBeGreaterThan(50);
		expect(found.json.map((u) => u.ID)).toEqual(expected);
		// the search text alone: user.search does not take it together with other filter fields
		expect(portal.restRequests()[0].body).toMatchObject({
			FILTER: { FIND: 'sales manager' },
			start: 0,
		});
		expect(Object.keys((portal.restRequests()[0].body as { FILTER: object }).FILTER)).toEqual([
			'FIND',
		]);

		const fields = await runNode(portal, { resource: 'user', operation: 'getFields' });
		expect(fields.json).toContainEqual({ name: 'EMAIL', title: 'E-Mail' });
		expect(fields.json).toContainEqual({ name: 'UF_DEPARTMENT', title: 'Units' });
	});
});

describe('Departments', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 1 } });
	});
	afterAll(async () => await portal.close());

	it('creates, lists, updates and deletes a department', async () => {
		const expectedId = Math.max(...portal.store.departments.map((d) => d.ID)) + 1;
		const created = await runNode(portal, {
			resource: 'department',
			operation: 'create',
			name: 'Support',
			parentId: '1',
			additionalFields: { headId: '5', sort: 300 },
		});
		expect(created.json).toEqual([{ ID: expectedId }]);
		expect(portal.store.departments.find((d) => d.ID === expectedId)).toEqual({
			ID: expectedId,
			NAME: 'Support',
			SORT: 300,
			PARENT: 1,
			UF_HEAD: 5,
		});

		const children = await runNode(portal, {
			resource: 'department',
			operation: 'getAll',
			returnAll: true,
			filters: { parentId: 1 },
		});
		const expected = portal.store.departments
			.filter((d) => d.PARENT === 1)
			.map((d) => ({ ID: String(d.ID), NAME: d.NAME }));
		expect(children.json.map((d) => ({ ID: d.ID, NAME: d.NAME }))).toEqual(expected);

		const updated = await runNode(portal, {
			resource: 'department',
			operation: 'update',
			departmentId: String(expectedId),
			additionalFields: { name: 'Customer Support', parentId: '3' },
		});
		expect(updated.json).toEqual([{ ID: expectedId, updated: true }]);
		expect(portal.store.departments.find((d) => d.ID === expectedId)).toMatchObject({
			NAME: 'Customer Support',
			PARENT: 3,
		});

		const deleted = await runNode(portal, {
			resource: 'department',
			operation: 'delete',
			departmentId: String(expectedId),
		});
		expect(deleted.json).toEqual([{ ID: expectedId, deleted: true }]);
		expect(portal.store.departments.some((d) => d.ID === expectedId)).toBe(false);

		const again = await runNode(portal, {
			resource: 'department',
			operation: 'delete',
			departmentId: String(expectedId),
		});
		expect(again.result.error?.message).toContain('Department not found');
	});
});

describe('Feed posts', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 1 } });
	});
	afterAll(async () => await portal.close());
	beforeEach(() => portal.resetRequests());

	it('publishes, lists, updates, comments, shares and deletes a post', async () => {
		const posts = workspaceState(portal.store).posts;
		const created = await runNode(portal, {
			resource: 'feedPost',
			operation: 'create',
			message: 'Office closed on Friday',
			additionalFields: { title: 'Notice', recipients: 'u2, DR3', important: true },
		});
		const postId = created.json[0].ID as number;
		expect(postId).toBe(Math.max(DEMO_POST.ID, DEMO_SALES_POST.ID) + 1);
		expect(posts.get(postId)).toMatchObject({
			TITLE: 'Notice',
			DETAIL_TEXT: 'Office closed on Friday',
			DEST: ['U2', 'DR3'],
			IMPORTANT: true,
			AUTHOR_ID: 1,
		});

		const listed = await runNode(portal, {
			resource: 'feedPost',
			operation: 'getAll',
			returnAll: true,
		});
		// newest first; user 1 reads everything addressed to all, to them, or written by them
		expect(listed.json.map((p) => p.ID)).toEqual([String(postId), String(DEMO_POST.ID)]);
		expect(listed.json[0]).toMatchObject({ TITLE: 'Notice', AUTHOR_ID: '1', NUM_COMMENTS: '0' });

		const updated = await runNode(portal, {
			resource: 'feedPost',
			operation: 'update',
			postId: String(postId),
			additionalFields: { message: 'Office closed on Friday and Monday' },
		});
		expect(updated.json).toEqual([{ ID: postId }]);
		// without a new title the old one is dropped (as documented)
		expect(posts.get(postId)).toMatchObject({
			TITLE: '',
			DETAIL_TEXT: 'Office closed on Friday and Monday',
		});

		const comment = await runNode(portal, {
			resource: 'feedPost',
			operation: 'addComment',
			postId: String(postId),
			text: 'Noted',
		});
		expect(comment.json).toEqual([{ ID: 1 }]);
		expect(posts.get(postId)?.comments).toEqual([{ ID: 1, AUTHOR_ID: 1, TEXT: 'Noted' }]);
		const duplicate = await runNode(portal, {
			resource: 'feedPost',
			operation: 'addComment',
			postId: String(postId),
			text: 'Noted',
		});
		expect(duplicate.result.error?.message).toContain('Duplicate comment');

		const shared = await runNode(portal, {
			resource: 'feedPost',
			operation: 'share',
			postId: String(postId),
			recipients: 'UA',
		});
		expect(shared.json).toEqual([{ ID: postId, shared: true }]);
		expect(posts.get(postId)?.DEST).toEqual(['U2', 'DR3', 'UA']);

		const deleted = await runNode(portal, {
			resource: 'feedPost',
			operation: 'delete',
			postId: String(postId),
		});
		expect(deleted.json).toEqual([{ ID: postId, deleted: true }]);
		expect(posts.has(postId)).toBe(false);
		const gone = await runNode(portal, {
			resource: 'feedPost',
			operation: 'delete',
			postId: String(postId),
		});
		expect(gone.result.error?.message).toContain('Wrong post ID');
	});

	it('tells who read an important post', async () => {
		const run = await runNode(portal, {
			resource: 'feedPost',
			operation: 'getImportantReaders',
			postId: String(DEMO_POST.ID),
		});
		expect(run.json).toEqual([{ ID: DEMO_POST.ID, readerIds: [...DEMO_POST.READ_BY] }]);
	});

	it('refuses a bad recipient before sending anything', async () => {
		const run = await runNode(portal, {
			resource: 'feedPost',
			operation: 'create',
			message: 'Hi',
			additionalFields: { recipients: 'UA, everyone' },
		});
		expect(run.result.error?.message).toMatch(
			/^Parameter "Recipients" of item 0: "EVERYONE" is not a recipient/,
		);
		expect(portal.restRequests()).toHaveLength(0);
	});
});

describe('Work time', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 1 } });
	});
	afterAll(async () => await portal.close());

	it('opens, pauses, resumes and closes the workday', async () => {
		const days = workspaceState(portal.store).days;
		const idle = await runNode(portal, { resource: 'workTime', operation: 'getStatus' });
		expect(idle.json[0]).toMatchObject({ STATUS: 'CLOSED', TIME_START: null });

		const before = Date.now();
		const opened = await runNode(portal, {
			resource: 'workTime',
			operation: 'open',
			additionalFields: { latitude: 52.52, longitude: 13.4 },
		});
		expect(opened.json[0]).toMatchObject({
			STATUS: 'OPENED',
			TIME_FINISH: null,
			LAT_OPEN: 52.52,
			LON_OPEN: 13.4,
		});
		expect(days.get(1)?.start).toBeGreaterThanOrEqual(before - 1000);

		const paused = await runNode(portal, { resource: 'workTime', operation: 'pause' });
		expect(paused.json[0].STATUS).toBe('PAUSED');
		expect(days.get(1)?.pausedAt).not.toBeNull();
		const resumed = await runNode(portal, { resource: 'workTime', operation: 'open' });
		expect(resumed.json[0].STATUS).toBe('OPENED');
		expect(days.get(1)?.pausedAt).toBeNull();

		const closed = await runNode(portal, { resource: 'workTime', operation: 'close' });
		expect(closed.json[0].STATUS).toBe('CLOSED');
		expect(closed.json[0].TIME_FINISH).toBe(isoDate(days.get(1)!.finish!));
		expect(closed.json[0].DURATION).toMatch(/^\d{2}:\d{2}:\d{2}$/);

		const yesterday = isoDate(Date.now() - 86_400_000);
		const wrong = await runNode(portal, {
			resource: 'workTime',
			operation: 'open',
			additionalFields: { time: yesterday },
		});
		expect(wrong.result.error?.message).toContain(
			'Day open date should correspond to the current date',
		);
	});

	it("reads another user's expired day and the settings", async () => {
		const status = await runNode(portal, {
			resource: 'workTime',
			operation: 'getStatus',
			additionalFields: { userId: String(DEMO_EXPIRED_DAY.userId) },
		});
		expect(status.json[0]).toMatchObject({
			STATUS: 'EXPIRED',
			TIME_START: isoDate(DEMO_EXPIRED_DAY.startMs),
			TIME_FINISH: null,
		});
		expect(status.json[0].TIME_FINISH_DEFAULT).toMatch(/^2024-01-01T17:45:00/);

		const settings = await runNode(portal, { resource: 'workTime', operation: 'getSettings' });
		expect(settings.json[0]).toEqual({ ...TIMEMAN_SETTINGS, ADMIN: USERS[0].admin });

		const unknown = await runNode(portal, {
			resource: 'workTime',
			operation: 'getSettings',
			additionalFields: { userId: '999' },
		});
		expect(unknown.result.error?.message).toContain('User not found');
	});
});
