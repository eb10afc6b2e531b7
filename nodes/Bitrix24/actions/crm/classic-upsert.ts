import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fieldMapping, fieldsJson } from '../../../shared/descriptions/fields';
import { optionsCollection } from '../../../shared/descriptions/options';
import { paramProperty } from '../method-table/build';
import { paramError } from '../params';
import { fieldsJsonOption } from './classic-record-v2';
import type { ItemsOperation } from '../types';
import type { ClassicRecord } from './classic-record';
import {
	fieldCollection,
	fieldsMethodOf,
	hasMultiFields,
	mappingMethodOf,
	multiFieldsOf,
	readFields,
	scoped,
} from './classic-record';
import { commKey, multiFieldInput, needsStored, readMultiFields, sameValue } from './multi-fields';
import type { IfSeveral, UpsertPlan } from './upsert';
import { duplicateIds, ifSeveralOption, MATCH_FIELD_PLACEHOLDER, runUpsert } from './upsert';

/** The Match By / Value to Match / Field to Match parameters of Create or Update. */
const byField = {
	name: 'Field',
	value: 'field',
	description: 'Through the list method with a filter on the field you choose',
};
const MATCH_BY_DESCRIPTION =
	'How the record to update is found; then the add or update method writes it, batched across items';

const matchByComm: INodeProperties = {
	displayName: 'Match By',
	name: 'matchBy',
	type: 'options',
	default: 'email',
	options: [
		{
			name: 'E-Mail',
			value: 'email',
			description: 'Through crm.duplicate.findbycomm (type EMAIL)',
		},
		{ name: 'Phone', value: 'phone', description: 'Through crm.duplicate.findbycomm (type PHONE)' },
		byField,
	],
	description: MATCH_BY_DESCRIPTION,
};

const matchByField: INodeProperties = {
	displayName: 'Match By',
	name: 'matchBy',
	type: 'options',
	default: 'field',
	options: [byField],
	description: MATCH_BY_DESCRIPTION,
};

