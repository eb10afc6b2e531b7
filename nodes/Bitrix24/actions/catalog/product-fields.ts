import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { currencyParam } from '../crm/currency';
import type { ParamSpec } from '../method-table/spec';
import { paramError, takeParam } from '../params';
import { otherFields } from './fields';
import { SECTION_LOCATOR } from './search';

/**
 * The fields of catalog elements: simple products (catalog.product.*), parent products
 * (catalog.product.sku.*) and variations (catalog.product.offer.*) take the same camelCase
 * fields (iblockId, name, purchasingPrice ...; custom properties are propertyN), and their lists
 * the same select.
 */

const field = (
	name: string,
	label: string,
	type: ParamSpec['type'],
	description?: string,
): ParamSpec => ({ name, label, path: `fields.${name}`, type, description });
/** What a product, a parent product and a variation share (catalog_product, _sku, _offer). */
export const PRODUCT_FIELDS: ParamSpec[] = [
	{ ...field('active', 'Active', 'yesNo'), default: true },
	field('code', 'Code', 'string', 'Symbolic code, unique in the catalog'),
	field('detailText', 'Detailed Description', 'text'),
	{
		...field('iblockSectionId', 'Section', 'id', 'The main catalog section'),
		locator: SECTION_LOCATOR,
	},
	field('measure', 'Unit of Measure ID', 'id'),
	field('previewText', 'Short Description', 'text'),
	currencyParam('purchasingCurrency', 'Purchasing Currency', 'fields.purchasingCurrency'),
	field('purchasingPrice', 'Purchasing Price', 'number'),
	field('quantity', 'Quantity', 'number', 'Quantity in stock'),
	{ ...field('sort', 'Sort', 'number'), default: 500 },
	field('vatId', 'VAT Rate ID', 'id'),
	field('vatIncluded', 'VAT Included', 'yesNo'),
	field('weight', 'Weight', 'number'),
	field('xmlId', 'External ID', 'string'),
	otherFields('{"property258": "value", "width": 100}'),
];

/** The fields the list returns when the user names none (the docs' select requires id and iblockId). */
const DEFAULT_SELECT = [
	'id',
	'iblockId',
	'name',
	'active',
	'code',
	'xmlId',
	'iblockSectionId',
	'sort',
	'type',
	'measure',
	'purchasingPrice',
	'purchasingCurrency',
	'quantity',
	'vatId',
	'vatIncluded',
	'dateCreate',
	'timestampX',
	'previewText',
	'detailText',
];

/** Get Many's Fields: the names to select; empty selects the main fields (and `extra`). */
export const FIELD_NAMES: ParamSpec = {
	name: 'fieldNames',
	label: 'Fields',
	path: 'fieldNames',
	type: 'string',
	placeholder: 'name, code, purchasingPrice',
	description:
		'Fields to return, separated by commas (id and iblockId are always included); empty returns the main fields',
};

/** The list's select from Fields: the docs' lists require id and iblockId in it. */
export function productSelect(extra: string[] = []) {
	return (ctx: IExecuteFunctions, itemIndex: number, params: IDataObject): IDataObject => {
		const raw = takeParam(params, 'fieldNames');
		const named =
			typeof raw === 'string'
				? raw
						.split(',')
						.map((name) => name.trim())
						.filter(Boolean)
				: [];
		if (named.some((name) => !/^[A-Za-z][A-Za-z0-9_]*$/.test(name)))
			throw paramError(
				ctx,
				itemIndex,
				'Fields',
				'give field names separated by commas, e.g. name, code',
			);
		params.select = named.length
			? [...new Set(['id', 'iblockId', ...named])]
			: [...DEFAULT_SELECT, ...extra];
		return params;
	};
}
