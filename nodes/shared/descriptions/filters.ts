import type { INodeProperties } from 'n8n-workflow';

/**
 * The operators as people say them; the values are what workflows saved, Bitrix24's filter
 * prefixes (`>=OPPORTUNITY`, `%TITLE` ...), and never change. Equal is `eq`, not `=`: n8n reads a
 * value starting with `=` as an expression. Is Empty / Is Not Empty send `FIELD: ""` and
 * `!=FIELD: ""`, as the crm.item.list docs write "not empty".
 */
export const FILTER_OPERATORS = [
	{ name: 'Equal', value: 'eq' },
	{ name: 'Not Equal', value: '!=' },
	{ name: 'Contains', value: '%' },
	{ name: 'Does Not Contain', value: '!%' },
	{ name: 'Greater Than', value: '>' },
	{ name: 'Greater Than or Equal', value: '>=' },
	{ name: 'Less Than', value: '<' },
	{ name: 'Less Than or Equal', value: '<=' },
	{ name: 'In List', value: '@', description: 'Any of several values' },
	{ name: 'Not In List', value: '!@', description: 'None of several values' },
	{ name: 'Is Empty', value: 'isEmpty' },
	{ name: 'Is Not Empty', value: 'isNotEmpty' },
	{
		name: 'Is Not',
		value: '!',
		description: 'The same as Not Equal (Bitrix24\'s "!" prefix), kept for saved workflows',
	},
];

const LIST_OPERATORS = ['@', '!@'];
const NO_VALUE_OPERATORS = ['isEmpty', 'isNotEmpty'];

/**
 * A field whose values come from a list, or a date, is offered as `CODE|list`, `CODE|date` or
 * `CODE|datetime`, so the row can show a dropdown or a date picker for its value. Plain codes
 * (workflows saved before, expressions) are read as they are.
 */
export type FilterFieldKind = 'list' | 'date' | 'datetime';

const KINDS: FilterFieldKind[] = ['list', 'date', 'datetime'];

export function encodeFilterField(code: string, kind?: FilterFieldKind): string {
	return kind ? `${code}|${kind}` : code;
}

export function decodeFilterField(value: string): { code: string; kind?: FilterFieldKind } {
	const at = value.lastIndexOf('|');
	const kind = at === -1 ? undefined : (value.slice(at + 1) as FilterFieldKind);
	if (kind === undefined || !KINDS.includes(kind)) return { code: value };
	return { code: value.slice(0, at), kind };
}

/** The load-options methods a filter over `fieldsMethod`'s fields uses: its fields and their values. */
export function filterMethodsOf(fieldsMethod: string): { fields: string; values: string } {
	const base = fieldsMethod.replace(/Fields$/, '');
	return { fields: `${base}FilterFields`, values: `${base}FilterValues` };
}

const endingWith = (...kinds: FilterFieldKind[]) =>
	kinds.map((kind) => ({ _cnd: { endsWith: `|${kind}` } }));

/** Conditions on the record's fields; `fieldsMethod` is the loadOptions method listing them. */
export function filterConditions(
	fieldsMethod: string,
	loadOptionsDependsOn: string[] = [],
): INodeProperties {
	const methods = filterMethodsOf(fieldsMethod);
	const valuesOptions = {
		loadOptionsMethod: methods.values,
		loadOptionsDependsOn: ['&field', ...loadOptionsDependsOn],
	};
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
						typeOptions: { loadOptionsMethod: methods.fields, loadOptionsDependsOn },
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
						displayOptions: {
							hide: {
								field: endingWith('list', 'date', 'datetime'),
								operator: NO_VALUE_OPERATORS,
							},
						},
						description:
							'For In List and Not In List, separate values with commas or give a JSON array',
					},
					{
						displayName: 'Value (Date)',
						name: 'valueDate',
						type: 'dateTime',
						default: '',
						displayOptions: {
							show: { field: endingWith('date', 'datetime') },
							hide: { operator: NO_VALUE_OPERATORS },
						},
						description:
							"For a date field only the day counts; a date and time is read in the workflow's time zone",
					},
					{
						displayName: 'Value Name or ID',
						name: 'valueOption',
						type: 'options',
						typeOptions: valuesOptions,
						default: '',
						displayOptions: {
							show: { field: endingWith('list') },
							hide: { operator: [...LIST_OPERATORS, ...NO_VALUE_OPERATORS] },
						},
						description:
							'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
					{
						displayName: 'Value Names or IDs',
						name: 'valueOptions',
						type: 'multiOptions',
						typeOptions: valuesOptions,
						default: [],
						displayOptions: { show: { field: endingWith('list'), operator: LIST_OPERATORS } },
						description:
							'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
				],
			},
		],
	};
}

/** Order Direction: the second half of every sort (Order By + Order Direction). */
export const orderDirection: INodeProperties = {
	displayName: 'Order Direction',
	name: 'orderDirection',
	type: 'options',
	options: [
		{ name: 'Ascending', value: 'ASC' },
		{ name: 'Descending', value: 'DESC' },
	],
	default: 'ASC',
};

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
		orderDirection,
	];
}
