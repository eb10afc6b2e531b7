import type { IDataObject } from 'n8n-workflow';

import { bitrix24List, PAGE_SIZE } from '../../../../shared/transport';
import { methodEntry, readParams } from '../../method-table/build';
import type { MethodSpec } from '../../method-table/spec';
import { readLimit } from '../../params';
import type { OperationEntry } from '../../types';
import { filter, TASKID } from '../positional-params';

const spec: MethodSpec = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many time records',
	description: 'List the time records of a task (task.elapseditem.getlist)',
	method: 'task.elapseditem.getlist',
	positional: true,
	params: [
		{
			...TASKID,
			required: false,
			description: 'Empty lists the records of every task you can see',
		},
		filter('{"USER_ID": 5} or {">=CREATED_DATE": "2024-01-01"}'),
	],
	list: { rowsAt: [], idKey: 'ID', paging: 'single' },
};

const generated = methodEntry('taskElapsedTime', spec);

/**
 * task.elapseditem.getlist(TASKID, ORDER, FILTER, SELECT, PARAMS) pages by NAV_PARAMS; walked the
 * fast way anyway: ID order, `>ID` filter, up to 50 pages per batch chained by `$result` references.
 */
export const getManyTimeRecords: OperationEntry = {
	...generated,
	operation: {
		description: generated.operation.description,
		v2Description: generated.operation.v2Description,
		async run(itemIndex) {
			const given = readParams(this, spec, itemIndex);
			const limit = readLimit(this, itemIndex);
			const baseFilter = { ...((given.FILTER as IDataObject | undefined) ?? {}) };
			const startAfter = baseFilter['>ID'] ?? 0;
			delete baseFilter['>ID'];
			return await bitrix24List(
				this,
				{
					method: spec.method,
					params: given,
					rowsAt: [],
					idKey: 'ID',
					startAfter,
					pageAfter: (after) => ({
						...(given.TASKID !== undefined ? { TASKID: given.TASKID } : {}),
						ORDER: { ID: 'asc' },
						FILTER: { ...baseFilter, '>ID': after },
						SELECT: ['*'],
						PARAMS: { NAV_PARAMS: { nPageSize: PAGE_SIZE, iNumPage: 1 } },
					}),
				},
				limit,
				itemIndex,
			);
		},
	},
};
