import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { orderDirection } from '../../../shared/descriptions/filters';
import { returnAllOrLimit } from '../../../shared/descriptions/paging';
import { nodeVersion } from '../params';
import { forVersion, paramProperty } from './param-fields';
import type { MethodSpec } from './spec';

/** A table row's parameters as each node version shows them, and its Simplify switch. */

/** The collection option with more parameters of the method as JSON. */
export const EXTRA = 'extraParameters';
/**
 * Where a row's optional parameters sit: "Additional Fields" (`additionalFields`), and for a
 * list from version 2 on "Options" (`options`), as DESIGN.md's vocabulary says; version 1
 * lists keep `additionalFields`, which saved workflows use.
 */
function collectionName(spec: MethodSpec, version: number): string {
	return spec.list && version >= 2 ? 'options' : 'additionalFields';
}

export function optionalCollection(ctx: IExecuteFunctions, spec: MethodSpec): string {
	const name = collectionName(spec, nodeVersion(ctx));
	// an operation whose version 2 parameters kept version 1's collection: read what the node holds
	return name === 'options' && ctx.getNode().parameters.options === undefined
		? 'additionalFields'
		: name;
}

export const SIMPLIFY: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		'Whether to return the fields people use most instead of the raw data of Bitrix24 (every column)',
};

/** Version 2's Simplify: on unless switched off; version 1 never simplifies. */
export function simplifying(ctx: IExecuteFunctions, itemIndex: number): boolean {
	return nodeVersion(ctx) >= 2 && (ctx.getNodeParameter('simplify', itemIndex, true) as boolean);
}

export function simplified(
	ctx: IExecuteFunctions,
	spec: MethodSpec,
	itemIndex: number,
	out: IDataObject | IDataObject[],
): IDataObject | IDataObject[] {
	const simplify = spec.simplify;
	if (!simplify || !simplifying(ctx, itemIndex)) return out;
	return Array.isArray(out) ? out.map((entry) => simplify(entry)) : simplify(out);
}

export const ORDER_V2: INodeProperties[] = [
	{
		displayName: 'Order By',
		name: 'orderBy',
		type: 'string',
		default: '',
		placeholder: 'e.g. DATE_CREATE',
		description:
			'The field to sort by, as Bitrix24 names it; empty keeps the ID order, the fastest to page',
	},
	orderDirection,
];

function description(resource: string, spec: MethodSpec, version: number): INodeProperties[] {
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
	if (spec.simplify && version >= 2) properties.push(SIMPLIFY);
	if (spec.list) {
		properties.push(...returnAllOrLimit);
		if (spec.list.filterParam !== undefined || spec.list.paging !== 'single') {
			optional.push({
				displayName: 'Filter (JSON)',
				name: 'filterJson',
				type: 'json',
				default: '{}',
				description: 'Bitrix24 filter, e.g. {">ID": 10, "%TITLE": "report"}',
			});
			if (version >= 2) optional.push(...ORDER_V2);
			else
				optional.push({
					displayName: 'Order (JSON)',
					name: 'orderJson',
					type: 'json',
					default: '{}',
					description:
						'Sorting, e.g. {"ID": "DESC"}; anything but the ID ascending pages more slowly',
				});
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
			name: collectionName(spec, version),
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

/** Both versions' parameters of a row; version 2's only where they differ. */
export function descriptions(resource: string, spec: MethodSpec) {
	const v1 = description(resource, spec, 1);
	const v2 = description(resource, spec, 2);
	return JSON.stringify(v1) === JSON.stringify(v2)
		? { description: v1 }
		: { description: v1, v2Description: v2 };
}
