import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../../shared/descriptions/paging';
import { bitrix24List } from '../../../../shared/transport';
import { readLimit } from '../../params';
import type { OperationEntry } from '../../types';
import { accessCodes } from '../access-codes';
import { dateOnly } from '../date-only';

/** log.blogpost.get pages by `start`, newest first, following `next`. */
export const feedPostGetMany: OperationEntry = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many posts',
	description: "List the news feed posts the credential's user can see (log.blogpost.get)",
	operation: {
		description: updateDisplayOptions({ show: { resource: ['feedPost'], operation: ['getAll'] } }, [
			...returnAllOrLimit,
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				options: [
					{ displayName: 'Post ID', name: 'postId', type: 'number', default: 0 },
					{ displayName: 'Published After', name: 'publishedAfter', type: 'dateTime', default: '' },
					{
						displayName: 'Published Before',
						name: 'publishedBefore',
						type: 'dateTime',
						default: '',
					},
					{
						displayName: 'Recipients',
						name: 'recipients',
						type: 'string',
						default: '',
						placeholder: 'UA, DR2',
						description: 'Only posts addressed to one of these',
					},
				],
			},
		]),
		async run(itemIndex) {
			const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
			const params: IDataObject = {};
			if (typeof filters.postId === 'number' && filters.postId > 0) params.POST_ID = filters.postId;
			const rights = accessCodes(this, filters.recipients, 'Recipients', itemIndex);
			if (rights) params.LOG_RIGHTS = rights;
			// the dates are checked, but sent as picked: the method reads date and time
			const after = dateOnly(this, filters.publishedAfter, 'Published After', itemIndex);
			if (after) params.LOG_DATE_FROM = String(filters.publishedAfter);
			const before = dateOnly(this, filters.publishedBefore, 'Published Before', itemIndex);
			if (before) params.LOG_DATE_TO = String(filters.publishedBefore);
			return await bitrix24List(
				this,
				{ method: 'log.blogpost.get', params, rowsAt: [], idKey: 'ID', paging: 'offsetNext' },
				readLimit(this, itemIndex),
				itemIndex,
			);
		},
	},
};
