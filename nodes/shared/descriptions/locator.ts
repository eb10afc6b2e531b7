import type { INodeProperties } from 'n8n-workflow';

/**
 * A record picked from a searchable list, by ID, or by pasting its address from the portal
 * (e.g. https://portal/crm/deal/details/42/).
 */
export function recordLocator(options: {
	displayName: string;
	name: string;
	searchListMethod: string;
	urlPattern: string;
	urlPlaceholder: string;
}): INodeProperties {
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: options.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '42',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'Not a valid ID' },
					},
				],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: options.urlPlaceholder,
				extractValue: { type: 'regex', regex: options.urlPattern },
				validation: [
					{
						type: 'regex',
						properties: { regex: `.*${options.urlPattern}.*`, errorMessage: 'Not a valid URL' },
					},
				],
			},
		],
	};
}
