import type { Portal } from '../portal';
import {
	CALENDAR_SETTINGS,
	calendarState,
	DEMO_EVENTS,
	DEMO_SECTIONS,
	defaultUserSettings,
} from '../portal/methods/calendar';
import { USERS } from '../portal/seed';
import { runNode, visibleText, withPortal } from './support';

const JANUARY = { from: '2024-01-01T00:00:00', to: '2024-01-31T00:00:00' };

describe('Calendars (sections)', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 1 } });
	});
	afterAll(async () => await portal.close());
	beforeEach(() => portal.resetRequests());

	it('creates, lists, updates and deletes a calendar', async () => {
		const sections = calendarState(portal.store).sections;
		const expectedId = Math.max(...DEMO_SECTIONS.map((s) => s.ID)) + 1;
		const created = await runNode(portal, {
			resource: 'calendarSection',
			operation: 'create',
			calendarType: 'user',
			ownerId: 0,
			name: 'Field trips',
			additionalFields: { color: '#123456', description: 'Out of office' },
		});
		expect(created.json).toEqual([{ ID: expectedId }]);
		// owner 0 on a user calendar means "my calendar": the call leaves ownerId out
		expect(portal.restRequests()[0].body).not.toHaveProperty('ownerId');
		expect(sections.get(expectedId)).toMatchObject({
			NAME: 'Field trips',
			COLOR: '#123456',
			DESCRIPTION: 'Out of office',
			CAL_TYPE: 'user',
			OWNER_ID: 1,
		});

		const mine = await runNode(portal, {
			resource: 'calendarSection',
			operation: 'getAll',
			calendarType: 'user',
			ownerId: 1,
			returnAll: true,
		});
		const expected = [
			...DEMO_SECTIONS.filter((s) => s.CAL_TYPE === 'user' && s.OWNER_ID === 1).map((s) => s.ID),
			expectedId,
		];
		expect(mine.json.map((s) => s.ID)).toEqual(expected.map(String));
		expect(mine.json[mine.json.length - 1]).toMatchObject({
			NAME: 'Field trips',
			CAL_TYPE: 'user',
			OWNER_ID: '1',
		});

		const company = await runNode(portal, {
			resource: 'calendarSection',
			operation: 'getAll',
			calendarType: 'company_calendar',
			ownerId: 0,
			returnAll: false,
			limit: 5,
		});
		expect(company.json.map((s) => s.NAME)).toEqual(
			DEMO_SECTIONS.filter((s) => s.CAL_TYPE === 'company_calendar').map((s) => s.NAME),
		);

		const updated = await runNode(portal, {
			resource: 'calendarSection',
			operation: 'update',
			calendarType: 'user',
			ownerId: 1,
			sectionId: String(expectedId),
			additionalFields: { name: 'Trips' },
		});
		expect(updated.json).toEqual([{ ID: expectedId }]);
		expect(sections.get(expectedId)?.NAME).toBe('Trips');

		const deleted = await runNode(portal, {
			resource: 'calendarSection',
			operation: 'delete',
			calendarType: 'user',
			ownerId: 1,
			sectionId: String(expectedId),
		});
		expect(deleted.json).toEqual([{ ID: expectedId, deleted: true }]);
		expect(sections.has(expectedId)).toBe(false);

		const wrongOwner = await runNode(portal, {
			resource: 'calendarSection',
			operation: 'delete',
			calendarType: 'user',
			ownerId: 2,
			sectionId: '1',
		});
		expect(wrongOwner.result.error?.message).toContain('Access denied');
		expect(sections.has(1)).toBe(true);
	});
});

