import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { bitrix24Call } from '../../../shared/transport';
import { releasedAs } from '../method-table/build';
import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { listParam } from './pickers';

/** crm.currency.get / list: the portal's currencies and their rates. */

/** A currency picked from the portal's currencies (crm.currency.list), its ISO 4217 code sent. */
export function currencyParam(
	name: string,
	label: string,
	path: string,
	required = false,
	description = 'The currency',
): ParamSpec {
	// version 1 released currencies as text; version 2 picks them from the portal
	return releasedAs(
		{
			...listParam(name, `${label} Name or ID`, path, 'getCurrencies', description, required),
			pattern: { match: /^[A-Za-z]{3}$/, hint: 'is not a three-letter ISO 4217 code' },
		},
		{ type: 'string', label, loadOptionsMethod: undefined, pattern: undefined },
	);
}

const methods: MethodSpec[] = [
	{
		value: 'get',
		name: 'Get',
		action: 'Get a currency',
		description: 'Get a currency with its rate and formats (crm.currency.get)',
		method: 'crm.currency.get',
		params: [currencyParam('currency', 'Currency', 'id', true, 'The currency (its ISO 4217 code)')],
		// ISO 4217 codes are upper case
		adjust: (_ctx, _itemIndex, params) => ({ ...params, id: String(params.id).toUpperCase() }),
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many currencies',
		description: 'List the currencies of the portal (crm.currency.list)',
		method: 'crm.currency.list',
		params: [],
		list: { rowsAt: [], idKey: 'CURRENCY', paging: 'single', selectParam: false },
	},
];

export const currencyLoadOptions: Record<
	string,
	(this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>
> = {
	/** The portal's currencies by name (crm.currency.list); the value is the ISO 4217 code */
	async getCurrencies() {
		const envelope = await bitrix24Call(this, 'crm.currency.list', { order: { SORT: 'ASC' } });
		const rows = (Array.isArray(envelope.result) ? envelope.result : []) as IDataObject[];
		return rows.map((row) => ({
			name: `${String(row.FULL_NAME || row.CURRENCY)} (${String(row.CURRENCY)})`,
			value: String(row.CURRENCY),
		}));
	},
};

export const currencySpec: ResourceSpec = {
	value: 'crmCurrency',
	name: 'CRM Currency',
	description: 'Currencies of the CRM and their exchange rates',
	methods,
};
