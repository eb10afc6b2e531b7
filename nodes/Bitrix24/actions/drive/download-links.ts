import type { IDataObject } from 'n8n-workflow';

import type { Operation } from '../types';
import { isCallOperation } from '../types';

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

function clean(data: IDataObject | IDataObject[]): IDataObject | IDataObject[] {
	return Array.isArray(data) ? data.map(withoutDownloadUrl) : withoutDownloadUrl(data);
}

/** The same operation, its output items stripped of download links. */
export function withoutDownloadUrls(operation: Operation): Operation {
	if (isCallOperation(operation)) {
		return {
			description: operation.description,
			plan: operation.plan,
			shape(envelope, itemIndex, call) {
				return clean(operation.shape.call(this, envelope, itemIndex, call));
			},
		};
	}
	return {
		description: operation.description,
		async run(itemIndex) {
			return clean(await operation.run.call(this, itemIndex));
		},
	};
}
