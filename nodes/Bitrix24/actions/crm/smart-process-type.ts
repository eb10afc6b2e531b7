import { pickersSinceV2 } from '../method-table/build';
import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { done } from './answers';
import { requireChangedFields } from './changed-fields';
import { SMART_PROCESS_TYPE_LOCATOR } from './locators';

/** crm.type.*: the smart process types themselves (their items are crm.item with entityTypeId). */

const typeId: ParamSpec = {
	name: 'typeId',
	label: 'Type',
	path: 'id',
	type: 'id',
	required: true,
	description:
		'The smart process type: By ID takes its ID (id in Get Many), not its entity type ID',
	locator: SMART_PROCESS_TYPE_LOCATOR,
};

const flag = (name: string, label: string, description: string): ParamSpec => ({
	name,
	label,
	path: `fields.${name}`,
	type: 'yesNo',
	description,
});

const options: ParamSpec[] = [
	flag('isCategoriesEnabled', 'Pipelines', 'Whether the type has its own pipelines'),
	flag('isStagesEnabled', 'Stages', 'Whether the type has custom stages and a kanban'),
	flag(
		'isBeginCloseDatesEnabled',
		'Start and End Dates',
		'Whether Start and End Date fields are on',
	),
	flag('isClientEnabled', 'Client', 'Whether the Client field (contacts and companies) is on'),
	flag('isLinkWithProductsEnabled', 'Products', 'Whether catalog products can be linked'),
	flag('isObserversEnabled', 'Observers', 'Whether the Observers field is on'),
	flag('isSourceEnabled', 'Source', 'Whether the Source fields are on'),
	flag('isMycompanyEnabled', 'My Company', 'Whether the Your Company Details field is on'),
	flag('isDocumentsEnabled', 'Documents', 'Whether documents can be printed'),
	flag('isRecyclebinEnabled', 'Recycle Bin', 'Whether deleted items go to the recycle bin'),
	flag('isAutomationEnabled', 'Automation', 'Whether automation rules and triggers are on'),
	flag('isBizProcEnabled', 'Workflows', 'Whether the workflow designer is on'),
	flag(
		'isUseInUserfieldEnabled',
		'Use in Custom Fields',
		'Whether CRM custom fields can link to it',
	),
	{
		name: 'relations',
		label: 'Relations (JSON)',
		path: 'fields.relations',
		type: 'json',
		description:
			'Links to other CRM types, e.g. {"parent": [{"entityTypeId": 2, "isChildrenListEnabled": "true"}], "child": []}',
	},
];

const methods: MethodSpec[] = pickersSinceV2(
	[
		{
			value: 'create',
			name: 'Create',
			action: 'Create a smart process type',
			description: 'Create a smart process (crm.type.add)',
			method: 'crm.type.add',
			params: [
				{ name: 'title', label: 'Title', path: 'fields.title', type: 'string', required: true },
				{
					name: 'entityTypeId',
					label: 'Entity Type ID',
					path: 'fields.entityTypeId',
					type: 'number',
					default: 0,
					description:
						'The entity type ID to give it: 128-192 or an even number from 1030; generated when empty',
				},
				...options,
			],
			output: { at: ['type'] },
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a smart process type',
			description: 'Delete a smart process that has no items (crm.type.delete)',
			method: 'crm.type.delete',
			params: [typeId],
			shape: done('deleted'),
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a smart process type',
			description: 'Get a smart process type by ID (crm.type.get)',
			method: 'crm.type.get',
			params: [typeId],
			output: { at: ['type'] },
		},
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many smart process types',
			description: 'List the smart processes of the portal (crm.type.list)',
			method: 'crm.type.list',
			params: [],
			list: { rowsAt: ['types'], idKey: 'id', paging: 'offset', selectParam: false },
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a smart process type',
			description: 'Rename a smart process or switch its features (crm.type.update)',
			method: 'crm.type.update',
			params: [
				typeId,
				{ name: 'title', label: 'Title', path: 'fields.title', type: 'string' },
				...options,
			],
			adjust: requireChangedFields,
			output: { at: ['type'] },
		},
	],
	['typeId'],
);

export const smartProcessTypeSpec: ResourceSpec = {
	value: 'crmSmartProcessType',
	name: 'CRM Smart Process Type',
	description: 'Smart process types (crm.type)',
	methods,
};
