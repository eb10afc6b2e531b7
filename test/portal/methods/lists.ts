/**
 * Universal lists (scope `lists`) as bitrix24/b24restdocs api-reference/lists/ describes them:
 * lists/lists-{get,add,update,delete}.md, fields/lists-field-{get,add,update,delete}.md,
 * sections/lists-section-{get,add,update,delete}.md and elements/lists-element-{get,add,update,delete}.md.
 * Errors are the pages' codes with HTTP 400; values come back as strings the way the examples show
 * them (an element's property values keyed by value id, dates as "05/17/2023 04:09:23 pm").
 *
 * Rights: a list's RIGHTS map codes (U<id>, D<dept>, * for everyone) to letters D < R < E < S < T < U < W < X;
 * administrators have X everywhere. Reading needs R, adding elements E, sections and element
 * edits W (the docs' "Edit"), list and field changes X ("Full access").
 */
import { PORTAL_TZ_OFFSET_MINUTES, RestError } from '../envelope';
import { applyFilter, applyOrder, paginate, Resolver } from '../filter';
import { isObject, phpInt } from '../php-query';
import { CallContext, MethodDef, param } from '../registry';
import { SEED_BASE_MS } from '../seed';
import type { Store, User } from '../store';

const DAY = 86_400_000;
const TYPES = ['lists', 'bitrix_processes', 'lists_socnet'];
const LEVELS = 'DRESTUWX';

// ---------------------------------------------------------------- state

export interface ListField {
	FIELD_ID: string;
	/** property id of custom fields */
	ID?: number;
	NAME: string;
	TYPE: string;
	CODE: string | null;
	SORT: number;
	IS_REQUIRED: 'Y' | 'N';
	MULTIPLE: 'Y' | 'N';
	DEFAULT_VALUE: string;
	LINK_IBLOCK_ID: number | null;
	ROW_COUNT: number;
	COL_COUNT: number;
	SETTINGS: Record<string, string>;
	USER_TYPE_SETTINGS: unknown;
	/** List fields: value id -> text */
	values?: Record<string, string>;
}

export interface Iblock {
	ID: number;
	IBLOCK_TYPE_ID: string;
	CODE: string;
	NAME: string;
	DESCRIPTION: string;
	SORT: number;
	BIZPROC: 'Y' | 'N';
	SOCNET_GROUP_ID: number | null;
	RIGHTS: Record<string, string>;
	MESSAGES: Record<string, string>;
	modified: number;
	fields: Map<string, ListField>;
}

export interface ListSection {
	ID: number;
	IBLOCK_ID: number;
	CODE: string;
	NAME: string;
	IBLOCK_SECTION_ID: number | null;
	SORT: number;
	ACTIVE: 'Y' | 'N';
	XML_ID: string | null;
	EXTERNAL_ID: string | null;
	CREATED_BY: number;
	MODIFIED_BY: number;
	created: number;
	modified: number;
}

export interface ListElement {
	ID: number;
	IBLOCK_ID: number;
	CODE: string;
	NAME: string;
	IBLOCK_SECTION_ID: number | null;
	SORT: number;
	CREATED_BY: number;
	created: number;
	/** PROPERTY_<id> -> value id -> value */
	properties: Record<string, Record<string, unknown>>;
}

export interface ListsState {
	iblocks: Map<number, Iblock>;
	sections: Map<number, ListSection>;
	elements: Map<number, ListElement>;
	nextIblock: number;
	nextProperty: number;
	nextValue: number;
	nextSection: number;
	nextElement: number;
	/** files of File (F) fields, by file ID (what an element's value holds) */
	files: Map<number, { name: string; content: Buffer }>;
	nextFile: number;
}

function nameField(): ListField {
	return {
		FIELD_ID: 'NAME',
		NAME: 'Name',
		TYPE: 'NAME',
		CODE: null,
		SORT: 10,
		IS_REQUIRED: 'Y',
		MULTIPLE: 'N',
		DEFAULT_VALUE: '',
		LINK_IBLOCK_ID: null,
		ROW_COUNT: 1,
		COL_COUNT: 30,
		SETTINGS: {
			SHOW_ADD_FORM: 'Y',
			SHOW_EDIT_FORM: 'Y',
			ADD_READ_ONLY_FIELD: 'N',
			EDIT_READ_ONLY_FIELD: 'N',
			SHOW_FIELD_PREVIEW: 'N',
		},
		USER_TYPE_SETTINGS: null,
	};
}

function customField(
	id: number,
	name: string,
	type: string,
	code: string,
	extra: Partial<ListField> = {},
): ListField {
	return {
		...nameField(),
		FIELD_ID: `PROPERTY_${id}`,
		ID: id,
		NAME: name,
		TYPE: type,
		CODE: code,
		SORT: 20 + id,
		IS_REQUIRED: 'N',
		...extra,
	};
}

