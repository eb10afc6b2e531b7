import type { IDataObject } from 'n8n-workflow';

import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { RECORD_OF_TYPE } from './locators';
import { listParam } from './pickers';

/**
 * crm.stagehistory.list: when leads, deals, invoices and smart-process items were created, moved
 * to a stage or to another pipeline. Rows answer under `items`, 50 a page by `start`.
 */

const entityTypeId: ParamSpec = listParam(
	'entityTypeId',
	'Entity Type Name or ID',
	'entityTypeId',
	'getEntityTypes',
	'The CRM type whose history to read: leads, deals, invoices or a smart process',
);

const ownerId: ParamSpec = {
	name: 'ownerId',
	label: 'Record',
	path: 'filter.OWNER_ID',
	type: 'id',
	description: 'Only the history of this record (of the Entity Type)',
	locator: RECORD_OF_TYPE,
};

const methods: MethodSpec[] = [
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many stage history entries',
		description:
			'List when records were created, moved to a stage or to another pipeline (crm.stagehistory.list)',
		method: 'crm.stagehistory.list',
		params: [entityTypeId, ownerId],
		// the type is an integer; a picked value or an expression may give it as text
		adjust: (_ctx, _itemIndex, params): IDataObject => ({
			...params,
			entityTypeId: Number(params.entityTypeId),
		}),
		list: { rowsAt: ['items'], idKey: 'ID', paging: 'offset' },
	},
];

export const stageHistorySpec: ResourceSpec = {
	value: 'crmStageHistory',
	name: 'CRM Stage History',
	description: 'The stage moves of leads, deals, invoices and smart-process items',
	methods,
};
