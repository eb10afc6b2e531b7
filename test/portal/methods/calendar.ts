/**
 * The calendar area of the portal: calendars (sections), events, meeting status, availability and
 * settings. Errors carry the empty code "" and HTTP 400, with the texts of the REST docs.
 */
import { isoDate, parseDate, RestError } from '../envelope';
import { isObject, phpInt } from '../php-query';
import { CallContext, MethodDef, param } from '../registry';
import { SEED_BASE_MS } from '../seed';
import type { Store, User } from '../store';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const PORTAL_TZ = 'Europe/Moscow';

// ---------------------------------------------------------------- demo data (exported for tests)

export const DEMO_SECTIONS = [
	{ ID: 1, NAME: 'John Smith', CAL_TYPE: 'user', OWNER_ID: 1, COLOR: '#9cbeee' },
	{ ID: 2, NAME: 'Anna Brown', CAL_TYPE: 'user', OWNER_ID: 2, COLOR: '#86b100' },
	{ ID: 3, NAME: 'Company events', CAL_TYPE: 'company_calendar', OWNER_ID: 0, COLOR: '#ffa900' },
] as const;

/** Seed events; times are UTC milliseconds (SEED_BASE_MS is 2024-01-01 09:00 portal time). */
export const DEMO_EVENTS = [
	{
		ID: 1,
		NAME: 'Weekly planning',
		SECTION_ID: 1,
		CAL_TYPE: 'user',
		OWNER_ID: 1,
		fromMs: SEED_BASE_MS + 7 * DAY + HOUR,
		toMs: SEED_BASE_MS + 7 * DAY + 2 * HOUR,
		skipTime: false,
		ACCESSIBILITY: 'busy',
		host: 1,
		attendees: { 1: 'H', 2: 'Y' } as Record<number, string>,
	},
	{
		ID: 2,
		NAME: 'Client call',
		SECTION_ID: 2,
		CAL_TYPE: 'user',
		OWNER_ID: 2,
		fromMs: SEED_BASE_MS + 8 * DAY + 5 * HOUR,
		toMs: SEED_BASE_MS + 8 * DAY + 5.5 * HOUR,
		skipTime: false,
		ACCESSIBILITY: 'busy',
		host: 2,
		attendees: { 2: 'H', 1: 'Q' } as Record<number, string>,
	},
	{
		ID: 3,
		NAME: 'Corporate party',
		SECTION_ID: 3,
		CAL_TYPE: 'company_calendar',
		OWNER_ID: 0,
		fromMs: SEED_BASE_MS + 25 * DAY - 9 * HOUR,
		toMs: SEED_BASE_MS + 25 * DAY - 9 * HOUR,
		skipTime: true,
		ACCESSIBILITY: 'free',
		host: 0,
		attendees: {} as Record<number, string>,
	},
	{
		ID: 4,
		NAME: 'Dentist',
		SECTION_ID: 1,
		CAL_TYPE: 'user',
		OWNER_ID: 1,
		fromMs: SEED_BASE_MS + 14 * DAY + 7 * HOUR,
		toMs: SEED_BASE_MS + 14 * DAY + 8 * HOUR,
		skipTime: false,
		ACCESSIBILITY: 'absent',
		host: 0,
		attendees: {} as Record<number, string>,
	},
] as const;

export const CALENDAR_SETTINGS = {
	work_time_start: '9',
	work_time_end: '19',
	year_holidays: '1.01,2.01,7.01,23.02,8.03,1.05,9.05,12.06,4.11',
	year_workdays: '31.12',
	week_holidays: ['SA', 'SU'],
	week_start: 'MO',
	user_name_template: '#NAME# #LAST_NAME#',
	sync_by_push: false,
	user_show_login: true,
	path_to_user: '/company/personal/user/#user_id#/',
	path_to_user_calendar: '/company/personal/user/#user_id#/calendar/',
	path_to_group: '/workgroups/group/#group_id#/',
	path_to_group_calendar: '/workgroups/group/#group_id#/calendar/',
	path_to_vr: '',
	path_to_rm: '',
	rm_iblock_type: '',
	rm_iblock_id: '',
	dep_manager_sub: true,
	denied_superpose_types: [],
	pathes_for_sites: '',
	forum_id: '8',
	rm_for_sites: true,
	path_to_type_company_calendar: '',
	path_to_type_location: '',
	path_to_type_open_event: '',
};

