import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { recordLocator } from '../../../shared/descriptions/locator';
import { nodeVersion, paramError, parseJsonParam, readPositiveId } from '../params';
import type { MethodSpec, ParamSpec } from './spec';

/**
 * A table parameter (ParamSpec) as an editor field, and a user's value of it as Bitrix24 wants it.
 */
/** A parameter as the given node version shows and reads it (version 2's picker, see `ParamSpec.v2`). */
export function forVersion(spec: ParamSpec, version: number): ParamSpec {
	return version >= 2 && spec.v2 ? { ...spec, ...spec.v2 } : spec;
}

/**
 * A parameter that version 1 released in another form (saved workflows hold it so): version 1
 * shows it as `released` says (e.g. `{ locator: undefined }`: a typed ID), version 2 as the
 * table row says (a picker). The runtime reads the values of both.
 */
export function releasedAs(spec: ParamSpec, released: Partial<ParamSpec>): ParamSpec {
	const now: Partial<ParamSpec> = {};
	for (const key of Object.keys(released) as Array<keyof ParamSpec>)
		(now as Record<string, unknown>)[key] = spec[key];
	return { ...spec, ...released, v2: { ...now, ...spec.v2 } as ParamSpec['v2'] };
}

/** Version 1 released these parameters (by name) without a picker: they get one from version 2 on. */
export function pickersSinceV2(methods: MethodSpec[], names: string[]): MethodSpec[] {
	return methods.map((method) => ({
		...method,
		params: method.params.map((param) =>
			names.includes(param.name) && param.locator
				? releasedAs(param, { locator: undefined })
				: param,
		),
	}));
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

export function setPath(target: IDataObject, path: string, value: unknown): void {
	const keys = path.split('.');
	let node = target;
	for (const key of keys.slice(0, -1)) {
		if (!node[key] || typeof node[key] !== 'object') node[key] = {};
		node = node[key] as IDataObject;
	}
	node[keys[keys.length - 1]] = value as IDataObject[keyof IDataObject];
}

export function isEmpty(value: unknown): boolean {
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
	const spec = forVersion(param, nodeVersion(ctx));
	// a picked value is read whichever version shows the picker
	const value = pickedValue(
		ctx,
		{ ...spec, locator: spec.locator ?? param.v2?.locator },
		raw,
		itemIndex,
	);
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