describe('Calendar events', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 1 } });
	});
	afterAll(async () => await portal.close());
	beforeEach(() => portal.resetRequests());

	it('creates, gets, updates and deletes an event', async () => {
		const events = calendarState(portal.store).events;
		const expectedId = Math.max(...DEMO_EVENTS.map((e) => e.ID)) + 1;
		const from = '2024-03-05T10:00:00+03:00';
		const created = await runNode(portal, {
			resource: 'calendarEvent',
			operation: 'create',
			calendarType: 'user',
			ownerId: 1,
			sectionId: '1',
			name: 'Budget review',
			from,
			to: '2024-03-05T11:30:00+03:00',
			additionalFields: {
				attendeeIds: '2, 4',
				isMeeting: true,
				location: 'Room 4',
				importance: 'high',
				crmLinks: 'D_12, C_3',
			},
		});
		expect(created.json).toEqual([{ ID: expectedId }]);
		const stored = events.get(expectedId)!;
		expect(stored).toMatchObject({
			NAME: 'Budget review',
			SECTION_ID: 1,
			LOCATION: 'Room 4',
			IMPORTANCE: 'high',
			IS_MEETING: true,
			CRM: ['D_12', 'C_3'],
		});
		expect(stored.from).toBe(Date.parse(from));
		expect(stored.to - stored.from).toBe(90 * 60_000);
		expect([...stored.attendees.entries()]).toEqual([
			[1, 'H'],
			[2, 'Q'],
			[4, 'Q'],
		]);

		const got = await runNode(portal, {
			resource: 'calendarEvent',
			operation: 'get',
			eventId: String(expectedId),
		});
		expect(got.json[0]).toMatchObject({
			ID: String(expectedId),
			NAME: 'Budget review',
			DATE_FROM: '03/05/2024 10:00:00 am',
			DATE_TO: '03/05/2024 11:30:00 am',
			DATE_FROM_TS_UTC: String(Date.parse(from) / 1000),
			SECTION_ID: '1',
			MEETING_HOST: '1',
			UF_CRM_CAL_EVENT: ['D_12', 'C_3'],
		});

		const updated = await runNode(portal, {
			resource: 'calendarEvent',
			operation: 'update',
			eventId: String(expectedId),
			calendarType: 'user',
			ownerId: 1,
			additionalFields: {
				name: 'Budget review (moved)',
				from: '2024-03-06',
				to: '2024-03-06',
				allDay: true,
			},
		});
		expect(updated.json).toEqual([{ ID: expectedId }]);
		// a whole-day event goes out with bare dates
		expect(portal.restRequests().pop()?.body).toMatchObject({
			from: '2024-03-06',
			to: '2024-03-06',
			skip_time: 'Y',
		});
		expect(events.get(expectedId)).toMatchObject({
			NAME: 'Budget review (moved)',
			skipTime: true,
			LOCATION: 'Room 4',
		});

		const deleted = await runNode(portal, {
			resource: 'calendarEvent',
			operation: 'delete',
			eventId: String(expectedId),
		});
		expect(deleted.json).toEqual([{ ID: expectedId, deleted: true }]);
		expect(events.has(expectedId)).toBe(false);

		const missing = await runNode(portal, {
			resource: 'calendarEvent',
			operation: 'get',
			eventId: String(expectedId),
		});
		expect(missing.result.error?.message).toContain('Event not found');
		expect(visibleText(missing)).not.toContain(portal.webhook.code);
	});

	it("fails an event in a calendar of someone else with Bitrix24's words", async () => {
		const run = await runNode(portal, {
			resource: 'calendarEvent',
			operation: 'create',
			calendarType: 'user',
			ownerId: 1,
			sectionId: '2',
			name: 'Wrong calendar',
			from: '2024-03-05T10:00:00+03:00',
			to: '2024-03-05T11:00:00+03:00',
		});
		expect(run.result.error?.message).toContain('You specified an invalid calendar section ID');
	});

	it("lists a user's events in a period, meetings they are invited to included", async () => {
		const run = await runNode(portal, {
			resource: 'calendarEvent',
			operation: 'getAll',
			calendarType: 'user',
			ownerId: 1,
			returnAll: true,
			additionalFields: JANUARY,
		});
		expect(portal.restRequests()[0].body).toMatchObject({
			from: '2024-01-01',
			to: '2024-01-31',
			type: 'user',
			ownerId: 1,
		});
		const expected = DEMO_EVENTS.filter(
			(e) => e.CAL_TYPE === 'user' && (e.OWNER_ID === 1 || 1 in e.attendees),
		)
			.sort((a, b) => a.fromMs - b.fromMs)
			.map((e) => String(e.ID));
		expect(run.json.map((e) => e.ID)).toEqual(expected);

		const onlySection = await runNode(portal, {
			resource: 'calendarEvent',
			operation: 'getAll',
			calendarType: 'user',
			ownerId: 1,
			returnAll: false,
			limit: 10,
			additionalFields: { ...JANUARY, sectionIds: '1' },
		});
		expect(onlySection.json.map((e) => e.ID)).toEqual(
			DEMO_EVENTS.filter((e) => e.SECTION_ID === 1).map((e) => String(e.ID)),
		);
	});

	it('reads and answers a meeting invitation', async () => {
		const invitation = DEMO_EVENTS.find((e) => e.host !== 1 && e.attendees[1] === 'Q')!;
		const before = await runNode(portal, {
			resource: 'calendarEvent',
			operation: 'getMeetingStatus',
			eventId: String(invitation.ID),
		});
		expect(before.json).toEqual([{ ID: invitation.ID, status: 'Q' }]);

		const answered = await runNode(portal, {
			resource: 'calendarEvent',
			operation: 'updateMeetingStatus',
			eventId: String(invitation.ID),
			status: 'Y',
		});
		expect(answered.json).toEqual([{ ID: invitation.ID, status: 'Y', updated: true }]);
		expect(calendarState(portal.store).events.get(invitation.ID)?.attendees.get(1)).toBe('Y');

		const notInvited = DEMO_EVENTS.find((e) => !(1 in e.attendees))!;
		const fail = await runNode(portal, {
			resource: 'calendarEvent',
			operation: 'getMeetingStatus',
			eventId: String(notInvited.ID),
		});
		expect(fail.result.error?.message).toContain('An error occurred while retrieving the status');
	});
});