/** calendar.user.settings.get for a user who never changed anything; meetSection is their first calendar. */
export function defaultUserSettings(userId: number): Record<string, unknown> {
	const own = DEMO_SECTIONS.find((s) => s.CAL_TYPE === 'user' && s.OWNER_ID === userId);
	const section = own ? String(own.ID) : 'false';
	return {
		view: 'month',
		meetSection: section,
		crmSection: section,
		showDeclined: true,
		denyBusyInvitation: false,
		collapseOffHours: 'N',
		showWeekNumbers: 'N',
		showTasks: 'Y',
		syncTasks: 'N',
		showCompletedTasks: 'N',
		lastUsedSection: 'false',
		sendFromEmail: '',
		defaultSections: own ? { [`user${userId}`]: section } : [],
		syncPeriodPast: '3',
		syncPeriodFuture: '12',
		defaultReminders: {
			fullDay: [{ type: 'min', count: 15 }],
			withTime: [{ type: 'min', count: 15 }],
		},
		timezoneName: PORTAL_TZ,
		timezoneOffsetUTC: 10800,
		timezoneDefaultName: '',
		work_time_start: '9.00',
		work_time_end: '19.00',
	};
}

const USER_SETTING_KEYS = Object.keys(defaultUserSettings(1)).filter(
	(k) =>
		![
			'timezoneName',
			'timezoneOffsetUTC',
			'timezoneDefaultName',
			'work_time_start',
			'work_time_end',
		].includes(k),
);

// ---------------------------------------------------------------- state

export interface Section {
	ID: number;
	NAME: string;
	DESCRIPTION: string;
	COLOR: string;
	TEXT_COLOR: string;
	EXPORT: { ALLOW: boolean; SET?: string };
	CAL_TYPE: string;
	OWNER_ID: number;
	CREATED_BY: number;
	created: number;
	modified: number;
}

export interface CalEvent {
	ID: number;
	NAME: string;
	SECTION_ID: number;
	CAL_TYPE: string;
	OWNER_ID: number;
	from: number;
	to: number;
	TZ_FROM: string;
	TZ_TO: string;
	skipTime: boolean;
	DESCRIPTION: string;
	LOCATION: string;
	COLOR: string;
	TEXT_COLOR: string;
	ACCESSIBILITY: string;
	IMPORTANCE: string;
	PRIVATE_EVENT: boolean;
	IS_MEETING: boolean;
	host: number;
	attendees: Map<number, string>;
	REMIND: unknown[];
	RRULE: unknown;
	CRM: string[];
	CREATED_BY: number;
	created: number;
	modified: number;
}

export interface CalendarState {
	sections: Map<number, Section>;
	events: Map<number, CalEvent>;
	nextSection: number;
	nextEvent: number;
	userSettings: Map<number, Record<string, unknown>>;
}

/** The area's state in a portal's store (tests read it to check what was stored). */
export function calendarState(store: Store): CalendarState {
	return store.area<CalendarState>('calendar', () => {
		const sections = new Map<number, Section>();
		for (const s of DEMO_SECTIONS) {
			sections.set(s.ID, {
				...s,
				DESCRIPTION: '',
				TEXT_COLOR: '',
				EXPORT: { ALLOW: true, SET: 'all' },
				CREATED_BY: 1,
				created: SEED_BASE_MS - 30 * DAY,
				modified: SEED_BASE_MS - 30 * DAY,
			});
		}
		const events = new Map<number, CalEvent>();
		for (const e of DEMO_EVENTS) {
			events.set(e.ID, {
				ID: e.ID,
				NAME: e.NAME,
				SECTION_ID: e.SECTION_ID,
				CAL_TYPE: e.CAL_TYPE,
				OWNER_ID: e.OWNER_ID,
				from: e.fromMs,
				to: e.toMs,
				TZ_FROM: PORTAL_TZ,
				TZ_TO: PORTAL_TZ,
				skipTime: e.skipTime,
				DESCRIPTION: '',
				LOCATION: '',
				COLOR: '',
				TEXT_COLOR: '',
				ACCESSIBILITY: e.ACCESSIBILITY,
				IMPORTANCE: 'normal',
				PRIVATE_EVENT: e.NAME === 'Dentist',
				IS_MEETING: e.host > 0,
				host: e.host || e.OWNER_ID || 1,
				attendees: new Map(Object.entries(e.attendees).map(([k, v]) => [Number(k), v])),
				REMIND: [],
				RRULE: '',
				CRM: [],
				CREATED_BY: e.host || e.OWNER_ID || 1,
				created: SEED_BASE_MS,
				modified: SEED_BASE_MS,
			});
		}
		return { sections, events, nextSection: 4, nextEvent: 5, userSettings: new Map() };
	});
}

