import { bitrix24Node, loadOptions } from '../harness';
import type { Portal } from '../portal';
import { catalogState, SEED_CATALOGS, SEED_PRICE_TYPES } from '../portal/methods/catalog';
import { requisitesState } from '../portal/methods/requisites';
import { runNode, WEBHOOK_ID, webhookCredential, withPortal } from './support';

/**
 * Choices the portal defines come from the portal: currencies (crm.currency.list) wherever a
 * currency is asked, price types (catalog.priceType.list); a code typed before they were
 * pickers still works.
 */
const PRODUCTS = SEED_CATALOGS.find((catalog) => catalog.productIblockId === null)!;

describe('Pickers the portal fills', () => {
	let portal: Portal;
	const node = (parameters: Record<string, unknown>) =>
		bitrix24Node(parameters as never, { type: 'bitrix24WebhookApi', id: WEBHOOK_ID });
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 3 } });
	});
	afterAll(async () => await portal.close());

	it('lists the portal currencies and sends the picked code', async () => {
		const listed = await runNode(portal, {
			resource: 'crmCurrency',
			operation: 'getAll',
			returnAll: true,
		});
		const codes = listed.json.map((row) => String(row.CURRENCY));
		expect(codes.length).toBeGreaterThan(1);
		const options = await loadOptions(
			node({ resource: 'deal', operation: 'create' }),
			[webhookCredential(portal)],
			'getCurrencies',
		);
		expect(options).toEqual(
			listed.json.map((row) => ({
				name: `${String(row.FULL_NAME)} (${String(row.CURRENCY)})`,
				value: String(row.CURRENCY),
			})),
		);
		const other = codes.find((code) => code !== 'USD')!;

		// a deal's Currency: the picked code, as a code typed in version 1 was sent
		const deal = await runNode(portal, {
			resource: 'deal',
			operation: 'create',
			title: 'Priced deal',
			additionalFields: { currencyId: other },
		});
		expect(deal.result.error).toBeUndefined();
		expect(portal.store.get(2, Number(deal.json[0].ID))?.CURRENCY_ID).toBe(other);
		// version 2 picks currencies and checks a typed one; version 1 sends text as released
		const bad = await runNode(
			portal,
			{ resource: 'crmCurrency', operation: 'get', currency: 'dollars' },
			{ typeVersion: 2 },
		);
		expect(String(bad.result.error?.message)).toMatch(
			/Parameter "Currency Name or ID" of item 0: "dollars" is not a three-letter ISO 4217 code/,
		);

		const got = await runNode(portal, {
			resource: 'crmCurrency',
			operation: 'get',
			currency: other,
		});
		expect(got.json[0]).toMatchObject({ CURRENCY: other });

		// a bank account's currency
		const requisite = await runNode(portal, {
			resource: 'crmRequisite',
			operation: 'create',
			entityTypeId: 4,
			entityId: '1',
			presetId: 1,
			name: 'Payer',
		});
		const detail = await runNode(portal, {
			resource: 'crmRequisiteBankDetail',
			operation: 'create',
			requisiteId: String(requisite.json[0].ID),
			name: 'Euro account',
			additionalFields: { accountCurrency: other },
		});
		expect(
			requisitesState(portal.store).bankDetails.get(Number(detail.json[0].ID))?.RQ_ACC_CURRENCY,
		).toBe(other);

		// a product's purchasing currency and a price's currency
		const product = await runNode(portal, {
			resource: 'catalogProduct',
			operation: 'create',
			iblockId: PRODUCTS.iblockId,
			name: 'Imported lamp',
			additionalFields: { purchasingPrice: 12, purchasingCurrency: other },
		});
		const productId = Number(product.json[0].id);
		expect(catalogState(portal.store).products.get(productId)?.purchasingCurrency).toBe(other);
		const price = await runNode(portal, {
			resource: 'catalogPrice',
			operation: 'create',
			productId: String(productId),
			catalogGroupId: 2,
			price: 30,
			currency: other,
		});
		expect(price.result.error).toBeUndefined();
		expect(catalogState(portal.store).prices.get(Number(price.json[0].id))).toMatchObject({
			productId,
			catalogGroupId: 2,
			price: 30,
			currency: other,
		});
	});

	it('lists the price types; the base price is the default and a typed ID still works', async () => {
		const options = await loadOptions(
			node({ resource: 'catalogPrice', operation: 'create' }),
			[webhookCredential(portal)],
			'getPriceTypes',
		);
		expect(options).toEqual(
			SEED_PRICE_TYPES.map((type) => ({
				name: `${type.name}${type.base === 'Y' ? ' (base price)' : ''}`,
				value: type.id,
			})),
		);
		const product = await runNode(portal, {
			resource: 'catalogProduct',
			operation: 'create',
			iblockId: PRODUCTS.iblockId,
			name: 'Desk',
		});
		const productId = Number(product.json[0].id);
		// Price Type left at its default: the base price
		const base = await runNode(portal, {
			resource: 'catalogPrice',
			operation: 'create',
			productId: String(productId),
			price: 100,
			currency: 'USD',
		});
		expect(base.result.error).toBeUndefined();
		expect(catalogState(portal.store).prices.get(Number(base.json[0].id))?.catalogGroupId).toBe(
			SEED_PRICE_TYPES.find((type) => type.base === 'Y')!.id,
		);
		// as version 1 saved it: the ID as text
		const wholesale = await runNode(portal, {
			resource: 'catalogPrice',
			operation: 'create',
			productId: String(productId),
			catalogGroupId: '2',
			price: 80,
			currency: 'USD',
		});
		expect(wholesale.result.error).toBeUndefined();
		const listed = await runNode(portal, {
			resource: 'catalogPrice',
			operation: 'getAll',
			returnAll: true,
			additionalFields: { productId: String(productId), catalogGroupId: 2 },
		});
		expect(listed.json.map((row) => row.id)).toEqual([Number(wholesale.json[0].id)]);
	});
});
