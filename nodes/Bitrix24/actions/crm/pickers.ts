import type { ParamSpec } from '../method-table/spec';

/** Parameters picked from a list the editor loads from the portal (users, types, directories). */

const CHOOSE =
	'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>';

export function userParam(name: string, label: string, path: string, required = false): ParamSpec {
	return {
		name,
		label,
		path,
		type: 'options',
		loadOptionsMethod: 'getUsers',
		required,
		description: CHOOSE,
	};
}

export function listParam(
	name: string,
	label: string,
	path: string,
	loadOptionsMethod: string,
	description: string,
	required = true,
): ParamSpec {
	return {
		name,
		label,
		path,
		type: 'options',
		loadOptionsMethod,
		required,
		description: `${description}. ${CHOOSE}.`,
	};
}