/** The Match By / Value to Match / Field to Match parameters of Create or Update. */
export function matchProperties(
	withComm: boolean,
	fieldsMethod: string,
	dependsOn?: string[],
): INodeProperties[] {
	return [
		withComm ? matchByComm : matchByField,
		{
			displayName: 'Field to Match Name or ID',
			name: 'matchField',
			type: 'options',
			typeOptions: { loadOptionsMethod: fieldsMethod, loadOptionsDependsOn: dependsOn },
			default: '',
			required: true,
			displayOptions: { show: { matchBy: ['field'] } },
			description: `The field whose value identifies the record, e.g. ${MATCH_FIELD_PLACEHOLDER}. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
		},
		{
			displayName: 'Value to Match',
			name: 'matchValue',
			type: 'string',
			default: '',
			required: true,
			description: 'The e-mail, phone or field value to look for; a new record gets it too',
		},
	];
}

export interface MatchChoice {
	kind: 'email' | 'phone' | 'field';
	value: string;
	field: string;
	ifSeveral: IfSeveral;
}

export function readMatch(ctx: IExecuteFunctions, itemIndex: number): MatchChoice {
	const kind = ctx.getNodeParameter('matchBy', itemIndex, 'field') as MatchChoice['kind'];
	const value = String(ctx.getNodeParameter('matchValue', itemIndex, '') ?? '').trim();
	if (!value)
		throw paramError(
			ctx,
			itemIndex,
			'Value to Match',
			'is empty; give the e-mail, phone or field value to look for',
		);
	const field =
		kind === 'field' ? String(ctx.getNodeParameter('matchField', itemIndex, '') ?? '').trim() : '';
	if (kind === 'field' && !field)
		throw paramError(
			ctx,
			itemIndex,
			'Field to Match',
			'choose the field that identifies the record',
		);
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const ifSeveral = (
		['fail', 'oldest', 'newest'].includes(String(options.ifSeveral)) ? options.ifSeveral : 'fail'
	) as IfSeveral;
	return { kind, value, field, ifSeveral };
}

function planOf(ctx: IExecuteFunctions, entity: ClassicRecord, itemIndex: number): UpsertPlan {
	const match = readMatch(ctx, itemIndex);
	const plural = entity.plural.toLowerCase();
	const fields = readFields(ctx, entity, itemIndex, 'additionalFields');
	const values = hasMultiFields(entity) ? readMultiFields(ctx, itemIndex) : [];
	const commType = match.kind === 'email' ? 'EMAIL' : match.kind === 'phone' ? 'PHONE' : '';
	const code = entity.value.toUpperCase();
	if (commType && !hasMultiFields(entity)) {
		throw paramError(
			ctx,
			itemIndex,
			'Match By',
			`${plural} have no e-mails or phones; match on a field`,
		);
	}
	const lookup = commType
		? {
				method: 'crm.duplicate.findbycomm',
				params: { entity_type: code, type: commType, values: [match.value] },
			}
		: {
				method: `${entity.method}.list`,
				params: {
					filter: { [`=${match.field}`]: match.value },
					select: ['ID'],
					order: { ID: match.ifSeveral === 'newest' ? 'DESC' : 'ASC' },
				},
			};

	const createFields: IDataObject = { ...fields, ...multiFieldInput(values, fields) };
	if (commType) {
		const entries = Array.isArray(createFields[commType])
			? (createFields[commType] as IDataObject[])
			: [];
		if (!entries.some((entry) => sameValue(commType, String(entry.VALUE ?? ''), match.value))) {
			createFields[commType] = [...entries, { VALUE: match.value, VALUE_TYPE: 'WORK' }];
		}
	} else if (createFields[match.field] === undefined) createFields[match.field] = match.value;

	return {
		lookup,
		// e-mails match without case and phones by their digits, so the same record is one look-up
		key: commType ? `${code} ${commType} ${commKey(commType, match.value)}` : undefined,
		matches: (result) =>
			commType
				? duplicateIds(result, code)
				: Array.isArray(result)
					? result.map((row) => Number((row as IDataObject).ID))
					: [],
		looksFor: commType
			? `${plural} with ${commType} "${match.value}"`
			: `${plural} with ${match.field} = "${match.value}"`,
		ifSeveral: match.ifSeveral,
		create: { method: `${entity.method}.add`, params: { fields: createFields } },
		createdId: (result) => Number(result),
		read: needsStored(values)
			? (id) => ({ method: `${entity.method}.get`, params: { id } })
			: undefined,
		update(id, stored) {
			const changed: IDataObject = { ...fields, ...multiFieldInput(values, fields, stored) };
			if (commType && Array.isArray(changed[commType])) {
				// the record has the value it was found by: adding it again would make a duplicate
				changed[commType] = (changed[commType] as IDataObject[]).filter(
					(entry) =>
						entry.ID !== undefined || !sameValue(commType, String(entry.VALUE ?? ''), match.value),
				);
				if ((changed[commType] as IDataObject[]).length === 0) delete changed[commType];
			}
			if (Object.keys(changed).length === 0) return undefined;
			return { method: `${entity.method}.update`, params: { id, fields: changed } };
		},
	};
}

/** Create or Update of a classic record: see ./upsert.ts for the phases. */
export function classicUpsert(entity: ClassicRecord): ItemsOperation {
	const primary = entity.primary.map((field) => ({ ...paramProperty(field), required: false }));
	return {
		description: scoped(entity, 'upsert', [
			...matchProperties(hasMultiFields(entity), fieldsMethodOf(entity)),
			...primary,
			fieldCollection(entity, 'additionalFields', 'Additional Fields', false),
			...multiFieldsOf(entity, true),
			fieldMapping(mappingMethodOf(entity)),
			fieldsJson,
			optionsCollection([ifSeveralOption]),
		]),
		v2Description: scoped(entity, 'upsert', [
			...matchProperties(hasMultiFields(entity), fieldsMethodOf(entity)),
			fieldMapping(mappingMethodOf(entity)),
			...multiFieldsOf(entity, true),
			optionsCollection([ifSeveralOption, fieldsJsonOption]),
		]),
		async runAll(itemIndexes) {
			return await runUpsert(this, itemIndexes, (itemIndex) => planOf(this, entity, itemIndex));
		},
	};
}
