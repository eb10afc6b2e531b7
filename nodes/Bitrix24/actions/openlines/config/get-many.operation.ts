import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../../shared/descriptions/options';
import { returnAllOrLimit } from '../../../../shared/descriptions/paging';
import { bitrix24List } from '../../../../shared/transport';
import { parseJsonParam, readLimit } from '../../params';
import type { OperationEntry } from '../../types';

/**
 * imopenlines.config.list.get takes its list parameters inside PARAMS (select, order, filter,
 * limit, offset) and answers no `next`: the transport walks it by `>ID` with the page built here.
 */
export const configGetMany: OperationEntry = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many open lines',
	description: 'List the open lines (imopenlines.config.list.get)',
	operation: {
		description: updateDisplayOptions(
			{ show: { resource: ['openLineConfig'], operation: ['getAll'] } },
			[
				...returnAllOrLimit,
				optionsCollection([
					{
						displayName: 'Filter (JSON)',
						name: 'filterJson',
						type: 'json',
						default: '{}',
						description: 'Filter on the line fields, e.g. {"ACTIVE": "Y"}',
					},
					{
						displayName: 'Include Queue',
						name: 'withQueue',
						type: 'boolean',
						default: false,
						description: "Whether to return the operators of each line's queue",
					},
					{
						displayName: 'Select',
						name: 'selectFields',
						type: 'string',
						default: '',
						placeholder: 'ID, LINE_NAME, ACTIVE',
						description: 'Fields to return, separated by commas; empty returns all',
					},
				]),
			],
		),
		async run(itemIndex) {
			const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			const filter = parseJsonParam(this, options.filterJson, 'Filter (JSON)', itemIndex, 'object');
			const select =
				typeof options.selectFields === 'string'
					? options.selectFields
							.split(',')
							.map((s) => s.trim())
							.filter(Boolean)
					: [];
			if (select.length && !select.some((field) => field.toUpperCase() === 'ID')) select.push('ID');
			const base: IDataObject = select.length ? { select } : {};
			const extra: IDataObject = options.withQueue === true ? { OPTIONS: { QUEUE: 'Y' } } : {};
			return await bitrix24List(
				this,
				{
					method: 'imopenlines.config.list.get',
					params: {},
					rowsAt: [],
					idKey: 'ID',
					pageAfter: (after, size) => ({
						PARAMS: {
							...base,
							filter: { ...filter, '>ID': after },
							order: { ID: 'ASC' },
							limit: size,
						},
						...extra,
					}),
				},
				readLimit(this, itemIndex),
				itemIndex,
			);
		},
	},
};
