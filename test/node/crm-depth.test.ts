import type { Portal } from '../portal';
import { stageHistory } from '../portal/methods/crm-depth';
import { timelineState } from '../portal/methods/crm-depth-timeline';
import { extrasState } from '../portal/methods/crm-extras';
import { DEMO_COUNTS, demoLead, USERS } from '../portal/seed';
import { id, runNode, visibleText, withPortal } from './support';

/**
 * More CRM depth through workflows: the stage history of records (crm.stagehistory.list), the
 * records an activity is bound to (crm.activity.binding.*), and notes on timeline entries
 * (crm.timeline.note.*).
 */
const rl = (mode: 'list' | 'id' | 'url', value: string | number) => ({
	__rl: true,
	mode,
	value: String(value),
});
const DEALS = 60;

describe('CRM stage history', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: DEALS } });
		stageHistory(portal.store);
	});
	afterAll(async () => await portal.close());

	const moveDeal = async (dealId: string, stage: string) => {
		const run = await runNode(portal, {
			resource: 'deal',
			operation: 'update',
			recordId: id(dealId),
			fieldsJson: JSON.stringify({ STAGE_ID: stage }),
		});
		expect(run.result.error).toBeUndefined();
	};

	it('lists how a deal was created and moved, by stage and pipeline', async () => {
		const created = await runNode(portal, {
			resource: 'deal',
			operation: 'create',
			title: 'Solar panels',
		});
		const dealId = created.json[0].ID as string;
		await moveDeal(dealId, 'PREPARATION');
		await moveDeal(dealId, 'WON');
		await moveDeal(dealId, 'C1:NEW');

		const history = await runNode(portal, {
			resource: 'crmStageHistory',
			operation: 'getAll',
			entityTypeId: 2,
			returnAll: true,
			additionalFields: { ownerId: rl('url', `${portal.url}/crm/deal/details/${dealId}/`) },
		});
		expect(history.result.error).toBeUndefined();
		expect(
			history.json.map((row) => [
				row.TYPE_ID,
				row.STAGE_ID,
				row.STAGE_SEMANTIC_ID,
				row.CATEGORY_ID,
			]),
		).toEqual([
			[1, 'NEW', 'P', 0],
			[2, 'PREPARATION', 'P', 0],
			[3, 'WON', 'S', 0],
			[5, 'C1:NEW', 'P', 1],
		]);
		expect(new Set(history.json.map((row) => row.OWNER_ID))).toEqual(new Set([Number(dealId)]));

		// every deal's entry, over two pages of 50 (version 2: Options, Order By)
		const all = await runNode(
			portal,
			{
				resource: 'crmStageHistory',
				operation: 'getAll',
				entityTypeId: 2,
				returnAll: true,
				options: { orderBy: 'ID', orderDirection: 'DESC', selectFields: 'ID, OWNER_ID' },
			},
			{ typeVersion: 2 },
		);
		expect(all.json).toHaveLength(DEALS + 1 + 3);
		const ids = all.json.map((row) => Number(row.ID));
		expect(ids).toEqual([...ids].sort((a, b) => b - a));
		expect(Object.keys(all.json[0]).sort()).toEqual(['ID', 'OWNER_ID']);

		const limited = await runNode(portal, {
			resource: 'crmStageHistory',
			operation: 'getAll',
			entityTypeId: 2,
			returnAll: false,
			limit: 3,
		});
		expect(limited.json.map((row) => row.ID)).toEqual([1, 2, 3].map((n) => ids[ids.length - n]));
	});

	it('filters lead history by status; rejects unknown fields and types', async () => {
		const junk = await runNode(portal, {
			resource: 'crmStageHistory',
			operation: 'getAll',
			entityTypeId: '1',
			returnAll: true,
			additionalFields: { filterJson: '{"STATUS_ID": "JUNK"}' },
		});
		const expected = Array.from({ length: DEMO_COUNTS.leads }, (_, i) => demoLead(i + 1))
			.filter((lead) => lead.STATUS_ID === 'JUNK')
			.map((lead) => lead.ID);
		expect(expected.length).toBeGreaterThan(0);
		expect(junk.json.map((row) => row.OWNER_ID)).toEqual(expected);
		expect(junk.json[0]).toMatchObject({ TYPE_ID: 1, STATUS_ID: 'JUNK', STATUS_SEMANTIC_ID: 'F' });
		expect(junk.json[0]).not.toHaveProperty('STAGE_ID');

		const badField = await runNode(portal, {
			resource: 'crmStageHistory',
			operation: 'getAll',
			entityTypeId: 1,
			returnAll: true,
			additionalFields: { filterJson: '{"STAGE_ID": "NEW"}' },
		});
		expect(visibleText(badField)).toContain("field 'STAGE_ID' is not allowed in filter");

		const contacts = await runNode(portal, {
			resource: 'crmStageHistory',
			operation: 'getAll',
			entityTypeId: 3,
			returnAll: true,
		});
		expect(visibleText(contacts)).toContain('ENTITY_TYPE_NOT_SUPPORTED');
	});
});

