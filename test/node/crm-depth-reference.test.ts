import type { Portal } from '../portal';
import { SMART_PROCESS } from '../portal/seed';
import { runNode, withPortal } from './support';

/** The CRM's fixed lists through workflows (crm.enum.*). */
describe('CRM reference data', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal();
	});
	afterAll(async () => await portal.close());

	const reference = (operation: string, extra: Record<string, unknown> = {}, typeVersion = 1) =>
		runNode(
			portal,
			{ resource: 'crmReferenceData', operation, returnAll: true, ...extra },
			{ typeVersion },
		);

	it.each([
		['getAddressTypes', 6, { ID: 6, NAME: 'Legal address' }],
		['getCrmModes', 2, { ID: 2, NAME: 'Simple CRM' }],
		['getActivityTypes', 7, { ID: 2, NAME: 'Call' }],
		['getActivityStatuses', 4, { ID: 2, NAME: 'Completed' }],
		['getActivityPriorities', 4, { ID: 3, NAME: 'high' }],
		['getActivityDirections', 3, { ID: 1, NAME: 'Incoming' }],
		['getActivityNotifyTypes', 4, { ID: 2, NAME: 'h.' }],
		['getContentTypes', 4, { ID: 3, NAME: 'HTML' }],
	])('%s lists its values', async (operation, count, entry) => {
		const run = await reference(operation);
		expect(run.result.error).toBeUndefined();
		expect(run.json).toHaveLength(count);
		expect(run.json).toContainEqual({ ...entry, SYMBOL_CODE: null, SYMBOL_CODE_SHORT: null });
	});

	it('lists the object types with the smart processes, and the order owner types', async () => {
		const types = await reference('getOwnerTypes');
		expect(types.json.slice(0, 2)).toEqual([
			{ ID: 1, NAME: 'Lead', SYMBOL_CODE: 'LEAD', SYMBOL_CODE_SHORT: 'L' },
			{ ID: 2, NAME: 'Deal', SYMBOL_CODE: 'DEAL', SYMBOL_CODE_SHORT: 'D' },
		]);
		expect(types.json).toContainEqual({
			ID: SMART_PROCESS.entityTypeId,
			NAME: SMART_PROCESS.title,
			SYMBOL_CODE: 'DYNAMIC_1036',
			SYMBOL_CODE_SHORT: 'T40c',
		});
		const two = await reference('getOwnerTypes', { returnAll: false, limit: 2 }, 2);
		expect(two.json.map((row) => row.SYMBOL_CODE)).toEqual(['LEAD', 'DEAL']);

		const orders = await reference('getOrderOwnerTypes');
		expect(orders.json).toEqual([{ attribute: 'DYN', code: 'DEAL', id: 2, name: 'Deal' }]);
	});

	it('describes the fields of the items, one item per field', async () => {
		for (const typeVersion of [1, 2]) {
			const run = await reference('getFields', {}, typeVersion);
			expect(run.json.map((row) => row.name)).toEqual([
				'ID',
				'NAME',
				'SYMBOL_CODE',
				'SYMBOL_CODE_SHORT',
			]);
			expect(run.json[0]).toMatchObject({ type: 'int', isReadOnly: true });
		}
	});
});
