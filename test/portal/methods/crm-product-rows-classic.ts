/**
 * The classic product row methods of deals and leads, as bitrix24/b24restdocs describes them
 * (deals/crm-deal-productrows-set.md, -get.md and the lead pages; deprecated in favour of
 * crm.item.productrow.*): `id` and `rows` of UPPER_CASE fields; set replaces every row and
 * answers `true`. They keep the same rows crm.item.productrow.* does (one table in Bitrix24).
 * A row naming a catalog product without a PRODUCT_NAME takes the product's name; a row naming
 * neither is called `[<row id>]`. Errors have the empty code of the classic methods, the
 * discount checks ERROR_CORE with the text the page shows.
 */
import { crmError, RestError } from '../envelope';
import { isObject, phpInt } from '../php-query';
import type { CallContext, MethodDef } from '../registry';
import type { ProductRow } from './crm-extras';
import {
	catalogName,
	extrasState,
	followProducts,
	numberOr,
	productRowView,
	typeAbbr,
} from './crm-extras';

const OWNERS = { deal: 2, lead: 1 } as const;

function ownerOf(ctx: CallContext, entityTypeId: number): number {
	const raw = ctx.params.id;
	const id = raw === undefined || raw === null || raw === '' ? 0 : phpInt(raw);
	if (id <= 0) throw crmError('The parameter id is invalid or not defined');
	if (!ctx.portal.store.get(entityTypeId, id)) throw crmError('Not found');
	return id;
}

const given = (value: unknown) => value !== undefined && value !== null && value !== '';

function discountError(text: string): RestError {
	return new RestError(400, 'ERROR_CORE', `${text}<br>`);
}

/** The page's discount checks: a type given needs the rate or sum it works with. */
function checkDiscount(input: Record<string, unknown>): void {
	if (!given(input.DISCOUNT_TYPE_ID)) return;
	const type = numberOr(input.DISCOUNT_TYPE_ID, 2);
	if (type === 2 && !given(input.DISCOUNT_RATE))
		throw discountError(
			'Discount Rate (DISCOUNT_RATE) is required if Percentage Discount Type (DISCOUNT_TYPE_ID) is defined',
		);
	if (type === 2 && numberOr(input.DISCOUNT_RATE, 0) === 100 && !given(input.DISCOUNT_SUM))
		throw discountError(
			'Discount Sum (DISCOUNT_SUM) is required if Percentage Discount Type (DISCOUNT_TYPE_ID) is defined and Discount Rate (DISCOUNT_RATE) is 100%',
		);
	if (type === 1 && !given(input.DISCOUNT_SUM))
		throw discountError(
			'Discount Sum (DISCOUNT_SUM) is required if Monetary Discount Type (DISCOUNT_TYPE_ID) is defined',
		);
}

function rowsOf(ctx: CallContext): Array<Record<string, unknown>> {
	const raw = ctx.params.rows;
	const list = Array.isArray(raw) ? raw : isObject(raw) ? Object.values(raw) : [];
	if (list.some((row) => !isObject(row))) throw crmError('The parameter rows must be an array.');
	return list as Array<Record<string, unknown>>;
}

/** A row as the classic methods answer it: UPPER_CASE, the IDs as strings. */
function classicView(row: ProductRow): Record<string, unknown> {
	const view = productRowView(row);
	return {
		ID: String(row.id),
		OWNER_ID: String(row.ownerId),
		OWNER_TYPE: row.ownerType,
		PRODUCT_ID: row.productId,
		PRODUCT_NAME: row.productName,
		ORIGINAL_PRODUCT_NAME: row.productName,
		PRODUCT_DESCRIPTION: null,
		PRICE: row.price,
		PRICE_EXCLUSIVE: view.priceExclusive,
		PRICE_NETTO: view.priceNetto,
		PRICE_BRUTTO: view.priceBrutto,
		PRICE_ACCOUNT: row.price.toFixed(2),
		QUANTITY: row.quantity,
		DISCOUNT_TYPE_ID: row.discountTypeId,
		DISCOUNT_RATE: row.discountRate,
		DISCOUNT_SUM: row.discountSum,
		TAX_RATE: row.taxRate,
		TAX_INCLUDED: row.taxIncluded,
		CUSTOMIZED: 'Y',
		MEASURE_CODE: row.measureCode,
		MEASURE_NAME: row.measureName,
		SORT: row.sort,
		XML_ID: '',
		TYPE: view.type,
	};
}

function methodsOf(entity: keyof typeof OWNERS): MethodDef[] {
	const entityTypeId = OWNERS[entity];
	const key = (id: number) => `${typeAbbr(entityTypeId)}:${id}`;
	return [
		{
			name: `crm.${entity}.productrows.set`,
			scope: 'crm',
			handler: (ctx) => {
				const id = ownerOf(ctx, entityTypeId);
				const inputs = rowsOf(ctx);
				inputs.forEach(checkDiscount);
				const state = extrasState(ctx.portal.store);
				const rows: ProductRow[] = inputs.map((input) => {
					const rowId = state.nextProductRow++;
					const productId = numberOr(input.PRODUCT_ID, 0);
					const fromCatalog = catalogName(ctx.portal.store, productId);
					return {
						id: rowId,
						ownerId: id,
						ownerType: typeAbbr(entityTypeId),
						productId,
						// the name given; else the product's ("taken from the product"); else [<row id>]
						productName: given(input.PRODUCT_NAME)
							? String(input.PRODUCT_NAME)
							: (fromCatalog ?? `[${rowId}]`),
						price: numberOr(input.PRICE, 0),
						quantity: numberOr(input.QUANTITY, 1),
						discountTypeId: numberOr(input.DISCOUNT_TYPE_ID, 2),
						discountRate: numberOr(input.DISCOUNT_RATE, 0),
						discountSum: numberOr(input.DISCOUNT_SUM, 0),
						taxRate: given(input.TAX_RATE) ? numberOr(input.TAX_RATE, 0) : null,
						taxIncluded: input.TAX_INCLUDED === 'Y' ? 'Y' : 'N',
						// a catalog product brings its unit (the portal's products all have the default, pcs)
						measureCode: numberOr(input.MEASURE_CODE, fromCatalog === undefined ? 0 : 796),
						measureName: given(input.MEASURE_NAME)
							? String(input.MEASURE_NAME)
							: fromCatalog === undefined
								? ''
								: 'pcs',
						sort: numberOr(input.SORT, 0),
					};
				});
				state.productRows.set(key(id), rows);
				followProducts(ctx, entityTypeId, id, rows);
				return { result: true };
			},
		},
		{
			name: `crm.${entity}.productrows.get`,
			scope: 'crm',
			handler: (ctx) => {
				const id = ownerOf(ctx, entityTypeId);
				const rows = extrasState(ctx.portal.store).productRows.get(key(id)) ?? [];
				return { result: rows.map(classicView) };
			},
		},
	];
}

export const methods: MethodDef[] = [...methodsOf('deal'), ...methodsOf('lead')];
