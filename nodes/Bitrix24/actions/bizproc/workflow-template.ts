import type { MethodSpec, ResourceSpec } from '../method-table/spec';

/** The template fields worth an item; TEMPLATE, VARIABLES and CONSTANTS only when selected. */
export const TEMPLATE_FIELDS = ['ID', 'MODULE_ID', 'ENTITY', 'DOCUMENT_TYPE', 'AUTO_EXECUTE', 'NAME', 'PARAMETERS', 'MODIFIED', 'IS_MODIFIED', 'USER_ID', 'SYSTEM_CODE'];

const methods: MethodSpec[] = [
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many workflow templates',
		description: 'List workflow templates (bizproc.workflow.template.list). Only a portal administrator may call it.',
		method: 'bizproc.workflow.template.list',
		fixed: { SELECT: TEMPLATE_FIELDS },
		params: [
			{ name: 'moduleId', label: 'Module', path: 'FILTER.MODULE_ID', type: 'options', options: [{ name: 'CRM', value: 'crm' }, { name: 'Drive', value: 'disk' }, { name: 'Lists', value: 'lists' }], description: 'Only templates for documents of this module' },
			{ name: 'documentType', label: 'Document Type', path: 'FILTER.DOCUMENT_TYPE', type: 'string', placeholder: 'DEAL', description: 'Only templates for this document type: LEAD, CONTACT, COMPANY, DEAL, QUOTE, SMART_INVOICE, DYNAMIC_147 (a smart process), iblock_12 (a list), STORAGE_3 (a Drive storage)' },
			{
				name: 'autoExecute',
				label: 'Auto Start',
				path: 'FILTER.AUTO_EXECUTE',
				type: 'options',
				default: 0,
				options: [
					{ name: 'Never', value: 0 },
					{ name: 'On Create', value: 1 },
					{ name: 'On Update', value: 2 },
					{ name: 'On Create and Update', value: 3 },
				],
				description: 'Only templates that start by themselves this way',
			},
		],
		list: { rowsAt: [], idKey: 'ID', paging: 'offset', filterParam: 'FILTER', orderParam: 'ORDER', selectParam: 'SELECT' },
	},
];

/** Workflow templates: the designs workflows start from. */
export const workflowTemplateSpec: ResourceSpec = {
	value: 'bizprocTemplate',
	name: 'Workflow Template',
	description: 'Workflow templates (designs workflows start from)',
	methods,
};
