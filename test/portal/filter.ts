/** List semantics shared by every *.list method: filter prefixes, order, and 50-row pages. */
import { parseDate } from './envelope';
import { FieldDef, isDateType, isNumericType } from './fields';
import { isObject, phpInt } from './php-query';

export const PAGE_SIZE = 50;

// longest first: `!=%` before `!=`, `!%=` before `!%` (NOT LIKE, per the crm.item.list docs)
const OPS = [
	'!=%',
	'!%=',
	'!%',
	'>=',
	'<=',
	'!@',
	'!=',
	'=%',
	'%=',
	'>',
	'<',
	'@',
	'%',
	'=',
	'!',
] as const;
export type FilterOp = (typeof OPS)[number] | '';

export function splitFilterKey(key: string): { op: FilterOp; name: string } {
	for (const op of OPS) if (key.startsWith(op)) return { op, name: key.slice(op.length) };
	return { op: '', name: key };
}

/** Finds the field (and how to read it from a row) that a filter or order key names. */
export type Resolver<R> = (
	name: string,
) => { def: Pick<FieldDef, 'type' | 'isMultiple'>; get: (row: R) => unknown } | undefined;

function listOf(v: unknown): unknown[] {
	if (Array.isArray(v)) return v;
	if (isObject(v)) return Object.values(v);
	return [v];
}

function isEmpty(v: unknown): boolean {
	return v === null || v === undefined || v === '' || v === false;
}

function toComparable(type: string, v: unknown): number | string | null {
	if (v === null || v === undefined) return null;
	if (type === 'double') {
		if (typeof v === 'number') return v;
		if (isObject(v) || Array.isArray(v)) return phpInt(v);
		const n = parseFloat(String(v));
		return Number.isNaN(n) ? 0 : n;
	}
	if (isNumericType(type)) return phpInt(v);
	if (isDateType(type)) {
		const ms = parseDate(typeof v === 'object' ? '' : v);
		return ms === undefined ? null : ms;
	}
	if (type === 'boolean')
		return v === true || v === 1 || v === '1' || v === 'Y' || v === 'y' ? 1 : 0;
	if (isObject(v) || Array.isArray(v)) return 'Array';
	return String(v).toLowerCase();
}

function likeToRegExp(pattern: string): RegExp {
	const re = pattern
		.toLowerCase()
		.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
		.replace(/%/g, '.*')
		.replace(/_/g, '.');
	return new RegExp(`^${re}$`, 's');
}

function matchOne(type: string, op: FilterOp, rowValue: unknown, filterValue: unknown): boolean {
	if (op === '%' || op === '=%' || op === '%=') {
		if (rowValue === null || rowValue === undefined) return false;
		const hay = String(rowValue).toLowerCase();
		const needle = String(filterValue).toLowerCase();
		return op === '%' ? hay.includes(needle) : likeToRegExp(String(filterValue)).test(hay);
	}
	if ((op === '' || op === '=') && isEmpty(filterValue)) {
		return isEmpty(rowValue) || rowValue === 0;
	}
	const a = toComparable(type, rowValue);
	const b = toComparable(type, filterValue);
	if (op === '' || op === '=' || op === '@') return a !== null && a === b;
	if (a === null || b === null) return false;
	switch (op) {
		case '>':
			return a > b;
		case '>=':
			return a >= b;
		case '<':
			return a < b;
		case '<=':
			return a <= b;
		default:
			return false;
	}
}

const NEGATED: Partial<Record<FilterOp, FilterOp>> = {
	'!': '=',
	'!=': '=',
	'!@': '@',
	'!%': '%',
	'!=%': '=%',
	'!%=': '%=',
};

function matchCondition(
	type: string,
	multiple: boolean,
	op: FilterOp,
	rowValue: unknown,
	filterValue: unknown,
): boolean {
	const negate = op.startsWith('!');
	const positiveOp: FilterOp = NEGATED[op] ?? op;
	const candidates =
		Array.isArray(filterValue) || isObject(filterValue)
			? listOf(filterValue)
			: positiveOp === '@'
				? listOf(filterValue)
				: [filterValue];
	const rowValues =
		multiple && Array.isArray(rowValue) ? (rowValue.length ? rowValue : [null]) : [rowValue];
	// An array value means OR over its elements (IN for equality), as CSQLWhere builds it.
	const hit = rowValues.some((rv) => candidates.some((fv) => matchOne(type, positiveOp, rv, fv)));
	return negate ? !hit : hit;
}

export function applyFilter<R>(rows: R[], filter: unknown, resolve: Resolver<R>): R[] {
	if (!isObject(filter)) return rows;
	const conditions: Array<{
		op: FilterOp;
		value: unknown;
		def: Pick<FieldDef, 'type' | 'isMultiple'>;
		get: (row: R) => unknown;
	}> = [];
	for (const [key, value] of Object.entries(filter)) {
		const { op, name } = splitFilterKey(key);
		const found = resolve(name);
		if (!found) continue; // unknown fields are ignored
		conditions.push({ op, value, def: found.def, get: found.get });
	}
	if (conditions.length === 0) return rows;
	return rows.filter((row) =>
		conditions.every((c) =>
			matchCondition(c.def.type, !!c.def.isMultiple, c.op, c.get(row), c.value),
		),
	);
}

export function applyOrder<R>(
	rows: R[],
	order: unknown,
	resolve: Resolver<R>,
	idOf: (row: R) => number,
): R[] {
	const keys: Array<{ get: (row: R) => unknown; type: string; dir: number }> = [];
	if (isObject(order)) {
		for (const [name, dirRaw] of Object.entries(order)) {
			const found = resolve(name);
			if (!found) continue;
			keys.push({
				get: found.get,
				type: found.def.type,
				dir: String(dirRaw).toUpperCase() === 'DESC' ? -1 : 1,
			});
		}
	}
	const sorted = [...rows];
	sorted.sort((x, y) => {
		for (const k of keys) {
			const a = toComparable(k.type, k.get(x));
			const b = toComparable(k.type, k.get(y));
			if (a === b) continue;
			if (a === null) return -1 * k.dir;
			if (b === null) return 1 * k.dir;
			return (a < b ? -1 : 1) * k.dir;
		}
		return idOf(x) - idOf(y);
	});
	return sorted;
}

export interface Page<R> {
	items: R[];
	total: number;
	next?: number;
}

/** 50 rows from `start`; start=-1 turns counting off: the first page, total 0, no next. */
export function paginate<R>(rows: R[], startRaw: unknown): Page<R> {
	const start = phpInt(startRaw ?? 0);
	if (start === -1) return { items: rows.slice(0, PAGE_SIZE), total: 0 };
	const from = Math.max(0, start);
	const items = rows.slice(from, from + PAGE_SIZE);
	const next = from + PAGE_SIZE < rows.length ? from + PAGE_SIZE : undefined;
	return { items, total: rows.length, next };
}
