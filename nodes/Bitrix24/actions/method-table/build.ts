import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { recordLocator } from '../../../shared/descriptions/locator';
import { returnAllOrLimit } from '../../../shared/descriptions/paging';
import type { Envelope, RestCall } from '../../../shared/transport';
import { bitrix24List } from '../../../shared/transport';
import { paramError, parseJsonParam, readLimit, readPositiveId } from '../params';
import type { CallOperation, Operation, OperationEntry, Resource, RunOperation } from '../types';
import type { MethodSpec, OutputSpec, ParamSpec, ResourceSpec } from './spec';

const EXTRA = 'extraParameters';

/** A parameter as the given node version shows and reads it (version 2's picker, see `ParamSpec.v2`). */
export function forVersion(spec: ParamSpec, version: number): ParamSpec {
	return version >= 2 && spec.v2 ? { ...spec, ...spec.v2 } : spec;
}

/** The editor field of a table parameter. */
export function paramProperty(spec: ParamSpec): INodeProperties {
	if (spec.locator) {
		return {
			...recordLocator({
				displayName: spec.label,
				name: spec.name,
				...spec.locator,
				inCollection: !spec.required,
			}),
			required: spec.required,
			description: spec.description,
		};
	}
	const base = {
		displayName: spec.label,
		name: spec.name,
		description: spec.description,
		placeholder: spec.placeholder,
		required: spec.required,
	};
	switch (spec.type) {
		case 'number':
			return { ...base, type: 'number', default: (spec.default as number) ?? 0 };
		case 'boolean':
		case 'yesNo':
			return {
				...base,
				type: 'boolean',
				default: (spec.default as boolean) ?? false,
				description: spec.description ?? `Whether to ${spec.label.toLowerCase()}`,
			};
		case 'dateTime':
			return { ...base, type: 'dateTime', default: '' };
		case 'options':
			return spec.loadOptionsMethod
				? {
						...base,
						type: 'options',
						typeOptions: {
							loadOptionsMethod: spec.loadOptionsMethod,
							loadOptionsDependsOn: spec.loadOptionsDependsOn,
						},
						default: (spec.default as string) ?? '',
					}
				: {
						...base,
						type: 'options',
						options: spec.options ?? [],
						default: spec.default ?? spec.options?.[0]?.value ?? '',
					};
		case 'json':
			return { ...base, type: 'json', default: (spec.default as string) ?? '{}' };
		case 'text':
			return {
				...base,
				type: 'string',
				typeOptions: { rows: 4 },
				default: (spec.default as string) ?? '',
			};
		case 'multiField':
			return { ...base, type: 'string', default: '' };
		case 'userList':
			return {
				...base,
				type: 'multiOptions',
				typeOptions: {
					loadOptionsMethod: spec.loadOptionsMethod ?? 'getUsers',
					loadOptionsDependsOn: spec.loadOptionsDependsOn,
				},
				default: [],
			};
		default:
			return { ...base, type: 'string', default: (spec.default as string) ?? '' };
	}
}

function setPath(target: IDataObject, path: string, value: unknown): void {
	const keys = path.split('.');
	let node = target;
	for (const key of keys.slice(0, -1)) {
		if (!node[key] || typeof node[key] !== 'object') node[key] = {};
		node = node[key] as IDataObject;
	}
	node[keys[keys.length - 1]] = value as IDataObject[keyof IDataObject];
}

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || value === '';
}

/**
 * A picked value (a resource locator's, also inside Additional Fields, where n8n does not
 * extract it) as the text it holds, a URL read by the locator's pattern; other values as they are.
 */
function pickedValue(
	ctx: IExecuteFunctions,
	spec: ParamSpec,
	value: unknown,
	itemIndex: number,
): unknown {
	if (!spec.locator || !value || typeof value !== 'object' || !('mode' in value)) return value;
	const picked = value as { mode?: string; value?: unknown };
	let text = picked.value;
	const urlPattern = spec.locator.urlPattern;
	if (picked.mode === 'url' && urlPattern && typeof text === 'string') {
		const match = new RegExp(urlPattern).exec(text);
		if (!match) throw paramError(ctx, itemIndex, spec.label, `"${text}" is not a link to it`);
		text = match[1] ?? match[0];
	}
	if (isEmpty(text))
		throw paramError(ctx, itemIndex, spec.label, spec.required ? 'is required' : 'is empty');
	return text;
}