describe('Calendar settings', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 1 } });
	});
	afterAll(async () => await portal.close());

	it("reads the portal settings and reads and changes the user's", async () => {
		const portalSettings = await runNode(portal, {
			resource: 'calendarSettings',
			operation: 'get',
		});
		expect(portalSettings.json[0]).toEqual(CALENDAR_SETTINGS);

		const mine = await runNode(portal, {
			resource: 'calendarSettings',
			operation: 'getUserSettings',
		});
		expect(mine.json[0]).toEqual(defaultUserSettings(USERS[0].ID));

		const changed = await runNode(portal, {
			resource: 'calendarSettings',
			operation: 'updateUserSettings',
			settings: '{"view": "week", "showDeclined": false}',
		});
		expect(changed.json).toEqual([{ updated: true }]);
		expect(calendarState(portal.store).userSettings.get(USERS[0].ID)).toMatchObject({
			view: 'week',
			showDeclined: false,
			meetSection: '1',
		});

		const bad = await runNode(portal, {
			resource: 'calendarSettings',
			operation: 'updateUserSettings',
			settings: '{"view": ',
		});
		expect(bad.result.error?.message).toMatch(
			/^Parameter "Settings \(JSON\)" of item 0: is not valid JSON/,
		);
	});

	it('tells when users are busy, one item per user', async () => {
		const run = await runNode(portal, {
			resource: 'calendarSettings',
			operation: 'getAvailability',
			userIds: '1, 2, 3',
			...JANUARY,
		});
		const busyFor = (user: number): string[] =>
			DEMO_EVENTS.filter((e) => e.ACCESSIBILITY !== 'free')
				.filter((e) =>
					e.host ? user in e.attendees : e.CAL_TYPE === 'user' && e.OWNER_ID === user,
				)
				.sort((a, b) => a.fromMs - b.fromMs)
				.map((e) => String(e.ID));
		expect(
			run.json.map((item) => ({
				userId: item.userId,
				ids: (item.events as Array<{ ID: string }>).map((e) => e.ID),
				busy: item.busy,
			})),
		).toEqual(
			[1, 2, 3].map((user) => ({
				userId: user,
				ids: busyFor(user),
				busy: busyFor(user).length > 0,
			})),
		);
	});
});
