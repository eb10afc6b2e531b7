import type { IDataObject } from 'n8n-workflow';

import { bitrix24List } from '../../../../shared/transport';
import { paramError, readLimit } from '../../params';
import type { OperationEntry } from '../../types';
import { userListOptions } from '../user-list-options';

/** Users found by a search text (user.search pages by offset). */
export const userSearch: OperationEntry = {
	value: 'search',
	name: 'Search',
	action: 'Search users',
	description: 'Find users by name, department or job title (user.search)',
	operation: {
		description: userListOptions(
			'search',
			[
				{
					displayName: 'Search Text',
					name: 'query',
					type: 'string',
					required: true,
					default: '',
					description: 'Found in first name, last name, middle name, department name and job title',
				},
			],
			[],
		),
		async run(itemIndex) {
			const query = String(this.getNodeParameter('query', itemIndex, '')).trim();
			if (!query) throw paramError(this, itemIndex, 'Search Text', 'is required');
			const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			const params: IDataObject = { FILTER: { FIND: query } };
			const sort = typeof options.sort === 'string' ? options.sort.trim() : '';
			if (sort) {
				params.sort = sort;
				params.order = options.order === 'DESC' ? 'DESC' : 'ASC';
			}
			const limit = readLimit(this, itemIndex);
			return await bitrix24List(
				this,
				{ method: 'user.search', params, rowsAt: [], idKey: 'ID', paging: 'offset' },
				limit,
				itemIndex,
			);
		},
	},
};
