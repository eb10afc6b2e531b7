import type {
	IDataObject,
	IExecuteFunctions,
	INodeParameterResourceLocator,
	ResourceMapperValue,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FilterRow } from './filter-row';
import { filterEntry } from './filter-row';

/** Every message names the parameter and the item, as users see them in the editor. */
export function paramError(
	ctx: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	problem: string,
) {
	return new NodeOperationError(
		ctx.getNode(),
		`Parameter "${parameter}" of item ${itemIndex}: ${problem}`,
		{
			itemIndex,
		},
	);
}

/**
 * A JSON parameter's value (typed text, or already parsed by an expression). `object`: must be
 * a JSON object, empty meaning `{}`; `array`: a list, empty meaning `[]`; `any`: whatever it is.
 */
export function parseJsonParam(
	ctx: IExecuteFunctions,
	raw: unknown,
	label: string,
	itemIndex: number,
	kind: 'object',
): IDataObject;
export function parseJsonParam(
	ctx: IExecuteFunctions,
	raw: unknown,
	label: string,
	itemIndex: number,
	kind: 'array',
): unknown[];
export function parseJsonParam(
	ctx: IExecuteFunctions,
	raw: unknown,
	label: string,
	itemIndex: number,
	kind: 'any',
): unknown;
export function parseJsonParam(
	ctx: IExecuteFunctions,
	raw: unknown,
	label: string,
	itemIndex: number,
	kind: 'object' | 'array' | 'any',
): unknown {
	const empty =
		raw === '' ||
		raw === undefined ||
		raw === null ||
		(typeof raw === 'string' && raw.trim() === '');
	if (empty) return kind === 'array' ? [] : kind === 'object' ? {} : raw;
	let value: unknown = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw) as unknown;
		} catch (error) {
			throw paramError(ctx, itemIndex, label, `is not valid JSON (${(error as Error).message})`);
		}
	}
	if (kind === 'object' && (!value || typeof value !== 'object' || Array.isArray(value))) {
		throw paramError(ctx, itemIndex, label, 'must be a JSON object, e.g. {"TITLE": "New deal"}');
	}
	if (kind === 'array' && !Array.isArray(value))
		throw paramError(ctx, itemIndex, label, 'must be a JSON list, e.g. [1, 2]');
	return value;
}

export function readJsonObject(
	ctx: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): IDataObject {
	return parseJsonParam(
		ctx,
		ctx.getNodeParameter(name, itemIndex, {}) as unknown,
		label,
		itemIndex,
		'object',
	);
}

/** An ID typed in or picked (a resource locator's value): a positive whole number, or the item fails naming the parameter. */
export function readPositiveId(
	ctx: IExecuteFunctions,
	raw: unknown,
	label: string,
	itemIndex: number,
): number {
	const value =
		typeof raw === 'object' && raw !== null && 'value' in raw
			? (raw as INodeParameterResourceLocator).value
			: raw;
	const text = String(value ?? '').trim();
	if (!/^\d+$/.test(text) || Number(text) <= 0 || !Number.isSafeInteger(Number(text))) {
		throw paramError(ctx, itemIndex, label, `"${text}" is not an ID (a positive whole number)`);
	}
	return Number(text);
}

/** A typed-in value: JSON arrays and objects are sent as such, everything else as text. */
export function parseValue(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const text = value.trim();
	if (
		(text.startsWith('[') && text.endsWith(']')) ||
		(text.startsWith('{') && text.endsWith('}'))
	) {
		try {
			return JSON.parse(text) as unknown;
		} catch {
			return value;
		}
	}
	return value;
}

/**
 * The Fields mapping: the values set per field, or with "Map Automatically" the input item's
 * properties that are fields of the record. Empty values are left out.
 */
export function readFieldMapping(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const mapping = ctx.getNodeParameter(
		'fieldMapping',
		itemIndex,
		{},
	) as Partial<ResourceMapperValue>;
	let values: IDataObject = (mapping.value ?? {}) as IDataObject;
	if (mapping.mappingMode === 'autoMapInputData') {
		const known = new Set(
			(mapping.schema ?? []).filter((field) => !field.removed).map((field) => field.id),
		);
		const json = ctx.getInputData()[itemIndex]?.json ?? {};
		values = Object.fromEntries(Object.entries(json).filter(([key]) => known.has(key)));
	}
	const fields: IDataObject = {};
	for (const [key, value] of Object.entries(values)) {
		if (value === null || value === undefined || value === '') continue;
		fields[key] = parseValue(value) as IDataObject[keyof IDataObject];
	}
	return fields;
}

export function readRecordId(
	ctx: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): string {
	const raw = ctx.getNodeParameter(name, itemIndex, '', { extractValue: true }) as
		| string
		| number
		| INodeParameterResourceLocator;
	return String(readPositiveId(ctx, raw, label, itemIndex));
}

/** The Filters conditions as Bitrix24 reads them: operator prefix + field name (see filter-row.ts). */
export function readFilter(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const filters = ctx.getNodeParameter('filters', itemIndex, {}) as { conditions?: FilterRow[] };
	const filter: IDataObject = {};
	for (const condition of filters.conditions ?? []) {
		if (!(condition.field ?? '').trim())
			throw paramError(ctx, itemIndex, 'Filters', 'a condition has no field');
		const entry = filterEntry(condition, ctx.getTimezone());
		if ('problem' in entry) throw paramError(ctx, itemIndex, 'Filters', entry.problem);
		filter[entry.key] = entry.value as IDataObject[keyof IDataObject];
	}
	return filter;
}

export function readLimit(ctx: IExecuteFunctions, itemIndex: number): number {
	if (ctx.getNodeParameter('returnAll', itemIndex, false) as boolean)
		return Number.POSITIVE_INFINITY;
	const limit = ctx.getNodeParameter('limit', itemIndex, 50) as number;
	if (!Number.isInteger(limit) || limit < 1)
		throw paramError(ctx, itemIndex, 'Limit', 'must be a whole number of at least 1');
	return limit;
}

export function readOrder(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const field = typeof options.orderBy === 'string' ? options.orderBy.trim() : '';
	if (!field) return {};
	return { [field]: options.orderDirection === 'DESC' ? 'DESC' : 'ASC' };
}

export function readSelect(ctx: IExecuteFunctions, itemIndex: number): string[] {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const select = options.select;
	if (Array.isArray(select)) return select.map(String).filter(Boolean);
	if (typeof select === 'string' && select.trim())
		return select.split(',').map((part) => part.trim());
	return [];
}

/** Takes a parameter out of a call's parameters (it only steered the node) and returns its value. */
export function takeParam(params: IDataObject, key: string): unknown {
	const value = params[key];
	delete params[key];
	return value;
}

/** The node version the workflow was saved with: version 1 keeps its released behaviour. */
export function nodeVersion(ctx: IExecuteFunctions): number {
	return ctx.getNode().typeVersion ?? 1;
}
