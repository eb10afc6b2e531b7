/**
 * Field definitions and the two views of one stored value: old CRM methods (every value a string,
 * UPPER_CASE names) and crm.item.* (typed values, camelCase names).
 */
import { isoDate, parseDate } from './envelope';
import { isObject } from './php-query';

export interface EnumItem {
	ID: string;
	VALUE: string;
	DEF?: 'Y' | 'N';
	SORT?: string;
}

export interface FieldDef {
	/** UPPER_CASE name as old methods and `useOriginalUfNames=Y` use it. */
	name: string;
	/** crm.item name. */
	camel: string;
	/** Bitrix24 field type: integer, double, string, char, date, datetime, user, crm_status, crm_category,
	 *  crm_currency, crm_company, crm_contact, crm_multifield, boolean, enumeration ... */
	type: string;
	title: string;
	isRequired?: boolean;
	isReadOnly?: boolean;
	isImmutable?: boolean;
	isMultiple?: boolean;
	isDynamic?: boolean;
	statusType?: string;
	items?: EnumItem[];
	/** User-field labels (listLabel / formLabel / filterLabel). */
	label?: string;
	/** Money amounts come back with two decimals in old methods ("1000000.00"). */
	money?: boolean;
}

/** A stored CRM row: UPPER_CASE keys, typed values; multi-fields under FM. */
export type Row = Record<string, unknown>;

export interface FmEntry {
	ID: number;
	TYPE_ID: string;
	VALUE_TYPE: string;
	VALUE: string;
}

export const MULTI_FIELD_TYPES = ['PHONE', 'EMAIL', 'WEB', 'IM'];

const NUMERIC_TYPES = new Set([
	'integer',
	'double',
	'user',
	'crm_category',
	'crm_company',
	'crm_contact',
	'crm_lead',
	'crm_deal',
	'enumeration',
	'employee',
]);

export function isNumericType(type: string): boolean {
	return NUMERIC_TYPES.has(type);
}

export function isDateType(type: string): boolean {
	return type === 'date' || type === 'datetime';
}

/** UF_CRM_5_1700000101 -> ufCrm5_1700000101; UF_CRM_1700000001 -> ufCrm_1700000001. */
export function ufCamel(name: string): string {
	const rest = name.replace(/^UF_CRM_/, '');
	const m = /^(\d+)_(.+)$/.exec(rest);
	return m ? `ufCrm${m[1]}_${m[2]}` : `ufCrm_${rest}`;
}

