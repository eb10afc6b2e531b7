import type { Portal } from '../portal';
import { field } from '../portal/fields';
import { demoContact, demoDeal } from '../portal/seed';
import { id, runNode, visibleText, withPortal } from './support';

/** The portal's own answer, read past the node. */
async function bindings(
	portal: Portal,
	method: string,
	ownerId: number,
): Promise<Array<Record<string, unknown>>> {
	const response = await fetch(`${portal.webhookUrl}${method}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ id: ownerId }),
	});
	return ((await response.json()) as { result: Array<Record<string, unknown>> }).result;
}

describe('Links between CRM records', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 30 } });
	});
	afterAll(async () => await portal.close());

	it('adds, lists, sets and removes the contacts of a deal; the deal follows its primary contact', async () => {
		const dealId = 10;
		const seeded = Number(demoDeal(dealId).CONTACT_ID);
		expect(seeded).toBeGreaterThan(0);
		const listed = await runNode(portal, {
			resource: 'dealContact',
			operation: 'getAll',
			ownerId: id(dealId),
			returnAll: true,
		});
		expect(listed.json).toEqual([{ CONTACT_ID: seeded, SORT: 10, ROLE_ID: 0, IS_PRIMARY: 'Y' }]);

		const other = seeded === 5 ? 6 : 5;
		const added = await runNode(portal, {
			resource: 'dealContact',
			operation: 'add',
			ownerId: id(dealId),
			boundId: id(other),
		});
		expect(added.json[0]).toEqual({ ID: String(dealId), CONTACT_ID: String(other), added: true });
		const again = await runNode(portal, {
			resource: 'dealContact',
			operation: 'add',
			ownerId: id(dealId),
			boundId: id(other),
		});
		expect(again.json[0].added).toBe(false);
		expect(
			(await bindings(portal, 'crm.deal.contact.items.get', dealId)).map((b) => b.CONTACT_ID),
		).toEqual([seeded, other]);
		expect(portal.store.deals.rows.get(dealId)?.CONTACT_ID).toBe(seeded);

		const primary = await runNode(portal, {
			resource: 'dealContact',
			operation: 'add',
			ownerId: id(dealId),
			boundId: id(9),
			additionalFields: { isPrimary: true, sort: 5 },
		});
		expect(primary.json[0].added).toBe(true);
		expect(portal.store.deals.rows.get(dealId)?.CONTACT_ID).toBe(9);

		const removed = await runNode(portal, {
			resource: 'dealContact',
			operation: 'remove',
			ownerId: id(dealId),
			boundId: id(9),
		});
		expect(removed.json[0]).toEqual({ ID: String(dealId), CONTACT_ID: '9', removed: true });
		// the first remaining link becomes primary
		expect(portal.store.deals.rows.get(dealId)?.CONTACT_ID).toBe(seeded);

		const set = await runNode(portal, {
			resource: 'dealContact',
			operation: 'set',
			ownerId: id(dealId),
			boundIds: '7, 3',
		});
		expect(set.json[0]).toEqual({ ID: String(dealId), updated: true });
		expect(await bindings(portal, 'crm.deal.contact.items.get', dealId)).toEqual([
			{ CONTACT_ID: 7, SORT: 10, ROLE_ID: 0, IS_PRIMARY: 'Y' },
			{ CONTACT_ID: 3, SORT: 20, ROLE_ID: 0, IS_PRIMARY: 'N' },
		]);
		expect(portal.store.deals.rows.get(dealId)?.CONTACT_ID).toBe(7);

		const cleared = await runNode(portal, {
			resource: 'dealContact',
			operation: 'removeAll',
			ownerId: id(dealId),
		});
		expect(cleared.json[0]).toEqual({ ID: String(dealId), updated: true });
		expect(await bindings(portal, 'crm.deal.contact.items.get', dealId)).toEqual([]);
		expect(portal.store.deals.rows.get(dealId)?.CONTACT_ID).toBeNull();
	});

	it('links contacts to a lead', async () => {
		await runNode(portal, {
			resource: 'leadContact',
			operation: 'add',
			ownerId: id(4),
			boundId: id(2),
		});
		await runNode(portal, {
			resource: 'leadContact',
			operation: 'set',
			ownerId: id(5),
			boundIds: '1,2',
		});
		expect(
			(await bindings(portal, 'crm.lead.contact.items.get', 4)).map((b) => b.CONTACT_ID),
		).toEqual([2]);
		const listed = await runNode(portal, {
			resource: 'leadContact',
			operation: 'getAll',
			ownerId: id(5),
			returnAll: true,
		});
		expect(listed.json.map((b) => b.CONTACT_ID)).toEqual([1, 2]);
		await runNode(portal, {
			resource: 'leadContact',
			operation: 'remove',
			ownerId: id(5),
			boundId: id(1),
		});
		await runNode(portal, { resource: 'leadContact', operation: 'removeAll', ownerId: id(4) });
		expect(
			(await bindings(portal, 'crm.lead.contact.items.get', 5)).map((b) => b.CONTACT_ID),
		).toEqual([2]);
		expect(await bindings(portal, 'crm.lead.contact.items.get', 4)).toEqual([]);
	});

	it('keeps the companies of a contact and the contacts of a company as one set of links', async () => {
		const contactId = 1;
		const seededCompany = Number(demoContact(contactId).COMPANY_ID);
		const other = seededCompany === 3 ? 4 : 3;
		await runNode(portal, {
			resource: 'contactCompany',
			operation: 'add',
			ownerId: id(contactId),
			boundId: id(other),
		});
		const ofContact = await runNode(portal, {
			resource: 'contactCompany',
			operation: 'getAll',
			ownerId: id(contactId),
			returnAll: true,
		});
		expect(ofContact.json.map((b) => b.COMPANY_ID)).toEqual([seededCompany, other]);
		const ofCompany = await runNode(portal, {
			resource: 'companyContact',
			operation: 'getAll',
			ownerId: id(other),
			returnAll: true,
		});
		expect(ofCompany.json.map((b) => b.CONTACT_ID)).toContain(contactId);

		await runNode(portal, {
			resource: 'contactCompany',
			operation: 'remove',
			ownerId: id(contactId),
			boundId: id(seededCompany),
		});
		expect(portal.store.get(3, contactId)?.COMPANY_ID).toBe(other);
		expect(
			(await bindings(portal, 'crm.company.contact.items.get', seededCompany)).map(
				(b) => b.CONTACT_ID,
			),
		).not.toContain(contactId);

		await runNode(portal, {
			resource: 'companyContact',
			operation: 'set',
			ownerId: id(5),
			boundIds: '11, 12',
		});
		await runNode(portal, {
			resource: 'companyContact',
			operation: 'add',
			ownerId: id(5),
			boundId: id(13),
		});
		await runNode(portal, {
			resource: 'companyContact',
			operation: 'remove',
			ownerId: id(5),
			boundId: id(11),
		});
		expect(
			(await bindings(portal, 'crm.company.contact.items.get', 5)).map((b) => b.CONTACT_ID),
		).toEqual([12, 13]);
		expect(
			(await bindings(portal, 'crm.contact.company.items.get', 12)).map((b) => b.COMPANY_ID),
		).toContain(5);
		await runNode(portal, { resource: 'companyContact', operation: 'removeAll', ownerId: id(5) });
		expect(await bindings(portal, 'crm.company.contact.items.get', 5)).toEqual([]);
		await runNode(portal, {
			resource: 'contactCompany',
			operation: 'set',
			ownerId: id(2),
			boundIds: '4',
		});
		await runNode(portal, { resource: 'contactCompany', operation: 'removeAll', ownerId: id(6) });
		expect(portal.store.get(3, 2)?.COMPANY_ID).toBe(4);
		expect(portal.store.get(3, 6)?.COMPANY_ID).toBeNull();
	});

	it('reports an unknown record as Bitrix24 does', async () => {
		const run = await runNode(portal, {
			resource: 'dealContact',
			operation: 'add',
			ownerId: id(99999),
			boundId: id(1),
		});
		expect(visibleText(run)).toContain('Not found.');
	});
});

describe('Contacts of a quote', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 5 } });
		// the seed has no quotes (entity type 7): registered here with the field the primary link fills
		portal.store.addEntityType(
			{ entityTypeId: 7, eventPrefix: 'ONCRMDYNAMICITEM', title: 'Quote' },
			[
				field('ID', 'integer', 'ID', { isReadOnly: true }),
				field('TITLE', 'string', 'Name'),
				field('CONTACT_ID', 'crm_contact', 'Contact'),
			],
		);
		portal.store.insertRaw(7, { ID: 4, TITLE: 'Offer', CONTACT_ID: null });
	});
	afterAll(async () => await portal.close());

	it('adds, lists, sets and removes the contacts of a quote; the quote follows its primary contact', async () => {
		const quote = () => portal.store.get(7, 4)!;
		const first = await runNode(portal, {
			resource: 'quoteContact',
			operation: 'add',
			ownerId: 4,
			boundId: id(5),
		});
		expect(first.json[0]).toEqual({ ID: '4', CONTACT_ID: '5', added: true });
		await runNode(portal, {
			resource: 'quoteContact',
			operation: 'add',
			ownerId: 4,
			boundId: id(8),
			additionalFields: { isPrimary: true },
		});
		expect(quote().CONTACT_ID).toBe(8);
		const listed = await runNode(portal, {
			resource: 'quoteContact',
			operation: 'getAll',
			ownerId: 4,
			returnAll: true,
		});
		expect(listed.json).toEqual(await bindings(portal, 'crm.quote.contact.items.get', 4));
		expect(listed.json.map((b) => [b.CONTACT_ID, b.IS_PRIMARY])).toEqual([
			[5, 'N'],
			[8, 'Y'],
		]);

		const removed = await runNode(portal, {
			resource: 'quoteContact',
			operation: 'remove',
			ownerId: 4,
			boundId: id(8),
		});
		expect(removed.json[0].removed).toBe(true);
		expect(quote().CONTACT_ID).toBe(5);

		await runNode(portal, {
			resource: 'quoteContact',
			operation: 'set',
			ownerId: 4,
			boundIds: '7, 3',
		});
		expect(
			(await bindings(portal, 'crm.quote.contact.items.get', 4)).map((b) => [
				b.CONTACT_ID,
				b.SORT,
				b.IS_PRIMARY,
			]),
		).toEqual([
			[7, 10, 'Y'],
			[3, 20, 'N'],
		]);
		expect(quote().CONTACT_ID).toBe(7);

		await runNode(portal, { resource: 'quoteContact', operation: 'removeAll', ownerId: 4 });
		expect(await bindings(portal, 'crm.quote.contact.items.get', 4)).toEqual([]);
		expect(quote().CONTACT_ID).toBeNull();
	});

	it('answers an unknown quote as the docs say: [] for items.get, Not found. for add', async () => {
		expect(await bindings(portal, 'crm.quote.contact.items.get', 999)).toEqual([]);
		const run = await runNode(portal, {
			resource: 'quoteContact',
			operation: 'add',
			ownerId: 999,
			boundId: id(1),
		});
		expect(visibleText(run)).toContain('Not found.');
	});
});
