import type { IDataObject } from 'n8n-workflow';

import { shapeOutput } from '../method-table/build';
import type { MethodSpec } from '../method-table/spec';

/**
 * A file's DOWNLOAD_URL carries the caller's access: the OAuth access token (`auth=`) or the
 * incoming webhook's secret path. It never goes into an output item; the Download operation
 * fetches the file with the credential instead.
 */
export function withoutDownloadUrl(object: IDataObject): IDataObject {
	const rest: IDataObject = {};
	for (const [key, value] of Object.entries(object)) if (key !== 'DOWNLOAD_URL') rest[key] = value;
	return rest;
}

/**
 * A Drive table whose every row makes its items as it would, then drops their download links.
 * Applied to the whole table so that a new row cannot forget it.
 */
export function withoutDownloadUrls(methods: MethodSpec[]): MethodSpec[] {
	return methods.map((method) => ({
		...method,
		shape(ctx, result, params, itemIndex) {
			const items = method.shape
				? method.shape(ctx, result, params, itemIndex)
				: shapeOutput(result, method.list ? { echo: method.output?.echo } : method.output, params);
			return Array.isArray(items) ? items.map(withoutDownloadUrl) : withoutDownloadUrl(items);
		},
	}));
}
