import type { ParamSpec, MethodSpec } from '../method-table/spec';
import { changed, deleted, mergeOtherFields, otherFields } from '../catalog/fields';

/**
 * What the sale tables share. The sale methods take camelCase `fields` as the catalog's do, so
 * Other Fields (JSON), its merge and the delete answer are the catalog's.
 */
export { deleted, mergeOtherFields, otherFields };

/**
 * Other Fields merged, then an update with nothing to change fails the item instead of sending
 * an empty `fields` (the pages answer code 100 to that); `keys` are fields the row always sends.
 */
export function changedFields(keys: string[] = []): NonNullable<MethodSpec['adjust']> {
	return (ctx, itemIndex, params) =>
		changed(ctx, itemIndex, mergeOtherFields(ctx, itemIndex, params), keys);
}

/** A Y/N flag of a sale record, sent as the pages spell it. */
export function flag(name: string, label: string, path: string, description: string): ParamSpec {
	return { name, label, path, type: 'yesNo', default: false, description };
}
