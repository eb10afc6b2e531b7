import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Envelope, RestCall } from '../../../shared/transport';
import { bitrix24List } from '../../../shared/transport';
import { nodeVersion, paramError, parseJsonParam, readLimit } from '../params';
import { descriptions, EXTRA, optionalCollection, simplified } from './describe';
import { isEmpty, paramValue, setPath } from './param-fields';
import { vocabularyAnswer } from './vocabulary';
import type { CallOperation, Operation, OperationEntry, Resource, RunOperation } from '../types';
import type { MethodSpec, OutputSpec, ResourceSpec } from './spec';

export { forVersion, paramProperty, paramValue, pickersSinceV2, releasedAs } from './param-fields';
export { optionalCollection, ORDER_V2, SIMPLIFY, simplifying } from './describe';

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
	const additional = ctx.getNodeParameter(
		optionalCollection(ctx, spec),
		itemIndex,
		{},
	) as IDataObject;
	for (const param of spec.params) {
		const raw = param.required
			? ctx.getNodeParameter(
					param.name,
					itemIndex,
					undefined,
					param.locator ? { extractValue: true } : undefined,
				)
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

/** The parameters of one item's call: as the table reads them, then the spec's own touch. */
async function planParams(
	ctx: IExecuteFunctions,
	spec: MethodSpec,
	itemIndex: number,
): Promise<IDataObject> {
	const params = readParams(ctx, spec, itemIndex);
	return spec.adjust ? await spec.adjust(ctx, itemIndex, params) : params;
}

function callOperation(resource: string, spec: MethodSpec): CallOperation {
	return {
		...descriptions(resource, spec),
		async plan(itemIndex): Promise<RestCall> {
			return { method: spec.method, params: await planParams(this, spec, itemIndex) };
		},
		shape(envelope: Envelope, itemIndex, call) {
			const params = call.params ?? {};
			if (nodeVersion(this) >= 2) {
				const answer = vocabularyAnswer(spec, envelope.result, params);
				if (answer) return answer;
			}
			return simplified(
				this,
				spec,
				itemIndex,
				spec.shape
					? spec.shape(this, envelope.result, params, itemIndex)
					: shapeOutput(envelope.result, spec.output, params),
			);
		},
	};
}

function listOperation(resource: string, spec: MethodSpec): RunOperation {
	const list = spec.list!;
	return {
		...descriptions(resource, spec),
		async run(itemIndex) {
			const params = await planParams(this, spec, itemIndex);
			const options = this.getNodeParameter(
				optionalCollection(this, spec),
				itemIndex,
				{},
			) as IDataObject;
			const filter = readJson(this, options.filterJson, 'Filter (JSON)', itemIndex);
			const order =
				typeof options.orderBy === 'string' && options.orderBy.trim()
					? { [options.orderBy.trim()]: options.orderDirection === 'DESC' ? 'DESC' : 'ASC' }
					: readJson(this, options.orderJson, 'Order (JSON)', itemIndex);
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
			const out = shape
				? rows.flatMap((row): IDataObject[] =>
						([] as IDataObject[]).concat(shape(this, row, params, itemIndex)),
					)
				: rows.map((row) => shapeOutput(row, { echo: spec.output?.echo }, params) as IDataObject);
			return simplified(this, spec, itemIndex, out);
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
