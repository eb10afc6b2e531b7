import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { fieldMapping, fieldsJson } from '../../../shared/descriptions/fields';
import { filterConditions, orderAndSelect } from '../../../shared/descriptions/filters';
import { recordLocator } from '../../../shared/descriptions/locator';
import { returnAllOrLimit } from '../../../shared/descriptions/paging';
import { bitrix24Call, bitrix24List } from '../../../shared/transport';
import {
	paramError,
	readFieldMapping,
	readFilter,
	readJsonObject,
	readLimit,
	readOrder,
	readRecordId,
	readSelect,
} from '../params';
import { optionsCollection } from '../../../shared/descriptions/options';
import { paramProperty, paramValue } from '../method-table/build';
import type { ParamSpec } from '../method-table/spec';
import type { CallOperation, Resource, RunOperation } from '../types';
import { classicUpsert } from './classic-upsert';
import { multiFieldInput, multiFieldsProperty, needsStored, readMultiFields } from './multi-fields';

/**
 * A record of the classic CRM API (`crm.deal.*`, `crm.lead.*` ...): one row per entity
 * (deal.ts, lead.ts, contact.ts, company.ts), its fields as table parameters whose `path` is
 * the field's code; the operations below serve all four.
 */
export interface ClassicRecord {
	value: 'deal' | 'lead' | 'contact' | 'company';
	name: string;
	plural: string;
	/** shown under the resource's name */
	description: string;
	method: string;
	/** portal path segment of the record's page: /crm/<path>/details/<id>/ */
	path: string;
	/** main fields asked for on Create */
	primary: ParamSpec[];
	common: ParamSpec[];
	/** fields that make a readable name in "From List" */
	label: string[];
}

/** Deals have no PHONE, EMAIL, WEB or IM fields. */
export const hasMultiFields = (entity: ClassicRecord): boolean => entity.value !== 'deal';

/** The Phones, E-Mails ... list where the record has them (a parameter added after version 1's). */
export function multiFieldsOf(entity: ClassicRecord, withModes: boolean): INodeProperties[] {
	return hasMultiFields(entity) ? [multiFieldsProperty(withModes)] : [];
}

export const fieldsMethodOf = (entity: ClassicRecord) => `get${entity.name}Fields`;
export const searchMethodOf = (entity: ClassicRecord) => `search${entity.plural}`;
export const mappingMethodOf = (entity: ClassicRecord) => `get${entity.name}MappingColumns`;

export function scoped(
	entity: ClassicRecord,
	operation: string,
	properties: INodeProperties[],
): INodeProperties[] {
	return updateDisplayOptions(
		{ show: { resource: [entity.value], operation: [operation] } },
		properties,
	);
}

function idLocator(entity: ClassicRecord): INodeProperties {
	return recordLocator({
		displayName: `${entity.name}`,
		name: 'recordId',
		searchListMethod: searchMethodOf(entity),
		urlPattern: `/crm/${entity.path}/details/(\\d+)`,
		urlPlaceholder: `https://your-portal.bitrix24.com/crm/${entity.path}/details/42/`,
	});
}

