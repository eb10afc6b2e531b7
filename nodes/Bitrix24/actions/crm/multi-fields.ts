import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { paramError } from '../params';

/**
 * The multi-value fields of the classic records (PHONE, EMAIL, WEB, IM) as one list of values,
 * each with its type, value type and, on Update, what to do with it. Bitrix24 takes
 * `[{VALUE, VALUE_TYPE}]` to add a value, `{ID, VALUE}` to change one and `{ID, DELETE: 'Y'}` to
 * remove one; replacing or deleting by value needs the record's current values (its `ID`s).
 */
export const MULTI_FIELD_TYPES = ['PHONE', 'EMAIL', 'WEB', 'IM'] as const;
export type MultiFieldType = (typeof MULTI_FIELD_TYPES)[number];

export type MultiFieldMode = 'add' | 'replace' | 'delete';

export interface MultiFieldValue {
	type: MultiFieldType;
	valueType: string;
	value: string;
	mode: MultiFieldMode;
}

/** A stored value as crm.<entity>.get returns it. */
export interface StoredMultiField {
	ID: string;
	VALUE: string;
	VALUE_TYPE?: string;
}

const VALUE_TYPES = [
	['Work', 'WORK'],
	['Mobile', 'MOBILE'],
	['Home', 'HOME'],
	['Fax', 'FAX'],
	['Pager', 'PAGER'],
	['For Newsletters', 'MAILING'],
	['Facebook', 'FACEBOOK'],
	['Telegram', 'TELEGRAM'],
	['VK', 'VK'],
	['Skype', 'SKYPE'],
	['Viber', 'VIBER'],
	['Instagram', 'INSTAGRAM'],
	['Open Channel', 'OPENLINE'],
	['Other', 'OTHER'],
];

/** The "Phones, E-Mails, Websites, Messengers" list; `withModes` adds the Update modes. */
export function multiFieldsProperty(withModes: boolean): INodeProperties {
	const values: INodeProperties[] = [
		{
			displayName: 'Field',
			name: 'type',
			type: 'options',
			default: 'PHONE',
			options: [
				{ name: 'Phone', value: 'PHONE' },
				{ name: 'E-Mail', value: 'EMAIL' },
				{ name: 'Website', value: 'WEB' },
				{ name: 'Messenger', value: 'IM' },
			],
		},
		{
			displayName: 'Value Type',
			name: 'valueType',
			type: 'options',
			default: 'WORK',
			options: VALUE_TYPES.map(([name, value]) => ({ name, value })),
			description:
				'Phones: Work, Mobile, Home, Fax, Pager, Other; e-mails: Work, Home, For Newsletters, Other; messengers: Telegram, Skype and others',
		},
		{
			displayName: 'Value',
			name: 'value',
			type: 'string',
			default: '',
			placeholder: '+15551234567',
		},
	];
	if (withModes) {
		values.push({
			displayName: 'Mode',
			name: 'mode',
			type: 'options',
			default: 'add',
			options: [
				{
					name: 'Add Value',
					value: 'add',
					description: 'Add the value to the ones the record has',
				},
				{
					name: 'Replace All of This Field',
					value: 'replace',
					description: 'Remove every value of this field first, then add this one',
				},
				{
					name: 'Delete Value',
					value: 'delete',
					description: "Remove the record's values equal to this one",
				},
			],
		});
	}
	return {
		displayName: 'Phones, E-Mails, Websites, Messengers',
		name: 'multiFields',
		type: 'fixedCollection',
		placeholder: 'Add Value',
		typeOptions: { multipleValues: true },
		default: {},
		description: 'Values of the multi-value fields PHONE, EMAIL, WEB and IM',
		options: [{ displayName: 'Value', name: 'values', values }],
	};
}

export function readMultiFields(ctx: IExecuteFunctions, itemIndex: number): MultiFieldValue[] {
	const raw = ctx.getNodeParameter('multiFields', itemIndex, {}) as { values?: IDataObject[] };
	return (raw.values ?? []).map((entry) => {
		const type = String(entry.type ?? 'PHONE') as MultiFieldType;
		if (!MULTI_FIELD_TYPES.includes(type))
			throw paramError(ctx, itemIndex, 'Field', `"${type}" is not PHONE, EMAIL, WEB or IM`);
		const value = String(entry.value ?? '').trim();
		if (!value) throw paramError(ctx, itemIndex, 'Value', `a ${type} value is empty`);
		const mode = String(entry.mode ?? 'add') as MultiFieldMode;
		return { type, valueType: String(entry.valueType ?? 'WORK'), value, mode };
	});
}

/** A value as it compares: a phone by its digits, anything else without case. */
export function commKey(type: string, value: string): string {
	return type === 'PHONE' ? value.replace(/\D/g, '') : value.trim().toLowerCase();
}

export function sameValue(type: string, a: string, b: string): boolean {
	return commKey(type, a) === commKey(type, b);
}

/** Whether the values can only be written knowing the record's current ones. */
export function needsStored(values: MultiFieldValue[]): boolean {
	return values.some((entry) => entry.mode !== 'add');
}

/**
 * The record's fields for the values: on a new record every value but a deletion is added; on an
 * existing one `stored` (crm.<entity>.get) gives the IDs to remove. Merged after `fields`' own
 * entries for the same field (Additional Fields > Phone ...).
 */
export function multiFieldInput(
	values: MultiFieldValue[],
	fields: IDataObject,
	stored?: IDataObject,
): IDataObject {
	const out: IDataObject = {};
	for (const type of MULTI_FIELD_TYPES) {
		const mine = values.filter((entry) => entry.type === type);
		if (mine.length === 0) continue;
		const current = ((stored?.[type] as StoredMultiField[] | undefined) ?? []).filter(
			(entry) => entry && entry.ID,
		);
		const entries: IDataObject[] = Array.isArray(fields[type])
			? [...(fields[type] as IDataObject[])]
			: [];
		const removed = new Set<string>();
		if (stored && mine.some((entry) => entry.mode === 'replace'))
			for (const entry of current) removed.add(String(entry.ID));
		for (const entry of mine) {
			if (entry.mode === 'delete') {
				if (!stored) continue;
				for (const match of current.filter((item) => sameValue(type, item.VALUE, entry.value)))
					removed.add(String(match.ID));
				continue;
			}
			entries.push({ VALUE: entry.value, VALUE_TYPE: entry.valueType });
		}
		for (const id of removed) entries.push({ ID: id, DELETE: 'Y' });
		if (entries.length) out[type] = entries;
	}
	return out;
}