function state(ctx: CallContext): CalendarState {
	return calendarState(ctx.portal.store);
}

// ---------------------------------------------------------------- helpers

const fail = (text: string): RestError => new RestError(400, '', text);
const isEmpty = (v: unknown): boolean => v === undefined || v === null || v === '';
const notSet = (name: string, method: string, dot = ''): RestError =>
	fail(`The required parameter "${name}" for the method "${method}" is not set${dot}`);

function caller(ctx: CallContext): User {
	const u = ctx.portal.store.users.find((x) => x.ID === ctx.auth.userId);
	if (!u) throw new Error('current user missing from the store');
	return u;
}

function listOf(v: unknown): unknown[] {
	if (Array.isArray(v)) return v;
	if (isObject(v)) return Object.values(v);
	if (isEmpty(v)) return [];
	return [v];
}

/** The UTC offset (minutes) of a time zone at a moment, from the runtime's time-zone data. */
function tzOffsetMinutes(tz: string, ms: number): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone: tz,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(ms));
	const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
	const local = Date.UTC(
		get('year'),
		get('month') - 1,
		get('day'),
		get('hour'),
		get('minute'),
		get('second'),
	);
	return Math.round((local - Math.floor(ms / 1000) * 1000) / 60_000);
}

function validZone(tz: unknown): string | undefined {
	if (typeof tz !== 'string' || !tz) return undefined;
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: tz });
		return tz;
	} catch {
		return undefined;
	}
}

