import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { paramError } from '../params';

/** An update with nothing in `fields` would answer success and change nothing: the item fails instead. */
export function requireChangedFields(
	ctx: IExecuteFunctions,
	itemIndex: number,
	params: IDataObject,
): IDataObject {
	if (Object.keys((params.fields as IDataObject) ?? {}).length === 0) {
		throw paramError(ctx, itemIndex, 'Additional Fields', 'choose at least one field to change');
	}
	return params;
}