describe('CRM activity bindings and timeline notes', () => {
	let portal: Portal;
	let activityId: number;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 5 } });
		const created = await runNode(portal, {
			resource: 'crmActivity',
			operation: 'create',
			ownerTypeId: 2,
			ownerId: '3',
			typeId: 2,
			subject: 'Call about the roof',
			responsibleId: String(USERS[1].ID),
			additionalFields: { communication: '+15550001' },
		});
		activityId = Number(created.json[0].ID);
		expect(extrasState(portal.store).activities.has(activityId)).toBe(true);
	});
	afterAll(async () => await portal.close());

	const bindings = async () =>
		(
			await runNode(portal, {
				resource: 'crmActivityBinding',
				operation: 'getAll',
				activityId: rl('id', activityId),
				returnAll: true,
			})
		).json;

	it('binds an activity to a contact, moves it between deals, unbinds it', async () => {
		expect(await bindings()).toEqual([{ entityTypeId: 2, entityId: 3 }]);

		const added = await runNode(portal, {
			resource: 'crmActivityBinding',
			operation: 'add',
			activityId: rl('list', activityId),
			entityTypeId: 3,
			entityId: rl('id', 2),
		});
		expect(added.json[0]).toEqual({
			ID: String(activityId),
			entityTypeId: 3,
			entityId: 2,
			added: true,
		});
		expect(timelineState(portal.store).bindings.get(activityId)).toEqual([
			{ entityTypeId: 2, entityId: 3 },
			{ entityTypeId: 3, entityId: 2 },
		]);
		const again = await runNode(portal, {
			resource: 'crmActivityBinding',
			operation: 'add',
			activityId: rl('id', activityId),
			entityTypeId: '3',
			entityId: rl('id', 2),
		});
		expect(visibleText(again)).toContain('ACTIVITY_IS_ALREADY_BOUND');

		const moved = await runNode(portal, {
			resource: 'crmActivityBinding',
			operation: 'move',
			activityId: rl('id', activityId),
			entityTypeId: 2,
			sourceEntityId: rl('id', 3),
			targetEntityId: rl('url', `${portal.url}/crm/deal/details/4/`),
		});
		expect(moved.json[0]).toMatchObject({ sourceEntityId: 3, targetEntityId: 4, moved: true });
		expect(await bindings()).toEqual([
			{ entityTypeId: 2, entityId: 4 },
			{ entityTypeId: 3, entityId: 2 },
		]);

		const removed = await runNode(
			portal,
			{
				resource: 'crmActivityBinding',
				operation: 'remove',
				activityId: rl('id', activityId),
				entityTypeId: 3,
				entityId: rl('id', 2),
			},
			{ typeVersion: 2 },
		);
		expect(removed.json[0]).toMatchObject({ ID: String(activityId), removed: true });
		expect(await bindings()).toEqual([{ entityTypeId: 2, entityId: 4 }]);

		const last = await runNode(portal, {
			resource: 'crmActivityBinding',
			operation: 'remove',
			activityId: rl('id', activityId),
			entityTypeId: 2,
			entityId: rl('id', 4),
		});
		expect(visibleText(last)).toContain('LAST_BINDING_CANNOT_BE_DELETED');
	});

	const note = (operation: string, owner: number, extra: Record<string, unknown> = {}) =>
		runNode(
			portal,
			{
				resource: 'crmTimelineNote',
				operation,
				itemType: 2,
				itemId: String(activityId),
				ownerTypeId: 2,
				ownerId: rl('id', owner),
				...extra,
			},
			{ typeVersion: Number(extra.typeVersion ?? 1) },
		);

	it('saves, gets, replaces and deletes the note of an activity and of a comment', async () => {
		const owner = (await bindings())[0].entityId as number;
		const saved = await note('save', owner, { text: 'Client asked for a discount' });
		expect(saved.json[0]).toEqual({
			ID: String(activityId),
			text: 'Client asked for a discount',
			saved: true,
		});
		const first = await note('get', owner);
		expect(first.json[0]).toMatchObject({ text: 'Client asked for a discount' });
		expect(typeof first.json[0].createdById).toBe('number');

		await note('save', owner, { text: 'Discount approved' });
		const second = await note('get', owner);
		expect(second.json[0]).toMatchObject({
			text: 'Discount approved',
			createdTime: first.json[0].createdTime,
		});
		// a note belongs to the entry's record: the activity is not bound to deal 1
		expect(visibleText(await note('get', 1))).toContain('Element not found');

		const deleted = await note('delete', owner, { typeVersion: 2 });
		expect(deleted.json[0]).toEqual({ ID: String(activityId), deleted: true });
		expect(timelineState(portal.store).notes.size).toBe(0);
		expect(visibleText(await note('get', owner))).toContain('NOT_FOUND');

		const comment = await runNode(portal, {
			resource: 'crmTimelineComment',
			operation: 'create',
			entityType: 'deal',
			entityId: '5',
			comment: 'Visited the site',
		});
		const commentId = String(comment.json[0].ID);
		const onComment = await note('save', 5, {
			itemType: 1,
			itemId: commentId,
			text: 'Photos later',
		});
		expect(onComment.json[0]).toMatchObject({ ID: commentId, saved: true });
		expect([...timelineState(portal.store).notes.keys()]).toEqual([`2:5:1:${commentId}`]);
	});
});
