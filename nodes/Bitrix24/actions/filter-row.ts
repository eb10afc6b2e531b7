/**
 * One Filters row as Bitrix24 reads it: operator prefix + field name, and the value the row
 * gives. A field offered with its kind (`STAGE_ID|list`, `CLOSEDATE|date`) takes the value picked
 * from its list or date picker; a plain code (rows saved before the lists) takes the typed Value.
 */
import { decodeFilterField } from '../../shared/descriptions/filters';
import type { FilterFieldKind } from '../../shared/descriptions/filters';

export interface FilterRow {
	field?: string;
	operator?: string;
	value?: string;
	valueOption?: string | number;
	valueOptions?: Array<string | number> | string;
	valueDate?: unknown;
}

export type FilterEntry = { key: string; value: unknown } | { problem: string };

function listValue(value: string): unknown[] {
	const text = value.trim();
	if (text.startsWith('[') && text.endsWith(']')) {
		try {
			const parsed = JSON.parse(text) as unknown;
			if (Array.isArray(parsed)) return parsed;
		} catch {
			// not JSON: read as a comma-separated list
		}
	}
	return text
		.split(',')
		.map((part) => part.trim())
		.filter((part) => part !== '');
}

/** Minutes east of UTC that `timeZone` is at the instant `utcMs`. */
function offsetAt(utcMs: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		hour: 'numeric',
		minute: 'numeric',
		second: 'numeric',
	}).formatToParts(new Date(utcMs));
	const part = (type: string) => Number(parts.find((entry) => entry.type === type)?.value ?? 0);
	const asUtc = Date.UTC(
		part('year'),
		part('month') - 1,
		part('day'),
		part('hour') % 24,
		part('minute'),
		part('second'),
	);
	return Math.round((asUtc - utcMs) / 60_000);
}

function offsetText(minutes: number): string {
	const sign = minutes < 0 ? '-' : '+';
	const abs = Math.abs(minutes);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const DATE_TIME =
	/^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2})?(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A picked date as Bitrix24 filters take it: the day alone for a date field; for a date and
 * time, ISO 8601 with an offset, the workflow's time zone when the value has none (n8n's date
 * picker gives wall time, e.g. 2024-02-10T09:00:00).
 */
export function filterDate(value: unknown, kind: FilterFieldKind, timeZone: string): string {
	const text = (
		value && typeof value === 'object' && 'toISO' in value
			? String((value as { toISO(): string }).toISO())
			: String(value)
	).trim();
	const match = DATE_TIME.exec(text);
	if (!match) return text;
	const [, day, hoursMinutes, seconds, zone] = match;
	if (kind === 'date') return day;
	const time = `${hoursMinutes ?? '00:00'}${seconds ?? ':00'}`;
	if (zone === 'Z') return `${day}T${time}+00:00`;
	if (zone)
		return `${day}T${time}${zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`}`;
	try {
		const wall = Date.parse(`${day}T${time}Z`);
		const offset = offsetAt(wall - offsetAt(wall, timeZone) * 60_000, timeZone);
		return `${day}T${time}${offsetText(offset)}`;
	} catch {
		// an unknown time zone: the portal reads the wall time in its own
		return `${day}T${time}`;
	}
}

const present = (value: unknown) => value !== undefined && value !== null && value !== '';

export function filterEntry(row: FilterRow, timeZone: string): FilterEntry {
	const { code, kind } = decodeFilterField((row.field ?? '').trim());
	const operator = row.operator ?? 'eq';
	if (operator === 'isEmpty') return { key: code, value: '' };
	if (operator === 'isNotEmpty') return { key: `!=${code}`, value: '' };
	// plain `=` is still accepted from workflows saved before Equals became `eq`
	const key =
		operator === 'eq' || operator === '=' || operator === '' ? code : `${operator}${code}`;
	const many = operator === '@' || operator === '!@';
	const typed = row.value ?? '';
	if (kind === 'list') {
		if (many) {
			const picked =
				typeof row.valueOptions === 'string'
					? listValue(row.valueOptions)
					: (row.valueOptions ?? []).filter(present);
			if (picked.length) return { key, value: picked.map(String) };
		} else if (present(row.valueOption)) {
			return { key, value: String(row.valueOption) };
		}
	} else if (kind && present(row.valueDate)) {
		const date = filterDate(row.valueDate, kind, timeZone);
		return { key, value: many ? [date] : date };
	}
	if (kind && typed === '')
		return { problem: `the condition on ${code} has no value: choose one, or use Is Empty` };
	return { key, value: many ? listValue(typed) : typed };
}
