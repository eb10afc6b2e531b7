import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { bitrix24Call } from '../../../shared/transport';
import { methodEntry, pickersSinceV2 } from '../method-table/build';
import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { paramError } from '../params';
import type { CallOperation, Operation, OperationEntry, RunOperation } from '../types';
import { isCallOperation, withDescriptions } from '../types';
import { createdId, done } from './answers';
import { requireChangedFields } from './changed-fields';
import { CUSTOM_FIELD_LOCATOR } from './locators';
import { listParam } from './pickers';

/**
 * crm.{deal|lead|contact|company}.userfield.*: custom fields of the classic records, one resource
 * with an Entity choice (each entity has its own method), and crm.userfield.types.
 */

const RESOURCE = 'crmCustomField';
const ENTITIES = ['deal', 'lead', 'contact', 'company'] as const;
type Entity = (typeof ENTITIES)[number];

const fieldId: ParamSpec = {
	name: 'fieldId',
	label: 'Field',
	path: 'id',
	type: 'id',
	required: true,
	description:
		'The custom field: By ID takes its numeric ID (ID in Get Many), not its UF_CRM_ code',
	locator: CUSTOM_FIELD_LOCATOR,
};

const yesNo = (name: string, label: string, path: string, description: string): ParamSpec => ({
	name,
	label,
	path: `fields.${path}`,
	type: 'yesNo',
	description,
});

/** What both Create and Update accept. */
const common: ParamSpec[] = [
	yesNo('mandatory', 'Mandatory', 'MANDATORY', 'Whether every record must fill the field'),
	yesNo(
		'showFilter',
		'Show in Filter',
		'SHOW_FILTER',
		'Whether the field is offered in the filter',
	),
	yesNo('editInList', 'Edit in List', 'EDIT_IN_LIST', 'Whether users may edit the value'),
	{ name: 'sort', label: 'Sort', path: 'fields.SORT', type: 'number', default: 100 },
	{ name: 'xmlId', label: 'External ID', path: 'fields.XML_ID', type: 'string' },
	{
		name: 'settings',
		label: 'Settings (JSON)',
		path: 'fields.SETTINGS',
		type: 'json',
		description: 'Settings of the type, e.g. {"DEFAULT_VALUE": "none", "ROWS": 3}',
	},
	{
		name: 'listItems',
		label: 'List Items (JSON)',
		path: 'fields.LIST',
		type: 'json',
		default: '[]',
		description:
			'Values of a List (enumeration) field, e.g. [{"VALUE": "North", "SORT": 10, "DEF": "N", "XML_ID": "north"}]; on update give an item its ID to change it, add "DEL": "Y" to remove it',
	},
	{
		name: 'editFormLabel',
		label: 'Edit Form Label',
		path: 'fields.EDIT_FORM_LABEL',
		type: 'string',
	},
	{
		name: 'listColumnLabel',
		label: 'List Column Label',
		path: 'fields.LIST_COLUMN_LABEL',
		type: 'string',
	},
	{
		name: 'listFilterLabel',
		label: 'Filter Label',
		path: 'fields.LIST_FILTER_LABEL',
		type: 'string',
	},
	{ name: 'helpMessage', label: 'Help Message', path: 'fields.HELP_MESSAGE', type: 'string' },
];

function methodsOf(entity: Entity): MethodSpec[] {
	const prefix = `crm.${entity}.userfield`;
	return [
		{
			value: 'create',
			name: 'Create',
			action: 'Create a CRM custom field',
			description: `Add a custom field to deals, leads, contacts or companies (${prefix}.add)`,
			method: `${prefix}.add`,
			params: [
				listParam(
					'userTypeId',
					'Type Name or ID',
					'fields.USER_TYPE_ID',
					'getCrmUserFieldTypes',
					'The data type of the field (crm.userfield.types)',
				),
				{
					name: 'fieldName',
					label: 'Field Name',
					path: 'fields.FIELD_NAME',
					type: 'string',
					required: true,
					placeholder: 'MANAGER_NOTE',
					description:
						'Code of the field (A-Z, 0-9, _); Bitrix24 makes it UF_CRM_<code>, at most 50 characters in all',
				},
				{
					name: 'label',
					label: 'Label',
					path: 'fields.LABEL',
					type: 'string',
					description: 'Default name, used for every label not given',
				},
				yesNo('multiple', 'Multiple', 'MULTIPLE', 'Whether the field holds several values'),
				...common,
			],
			shape: createdId,
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a CRM custom field',
			description: `Delete a custom field and its values (${prefix}.delete)`,
			method: `${prefix}.delete`,
			params: [fieldId],
			shape: done('deleted'),
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a CRM custom field',
			description: `Get a custom field with its labels and list items (${prefix}.get)`,
			method: `${prefix}.get`,
			params: [fieldId],
		},
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many CRM custom fields',
			description: `List the custom fields of the entity (${prefix}.list)`,
			method: `${prefix}.list`,
			params: [
				{
					name: 'language',
					label: 'Label Language',
					path: 'filter.LANG',
					type: 'string',
					placeholder: 'en',
					description: 'Return the labels in this language (without it no labels are returned)',
				},
			],
			list: {
				rowsAt: [],
				idKey: 'ID',
				paging: 'single',
				filterParam: 'filter',
				selectParam: false,
			},
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a CRM custom field',
			description: `Change the labels, settings or list items of a custom field (${prefix}.update)`,
			method: `${prefix}.update`,
			params: [fieldId, ...common],
			adjust: requireChangedFields,
			shape: done('updated'),
		},
	];
}

