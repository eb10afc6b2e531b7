import type { Portal } from '../portal';
import { crmError } from '../portal/envelope';
import type { FmEntry } from '../portal/fields';
import { DEMO_COUNTS, SMART_PROCESS } from '../portal/seed';
import { id, runNode, visibleText, withPortal } from './support';

const CONTACT = 3;
const LEAD = 1;

function values(portal: Portal, entityTypeId: number, recordId: number, type: string): string[] {
	const fm = (portal.store.get(entityTypeId, recordId)?.FM as FmEntry[] | undefined) ?? [];
	return fm.filter((entry) => entry.TYPE_ID === type).map((entry) => entry.VALUE);
}

function restMethods(portal: Portal): string[] {
	return portal
		.restRequests()
		.flatMap(
			(request) =>
				request.batchCommands?.map((command) => command.split('?')[0]) ?? [
					request.restMethod ?? '',
				],
		);
}

describe('CRM Create or Update', () => {
	let portal: Portal;
	beforeEach(async () => {
		portal = await withPortal({ demo: { deals: 30 } });
	});
	afterEach(async () => await portal.close());

	it('creates or updates 100 contacts by e-mail in a handful of requests', async () => {
		const existing = DEMO_COUNTS.contacts;
		const items = Array.from({ length: 100 }, (_, index) => ({
			// the seed's contact i has contact<i>@example.com; the case differs on purpose
			email: index < existing ? `Contact${index + 1}@Example.com` : `new${index}@example.org`,
			post: `Post ${index}`,
		}));
		const before = portal.store.table(CONTACT)!.rows.size;
		portal.resetRequests();
		const run = await runNode(
			portal,
			{
				resource: 'contact',
				operation: 'upsert',
				matchBy: 'email',
				matchValue: '={{ $json.email }}',
				additionalFields: { post: '={{ $json.post }}' },
			},
			{ items },
		);
		expect(run.result.error).toBeUndefined();
		expect(portal.restRequests().length).toBeLessThanOrEqual(6);
		expect(run.json).toHaveLength(100);
		for (let index = 0; index < 100; index++) {
			const answer = run.json[index];
			if (index < existing) {
				expect(answer).toEqual({ ID: String(index + 1), action: 'updated' });
				// found by its e-mail, which is not added a second time
				expect(values(portal, CONTACT, index + 1, 'EMAIL')).toEqual([
					`contact${index + 1}@example.com`,
				]);
			} else {
				expect(answer.action).toBe('created');
				expect(Number(answer.ID)).toBeGreaterThan(existing);
				expect(values(portal, CONTACT, Number(answer.ID), 'EMAIL')).toEqual([
					`new${index}@example.org`,
				]);
			}
			expect(portal.store.get(CONTACT, Number(answer.ID))?.POST).toBe(`Post ${index}`);
		}
		expect(portal.store.table(CONTACT)!.rows.size).toBe(before + 100 - existing);
		expect(
			restMethods(portal).filter((method) => method === 'crm.duplicate.findbycomm'),
		).toHaveLength(100);
	});

	it('creates one contact for items of one run with the same new e-mail, spelt differently', async () => {
		const before = portal.store.table(CONTACT)!.rows.size;
		const run = await runNode(
			portal,
			{
				resource: 'contact',
				operation: 'upsert',
				matchBy: 'email',
				matchValue: '={{ $json.email }}',
				firstName: '={{ $json.name }}',
			},
			{
				items: [
					{ email: 'Same@Example.org', name: 'One' },
					{ email: 'same@example.org', name: 'Two' },
				],
			},
		);
		expect(run.json[0].action).toBe('created');
		expect(run.json[1]).toEqual({ ID: run.json[0].ID, action: 'updated' });
		expect(portal.store.table(CONTACT)!.rows.size).toBe(before + 1);
		expect(portal.store.get(CONTACT, Number(run.json[0].ID))?.NAME).toBe('Two');
		expect(values(portal, CONTACT, Number(run.json[0].ID), 'EMAIL')).toEqual(['Same@Example.org']);
	});

	it('fails naming the IDs when several match, or updates the oldest or the newest', async () => {
		const twin = portal.store.create(
			CONTACT,
			{ NAME: 'Twin', EMAIL: [{ VALUE: 'contact2@example.com', VALUE_TYPE: 'HOME' }] },
			1,
		);
		const base = {
			resource: 'contact',
			operation: 'upsert',
			matchBy: 'email',
			matchValue: 'contact2@example.com',
		};
		const failed = await runNode(portal, { ...base, additionalFields: { comments: 'x' } });
		expect(visibleText(failed)).toContain(`IDs 2, ${twin}`);
		expect(portal.store.get(CONTACT, 2)?.COMMENTS).toBeNull();
		expect(portal.store.get(CONTACT, twin)?.COMMENTS ?? null).toBeNull();

		const soft = await runNode(
			portal,
			{ ...base, additionalFields: { comments: 'x' } },
			{ continueOnFail: true },
		);
		expect(soft.json[0].error).toContain(`IDs 2, ${twin}`);

		const newest = await runNode(portal, {
			...base,
			additionalFields: { comments: 'newest' },
			options: { ifSeveral: 'newest' },
		});
		expect(newest.json[0]).toEqual({ ID: String(twin), action: 'updated' });
		expect(portal.store.get(CONTACT, twin)?.COMMENTS).toBe('newest');
		const oldest = await runNode(portal, {
			...base,
			additionalFields: { comments: 'oldest' },
			options: { ifSeveral: 'oldest' },
		});
		expect(oldest.json[0]).toEqual({ ID: '2', action: 'updated' });
		expect(portal.store.get(CONTACT, 2)?.COMMENTS).toBe('oldest');
	});

	it('matches deals on a field; items of one run looking for the same record share it', async () => {
		portal.store.update(2, 7, { ORIGIN_ID: 'ext-7' }, 1);
		const dealsBefore = portal.store.deals.rows.size;
		const run = await runNode(
			portal,
			{
				resource: 'deal',
				operation: 'upsert',
				matchBy: 'field',
				matchField: 'ORIGIN_ID',
				matchValue: '={{ $json.origin }}',
				title: '={{ $json.title }}',
			},
			{
				items: [
					{ origin: 'ext-7', title: 'Seven' },
					{ origin: 'ext-new', title: 'First' },
					{ origin: 'ext-new', title: 'Second' },
				],
			},
		);
		expect(run.result.error).toBeUndefined();
		expect(run.json[0]).toEqual({ ID: '7', action: 'updated' });
		expect(run.json[1].action).toBe('created');
		expect(run.json[2]).toEqual({ ID: run.json[1].ID, action: 'updated' });
		expect(portal.store.deals.rows.size).toBe(dealsBefore + 1);
		const created = portal.store.deals.rows.get(Number(run.json[1].ID));
		expect(created).toMatchObject({ ORIGIN_ID: 'ext-new', TITLE: 'Second' });
		expect(portal.store.deals.rows.get(7)?.TITLE).toBe('Seven');
		const list = portal
			.restRequests()
			.flatMap((request) => request.batchCommands ?? [])
			.find((command) => command.startsWith('crm.deal.list'));
		expect(decodeURIComponent(list ?? '')).toContain('filter[=ORIGIN_ID]=ext-7');
	});

	it('matches leads by phone and replaces their phones', async () => {
		// the seed's lead 3 has +15553000003
		const run = await runNode(portal, {
			resource: 'lead',
			operation: 'upsert',
			matchBy: 'phone',
			matchValue: '+1 (555) 300-0003',
			multiFields: {
				values: [{ type: 'PHONE', valueType: 'MOBILE', value: '+15559990000', mode: 'replace' }],
			},
		});
		expect(run.json[0]).toEqual({ ID: '3', action: 'updated' });
		expect(values(portal, LEAD, 3, 'PHONE')).toEqual(['+15559990000']);
		expect(values(portal, LEAD, 3, 'EMAIL')).toEqual(['lead3@example.com']);
	});

	it('creates or updates companies by e-mail', async () => {
		const run = await runNode(
			portal,
			{
				resource: 'company',
				operation: 'upsert',
				matchBy: 'email',
				matchValue: '={{ $json.email }}',
				title: '={{ $json.title }}',
			},
			{
				items: [
					{ email: 'office3@example.com', title: 'Renamed' },
					{ email: 'new-co@example.org', title: 'Newco' },
				],
			},
		);
		expect(run.json[0]).toEqual({ ID: '3', action: 'updated' });
		expect(portal.store.get(4, 3)?.TITLE).toBe('Renamed');
		expect(run.json[1].action).toBe('created');
		expect(portal.store.get(4, Number(run.json[1].ID))?.TITLE).toBe('Newco');
		expect(values(portal, 4, Number(run.json[1].ID), 'EMAIL')).toEqual(['new-co@example.org']);
	});

	it('reports a failing write per item with Continue On Fail, and halts without it', async () => {
		portal.registry.register([
			{
				name: 'crm.contact.add',
				scope: 'crm',
				handler: (ctx) => {
					const fields = ctx.params.fields as Record<string, unknown>;
					if (fields.NAME === 'Bad') throw crmError('Contact name is not allowed.');
					return { result: ctx.portal.store.create(CONTACT, fields, ctx.auth.userId) };
				},
			},
		]);
		const items = [
			{ email: 'good@example.org', name: 'Good' },
			{ email: 'bad@example.org', name: 'Bad' },
			{ email: 'contact1@example.com', name: 'Renamed' },
		];
		const parameters = {
			resource: 'contact',
			operation: 'upsert',
			matchBy: 'email',
			matchValue: '={{ $json.email }}',
			firstName: '={{ $json.name }}',
		};
		const soft = await runNode(portal, parameters, { items, continueOnFail: true });
		expect(soft.json[0].action).toBe('created');
		expect(soft.json[1].error).toContain('Contact name is not allowed.');
		expect(soft.json[2]).toEqual({ ID: '1', action: 'updated' });
		expect(soft.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(portal.store.get(CONTACT, 1)?.NAME).toBe('Renamed');

		portal.store.update(CONTACT, 1, { NAME: 'Before' }, 1);
		const hard = await runNode(portal, parameters, {
			items: [{ email: 'good2@example.org', name: 'Good' }, ...items.slice(1)],
		});
		expect(visibleText(hard)).toContain('1 item was created or updated before this one');
		expect(portal.store.get(CONTACT, 1)?.NAME).toBe('Before');
	});

	it('rejects e-mail matching for deals before sending anything', async () => {
		portal.resetRequests();
		const run = await runNode(portal, {
			resource: 'deal',
			operation: 'upsert',
			matchBy: 'email',
			matchValue: 'a@b.c',
			title: 'x',
		});
		expect(visibleText(run)).toContain('Match By');
		expect(portal.restRequests()).toHaveLength(0);
	});

	it('creates or updates crm.item records by a field and contacts through crm.item by e-mail', async () => {
		const items = await runNode(
			portal,
			{
				resource: 'crmItem',
				operation: 'upsert',
				entityTypeId: SMART_PROCESS.entityTypeId,
				matchBy: 'field',
				matchField: 'xmlId',
				matchValue: '={{ $json.key }}',
				title: '={{ $json.title }}',
			},
			{
				items: [
					{ key: 'p-1', title: 'Alpha' },
					{ key: 'p-1', title: 'Alpha 2' },
				],
			},
		);
		expect(items.result.error).toBeUndefined();
		expect(items.json[0].action).toBe('created');
		expect(items.json[1]).toEqual({ ID: items.json[0].ID, action: 'updated' });
		expect(portal.store.get(SMART_PROCESS.entityTypeId, Number(items.json[0].ID))).toMatchObject({
			XML_ID: 'p-1',
			TITLE: 'Alpha 2',
		});

		const again = await runNode(portal, {
			resource: 'crmItem',
			operation: 'upsert',
			entityTypeId: SMART_PROCESS.entityTypeId,
			matchBy: 'field',
			matchField: 'xmlId',
			matchValue: 'p-1',
			title: 'Alpha 3',
		});
		expect(again.json[0]).toEqual({ ID: items.json[0].ID, action: 'updated' });

		const contact = await runNode(portal, {
			resource: 'crmItem',
			operation: 'upsert',
			entityTypeId: CONTACT,
			matchBy: 'email',
			matchValue: 'contact4@example.com',
			fieldsJson: '{"comments": "via item"}',
		});
		expect(contact.json[0]).toEqual({ ID: '4', action: 'updated' });
		expect(portal.store.get(CONTACT, 4)?.COMMENTS).toBe('via item');
	});
});

describe('Multi-value fields and Find Duplicates', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 5 } });
	});
	afterAll(async () => await portal.close());

	it('creates with several values, adds one, deletes one by value', async () => {
		const created = await runNode(portal, {
			resource: 'contact',
			operation: 'create',
			firstName: 'Multi',
			multiFields: {
				values: [
					{ type: 'PHONE', valueType: 'WORK', value: '+100' },
					{ type: 'PHONE', valueType: 'MOBILE', value: '+200' },
					{ type: 'WEB', valueType: 'WORK', value: 'https://example.org' },
				],
			},
		});
		const newId = Number(created.json[0].ID);
		expect(values(portal, CONTACT, newId, 'PHONE')).toEqual(['+100', '+200']);
		expect(values(portal, CONTACT, newId, 'WEB')).toEqual(['https://example.org']);

		await runNode(portal, {
			resource: 'contact',
			operation: 'update',
			recordId: id(newId),
			multiFields: {
				values: [
					{ type: 'EMAIL', valueType: 'HOME', value: 'multi@example.org', mode: 'add' },
					{ type: 'PHONE', valueType: 'WORK', value: '+1 00', mode: 'delete' },
				],
			},
		});
		expect(values(portal, CONTACT, newId, 'PHONE')).toEqual(['+200']);
		expect(values(portal, CONTACT, newId, 'EMAIL')).toEqual(['multi@example.org']);
		expect(values(portal, CONTACT, newId, 'WEB')).toEqual(['https://example.org']);
	});

	it('finds leads, contacts and companies by e-mail and phone', async () => {
		portal.resetRequests();
		const byEmail = await runNode(portal, {
			resource: 'crmDuplicate',
			operation: 'find',
			type: 'EMAIL',
			values: 'contact3@example.com, LEAD5@example.com, office2@example.com',
		});
		expect(byEmail.json[0]).toEqual({ LEAD: [5], CONTACT: [3], COMPANY: [2], found: 3 });
		expect(portal.restRequests()[0].body).toMatchObject({
			type: 'EMAIL',
			values: ['contact3@example.com', 'LEAD5@example.com', 'office2@example.com'],
		});

		const byPhone = await runNode(portal, {
			resource: 'crmDuplicate',
			operation: 'find',
			type: 'PHONE',
			values: '+1 555 200 0007',
			additionalFields: { entityType: 'CONTACT' },
		});
		expect(byPhone.json[0]).toEqual({ CONTACT: [7], found: 1 });

		const none = await runNode(portal, {
			resource: 'crmDuplicate',
			operation: 'find',
			type: 'EMAIL',
			values: 'nobody@example.com',
		});
		expect(none.json[0]).toEqual({ LEAD: [], CONTACT: [], COMPANY: [], found: 0 });

		const many = await runNode(portal, {
			resource: 'crmDuplicate',
			operation: 'find',
			type: 'EMAIL',
			values: Array.from({ length: 21 }, (_, i) => `x${i}@e.org`).join(','),
		});
		expect(visibleText(many)).toContain('at most 20');
	});
});
