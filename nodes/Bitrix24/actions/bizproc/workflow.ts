import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { startOperation } from './workflow/start.operation';

/** Workflow instance IDs are uniqid() strings such as 66e412fdc9bd44.36306599. */
export const workflowId: ParamSpec = {
	name: 'workflowId',
	label: 'Workflow ID',
	path: 'ID',
	type: 'string',
	required: true,
	placeholder: '66e412fdc9bd44.36306599',
	description: 'ID of a running workflow, e.g. from Workflow > Get Many or Workflow > Start',
	pattern: {
		match: /^[0-9A-Za-z]+(\.[0-9]+)?$/,
		hint: 'is not a workflow ID (such as 66e412fdc9bd44.36306599)',
	},
};

/** Every field bizproc.workflow.instances documents; it answers only ID, MODIFIED and OWNED_UNTIL unless asked. */
const INSTANCE_FIELDS = [
	'ID',
	'MODIFIED',
	'OWNED_UNTIL',
	'MODULE_ID',
	'ENTITY',
	'DOCUMENT_ID',
	'STARTED',
	'STARTED_BY',
	'TEMPLATE_ID',
];

const methods: MethodSpec[] = [
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many running workflows',
		description:
			'List running workflows (bizproc.workflow.instances). Only a portal administrator may call it.',
		method: 'bizproc.workflow.instances',
		fixed: { SELECT: INSTANCE_FIELDS },
		params: [
			{
				name: 'templateId',
				label: 'Template Name or ID',
				path: 'FILTER.TEMPLATE_ID',
				type: 'options',
				loadOptionsMethod: 'getBizprocTemplates',
				description:
					'Only workflows of this template. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				pattern: { match: /^\d+$/, hint: 'is not a template ID (a positive whole number)' },
			},
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
				description: 'Only workflows on documents of this module',
			},
			{
				name: 'documentId',
				label: 'Document ID',
				path: 'FILTER.DOCUMENT_ID',
				type: 'string',
				placeholder: 'DEAL_12',
				description:
					'Only workflows on this document, as Bitrix24 writes it (DEAL_12, LEAD_5, 77 ...)',
			},
			{
				name: 'startedBy',
				label: 'Started By Name or ID',
				path: 'FILTER.STARTED_BY',
				type: 'options',
				loadOptionsMethod: 'getUsers',
				description:
					'Only workflows this user started. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
		// workflow IDs are not numbers: the list is walked by offset
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
		value: 'terminate',
		name: 'Terminate',
		action: 'Terminate a workflow',
		description:
			'Stop a running workflow and keep its data (bizproc.workflow.terminate). Only a portal administrator may call it.',
		method: 'bizproc.workflow.terminate',
		params: [
			workflowId,
			{
				name: 'status',
				label: 'Status Text',
				path: 'STATUS',
				type: 'string',
				description: 'The status text the stopped workflow shows',
			},
		],
		output: { as: 'terminated', echo: { ID: 'ID' } },
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a workflow',
		description:
			'Stop a running workflow and delete all its data (bizproc.workflow.kill). Only a portal administrator may call it.',
		method: 'bizproc.workflow.kill',
		params: [workflowId],
		output: { as: 'deleted', echo: { ID: 'ID' } },
	},
];

/** Running workflows (business processes): start, list, stop. */
export const workflowSpec: ResourceSpec = {
	value: 'bizprocWorkflow',
	name: 'Workflow',
	description: 'Business processes running on CRM records, list elements and files',
	methods,
	operations: [startOperation],
	first: 'start',
};