/** The seed: a company list of contractors (2 fields, 1 section, 3 elements), a news-feed process list and a group list. */
export const DEMO_LISTS = {
	contractors: { ID: 1, IBLOCK_TYPE_ID: 'lists', CODE: 'contractors', NAME: 'Contractors' },
	purchases: {
		ID: 2,
		IBLOCK_TYPE_ID: 'bitrix_processes',
		CODE: 'purchase_requests',
		NAME: 'Purchase requests',
	},
	groupList: {
		ID: 3,
		IBLOCK_TYPE_ID: 'lists_socnet',
		CODE: 'group_tasks',
		NAME: 'Group tasks',
		SOCNET_GROUP_ID: 1,
	},
} as const;
export const DEMO_STATUS_VALUES = { '1': 'Active', '2': 'Blocked' } as const;
export const DEMO_ELEMENTS = [
	{ ID: 1, CODE: 'acme', NAME: 'Acme Ltd', section: 1, phone: '+1 555 0100', status: '1' },
	{ ID: 2, CODE: 'globex', NAME: 'Globex', section: 1, phone: '+1 555 0101', status: '2' },
	{ ID: 3, CODE: 'initech', NAME: 'Initech', section: null, phone: '+1 555 0102', status: '1' },
] as const;

export function listsState(store: Store): ListsState {
	return store.area<ListsState>('lists', () => {
		const created = SEED_BASE_MS - 10 * DAY;
		const iblocks = new Map<number, Iblock>();
		for (const l of Object.values(DEMO_LISTS)) {
			iblocks.set(l.ID, {
				DESCRIPTION: '',
				SORT: 500,
				BIZPROC: l.IBLOCK_TYPE_ID === 'bitrix_processes' ? 'Y' : 'N',
				SOCNET_GROUP_ID: 'SOCNET_GROUP_ID' in l ? l.SOCNET_GROUP_ID : null,
				RIGHTS: { '*': 'R', U1: 'X' },
				MESSAGES: {},
				modified: created,
				fields: new Map([['NAME', nameField()]]),
				...l,
			});
		}
		const contractors = iblocks.get(1)!;
		contractors.fields.set('PROPERTY_1', customField(1, 'Phone', 'S', 'PHONE'));
		contractors.fields.set(
			'PROPERTY_2',
			customField(2, 'Status', 'L', 'STATUS', {
				DEFAULT_VALUE: '1',
				values: { ...DEMO_STATUS_VALUES },
			}),
		);
		const sections = new Map<number, ListSection>([
			[
				1,
				{
					ID: 1,
					IBLOCK_ID: 1,
					CODE: 'suppliers',
					NAME: 'Suppliers',
					IBLOCK_SECTION_ID: null,
					SORT: 500,
					ACTIVE: 'Y',
					XML_ID: null,
					EXTERNAL_ID: null,
					CREATED_BY: 1,
					MODIFIED_BY: 1,
					created,
					modified: created,
				},
			],
		]);
		const elements = new Map<number, ListElement>();
		let value = 1;
		for (const e of DEMO_ELEMENTS) {
			elements.set(e.ID, {
				ID: e.ID,
				IBLOCK_ID: 1,
				CODE: e.CODE,
				NAME: e.NAME,
				IBLOCK_SECTION_ID: e.section,
				SORT: 500,
				CREATED_BY: 1,
				created,
				properties: {
					PROPERTY_1: { [String(value++)]: e.phone },
					PROPERTY_2: { [String(value++)]: e.status },
				},
			});
		}
		return {
			iblocks,
			sections,
			elements,
			nextIblock: 4,
			nextProperty: 3,
			nextValue: value,
			nextSection: 2,
			nextElement: 4,
			files: new Map(),
			nextFile: 1,
		};
	});
}

// ---------------------------------------------------------------- helpers

const state = (ctx: CallContext): ListsState => listsState(ctx.portal.store);
const isEmpty = (v: unknown): boolean => v === undefined || v === null || v === '';
const fail = (code: string, text: string): RestError => new RestError(400, code, text);
const missing = (name: string): RestError =>
	fail('ERROR_REQUIRED_PARAMETERS_MISSING', `Required parameter \`${name}\` is missing`);
const denied = (): RestError => fail('ACCESS_DENIED', 'Access denied');

