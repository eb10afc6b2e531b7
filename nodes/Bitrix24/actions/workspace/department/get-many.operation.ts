import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../../shared/descriptions/paging';
import { bitrix24List } from '../../../../shared/transport';
import { readLimit } from '../../params';
import type { OperationEntry } from '../../types';

/** department.get takes its filter as top-level parameters and its order as two strings. */
export const departmentGetMany: OperationEntry = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many departments',
	description: 'List departments (department.get)',
	operation: {
		description: updateDisplayOptions(
			{ show: { resource: ['department'], operation: ['getAll'] } },
			[
				...returnAllOrLimit,
				{
					displayName: 'Filters',
					name: 'filters',
					type: 'collection',
					placeholder: 'Add Filter',
					default: {},
					options: [
						{ displayName: 'Head User ID', name: 'headId', type: 'number', default: 0 },
						{
							displayName: 'Name',
							name: 'name',
							type: 'string',
							default: '',
							description: 'The full name of the department',
						},
						{ displayName: 'Parent Department ID', name: 'parentId', type: 'number', default: 0 },
						{
							displayName: 'Sort By',
							name: 'sort',
							type: 'options',
							options: ['ID', 'NAME', 'SORT', 'PARENT', 'UF_HEAD'].map((f) => ({
								name: f,
								value: f,
							})),
							default: 'SORT',
						},
						{
							displayName: 'Sort Direction',
							name: 'order',
							type: 'options',
							options: [
								{ name: 'Ascending', value: 'ASC' },
								{ name: 'Descending', value: 'DESC' },
							],
							default: 'ASC',
						},
					],
				},
			],
		),
		async run(itemIndex) {
			const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
			const params: IDataObject = {};
			if (typeof filters.name === 'string' && filters.name) params.NAME = filters.name;
			if (typeof filters.parentId === 'number' && filters.parentId > 0)
				params.PARENT = filters.parentId;
			if (typeof filters.headId === 'number' && filters.headId > 0) params.UF_HEAD = filters.headId;
			if (filters.sort) {
				params.sort = filters.sort;
				params.order = filters.order === 'DESC' ? 'DESC' : 'ASC';
			}
			const limit = readLimit(this, itemIndex);
			return await bitrix24List(
				this,
				{ method: 'department.get', params, rowsAt: [], idKey: 'ID', paging: 'offset' },
				limit,
				itemIndex,
			);
		},
	},
};