export function snakeToCamel(name: string): string {
	return name.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

export function field(
	name: string,
	type: string,
	title: string,
	extra: Partial<FieldDef> = {},
): FieldDef {
	const camel = name.startsWith('UF_') ? ufCamel(name) : snakeToCamel(name);
	return { name, camel, type, title, ...extra };
}

export function userField(
	name: string,
	type: string,
	label: string,
	extra: Partial<FieldDef> = {},
): FieldDef {
	return field(name, type, name, { isDynamic: true, label, ...extra });
}

function toList(v: unknown): unknown[] {
	if (Array.isArray(v)) return v;
	if (isObject(v)) return Object.values(v);
	if (v === null || v === undefined || v === '') return [];
	return [v];
}

function scalarFromInput(def: FieldDef, raw: unknown): unknown {
	if (raw === null || raw === undefined) return null;
	if (def.type === 'double') {
		if (raw === '') return null;
		const n = typeof raw === 'number' ? raw : parseFloat(String(raw));
		return Number.isNaN(n) ? null : n;
	}
	if (isNumericType(def.type)) {
		if (raw === '' || raw === false) return null;
		const n = typeof raw === 'number' ? Math.trunc(raw) : parseInt(String(raw), 10);
		return Number.isNaN(n) ? null : n;
	}
	if (def.type === 'boolean') {
		return raw === true || raw === 1 || raw === '1' || raw === 'Y' || raw === 'y' || raw === 'true';
	}
	if (def.type === 'char') {
		return raw === true || raw === 1 || raw === '1' || raw === 'Y' || raw === 'y' || raw === 'true'
			? 'Y'
			: 'N';
	}
	if (isDateType(def.type)) {
		const ms = parseDate(raw);
		return ms === undefined ? null : isoDate(ms);
	}
	if (isObject(raw) || Array.isArray(raw)) return JSON.stringify(raw);
	return String(raw);
}

/** What a value sent by a client (either API) is stored as. */
export function valueFromInput(def: FieldDef, raw: unknown): unknown {
	if (def.isMultiple)
		return toList(raw)
			.map((v) => scalarFromInput(def, v))
			.filter((v) => v !== null);
	return scalarFromInput(def, raw);
}

function oldScalar(def: FieldDef, v: unknown): unknown {
	if (v === null || v === undefined) return null;
	if (typeof v === 'number') return def.money ? v.toFixed(2) : String(v);
	if (typeof v === 'boolean') return v ? '1' : '0';
	return v;
}

/** Old CRM methods: every value a string. */
export function toOldValue(def: FieldDef, v: unknown): unknown {
	if (def.isMultiple) return Array.isArray(v) ? v.map((x) => oldScalar(def, x)) : [];
	return oldScalar(def, v);
}

/** crm.item.*: typed values. */
export function toItemValue(def: FieldDef, v: unknown): unknown {
	if (def.isMultiple) return Array.isArray(v) ? v.map((x) => itemScalar(def, x)) : [];
	return itemScalar(def, v);
}

function itemScalar(def: FieldDef, v: unknown): unknown {
	if (v === null || v === undefined) return null;
	if (def.type === 'boolean') return v === true ? 'Y' : 'N';
	return v;
}

export function fmToOld(entries: FmEntry[], typeId: string): Array<Record<string, string>> {
	return entries
		.filter((e) => e.TYPE_ID === typeId)
		.map((e) => ({
			ID: String(e.ID),
			VALUE_TYPE: e.VALUE_TYPE,
			VALUE: e.VALUE,
			TYPE_ID: e.TYPE_ID,
		}));
}

export function fmToItem(entries: FmEntry[]): Array<Record<string, unknown>> {
	return entries.map((e) => ({
		id: e.ID,
		valueType: e.VALUE_TYPE,
		value: e.VALUE,
		typeId: e.TYPE_ID,
	}));
}

/** Applies old-style multi-field input ([{VALUE, VALUE_TYPE}], ID to change, ID + DELETE=Y to remove). */
export function applyFmInput(
	current: FmEntry[],
	typeId: string,
	input: unknown,
	nextFmId: () => number,
): FmEntry[] {
	const result = current.map((e) => ({ ...e }));
	for (const raw of toList(input)) {
		if (!isObject(raw)) continue;
		const id = raw.ID ?? raw.id;
		const value = raw.VALUE ?? raw.value;
		const valueType = String(raw.VALUE_TYPE ?? raw.valueType ?? 'WORK');
		if (id !== undefined && id !== null && id !== '') {
			const idx = result.findIndex((e) => e.ID === Number(id) && e.TYPE_ID === typeId);
			if (idx === -1) continue;
			if (String(raw.DELETE ?? raw.delete ?? '') === 'Y') {
				result.splice(idx, 1);
			} else {
				if (value !== undefined) result[idx].VALUE = String(value);
				if (raw.VALUE_TYPE !== undefined || raw.valueType !== undefined)
					result[idx].VALUE_TYPE = valueType;
			}
		} else if (value !== undefined && value !== null && value !== '') {
			result.push({ ID: nextFmId(), TYPE_ID: typeId, VALUE_TYPE: valueType, VALUE: String(value) });
		}
	}
	return result;
}

/** The description crm.X.fields gives for one field. */
export function describeOld(def: FieldDef): Record<string, unknown> {
	const d: Record<string, unknown> = {
		type: def.type,
		isRequired: !!def.isRequired,
		isReadOnly: !!def.isReadOnly,
		isImmutable: !!def.isImmutable,
		isMultiple: !!def.isMultiple,
		isDynamic: !!def.isDynamic,
		title: def.title,
	};
	if (def.statusType) d.statusType = def.statusType;
	if (def.items) d.items = def.items.map((i) => ({ ID: i.ID, VALUE: i.VALUE }));
	if (def.isDynamic) {
		d.listLabel = def.label ?? def.name;
		d.formLabel = def.label ?? def.name;
		d.filterLabel = def.label ?? def.name;
		d.settings = def.type === 'enumeration' ? { DISPLAY: 'LIST', LIST_HEIGHT: 1 } : {};
	}
	return d;
}

/** The description crm.item.fields gives for one field. */
export function describeItem(def: FieldDef): Record<string, unknown> {
	const d: Record<string, unknown> = {
		type: def.type,
		isRequired: !!def.isRequired,
		isReadOnly: !!def.isReadOnly,
		isImmutable: !!def.isImmutable,
		isMultiple: !!def.isMultiple,
		isDynamic: !!def.isDynamic,
		title: def.isDynamic ? (def.label ?? def.name) : def.title,
		upperName: def.name,
	};
	if (def.statusType) d.statusType = def.statusType;
	if (def.items) d.items = def.items.map((i) => ({ ID: i.ID, VALUE: i.VALUE }));
	if (def.isDynamic) {
		d.listLabel = def.label ?? def.name;
		d.formLabel = def.label ?? def.name;
		d.filterLabel = def.label ?? def.name;
	}
	return d;
}