export function fieldCollection(
	entity: ClassicRecord,
	name: string,
	displayName: string,
	withPrimary: boolean,
): INodeProperties {
	const fields = withPrimary ? [...entity.primary, ...entity.common] : entity.common;
	return {
		displayName,
		name,
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: fields.map(paramProperty).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** Everything the user set for the record: named fields, then Fields, then Fields (JSON). */
export function readFields(
	ctx: IExecuteFunctions,
	entity: ClassicRecord,
	itemIndex: number,
	collectionName: string,
): IDataObject {
	const fields: IDataObject = {};
	const all = [...entity.primary, ...entity.common];
	for (const field of entity.primary) {
		if (collectionName !== 'additionalFields') break;
		const value = ctx.getNodeParameter(field.name, itemIndex, '') as string;
		if (value !== '') fields[field.path] = value;
	}
	const collection = ctx.getNodeParameter(collectionName, itemIndex, {}) as IDataObject;
	for (const [name, value] of Object.entries(collection)) {
		const field = all.find((entry) => entry.name === name);
		if (field && value !== '' && value !== undefined && value !== null) {
			fields[field.path] = paramValue(
				ctx,
				field,
				value,
				itemIndex,
			) as IDataObject[keyof IDataObject];
		}
	}
	Object.assign(
		fields,
		readFieldMapping(ctx, itemIndex),
		readJsonObject(ctx, 'fieldsJson', 'Fields (JSON)', itemIndex),
	);
	return fields;
}

function create(entity: ClassicRecord): CallOperation {
	const primary = entity.primary.map((field) => ({
		...paramProperty(field),
		description: `${field.label} of the new ${entity.name.toLowerCase()}`,
	}));
	return {
		description: scoped(entity, 'create', [
			...primary,
			fieldCollection(entity, 'additionalFields', 'Additional Fields', false),
			...multiFieldsOf(entity, false),
			fieldMapping(mappingMethodOf(entity)),
			fieldsJson,
		]),
		plan(itemIndex) {
			const fields = readFields(this, entity, itemIndex, 'additionalFields');
			if (hasMultiFields(entity))
				Object.assign(fields, multiFieldInput(readMultiFields(this, itemIndex), fields));
			if (Object.keys(fields).length === 0) {
				throw paramError(
					this,
					itemIndex,
					entity.primary[0].label,
					`give the new ${entity.name.toLowerCase()} at least one field`,
				);
			}
			return { method: `${entity.method}.add`, params: { fields } };
		},
		shape: (envelope) => ({ ID: String(envelope.result) }),
	};
}

function get(entity: ClassicRecord): CallOperation {
	return {
		description: scoped(entity, 'get', [idLocator(entity)]),
		plan(itemIndex) {
			return {
				method: `${entity.method}.get`,
				params: { id: readRecordId(this, 'recordId', entity.name, itemIndex) },
			};
		},
		shape: (envelope) => envelope.result as IDataObject,
	};
}

function update(entity: ClassicRecord): CallOperation {
	return {
		description: scoped(entity, 'update', [
			idLocator(entity),
			fieldCollection(entity, 'updateFields', 'Update Fields', true),
			...multiFieldsOf(entity, true),
			fieldMapping(mappingMethodOf(entity)),
			fieldsJson,
		]),
		async plan(itemIndex) {
			const id = readRecordId(this, 'recordId', entity.name, itemIndex);
			const fields = readFields(this, entity, itemIndex, 'updateFields');
			if (hasMultiFields(entity)) {
				const values = readMultiFields(this, itemIndex);
				// replacing or deleting by value needs the record's current values and their IDs
				const stored = needsStored(values)
					? ((await bitrix24Call(this, `${entity.method}.get`, { id }, itemIndex))
							.result as IDataObject)
					: undefined;
				Object.assign(fields, multiFieldInput(values, fields, stored));
			}
			if (Object.keys(fields).length === 0) {
				throw paramError(this, itemIndex, 'Update Fields', 'choose at least one field to change');
			}
			return { method: `${entity.method}.update`, params: { id, fields } };
		},
		shape: (envelope, _itemIndex, call) => ({
			ID: String(call.params?.id),
			updated: envelope.result === true,
		}),
	};
}

function remove(entity: ClassicRecord): CallOperation {
	return {
		description: scoped(entity, 'delete', [idLocator(entity)]),
		plan(itemIndex) {
			return {
				method: `${entity.method}.delete`,
				params: { id: readRecordId(this, 'recordId', entity.name, itemIndex) },
			};
		},
		shape: (envelope, _itemIndex, call) => ({
			ID: String(call.params?.id),
			deleted: envelope.result === true,
		}),
	};
}

function getAll(entity: ClassicRecord): RunOperation {
	return {
		description: scoped(entity, 'getAll', [
			...returnAllOrLimit,
			filterConditions(fieldsMethodOf(entity)),
			optionsCollection(orderAndSelect(fieldsMethodOf(entity))),
		]),
		async run(itemIndex) {
			const select = readSelect(this, itemIndex);
			return await bitrix24List(
				this,
				{
					method: `${entity.method}.list`,
					params: {
						filter: readFilter(this, itemIndex),
						order: readOrder(this, itemIndex),
						...(select.length ? { select } : {}),
					},
					rowsAt: [],
					idKey: 'ID',
				},
				readLimit(this, itemIndex),
				itemIndex,
			);
		},
	};
}

function getFields(entity: ClassicRecord): CallOperation {
	return {
		description: scoped(entity, 'getFields', []),
		plan: () => ({ method: `${entity.method}.fields` }),
		shape: (envelope) =>
			Object.entries((envelope.result ?? {}) as IDataObject).map(([name, meta]) => ({
				name,
				...(meta as IDataObject),
			})),
	};
}

export function classicRecordResource(entity: ClassicRecord): Resource {
	const lower = entity.name.toLowerCase();
	return {
		value: entity.value,
		name: entity.name,
		description: entity.description,
		operations: [
			{
				value: 'create',
				name: 'Create',
				action: `Create a ${lower}`,
				description: `Create a ${lower}`,
				operation: create(entity),
			},
			{
				value: 'upsert',
				name: 'Create or Update',
				action: `Create or update a ${lower}`,
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				operation: classicUpsert(entity),
			},
			{
				value: 'delete',
				name: 'Delete',
				action: `Delete a ${lower}`,
				description: `Delete a ${lower}`,
				operation: remove(entity),
			},
			{
				value: 'get',
				name: 'Get',
				action: `Get a ${lower}`,
				description: `Get a ${lower}`,
				operation: get(entity),
			},
			{
				value: 'getAll',
				name: 'Get Many',
				action: `Get many ${entity.plural.toLowerCase()}`,
				description: `Get many ${entity.plural.toLowerCase()}, with filters`,
				operation: getAll(entity),
			},
			{
				value: 'getFields',
				name: 'Get Fields',
				action: `Get ${lower} fields`,
				description: `List the ${lower} fields of the portal, custom fields included`,
				operation: getFields(entity),
			},
			{
				value: 'update',
				name: 'Update',
				action: `Update a ${lower}`,
				description: `Update a ${lower}`,
				operation: update(entity),
			},
		],
	};
}
