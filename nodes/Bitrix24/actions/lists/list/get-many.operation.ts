import type { INodeProperties } from 'n8n-workflow';

import { methodOperation } from '../../method-table/build';
import type { MethodSpec } from '../../method-table/spec';
import type { OperationEntry } from '../../types';
import { withDescriptions } from '../../types';
import { iblockTypeId, socnetGroupId } from '../common';

const spec: MethodSpec = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many lists',
	description: 'List the lists of a type the user may read (lists.get)',
	method: 'lists.get',
	params: [iblockTypeId, socnetGroupId],
	// lists.get sorts by IBLOCK_ORDER and has no filter and no select
	list: {
		rowsAt: [],
		idKey: 'ID',
		paging: 'offset',
		orderParam: 'IBLOCK_ORDER',
		selectParam: false,
	},
};

const operation = methodOperation('listsList', spec);

/** The table's list row without the Filter option lists.get has no use for. */
function withoutFilter(properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) =>
		(property.name === 'additionalFields' || property.name === 'options') &&
		property.type === 'collection'
			? {
					...property,
					options: (property.options as INodeProperties[]).filter(
						(option) => option.name !== 'filterJson',
					),
				}
			: property,
	);
}

export const getManyLists: OperationEntry = {
	value: spec.value,
	name: spec.name,
	action: spec.action,
	description: spec.description,
	operation: withDescriptions(operation, withoutFilter),
};
