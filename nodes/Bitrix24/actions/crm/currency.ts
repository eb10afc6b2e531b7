import type { MethodSpec, ResourceSpec } from '../method-table/spec';

/** crm.currency.get / list: the portal's currencies and their rates. */

const methods: MethodSpec[] = [
	{
		value: 'get',
		name: 'Get',
		action: 'Get a currency',
		description: 'Get a currency with its rate and formats (crm.currency.get)',
		method: 'crm.currency.get',
		params: [
			{
				name: 'currency',
				label: 'Currency Code',
				path: 'id',
				type: 'string',
				required: true,
				placeholder: 'EUR',
				description: 'ISO 4217 code of the currency',
				pattern: { match: /^[A-Za-z]{3}$/, hint: 'is not a three-letter ISO 4217 code' },
			},
		],
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

export const currencySpec: ResourceSpec = {
	value: 'crmCurrency',
	name: 'CRM Currency',
	description: 'Currencies of the CRM and their exchange rates',
	methods,
};
