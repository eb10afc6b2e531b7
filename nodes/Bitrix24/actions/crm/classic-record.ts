import type { IDataObject } from 'n8n-workflow';

import { fieldMapping, fieldsJson } from '../../../shared/descriptions/fields';
import { filterConditions, orderAndSelect } from '../../../shared/descriptions/filters';
import { optionsCollection } from '../../../shared/descriptions/options';
import { returnAllOrLimit } from '../../../shared/descriptions/paging';
import type { RestCall } from '../../../shared/transport';
import { bitrix24Call, bitrix24List, WrittenId } from '../../../shared/transport';
import {
	nodeVersion,
	paramError,
	readFilter,
	readLimit,
	readOrder,
	readRecordId,
	readSelect,
} from '../params';
import { paramProperty } from '../method-table/build';
import type { CallOperation, Resource, RunOperation } from '../types';
import type { ClassicRecord } from './classic-entity';
import {
	fieldCollection,
	fieldsMethodOf,
	hasMultiFields,
	idLocator,
	mappingMethodOf,
	multiFieldsOf,
	readFields,
	scoped,
} from './classic-entity';
import {
	customFieldLabels,
	labelsRead,
	SIMPLIFY,
	simplifiedSelect,
	simplifyRecord,
	simplifying,
	v2FieldProperties,
} from './classic-record-v2';
import { classicUpsert } from './classic-upsert';
import { multiFieldInput, needsStored, readMultiFields } from './multi-fields';

export * from './classic-entity';

/** The operations of the classic records (Create ... Update), one set per entity. */
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
		v2Description: scoped(entity, 'create', [
			...v2FieldProperties(mappingMethodOf(entity)).slice(0, 1),
			...multiFieldsOf(entity, false),
			...v2FieldProperties(mappingMethodOf(entity)).slice(1),
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
			const call: RestCall = { method: `${entity.method}.add`, params: { fields } };
			// version 2 answers the created record, read in the same batch request
			if (nodeVersion(this) >= 2)
				call.readBack = { method: `${entity.method}.get`, params: { id: new WrittenId() } };
			return call;
		},
		shape: (envelope) =>
			envelope.readBack?.ok && envelope.readBack.envelope.result
				? (envelope.readBack.envelope.result as IDataObject)
				: { ID: String(envelope.result) },
	};
}

function get(entity: ClassicRecord): CallOperation {
	return {
		description: scoped(entity, 'get', [idLocator(entity)]),
		v2Description: scoped(entity, 'get', [idLocator(entity), SIMPLIFY]),
		async plan(itemIndex) {
			if (simplifying(this, itemIndex)) await customFieldLabels(this, entity);
			return {
				method: `${entity.method}.get`,
				params: { id: readRecordId(this, 'recordId', entity.name, itemIndex) },
			};
		},
		shape(envelope, itemIndex) {
			const record = envelope.result as IDataObject;
			return simplifying(this, itemIndex)
				? simplifyRecord(entity, record, labelsRead(this, entity))
				: record;
		},
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
		v2Description: scoped(entity, 'update', [
			idLocator(entity),
			...v2FieldProperties(mappingMethodOf(entity)).slice(0, 1),
			...multiFieldsOf(entity, true),
			...v2FieldProperties(mappingMethodOf(entity)).slice(1),
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
				throw paramError(
					this,
					itemIndex,
					nodeVersion(this) >= 2 ? 'Fields' : 'Update Fields',
					'choose at least one field to change',
				);
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
		v2Description: scoped(entity, 'getAll', [
			...returnAllOrLimit,
			SIMPLIFY,
			filterConditions(fieldsMethodOf(entity)),
			optionsCollection(orderAndSelect(fieldsMethodOf(entity))),
		]),
		async run(itemIndex) {
			const chosen = readSelect(this, itemIndex);
			// Simplify keeps what the user chose to return; without a choice it needs custom fields
			const simplify = simplifying(this, itemIndex) && chosen.length === 0;
			const select = simplify ? simplifiedSelect(entity) : chosen;
			const labels = simplify ? await customFieldLabels(this, entity) : {};
			const rows = await bitrix24List(
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
			return simplify ? rows.map((row) => simplifyRecord(entity, row, labels)) : rows;
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
