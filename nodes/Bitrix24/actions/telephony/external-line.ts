import type { IDataObject } from 'n8n-workflow';

import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { APP_ONLY } from './app-only';

const number: ParamSpec = {
	name: 'number',
	label: 'Line Number',
	path: 'NUMBER',
	type: 'string',
	required: true,
	description: 'The number of the external line',
};

const lineFields: ParamSpec[] = [
	{ name: 'name', label: 'Name', path: 'NAME', type: 'string', description: 'Name of the line' },
	{
		name: 'crmAutoCreate',
		label: 'Create CRM Records',
		path: 'CRM_AUTO_CREATE',
		type: 'yesNo',
		default: true,
		description: 'Whether outgoing calls through the line create CRM records',
	},
];

const methods: MethodSpec[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create an external line',
		description: `Add an external line to the application; ${APP_ONLY} (telephony.externalLine.add)`,
		method: 'telephony.externalLine.add',
		params: [number, ...lineFields],
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many external lines',
		description: `List the application's external lines; ${APP_ONLY} (telephony.externalLine.get)`,
		method: 'telephony.externalLine.get',
		params: [],
		list: { rowsAt: [], idKey: 'NUMBER', paging: 'single' },
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update an external line',
		description: `Change the name or CRM setting of an external line; ${APP_ONLY} (telephony.externalLine.update)`,
		method: 'telephony.externalLine.update',
		params: [number, ...lineFields],
		shape: (_ctx, result, params) => ({
			ID: ((result ?? {}) as IDataObject).ID,
			NUMBER: params.NUMBER as string,
			updated: true,
		}),
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete an external line',
		description: `Remove an external line from the application; ${APP_ONLY} (telephony.externalLine.delete)`,
		method: 'telephony.externalLine.delete',
		params: [number],
		shape: (_ctx, _result, params) => ({ NUMBER: params.NUMBER as string, deleted: true }),
	},
];

export const externalLineSpec: ResourceSpec = {
	value: 'externalLine',
	name: 'External Line',
	description: 'External lines of the application',
	methods,
	first: 'create',
};
