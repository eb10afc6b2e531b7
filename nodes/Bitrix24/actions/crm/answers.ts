import type { IDataObject } from 'n8n-workflow';

import type { MethodSpec } from '../method-table/spec';

/**
 * How the CRM's activities, timeline comments, pipelines and stages answer, as the `shape` of a
 * table row: what `output` cannot say (an id as text, a flag next to the sent id).
 */
type Shape = NonNullable<MethodSpec['shape']>;

/** `{ID: "12"}` after an add, as the node's other old-API resources answer. */
export const createdId: Shape = (_ctx, result): IDataObject => ({ ID: String(result) });

/** `{ID, updated|deleted: true}` after an update or delete that answers `true` / `null` / the id. */
export const done =
	(flag: 'updated' | 'deleted', idParam = 'id'): Shape =>
	(_ctx, result, params): IDataObject => ({
		ID: String(params[idParam]),
		[flag]: result !== false,
	});

/** `crm.*.fields` answers as one item per field. */
export const fieldList: Shape = (_ctx, result): IDataObject[] =>
	Object.entries((result ?? {}) as IDataObject).map(([name, meta]) => ({
		name,
		...(meta as IDataObject),
	}));