/** A user's value as Bitrix24 wants it; bad values fail with the parameter's label and the item. */
export function paramValue(
	ctx: IExecuteFunctions,
	param: ParamSpec,
	raw: unknown,
	itemIndex: number,
): unknown {
	const spec = forVersion(param, ctx.getNode().typeVersion ?? 1);
	const value = pickedValue(ctx, spec, raw, itemIndex);
	switch (spec.type) {
		case 'number': {
			const number = Number(value);
			if (!Number.isFinite(number))
				throw paramError(ctx, itemIndex, spec.label, `"${String(value)}" is not a number`);
			return number;
		}
		case 'yesNo':
			return value === true || value === 'Y' || value === 'true' ? 'Y' : 'N';
		case 'boolean':
			return value === true || value === 'true' || value === 'Y';
		case 'id':
			return readPositiveId(ctx, value, spec.label, itemIndex);
		case 'idList':
		case 'userList': {
			const parts = Array.isArray(value) ? value : String(value).split(',');
			const ids = parts.map((part) => String(part).trim()).filter(Boolean);
			if (ids.some((part) => !/^\d+$/.test(part))) {
				throw paramError(ctx, itemIndex, spec.label, 'give IDs separated by commas, e.g. 1, 5, 12');
			}
			return ids.map(Number);
		}
		case 'json':
			return parseJsonParam(ctx, value, spec.label, itemIndex, 'any');
		case 'multiField':
			return [{ VALUE: String(value), VALUE_TYPE: 'WORK' }];
		default:
			return spec.pattern ? matchPattern(ctx, spec, value, itemIndex) : value;
	}
}

function matchPattern(
	ctx: IExecuteFunctions,
	spec: ParamSpec,
	value: unknown,
	itemIndex: number,
): string {
	const pattern = spec.pattern!;
	const text = pattern.lowerCase ? String(value).trim().toLowerCase() : String(value).trim();
	if (!pattern.match.test(text))
		throw paramError(ctx, itemIndex, spec.label, `"${String(value)}" ${pattern.hint}`);
	return text;
}

function readJson(
	ctx: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): IDataObject {
	return parseJsonParam(ctx, value, label, itemIndex, 'object');
}

/** The call's parameters in the order the table gives them (positional methods depend on it). */
export function readParams(
	ctx: IExecuteFunctions,
	spec: MethodSpec,
	itemIndex: number,
): IDataObject {
	const params: IDataObject = { ...(spec.fixed ?? {}) };
	const additional = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	for (const param of spec.params) {
		const raw = param.required
			? ctx.getNodeParameter(
					param.name,
					itemIndex,
					undefined,
					param.locator ? { extractValue: true } : undefined,
				)
			: param.locator && additional[param.name] !== undefined
				? // a picked record inside the collection: its ID (a URL's too); a plain saved ID as it is
					ctx.getNodeParameter(`additionalFields.${param.name}`, itemIndex, undefined, {
						extractValue: true,
					})
				: additional[param.name];
		if (param.required && isEmpty(raw))
			throw paramError(ctx, itemIndex, param.label, 'is required');
		if (isEmpty(raw)) continue;
		setPath(params, param.path, paramValue(ctx, param, raw, itemIndex));
	}
	if (!spec.positional) {
		for (const [key, value] of Object.entries(
			readJson(ctx, additional[EXTRA], 'Extra Parameters (JSON)', itemIndex),
		)) {
			params[key] = value;
		}
	}
	return params;
}

export function shapeOutput(
	result: unknown,
	output: OutputSpec = {},
	params: IDataObject = {},
): IDataObject | IDataObject[] {
	let value = result;
	for (const key of output.at ?? [])
		value = value && typeof value === 'object' ? (value as IDataObject)[key] : undefined;
	const echo: IDataObject = {};
	for (const [key, name] of Object.entries(output.echo ?? {})) echo[key] = params[name];
	if (Array.isArray(value) && output.split) {
		return value.map((entry) =>
			entry && typeof entry === 'object' && !Array.isArray(entry)
				? { ...echo, ...(entry as IDataObject) }
				: { ...echo, value: entry as IDataObject },
		);
	}
	if (value && typeof value === 'object' && !Array.isArray(value))
		return { ...echo, ...(value as IDataObject) };
	return { ...echo, [output.as ?? 'result']: value as IDataObject };
}