function caller(ctx: CallContext): User {
	const u = ctx.portal.store.users.find((x) => x.ID === ctx.auth.userId);
	if (!u) throw new Error('current user missing from the store');
	return u;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** "05/17/2023 04:09:23 pm" in the portal's time zone, as the lists examples write dates. */
function usDate(ms: number): string {
	const d = new Date(Math.floor(ms / 1000) * 1000 + PORTAL_TZ_OFFSET_MINUTES * 60_000);
	const h = d.getUTCHours();
	return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()} ${pad(h % 12 === 0 ? 12 : h % 12)}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? 'am' : 'pm'}`;
}

function listParam(v: unknown): string[] {
	if (Array.isArray(v)) return v.map(String);
	if (isObject(v)) return Object.values(v).map(String);
	return isEmpty(v) ? [] : [String(v)];
}

function levelOf(ctx: CallContext, iblock: Iblock): number {
	const me = caller(ctx);
	if (me.IS_ADMIN) return LEVELS.length - 1;
	const codes = ['*', `U${me.ID}`, ...me.UF_DEPARTMENT.map((d) => `D${d}`)];
	return Math.max(0, ...codes.map((c) => LEVELS.indexOf(iblock.RIGHTS[c] ?? 'D')));
}

/** IBLOCK_TYPE_ID plus IBLOCK_ID or IBLOCK_CODE, the group of a group list, and the right the call needs. */
function iblockOf(ctx: CallContext, need: string): Iblock {
	const type = param(ctx.params, 'IBLOCK_TYPE_ID');
	if (isEmpty(type)) throw missing('IBLOCK_TYPE_ID');
	const id = param(ctx.params, 'IBLOCK_ID');
	const code = param(ctx.params, 'IBLOCK_CODE');
	if (isEmpty(id) && isEmpty(code)) throw missing('IBLOCK_ID');
	const iblock = [...state(ctx).iblocks.values()].find(
		(b) =>
			b.IBLOCK_TYPE_ID === String(type) &&
			(isEmpty(id) ? b.CODE === String(code) : b.ID === phpInt(id)),
	);
	if (!iblock) throw fail('ERROR_IBLOCK_NOT_FOUND', 'Iblock not found');
	if (!mayReach(ctx, iblock) || levelOf(ctx, iblock) < LEVELS.indexOf(need)) throw denied();
	return iblock;
}

/** "Required for group lists; otherwise, an access error will occur." */
function mayReach(ctx: CallContext, iblock: Iblock): boolean {
	return (
		iblock.IBLOCK_TYPE_ID !== 'lists_socnet' ||
		phpInt(param(ctx.params, 'SOCNET_GROUP_ID') ?? 0) === iblock.SOCNET_GROUP_ID
	);
}

function fieldsParam(ctx: CallContext): Record<string, unknown> {
	const fields = param(ctx.params, 'FIELDS');
	if (!isObject(fields) || Object.keys(fields).length === 0) throw missing('FIELDS');
	return fields;
}

function yn(v: unknown, fallback: 'Y' | 'N'): 'Y' | 'N' {
	if (isEmpty(v)) return fallback;
	return v === true || String(v).toUpperCase() === 'Y' || v === '1' || v === 1 ? 'Y' : 'N';
}

function stringMap(v: unknown): Record<string, string> {
	return isObject(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)])) : {};
}

// ---------------------------------------------------------------- lists

function iblockView(b: Iblock): Record<string, unknown> {
	return {
		ID: String(b.ID),
		TIMESTAMP_X: usDate(b.modified),
		IBLOCK_TYPE_ID: b.IBLOCK_TYPE_ID,
		LID: 's1',
		CODE: b.CODE,
		API_CODE: null,
		NAME: b.NAME,
		ACTIVE: 'Y',
		SORT: String(b.SORT),
		PICTURE: null,
		DESCRIPTION: b.DESCRIPTION,
		DESCRIPTION_TYPE: 'text',
		BIZPROC: b.BIZPROC,
		WORKFLOW: 'N',
		SECTION_CHOOSER: 'L',
		RIGHTS_MODE: 'E',
		VERSION: '1',
		SOCNET_GROUP_ID: b.SOCNET_GROUP_ID === null ? null : String(b.SOCNET_GROUP_ID),
		SECTIONS_NAME: b.MESSAGES.SECTIONS_NAME ?? 'Sections',
		SECTION_NAME: b.MESSAGES.SECTION_NAME ?? 'Section',
		ELEMENTS_NAME: b.MESSAGES.ELEMENTS_NAME ?? 'Elements',
		ELEMENT_NAME: b.MESSAGES.ELEMENT_NAME ?? 'Element',
	};
}

const IBLOCK_ORDER: Resolver<Iblock> = (name) => {
	const key = name.toUpperCase();
	const get: Record<string, (b: Iblock) => unknown> = {
		ID: (b) => b.ID,
		IBLOCK_TYPE: (b) => b.IBLOCK_TYPE_ID,
		NAME: (b) => b.NAME,
		CODE: (b) => b.CODE,
		SORT: (b) => b.SORT,
		TIMESTAMP_X: (b) => b.modified,
	};
	return get[key]
		? {
				def: {
					type: key === 'ID' || key === 'SORT' || key === 'TIMESTAMP_X' ? 'integer' : 'string',
				},
				get: get[key],
			}
		: undefined;
};

function applyListFields(b: Iblock, fields: Record<string, unknown>, ctx: CallContext): void {
	const name = param(fields, 'NAME');
	if (isEmpty(name)) throw missing('NAME');
	b.NAME = String(name);
	const description = param(fields, 'DESCRIPTION');
	if (description !== undefined) b.DESCRIPTION = String(description ?? '');
	const sort = param(fields, 'SORT');
	if (!isEmpty(sort)) b.SORT = phpInt(sort);
	const bizproc = param(fields, 'BIZPROC');
	if (!isEmpty(bizproc)) b.BIZPROC = yn(bizproc, 'N');
	const messages = param(ctx.params, 'MESSAGES');
	if (isObject(messages)) b.MESSAGES = { ...b.MESSAGES, ...stringMap(messages) };
	b.modified = Date.now();
}

const listMethods: MethodDef[] = [
	{
		name: 'lists.get',
		scope: 'lists',
		handler: (ctx) => {
			const type = param(ctx.params, 'IBLOCK_TYPE_ID');
			if (isEmpty(type)) throw missing('IBLOCK_TYPE_ID');
			const id = param(ctx.params, 'IBLOCK_ID');
			const code = param(ctx.params, 'IBLOCK_CODE');
			// "An empty array means that no lists were found"; lists the user may not read are left out
			const rows = [...state(ctx).iblocks.values()].filter(
				(b) =>
					b.IBLOCK_TYPE_ID === String(type) &&
					(isEmpty(id) || b.ID === phpInt(id)) &&
					(isEmpty(code) || b.CODE === String(code)) &&
					(b.IBLOCK_TYPE_ID !== 'lists_socnet' ||
						isEmpty(param(ctx.params, 'SOCNET_GROUP_ID')) ||
						mayReach(ctx, b)) &&
					levelOf(ctx, b) >= LEVELS.indexOf('R'),
			);
			// the docs' default order ("decs") names no field: ID ascending unless IBLOCK_ORDER says otherwise
			const ordered = applyOrder(
				rows,
				param(ctx.params, 'IBLOCK_ORDER'),
				IBLOCK_ORDER,
				(b) => b.ID,
			);
			const page = paginate(ordered, param(ctx.params, 'start'));
			return { result: page.items.map(iblockView), total: page.total, next: page.next };
		},
	},
	{
		name: 'lists.add',
		scope: 'lists',
		handler: (ctx) => {
			if (!caller(ctx).IS_ADMIN) throw denied();
			const type = param(ctx.params, 'IBLOCK_TYPE_ID');
			if (isEmpty(type)) throw missing('IBLOCK_TYPE_ID');
			if (!TYPES.includes(String(type)))
				throw fail('ERROR_ADD_IBLOCK', 'Incorrect information block type');
			const code = param(ctx.params, 'IBLOCK_CODE');
			if (isEmpty(code)) throw missing('IBLOCK_CODE');
			const fields = fieldsParam(ctx);
			const st = state(ctx);
			if ([...st.iblocks.values()].some((b) => b.CODE === String(code)))
				throw fail('ERROR_IBLOCK_ALREADY_EXISTS', 'Iblock already exists');
			const group = param(ctx.params, 'SOCNET_GROUP_ID');
			const rights = param(ctx.params, 'RIGHTS');
			const b: Iblock = {
				ID: st.nextIblock,
				IBLOCK_TYPE_ID: String(type),
				CODE: String(code),
				NAME: '',
				DESCRIPTION: '',
				SORT: 500,
				BIZPROC: 'N',
				SOCNET_GROUP_ID: isEmpty(group) ? null : phpInt(group),
				// "If the parameter is not provided, the authorized user who called the method is assigned full access."
				RIGHTS: isObject(rights) ? stringMap(rights) : { [`U${ctx.auth.userId}`]: 'X' },
				MESSAGES: {},
				modified: Date.now(),
				fields: new Map([['NAME', nameField()]]),
			};
			applyListFields(b, fields, ctx);
			st.iblocks.set(st.nextIblock++, b);
			return { result: b.ID };
		},
	},
	{
		name: 'lists.update',
		scope: 'lists',
		handler: (ctx) => {
			const b = iblockOf(ctx, 'X');
			const draft: Iblock = { ...b, MESSAGES: { ...b.MESSAGES } };
			applyListFields(draft, fieldsParam(ctx), ctx);
			const rights = param(ctx.params, 'RIGHTS');
			// "Existing permissions cannot be changed": only new codes are added
			if (isObject(rights))
				for (const [k, v] of Object.entries(stringMap(rights)))
					if (!(k in draft.RIGHTS)) draft.RIGHTS = { ...draft.RIGHTS, [k]: v };
			const group = param(ctx.params, 'SOCNET_GROUP_ID');
			if (!isEmpty(group)) draft.SOCNET_GROUP_ID = phpInt(group);
			Object.assign(b, draft);
			return { result: true };
		},
	},
	{
		name: 'lists.delete',
		scope: 'lists',
		handler: (ctx) => {
			const b = iblockOf(ctx, 'X');
			const st = state(ctx);
			st.iblocks.delete(b.ID);
			for (const e of [...st.elements.values()]) if (e.IBLOCK_ID === b.ID) st.elements.delete(e.ID);
			for (const s of [...st.sections.values()]) if (s.IBLOCK_ID === b.ID) st.sections.delete(s.ID);
			return { result: true };
		},
	},
];

// ---------------------------------------------------------------- fields

const SYSTEM_FIELDS = [
	'SORT',
	'ACTIVE_FROM',
	'ACTIVE_TO',
	'PREVIEW_PICTURE',
	'PREVIEW_TEXT',
	'DETAIL_PICTURE',
	'DETAIL_TEXT',
	'DATE_CREATE',
	'CREATED_BY',
	'TIMESTAMP_X',
	'MODIFIED_BY',
];
const CUSTOM_TYPES = [
	'S',
	'N',
	'L',
	'F',
	'G',
	'E',
	'S:Date',
	'S:DateTime',
	'S:HTML',
	'E:EList',
	'N:Sequence',
	'S:ECrm',
	'S:Money',
	'S:DiskFile',
	'S:employee',
];

function fieldView(f: ListField): Record<string, unknown> {
	const [propertyType, userType] = f.TYPE.includes(':') ? f.TYPE.split(':') : [f.TYPE, false];
	return {
		FIELD_ID: f.FIELD_ID,
		SORT: f.SORT,
		NAME: f.NAME,
		IS_REQUIRED: f.IS_REQUIRED,
		MULTIPLE: f.MULTIPLE,
		DEFAULT_VALUE: f.DEFAULT_VALUE,
		TYPE: f.TYPE,
		...(f.ID === undefined
			? {}
			: {
					PROPERTY_TYPE: propertyType,
					PROPERTY_USER_TYPE: userType,
					CODE: f.CODE,
					ID: String(f.ID),
					LINK_IBLOCK_ID: f.LINK_IBLOCK_ID === null ? null : String(f.LINK_IBLOCK_ID),
					ROW_COUNT: String(f.ROW_COUNT),
					COL_COUNT: String(f.COL_COUNT),
					USER_TYPE_SETTINGS: f.USER_TYPE_SETTINGS,
				}),
		SETTINGS: f.SETTINGS,
		...(f.values ? { DISPLAY_VALUES_FORM: { ...f.values } } : {}),
	};
}

function fieldIdParam(ctx: CallContext): string {
	const id = param(ctx.params, 'FIELD_ID');
	if (isEmpty(id)) throw missing('FIELD_ID');
	return String(id);
}

/** LIST ({tmp: {VALUE, SORT, DEF}}, kept ids when they exist) and LIST_TEXT_VALUES (one per line) of a List field. */
function listValues(
	st: ListsState,
	fields: Record<string, unknown>,
	current: Record<string, string> = {},
): Record<string, string> {
	const values: Record<string, string> = {};
	const list = param(fields, 'LIST');
	if (isObject(list)) {
		for (const [key, entry] of Object.entries(list)) {
			const text = isObject(entry) ? entry.VALUE : entry;
			if (isEmpty(text)) continue;
			values[key in current ? key : String(st.nextValue++)] = String(text);
		}
	} else Object.assign(values, current);
	const lines = String(param(fields, 'LIST_TEXT_VALUES') ?? '')
		.split('\n')
		.map((s) => s.trim())
		.filter(Boolean);
	for (const line of lines) values[String(st.nextValue++)] = line;
	return values;
}

function applyFieldSettings(st: ListsState, f: ListField, fields: Record<string, unknown>): void {
	const name = param(fields, 'NAME');
	if (isEmpty(name)) throw missing('NAME');
	f.NAME = String(name);
	f.IS_REQUIRED = yn(param(fields, 'IS_REQUIRED'), f.IS_REQUIRED);
	f.MULTIPLE = f.ID === undefined ? 'N' : yn(param(fields, 'MULTIPLE'), f.MULTIPLE);
	const sort = param(fields, 'SORT');
	if (!isEmpty(sort)) f.SORT = phpInt(sort);
	const def = param(fields, 'DEFAULT_VALUE');
	if (def !== undefined) f.DEFAULT_VALUE = String(def ?? '');
	const settings = param(fields, 'SETTINGS');
	if (isObject(settings)) f.SETTINGS = { ...f.SETTINGS, ...stringMap(settings) };
	if (f.SETTINGS.ADD_READ_ONLY_FIELD === 'Y' && isEmpty(f.DEFAULT_VALUE))
		throw new Error(`The default value of the field '${f.NAME}' is required`);
	const link = param(fields, 'LINK_IBLOCK_ID');
	if (!isEmpty(link)) f.LINK_IBLOCK_ID = phpInt(link);
	const uts = param(fields, 'USER_TYPE_SETTINGS');
	if (uts !== undefined) f.USER_TYPE_SETTINGS = uts;
	for (const key of ['ROW_COUNT', 'COL_COUNT'] as const) {
		const v = param(fields, key);
		if (!isEmpty(v)) f[key] = phpInt(v);
	}
	if (f.TYPE === 'L') f.values = listValues(st, fields, f.values);
}

const fieldMethods: MethodDef[] = [
	{
		name: 'lists.field.get',
		scope: 'lists',
		handler: (ctx) => {
			const b = iblockOf(ctx, 'R');
			const id = param(ctx.params, 'FIELD_ID');
			if (isEmpty(id))
				return {
					result: Object.fromEntries([...b.fields.values()].map((f) => [f.FIELD_ID, fieldView(f)])),
				};
			// one field comes back keyed by its type, as the docs' example shows ("L": {...})
			const f = b.fields.get(String(id));
			return { result: f ? { [f.TYPE]: fieldView(f) } : [] };
		},
	},
	{
		name: 'lists.field.add',
		scope: 'lists',
		handler: (ctx) => {
			const b = iblockOf(ctx, 'X');
			const fields = fieldsParam(ctx);
			const type = param(fields, 'TYPE');
			if (isEmpty(type)) throw missing('TYPE');
			const st = state(ctx);
			const system = SYSTEM_FIELDS.includes(String(type));
			if (!system && !CUSTOM_TYPES.includes(String(type)))
				throw fail('ERROR_SAVE_FIELD', 'Error saving the field');
			let f: ListField;
			if (system) {
				if (b.fields.has(String(type))) throw fail('ERROR_SAVE_FIELD', 'Error saving the field');
				f = {
					...nameField(),
					FIELD_ID: String(type),
					TYPE: String(type),
					IS_REQUIRED: 'N',
					SORT: 500,
				};
			} else {
				const code = param(fields, 'CODE');
				if (isEmpty(code)) throw fail('ERROR_SAVE_FIELD', 'Please fill the code fields');
				if ([...b.fields.values()].some((x) => x.CODE === String(code)))
					throw fail('ERROR_SAVE_FIELD', 'Property already exists');
				const id = st.nextProperty;
				f = customField(id, '', String(type), String(code), {
					SORT: 500,
					values: type === 'L' ? {} : undefined,
				});
			}
			try {
				applyFieldSettings(st, f, fields);
			} catch (error) {
				if (error instanceof RestError) throw error;
				throw fail('ERROR_SAVE_FIELD', (error as Error).message);
			}
			if (f.ID !== undefined) st.nextProperty++;
			b.fields.set(f.FIELD_ID, f);
			return { result: f.FIELD_ID };
		},
	},
	{
		name: 'lists.field.update',
		scope: 'lists',
		handler: (ctx) => {
			const b = iblockOf(ctx, 'X');
			const id = fieldIdParam(ctx);
			const fields = fieldsParam(ctx);
			const f = b.fields.get(id);
			if (!f) throw fail('ERROR_UPDATE_FIELD', 'Error updating the field');
			// "The field type cannot be changed": the stored type stays whatever TYPE says
			const draft: ListField = { ...f, SETTINGS: { ...f.SETTINGS } };
			try {
				applyFieldSettings(state(ctx), draft, fields);
			} catch (error) {
				if (error instanceof RestError) throw error;
				throw fail('ERROR_UPDATE_FIELD', (error as Error).message);
			}
			b.fields.set(id, draft);
			return { result: true };
		},
	},
	{
		name: 'lists.field.delete',
		scope: 'lists',
		handler: (ctx) => {
			const b = iblockOf(ctx, 'X');
			const id = fieldIdParam(ctx);
			// the docs name no error for an unknown field: deleting it is a no-op; NAME cannot go
			if (id !== 'NAME' && b.fields.delete(id))
				for (const e of state(ctx).elements.values())
					if (e.IBLOCK_ID === b.ID) delete e.properties[id];
			return { result: true };
		},
	},
];

// ---------------------------------------------------------------- sections

const SECTION_FIELDS: Record<string, { type: string; get: (s: ListSection) => unknown }> = {
	ID: { type: 'integer', get: (s) => s.ID },
	CODE: { type: 'string', get: (s) => s.CODE },
	XML_ID: { type: 'string', get: (s) => s.XML_ID },
	EXTERNAL_ID: { type: 'string', get: (s) => s.EXTERNAL_ID },
	NAME: { type: 'string', get: (s) => s.NAME },
	ACTIVE: { type: 'string', get: (s) => s.ACTIVE },
	IBLOCK_SECTION_ID: { type: 'integer', get: (s) => s.IBLOCK_SECTION_ID ?? 0 },
	SORT: { type: 'integer', get: (s) => s.SORT },
	CREATED_BY: { type: 'integer', get: (s) => s.CREATED_BY },
	MODIFIED_BY: { type: 'integer', get: (s) => s.MODIFIED_BY },
};

function depth(st: ListsState, s: ListSection): number {
	let level = 1;
	for (let p = s.IBLOCK_SECTION_ID; p; p = st.sections.get(p)?.IBLOCK_SECTION_ID ?? null) level++;
	return level;
}

function sectionView(st: ListsState, s: ListSection): Record<string, unknown> {
	return {
		ID: String(s.ID),
		CODE: s.CODE,
		XML_ID: s.XML_ID,
		EXTERNAL_ID: s.EXTERNAL_ID,
		IBLOCK_SECTION_ID: s.IBLOCK_SECTION_ID === null ? null : String(s.IBLOCK_SECTION_ID),
		TIMESTAMP_X: usDate(s.modified),
		SORT: String(s.SORT),
		NAME: s.NAME,
		ACTIVE: s.ACTIVE,
		GLOBAL_ACTIVE: s.ACTIVE,
		DEPTH_LEVEL: String(depth(st, s)),
		SEARCHABLE_CONTENT: `${s.NAME.toUpperCase()}\r\n`,
		MODIFIED_BY: String(s.MODIFIED_BY),
		DATE_CREATE: usDate(s.created),
		CREATED_BY: String(s.CREATED_BY),
	};
}

function applySectionFields(
	ctx: CallContext,
	s: ListSection,
	fields: Record<string, unknown>,
): void {
	const name = param(fields, 'NAME');
	if (isEmpty(name)) throw missing('NAME');
	s.NAME = String(name);
	const sort = param(fields, 'SORT');
	if (!isEmpty(sort)) s.SORT = phpInt(sort);
	s.ACTIVE = yn(param(fields, 'ACTIVE'), s.ACTIVE);
	for (const key of ['XML_ID', 'EXTERNAL_ID'] as const) {
		const v = param(fields, key);
		if (v !== undefined) s[key] = isEmpty(v) ? null : String(v);
	}
	s.MODIFIED_BY = ctx.auth.userId;
	s.modified = Date.now();
}

function sectionOf(ctx: CallContext, b: Iblock): ListSection {
	const id = param(ctx.params, 'SECTION_ID');
	const code = param(ctx.params, 'SECTION_CODE');
	if (isEmpty(id) && isEmpty(code)) throw missing('SECTION_ID');
	const s = [...state(ctx).sections.values()].find(
		(x) => x.IBLOCK_ID === b.ID && (isEmpty(id) ? x.CODE === String(code) : x.ID === phpInt(id)),
	);
	if (!s) throw fail('ERROR_SECTION_NOT_FOUND', 'Section not found');
	return s;
}

const sectionMethods: MethodDef[] = [
	{
		name: 'lists.section.get',
		scope: 'lists',
		handler: (ctx) => {
			const b = iblockOf(ctx, 'R');
			const st = state(ctx);
			const resolve: Resolver<ListSection> = (name) => {
				const f = SECTION_FIELDS[name.toUpperCase()];
				return f ? { def: { type: f.type }, get: f.get } : undefined;
			};
			const rows = applyFilter(
				[...st.sections.values()].filter((s) => s.IBLOCK_ID === b.ID),
				param(ctx.params, 'FILTER'),
				resolve,
			);
			const ordered = applyOrder(rows, { SORT: 'ASC' }, resolve, (s) => s.ID);
			const select = listParam(param(ctx.params, 'SELECT')).map((x) => x.toUpperCase());
			const result = ordered.map((s) => {
				const full = sectionView(st, s);
				return select.length
					? Object.fromEntries(select.filter((k) => k in full).map((k) => [k, full[k]]))
					: full;
			});
			// the docs document no paging for sections: every matching section at once
			return { result, total: result.length };
		},
	},
	{
		name: 'lists.section.add',
		scope: 'lists',
		handler: (ctx) => {
			const b = iblockOf(ctx, 'W');
			const code = param(ctx.params, 'SECTION_CODE');
			if (isEmpty(code)) throw missing('SECTION_CODE');
			const fields = fieldsParam(ctx);
			const st = state(ctx);
			const parent = phpInt(param(ctx.params, 'IBLOCK_SECTION_ID') ?? 0);
			if (parent && st.sections.get(parent)?.IBLOCK_ID !== b.ID)
				throw fail('ERROR_ADD_SECTION', 'Error adding section');
			const now = Date.now();
			const s: ListSection = {
				ID: st.nextSection,
				IBLOCK_ID: b.ID,
				CODE: String(code),
				NAME: '',
				IBLOCK_SECTION_ID: parent || null,
				SORT: 500,
				ACTIVE: 'Y',
				XML_ID: null,
				EXTERNAL_ID: null,
				CREATED_BY: ctx.auth.userId,
				MODIFIED_BY: ctx.auth.userId,
				created: now,
				modified: now,
			};
			applySectionFields(ctx, s, fields);
			st.sections.set(st.nextSection++, s);
			return { result: s.ID };
		},
	},
	{
		name: 'lists.section.update',
		scope: 'lists',
		handler: (ctx) => {
			const b = iblockOf(ctx, 'U');
			const s = sectionOf(ctx, b);
			const draft = { ...s };
			applySectionFields(ctx, draft, fieldsParam(ctx));
			Object.assign(s, draft);
			return { result: true };
		},
	},
	{
		name: 'lists.section.delete',
		scope: 'lists',
		handler: (ctx) => {
			const b = iblockOf(ctx, 'W');
			const s = sectionOf(ctx, b);
			const st = state(ctx);
			// an information block section goes with its subsections and their elements
			const gone = new Set([s.ID]);
			for (let grew = true; grew; ) {
				grew = false;
				for (const x of st.sections.values())
					if (x.IBLOCK_SECTION_ID !== null && gone.has(x.IBLOCK_SECTION_ID) && !gone.has(x.ID))
						grew = !!gone.add(x.ID);
			}
			for (const id of gone) st.sections.delete(id);
			for (const e of [...st.elements.values()])
				if (e.IBLOCK_SECTION_ID !== null && gone.has(e.IBLOCK_SECTION_ID)) st.elements.delete(e.ID);
			return { result: true };
		},
	},
];

// ---------------------------------------------------------------- elements

function elementView(e: ListElement, b: Iblock): Record<string, unknown> {
	const view: Record<string, unknown> = {
		ID: String(e.ID),
		NAME: e.NAME,
		IBLOCK_SECTION_ID: e.IBLOCK_SECTION_ID === null ? null : String(e.IBLOCK_SECTION_ID),
		CREATED_BY: String(e.CREATED_BY),
		CODE: e.CODE,
		SORT: String(e.SORT),
		DATE_CREATE: usDate(e.created),
	};
	for (const f of b.fields.values())
		if (f.ID !== undefined && e.properties[f.FIELD_ID])
			view[f.FIELD_ID] = { ...e.properties[f.FIELD_ID] };
	return view;
}

function elementResolver(b: Iblock): Resolver<ListElement> {
	return (name) => {
		const key = name.toUpperCase();
		const plain: Record<string, [string, (e: ListElement) => unknown]> = {
			ID: ['integer', (e) => e.ID],
			NAME: ['string', (e) => e.NAME],
			CODE: ['string', (e) => e.CODE],
			IBLOCK_SECTION_ID: ['integer', (e) => e.IBLOCK_SECTION_ID ?? 0],
			CREATED_BY: ['integer', (e) => e.CREATED_BY],
			SORT: ['integer', (e) => e.SORT],
			DATE_CREATE: ['integer', (e) => e.created],
		};
		if (plain[key]) return { def: { type: plain[key][0] }, get: plain[key][1] };
		const f = b.fields.get(key);
		if (!f || f.ID === undefined) return undefined;
		return {
			def: { type: f.TYPE === 'N' ? 'double' : 'string', isMultiple: true },
			get: (e) => Object.values(e.properties[key] ?? {}),
		};
	};
}

/**
 * A File value saved: [name, base64] or base64 alone (how-to-upload-files.md; a file without a
 * name is called "file", the docs give none; "Invalid file value" for content that is no base64
 * is our text under the docs' code for field values). The element keeps the file's ID.
 */
function storeFile(st: ListsState, value: unknown): number {
	const [name, content] = Array.isArray(value) ? value.map(String) : ['file', String(value)];
	if (!content || !/^[A-Za-z0-9+/=\s]+$/.test(content))
		throw fail('ERROR_ELEMENT_FIELD_VALUE', 'Invalid file value');
	const id = st.nextFile++;
	st.files.set(id, { name, content: Buffer.from(content, 'base64') });
	return id;
}

/** PROPERTY_<id> values of FIELDS: every value gets a value id; a multiple field takes a list. */
function propertyValues(
	st: ListsState,
	b: Iblock,
	fields: Record<string, unknown>,
): ListElement['properties'] {
	const properties: ListElement['properties'] = {};
	for (const [key, raw] of Object.entries(fields)) {
		const f = b.fields.get(key.toUpperCase());
		if (!f || f.ID === undefined) continue;
		// a File value is base64 or [name, base64]; a multiple field takes a list of them
		const oneFile =
			f.TYPE === 'F' &&
			Array.isArray(raw) &&
			raw.length === 2 &&
			raw.every((v) => typeof v === 'string');
		const values = (
			oneFile ? [raw] : Array.isArray(raw) ? raw : isObject(raw) ? Object.values(raw) : [raw]
		).filter((v) => !isEmpty(v));
		if (!values.length) continue;
		// file values by id are refused, as the docs' ERROR_ELEMENT_FIELD_VALUE example says
		if (f.TYPE === 'F' && values.some((v) => /^\d+$/.test(String(v))))
			throw fail('ERROR_ELEMENT_FIELD_VALUE', 'Writing file values by ID is not supported');
		let kept = f.MULTIPLE === 'Y' ? values : values.slice(0, 1);
		if (f.TYPE === 'F') kept = kept.map((v) => String(storeFile(st, v)));
		properties[f.FIELD_ID] = Object.fromEntries(
			kept.map((v) => [String(st.nextValue++), typeof v === 'object' ? v : String(v)]),
		);
	}
	return properties;
}

function elementOf(ctx: CallContext, b: Iblock): ListElement {
	const id = param(ctx.params, 'ELEMENT_ID');
	const code = param(ctx.params, 'ELEMENT_CODE');
	if (isEmpty(id) && isEmpty(code)) throw missing('ELEMENT_ID');
	const e = [...state(ctx).elements.values()].find(
		(x) => x.IBLOCK_ID === b.ID && (isEmpty(id) ? x.CODE === String(code) : x.ID === phpInt(id)),
	);
	if (!e) throw fail('ERROR_ELEMENT_NOT_FOUND', 'Element not found');
	return e;
}

function elementName(fields: Record<string, unknown>): string {
	const name = param(fields, 'NAME');
	if (isEmpty(name)) throw missing('NAME');
	return String(name);
}

const elementMethods: MethodDef[] = [
	{
		name: 'lists.element.get',
		scope: 'lists',
		handler: (ctx) => {
			const b = iblockOf(ctx, 'R');
			const st = state(ctx);
			const resolve = elementResolver(b);
			const id = param(ctx.params, 'ELEMENT_ID');
			const code = param(ctx.params, 'ELEMENT_CODE');
			let rows = [...st.elements.values()].filter((e) => e.IBLOCK_ID === b.ID);
			if (!isEmpty(id)) rows = rows.filter((e) => e.ID === phpInt(id));
			else if (!isEmpty(code)) rows = rows.filter((e) => e.CODE === String(code));
			rows = applyFilter(rows, param(ctx.params, 'FILTER'), resolve);
			const ordered = applyOrder(rows, param(ctx.params, 'ELEMENT_ORDER'), resolve, (e) => e.ID);
			const page = paginate(ordered, param(ctx.params, 'start'));
			const select = listParam(param(ctx.params, 'SELECT')).map((x) => x.toUpperCase());
			const result = page.items.map((e) => {
				const full = elementView(e, b);
				return select.length
					? Object.fromEntries(select.filter((k) => k in full).map((k) => [k, full[k]]))
					: full;
			});
			return { result, total: page.total, next: page.next };
		},
	},
	{
		name: 'lists.element.add',
		scope: 'lists',
		handler: (ctx) => {
			const b = iblockOf(ctx, 'E');
			const code = param(ctx.params, 'ELEMENT_CODE');
			if (isEmpty(code)) throw missing('ELEMENT_CODE');
			const fields = fieldsParam(ctx);
			const name = elementName(fields);
			const st = state(ctx);
			if ([...st.elements.values()].some((e) => e.IBLOCK_ID === b.ID && e.CODE === String(code)))
				throw fail('ERROR_ELEMENT_ALREADY_EXISTS', 'Element already exists');
			const section = phpInt(param(ctx.params, 'IBLOCK_SECTION_ID') ?? 0);
			if (section && st.sections.get(section)?.IBLOCK_ID !== b.ID)
				throw fail('ERROR_ADD_ELEMENT', 'Error adding element');
			const e: ListElement = {
				ID: st.nextElement,
				IBLOCK_ID: b.ID,
				CODE: String(code),
				NAME: name,
				IBLOCK_SECTION_ID: section || null,
				SORT: 500,
				CREATED_BY: ctx.auth.userId,
				created: Date.now(),
				properties: propertyValues(st, b, fields),
			};
			st.elements.set(st.nextElement++, e);
			return { result: e.ID };
		},
	},
	{
		name: 'lists.element.update',
		scope: 'lists',
		handler: (ctx) => {
			const b = iblockOf(ctx, 'W');
			const e = elementOf(ctx, b);
			const fields = fieldsParam(ctx);
			const name = elementName(fields);
			// "The method completely overwrites the element. Fields whose values are not provided will be cleared."
			const properties = propertyValues(state(ctx), b, fields);
			e.NAME = name;
			e.properties = properties;
			return { result: true };
		},
	},
	{
		name: 'lists.element.delete',
		scope: 'lists',
		handler: (ctx) => {
			const b = iblockOf(ctx, 'W');
			const e = elementOf(ctx, b);
			state(ctx).elements.delete(e.ID);
			return { result: true };
		},
	},
];

export const methods: MethodDef[] = [
	...listMethods,
	...fieldMethods,
	...sectionMethods,
	...elementMethods,
];
