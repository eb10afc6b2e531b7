import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import type { RestCall } from '../transport';

/**
 * The events the trigger offers by name, as the REST docs spell them (bitrix24/b24restdocs:
 * crm/<entity>/events/on-crm-<entity>-{add,update,delete}.md,
 * crm/universal/events/on-crm-dynamic-item-*.md, tasks/events-tasks/on-task-*.md).
 * Event data carries only ids; `record` says how the whole record is read back.
 */
export interface RecordSource {
	/** the REST call for the record the event names, or undefined when it names none */
	call(data: IDataObject): RestCall | undefined;
	/** where the record is in the method's `result` */
	pick(result: unknown): unknown;
}

export interface EventDefinition {
	name: string;
	value: string;
	description: string;
	record?: RecordSource;
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectAt(value: unknown, key: string): IDataObject | undefined {
	const child = isObject(value) ? value[key] : undefined;
	return isObject(child) ? child : undefined;
}

function idOf(value: unknown): string | undefined {
	const text =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	return /^\d+$/.test(text) && text !== '0' ? text : undefined;
}

/** crm.deal.get & co.: `data[FIELDS][ID]`; the record is `result`. */
function oldCrmRecord(entity: string): RecordSource {
	return {
		call: (data) => {
			const id = idOf(objectAt(data, 'FIELDS')?.ID);
			return id ? { method: `crm.${entity}.get`, params: { id } } : undefined;
		},
		pick: (result) => result,
	};
}

/** Smart processes (and smart invoices): `data[FIELDS][ID]` + `data[FIELDS][ENTITY_TYPE_ID]`; crm.item.get -> `result.item`. */
const dynamicItemRecord: RecordSource = {
	call: (data) => {
		const fields = objectAt(data, 'FIELDS');
		const id = idOf(fields?.ID);
		const entityTypeId = idOf(fields?.ENTITY_TYPE_ID);
		return id && entityTypeId
			? { method: 'crm.item.get', params: { entityTypeId, id } }
			: undefined;
	},
	pick: (result) => (isObject(result) ? result.item : undefined),
};

/** Tasks: `data[FIELDS_AFTER][ID]`; tasks.task.get -> `result.task`. */
const taskRecord: RecordSource = {
	call: (data) => {
		const id = idOf(objectAt(data, 'FIELDS_AFTER')?.ID);
		return id ? { method: 'tasks.task.get', params: { taskId: id } } : undefined;
	},
	pick: (result) => (isObject(result) ? result.task : undefined),
};

const CRM_ENTITIES: Array<{ entity: string; label: string; code: string }> = [
	{ entity: 'company', label: 'Company', code: 'COMPANY' },
	{ entity: 'contact', label: 'Contact', code: 'CONTACT' },
	{ entity: 'deal', label: 'Deal', code: 'DEAL' },
	{ entity: 'lead', label: 'Lead', code: 'LEAD' },
];

const ACTIONS: Array<{ code: 'ADD' | 'UPDATE' | 'DELETE'; label: string; verb: string }> = [
	{ code: 'ADD', label: 'Created', verb: 'is created' },
	{ code: 'DELETE', label: 'Deleted', verb: 'is deleted' },
	{ code: 'UPDATE', label: 'Updated', verb: 'is updated' },
];

export const EVENTS: EventDefinition[] = [
	...CRM_ENTITIES.flatMap(({ entity, label, code }) =>
		ACTIONS.map((action) => ({
			name: `${label} ${action.label}`,
			value: `ONCRM${code}${action.code}`,
			description: `When a CRM ${entity} ${action.verb} (ONCRM${code}${action.code})`,
			record: action.code === 'DELETE' ? undefined : oldCrmRecord(entity),
		})),
	),
	...ACTIONS.map((action) => ({
		name: `Smart Process Item ${action.label}`,
		value: `ONCRMDYNAMICITEM${action.code}`,
		description: `When an item of a smart process or a smart invoice ${action.verb} (ONCRMDYNAMICITEM${action.code})`,
		record: action.code === 'DELETE' ? undefined : dynamicItemRecord,
	})),
	...ACTIONS.map((action) => ({
		name: `Task ${action.label}`,
		value: `ONTASK${action.code}`,
		description: `When a task ${action.verb} (ONTASK${action.code})`,
		record: action.code === 'DELETE' ? undefined : taskRecord,
	})),
];

export const EVENT_OPTIONS: INodePropertyOptions[] = EVENTS.map(({ name, value, description }) => ({
	name,
	value,
	description,
})).sort((a, b) => a.name.localeCompare(b.name));

const BY_NAME = new Map(EVENTS.map((event) => [event.value, event]));

export function eventDefinition(name: string): EventDefinition | undefined {
	return BY_NAME.get(name.toUpperCase());
}

/** Bitrix24 event codes are letters, digits and underscores; the portal compares them case-insensitively. */
export const EVENT_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** "onCrmActivityAdd, ONCALENDARENTRYADD" -> ['ONCRMACTIVITYADD', 'ONCALENDARENTRYADD'] and the entries that are not event names. */
export function parseEventList(text: string): { names: string[]; invalid: string[] } {
	const names: string[] = [];
	const invalid: string[] = [];
	for (const entry of text.split(/[,;\s]+/)) {
		const trimmed = entry.trim();
		if (!trimmed) continue;
		if (EVENT_NAME.test(trimmed)) names.push(trimmed.toUpperCase());
		else invalid.push(trimmed);
	}
	return { names, invalid };
}
