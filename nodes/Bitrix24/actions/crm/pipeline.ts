import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { done } from './answers';
import { requireChangedFields } from './changed-fields';
import { listParam } from './pickers';

/** crm.category.*: pipelines of deals and smart processes. */

const entityTypeId = listParam(
	'entityTypeId',
	'Entity Type Name or ID',
	'entityTypeId',
	'getPipelineEntityTypes',
	'Deals (2) or a smart process',
);
const pipelineId: ParamSpec = {
	name: 'pipelineId',
	label: 'Pipeline Name or ID',
	path: 'id',
	type: 'options',
	loadOptionsMethod: 'getPipelines',
	loadOptionsDependsOn: ['entityTypeId'],
	required: true,
	description:
		'The pipeline of the chosen entity type; the general deal pipeline is 0. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};
const fields = (required: boolean): ParamSpec[] => [
	{ name: 'name', label: 'Name', path: 'fields.name', type: 'string', required },
	{
		name: 'sort',
		label: 'Sort',
		path: 'fields.sort',
		type: 'number',
		default: 500,
		description: 'Position among the pipelines (ascending)',
	},
	{
		name: 'isDefault',
		label: 'Is Default',
		path: 'fields.isDefault',
		type: 'yesNo',
		description:
			'Whether this becomes the default pipeline (smart processes only; the default deal pipeline cannot change)',
	},
];

const methods: MethodSpec[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create a pipeline',
		description: 'Create a pipeline with default stages (crm.category.add)',
		method: 'crm.category.add',
		params: [entityTypeId, ...fields(true)],
		output: { at: ['category'] },
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a pipeline',
		description: 'Delete an empty pipeline that is not the default one (crm.category.delete)',
		method: 'crm.category.delete',
		params: [entityTypeId, pipelineId],
		shape: done('deleted'),
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get a pipeline',
		description: 'Get a pipeline by ID (crm.category.get)',
		method: 'crm.category.get',
		params: [entityTypeId, pipelineId],
		output: { at: ['category'] },
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many pipelines',
		description: 'List the pipelines of deals or of a smart process (crm.category.list)',
		method: 'crm.category.list',
		params: [entityTypeId],
		list: { rowsAt: ['categories'], idKey: 'id', paging: 'single', selectParam: false },
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update a pipeline',
		description: 'Rename, reorder or make default a pipeline (crm.category.update)',
		method: 'crm.category.update',
		params: [entityTypeId, pipelineId, ...fields(false)],
		output: { at: ['category'] },
		adjust: requireChangedFields,
	},
];

export const pipelineSpec: ResourceSpec = {
	value: 'crmPipeline',
	name: 'CRM Pipeline',
	description: 'Pipelines (categories) of deals and smart processes',
	methods,
};
