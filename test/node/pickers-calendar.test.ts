/**
 * Calendar pickers (version 2): the Owner follows the Calendar Type (users, workgroups, the
 * company), the Calendar (section) is one of that owner's, attendees and users are picked in a
 * multi-select. Each runs with a picked value and with the value version 1 saved.
 */
import type { INodeProperties } from 'n8n-workflow';

import { Bitrix24 } from '../../nodes/Bitrix24/Bitrix24.node';
import { bitrix24Node, listSearch } from '../harness';
import type { Portal } from '../portal';
import { calendarState, DEMO_SECTIONS } from '../portal/methods/calendar';
import { SEED_WORKGROUPS } from '../portal/methods/workgroups';
import { USERS } from '../portal/seed';
import { runNode, WEBHOOK_ID, webhookCredential, withPortal } from './support';

const picked = (value: string, mode = 'list') => ({ __rl: true, mode, value });

describe('Calendar pickers', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 1 } });
	});
	afterAll(async () => await portal.close());

	const state = () => calendarState(portal.store);
	const search = async (method: string, parameters: Record<string, unknown>, filter?: string) =>
		await listSearch(
			bitrix24Node(
				{ resource: 'calendarEvent', operation: 'create', ...parameters } as never,
				{ type: 'bitrix24WebhookApi', id: WEBHOOK_ID },
				{ typeVersion: 2 },
			),
			[webhookCredential(portal)],
			method,
			filter,
		);
	const names = (results: Array<{ name: string; value: unknown }>) =>
		results.map((r) => [r.name, String(r.value)]);

	it('offers owners of the chosen calendar type', async () => {
		const users = await search('searchCalendarOwners', { calendarType: 'user' });
		expect(users.results.map((r) => r.value)).toEqual(
			expect.arrayContaining(USERS.map((u) => String(u.ID))),
		);
		const groups = await search('searchCalendarOwners', { calendarType: 'group' }, 'market');
		expect(names(groups.results)).toEqual([
			[SEED_WORKGROUPS[0].NAME, String(SEED_WORKGROUPS[0].ID)],
		]);
		const company = await search('searchCalendarOwners', { calendarType: 'company_calendar' });
		expect(names(company.results)).toEqual([['The Company', '0']]);
	});

	it("offers the chosen owner's calendars, narrowed by name", async () => {
		const section = (id: number) => DEMO_SECTIONS.find((s) => s.ID === id)!;
		const anna = await search('searchCalendars', { calendarType: 'user', ownerId: picked('2') });
		expect(names(anna.results)).toEqual([[section(2).NAME, '2']]);
		// no owner yet on a user calendar: the credential's user's calendars
		const mine = await search('searchCalendars', { calendarType: 'user' });
		expect(names(mine.results)).toEqual([[section(1).NAME, '1']]);
		const company = await search(
			'searchCalendars',
			{ calendarType: 'company_calendar', ownerId: picked('0') },
			'EVENTS',
		);
		expect(names(company.results)).toEqual([[section(3).NAME, '3']]);
		expect((await search('searchCalendars', { calendarType: 'group' })).results).toEqual([]);
	});

	it('version 2 shows the pickers, version 1 its number and text fields', () => {
		const find = (version: number, operation: string, name: string) =>
			new Bitrix24().nodeVersions[version].description.properties
				.filter(
					(p: INodeProperties) =>
						p.displayOptions?.show?.resource?.includes('calendarEvent') &&
						p.displayOptions?.show?.operation?.includes(operation),
				)
				.flatMap((p: INodeProperties) => [p, ...((p.options ?? []) as INodeProperties[])])
				.find((p) => p.name === name);
		expect(find(2, 'create', 'ownerId')?.type).toBe('resourceLocator');
		expect(find(2, 'create', 'sectionId')?.type).toBe('resourceLocator');
		expect(find(2, 'create', 'attendeeIds')?.type).toBe('multiOptions');
		expect(find(1, 'create', 'ownerId')?.type).toBe('number');
		expect(find(1, 'create', 'sectionId')?.type).toBe('string');
	});

	it('creates an event with a picked owner, calendar and attendees (v2) and with saved values (v1)', async () => {
		const cases = [
			{ typeVersion: 2, ownerId: picked('1'), sectionId: picked('1'), attendeeIds: ['2', '4'] },
			{ typeVersion: 1, ownerId: 1, sectionId: '1', attendeeIds: '2, 4' },
		];
		for (const { typeVersion, ownerId, sectionId, attendeeIds } of cases) {
			const id = state().nextEvent;
			const run = await runNode(
				portal,
				{
					resource: 'calendarEvent',
					operation: 'create',
					calendarType: 'user',
					ownerId,
					sectionId,
					name: `Review v${typeVersion}`,
					from: '2024-03-05T10:00:00+03:00',
					to: '2024-03-05T11:00:00+03:00',
					additionalFields: { attendeeIds, isMeeting: true },
				},
				{ typeVersion },
			);
			expect(run.result.error).toBeUndefined();
			const stored = state().events.get(id)!;
			expect([stored.NAME, stored.SECTION_ID, stored.OWNER_ID]).toEqual([
				`Review v${typeVersion}`,
				1,
				1,
			]);
			expect([...stored.attendees.keys()].sort()).toEqual([1, 2, 4]);
		}
	});

	it('adds a company calendar and deletes it by a picked calendar (v2)', async () => {
		const id = state().nextSection;
		const created = await runNode(
			portal,
			{
				resource: 'calendarSection',
				operation: 'create',
				calendarType: 'company_calendar',
				ownerId: picked('0'),
				name: 'Holidays',
			},
			{ typeVersion: 2 },
		);
		expect(created.result.error).toBeUndefined();
		expect(state().sections.get(id)).toMatchObject({ NAME: 'Holidays', OWNER_ID: 0 });
		const deleted = await runNode(
			portal,
			{
				resource: 'calendarSection',
				operation: 'delete',
				calendarType: 'company_calendar',
				ownerId: picked('0'),
				sectionId: picked(String(id)),
			},
			{ typeVersion: 2 },
		);
		expect(deleted.result.error).toBeUndefined();
		expect(state().sections.has(id)).toBe(false);
	});

	it('gets the busy times of picked users (v2) and of a text list (v1)', async () => {
		const cases: Array<[string | string[], number]> = [
			[['1', '2'], 2],
			['1, 2', 1],
		];
		for (const [userIds, typeVersion] of cases) {
			const run = await runNode(
				portal,
				{
					resource: 'calendarSettings',
					operation: 'getAvailability',
					userIds,
					from: '2024-01-01',
					to: '2024-02-01',
				},
				{ typeVersion },
			);
			expect(run.result.error).toBeUndefined();
			expect(run.json.map((entry) => entry.userId)).toEqual([1, 2]);
		}
	});
});