function description(resource: string, spec: MethodSpec, version = 1): INodeProperties[] {
	const shown = spec.params.map((param) => forVersion(param, version));
	const required = shown.filter((param) => param.required).map((param) => paramProperty(param));
	const optional = shown.filter((param) => !param.required).map((param) => paramProperty(param));
	if (!spec.positional) {
		optional.push({
			displayName: 'Extra Parameters (JSON)',
			name: EXTRA,
			type: 'json',
			default: '{}',
			description: `More parameters of ${spec.method} as a JSON object, merged into the call`,
		});
	}
	const properties: INodeProperties[] = [...required];
	if (spec.list) {
		properties.push(...returnAllOrLimit);
		if (spec.list.filterParam !== undefined || spec.list.paging !== 'single') {
			optional.push(
				{
					displayName: 'Filter (JSON)',
					name: 'filterJson',
					type: 'json',
					default: '{}',
					description: 'Bitrix24 filter, e.g. {">ID": 10, "%TITLE": "report"}',
				},
				{
					displayName: 'Order (JSON)',
					name: 'orderJson',
					type: 'json',
					default: '{}',
					description:
						'Sorting, e.g. {"ID": "DESC"}; anything but the ID ascending pages more slowly',
				},
			);
			if (spec.list.selectParam !== false) {
				optional.push({
					displayName: 'Select',
					name: 'selectFields',
					type: 'string',
					default: '',
					description: 'Fields to return, separated by commas; empty returns the defaults',
				});
			}
		}
	}
	if (optional.length) {
		properties.push({
			displayName: spec.list ? 'Options' : 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: spec.list ? 'Add Option' : 'Add Field',
			default: {},
			options: optional.sort((a, b) => a.displayName.localeCompare(b.displayName)),
		});
	}
	return updateDisplayOptions(
		{ show: { resource: [resource], operation: [spec.value] } },
		properties,
	);
}

/** The parameters of one item's call: as the table reads them, then the spec's own touch. */
async function planParams(
	ctx: IExecuteFunctions,
	spec: MethodSpec,
	itemIndex: number,
): Promise<IDataObject> {
	const params = readParams(ctx, spec, itemIndex);
	return spec.adjust ? await spec.adjust(ctx, itemIndex, params) : params;
}

/** Version 1's parameters of a row, and version 2's where they differ (its pickers). */
function descriptions(resource: string, spec: MethodSpec) {
	const v1 = description(resource, spec);
	if (!spec.params.some((param) => param.v2)) return { description: v1 };
	return { description: v1, v2Description: description(resource, spec, 2) };
}

function callOperation(resource: string, spec: MethodSpec): CallOperation {
	return {
		...descriptions(resource, spec),
		async plan(itemIndex): Promise<RestCall> {
			return { method: spec.method, params: await planParams(this, spec, itemIndex) };
		},
		shape(envelope: Envelope, itemIndex, call) {
			const params = call.params ?? {};
			return spec.shape
				? spec.shape(this, envelope.result, params, itemIndex)
				: shapeOutput(envelope.result, spec.output, params);
		},
	};
}

function listOperation(resource: string, spec: MethodSpec): RunOperation {
	const list = spec.list!;
	return {
		...descriptions(resource, spec),
		async run(itemIndex) {
			const params = await planParams(this, spec, itemIndex);
			const options = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
			const filter = readJson(this, options.filterJson, 'Filter (JSON)', itemIndex);
			const order = readJson(this, options.orderJson, 'Order (JSON)', itemIndex);
			const select =
				typeof options.selectFields === 'string'
					? options.selectFields
							.split(',')
							.map((s) => s.trim())
							.filter(Boolean)
					: [];
			const filterParam = list.filterParam ?? 'filter';
			const orderParam = list.orderParam ?? 'order';
			if (Object.keys(filter).length)
				params[filterParam] = { ...((params[filterParam] as IDataObject) ?? {}), ...filter };
			if (Object.keys(order).length) params[orderParam] = order;
			if (select.length && list.selectParam !== false)
				params[list.selectParam ?? 'select'] = select;
			const limit = readLimit(this, itemIndex);
			const rows = await bitrix24List(
				this,
				{
					method: spec.method,
					params,
					paging: list.paging,
					rowsAt: list.rowsAt,
					idKey: list.idKey,
					filterIdKey: list.filterIdKey,
					filterKey: filterParam,
					orderKey: orderParam,
				},
				limit,
				itemIndex,
			);
			const shape = spec.shape;
			if (shape)
				return rows.flatMap((row): IDataObject[] =>
					([] as IDataObject[]).concat(shape(this, row, params, itemIndex)),
				);
			return rows.map(
				(row) => shapeOutput(row, { echo: spec.output?.echo }, params) as IDataObject,
			);
		},
	};
}

export function methodOperation(resource: string, spec: MethodSpec): Operation {
	return spec.list ? listOperation(resource, spec) : callOperation(resource, spec);
}

/** A table row as an entry of the Operation dropdown. */
export function methodEntry(resource: string, method: MethodSpec): OperationEntry {
	return {
		value: method.value,
		name: method.name,
		action: method.action,
		description: method.description,
		operation: methodOperation(resource, method),
	};
}

/** A resource from its table (and hand-written operations): `first` first, the rest in alphabetical order. */
export function methodResource(spec: ResourceSpec): Resource {
	const operations: OperationEntry[] = [
		...spec.methods.map((method) => methodEntry(spec.value, method)),
		...(spec.operations ?? []),
	].sort((a, b) =>
		a.value === spec.first ? -1 : b.value === spec.first ? 1 : a.name.localeCompare(b.name),
	);
	return { value: spec.value, name: spec.name, description: spec.description, operations };
}
