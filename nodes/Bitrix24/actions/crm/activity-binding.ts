import type { IDataObject } from 'n8n-workflow';

import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { ACTIVITY_LOCATOR, RECORD_OF_TYPE } from './locators';
import { listParam } from './pickers';

/**
 * crm.activity.binding.*: the records an activity shows in (at most 100). An activity keeps at
 * least one binding; Move rebinds it from one record to another of the same type.
 */

const activityId: ParamSpec = {
	name: 'activityId',
	label: 'Activity',
	path: 'activityId',
	type: 'id',
	required: true,
	locator: ACTIVITY_LOCATOR,
};
const entityTypeId = (path: string, description: string): ParamSpec =>
	listParam('entityTypeId', 'Entity Type Name or ID', path, 'getEntityTypes', description);
const record = (name: string, label: string, path: string, description: string): ParamSpec => ({
	name,
	label,
	path,
	type: 'id',
	required: true,
	description,
	locator: RECORD_OF_TYPE,
});

const numeric = (params: IDataObject, ...keys: string[]): IDataObject => {
	const out = { ...params };
	for (const key of keys) out[key] = Number(out[key]);
	return out;
};

/** What Add and Remove answer: the activity, the record, and the method's flag. */
const echo =
	(flag: 'added' | 'removed'): NonNullable<MethodSpec['shape']> =>
	(_ctx, result, params): IDataObject => ({
		ID: String(params.activityId),
		entityTypeId: params.entityTypeId as number,
		entityId: params.entityId as number,
		[flag]: result === true,
	});

const bindingParams = (verb: string): ParamSpec[] => [
	activityId,
	entityTypeId('entityTypeId', `The CRM type of the record to ${verb}`),
	record('entityId', 'Record', 'entityId', `The record (of the Entity Type) to ${verb}`),
];

const methods: MethodSpec[] = [
	{
		value: 'add',
		name: 'Add',
		action: 'Bind an activity to a record',
		description:
			'Show an activity in one more record’s timeline, at most 100 (crm.activity.binding.add)',
		method: 'crm.activity.binding.add',
		params: bindingParams('bind the activity to'),
		adjust: (_ctx, _itemIndex, params) => numeric(params, 'entityTypeId'),
		shape: echo('added'),
	},
	{
		value: 'remove',
		name: 'Remove',
		action: 'Unbind an activity from a record',
		description:
			'Remove an activity from a record’s timeline; its last binding stays (crm.activity.binding.delete)',
		method: 'crm.activity.binding.delete',
		params: bindingParams('unbind the activity from'),
		adjust: (_ctx, _itemIndex, params) => numeric(params, 'entityTypeId'),
		shape: echo('removed'),
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get the bindings of an activity',
		description: 'The records an activity is bound to (crm.activity.binding.list)',
		method: 'crm.activity.binding.list',
		params: [activityId],
		list: { rowsAt: [], idKey: 'entityId', paging: 'single', selectParam: false },
	},
	{
		value: 'move',
		name: 'Move',
		action: 'Move an activity to another record',
		description:
			'Rebind an activity from one record to another of the same type (crm.activity.binding.move)',
		method: 'crm.activity.binding.move',
		params: [
			activityId,
			entityTypeId(
				'sourceEntityTypeId',
				'The CRM type of both records: an activity moves only between records of one type',
			),
			record('sourceEntityId', 'From Record', 'sourceEntityId', 'The record the activity leaves'),
			record('targetEntityId', 'To Record', 'targetEntityId', 'The record the activity moves to'),
		],
		adjust: (_ctx, _itemIndex, params) => {
			const out = numeric(params, 'sourceEntityTypeId');
			out.targetEntityTypeId = out.sourceEntityTypeId;
			return out;
		},
		shape: (_ctx, result, params): IDataObject => ({
			ID: String(params.activityId),
			entityTypeId: params.sourceEntityTypeId as number,
			sourceEntityId: params.sourceEntityId as number,
			targetEntityId: params.targetEntityId as number,
			moved: result === true,
		}),
	},
];

export const activityBindingSpec: ResourceSpec = {
	value: 'crmActivityBinding',
	name: 'CRM Activity Binding',
	description: 'The records an activity shows in',
	methods,
	first: 'add',
};
