import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { recordLocator } from '../../../shared/descriptions/locator';
import { paramProperty, paramValue } from '../method-table/build';
import type { ParamSpec } from '../method-table/spec';
import { readFieldMapping } from '../params';
import { multiValuesOfMapper, readFieldsJson } from './classic-record-v2';
import { multiFieldsProperty } from './multi-fields';

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

export function idLocator(entity: ClassicRecord): INodeProperties {
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
		multiValuesOfMapper(readFieldMapping(ctx, itemIndex)),
		readFieldsJson(ctx, itemIndex),
	);
	return fields;
}
