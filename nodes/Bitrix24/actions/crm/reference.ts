import type { MethodSpec, ResourceSpec } from '../method-table/spec';
import { fieldList } from './answers';

/**
 * crm.enum.*: the CRM's fixed lists (object types, address types, CRM modes, and the values of the
 * old activity API). Each answers its whole list at once: ID, NAME, SYMBOL_CODE, SYMBOL_CODE_SHORT
 * (the order owner types: id, name, code, attribute).
 */

const enumeration = (
	value: string,
	name: string,
	what: string,
	method: string,
	idKey = 'ID',
): MethodSpec => ({
	value,
	name,
	action: `Get ${what}`,
	description: `List the ${what} (${method})`,
	method,
	params: [],
	list: { rowsAt: [], idKey, paging: 'single', selectParam: false },
});

const methods: MethodSpec[] = [
	enumeration(
		'getOwnerTypes',
		'Get Owner Types',
		'CRM object types, smart processes included',
		'crm.enum.ownertype',
	),
	enumeration('getAddressTypes', 'Get Address Types', 'address types', 'crm.enum.addresstype'),
	enumeration(
		'getOrderOwnerTypes',
		'Get Order Owner Types',
		'object types an order can be bound to',
		'crm.enum.getorderownertypes',
		'id',
	),
	enumeration('getCrmModes', 'Get CRM Modes', 'CRM operating modes', 'crm.enum.settings.mode'),
	enumeration('getActivityTypes', 'Get Activity Types', 'activity types', 'crm.enum.activitytype'),
	enumeration(
		'getActivityStatuses',
		'Get Activity Statuses',
		'activity statuses',
		'crm.enum.activitystatus',
	),
	enumeration(
		'getActivityPriorities',
		'Get Activity Priorities',
		'activity priorities',
		'crm.enum.activitypriority',
	),
	enumeration(
		'getActivityDirections',
		'Get Activity Directions',
		'activity directions of e-mails and calls',
		'crm.enum.activitydirection',
	),
	enumeration(
		'getActivityNotifyTypes',
		'Get Activity Notify Types',
		'units of activity reminders',
		'crm.enum.activitynotifytype',
	),
	enumeration(
		'getContentTypes',
		'Get Content Types',
		'formats of activity descriptions',
		'crm.enum.contenttype',
	),
	{
		value: 'getFields',
		name: 'Get Fields',
		action: 'Get the fields of reference data items',
		description: 'Describe the fields of reference data items (crm.enum.fields)',
		method: 'crm.enum.fields',
		params: [],
		shape: fieldList,
	},
];

export const referenceSpec: ResourceSpec = {
	value: 'crmReferenceData',
	name: 'CRM Reference Data',
	description: 'The CRM’s fixed lists: object types, address types, activity values',
	methods,
	first: 'getOwnerTypes',
};
