import type { INodeProperties } from 'n8n-workflow';

/**
 * Bitrix24's filter prefixes, as list methods read them (`>=OPPORTUNITY`, `%TITLE` ...). Equals
 * is `eq` here, not `=`: n8n reads a value starting with `=` as an expression.
 */
export const FILTER_OPERATORS = [
	{ name: 'Equals', value: 'eq' },
	{ name: 'Not Equals', value: '!=' },
	{ name: 'Greater Than', value: '>' },
	{ name: 'Greater Than or Equal', value: '>=' },
	{ name: 'Less Than', value: '<' },
	{ name: 'Less Than or Equal', value: '<=' },
	{ name: 'Contains (Like)', value: '%' },
	{ name: 'In List', value: '@' },
	{ name: 'Not In List', value: '!@' },
	{ name: 'Not (!)', value: '!' },
];

/** Conditions on the record's fields; `fieldsMethod` is a loadOptions method listing them. */
export function filterConditions(
	fieldsMethod: string,
	loadOptionsDependsOn: string[] = [],
): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'fixedCollection',
		placeholder: 'Add Condition',
		typeOptions: { multipleValues: true },
		default: {},
		description: 'Conditions the records must meet (all of them)',
		options: [
			{
				displayName: 'Conditions',
				name: 'conditions',
				values: [
					{
						displayName: 'Field Name or ID',
						name: 'field',
						type: 'options',
						typeOptions: { loadOptionsMethod: fieldsMethod, loadOptionsDependsOn },
						default: '',
						description:
							'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
					{
						displayName: 'Operator',
						name: 'operator',
						type: 'options',
						options: FILTER_OPERATORS,
						default: 'eq',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description:
							'For In List and Not In List, separate values with commas or give a JSON array',
					},
				],
			},
		],
	};
}

export function orderAndSelect(
	fieldsMethod: string,
	loadOptionsDependsOn: string[] = [],
): INodeProperties[] {
	return [
		{
			displayName: 'Fields to Return Names or IDs',
			name: 'select',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: fieldsMethod, loadOptionsDependsOn },
			default: [],
			description:
				'Fields to return; empty returns the defaults. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Order By Field Name or ID',
			name: 'orderBy',
			type: 'options',
			typeOptions: { loadOptionsMethod: fieldsMethod, loadOptionsDependsOn },
			default: '',
			description:
				'Sorting by anything but the ID ascending pages more slowly. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Order Direction',
			name: 'orderDirection',
			type: 'options',
			options: [
				{ name: 'Ascending', value: 'ASC' },
				{ name: 'Descending', value: 'DESC' },
			],
			default: 'ASC',
		},
	];
}
