import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { paramError, takeParam } from '../params';
import { buildDocumentType, DOCUMENT_KINDS } from './document';

const AUTO_EXECUTE = [
	{ name: 'Never', value: 0 },
	{ name: 'On Create', value: 1 },
	{ name: 'On Update', value: 2 },
	{ name: 'On Create and Update', value: 3 },
];

const templateId: ParamSpec = {
	name: 'templateId',
	label: 'Template ID',
	path: 'ID',
	type: 'id',
	required: true,
	description:
		'ID of a template this application added. Works only with the Bitrix24 OAuth2 credential of that application, for a portal administrator.',
};

function binaryField(required: boolean, path: string): ParamSpec {
	return {
		name: 'binaryPropertyName',
		label: 'Input Binary Field',
		path,
		type: 'string',
		required,
		default: required ? 'data' : undefined,
		description: required
			? "Name of the input item's binary field holding the template file (.bpt, exported from the designer)"
			: "Name of the input item's binary field holding a new template file (.bpt)",
	};
}

/** The .bpt file of the item's binary field as a file value: [name, base64], in place of the field's name. */
async function templateFile(
	ctx: IExecuteFunctions,
	itemIndex: number,
	params: IDataObject,
	holder: IDataObject,
): Promise<void> {
	const property = takeParam(params, 'binaryPropertyName');
	if (property === undefined) return;
	const name = String(property).trim();
	if (!ctx.getInputData()[itemIndex]?.binary?.[name])
		throw paramError(
			ctx,
			itemIndex,
			'Input Binary Field',
			`the item has no binary field "${name}"`,
		);
	const binary = ctx.helpers.assertBinaryData(itemIndex, name);
	const buffer = await ctx.helpers.getBinaryDataBuffer(itemIndex, name);
	holder.TEMPLATE_DATA = [binary.fileName ?? 'template.bpt', buffer.toString('base64')];
}

/** The template fields worth an item; TEMPLATE, VARIABLES and CONSTANTS only when selected. */
export const TEMPLATE_FIELDS = [
	'ID',
	'MODULE_ID',
	'ENTITY',
	'DOCUMENT_TYPE',
	'AUTO_EXECUTE',
	'NAME',
	'PARAMETERS',
	'MODIFIED',
	'IS_MODIFIED',
	'USER_ID',
	'SYSTEM_CODE',
];

const methods: MethodSpec[] = [
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many workflow templates',
		description:
			'List workflow templates (bizproc.workflow.template.list). Only a portal administrator may call it.',
		method: 'bizproc.workflow.template.list',
		fixed: { SELECT: TEMPLATE_FIELDS },
		params: [
			{
				name: 'moduleId',
				label: 'Module',
				path: 'FILTER.MODULE_ID',
				type: 'options',
				options: [
					{ name: 'CRM', value: 'crm' },
					{ name: 'Drive', value: 'disk' },
					{ name: 'Lists', value: 'lists' },
				],
				description: 'Only templates for documents of this module',
			},
			{
				name: 'documentType',
				label: 'Document Type',
				path: 'FILTER.DOCUMENT_TYPE',
				type: 'string',
				placeholder: 'DEAL',
				description:
					'Only templates for this document type: LEAD, CONTACT, COMPANY, DEAL, QUOTE, SMART_INVOICE, DYNAMIC_147 (a smart process), iblock_12 (a list), STORAGE_3 (a Drive storage)',
			},
			{
				name: 'autoExecute',
				label: 'Auto Start',
				path: 'FILTER.AUTO_EXECUTE',
				type: 'options',
				default: 0,
				options: AUTO_EXECUTE,
				description: 'Only templates that start by themselves this way',
			},
		],
		list: {
			rowsAt: [],
			idKey: 'ID',
			paging: 'offset',
			filterParam: 'FILTER',
			orderParam: 'ORDER',
			selectParam: 'SELECT',
		},
	},
	{
		value: 'create',
		name: 'Create',
		action: 'Create a workflow template',
		description:
			"Add a workflow template from a .bpt file (bizproc.workflow.template.add). Needs an application's OAuth2 credential and an administrator.",
		method: 'bizproc.workflow.template.add',
		params: [
			{
				name: 'documentType',
				label: 'Document Type',
				path: 'documentType',
				type: 'options',
				required: true,
				default: 'deal',
				options: DOCUMENT_KINDS.map((kind) => ({ name: kind.name, value: kind.value })),
				description:
					"What the template's workflows run on. Works only with the Bitrix24 OAuth2 credential of an application, for a portal administrator; an application may change only the templates it added.",
			},
			{ name: 'name', label: 'Name', path: 'NAME', type: 'string', required: true },
			binaryField(true, 'binaryPropertyName'),
			{
				name: 'containerId',
				label: 'Smart Process, List or Storage ID',
				path: 'containerId',
				type: 'id',
				description:
					'Required for smart process items (the type, e.g. 147), list documents (the list ID) and Drive files (the storage ID)',
			},
			{ name: 'description', label: 'Description', path: 'DESCRIPTION', type: 'text' },
			{
				name: 'autoExecute',
				label: 'Auto Start',
				path: 'AUTO_EXECUTE',
				type: 'options',
				options: AUTO_EXECUTE,
				default: 0,
				description: 'When workflows of the template start by themselves',
			},
		],
		adjust: async (ctx, itemIndex, params) => {
			const call = buildDocumentType(ctx, itemIndex, params);
			await templateFile(ctx, itemIndex, call, call);
			return call;
		},
		output: { as: 'ID' },
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update a workflow template',
		description:
			"Rename a workflow template, change when it starts, or replace its file (bizproc.workflow.template.update). Needs an application's OAuth2 credential and an administrator.",
		method: 'bizproc.workflow.template.update',
		params: [
			templateId,
			{ name: 'name', label: 'Name', path: 'FIELDS.NAME', type: 'string' },
			{ name: 'description', label: 'Description', path: 'FIELDS.DESCRIPTION', type: 'text' },
			{
				name: 'autoExecute',
				label: 'Auto Start',
				path: 'FIELDS.AUTO_EXECUTE',
				type: 'options',
				options: AUTO_EXECUTE,
				default: 0,
				description: 'When workflows of the template start by themselves',
			},
			binaryField(false, 'binaryPropertyName'),
		],
		adjust: async (ctx, itemIndex, params) => {
			const fields = (params.FIELDS ?? {}) as IDataObject;
			await templateFile(ctx, itemIndex, params, fields);
			if (!Object.keys(fields).length)
				throw paramError(
					ctx,
					itemIndex,
					'Additional Fields',
					'give at least one of Name, Description, Auto Start or Input Binary Field',
				);
			return { ...params, FIELDS: fields };
		},
		// the answer is the template's ID
		shape: (_ctx, _result, params) => ({ ID: params.ID, updated: true }),
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a workflow template',
		description:
			"Delete a workflow template (bizproc.workflow.template.delete). Needs an application's OAuth2 credential and an administrator.",
		method: 'bizproc.workflow.template.delete',
		params: [templateId],
		shape: (_ctx, _result, params) => ({ ID: params.ID, deleted: true }),
	},
];

/** Workflow templates: the designs workflows start from. */
export const workflowTemplateSpec: ResourceSpec = {
	value: 'bizprocTemplate',
	name: 'Workflow Template',
	description: 'Workflow templates (designs workflows start from)',
	methods,
};
