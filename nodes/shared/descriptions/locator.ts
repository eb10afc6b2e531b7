import type { INodeProperties } from 'n8n-workflow';

/**
 * A record picked from a searchable list, by ID, or by pasting its address from the portal
 * (e.g. https://portal/crm/deal/details/42/). Records without a page of their own (no
 * `urlPattern`) offer From List and By ID only.
 *
 * `inCollection`: the locator is an option of a collection (Additional Fields, Options). n8n
 * checks a collection's options against the node's top-level values of the same name, shown
 * or not, so its By URL mode carries no check of its own (the pattern still reads the ID, and
 * a URL it does not match fails the item at run time).
 */
export function recordLocator(options: {
	displayName: string;
	name: string;
	searchListMethod: string;
	urlPattern?: string;
	urlPlaceholder?: string;
	/** what By ID accepts (a regex), when the ID is not a plain number (dialog IDs such as chat12) */
	idPattern?: string;
	idPlaceholder?: string;
	inCollection?: boolean;
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
				placeholder: options.idPlaceholder ?? '42',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: options.idPattern ?? '^\\s*\\d+\\s*$',
							errorMessage: 'Not a valid ID',
						},
					},
				],
			},
			...(options.urlPattern
				? [
						{
							displayName: 'By URL',
							name: 'url',
							type: 'string' as const,
							placeholder: options.urlPlaceholder,
							extractValue: { type: 'regex' as const, regex: options.urlPattern },
							validation: options.inCollection
								? undefined
								: [
										{
											type: 'regex' as const,
											properties: {
												regex: `.*${options.urlPattern}.*`,
												errorMessage: 'Not a valid URL',
											},
										},
									],
						},
					]
				: []),
		],
	};
}
