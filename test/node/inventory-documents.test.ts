import { bitrix24Node, listSearch } from '../harness';
import type { Portal } from '../portal';
import { SEED_CATALOGS } from '../portal/methods/catalog';
import { inventoryState } from '../portal/methods/inventory';
import { runNode, visibleText, WEBHOOK_ID, webhookCredential, withPortal } from './support';

/** Inventory documents move stock: receipts and transfers, conducted and cancelled. */
const PRODUCTS = SEED_CATALOGS.find((catalog) => catalog.productIblockId === null)!;
const V2 = { typeVersion: 2 };

const rl = (mode: 'list' | 'id', value: string | number) => ({
	__rl: true,
	mode,
	value: String(value),
});

describe('Catalog: inventory documents and stock', () => {
	let portal: Portal;
	const node = (parameters: Record<string, unknown>) =>
		bitrix24Node(parameters as never, { type: 'bitrix24WebhookApi', id: WEBHOOK_ID });
	beforeAll(async () => {
		portal = await withPortal();
	});
	afterAll(async () => await portal.close());
	const state = () => inventoryState(portal.store);
	const user = () => portal.webhook.userId;

	async function store(address: string, fields: Record<string, unknown> = {}): Promise<number> {
		const created = await runNode(portal, {
			resource: 'catalogStore',
			operation: 'create',
			address,
			additionalFields: fields as never,
		});
		expect(created.result.error).toBeUndefined();
		return Number(created.json[0].id);
	}
	async function product(name: string): Promise<number> {
		const created = await runNode(portal, {
			resource: 'catalogProduct',
			operation: 'create',
			iblockId: PRODUCTS.iblockId,
			name,
		});
		expect(created.result.error).toBeUndefined();
		return Number(created.json[0].id);
	}
	async function document(docType: string, title: string): Promise<number> {
		const created = await runNode(portal, {
			resource: 'catalogInventoryDocument',
			operation: 'create',
			docType,
			currency: 'USD',
			responsibleId: user(),
			additionalFields: { title },
		});
		expect(created.result.error).toBeUndefined();
		return Number(created.json[0].id);
	}
	async function line(fields: Record<string, unknown>): Promise<number> {
		const { documentId, productId, ...rest } = fields;
		const added = await runNode(portal, {
			resource: 'catalogInventoryDocumentProduct',
			operation: 'create',
			documentId: rl('list', documentId as number),
			productId: rl('id', productId as number),
			additionalFields: rest as never,
		});
		expect(added.result.error).toBeUndefined();
		return Number(added.json[0].id);
	}
	/** the stock of a product per store, as Catalog Stock > Get Many answers it */
	async function stockOf(productId: number): Promise<Record<number, number>> {
		const listed = await runNode(portal, {
			resource: 'catalogStock',
			operation: 'getAll',
			returnAll: true,
			additionalFields: { productId: rl('id', productId) },
		});
		expect(listed.result.error).toBeUndefined();
		return Object.fromEntries(listed.json.map((row) => [Number(row.storeId), Number(row.amount)]));
	}

	it('moves stock with inventory documents: receipt, transfer, conduct, cancel', async () => {
		const north = await store('North Rd. 5', { title: 'North' });
		const south = await store('South Rd. 6', { title: 'South' });
		const kettle = await product('Kettle');
		const run = (parameters: Record<string, unknown>, options = {}) =>
			runNode(portal, parameters as never, options);

		const receipt = await document('A', 'Receipt from supplier');
		expect(state().documents.get(receipt)).toMatchObject({
			docType: 'A',
			status: 'N',
			currency: 'USD',
			responsibleId: user(),
		});
		const first = await line({
			documentId: receipt,
			productId: kettle,
			amount: 10,
			purchasingPrice: 4,
			storeTo: rl('list', north),
		});
		expect(state().elements.get(first)).toMatchObject({
			docId: receipt,
			elementId: kettle,
			amount: 10,
			storeTo: north,
			storeFrom: null,
		});
		const changedLine = await run(
			{
				resource: 'catalogInventoryDocumentProduct',
				operation: 'update',
				documentProductId: first,
				additionalFields: { amount: 12 },
			},
			V2,
		);
		expect(changedLine.json[0]).toMatchObject({ id: first, amount: 12, purchasingPrice: 4 });
		const extra = await line({
			documentId: receipt,
			productId: kettle,
			amount: 1,
			storeTo: rl('id', south),
		});
		const removed = await run(
			{
				resource: 'catalogInventoryDocumentProduct',
				operation: 'delete',
				documentProductId: extra,
			},
			V2,
		);
		expect(removed.json[0]).toEqual({ ID: String(extra), deleted: true });
		expect(state().elements.has(extra)).toBe(false);
		const lines = await run({
			resource: 'catalogInventoryDocumentProduct',
			operation: 'getAll',
			returnAll: true,
			additionalFields: { documentId: rl('list', receipt) },
		});
		expect(lines.json.map((row) => row.id)).toEqual([first]);
		const drafts = await run({
			resource: 'catalogInventoryDocument',
			operation: 'getAll',
			returnAll: true,
			additionalFields: { status: 'N' },
		});
		// the total follows the rows: 12 at 4 each
		expect(drafts.json).toEqual([
			expect.objectContaining({ id: receipt, total: 12 * 4, title: 'Receipt from supplier' }),
		]);

		const conducted = await run({
			resource: 'catalogInventoryDocument',
			operation: 'conduct',
			documentId: rl('list', receipt),
		});
		expect(conducted.json[0]).toEqual({ ID: String(receipt), conducted: true });
		expect(state().documents.get(receipt)?.status).toBe('Y');
		expect(await stockOf(kettle)).toEqual({ [north]: 12 });
		const twice = await run({
			resource: 'catalogInventoryDocument',
			operation: 'conduct',
			documentId: rl('id', receipt),
		});
		expect(visibleText(twice)).toContain('already been conducted');
		const late = await run({
			resource: 'catalogInventoryDocumentProduct',
			operation: 'create',
			documentId: rl('id', receipt),
			productId: rl('id', kettle),
			additionalFields: { amount: 1, storeTo: rl('id', north) },
		});
		expect(visibleText(late)).toContain('Conducted document');
		const kept = await run(
			{ resource: 'catalogInventoryDocument', operation: 'delete', documentId: rl('id', receipt) },
			V2,
		);
		expect(visibleText(kept)).toContain('is conducted and was not deleted');
		expect(state().documents.has(receipt)).toBe(true);

		// a transfer takes 5 from North to South
		const transfer = await document('M', 'To the south');
		await line({
			documentId: transfer,
			productId: kettle,
			amount: 5,
			storeFrom: rl('id', north),
			storeTo: rl('id', south),
		});
		const moved = await run(
			{
				resource: 'catalogInventoryDocument',
				operation: 'conduct',
				documentId: rl('id', transfer),
			},
			V2,
		);
		expect(moved.json[0]).toEqual({ ID: String(transfer), conducted: true });
		expect(await stockOf(kettle)).toEqual({ [north]: 12 - 5, [south]: 5 });
		const southRow = [...state().stock.values()].find((row) => row.storeId === south)!;
		const stock = await run({
			resource: 'catalogStock',
			operation: 'get',
			stockId: String(southRow.id),
		});
		expect(stock.json[0]).toMatchObject({ productId: kettle, storeId: south, amount: 5 });
		const inSouth = await run(
			{
				resource: 'catalogStock',
				operation: 'getAll',
				returnAll: true,
				options: { storeId: rl('list', south) },
			},
			V2,
		);
		expect(inSouth.json.map((row) => row.productId)).toEqual([kettle]);
		const stockFields = await run({ resource: 'catalogStock', operation: 'getFields' }, V2);
		expect(stockFields.json).toEqual(
			expect.arrayContaining([
				{ name: 'amount', isImmutable: false, isReadOnly: true, isRequired: false, type: 'double' },
			]),
		);
		const busy = await run({
			resource: 'catalogStore',
			operation: 'delete',
			storeId: rl('id', north),
		});
		expect(visibleText(busy)).toContain('Documents are issued for this warehouse');
		expect(state().stores.has(north)).toBe(true);

		// cancelling reverts the transfer
		const cancelled = await run({
			resource: 'catalogInventoryDocument',
			operation: 'cancel',
			documentId: rl('list', transfer),
		});
		expect(cancelled.json[0]).toEqual({ ID: String(transfer), cancelled: true });
		expect(state().documents.get(transfer)?.status).toBe('C');
		expect(await stockOf(kettle)).toEqual({ [north]: 12, [south]: 0 });
		const notConducted = await run({
			resource: 'catalogInventoryDocument',
			operation: 'cancel',
			documentId: rl('id', transfer),
		});
		expect(visibleText(notConducted)).toContain('Document has not been conducted yet');
		const removedDoc = await run(
			{ resource: 'catalogInventoryDocument', operation: 'delete', documentId: rl('id', transfer) },
			V2,
		);
		expect(removedDoc.json[0]).toEqual({ ID: String(transfer), deleted: true });
		expect(state().documents.has(transfer)).toBe(false);
		expect([...state().elements.values()].some((row) => row.docId === transfer)).toBe(false);

		const renamed = await run({
			resource: 'catalogInventoryDocument',
			operation: 'update',
			documentId: rl('id', receipt),
			additionalFields: { title: 'Receipt #1', commentary: 'Checked' },
		});
		expect(renamed.json[0]).toMatchObject({
			id: receipt,
			title: 'Receipt #1',
			commentary: 'Checked',
		});
		const unchanged = await run({
			resource: 'catalogInventoryDocument',
			operation: 'update',
			documentId: rl('id', receipt),
		});
		expect(String(unchanged.result.error?.message)).toMatch(/at least one field/);
		const searched = await listSearch(
			node({ resource: 'catalogInventoryDocument', operation: 'conduct' }),
			[webhookCredential(portal)],
			'searchCatalogDocuments',
			'receipt',
		);
		expect(searched.results).toEqual([
			{ name: 'Receipt #1 (receipt, conducted)', value: String(receipt) },
		]);

		const docFields = await run(
			{ resource: 'catalogInventoryDocument', operation: 'getFields' },
			V2,
		);
		expect(docFields.json).toEqual(
			expect.arrayContaining([
				{ name: 'docType', isImmutable: true, isReadOnly: false, isRequired: true, type: 'char' },
			]),
		);
		const lineFields = await run({
			resource: 'catalogInventoryDocumentProduct',
			operation: 'getFields',
		});
		expect(lineFields.json.map((row) => row.name)).toEqual(
			expect.arrayContaining(['docId', 'elementId', 'storeFrom', 'storeTo', 'amount']),
		);
	});
});
