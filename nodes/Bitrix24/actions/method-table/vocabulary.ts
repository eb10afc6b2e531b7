import type { IDataObject } from 'n8n-workflow';

import type { MethodSpec } from './spec';

function isRecord(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function at(value: unknown, path: string[]): unknown {
	let node = value;
	for (const key of path) node = isRecord(node) ? node[key] : undefined;
	return node;
}

/** The record the row acts on: its first required ID parameter, as sent. */
function recordId(spec: MethodSpec, params: IDataObject): string | undefined {
	const param = spec.params.find(
		(entry) => entry.required && (entry.type === 'id' || entry.locator !== undefined),
	);
	if (!param) return undefined;
	const value = at(params, param.path.split('.'));
	return value === undefined || value === null || isRecord(value) ? undefined : String(value);
}

/**
 * Version 2's answer of the verbs every resource shares (DESIGN.md, "Vocabulary"):
 * Create `{ ID }` when Bitrix24 answers only the new ID, Update `{ ID, updated }` when it answers
 * only a flag, Delete `{ ID, deleted }`, Get Fields one item per field `{ name, ...meta }`.
 * Anything richer (a created or updated record) is left to the row's own output.
 */
export function vocabularyAnswer(
	spec: MethodSpec,
	result: unknown,
	params: IDataObject,
): IDataObject | IDataObject[] | undefined {
	const id = recordId(spec, params);
	const withId = (answer: IDataObject): IDataObject =>
		id === undefined ? answer : { ID: id, ...answer };
	switch (spec.value) {
		case 'delete':
			return withId({ deleted: result !== false });
		case 'update':
			return isRecord(result) || Array.isArray(result)
				? undefined
				: withId({ updated: result !== false });
		case 'create':
			return typeof result === 'number' || typeof result === 'string'
				? { ID: String(result) }
				: undefined;
		case 'getFields': {
			let fields = at(result, spec.output?.at ?? []);
			if (isRecord(fields) && Object.keys(fields).length === 1 && isRecord(fields.fields))
				fields = fields.fields;
			if (!isRecord(fields) || !Object.values(fields).every(isRecord)) return undefined;
			return Object.entries(fields).map(([name, meta]) => ({ name, ...(meta as IDataObject) }));
		}
		default:
			return undefined;
	}
}
