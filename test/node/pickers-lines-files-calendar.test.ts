/**
 * Pickers (version 3) of open lines (the chat among the user's recent open line chats, Transfer To
 * among users and line queues, the chats of a CRM record), of Chat Message > Send File (the Drive
 * file picker) and of calendars (several calendars of the owner, an event of the owner). Each
 * against the portal: the list the picker offers, a run with the picked value, the value version 1
 * saved.
 */
import type { INodeProperties } from 'n8n-workflow';

import { Bitrix24 } from '../../nodes/Bitrix24/Bitrix24.node';
import { bitrix24Node, listSearch, loadOptions } from '../harness';
import type { Portal } from '../portal';
import { calendarState } from '../portal/methods/calendar';
import { imState } from '../portal/methods/im/state';
import { openLinesState } from '../portal/methods/openlines';
import { runNode, WEBHOOK_ID, webhookCredential, withPortal } from './support';

const picked = (value: string, mode = 'list') => ({ __rl: true, mode, value });
const DAY = 86_400_000;

function shown(version: number, resource: string, operation: string, name: string) {
	return new Bitrix24().nodeVersions[version].description.properties
		.filter(
			(p: INodeProperties) =>
				p.displayOptions?.show?.resource?.includes(resource) &&
				p.displayOptions?.show?.operation?.includes(operation),
		)
		.flatMap((p: INodeProperties) => [p, ...((p.options ?? []) as INodeProperties[])])
		.find((p) => p.name === name);
}
const searchOf = (p?: INodeProperties) => p?.modes?.[0].typeOptions?.searchListMethod;

