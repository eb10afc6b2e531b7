import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { bitrix24List } from '../../../shared/transport';
import { methodResource } from '../method-table/build';
import type { Area } from '../types';
import { listSpec } from './list';
import { listElementSpec } from './list-element';
import { listsResourceMapping, withElementExtras } from './element-fields';
import { listFieldSpec } from './list-field';
import { listSectionSpec } from './list-section';

/** The lists of the chosen type the user may read (lists.get without IBLOCK_ID). */
async function getListsLists(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const type = String(this.getCurrentNodeParameter('iblockTypeId') ?? 'lists');
	const rows = await bitrix24List(this, {
		method: 'lists.get',
		params: { IBLOCK_TYPE_ID: type },
		rowsAt: [],
		idKey: 'ID',
		paging: 'offset',
	});
	return rows
		.map((row) => ({
			name: String(row.NAME ?? `List ${String(row.ID)}`),
			value: String(row.ID),
			description: `List ${String(row.ID)}${row.CODE ? ` (${String(row.CODE)})` : ''}`,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** Universal lists: lists, their fields, sections and elements (lists.*). */
export const listsArea: Area = {
	resources: [
		methodResource(listSpec),
		methodResource({ ...listFieldSpec, first: 'getAll' }),
		methodResource({ ...listSectionSpec, first: 'getAll' }),
		withElementExtras(methodResource(listElementSpec)),
	],
	loadOptions: { getListsLists },
	resourceMapping: listsResourceMapping,
};
