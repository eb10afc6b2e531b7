import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fieldMapping, fieldsJson } from '../../../shared/descriptions/fields';
import { optionsCollection } from '../../../shared/descriptions/options';
import { bitrix24Call } from '../../../shared/transport';
import { SIMPLIFY, simplifying } from '../method-table/build';
import { nodeVersion, parseJsonParam, readJsonObject } from '../params';
import type { ClassicRecord } from './classic-entity';
import { MULTI_FIELD_TYPES } from './multi-fields';

/**
 * Version 2 of the classic records (deal, lead, contact, company): the portal-typed Fields
 * mapper is the one way to set fields (Fields (JSON) under Options is the escape hatch), Create
 * answers the created record (read back in the same batch request), Get and Get Many simplify.
 */

/** The fields Simplify keeps, besides custom fields, per record. */
const SIMPLE_FIELDS: Record<ClassicRecord['value'], string[]> = {
	deal: [
		'ID',
		'TITLE',
		'CATEGORY_ID',
		'STAGE_ID',
		'OPPORTUNITY',
		'CURRENCY_ID',
		'COMPANY_ID',
		'CONTACT_ID',
		'ASSIGNED_BY_ID',
		'SOURCE_ID',
		'BEGINDATE',
		'CLOSEDATE',
		'CLOSED',
		'DATE_CREATE',
		'DATE_MODIFY',
	],
	lead: [
		'ID',
		'TITLE',
		'NAME',
		'LAST_NAME',
		'COMPANY_TITLE',
		'STATUS_ID',
		'SOURCE_ID',
		'OPPORTUNITY',
		'CURRENCY_ID',
		'PHONE',
		'EMAIL',
		'ASSIGNED_BY_ID',
		'DATE_CREATE',
		'DATE_MODIFY',
	],
	contact: [
		'ID',
		'NAME',
		'SECOND_NAME',
		'LAST_NAME',
		'POST',
		'COMPANY_ID',
		'TYPE_ID',
		'SOURCE_ID',
		'PHONE',
		'EMAIL',
		'ASSIGNED_BY_ID',
		'DATE_CREATE',
		'DATE_MODIFY',
	],
	company: [
		'ID',
		'TITLE',
		'COMPANY_TYPE',
		'INDUSTRY',
		'REVENUE',
		'CURRENCY_ID',
		'PHONE',
		'EMAIL',
		'WEB',
		'ASSIGNED_BY_ID',
		'DATE_CREATE',
		'DATE_MODIFY',
	],
};

const MULTI = new Set<string>(MULTI_FIELD_TYPES);

export const fieldsJsonOption: INodeProperties = { ...fieldsJson, name: 'fieldsJson' };

/** Version 2's parameters for setting fields: the mapper, then Options > Fields (JSON). */
export function v2FieldProperties(
	mappingMethod: string,
	loadOptionsDependsOn: string[] = [],
): INodeProperties[] {
	return [fieldMapping(mappingMethod, loadOptionsDependsOn), optionsCollection([fieldsJsonOption])];
}

export { SIMPLIFY };

/** Version 2 keeps Fields (JSON) under Options; version 1 (and Create or Update) at the top. */
export function readFieldsJson(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const options =
		nodeVersion(ctx) >= 2 ? (ctx.getNodeParameter('options', itemIndex, {}) as IDataObject) : {};
	if (options.fieldsJson === undefined)
		return readJsonObject(ctx, 'fieldsJson', 'Fields (JSON)', itemIndex);
	return parseJsonParam(ctx, options.fieldsJson, 'Fields (JSON)', itemIndex, 'object');
}

/**
 * Multi-value fields set in the mapper as text ("a@x.com, b@y.com") or a list of texts become
 * work entries, as Bitrix24 takes them; entries already given as objects stay as they are.
 */
export function multiValuesOfMapper(fields: IDataObject): IDataObject {
	const out: IDataObject = { ...fields };
	for (const [key, value] of Object.entries(fields)) {
		if (!MULTI.has(key)) continue;
		const parts = Array.isArray(value)
			? value
			: typeof value === 'string'
				? value.split(/[,;\n]/)
				: [value];
		out[key] = parts
			.map((part) =>
				part && typeof part === 'object'
					? (part as IDataObject)
					: { VALUE: String(part ?? '').trim(), VALUE_TYPE: 'WORK' },
			)
			.filter((part) => part.VALUE !== '' || part.ID !== undefined);
	}
	return out;
}

interface Labels {
	pending: Promise<Record<string, string>>;
	known?: Record<string, string>;
}

const labelCache = new WeakMap<object, Map<string, Labels>>();

/** Custom field code -> its label, read once per execution (crm.<entity>.fields). */
export async function customFieldLabels(
	ctx: IExecuteFunctions,
	entity: ClassicRecord,
): Promise<Record<string, string>> {
	let perRun = labelCache.get(ctx);
	if (!perRun) labelCache.set(ctx, (perRun = new Map()));
	let labels = perRun.get(entity.method);
	if (!labels) {
		const entry: Labels = {
			pending: bitrix24Call(ctx, `${entity.method}.fields`).then((envelope) => {
				const out: Record<string, string> = {};
				for (const [code, raw] of Object.entries((envelope.result ?? {}) as IDataObject)) {
					if (!code.startsWith('UF_')) continue;
					const meta = (raw ?? {}) as IDataObject;
					out[code] = String(meta.listLabel || meta.formLabel || meta.title || code);
				}
				entry.known = out;
				return out;
			}),
		};
		labels = entry;
		perRun.set(entity.method, labels);
	}
	return await labels.pending;
}

/** The labels `customFieldLabels` read for this execution (a shape cannot wait for them). */
export function labelsRead(ctx: IExecuteFunctions, entity: ClassicRecord): Record<string, string> {
	return labelCache.get(ctx)?.get(entity.method)?.known ?? {};
}

/**
 * The fields people use, multi-value fields as plain values, custom fields under
 * `customFields` keyed by their labels (the code when a label repeats).
 */
export function simplifyRecord(
	entity: ClassicRecord,
	record: IDataObject,
	labels: Record<string, string>,
): IDataObject {
	const out: IDataObject = {};
	for (const key of SIMPLE_FIELDS[entity.value]) {
		if (!(key in record)) continue;
		const value = record[key];
		out[key] =
			MULTI.has(key) && Array.isArray(value)
				? (value as IDataObject[]).map((entry) => String(entry?.VALUE ?? ''))
				: value;
	}
	const custom: IDataObject = {};
	for (const [key, value] of Object.entries(record)) {
		if (!key.startsWith('UF_')) continue;
		const label = labels[key] ?? key;
		custom[label in custom ? key : label] = value;
	}
	if (Object.keys(custom).length) out.customFields = custom;
	return out;
}

/** What Get Many selects when it simplifies and the user chose no fields. */
export function simplifiedSelect(entity: ClassicRecord): string[] {
	return ['*', 'UF_*', ...SIMPLE_FIELDS[entity.value].filter((key) => MULTI.has(key))];
}

export { simplifying };