describe('Pickers of open lines, Send File and calendars', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 1 } });
	});
	afterAll(async () => await portal.close());

	const node = (parameters: Record<string, unknown>) =>
		bitrix24Node(
			parameters as never,
			{ type: 'bitrix24WebhookApi', id: WEBHOOK_ID },
			{ typeVersion: 3 },
		);
	const search = async (parameters: Record<string, unknown>, method: string, filter?: string) =>
		(await listSearch(node(parameters), [webhookCredential(portal)], method, filter)).results;
	const values = (results: Array<{ value: unknown }>) => results.map((r) => String(r.value));
	const lines = () => openLinesState(portal.store);
	const operator = { resource: 'openLineOperator', operation: 'answer' };

	it('version 3 shows the pickers; versions 1 and 2 their typed fields', () => {
		expect(searchOf(shown(3, 'openLineOperator', 'answer', 'chatId'))).toBe('searchOpenLineChats');
		expect(searchOf(shown(3, 'openLineSession', 'getDialog', 'chatId'))).toBe(
			'searchOpenLineChats',
		);
		expect(searchOf(shown(3, 'openLineOperator', 'transfer', 'transferTo'))).toBe(
			'searchTransferTargets',
		);
		expect(searchOf(shown(3, 'openLineCrmChat', 'addUser', 'chatId'))).toBe('searchCrmRecordChats');
		expect(searchOf(shown(3, 'message', 'sendFile', 'fileIds'))).toBe('searchDriveFiles');
		const calendars = shown(3, 'calendarEvent', 'getAll', 'sectionIds');
		expect([calendars?.type, calendars?.typeOptions?.loadOptionsMethod]).toEqual([
			'multiOptions',
			'getCalendars',
		]);
		expect(searchOf(shown(3, 'calendarEvent', 'get', 'eventId'))).toBe('searchCalendarEvents');
		for (const [resource, operation, name] of [
			['openLineOperator', 'transfer', 'chatId'],
			['openLineOperator', 'transfer', 'transferTo'],
			['message', 'sendFile', 'fileIds'],
			['calendarEvent', 'getAll', 'sectionIds'],
			['calendarEvent', 'get', 'eventId'],
		])
			for (const v of [1, 2]) expect(shown(v, resource, operation, name)?.type).toBe('string');
	});

	it("lists the user's open line chats from the recent list, once the user is in them", async () => {
		expect(await search(operator, 'searchOpenLineChats')).toEqual([]);
		// answered through a picked chat (v3), joined through a saved number (v1)
		const answer = await runNode(
			portal,
			{ ...operator, chatId: picked('702', 'id') },
			{ typeVersion: 3 },
		);
		expect(answer.result.error).toBeUndefined();
		expect(lines().sessions.get(32)).toMatchObject({ operatorId: 1, status: 'answered' });
		const join = await runNode(portal, {
			resource: 'openLineSession',
			operation: 'join',
			chatId: '701',
		});
		expect(join.result.error).toBeUndefined();
		const chats = await search(operator, 'searchOpenLineChats');
		expect(chats.map((c) => [c.name, c.value])).toEqual([
			['Guest #902 - Website chat', '702'],
			['Guest #901 - Website chat', '701'],
		]);
		expect(values(await search(operator, 'searchOpenLineChats', '#901'))).toEqual(['701']);
	});

	it('offers line queues and users to transfer to, and transfers to picked and saved ones', async () => {
		const transfer = { resource: 'openLineOperator', operation: 'transfer' };
		const targets = await search(transfer, 'searchTransferTargets');
		expect(targets.slice(0, 2).map((t) => [t.name, t.value])).toEqual([
			['Queue of Website chat', 'queue1'],
			['Queue of Telegram support', 'queue2'],
		]);
		expect(values(targets.slice(2))).toEqual(expect.arrayContaining(['1', '2', '5']));
		expect(values(await search(transfer, 'searchTransferTargets', 'telegram'))).toEqual(['queue2']);
		const toUser = await runNode(
			portal,
			{ ...transfer, chatId: picked('702'), transferTo: picked('5') },
			{ typeVersion: 3 },
		);
		expect(toUser.result.error).toBeUndefined();
		expect(lines().sessions.get(32)?.operatorId).toBe(5);
		const toQueue = await runNode(
			portal,
			{ ...transfer, chatId: picked('702', 'id'), transferTo: picked('queue2') },
			{ typeVersion: 3 },
		);
		expect(toQueue.result.error).toBeUndefined();
		expect(lines().chats.get(702)?.configId).toBe(2);
		const saved = await runNode(portal, { ...transfer, chatId: '701', transferTo: '3' });
		expect(saved.result.error).toBeUndefined();
		expect(lines().sessions.get(31)?.operatorId).toBe(3);
	});

	it("lists a CRM record's chats and adds a user to a picked one (v3) and a saved one (v1)", async () => {
		const record = {
			resource: 'openLineCrmChat',
			operation: 'addUser',
			entityType: 'deal',
			entityId: '5',
		};
		expect(values(await search(record, 'searchCrmRecordChats'))).toEqual(['702', '703']);
		for (const [chatId, typeVersion, userId] of [
			[picked('703'), 2, '2'],
			['703', 1, '3'],
		] as const) {
			const run = await runNode(
				portal,
				{ ...record, userId, additionalFields: { chatId } },
				{ typeVersion },
			);
			expect(run.result.error).toBeUndefined();
			expect(lines().chats.get(703)?.members.has(Number(userId))).toBe(true);
		}
	});

	it('sends a picked Drive file (v3), files by ID (v3) and saved IDs (v1)', async () => {
		const files = await search(
			{ resource: 'message', operation: 'sendFile' },
			'searchDriveFiles',
			'welcome',
		);
		expect(files.map((f) => [f.name, f.value])).toEqual([['John Smith/welcome.txt', '301']]);
		const im = imState(portal.store);
		const cases = [
			[picked('301'), 2, ['welcome.txt']],
			[picked('301, 701', 'id'), 2, ['welcome.txt', 'price-list.pdf']],
			['702', 1, ['logo.png']],
		] as const;
		for (const [fileIds, typeVersion, names] of cases) {
			const run = await runNode(
				portal,
				{ resource: 'message', operation: 'sendFile', dialogId: picked('chat1', 'id'), fileIds },
				{ typeVersion },
			);
			expect(run.result.error).toBeUndefined();
			const message = im.messages.get(run.json[0].messageId as number)!;
			expect(message.fileIds.map((id) => im.chatFiles.get(id)?.name)).toEqual(names);
		}
	});

	it("offers the owner's calendars and events; lists and gets picked (v3) and saved (v1) ones", async () => {
		const owner = { calendarType: 'user', ownerId: picked('1') };
		const calendars = await loadOptions(
			node({ resource: 'calendarEvent', operation: 'getAll', ...owner }),
			[webhookCredential(portal)],
			'getCalendars',
		);
		expect(calendars.map((c) => [c.name, c.value])).toEqual([['John Smith', '1']]);
		const second = await runNode(portal, {
			resource: 'calendarSection',
			operation: 'create',
			calendarType: 'user',
			ownerId: 1,
			name: 'Trips',
		});
		expect(second.result.error).toBeUndefined();
		const tripsId = Number(second.json[0].ID ?? second.json[0].result);
		const soon = (days: number) => new Date(Date.now() + days * DAY).toISOString();
		const created: number[] = [];
		for (const [sectionId, name] of [
			['1', 'Stand-up'],
			[String(tripsId), 'Flight to Berlin'],
		]) {
			const run = await runNode(portal, {
				resource: 'calendarEvent',
				operation: 'create',
				calendarType: 'user',
				ownerId: 1,
				sectionId,
				name,
				from: soon(1),
				to: soon(1.1),
			});
			expect(run.result.error).toBeUndefined();
			created.push(Number(run.json[0].ID));
		}
		const all = await loadOptions(
			node({ resource: 'calendarEvent', operation: 'getAll', ...owner }),
			[webhookCredential(portal)],
			'getCalendars',
		);
		expect(values(all)).toEqual(['1', String(tripsId)]);
		const lists: Array<[string[] | string, number]> = [
			[[String(tripsId)], 2],
			[String(tripsId), 1],
		];
		for (const [sectionIds, typeVersion] of lists) {
			const options = typeVersion === 2 ? 'options' : 'additionalFields';
			const run = await runNode(
				portal,
				{
					resource: 'calendarEvent',
					operation: 'getAll',
					calendarType: 'user',
					ownerId: typeVersion === 2 ? picked('1') : 1,
					returnAll: true,
					[options]: { sectionIds },
				},
				{ typeVersion },
			);
			expect(run.result.error).toBeUndefined();
			expect(run.json.map((e) => e.NAME)).toEqual(['Flight to Berlin']);
		}
		// no owner in Get: the credential's user's events of the default period
		const events = await search(
			{ resource: 'calendarEvent', operation: 'get' },
			'searchCalendarEvents',
		);
		expect(values(events)).toEqual(created.map(String));
		const narrowed = await search(
			{ resource: 'calendarEvent', operation: 'get' },
			'searchCalendarEvents',
			'flight',
		);
		expect(values(narrowed)).toEqual([String(created[1])]);
		for (const [eventId, typeVersion] of [
			[picked(String(created[1])), 2],
			[String(created[1]), 1],
		] as const) {
			const run = await runNode(
				portal,
				{ resource: 'calendarEvent', operation: 'get', eventId },
				{ typeVersion },
			);
			expect(run.result.error).toBeUndefined();
			expect(run.json[0].NAME).toBe('Flight to Berlin');
		}
		const removed = await runNode(
			portal,
			{ resource: 'calendarEvent', operation: 'delete', eventId: picked(String(created[0])) },
			{ typeVersion: 3 },
		);
		expect(removed.result.error).toBeUndefined();
		expect(calendarState(portal.store).events.has(created[0])).toBe(false);
	});
});
