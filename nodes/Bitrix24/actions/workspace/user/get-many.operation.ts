import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { bitrix24List } from '../../../../shared/transport';
import { parseJsonParam, readLimit } from '../../params';
import type { OperationEntry } from '../../types';
import { userListOptions } from '../user-list-options';

const filterOptions: INodeProperties[] = [
	{
		displayName: 'Active Only',
		name: 'activeOnly',
		type: 'boolean',
		default: true,
		description: 'Whether to leave out dismissed users',
	},
	{
		displayName: 'Department ID',
		name: 'departmentId',
		type: 'number',
		default: 0,
		description: 'Only users of this department',
	},
	{
		displayName: 'Filter (JSON)',
		name: 'filterJson',
		type: 'json',
		default: '{}',
		description:
			'More conditions with Bitrix24 prefixes, e.g. {"%LAST_NAME": "smi", "USER_TYPE": "employee"}',
	},
];

function readUserFilter(
	ctx: IExecuteFunctions,
	itemIndex: number,
): { filter: IDataObject; options: IDataObject } {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const filter: IDataObject = {
		...parseJsonParam(ctx, options.filterJson, 'Filter (JSON)', itemIndex, 'object'),
	};
	if (options.activeOnly !== false) filter.ACTIVE = true;
	if (typeof options.departmentId === 'number' && options.departmentId > 0)
		filter.UF_DEPARTMENT = options.departmentId;
	return { filter, options };
}

/**
 * user.get takes its order as two strings (`sort`, `order`), not as an object: the transport's
 * fast walk (ID order, `>ID`, `start=-1`, 50 pages a batch) gets user.get's own page parameters.
 */
async function walkUsers(
	ctx: IExecuteFunctions,
	base: IDataObject,
	filter: IDataObject,
	limit: number,
	itemIndex: number,
): Promise<IDataObject[]> {
	const rest = { ...filter };
	delete rest['>ID'];
	return await bitrix24List(
		ctx,
		{
			method: 'user.get',
			params: base,
			rowsAt: [],
			idKey: 'ID',
			startAfter: filter['>ID'] ?? 0,
			pageAfter: (after) => ({
				...base,
				FILTER: { ...rest, '>ID': after },
				sort: 'ID',
				order: 'ASC',
				start: -1,
			}),
		},
		limit,
		itemIndex,
	);
}

/** Users matching a filter: walked by ID when so ordered, else page by page. */
export const userGetMany: OperationEntry = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many users',
	description: 'List users matching a filter (user.get)',
	operation: {
		description: userListOptions('getAll', [], filterOptions),
		async run(itemIndex) {
			const { filter, options } = readUserFilter(this, itemIndex);
			const limit = readLimit(this, itemIndex);
			const sort = typeof options.sort === 'string' ? options.sort.trim() : '';
			const byId = !sort || (sort.toUpperCase() === 'ID' && options.order !== 'DESC');
			if (byId) return await walkUsers(this, {}, filter, limit, itemIndex);
			const params: IDataObject = {
				FILTER: filter,
				sort,
				order: options.order === 'DESC' ? 'DESC' : 'ASC',
			};
			return await bitrix24List(
				this,
				{ method: 'user.get', params, rowsAt: [], idKey: 'ID', paging: 'offset' },
				limit,
				itemIndex,
			);
		},
	},
};
