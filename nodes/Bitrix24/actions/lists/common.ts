import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { MethodSpec, ParamSpec } from '../method-table/spec';

/** The information block types lists live in (IBLOCK_TYPE_ID of every lists.* method). */
export const iblockTypeId: ParamSpec = {
	name: 'iblockTypeId',
	label: 'List Type',
	path: 'IBLOCK_TYPE_ID',
	type: 'options',
	required: true,
	default: 'lists',
	options: [
		{ name: 'Lists', value: 'lists' },
		{ name: 'News Feed Processes', value: 'bitrix_processes' },
		{ name: 'Workgroup Lists', value: 'lists_socnet' },
	],
	description:
		"Where the list lives: the company's lists, processes in the news feed, or lists of a workgroup",
};

/** The list (IBLOCK_ID), picked from lists.get of the chosen type. */
export const iblockId: ParamSpec = {
	name: 'iblockId',
	label: 'List Name or ID',
	path: 'IBLOCK_ID',
	type: 'options',
	required: true,
	loadOptionsMethod: 'getListsLists',
	loadOptionsDependsOn: ['iblockTypeId'],
	description:
		'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	pattern: { match: /^\d+$/, hint: 'is not a list ID (a positive whole number)' },
};

/** Group lists can only be reached with their workgroup. */
export const socnetGroupId: ParamSpec = {
	name: 'socnetGroupId',
	label: 'Workgroup ID',
	path: 'SOCNET_GROUP_ID',
	type: 'id',
	description:
		'The workgroup of a group list (List Type "Workgroup Lists"); Bitrix24 refuses access without it',
};

/** The parameters every call on one list starts with. */
export const listAddress: ParamSpec[] = [iblockTypeId, iblockId, socnetGroupId];

/** A `get` by ID answers a list of rows: the one row, or the item fails saying what was not found. */
export function firstRow(what: string, idParam: string): NonNullable<MethodSpec['shape']> {
	return (ctx: IExecuteFunctions, result, params, itemIndex) => {
		const rows = Array.isArray(result)
			? result
			: result && typeof result === 'object'
				? Object.values(result)
				: [];
		if (!rows.length) {
			throw new NodeOperationError(
				ctx.getNode(),
				`${what} ${String(params[idParam])} was not found or you have no access to it`,
				{ itemIndex },
			);
		}
		return rows[0] as IDataObject;
	};
}
