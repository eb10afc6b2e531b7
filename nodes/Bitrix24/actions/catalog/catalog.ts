import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { bitrix24Call } from '../../../shared/transport';
import { pickersSinceV2, releasedAs } from '../method-table/build';
import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { CATALOG_LOCATOR } from './search';

/** catalog.catalog.*: the trade catalogs (information blocks that hold products). */

const CHOOSE =
	'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>';

/** The trade catalog (iblockId) a product or section lives in, picked from catalog.catalog.list. */
export function catalogParam(path: string, required = true): ParamSpec {
	return {
		name: 'iblockId',
		label: 'Catalog Name or ID',
		path,
		type: 'options',
		loadOptionsMethod: 'getCatalogs',
		required,
		description: `The trade catalog (its information block). ${CHOOSE}.`,
	};
}

/**
 * The price type (catalogGroupId) of a price, picked from catalog.priceType.list; version 1
 * of Catalog Price took its ID typed in, which the picker's value is. 1 is usually the base price.
 */
export function priceTypeParam(path: string, required: boolean): ParamSpec {
	// version 1 released the price type as text (default "1"); version 2 picks it from the portal
	return releasedAs(
		{
			name: 'catalogGroupId',
			label: 'Price Type Name or ID',
			path,
			type: 'options',
			loadOptionsMethod: 'getPriceTypes',
			required,
			...(required ? { default: 1 } : {}),
			description: `The price type (catalog.priceType.list). ${CHOOSE}.`,
			pattern: { match: /^\d+$/, hint: 'is not a price type ID' },
		},
		{
			type: 'string',
			label: 'Price Type ID',
			loadOptionsMethod: undefined,
			default: required ? '1' : undefined,
		},
	);
}

const methods: MethodSpec[] = pickersSinceV2(
	[
		{
			value: 'get',
			name: 'Get',
			action: 'Get a catalog',
			description: 'Get a trade catalog by ID (catalog.catalog.get)',
			method: 'catalog.catalog.get',
			params: [
				{
					name: 'catalogId',
					label: 'Catalog',
					path: 'id',
					type: 'id',
					required: true,
					locator: CATALOG_LOCATOR,
				},
			],
			output: { at: ['catalog'] },
		},
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many catalogs',
			description: 'List the trade catalogs (catalog.catalog.list)',
			method: 'catalog.catalog.list',
			params: [],
			list: { rowsAt: ['catalogs'], idKey: 'id', paging: 'id' },
		},
	],
	['catalogId'],
);

export const catalogSpec: ResourceSpec = {
	value: 'catalogCatalog',
	name: 'Catalog',
	description: 'Trade catalogs (the information blocks of products)',
	methods,
};

export const catalogLoadOptions = {
	/** The price types (catalogGroupId of prices) by name, the base one first */
	async getPriceTypes(this: ILoadOptionsFunctions) {
		const envelope = await bitrix24Call(this, 'catalog.priceType.list', {
			select: ['id', 'name', 'base', 'sort'],
			order: { sort: 'ASC', id: 'ASC' },
		});
		const rows = ((envelope.result as IDataObject)?.priceTypes ?? []) as IDataObject[];
		return rows.map((row) => ({
			name: `${String(row.name)}${row.base === 'Y' ? ' (base price)' : ''}`,
			value: Number(row.id),
		}));
	},

	/** The offers catalogs (productIblockId set), where variations live, by name */
	async getVariationCatalogs(this: ILoadOptionsFunctions) {
		const envelope = await bitrix24Call(this, 'catalog.catalog.list', {
			select: ['id', 'iblockId', 'name', 'productIblockId'],
			order: { id: 'ASC' },
		});
		const rows = ((envelope.result as IDataObject)?.catalogs ?? []) as IDataObject[];
		return rows
			.filter((row) => row.productIblockId !== null && row.productIblockId !== undefined)
			.map((row) => ({
				name: `${String(row.name)} (${String(row.iblockId)})`,
				value: Number(row.iblockId),
			}));
	},
	/** The trade catalogs by name; the value is the iblockId products and sections take. */
	async getCatalogs(this: ILoadOptionsFunctions) {
		const envelope = await bitrix24Call(this, 'catalog.catalog.list', {
			select: ['id', 'iblockId', 'name'],
			order: { id: 'ASC' },
		});
		const rows = ((envelope.result as IDataObject)?.catalogs ?? []) as IDataObject[];
		return rows.map((row) => ({
			name: `${String(row.name)} (${String(row.iblockId)})`,
			value: Number(row.iblockId),
		}));
	},
};
