/** The list requests of a poll: the window since the cursor, the starting point, the latest few. */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ListRequest } from '../shared/transport';
import { bitrix24List, PAGE_SIZE } from '../shared/transport';
import type { RecordType, TimestampField } from './record-types';
import { recordType } from './record-types';

export interface PollSettings {
	type: RecordType;
	event: 'new' | 'newOrUpdated';
	/** the timestamp the event watches */
	field: TimestampField;
	entityTypeId?: number;
	filter: IDataObject;
	simplify: boolean;
	/** what is watched; the cursor of another watch does not carry over */
	watch: string;
}

function customFilter(ctx: IPollFunctions, raw: unknown): IDataObject {
	if (raw === undefined || raw === null || raw === '') return {};
	let value: unknown = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw) as unknown;
		} catch (error) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Parameter "Custom Filter (JSON)" is not valid JSON: ${(error as Error).message}`,
			);
		}
	}
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		throw new NodeOperationError(
			ctx.getNode(),
			'Parameter "Custom Filter (JSON)" must be a JSON object such as { "STAGE_ID": "NEW" }',
		);
	}
	return value as IDataObject;
}

export function readSettings(ctx: IPollFunctions): PollSettings {
	const type = recordType(String(ctx.getNodeParameter('record', 'deal')));
	const event = ctx.getNodeParameter('event', 'new') === 'newOrUpdated' ? 'newOrUpdated' : 'new';
	const filters = (ctx.getNodeParameter('filters', {}) ?? {}) as IDataObject;
	const filter: IDataObject = { ...customFilter(ctx, filters.custom) };
	if (filters.responsibleId !== undefined && filters.responsibleId !== '')
		filter[type.responsible] = filters.responsibleId;
	if (type.value === 'deal' && filters.categoryId !== undefined && filters.categoryId !== '')
		filter.CATEGORY_ID = filters.categoryId;
	let entityTypeId: number | undefined;
	if (type.value === 'item') {
		entityTypeId = Number(ctx.getNodeParameter('entityTypeId', ''));
		if (!Number.isInteger(entityTypeId) || entityTypeId <= 0) {
			throw new NodeOperationError(
				ctx.getNode(),
				'Parameter "Entity Type" is not an ID (a positive whole number)',
				{
					description: 'Choose the smart process or CRM type to watch.',
				},
			);
		}
	}
	return {
		type,
		event,
		field: event === 'new' ? type.created : type.updated,
		entityTypeId,
		filter,
		simplify: ctx.getNodeParameter('simplify', false) === true,
		watch: [type.value, event, entityTypeId ?? ''].join(':'),
	};
}

function baseParams(settings: PollSettings): IDataObject {
	return settings.entityTypeId === undefined ? {} : { entityTypeId: settings.entityTypeId };
}

function selectOf(settings: PollSettings): IDataObject {
	const select = settings.simplify ? settings.type.simpleSelect : settings.type.fullSelect;
	return select ? { select } : {};
}

function request(
	settings: PollSettings,
	params: IDataObject,
	paging: ListRequest['paging'],
): ListRequest {
	const { type } = settings;
	return {
		method: type.method,
		params,
		rowsAt: type.rowsAt,
		idKey: type.idKey,
		filterIdKey: type.filterIdKey,
		paging,
	};
}

/**
 * Every record stamped at or after `since` (and matching the user's filter), walked by ID without
 * counting. Most polls find a few rows: the first page goes alone, and only a full one is followed
 * by the rest (the transport then batches 50 pages a request, starting after its last ID).
 */
export async function recordsSince(
	ctx: IPollFunctions,
	settings: PollSettings,
	since: string,
): Promise<IDataObject[]> {
	const filter: IDataObject = { ...settings.filter, [`>=${settings.field.filter}`]: since };
	const params: IDataObject = { ...baseParams(settings), filter, ...selectOf(settings) };
	const transport = ctx;
	const rows = await bitrix24List(transport, request(settings, params, 'id'), PAGE_SIZE);
	if (rows.length < PAGE_SIZE) return rows;
	const after = rows[rows.length - 1][settings.type.idKey];
	const afterKey = `>${settings.type.filterIdKey ?? settings.type.idKey}`;
	const rest = await bitrix24List(
		transport,
		request(settings, { ...params, filter: { ...filter, [afterKey]: after } }, 'id'),
	);
	return [...rows, ...rest];
}

/** The `count` records with the latest given timestamp, newest first, in one uncounted call. */
export async function latestRecords(
	ctx: IPollFunctions,
	settings: PollSettings,
	field: TimestampField,
	count: number,
	opts: { filter: boolean; select: IDataObject },
): Promise<IDataObject[]> {
	const idFilterKey = settings.type.filterIdKey ?? settings.type.idKey;
	const params: IDataObject = {
		...baseParams(settings),
		...(opts.filter ? { filter: settings.filter } : {}),
		order: { [field.filter]: 'DESC', [idFilterKey]: 'DESC' },
		...opts.select,
		start: -1,
	};
	return await bitrix24List(ctx, request(settings, params, 'single'), count);
}

/** Selects only the id and one timestamp (tasks spell select names as filters do). */
export function idAndTimestamp(settings: PollSettings, field: TimestampField): IDataObject {
	const { type } = settings;
	return { select: [type.filterIdKey ?? type.idKey, field.filter] };
}

export { selectOf };
