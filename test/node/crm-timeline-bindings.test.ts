import { bitrix24Node, listSearch } from '../harness';
import type { Portal } from '../portal';
import { automationState } from '../portal/methods/crm-automation';
import { extrasState } from '../portal/methods/crm-extras';
import { COMPANY_TITLES } from '../portal/seed';
import { runNode, visibleText, WEBHOOK_ID, webhookCredential, withPortal } from './support';

/**
 * The records a timeline entry shows in (crm.timeline.bindings.*): a comment added to a lead
 * bound to a deal shows in the deal's timeline too, and can be pinned there.
 */
const rl = (mode: 'list' | 'id' | 'url', value: string | number) => ({
	__rl: true,
	mode,
	value: String(value),
});

describe('CRM timeline bindings', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 5 } });
	});
	afterAll(async () => await portal.close());

	const commentsOf = async (entityType: string, entityId: number) =>
		(
			await runNode(portal, {
				resource: 'crmTimelineComment',
				operation: 'getAll',
				entityType,
				entityId: String(entityId),
				returnAll: true,
			})
		).json.map((row) => Number(row.ID));
	const bindings = async (commentId: number) =>
		(
			await runNode(portal, {
				resource: 'crmTimelineComment',
				operation: 'getBindings',
				commentId: String(commentId),
			})
		).json;

	it('binds a comment to another record, lists its bindings, unbinds it', async () => {
		const created = await runNode(portal, {
			resource: 'crmTimelineComment',
			operation: 'create',
			entityType: 'lead',
			entityId: '3',
			comment: 'Called the client',
		});
		const commentId = Number(created.json[0].ID);
		expect(await bindings(commentId)).toEqual([
			{ OWNER_ID: String(commentId), ENTITY_ID: '3', ENTITY_TYPE: 'lead' },
		]);

		const bound = await runNode(portal, {
			resource: 'crmTimelineComment',
			operation: 'bind',
			commentId: String(commentId),
			entityType: 'deal',
			entityId: rl('url', `${portal.url}/crm/deal/details/2/`),
		});
		expect(bound.json[0]).toEqual({
			OWNER_ID: String(commentId),
			ENTITY_TYPE: 'deal',
			ENTITY_ID: '2',
			bound: true,
		});
		expect(extrasState(portal.store).timelineBindings.get(commentId)).toEqual([
			{ ENTITY_TYPE: 'lead', ENTITY_ID: 3 },
			{ ENTITY_TYPE: 'deal', ENTITY_ID: 2 },
		]);
		const again = await runNode(portal, {
			resource: 'crmTimelineComment',
			operation: 'bind',
			commentId: String(commentId),
			entityType: 'deal',
			entityId: rl('list', 2),
		});
		expect(again.json[0]).toMatchObject({ bound: false });
		expect(await bindings(commentId)).toEqual([
			{ OWNER_ID: String(commentId), ENTITY_ID: '3', ENTITY_TYPE: 'lead' },
			{ OWNER_ID: String(commentId), ENTITY_ID: '2', ENTITY_TYPE: 'deal' },
		]);
		// the deal's timeline shows it now, and it can be pinned there
		expect(await commentsOf('deal', 2)).toEqual([commentId]);
		const pinned = await runNode(portal, {
			resource: 'crmTimelineLogEntry',
			operation: 'pin',
			entityTypeId: 2,
			entityId: rl('id', 2),
			entryId: commentId,
		});
		expect(pinned.result.error).toBeUndefined();
		expect(automationState(portal.store).pinned.get('2:2')).toEqual([commentId]);

		const unbound = await runNode(portal, {
			resource: 'crmTimelineComment',
			operation: 'unbind',
			commentId: String(commentId),
			entityType: 'lead',
			entityId: rl('id', 3),
		});
		expect(unbound.json[0]).toEqual({
			OWNER_ID: String(commentId),
			ENTITY_TYPE: 'lead',
			ENTITY_ID: '3',
			unbound: true,
		});
		expect(await commentsOf('lead', 3)).toEqual([]);
		expect(await commentsOf('deal', 2)).toEqual([commentId]);
		const missing = await runNode(portal, {
			resource: 'crmTimelineComment',
			operation: 'unbind',
			commentId: String(commentId),
			entityType: 'lead',
			entityId: rl('id', 3),
		});
		expect(visibleText(missing)).toContain('Not found.');
	});

	it('binds log entries too, and refuses unknown entries and records as the docs say', async () => {
		const logged = await runNode(portal, {
			resource: 'crmTimelineLogEntry',
			operation: 'create',
			entityTypeId: 2,
			entityId: '4',
			title: 'Invoice paid',
			text: 'Paid in full',
		});
		const entryId = Number(logged.json[0].id);
		await runNode(portal, {
			resource: 'crmTimelineComment',
			operation: 'bind',
			commentId: String(entryId),
			entityType: 'company',
			entityId: rl('list', 5),
		});
		const ofCompany = await runNode(portal, {
			resource: 'crmTimelineLogEntry',
			operation: 'getAll',
			entityTypeId: 4,
			entityId: rl('id', 5),
			returnAll: true,
		});
		expect(ofCompany.json.map((row) => row.id)).toEqual([entryId]);

		const companies = await listSearch(
			bitrix24Node(
				{ resource: 'crmTimelineComment', operation: 'bind', entityType: 'company' },
				{
					type: 'bitrix24WebhookApi',
					id: WEBHOOK_ID,
				},
			),
			[webhookCredential(portal)],
			'searchCrmRecordsByCode',
		);
		expect(companies.results.map((result) => result.name)).toEqual([...COMPANY_TITLES].reverse());

		const bind = async (commentId: number, entityType: string, entityId: number) =>
			visibleText(
				await runNode(portal, {
					resource: 'crmTimelineComment',
					operation: 'bind',
					commentId: String(commentId),
					entityType,
					entityId: rl('id', entityId),
				}),
			);
		expect(await bind(99999, 'deal', 1)).toContain('OWNER_ID is not defined or invalid.');
		expect(await bind(entryId, 'deal', 999)).toContain('ENTITY_ID is not defined or invalid.');
		// the portal has no orders
		expect(await bind(entryId, 'order', 1)).toContain('ENTITY_ID is not defined or invalid.');
		const unknown = await runNode(portal, {
			resource: 'crmTimelineComment',
			operation: 'getBindings',
			commentId: '99999',
		});
		expect(visibleText(unknown)).toContain('OWNER_ID is not defined or invalid.');
	});
});