/** An event date as the methods read it: ISO with offset wins, else local time in `tz`. */
function parseEventDate(raw: unknown, tz: string): number | undefined {
	const s = String(raw).trim();
	const local = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
	if (local) {
		const wall = Date.UTC(
			+local[1],
			+local[2] - 1,
			+local[3],
			+(local[4] ?? 0),
			+(local[5] ?? 0),
			+(local[6] ?? 0),
		);
		return wall - tzOffsetMinutes(tz, wall) * 60_000;
	}
	const ms = Date.parse(s);
	return Number.isNaN(ms) ? undefined : ms;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** "12/11/2024 05:59:00 pm" (the English portal's format), in the event's time zone. */
function usDate(ms: number, tz: string, dateOnly: boolean): string {
	const d = new Date(ms + tzOffsetMinutes(tz, ms) * 60_000);
	const date = `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()}`;
	if (dateOnly) return date;
	const h = d.getUTCHours();
	return `${date} ${pad(h % 12 === 0 ? 12 : h % 12)}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? 'am' : 'pm'}`;
}

/** "02.12.2024 11:00:00" as calendar.accessibility.get writes dates. */
function dottedDate(ms: number, tz: string, dateOnly: boolean): string {
	const d = new Date(ms + tzOffsetMinutes(tz, ms) * 60_000);
	const date = `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
	return dateOnly
		? date
		: `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** "2024-12-10 06:36:00" as sections carry their dates. */
function sqlDate(ms: number): string {
	return isoDate(ms).slice(0, 19).replace('T', ' ');
}

function ownerParam(ctx: CallContext, method: string, type: string, dot = ''): number {
	const raw = param(ctx.params, 'ownerId');
	if (isEmpty(raw)) {
		if (type === 'user') return ctx.auth.userId;
		throw notSet('ownerId', method, dot);
	}
	return phpInt(raw);
}

function typeParam(ctx: CallContext, method: string, dot = ''): string {
	const type = param(ctx.params, 'type');
	if (isEmpty(type)) throw notSet('type', method, dot);
	return String(type);
}

/** Users write their own calendars; administrators any. */
function canWrite(ctx: CallContext, type: string, owner: number): boolean {
	return caller(ctx).IS_ADMIN || (type === 'user' && owner === ctx.auth.userId);
}

// ---------------------------------------------------------------- sections

function sectionView(s: Section, ctx: CallContext): Record<string, unknown> {
	const write = canWrite(ctx, s.CAL_TYPE, s.OWNER_ID);
	return {
		ID: String(s.ID),
		NAME: s.NAME,
		GAPI_CALENDAR_ID: null,
		DESCRIPTION: s.DESCRIPTION,
		COLOR: s.COLOR,
		TEXT_COLOR: s.TEXT_COLOR,
		EXPORT: s.EXPORT,
		CAL_TYPE: s.CAL_TYPE,
		OWNER_ID: String(s.OWNER_ID),
		CREATED_BY: String(s.CREATED_BY),
		DATE_CREATE: sqlDate(s.created),
		TIMESTAMP_X: sqlDate(s.modified),
		CAL_DAV_CON: null,
		SYNC_TOKEN: null,
		PAGE_TOKEN: null,
		EXTERNAL_TYPE: 'local',
		ACCESS: [],
		IS_COLLAB: false,
		PERM: {
			view_time: true,
			view_title: true,
			view_full: true,
			add: write,
			edit: write,
			edit_section: write,
			access: write,
		},
	};
}

function applySection(ctx: CallContext, s: Section): void {
	const name = param(ctx.params, 'name');
	if (name !== undefined) {
		if (typeof name !== 'string' || !name.trim())
			throw fail('Invalid value for the "name" parameter');
		s.NAME = name;
	}
	const description = param(ctx.params, 'description');
	if (description !== undefined) {
		if (typeof description !== 'string')
			throw fail('Invalid value for the "description" parameter');
		s.DESCRIPTION = description;
	}
	const color = param(ctx.params, 'color');
	if (!isEmpty(color)) s.COLOR = String(color);
	const textColor = param(ctx.params, 'text_color');
	if (!isEmpty(textColor)) s.TEXT_COLOR = String(textColor);
	const exp = param(ctx.params, 'export');
	if (isObject(exp)) {
		const allow = param(exp, 'ALLOW');
		s.EXPORT = {
			ALLOW: allow === true || allow === 'true' || allow === 'Y' || allow === '1',
			SET: String(param(exp, 'SET') ?? 'all'),
		};
	}
	s.modified = Date.now();
}

function sectionToChange(ctx: CallContext, method: string): Section {
	const type = typeParam(ctx, method);
	const owner = ownerParam(ctx, method, type);
	const id = param(ctx.params, 'id');
	if (isEmpty(id))
		throw fail(method.endsWith('delete') ? 'Section ID is not set.' : 'Section ID is not set');
	const s = state(ctx).sections.get(phpInt(id));
	const denied = method.endsWith('delete') ? 'Access denied.' : 'Access denied';
	if (!s || s.CAL_TYPE !== type || s.OWNER_ID !== owner || !canWrite(ctx, type, owner))
		throw fail(denied);
	return s;
}

const sectionMethods: MethodDef[] = [
	{
		name: 'calendar.section.get',
		scope: 'calendar',
		handler: (ctx) => {
			const m = 'calendar.section.get';
			const type = typeParam(ctx, m, '.');
			const owner = ownerParam(ctx, m, type, '.');
			const rows = [...state(ctx).sections.values()].filter(
				(s) => s.CAL_TYPE === type && s.OWNER_ID === owner,
			);
			return { result: rows.map((s) => sectionView(s, ctx)) };
		},
	},
	{
		name: 'calendar.section.add',
		scope: 'calendar',
		handler: (ctx) => {
			const m = 'calendar.section.add';
			const type = typeParam(ctx, m, '.');
			const owner = ownerParam(ctx, m, type, '.');
			if (!canWrite(ctx, type, owner)) throw fail('Access denied');
			if (isEmpty(param(ctx.params, 'name'))) throw fail('Invalid value for the "name" parameter');
			const st = state(ctx);
			const now = Date.now();
			const s: Section = {
				ID: st.nextSection++,
				NAME: '',
				DESCRIPTION: '',
				COLOR: '#9cbeee',
				TEXT_COLOR: '',
				EXPORT: { ALLOW: true, SET: 'all' },
				CAL_TYPE: type,
				OWNER_ID: owner,
				CREATED_BY: ctx.auth.userId,
				created: now,
				modified: now,
			};
			applySection(ctx, s);
			st.sections.set(s.ID, s);
			return { result: s.ID };
		},
	},
	{
		name: 'calendar.section.update',
		scope: 'calendar',
		handler: (ctx) => {
			const s = sectionToChange(ctx, 'calendar.section.update');
			applySection(ctx, s);
			return { result: s.ID };
		},
	},
	{
		name: 'calendar.section.delete',
		scope: 'calendar',
		handler: (ctx) => {
			const s = sectionToChange(ctx, 'calendar.section.delete');
			const st = state(ctx);
			st.sections.delete(s.ID);
			for (const e of [...st.events.values()]) if (e.SECTION_ID === s.ID) st.events.delete(e.ID);
			return { result: true };
		},
	},
];

// ---------------------------------------------------------------- events

function eventView(e: CalEvent): Record<string, unknown> {
	const offsetFrom = tzOffsetMinutes(e.TZ_FROM, e.from) * 60;
	const offsetTo = tzOffsetMinutes(e.TZ_TO, e.to) * 60;
	return {
		ID: String(e.ID),
		PARENT_ID: String(e.ID),
		DELETED: 'N',
		CAL_TYPE: e.CAL_TYPE,
		OWNER_ID: String(e.OWNER_ID),
		NAME: e.NAME,
		DATE_FROM: usDate(e.from, e.TZ_FROM, e.skipTime),
		DATE_TO: usDate(e.to, e.TZ_TO, e.skipTime),
		ORIGINAL_DATE_FROM: null,
		TZ_FROM: e.TZ_FROM,
		TZ_TO: e.TZ_TO,
		TZ_OFFSET_FROM: String(offsetFrom),
		TZ_OFFSET_TO: String(offsetTo),
		DATE_FROM_TS_UTC: String(Math.floor(e.from / 1000)),
		DATE_TO_TS_UTC: String(Math.floor(e.to / 1000)),
		DT_SKIP_TIME: e.skipTime ? 'Y' : 'N',
		DT_LENGTH: e.skipTime
			? Math.round((e.to - e.from) / 1000) + 86_400
			: Math.round((e.to - e.from) / 1000),
		EVENT_TYPE: null,
		CREATED_BY: String(e.CREATED_BY),
		DATE_CREATE: usDate(e.created, PORTAL_TZ, false),
		TIMESTAMP_X: usDate(e.modified, PORTAL_TZ, false),
		DESCRIPTION: e.DESCRIPTION,
		PRIVATE_EVENT: e.PRIVATE_EVENT ? '1' : '',
		ACCESSIBILITY: e.ACCESSIBILITY,
		IMPORTANCE: e.IMPORTANCE,
		IS_MEETING: e.IS_MEETING,
		MEETING_STATUS: e.IS_MEETING ? (e.attendees.get(e.OWNER_ID) ?? 'H') : null,
		MEETING_HOST: String(e.host),
		LOCATION: e.LOCATION,
		REMIND: e.REMIND,
		COLOR: e.COLOR,
		TEXT_COLOR: e.TEXT_COLOR,
		RRULE: e.RRULE,
		EXDATE: '',
		ATTENDEES_CODES: e.IS_MEETING ? [...e.attendees.keys()].map((id) => `U${id}`) : [],
		SECTION_ID: String(e.SECTION_ID),
		UF_CRM_CAL_EVENT: e.CRM.length ? e.CRM : false,
		SECT_ID: String(e.SECTION_ID),
		ATTENDEE_LIST: e.IS_MEETING
			? [...e.attendees.entries()].map(([id, status]) => ({ id, entryId: String(e.ID), status }))
			: [],
	};
}

const OPTION_VALUES: Record<string, string[]> = {
	accessibility: ['busy', 'absent', 'quest', 'free'],
	importance: ['high', 'normal', 'low'],
};

function userZone(ctx: CallContext): string {
	return validZone(caller(ctx).TIME_ZONE) ?? PORTAL_TZ;
}

/** Reads every event field the call carries into `e` (add and update share it). */
function applyEvent(ctx: CallContext, e: CalEvent, method: string, creating: boolean): void {
	const dot = method === 'calendar.event.update' ? '.' : '';
	const name = param(ctx.params, 'name');
	if (name !== undefined) {
		if (typeof name !== 'string' || (creating && !name.trim()))
			throw fail(`Invalid value for the ${dot ? '"name" parameter.' : 'parameter "name"'}`);
		e.NAME = name;
	}
	const description = param(ctx.params, 'description');
	if (description !== undefined) {
		if (typeof description !== 'string')
			throw fail(
				`Invalid value for the ${dot ? '"description" parameter.' : 'parameter "description"'}`,
			);
		e.DESCRIPTION = description;
	}
	const skip = param(ctx.params, 'skip_time');
	if (!isEmpty(skip)) e.skipTime = skip === 'Y';
	const tzFrom = validZone(param(ctx.params, 'timezone_from'));
	const tzTo = validZone(param(ctx.params, 'timezone_to')) ?? tzFrom;
	if (tzFrom) e.TZ_FROM = tzFrom;
	if (tzTo) e.TZ_TO = tzTo;
	for (const [key, tsKey, target] of [
		['from', 'from_ts', 'from'],
		['to', 'to_ts', 'to'],
	] as const) {
		const raw = param(ctx.params, key);
		const ts = param(ctx.params, tsKey);
		if (!isEmpty(raw)) {
			const ms = parseEventDate(raw, key === 'from' ? e.TZ_FROM : e.TZ_TO);
			if (ms === undefined) throw fail(`Invalid value for the parameter "${key}"`);
			e[target] = ms;
		} else if (!isEmpty(ts)) e[target] = phpInt(ts) * 1000;
	}
	for (const key of ['location', 'color', 'text_color'] as const) {
		const v = param(ctx.params, key);
		if (v !== undefined)
			e[key === 'text_color' ? 'TEXT_COLOR' : key === 'color' ? 'COLOR' : 'LOCATION'] = String(v);
	}
	for (const key of ['accessibility', 'importance'] as const) {
		const v = param(ctx.params, key);
		if (!isEmpty(v) && OPTION_VALUES[key].includes(String(v)))
			e[key === 'accessibility' ? 'ACCESSIBILITY' : 'IMPORTANCE'] = String(v);
	}
	const priv = param(ctx.params, 'private_event');
	if (!isEmpty(priv)) e.PRIVATE_EVENT = priv === 'Y';
	const remind = param(ctx.params, 'remind');
	if (remind !== undefined) e.REMIND = listOf(remind);
	const rrule = param(ctx.params, 'rrule');
	if (isObject(rrule)) e.RRULE = rrule;
	const crm = param(ctx.params, 'crm_fields');
	if (crm !== undefined) {
		if (!Array.isArray(crm) && !isObject(crm)) {
			throw fail(
				dot
					? "The event's CRM links list must be an array."
					: 'The list of event links to CRM must be an array',
			);
		}
		e.CRM = listOf(crm).map(String);
	}
	const meeting = param(ctx.params, 'is_meeting');
	const attendees = param(ctx.params, 'attendees');
	if (!isEmpty(meeting)) e.IS_MEETING = meeting === 'Y';
	if (e.IS_MEETING && (meeting === 'Y' || attendees !== undefined)) {
		const ids = listOf(attendees)
			.map((a) => phpInt(a))
			.filter((a) => a > 0);
		const next = new Map<number, string>([[e.host, 'H']]);
		for (const id of ids) if (id !== e.host) next.set(id, e.attendees.get(id) ?? 'Q');
		e.attendees = next;
	}
	if (!e.IS_MEETING) e.attendees = new Map();
}

function checkSection(ctx: CallContext, e: CalEvent, method: string): void {
	const dot = method === 'calendar.event.update' ? '.' : '';
	const raw = param(ctx.params, 'section');
	const st = state(ctx);
	if (!isEmpty(raw)) e.SECTION_ID = phpInt(raw);
	else if (!st.sections.has(e.SECTION_ID)) {
		const auto = [...st.sections.values()].find(
			(s) => s.CAL_TYPE === e.CAL_TYPE && s.OWNER_ID === e.OWNER_ID,
		);
		if (auto) e.SECTION_ID = auto.ID;
	}
	const s = st.sections.get(e.SECTION_ID);
	if (!s || s.CAL_TYPE !== e.CAL_TYPE || s.OWNER_ID !== e.OWNER_ID) {
		throw fail(
			`You specified an invalid calendar section ID or the user does not have access to it${dot}`,
		);
	}
}

function eventById(ctx: CallContext, raw: unknown): CalEvent | undefined {
	return state(ctx).events.get(phpInt(raw));
}

/** A moment from a from/to parameter of the list methods: a date is its portal midnight. */
function rangeBound(raw: unknown, endOfDay: boolean): number | undefined {
	const ms = parseDate(raw);
	if (ms === undefined) return undefined;
	const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(String(raw).trim());
	return dateOnly && endOfDay ? ms + DAY - 1000 : ms;
}

function overlaps(e: CalEvent, from: number, to: number): boolean {
	const end = e.skipTime ? e.to + DAY - 1000 : e.to;
	return e.from <= to && end >= from;
}

const eventMethods: MethodDef[] = [
	{
		name: 'calendar.event.add',
		scope: 'calendar',
		handler: (ctx) => {
			const m = 'calendar.event.add';
			const type = typeParam(ctx, m);
			if (isEmpty(param(ctx.params, 'ownerId'))) throw notSet('ownerId', m);
			const owner = phpInt(param(ctx.params, 'ownerId'));
			if (isEmpty(param(ctx.params, 'name'))) throw notSet('name', m);
			if (isEmpty(param(ctx.params, 'from')) && isEmpty(param(ctx.params, 'from_ts')))
				throw notSet('from', m);
			if (isEmpty(param(ctx.params, 'to')) && isEmpty(param(ctx.params, 'to_ts')))
				throw notSet('to', m);
			if (!canWrite(ctx, type, owner)) throw fail('Access denied');
			const autoDetect = param(ctx.params, 'auto_detect_section');
			if (autoDetect === 'N' && isEmpty(param(ctx.params, 'section'))) throw notSet('section', m);
			const st = state(ctx);
			const now = Date.now();
			const zone = userZone(ctx);
			const e: CalEvent = {
				ID: 0,
				NAME: '',
				SECTION_ID: 0,
				CAL_TYPE: type,
				OWNER_ID: owner,
				from: 0,
				to: 0,
				TZ_FROM: zone,
				TZ_TO: zone,
				skipTime: false,
				DESCRIPTION: '',
				LOCATION: '',
				COLOR: '',
				TEXT_COLOR: '',
				ACCESSIBILITY: 'busy',
				IMPORTANCE: 'normal',
				PRIVATE_EVENT: false,
				IS_MEETING: false,
				host: ctx.auth.userId,
				attendees: new Map(),
				REMIND: [],
				RRULE: '',
				CRM: [],
				CREATED_BY: ctx.auth.userId,
				created: now,
				modified: now,
			};
			applyEvent(ctx, e, m, true);
			if (e.IS_MEETING && e.attendees.size === 0) e.attendees.set(e.host, 'H');
			checkSection(ctx, e, m);
			if (e.to < e.from) throw fail('An error occurred while creating the event');
			e.ID = st.nextEvent++;
			st.events.set(e.ID, e);
			return { result: e.ID };
		},
	},
	{
		name: 'calendar.event.update',
		scope: 'calendar',
		handler: (ctx) => {
			const m = 'calendar.event.update';
			if (isEmpty(param(ctx.params, 'id'))) throw notSet('id', m, '.');
			if (isEmpty(param(ctx.params, 'ownerId'))) throw notSet('ownerId', m, '.');
			const type = typeParam(ctx, m, '.');
			const owner = phpInt(param(ctx.params, 'ownerId'));
			const e = eventById(ctx, param(ctx.params, 'id'));
			if (!e || e.CAL_TYPE !== type || e.OWNER_ID !== owner || !canWrite(ctx, type, owner))
				throw fail('Access denied.');
			const draft: CalEvent = { ...e, attendees: new Map(e.attendees) };
			applyEvent(ctx, draft, m, false);
			checkSection(ctx, draft, m);
			draft.modified = Date.now();
			state(ctx).events.set(e.ID, draft);
			return { result: e.ID };
		},
	},
	{
		name: 'calendar.event.getbyid',
		scope: 'calendar',
		handler: (ctx) => {
			const id = param(ctx.params, 'id');
			if (isEmpty(id)) throw notSet('id', 'calendar.event.getbyid');
			const e = eventById(ctx, id);
			if (!e) throw fail('Event not found');
			return { result: eventView(e) };
		},
	},
	{
		name: 'calendar.event.get',
		scope: 'calendar',
		handler: (ctx) => {
			const m = 'calendar.event.get';
			const type = typeParam(ctx, m);
			const owner = ownerParam(ctx, m, type);
			const now = Date.now();
			const from = rangeBound(param(ctx.params, 'from'), false) ?? now - 30 * DAY;
			const to = rangeBound(param(ctx.params, 'to'), true) ?? now + 90 * DAY;
			const sections = listOf(param(ctx.params, 'section')).map((s) => phpInt(s));
			const rows = [...state(ctx).events.values()]
				.filter((e) => e.CAL_TYPE === type)
				.filter(
					(e) =>
						e.OWNER_ID === owner ||
						(type === 'user' && e.attendees.has(owner) && e.attendees.get(owner) !== 'N'),
				)
				.filter((e) => sections.length === 0 || sections.includes(e.SECTION_ID))
				.filter((e) => overlaps(e, from, to))
				.sort((a, b) => a.from - b.from || a.ID - b.ID);
			return { result: rows.map(eventView) };
		},
	},
	{
		name: 'calendar.event.delete',
		scope: 'calendar',
		handler: (ctx) => {
			const id = param(ctx.params, 'id');
			if (isEmpty(id)) throw fail('Event id not specified');
			const e = eventById(ctx, id);
			if (!e || !canWrite(ctx, e.CAL_TYPE, e.OWNER_ID))
				throw fail('An error occurred while deleting the event');
			state(ctx).events.delete(e.ID);
			return { result: true };
		},
	},
	{
		name: 'calendar.meeting.status.get',
		scope: 'calendar',
		handler: (ctx) => {
			const id = param(ctx.params, 'eventId');
			if (isEmpty(id)) throw notSet('eventId', 'calendar.meeting.status.set');
			const status = eventById(ctx, id)?.attendees.get(ctx.auth.userId);
			if (!status) throw fail('An error occurred while retrieving the status');
			return { result: status };
		},
	},
	{
		name: 'calendar.meeting.status.set',
		scope: 'calendar',
		handler: (ctx) => {
			const m = 'calendar.meeting.status.set';
			const id = param(ctx.params, 'eventId');
			if (isEmpty(id)) throw notSet('eventId', m);
			const status = param(ctx.params, 'status');
			if (isEmpty(status)) throw notSet('status', m);
			if (!['Q', 'Y', 'N'].includes(String(status)))
				throw fail('Invalid value for the parameter "status"');
			const e = eventById(ctx, id);
			if (!e || !e.attendees.has(ctx.auth.userId))
				throw fail('An error occurred while setting the status');
			e.attendees.set(ctx.auth.userId, String(status));
			return { result: true };
		},
	},
];

// ---------------------------------------------------------------- availability and settings

function accessibilityView(e: CalEvent): Record<string, unknown> {
	return {
		ID: String(e.ID),
		NAME: e.PRIVATE_EVENT ? '[private]' : e.NAME,
		DATE_FROM: dottedDate(e.from, e.TZ_FROM, e.skipTime),
		DATE_TO: dottedDate(e.to, e.TZ_TO, e.skipTime),
		DATE_FROM_TS_UTC: String(Math.floor(e.from / 1000)),
		DATE_TO_TS_UTC: String(Math.floor(e.to / 1000)),
		'~USER_OFFSET_FROM': 0,
		'~USER_OFFSET_TO': 0,
		DT_SKIP_TIME: e.skipTime ? 'Y' : 'N',
		TZ_FROM: e.TZ_FROM,
		TZ_TO: e.TZ_TO,
		ACCESSIBILITY: e.ACCESSIBILITY,
		IMPORTANCE: e.IMPORTANCE,
		EVENT_TYPE: null,
	};
}

const settingsMethods: MethodDef[] = [
	{
		name: 'calendar.accessibility.get',
		scope: 'calendar',
		handler: (ctx) => {
			const m = 'calendar.accessibility.get';
			const users = listOf(param(ctx.params, 'users'))
				.map((u) => phpInt(u))
				.filter((u) => u > 0);
			if (isEmpty(param(ctx.params, 'from'))) throw notSet('from', m, '.');
			if (isEmpty(param(ctx.params, 'to'))) throw notSet('to', m, '.');
			if (users.length === 0) throw notSet('users', m, '.');
			const from = rangeBound(param(ctx.params, 'from'), false) ?? 0;
			const to = rangeBound(param(ctx.params, 'to'), true) ?? 0;
			const events = [...state(ctx).events.values()].sort((a, b) => a.from - b.from || a.ID - b.ID);
			const result: Record<string, unknown[]> = {};
			for (const user of users) {
				result[String(user)] = events
					.filter((e) => e.ACCESSIBILITY !== 'free' && overlaps(e, from, to))
					.filter((e) =>
						e.IS_MEETING
							? e.attendees.has(user) && e.attendees.get(user) !== 'N'
							: e.CAL_TYPE === 'user' && e.OWNER_ID === user,
					)
					.map(accessibilityView);
			}
			return { result };
		},
	},
	{
		name: 'calendar.settings.get',
		scope: 'calendar',
		handler: () => ({ result: CALENDAR_SETTINGS }),
	},
	{
		name: 'calendar.user.settings.get',
		scope: 'calendar',
		handler: (ctx) => ({
			result: state(ctx).userSettings.get(ctx.auth.userId) ?? defaultUserSettings(ctx.auth.userId),
		}),
	},
	{
		name: 'calendar.user.settings.set',
		scope: 'calendar',
		handler: (ctx) => {
			const settings = param(ctx.params, 'settings');
			if (!isObject(settings) || Object.keys(settings).length === 0)
				throw notSet('settings', 'calendar.user.settings.set');
			const st = state(ctx);
			const current = {
				...(st.userSettings.get(ctx.auth.userId) ?? defaultUserSettings(ctx.auth.userId)),
			};
			for (const [key, value] of Object.entries(settings))
				if (USER_SETTING_KEYS.includes(key)) current[key] = value;
			st.userSettings.set(ctx.auth.userId, current);
			return { result: true };
		},
	},
];

export const methods: MethodDef[] = [...sectionMethods, ...eventMethods, ...settingsMethods];