function entityOf(ctx: IExecuteFunctions, itemIndex: number): Entity {
	const entity = String(ctx.getNodeParameter('entity', itemIndex, 'deal')) as Entity;
	if (!ENTITIES.includes(entity))
		throw paramError(ctx, itemIndex, 'Entity', `"${entity}" is not deal, lead, contact or company`);
	return entity;
}

function entityProperty(operation: string): INodeProperties {
	return {
		displayName: 'Entity',
		name: 'entity',
		type: 'options',
		required: true,
		default: 'deal',
		options: [
			{ name: 'Company', value: 'company' },
			{ name: 'Contact', value: 'contact' },
			{ name: 'Deal', value: 'deal' },
			{ name: 'Lead', value: 'lead' },
		],
		description: 'The records whose custom field this is',
		displayOptions: { show: { resource: [RESOURCE], operation: [operation] } },
	};
}

/** One operation over the four entities: the Entity parameter picks the entity's own method. */
function perEntity(value: string, byEntity: Record<Entity, Operation>): Operation {
	const { description, v2Description } = withDescriptions(byEntity.deal, (properties) => [
		entityProperty(value),
		...properties,
	]);
	if (isCallOperation(byEntity.deal)) {
		const call = (ctx: IExecuteFunctions, itemIndex: number) =>
			byEntity[entityOf(ctx, itemIndex)] as CallOperation;
		return {
			description,
			v2Description,
			plan(itemIndex) {
				return call(this, itemIndex).plan.call(this, itemIndex);
			},
			shape(envelope, itemIndex, restCall) {
				return call(this, itemIndex).shape.call(this, envelope, itemIndex, restCall);
			},
		};
	}
	return {
		description,
		v2Description,
		run(itemIndex) {
			return (byEntity[entityOf(this, itemIndex)] as RunOperation).run.call(this, itemIndex);
		},
	};
}

const built = Object.fromEntries(
	ENTITIES.map((entity) => [
		entity,
		pickersSinceV2(methodsOf(entity), ['fieldId']).map((m) => methodEntry(RESOURCE, m)),
	]),
) as Record<Entity, OperationEntry[]>;

const entityOperations: OperationEntry[] = built.deal.map((entry, index) => ({
	...entry,
	description: entry.description.replace('crm.deal.', 'crm.<entity>.'),
	operation: perEntity(
		entry.value,
		Object.fromEntries(
			ENTITIES.map((entity) => [entity, built[entity][index].operation]),
		) as Record<Entity, Operation>,
	),
}));

const typeMethods: MethodSpec[] = [
	{
		value: 'getTypes',
		name: 'Get Types',
		action: 'Get the CRM custom field types',
		description: 'List the types a custom field can have (crm.userfield.types)',
		method: 'crm.userfield.types',
		params: [],
		output: { split: true },
	},
];

export const customFieldSpec: ResourceSpec = {
	value: RESOURCE,
	name: 'CRM Custom Field',
	description: 'Custom (UF_CRM_) fields of deals, leads, contacts and companies',
	methods: typeMethods,
	operations: entityOperations,
};

export const customFieldLoadOptions: Record<
	string,
	(this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>
> = {
	/** USER_TYPE_ID values: the built-in types and those the application registered */
	async getCrmUserFieldTypes() {
		const envelope = await bitrix24Call(this, 'crm.userfield.types');
		const rows = (Array.isArray(envelope.result) ? envelope.result : []) as IDataObject[];
		return rows.map((row) => ({ name: String(row.title ?? row.ID), value: String(row.ID) }));
	},
};
