import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { createdId, done } from './answers';
import { requireChangedFields } from './changed-fields';
import { listParam } from './pickers';

/** crm.status.*: the stages of pipelines and the other CRM directories (sources, types ...). */

const directory = (path: string): ParamSpec =>
	listParam(
		'entityId',
		'Stage List Name or ID',
		path,
		'getStatusEntityTypes',
		'The stages of a pipeline (DEAL_STAGE, DEAL_STAGE_1, DYNAMIC_1036_STAGE_7, STATUS for leads) or another directory such as SOURCE',
	);
const stageId: ParamSpec = {
	name: 'stageId',
	label: 'Stage ID',
	path: 'id',
	type: 'id',
	required: true,
	description: 'The numeric ID of the stage (ID in Get Many), not its code',
};
const editable: ParamSpec[] = [
	{
		name: 'sort',
		label: 'Sort',
		path: 'fields.SORT',
		type: 'number',
		default: 10,
		description:
			'Position of the stage (ascending): in-progress stages first, then success, then failure',
	},
	{
		name: 'color',
		label: 'Color',
		path: 'fields.COLOR',
		type: 'string',
		placeholder: '#39A8EF',
		description: 'Hex color code',
	},
];

const methods: MethodSpec[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create a CRM stage',
		description: 'Add a stage to a pipeline or an item to a directory (crm.status.add)',
		method: 'crm.status.add',
		params: [
			directory('fields.ENTITY_ID'),
			{
				name: 'statusId',
				label: 'Code',
				path: 'fields.STATUS_ID',
				type: 'string',
				required: true,
				placeholder: 'DECISION',
				description: 'Unique code within the list; the pipeline prefix (C1:) is added by Bitrix24',
			},
			{ name: 'name', label: 'Name', path: 'fields.NAME', type: 'string', required: true },
			...editable,
			{
				name: 'semantics',
				label: 'Group',
				path: 'fields.SEMANTICS',
				type: 'options',
				options: [
					{ name: 'Failure', value: 'F' },
					{ name: 'In Progress', value: '' },
					{ name: 'Success', value: 'S' },
				],
				default: '',
			},
		],
		shape: createdId,
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a CRM stage',
		description: 'Delete a stage no record is in (crm.status.delete)',
		method: 'crm.status.delete',
		params: [
			stageId,
			{
				name: 'force',
				label: 'Force',
				path: 'params.FORCED',
				type: 'yesNo',
				description: 'Whether to delete system stages too',
			},
		],
		shape: done('deleted'),
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get a CRM stage',
		description: 'Get a stage or directory item by ID (crm.status.get)',
		method: 'crm.status.get',
		params: [stageId],
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many CRM stages',
		description: 'List the stages of a pipeline or the items of a directory (crm.status.list)',
		method: 'crm.status.list',
		params: [directory('filter.ENTITY_ID')],
		list: { rowsAt: [], idKey: 'ID', paging: 'single', filterParam: 'filter', selectParam: false },
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update a CRM stage',
		description: 'Rename, move or recolor a stage (crm.status.update)',
		method: 'crm.status.update',
		params: [
			stageId,
			{ name: 'name', label: 'Name', path: 'fields.NAME', type: 'string' },
			...editable,
		],
		adjust: requireChangedFields,
		shape: done('updated'),
	},
];

export const stageSpec: ResourceSpec = {
	value: 'crmStage',
	name: 'CRM Stage',
	description: 'Stages of pipelines and items of CRM directories',
	methods,
};
