import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { methodOperation } from '../../method-table/build';
import type { MethodSpec, ParamSpec } from '../../method-table/spec';
import type { Operation, Resource } from '../../types';

/**
 * A table row plus what the generic factory cannot say as data: a last touch to the call's
 * parameters (building a nested value, reading a binary file) and the shape of the answer.
 */
export interface OperationRow {
	spec: MethodSpec;
	/** gets the parameters as the table read them; returns the ones to send */
	adjust?: (ctx: IExecuteFunctions, itemIndex: number, params: IDataObject) => IDataObject | Promise<IDataObject>;
	/** turns `result` (and the sent parameters) into the item(s) */
	shape?: (result: unknown, params: IDataObject) => IDataObject | IDataObject[];
}

function rowOperation(resource: string, row: OperationRow): Operation {
	const { adjust, shape } = row;
	return methodOperation(resource, {
		...row.spec,
		adjust: adjust && ((ctx, itemIndex, params) => adjust(ctx, itemIndex, params)),
		shape: shape && ((_ctx, result, params) => shape(result, params)),
	});
}

export function resourceOf(value: string, name: string, description: string, rows: OperationRow[]): Resource {
	return {
		value,
		name,
		description,
		operations: [...rows]
			.sort((a, b) => a.spec.name.localeCompare(b.spec.name))
			.map((row) => ({
				value: row.spec.value,
				name: row.spec.name,
				action: row.spec.action,
				description: row.spec.description,
				operation: rowOperation(value, row),
			})),
	};
}

/** `{ID: "12"}` after an add, as the node's other old-API resources answer. */
export const createdId = (result: unknown): IDataObject => ({ ID: String(result) });

/** `{ID, updated|deleted: true}` after an update or delete that answers `true` / `null` / the id. */
export const done =
	(flag: 'updated' | 'deleted', idParam = 'id') =>
	(result: unknown, params: IDataObject): IDataObject => ({
		ID: String(params[idParam]),
		[flag]: result !== false,
	});

/** `crm.*.fields` answers as one item per field. */
export const fieldList = (result: unknown): IDataObject[] =>
	Object.entries((result ?? {}) as IDataObject).map(([name, meta]) => ({ name, ...(meta as IDataObject) }));

const CHOOSE =
	'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>';

export function userParam(name: string, label: string, path: string, required = false): ParamSpec {
	return { name, label, path, type: 'options', loadOptionsMethod: 'getUsers', required, description: CHOOSE };
}

export function listParam(
	name: string,
	label: string,
	path: string,
	loadOptionsMethod: string,
	description: string,
	required = true,
): ParamSpec {
	return { name, label, path, type: 'options', loadOptionsMethod, required, description: `${description}. ${CHOOSE}.` };
}

/** Takes a parameter out of the call (it only steered the node) and returns its value. */
export function takeParam(params: IDataObject, key: string): unknown {
	const value = params[key];
	delete params[key];
	return value;
}
