import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { MethodSpec, ParamSpec } from '../method-table/spec';
import { paramError, takeParam } from '../params';

/** What the sale tables share: more fields as JSON, the update check, the delete answer. */

export function otherFields(example: string): ParamSpec {
	return {
		name: 'otherFields',
		label: 'Other Fields (JSON)',
		path: 'otherFields',
		type: 'json',
		description: `More fields as a JSON object (camelCase names), e.g. ${example}`,
	};
}

/** Merges Other Fields (JSON) into `fields`; the table's own fields win. */
export function mergeOtherFields(
	_ctx: IExecuteFunctions,
	_itemIndex: number,
	params: IDataObject,
): IDataObject {
	const extra = takeParam(params, 'otherFields');
	if (extra && typeof extra === 'object' && !Array.isArray(extra))
		params.fields = { ...(extra as IDataObject), ...((params.fields as IDataObject) ?? {}) };
	return params;
}

/**
 * An update with nothing to change fails the item instead of sending an empty `fields` (the
 * pages answer code 100 to that); `keys` are fields the row always sends.
 */
export function changedFields(keys: string[] = []): NonNullable<MethodSpec['adjust']> {
	return (ctx, itemIndex, params) => {
		const merged = mergeOtherFields(ctx, itemIndex, params);
		const fields = (merged.fields ?? {}) as IDataObject;
		if (Object.keys(fields).filter((key) => !keys.includes(key)).length === 0)
			throw paramError(ctx, itemIndex, 'Additional Fields', 'choose at least one field to change');
		return merged;
	};
}

/** `{ID, deleted}` after a delete that answers `true`, as the node's other resources answer. */
export const deleted: NonNullable<MethodSpec['shape']> = (_ctx, result, params) => ({
	ID: String(params.id),
	deleted: result !== false,
});

/** A Y/N flag of a sale record, sent as the pages spell it. */
export function flag(name: string, label: string, path: string, description: string): ParamSpec {
	return { name, label, path, type: 'yesNo', default: false, description };
}
