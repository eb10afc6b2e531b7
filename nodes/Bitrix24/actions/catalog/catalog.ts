import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { bitrix24Call } from '../../../shared/transport';
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

const methods: MethodSpec[] = [
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
];

export const catalogSpec: ResourceSpec = {
	value: 'catalogCatalog',
	name: 'Catalog',
	description: 'Trade catalogs (the information blocks of products)',
	methods,
};

export const catalogLoadOptions = {
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
