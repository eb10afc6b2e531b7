/**
 * CRM stage picker: stages grouped and named by pipeline ("General / New"), with their code and
 * group, narrowed to the pipeline the operation has chosen (Additional Fields on Create, Update
 * Fields on Update). The values are the stage codes as before, so saved workflows keep them.
 */
import { bitrix24Node, loadOptions } from '../harness';
import type { Portal } from '../portal';
import { runNode, WEBHOOK_ID, webhookCredential, withPortal } from './support';

describe('CRM stage picker', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 1 } });
	});
	afterAll(async () => await portal.close());

	const stagesOf = async (parameters: Record<string, unknown>) =>
		await loadOptions(
			bitrix24Node(parameters as never, { type: 'bitrix24WebhookApi', id: WEBHOOK_ID }),
			[webhookCredential(portal)],
			'getDealStages',
		);

	/** What the portal holds: each deal pipeline in its order, its stages by sort. */
	function expected(categoryIds?: number[]) {
		return portal.store.categories
			.filter((c) => c.entityTypeId === 2 && (!categoryIds || categoryIds.includes(c.id)))
			.sort((a, b) => a.sort - b.sort)
			.flatMap((category) =>
				portal.store.statuses
					.filter((s) => s.ENTITY_ID === (category.id ? `DEAL_STAGE_${category.id}` : 'DEAL_STAGE'))
					.sort((a, b) => a.SORT - b.SORT)
					.map((s) => ({
						name: `${category.name} / ${s.NAME}`,
						value: s.STATUS_ID,
						description: `${s.STATUS_ID}, ${
							s.SEMANTICS === 'S' ? 'success' : s.SEMANTICS === 'F' ? 'failure' : 'in progress'
						}`,
					})),
			);
	}

	it('names every stage by its pipeline, pipeline after pipeline', async () => {
		const all = await stagesOf({ resource: 'deal', operation: 'create' });
		expect(all).toEqual(expected());
		expect(new Set(all.map((s) => s.name.split(' / ')[0]))).toEqual(
			new Set(['General', 'Partners']),
		);
		expect(all.find((s) => s.value === 'C1:WON')?.description).toBe('C1:WON, success');
	});

	it('offers only the chosen pipeline, on Create and on Update', async () => {
		expect(
			await stagesOf({
				resource: 'deal',
				operation: 'create',
				additionalFields: { categoryId: '1' },
			}),
		).toEqual(expected([1]));
		expect(
			await stagesOf({
				resource: 'deal',
				operation: 'update',
				updateFields: { categoryId: 0 },
			}),
		).toEqual(expected([0]));
		// a pipeline given by expression is known only at run time: every stage stays offered
		expect(
			await stagesOf({
				resource: 'deal',
				operation: 'create',
				additionalFields: { categoryId: '={{ $json.pipeline }}' },
			}),
		).toEqual(expected());
	});

	it('a stage picked from the narrowed list lands on the deal; a saved stage code too', async () => {
		const [picked] = await stagesOf({
			resource: 'deal',
			operation: 'create',
			additionalFields: { categoryId: '1' },
		});
		for (const stageId of [String(picked.value), 'C1:EXECUTING']) {
			const run = await runNode(portal, {
				resource: 'deal',
				operation: 'create',
				title: `Staged ${stageId}`,
				additionalFields: { categoryId: '1', stageId },
			});
			expect(run.result.error).toBeUndefined();
			const deal = [...portal.store.deals.rows.values()].find(
				(row) => row.TITLE === `Staged ${stageId}`,
			);
			expect([deal?.CATEGORY_ID, deal?.STAGE_ID]).toEqual([1, stageId]);
		}
	});
});
