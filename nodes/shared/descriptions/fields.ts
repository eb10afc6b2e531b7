import type { INodeProperties } from 'n8n-workflow';

/**
 * The record's fields as the portal defines them (custom `UF_*` fields included), typed, with
 * enumeration items as choices and required fields marked; `resourceMapperMethod` reads them.
 */
export function fieldMapping(
	resourceMapperMethod: string,
	loadOptionsDependsOn: string[] = [],
): INodeProperties {
	return {
		displayName: 'Fields',
		name: 'fieldMapping',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		description: 'Any field of the record as the portal defines it, custom fields included',
		typeOptions: {
			loadOptionsDependsOn,
			resourceMapper: {
				resourceMapperMethod,
				mode: 'add',
				fieldWords: { singular: 'field', plural: 'fields' },
				addAllFields: false,
				multiKeyMatch: false,
				supportAutoMap: true,
			},
		},
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
