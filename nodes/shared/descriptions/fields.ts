import type { INodeProperties } from 'n8n-workflow';

/** Field/value pairs for any field the portal has, custom `UF_*` fields included. */
export function fieldValues(fieldsMethod: string, loadOptionsDependsOn: string[] = []): INodeProperties {
	return {
		displayName: 'Fields',
		name: 'fieldValues',
		type: 'fixedCollection',
		placeholder: 'Add Field',
		typeOptions: { multipleValues: true },
		default: {},
		description: 'Any field of the record, custom fields included',
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Field Name or ID',
						name: 'name',
						type: 'options',
						typeOptions: { loadOptionsMethod: fieldsMethod, loadOptionsDependsOn },
						default: '',
						description:
							'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'A JSON array or object is sent as such (multiple fields, PHONE and EMAIL lists)',
					},
				],
			},
		],
	};
}

export const fieldsJson: INodeProperties = {
	displayName: 'Fields (JSON)',
	name: 'fieldsJson',
	type: 'json',
	default: '{}',
	description:
		'More fields as a JSON object, merged over the fields above, e.g. {"PHONE": [{"VALUE": "+100", "VALUE_TYPE": "WORK"}]}',
};
