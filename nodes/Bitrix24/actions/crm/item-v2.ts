import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { bitrix24Call } from '../../../shared/transport';

/**
 * Simplify of `crm.item` records (version 2): the fields people use, custom fields
 * (`ufCrm...`) under `customFields` by their titles, read once per execution and entity type.
 */
const ITEM_FIELDS = [
	'id',
	'title',
	'name',
	'lastName',
	'categoryId',
	'stageId',
	'opportunity',
	'currencyId',
	'companyId',
	'contactId',
	'contactIds',
	'assignedById',
	'sourceId',
	'begindate',
	'closedate',
	'createdTime',
	'updatedTime',
];

interface Titles {
	pending: Promise<Record<string, string>>;
	known?: Record<string, string>;
}

const cache = new WeakMap<object, Map<number, Titles>>();

export async function itemFieldTitles(
	ctx: IExecuteFunctions,
	entityTypeId: number,
): Promise<Record<string, string>> {
	let perRun = cache.get(ctx);
	if (!perRun) cache.set(ctx, (perRun = new Map()));
	let titles = perRun.get(entityTypeId);
	if (!titles) {
		const entry: Titles = {
			pending: bitrix24Call(ctx, 'crm.item.fields', { entityTypeId }).then((envelope) => {
				const fields = ((envelope.result as IDataObject)?.fields ?? {}) as IDataObject;
				const out: Record<string, string> = {};
				for (const [code, raw] of Object.entries(fields)) {
					if (!code.startsWith('ufCrm')) continue;
					const meta = (raw ?? {}) as IDataObject;
					out[code] = String(meta.title || meta.listLabel || meta.formLabel || code);
				}
				entry.known = out;
				return out;
			}),
		};
		titles = entry;
		perRun.set(entityTypeId, titles);
	}
	return await titles.pending;
}

export function itemTitlesRead(
	ctx: IExecuteFunctions,
	entityTypeId: number,
): Record<string, string> {
	return cache.get(ctx)?.get(entityTypeId)?.known ?? {};
}

export function simplifyItem(record: IDataObject, titles: Record<string, string>): IDataObject {
	const out: IDataObject = {};
	for (const key of ITEM_FIELDS) if (key in record) out[key] = record[key];
	const custom: IDataObject = {};
	for (const [key, value] of Object.entries(record)) {
		if (!key.startsWith('ufCrm')) continue;
		const title = titles[key] ?? key;
		custom[title in custom ? key : title] = value;
	}
	if (Object.keys(custom).length) out.customFields = custom;
	return out;
}
