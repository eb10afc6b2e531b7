/**
 * What the poll trigger can watch: each record type's list method, where its rows are, how its
 * id and its two timestamps are spelled in filters and in rows, and its "simplified" fields.
 */

export type WatchedRecord = 'deal' | 'lead' | 'contact' | 'company' | 'item' | 'activity' | 'task';

export interface TimestampField {
	/** as filter and order spell it */
	filter: string;
	/** as rows spell it */
	row: string;
}

export interface RecordType {
	value: WatchedRecord;
	name: string;
	method: string;
	/** path from `result` to the rows */
	rowsAt: string[];
	/** the id as rows spell it */
	idKey: string;
	/** the id as filter and order spell it, when not as rows do */
	filterIdKey?: string;
	created: TimestampField;
	updated: TimestampField;
	/** the responsible user's field, as filters spell it */
	responsible: string;
	/** the fields "Simplify" keeps (ids and both timestamps included) */
	simpleSelect: string[];
	/** a select always sent when not simplifying (tasks: the docs ask for an explicit select) */
	fullSelect?: string[];
}

const classic = (value: WatchedRecord, name: string, simple: string[]): RecordType => ({
	value,
	name,
	method: `crm.${value}.list`,
	rowsAt: [],
	idKey: 'ID',
	created: { filter: 'DATE_CREATE', row: 'DATE_CREATE' },
	updated: { filter: 'DATE_MODIFY', row: 'DATE_MODIFY' },
	responsible: 'ASSIGNED_BY_ID',
	simpleSelect: ['ID', ...simple, 'ASSIGNED_BY_ID', 'DATE_CREATE', 'DATE_MODIFY'],
});

export const RECORD_TYPES: RecordType[] = [
	classic('deal', 'Deal', [
		'TITLE',
		'CATEGORY_ID',
		'STAGE_ID',
		'OPPORTUNITY',
		'CURRENCY_ID',
		'CONTACT_ID',
		'COMPANY_ID',
	]),
	classic('lead', 'Lead', [
		'TITLE',
		'NAME',
		'LAST_NAME',
		'STATUS_ID',
		'OPPORTUNITY',
		'CURRENCY_ID',
		'PHONE',
		'EMAIL',
	]),
	classic('contact', 'Contact', ['NAME', 'LAST_NAME', 'COMPANY_ID', 'PHONE', 'EMAIL']),
	classic('company', 'Company', ['TITLE', 'COMPANY_TYPE', 'PHONE', 'EMAIL']),
	{
		value: 'item',
		name: 'CRM Item (Smart Process or Any Type)',
		method: 'crm.item.list',
		rowsAt: ['items'],
		idKey: 'id',
		created: { filter: 'createdTime', row: 'createdTime' },
		updated: { filter: 'updatedTime', row: 'updatedTime' },
		responsible: 'assignedById',
		simpleSelect: [
			'id',
			'title',
			'categoryId',
			'stageId',
			'opportunity',
			'currencyId',
			'assignedById',
			'createdTime',
			'updatedTime',
		],
	},
	{
		value: 'activity',
		name: 'Activity',
		method: 'crm.activity.list',
		rowsAt: [],
		idKey: 'ID',
		created: { filter: 'CREATED', row: 'CREATED' },
		updated: { filter: 'LAST_UPDATED', row: 'LAST_UPDATED' },
		responsible: 'RESPONSIBLE_ID',
		simpleSelect: [
			'ID',
			'OWNER_TYPE_ID',
			'OWNER_ID',
			'TYPE_ID',
			'SUBJECT',
			'COMPLETED',
			'DEADLINE',
			'RESPONSIBLE_ID',
			'CREATED',
			'LAST_UPDATED',
		],
	},
	{
		value: 'task',
		name: 'Task',
		method: 'tasks.task.list',
		rowsAt: ['tasks'],
		idKey: 'id',
		filterIdKey: 'ID',
		created: { filter: 'CREATED_DATE', row: 'createdDate' },
		updated: { filter: 'CHANGED_DATE', row: 'changedDate' },
		responsible: 'RESPONSIBLE_ID',
		simpleSelect: [
			'ID',
			'TITLE',
			'STATUS',
			'PRIORITY',
			'GROUP_ID',
			'CREATED_BY',
			'RESPONSIBLE_ID',
			'DEADLINE',
			'CREATED_DATE',
			'CHANGED_DATE',
		],
		fullSelect: [
			'ID',
			'PARENT_ID',
			'TITLE',
			'DESCRIPTION',
			'MARK',
			'PRIORITY',
			'STATUS',
			'GROUP_ID',
			'STAGE_ID',
			'CREATED_BY',
			'CREATED_DATE',
			'RESPONSIBLE_ID',
			'ACCOMPLICES',
			'AUDITORS',
			'CHANGED_BY',
			'CHANGED_DATE',
			'CLOSED_BY',
			'CLOSED_DATE',
			'DATE_START',
			'DEADLINE',
			'START_DATE_PLAN',
			'END_DATE_PLAN',
			'TIME_ESTIMATE',
			'TAGS',
			'UF_CRM_TASK',
		],
	},
];

export function recordType(value: string): RecordType {
	const found = RECORD_TYPES.find((type) => type.value === value);
	if (!found) throw new TypeError(`Unknown record type "${value}"`);
	return found;
}
