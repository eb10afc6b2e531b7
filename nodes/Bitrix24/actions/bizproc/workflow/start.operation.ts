import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { methodOperation } from '../../method-table/build';
import type { MethodSpec } from '../../method-table/spec';
import { paramError } from '../../params';
import type { CallOperation, OperationEntry } from '../../types';
import { withDescriptions } from '../../types';
import { buildDocumentId, DOCUMENT_KINDS } from '../document';

const RESOURCE = 'bizprocWorkflow';
const VALUE = 'start';

/** The template's parameters as name/value pairs: PARAMETERS of bizproc.workflow.start. */
function templateParameters(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const collection = ctx.getNodeParameter('templateParameters', itemIndex, {}) as {
		parameter?: Array<{ name?: string; value?: unknown }>;
	};
	const parameters: IDataObject = {};
	for (const entry of collection.parameter ?? []) {
		const name = String(entry.name ?? '').trim();
		if (!name)
			throw paramError(ctx, itemIndex, 'Template Parameters', 'every parameter needs a name');
		parameters[name] = entry.value as IDataObject[keyof IDataObject];
	}
	return parameters;
}

const spec: MethodSpec = {
	value: VALUE,
	name: 'Start',
	action: 'Start a workflow',
	description:
		'Start a workflow from a template on a document (bizproc.workflow.start). Only a portal administrator may call it.',
	method: 'bizproc.workflow.start',
	params: [
		{
			name: 'templateId',
			label: 'Template Name or ID',
			path: 'TEMPLATE_ID',
			type: 'options',
			required: true,
			loadOptionsMethod: 'getBizprocTemplates',
			description:
				'The workflow template; its document type must match the document. Only a portal administrator may start workflows (and list templates). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			pattern: { match: /^\d+$/, hint: 'is not a template ID (a positive whole number)' },
		},
		{
			name: 'documentType',
			label: 'Document Type',
			path: 'documentType',
			type: 'options',
			required: true,
			default: 'deal',
			options: DOCUMENT_KINDS.map((kind) => ({ name: kind.name, value: kind.value })),
			description: 'What the workflow runs on',
		},
		{
			name: 'documentId',
			label: 'Record ID',
			path: 'documentId',
			type: 'id',
			required: true,
			description: 'ID of the deal, lead, list element, file ... the workflow runs on',
		},
		{
			name: 'smartProcessTypeId',
			label: 'Smart Process Type ID',
			path: 'smartProcessTypeId',
			type: 'id',
			description:
				'For a smart process item: the first number in its document ID, e.g. 147 for DYNAMIC_147_1 (item 1)',
		},
	],
	output: { as: 'workflowId' },
	adjust: (ctx, itemIndex, params) => {
		const parameters = templateParameters(ctx, itemIndex);
		const call = buildDocumentId(ctx, itemIndex, params);
		if (Object.keys(parameters).length)
			call.PARAMETERS = { ...parameters, ...((call.PARAMETERS as IDataObject) ?? {}) };
		return call;
	},
};

const parametersProperty: INodeProperties = {
	displayName: 'Template Parameters',
	name: 'templateParameters',
	type: 'fixedCollection',
	placeholder: 'Add Parameter',
	typeOptions: { multipleValues: true },
	default: {},
	description:
		"Values of the template's parameters (see Workflow Template > Get Many, PARAMETERS). A user parameter takes user_ and the user ID, e.g. user_14.",
	options: [
		{
			displayName: 'Parameter',
			name: 'parameter',
			values: [
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					placeholder: 'resp_employee',
					description: "The parameter's ID in the template",
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					placeholder: 'user_14',
				},
			],
		},
	],
};

/** The pairs go after the required fields, before Additional Fields. */
function withParameters(properties: INodeProperties[]): INodeProperties[] {
	const [shown] = updateDisplayOptions({ show: { resource: [RESOURCE], operation: [VALUE] } }, [
		parametersProperty,
	]);
	const at = properties.findIndex((property) => property.name === 'additionalFields');
	return at < 0
		? [...properties, shown]
		: [...properties.slice(0, at), shown, ...properties.slice(at)];
}

const base = methodOperation(RESOURCE, spec) as CallOperation;

/** A table row plus the name/value pairs a table cannot describe. */
export const startOperation: OperationEntry = {
	value: VALUE,
	name: spec.name,
	action: spec.action,
	description: spec.description,
	operation: withDescriptions(base, withParameters),
};
