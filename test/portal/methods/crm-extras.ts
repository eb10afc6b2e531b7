/**
 * The rest of the CRM: activities (crm.activity.*, crm.activity.todo.add), timeline comments
 * (crm.timeline.comment.*), product rows (crm.item.productrow.set/list), pipeline writes
 * (crm.category.add/update/delete) and directory items (crm.status.add/get/update/delete,
 * crm.status.entity.types). crm.category.list/get and crm.status.list live in crm-meta.ts; both
 * files share the store's `categories` and `statuses`.
 *
 * Error styles follow the docs per method: crm.activity.* and crm.status.* are old REST proxies
 * (empty code, string values); crm.timeline.comment.add/update/delete, crm.activity.todo.add,
 * crm.category.* and crm.item.productrow.* are controllers with codes.
 */
import { crmError, isoDate, parseDate, RestError } from '../envelope';
import { applyFilter, applyOrder, paginate, Resolver } from '../filter';
import { isObject, phpInt } from '../php-query';
import { CallContext, MethodDef, param } from '../registry';
import type { Category, StatusRow, Store } from '../store';
import { catalogElement } from './catalog';

// ---------------------------------------------------------------------------------------------
// State

export interface Activity {
	ID: number;
	OWNER_ID: number;
	OWNER_TYPE_ID: number;
	TYPE_ID: number;
	PROVIDER_ID: string;
	PROVIDER_TYPE_ID: string;
	SUBJECT: string;
	DESCRIPTION: string;
	DESCRIPTION_TYPE: number;
	START_TIME: number | null;
	END_TIME: number | null;
	DEADLINE: number | null;
	COMPLETED: 'Y' | 'N';
	STATUS: number;
	RESPONSIBLE_ID: number;
	PRIORITY: number;
	DIRECTION: number;
	LOCATION: string;
	NOTIFY_TYPE: number;
	NOTIFY_VALUE: number;
	CREATED: number;
	LAST_UPDATED: number;
	AUTHOR_ID: number;
	EDITOR_ID: number;
	ORIGIN_ID: string | null;
	ORIGINATOR_ID: string | null;
	COMMUNICATIONS: Array<{
		ID: number;
		TYPE: string;
		VALUE: string;
		ENTITY_ID: number;
		ENTITY_TYPE_ID: number;
	}>;
	/** crm.activity.todo.add extras */
	PING_OFFSETS?: number[];
	COLOR_ID?: string;
	PARENT_ID?: number;
}

export interface CommentFile {
	id: number;
	name: string;
	size: number;
	content: Buffer;
	date: number;
	authorId: number;
}

export interface TimelineComment {
	ID: number;
	ENTITY_ID: number;
	ENTITY_TYPE: string;
	CREATED: number;
	COMMENT: string;
	AUTHOR_ID: number;
	FILES: CommentFile[];
}

export interface ProductRow {
	id: number;
	ownerId: number;
	ownerType: string;
	productId: number;
	productName: string;
	price: number;
	quantity: number;
	discountTypeId: number;
	discountRate: number;
	discountSum: number;
	taxRate: number | null;
	taxIncluded: 'Y' | 'N';
	measureCode: number;
	measureName: string;
	sort: number;
}

/** A record a timeline entry shows in (crm.timeline.bindings.*): lead, deal, contact, company ... */
export interface TimelineBinding {
	ENTITY_TYPE: string;
	ENTITY_ID: number;
}

export interface ExtrasState {
	activities: Map<number, Activity>;
	nextActivity: number;
	nextCommunication: number;
	comments: Map<number, TimelineComment>;
	nextComment: number;
	nextFile: number;
	/** product rows by owner: `${ownerType}:${ownerId}` */
	productRows: Map<string, ProductRow[]>;
	nextProductRow: number;
	/**
	 * The records a timeline entry (a comment, a log entry) is bound to, once crm.timeline.bindings.*
	 * changed them; until then an entry is bound to the record it was added to.
	 */
	timelineBindings: Map<number, TimelineBinding[]>;
}

/** This module's per-portal state (tests read it to check what the portal stored). */
export function extrasState(store: Store): ExtrasState {
	return store.area<ExtrasState>('crm-extras', () => ({
		activities: new Map(),
		nextActivity: 1,
		nextCommunication: 1,
		comments: new Map(),
		nextComment: 1,
		nextFile: 1,
		productRows: new Map(),
		nextProductRow: 1,
		timelineBindings: new Map(),
	}));
}

/** The records a timeline entry shows in: its bindings, at first the record it was added to. */
export function entryBindings(
	store: Store,
	entryId: number,
	own: TimelineBinding,
): TimelineBinding[] {
	return extrasState(store).timelineBindings.get(entryId) ?? [own];
}

export function isBoundTo(bindings: TimelineBinding[], entityType: string, entityId: number) {
	return bindings.some(
		(b) => b.ENTITY_TYPE === entityType.toLowerCase() && b.ENTITY_ID === entityId,
	);
}

const ownBinding = (c: TimelineComment): TimelineBinding => ({
	ENTITY_TYPE: c.ENTITY_TYPE,
	ENTITY_ID: c.ENTITY_ID,
});

// ---------------------------------------------------------------------------------------------
// Helpers

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const date = (ms: number | null): string | null => (ms === null ? null : isoDate(ms));

function positiveId(raw: unknown): number {
	if (raw === undefined || raw === null || raw === '') return 0;
	const id = phpInt(raw);
	return id > 0 ? id : 0;
}

/** An owner (entity type id + id) that exists in the portal. */
function ownerExists(store: Store, entityTypeId: number, id: number): boolean {
	return !!store.get(entityTypeId, id);
}

/** Short symbolic codes of the types (docs: CRM object types, entityTypeAbbr). */
const ABBR: Record<number, string> = {
	1: 'L',
	2: 'D',
	3: 'C',
	4: 'CO',
	5: 'I',
	7: 'Q',
	8: 'RQ',
	14: 'O',
	31: 'SI',
};

export function typeAbbr(entityTypeId: number): string {
	return ABBR[entityTypeId] ?? `T${entityTypeId.toString(16)}`;
}

function typeFromAbbr(abbr: string): number | undefined {
	const upper = abbr.toUpperCase();
	for (const [id, code] of Object.entries(ABBR)) if (code === upper) return Number(id);
	const dynamic = /^T([0-9a-f]+)$/i.exec(abbr);
	return dynamic ? parseInt(dynamic[1], 16) : undefined;
}

const TYPE_NAMES: Record<string, number> = {
	lead: 1,
	deal: 2,
	contact: 3,
	company: 4,
	quote: 7,
	smart_invoice: 31,
};

/** ENTITY_TYPE of a timeline comment: lead, deal ... or dynamic_<entityTypeId>. */
function typeFromName(name: string): number | undefined {
	const lower = name.toLowerCase();
	if (lower in TYPE_NAMES) return TYPE_NAMES[lower];
	const dynamic = /^dynamic_(\d+)$/.exec(lower);
	return dynamic ? Number(dynamic[1]) : undefined;
}

function plainResolver<R>(numeric: string[], dates: string[] = []): Resolver<R> {
	return (name) => ({
		def: {
			type: numeric.includes(name) ? 'integer' : dates.includes(name) ? 'datetime' : 'string',
		},
		get: (row) => {
			const value = (row as Record<string, unknown>)[name];
			return dates.includes(name) && typeof value === 'number' ? isoDate(value) : value;
		},
	});
}

function listParam(v: unknown): string[] {
	if (Array.isArray(v)) return v.map(String);
	if (isObject(v)) return Object.values(v).map(String);
	if (typeof v === 'string' && v !== '') return [v];
	return [];
}

// ---------------------------------------------------------------------------------------------
// Activities (crm.activity.*: old proxy, empty error code, string values)

const ACTIVITY_FIELDS: Array<
	[string, string, string, { required?: boolean; readOnly?: boolean; multiple?: boolean }?]
> = [
	['ID', 'integer', 'ID', { readOnly: true }],
	['OWNER_ID', 'integer', 'Owner ID'],
	['OWNER_TYPE_ID', 'crm_enum_ownertype', 'Owner Type'],
	['TYPE_ID', 'crm_enum_activitytype', 'Type', { required: true }],
	['PROVIDER_ID', 'string', 'Provider ID'],
	['PROVIDER_TYPE_ID', 'string', 'Provider Type'],
	['PROVIDER_GROUP_ID', 'string', 'Connector Type'],
	['ASSOCIATED_ENTITY_ID', 'integer', 'Associated Entity ID', { readOnly: true }],
	['SUBJECT', 'string', 'Subject', { required: true }],
	['START_TIME', 'datetime', 'Start'],
	['END_TIME', 'datetime', 'Deadline'],
	['DEADLINE', 'datetime', 'Execution Deadline'],
	['COMPLETED', 'char', 'Completed'],
	['STATUS', 'crm_enum_activitystatus', 'Status'],
	['RESPONSIBLE_ID', 'user', 'Responsible', { required: true }],
	['PRIORITY', 'crm_enum_activitypriority', 'Priority'],
	['NOTIFY_TYPE', 'crm_enum_activitynotifytype', 'Notification Type'],
	['NOTIFY_VALUE', 'integer', 'Notification Parameter'],
	['DESCRIPTION', 'string', 'Description'],
	['DESCRIPTION_TYPE', 'crm_enum_contenttype', 'Description Type'],
	['DIRECTION', 'crm_enum_activitydirection', 'Direction'],
	['LOCATION', 'string', 'Location'],
	['CREATED', 'datetime', 'Creation Date', { readOnly: true }],
	['AUTHOR_ID', 'user', 'Created By', { readOnly: true }],
	['LAST_UPDATED', 'datetime', 'Last Updated Date', { readOnly: true }],
	['EDITOR_ID', 'user', 'Edited By', { readOnly: true }],
	['SETTINGS', 'object', 'Settings'],
	['ORIGIN_ID', 'string', 'External Code'],
	['ORIGINATOR_ID', 'string', 'External Source'],
	['PROVIDER_PARAMS', 'object', 'Provider Parameters'],
	['PROVIDER_DATA', 'string', 'Provider Data'],
	['BINDINGS', 'crm_activity_binding', 'Bindings', { readOnly: true, multiple: true }],
	[
		'COMMUNICATIONS',
		'crm_activity_communication',
		'Communication Channel',
		{ required: true, multiple: true },
	],
	['FILES', 'diskfile', 'Files', { multiple: true }],
];

const ACTIVITY_NUMERIC = [
	'ID',
	'OWNER_ID',
	'OWNER_TYPE_ID',
	'TYPE_ID',
	'STATUS',
	'RESPONSIBLE_ID',
	'PRIORITY',
	'DIRECTION',
	'NOTIFY_TYPE',
	'NOTIFY_VALUE',
	'DESCRIPTION_TYPE',
	'AUTHOR_ID',
	'EDITOR_ID',
];
const ACTIVITY_DATES = ['START_TIME', 'END_TIME', 'DEADLINE', 'CREATED', 'LAST_UPDATED'];

function activityView(a: Activity, select: Set<string> | 'all'): Record<string, unknown> {
	const full: Record<string, unknown> = {
		ID: String(a.ID),
		OWNER_ID: String(a.OWNER_ID),
		OWNER_TYPE_ID: String(a.OWNER_TYPE_ID),
		TYPE_ID: String(a.TYPE_ID),
		PROVIDER_ID: a.PROVIDER_ID,
		PROVIDER_TYPE_ID: a.PROVIDER_TYPE_ID,
		PROVIDER_GROUP_ID: null,
		ASSOCIATED_ENTITY_ID: '0',
		SUBJECT: a.SUBJECT,
		CREATED: isoDate(a.CREATED),
		LAST_UPDATED: isoDate(a.LAST_UPDATED),
		START_TIME: date(a.START_TIME),
		END_TIME: date(a.END_TIME),
		DEADLINE: date(a.DEADLINE),
		COMPLETED: a.COMPLETED,
		STATUS: String(a.STATUS),
		RESPONSIBLE_ID: String(a.RESPONSIBLE_ID),
		PRIORITY: String(a.PRIORITY),
		NOTIFY_TYPE: String(a.NOTIFY_TYPE),
		NOTIFY_VALUE: String(a.NOTIFY_VALUE),
		DESCRIPTION: a.DESCRIPTION,
		DESCRIPTION_TYPE: String(a.DESCRIPTION_TYPE),
		DIRECTION: String(a.DIRECTION),
		LOCATION: a.LOCATION,
		SETTINGS: [],
		ORIGINATOR_ID: a.ORIGINATOR_ID,
		ORIGIN_ID: a.ORIGIN_ID,
		AUTHOR_ID: String(a.AUTHOR_ID),
		EDITOR_ID: String(a.EDITOR_ID),
		PROVIDER_PARAMS: [],
		PROVIDER_DATA: null,
		RESULT_MARK: '0',
		RESULT_VALUE: null,
		RESULT_SUM: null,
		RESULT_CURRENCY_ID: null,
		RESULT_STATUS: '0',
		RESULT_STREAM: '0',
		RESULT_SOURCE_ID: null,
		AUTOCOMPLETE_RULE: '0',
	};
	const communications = a.COMMUNICATIONS.map((c) => ({
		ID: String(c.ID),
		TYPE: c.TYPE,
		VALUE: c.VALUE,
		ENTITY_ID: String(c.ENTITY_ID),
		ENTITY_TYPE_ID: String(c.ENTITY_TYPE_ID),
		ENTITY_SETTINGS: [],
	}));
	if (select === 'all') return full;
	const out: Record<string, unknown> = {};
	const star = select.size === 0 || select.has('*');
	for (const [key, value] of Object.entries(full)) if (star || select.has(key)) out[key] = value;
	// COMMUNICATIONS and FILES come only when selected by name (docs: crm.activity.list)
	if (select.has('COMMUNICATIONS')) out.COMMUNICATIONS = communications;
	if (select.has('FILES')) out.FILES = [];
	return out;
}

function activityFields(ctx: CallContext): Record<string, unknown> {
	const fields = param(ctx.params, 'fields');
	if (!isObject(fields)) throw crmError('The parameter fields must be array.');
	return fields;
}

function activityOf(ctx: CallContext): Activity {
	const id = positiveId(param(ctx.params, 'id'));
	if (!id) throw crmError('ID is not defined or invalid.');
	const activity = extrasState(ctx.portal.store).activities.get(id);
	if (!activity) throw crmError('Activity is not found');
	return activity;
}

function readCommunications(
	state: ExtrasState,
	raw: unknown,
	typeId: number,
): Activity['COMMUNICATIONS'] {
	const list = Array.isArray(raw) ? raw : isObject(raw) ? Object.values(raw) : [];
	const type = typeId === 2 ? 'PHONE' : typeId === 4 ? 'EMAIL' : '';
	return list.filter(isObject).map((c) => ({
		ID: state.nextCommunication++,
		TYPE: typeof c.TYPE === 'string' ? c.TYPE : type,
		VALUE: String(c.VALUE ?? ''),
		ENTITY_ID: phpInt(c.ENTITY_ID ?? 0),
		ENTITY_TYPE_ID: phpInt(c.ENTITY_TYPE_ID ?? 0),
	}));
}

function dateField(
	fields: Record<string, unknown>,
	key: string,
	fallback: number | null,
): number | null {
	if (!(key in fields)) return fallback;
	return parseDate(fields[key]) ?? null;
}

/** Applies crm.activity.add / update fields; checks what the proxy checks, in its order. */
function applyActivityFields(
	ctx: CallContext,
	a: Activity,
	fields: Record<string, unknown>,
	creating: boolean,
): void {
	const state = extrasState(ctx.portal.store);
	const has = (key: string): boolean => key in fields;
	if (creating || has('SUBJECT')) {
		if (!fields.SUBJECT || String(fields.SUBJECT).trim() === '')
			throw crmError('The field SUBJECT is not defined or empty.');
	}
	if (creating || has('RESPONSIBLE_ID')) {
		if (positiveId(fields.RESPONSIBLE_ID) === 0)
			throw crmError('The field RESPONSIBLE_ID is not defined or invalid.');
	}
	if (creating || has('TYPE_ID')) {
		if (![1, 2, 4].includes(phpInt(fields.TYPE_ID ?? 0)))
			throw crmError('The field TYPE_ID is not defined or invalid.');
	}
	const typeId = has('TYPE_ID') ? phpInt(fields.TYPE_ID) : a.TYPE_ID;
	if (creating || has('COMMUNICATIONS')) {
		const communications = readCommunications(state, fields.COMMUNICATIONS, typeId);
		if (communications.length === 0)
			throw crmError('The field COMMUNICATIONS is not defined or invalid.');
		if (typeId === 2 && communications.length > 1)
			throw crmError('The only one communication is allowed for activity of specified type.');
		a.COMMUNICATIONS = communications;
	}
	const ownerTypeId = has('OWNER_TYPE_ID') ? phpInt(fields.OWNER_TYPE_ID) : a.OWNER_TYPE_ID;
	const ownerId = has('OWNER_ID') ? phpInt(fields.OWNER_ID) : a.OWNER_ID;
	if (!ownerExists(ctx.portal.store, ownerTypeId, ownerId)) {
		throw crmError(
			'Could not build binding. Please ensure that owner info and communications are defined correctly.',
		);
	}
	a.OWNER_TYPE_ID = ownerTypeId;
	a.OWNER_ID = ownerId;
	a.TYPE_ID = typeId;
	if (has('SUBJECT')) a.SUBJECT = String(fields.SUBJECT);
	if (has('RESPONSIBLE_ID')) a.RESPONSIBLE_ID = phpInt(fields.RESPONSIBLE_ID);
	if (has('DESCRIPTION')) a.DESCRIPTION = String(fields.DESCRIPTION ?? '');
	if (has('DESCRIPTION_TYPE')) a.DESCRIPTION_TYPE = phpInt(fields.DESCRIPTION_TYPE);
	if (has('LOCATION')) a.LOCATION = String(fields.LOCATION ?? '');
	if (has('PRIORITY')) a.PRIORITY = phpInt(fields.PRIORITY);
	if (has('DIRECTION')) a.DIRECTION = phpInt(fields.DIRECTION);
	if (has('NOTIFY_TYPE')) a.NOTIFY_TYPE = phpInt(fields.NOTIFY_TYPE);
	if (has('NOTIFY_VALUE')) a.NOTIFY_VALUE = phpInt(fields.NOTIFY_VALUE);
	if (has('ORIGIN_ID')) a.ORIGIN_ID = str(fields.ORIGIN_ID);
	if (has('ORIGINATOR_ID')) a.ORIGINATOR_ID = str(fields.ORIGINATOR_ID);
	if (has('COMPLETED'))
		a.COMPLETED = fields.COMPLETED === 'Y' || fields.COMPLETED === true ? 'Y' : 'N';
	a.STATUS = has('STATUS') ? phpInt(fields.STATUS) : a.COMPLETED === 'Y' ? 2 : 1;
	a.START_TIME = dateField(fields, 'START_TIME', a.START_TIME);
	a.END_TIME = dateField(fields, 'END_TIME', a.END_TIME);
	// DEADLINE is not set directly: START_TIME for calls and meetings, END_TIME otherwise
	a.DEADLINE = a.TYPE_ID === 1 || a.TYPE_ID === 2 ? a.START_TIME : a.END_TIME;
	a.EDITOR_ID = ctx.auth.userId;
	a.LAST_UPDATED = Date.now();
}

function newActivity(ctx: CallContext, id: number): Activity {
	const now = Date.now();
	return {
		ID: id,
		OWNER_ID: 0,
		OWNER_TYPE_ID: 0,
		TYPE_ID: 0,
		PROVIDER_ID: '',
		PROVIDER_TYPE_ID: '',
		SUBJECT: '',
		DESCRIPTION: '',
		DESCRIPTION_TYPE: 1,
		START_TIME: null,
		END_TIME: null,
		DEADLINE: null,
		COMPLETED: 'N',
		STATUS: 1,
		RESPONSIBLE_ID: ctx.auth.userId,
		PRIORITY: 2,
		DIRECTION: 0,
		LOCATION: '',
		NOTIFY_TYPE: 0,
		NOTIFY_VALUE: 0,
		CREATED: now,
		LAST_UPDATED: now,
		AUTHOR_ID: ctx.auth.userId,
		EDITOR_ID: ctx.auth.userId,
		ORIGIN_ID: null,
		ORIGINATOR_ID: null,
		COMMUNICATIONS: [],
	};
}

const PROVIDERS: Record<number, [string, string]> = {
	1: ['CRM_MEETING', 'MEETING'],
	2: ['VOXIMPLANT_CALL', 'CALL'],
	4: ['CRM_EMAIL', 'EMAIL'],
};

const activityMethods: MethodDef[] = [
	{
		name: 'crm.activity.fields',
		scope: 'crm',
		handler: () => {
			const result: Record<string, unknown> = {};
			for (const [name, type, title, flags = {}] of ACTIVITY_FIELDS) {
				result[name] = {
					type,
					isRequired: !!flags.required,
					isReadOnly: !!flags.readOnly,
					isImmutable: false,
					isMultiple: !!flags.multiple,
					isDynamic: false,
					title,
				};
			}
			return { result };
		},
	},
	{
		name: 'crm.activity.add',
		scope: 'crm',
		handler: (ctx) => {
			const state = extrasState(ctx.portal.store);
			const fields = activityFields(ctx);
			const activity = newActivity(ctx, state.nextActivity);
			applyActivityFields(ctx, activity, fields, true);
			[activity.PROVIDER_ID, activity.PROVIDER_TYPE_ID] = PROVIDERS[activity.TYPE_ID];
			state.activities.set(activity.ID, activity);
			state.nextActivity++;
			return { result: activity.ID };
		},
	},
	{
		name: 'crm.activity.get',
		scope: 'crm',
		handler: (ctx) => ({ result: activityView(activityOf(ctx), 'all') }),
	},
	{
		name: 'crm.activity.update',
		scope: 'crm',
		handler: (ctx) => {
			const activity = activityOf(ctx);
			const fields = activityFields(ctx);
			// validate on a copy: a rejected update changes nothing
			const draft: Activity = { ...activity, COMMUNICATIONS: [...activity.COMMUNICATIONS] };
			applyActivityFields(ctx, draft, fields, false);
			Object.assign(activity, draft);
			return { result: true };
		},
	},
	{
		name: 'crm.activity.delete',
		scope: 'crm',
		handler: (ctx) => {
			const activity = activityOf(ctx);
			extrasState(ctx.portal.store).activities.delete(activity.ID);
			return { result: true };
		},
	},
	{
		name: 'crm.activity.list',
		scope: 'crm',
		handler: (ctx) => {
			const rows = [...extrasState(ctx.portal.store).activities.values()];
			const resolve: Resolver<Activity> = (name) => {
				const key = name.toUpperCase();
				if (!ACTIVITY_FIELDS.some(([field]) => field === key)) return undefined;
				return plainResolver<Activity>(ACTIVITY_NUMERIC, ACTIVITY_DATES)(key);
			};
			const filtered = applyFilter(rows, param(ctx.params, 'filter'), resolve);
			const order = param(ctx.params, 'order');
			const ordered = applyOrder(
				filtered,
				isObject(order) && Object.keys(order).length ? order : { START_TIME: 'ASC' },
				resolve,
				(a) => a.ID,
			);
			const page = paginate(ordered, param(ctx.params, 'start'));
			const select = new Set(listParam(param(ctx.params, 'select')).map((s) => s.toUpperCase()));
			return {
				result: page.items.map((a) => activityView(a, select)),
				total: page.total,
				next: page.next,
			};
		},
	},
	{
		name: 'crm.activity.todo.add',
		scope: 'crm',
		handler: (ctx) => {
			const store = ctx.portal.store;
			const state = extrasState(store);
			for (const name of ['ownerTypeId', 'ownerId', 'deadline']) {
				const value = ctx.params[name];
				if (value === undefined || value === null || value === '') {
					throw new RestError(400, '100', `Could not find value for parameter {${name}}`);
				}
			}
			const ownerTypeId = phpInt(ctx.params.ownerTypeId);
			const ownerId = phpInt(ctx.params.ownerId);
			if (!ownerExists(store, ownerTypeId, ownerId))
				throw new RestError(400, 'NOT_FOUND', 'Not found.');
			const deadline = parseDate(ctx.params.deadline);
			if (deadline === undefined)
				throw new RestError(400, 'WRONG_DATETIME_FORMAT', 'Wrong datetime format');
			const activity = newActivity(ctx, state.nextActivity);
			Object.assign(activity, {
				OWNER_TYPE_ID: ownerTypeId,
				OWNER_ID: ownerId,
				TYPE_ID: 6,
				PROVIDER_ID: 'CRM_TODO',
				PROVIDER_TYPE_ID: 'TODO',
				SUBJECT: String(ctx.params.title ?? ''),
				DESCRIPTION: String(ctx.params.description ?? ''),
				START_TIME: deadline,
				END_TIME: deadline,
				DEADLINE: deadline,
				RESPONSIBLE_ID: positiveId(ctx.params.responsibleId) || ctx.auth.userId,
				PING_OFFSETS: listParam(ctx.params.pingOffsets).map((v) => phpInt(v)),
				COLOR_ID: ctx.params.colorId === undefined ? undefined : String(ctx.params.colorId),
				PARENT_ID: positiveId(ctx.params.parentActivityId) || undefined,
			});
			state.activities.set(activity.ID, activity);
			state.nextActivity++;
			return { result: { id: activity.ID } };
		},
	},
];

// ---------------------------------------------------------------------------------------------
// Timeline comments

function fileView(portalUrl: string, f: CommentFile): Record<string, unknown> {
	const image = /\.(gif|png|jpe?g|webp)$/i.test(f.name);
	return {
		id: f.id,
		date: isoDate(f.date),
		type: image ? 'image' : 'file',
		name: f.name,
		size: f.size,
		authorId: f.authorId,
		authorName: '',
		urlPreview: image
			? `${portalUrl}/disk/showFile/${f.id}/?&ncc=1&width=640&height=640&filename=${encodeURIComponent(f.name)}`
			: '',
		urlShow: `${portalUrl}/disk/showFile/${f.id}/?&ncc=1&filename=${encodeURIComponent(f.name)}`,
		urlDownload: `${portalUrl}/disk/downloadFile/${f.id}/?&ncc=1&filename=${encodeURIComponent(f.name)}`,
	};
}

function commentView(
	ctx: CallContext,
	c: TimelineComment,
	select?: Set<string>,
): Record<string, unknown> {
	const files: Record<string, unknown> = {};
	for (const f of c.FILES) files[String(f.id)] = fileView(ctx.portal.url, f);
	const full: Record<string, unknown> = {
		ID: String(c.ID),
		ENTITY_ID: String(c.ENTITY_ID),
		ENTITY_TYPE: c.ENTITY_TYPE,
		CREATED: isoDate(c.CREATED),
		COMMENT: c.COMMENT,
		AUTHOR_ID: String(c.AUTHOR_ID),
		FILES: c.FILES.length ? files : [],
	};
	if (!select || select.size === 0) return full;
	return Object.fromEntries(Object.entries(full).filter(([key]) => select.has(key)));
}

/** FILES: [[name, base64], ...] (the docs' rule for uploading files). */
function readFiles(ctx: CallContext, raw: unknown): CommentFile[] {
	if (raw === undefined || raw === null || raw === '') return [];
	const list = Array.isArray(raw) ? raw : isObject(raw) ? Object.values(raw) : [];
	const state = extrasState(ctx.portal.store);
	return list.map((entry) => {
		const pair = Array.isArray(entry) ? entry : isObject(entry) ? Object.values(entry) : [];
		const [name, content] = pair;
		if (typeof name !== 'string' || typeof content !== 'string' || name === '') {
			throw new RestError(
				400,
				'INVALID_ARG_VALUE',
				'Wrong file format: expected [name, base64 content]',
			);
		}
		const buffer = Buffer.from(content, 'base64');
		return {
			id: state.nextFile++,
			name,
			size: buffer.length,
			content: buffer,
			date: Date.now(),
			authorId: ctx.auth.userId,
		};
	});
}

/** Only the lowercase key `fields` is read since crm 23.100.0 (docs). */
function commentFields(ctx: CallContext): Record<string, unknown> {
	const fields = ctx.params.fields;
	if (!isObject(fields))
		throw new RestError(400, '100', 'Could not find value for parameter {fields}');
	return fields;
}

function commentOf(ctx: CallContext, notFound: () => RestError): TimelineComment {
	const id = positiveId(ctx.params.id);
	if (!id) throw crmError('ID is not defined or invalid.');
	const comment = extrasState(ctx.portal.store).comments.get(id);
	if (!comment) throw notFound();
	return comment;
}

const commentNotFound = (): RestError => new RestError(400, 'NOT_FOUND', 'Not found.');

const commentMethods: MethodDef[] = [
	{
		name: 'crm.timeline.comment.fields',
		scope: 'crm',
		handler: () => {
			const field = (type: string, title: string, extra: Record<string, boolean> = {}) => ({
				type,
				isRequired: false,
				isReadOnly: false,
				isImmutable: false,
				isMultiple: false,
				isDynamic: false,
				title,
				...extra,
			});
			return {
				result: {
					ID: field('integer', 'ID', { isReadOnly: true }),
					CREATED: field('datetime', 'Created on', { isReadOnly: true }),
					ENTITY_ID: field('integer', 'Entity ID', { isRequired: true, isImmutable: true }),
					ENTITY_TYPE: field('string', 'Entity type', { isRequired: true, isImmutable: true }),
					AUTHOR_ID: field('user', 'Created by', { isImmutable: true }),
					COMMENT: field('string', 'Comment', { isRequired: true }),
					FILES: field('attached_diskfile', 'Files', { isMultiple: true }),
				},
			};
		},
	},
	{
		name: 'crm.timeline.comment.add',
		scope: 'crm',
		handler: (ctx) => {
			const store = ctx.portal.store;
			const fields = commentFields(ctx);
			for (const key of ['ENTITY_ID', 'ENTITY_TYPE']) {
				if (fields[key] === undefined || fields[key] === null || fields[key] === '') {
					throw new RestError(400, '100', `Required fields are not provided: ${key}`);
				}
			}
			const entityTypeId = typeFromName(String(fields.ENTITY_TYPE));
			const entityId = positiveId(fields.ENTITY_ID);
			if (entityTypeId === undefined || !ownerExists(store, entityTypeId, entityId)) {
				throw new RestError(400, 'OWNER_NOT_FOUND', 'Owner element was not found.');
			}
			const text = String(fields.COMMENT ?? '');
			if (text.trim() === '') throw new RestError(400, 'INVALID_ARG_VALUE', 'Empty comment.');
			const state = extrasState(store);
			const comment: TimelineComment = {
				ID: state.nextComment++,
				ENTITY_ID: entityId,
				ENTITY_TYPE: String(fields.ENTITY_TYPE).toLowerCase(),
				CREATED: Date.now(),
				COMMENT: text,
				AUTHOR_ID: positiveId(fields.AUTHOR_ID) || ctx.auth.userId,
				FILES: readFiles(ctx, fields.FILES),
			};
			state.comments.set(comment.ID, comment);
			return { result: comment.ID };
		},
	},
	{
		name: 'crm.timeline.comment.get',
		scope: 'crm',
		handler: (ctx) => ({
			result: commentView(
				ctx,
				commentOf(ctx, () => crmError('Not found.')),
			),
		}),
	},
	{
		name: 'crm.timeline.comment.update',
		scope: 'crm',
		handler: (ctx) => {
			const comment = commentOf(ctx, commentNotFound);
			const fields = commentFields(ctx);
			if ('COMMENT' in fields && String(fields.COMMENT ?? '').trim() === '') {
				throw new RestError(400, 'INVALID_ARG_VALUE', 'Empty comment.');
			}
			const files = 'FILES' in fields ? readFiles(ctx, fields.FILES) : undefined;
			if ('COMMENT' in fields) comment.COMMENT = String(fields.COMMENT);
			if (files) comment.FILES = files;
			return { result: comment.ID };
		},
	},
	{
		name: 'crm.timeline.comment.delete',
		scope: 'crm',
		handler: (ctx) => {
			const comment = commentOf(ctx, commentNotFound);
			extrasState(ctx.portal.store).comments.delete(comment.ID);
			extrasState(ctx.portal.store).timelineBindings.delete(comment.ID);
			return { result: null };
		},
	},
	{
		name: 'crm.timeline.comment.list',
		scope: 'crm',
		handler: (ctx) => {
			const filter = param(ctx.params, 'filter');
			if (!isObject(filter) || filter.ENTITY_ID === undefined || filter.ENTITY_TYPE === undefined) {
				throw crmError('Filter fields ENTITY_ID and ENTITY_TYPE are required.');
			}
			// the comments the record's timeline shows: those bound to it (crm.timeline.bindings.*)
			const rows = [...extrasState(ctx.portal.store).comments.values()].filter((c) =>
				isBoundTo(
					entryBindings(ctx.portal.store, c.ID, ownBinding(c)),
					String(filter.ENTITY_TYPE),
					phpInt(filter.ENTITY_ID),
				),
			);
			const resolve: Resolver<TimelineComment> = (name) => {
				const key = name.toUpperCase();
				if (!['ID', 'CREATED', 'AUTHOR_ID'].includes(key)) return undefined;
				return plainResolver<TimelineComment>(['ID', 'AUTHOR_ID'], ['CREATED'])(key);
			};
			const order = param(ctx.params, 'order');
			const ordered = applyOrder(
				rows,
				isObject(order) && Object.keys(order).length ? order : { CREATED: 'DESC', ID: 'DESC' },
				resolve,
				(c) => c.ID,
			);
			const page = paginate(ordered, param(ctx.params, 'start'));
			const select = new Set(listParam(param(ctx.params, 'select')).map((s) => s.toUpperCase()));
			return {
				result: page.items.map((c) => commentView(ctx, c, select)),
				total: page.total,
				next: page.next,
			};
		},
	},
];

// ---------------------------------------------------------------------------------------------
// Product rows (crm.item.productrow.*: typed camelCase, result wrappers)

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** The product's name in the catalog, for a row that names a product but gives no name. */
export function catalogName(store: Store, productId: number): string | undefined {
	const product = productId > 0 ? catalogElement(store, productId) : undefined;
	return product && typeof product.name === 'string' ? product.name : undefined;
}

/** A product row's owner follows its products' sum unless its amount was set by hand. */
export function followProducts(
	ctx: CallContext,
	entityTypeId: number,
	id: number,
	rows: ProductRow[],
): void {
	const record = ctx.portal.store.get(entityTypeId, id);
	if (record && 'OPPORTUNITY' in record && record.IS_MANUAL_OPPORTUNITY !== 'Y') {
		const sum = round2(rows.reduce((total, r) => total + r.price * r.quantity, 0));
		ctx.portal.store.update(entityTypeId, id, { OPPORTUNITY: sum }, ctx.auth.userId);
	}
}

export function productRowView(r: ProductRow): Record<string, unknown> {
	const tax = r.taxRate ?? 0;
	const priceExclusive = r.taxIncluded === 'Y' ? round2(r.price / (1 + tax / 100)) : r.price;
	const priceNetto =
		r.discountTypeId === 2 && r.discountRate < 100
			? round2(priceExclusive / (1 - r.discountRate / 100))
			: round2(priceExclusive + r.discountSum);
	return {
		id: r.id,
		ownerId: r.ownerId,
		ownerType: r.ownerType,
		productId: r.productId,
		productName: r.productName,
		price: r.price,
		priceAccount: r.price,
		priceExclusive,
		priceNetto,
		priceBrutto: round2(priceNetto * (1 + tax / 100)),
		quantity: r.quantity,
		discountTypeId: r.discountTypeId,
		discountRate: r.discountRate,
		discountSum: r.discountSum,
		taxRate: r.taxRate,
		taxIncluded: r.taxIncluded,
		customized: 'Y',
		measureCode: r.measureCode,
		measureName: r.measureName,
		sort: r.sort,
		xmlId: '',
		type: 4,
	};
}

function requireParam(ctx: CallContext, name: string): unknown {
	const value = ctx.params[name];
	if (value === undefined || value === null || value === '') {
		throw new RestError(400, '100', `Could not find value for parameter {${name}}`);
	}
	return value;
}

/** The owner of product rows; only types that have products can own them. */
function productOwner(
	ctx: CallContext,
	ownerTypeRaw: unknown,
	ownerIdRaw: unknown,
): { abbr: string; entityTypeId: number; id: number } {
	const abbr = String(ownerTypeRaw);
	const entityTypeId = typeFromAbbr(abbr);
	if (entityTypeId === undefined || [3, 4, 8, 14].includes(entityTypeId)) {
		throw new RestError(400, 'ENTITY_TYPE_NOT_SUPPORTED', `Entity type ${abbr} is not supported`);
	}
	const id = phpInt(ownerIdRaw);
	if (!ownerExists(ctx.portal.store, entityTypeId, id))
		throw new RestError(400, 'OWNER_NOT_FOUND', 'Owner was not found');
	return { abbr: typeAbbr(entityTypeId), entityTypeId, id };
}

export function numberOr(value: unknown, fallback: number): number {
	if (value === undefined || value === null || value === '') return fallback;
	const n = typeof value === 'number' ? value : parseFloat(String(value));
	return Number.isFinite(n) ? n : fallback;
}

const PRODUCT_ROW_NUMERIC = [
	'id',
	'ownerId',
	'productId',
	'price',
	'quantity',
	'discountTypeId',
	'discountRate',
	'discountSum',
	'taxRate',
	'measureCode',
	'sort',
];

const productRowMethods: MethodDef[] = [
	{
		name: 'crm.item.productrow.set',
		scope: 'crm',
		handler: (ctx) => {
			const owner = productOwner(ctx, requireParam(ctx, 'ownerType'), requireParam(ctx, 'ownerId'));
			const raw = ctx.params.productRows;
			if (raw === undefined || raw === null)
				throw new RestError(400, '100', 'Could not find value for parameter {productRows}');
			const list = Array.isArray(raw)
				? raw
				: isObject(raw)
					? Object.values(raw)
					: raw === ''
						? []
						: null;
			if (!list || list.some((r) => !isObject(r))) {
				throw new RestError(400, 'INVALID_ARG_VALUE', 'productRows must be an array of objects');
			}
			const state = extrasState(ctx.portal.store);
			const rows: ProductRow[] = (list as Array<Record<string, unknown>>).map((input) => {
				const discountTypeId = numberOr(input.discountTypeId, 2);
				const productId = numberOr(input.productId, 0);
				const named =
					input.productName !== undefined && input.productName !== null && input.productName !== '';
				return {
					id: state.nextProductRow++,
					ownerId: owner.id,
					ownerType: owner.abbr,
					productId,
					// "if not provided and a productId is provided, the product name from the catalog is used"
					productName: named
						? String(input.productName)
						: (catalogName(ctx.portal.store, productId) ?? ''),
					price: numberOr(input.price, 0),
					quantity: numberOr(input.quantity, 1),
					discountTypeId,
					discountRate: numberOr(input.discountRate, 0),
					discountSum: numberOr(input.discountSum, 0),
					taxRate:
						input.taxRate === undefined || input.taxRate === null || input.taxRate === ''
							? null
							: numberOr(input.taxRate, 0),
					taxIncluded: input.taxIncluded === 'Y' ? 'Y' : 'N',
					measureCode: numberOr(input.measureCode, 796),
					measureName: 'pcs',
					sort: numberOr(input.sort, 10),
				};
			});
			state.productRows.set(`${owner.abbr}:${owner.id}`, rows);
			followProducts(ctx, owner.entityTypeId, owner.id, rows);
			return { result: { productRows: rows.map(productRowView) } };
		},
	},
	{
		name: 'crm.item.productrow.list',
		scope: 'crm',
		handler: (ctx) => {
			const filter = ctx.params.filter;
			const ownerType = isObject(filter) ? filter['=ownerType'] : undefined;
			const ownerId = isObject(filter) ? filter['=ownerId'] : undefined;
			if (ownerType === undefined || ownerId === undefined) {
				throw new RestError(
					400,
					'INVALID_ARG_VALUE',
					'The filter must contain =ownerType and =ownerId',
				);
			}
			const owner = productOwner(ctx, ownerType, ownerId);
			const rows = extrasState(ctx.portal.store).productRows.get(`${owner.abbr}:${owner.id}`) ?? [];
			const resolve: Resolver<ProductRow> = (name) =>
				name in (rows[0] ?? { id: 0 }) || PRODUCT_ROW_NUMERIC.includes(name)
					? plainResolver<ProductRow>(PRODUCT_ROW_NUMERIC)(name)
					: undefined;
			const rest = Object.fromEntries(
				Object.entries(filter as Record<string, unknown>).filter(
					([key]) => key !== '=ownerType' && key !== '=ownerId',
				),
			);
			const ordered = applyOrder(
				applyFilter(rows, rest, resolve),
				ctx.params.order,
				resolve,
				(r) => r.id,
			);
			const page = paginate(ordered, ctx.params.start);
			return {
				result: { productRows: page.items.map(productRowView) },
				total: page.total,
				next: page.next,
			};
		},
	},
];

// ---------------------------------------------------------------------------------------------
// Pipelines (crm.category.add/update/delete)

function categoryView(c: Category): Record<string, unknown> {
	return {
		id: c.id,
		name: c.name,
		sort: c.sort,
		entityTypeId: c.entityTypeId,
		isDefault: c.isDefault,
		originId: '',
		originatorId: '',
	};
}

const TYPE_CODES: Record<number, string> = {
	1: 'LEAD',
	3: 'CONTACT',
	4: 'COMPANY',
	7: 'QUOTE',
	31: 'SMART_INVOICE',
};

/** entityTypeId of a type with pipelines: deals and smart processes. */
function pipelineType(ctx: CallContext): number {
	const raw = ctx.params.entityTypeId;
	if (raw === undefined || raw === null || raw === '') {
		throw new RestError(
			400,
			'INVALID_ARG_VALUE',
			'Could not find value for parameter {entityTypeId}',
		);
	}
	const id = phpInt(raw);
	if (id in TYPE_CODES)
		throw new RestError(
			400,
			'ENTITY_TYPE_NOT_SUPPORTED',
			`Entity type ${TYPE_CODES[id]} is not supported`,
		);
	if (id !== 2 && !ctx.portal.store.smartTypes.some((t) => t.entityTypeId === id))
		throw new RestError(400, 'NOT_FOUND', 'SPA not found');
	return id;
}

function categoryOf(ctx: CallContext, entityTypeId: number): Category {
	const id = phpInt(ctx.params.id ?? -1);
	const category = ctx.portal.store.categories.find(
		(c) => c.entityTypeId === entityTypeId && c.id === id,
	);
	if (!category) throw new RestError(400, 'NOT_FOUND', 'Element not found');
	return category;
}

function readName(raw: unknown): string | undefined {
	if (raw === undefined) return undefined;
	const name = String(raw ?? '');
	if (name.trim() === '' || name.length > 255)
		throw new RestError(400, '0', "Field 'NAME' is required");
	return name;
}

/** The stages a new pipeline starts with. */
function addDefaultStages(store: Store, category: Category): void {
	const deal = category.entityTypeId === 2;
	const prefix = deal ? `C${category.id}:` : `DT${category.entityTypeId}_${category.id}:`;
	const stages: Array<[string, string, 'S' | 'F' | null]> = deal
		? [
				['NEW', 'New', null],
				['PREPARATION', 'Preparing documents', null],
				['WON', 'Deal won', 'S'],
				['LOSE', 'Deal lost', 'F'],
			]
		: [
				['NEW', 'New', null],
				['PREPARATION', 'Preparation', null],
				['SUCCESS', 'Success', 'S'],
				['FAIL', 'Failed', 'F'],
			];
	stages.forEach(([code, name, semantics], index) =>
		store.addStatus({
			ENTITY_ID: store.stageEntityId(category.entityTypeId, category.id),
			STATUS_ID: prefix + code,
			NAME: name,
			SORT: (index + 1) * 10,
			SYSTEM: index === 0 || semantics ? 'Y' : 'N',
			CATEGORY_ID: category.id,
			COLOR: semantics === 'S' ? '#7BD500' : semantics === 'F' ? '#FF5752' : '#39A8EF',
			SEMANTICS: semantics,
		}),
	);
}

function setDefault(store: Store, category: Category): void {
	for (const other of store.categories)
		if (other.entityTypeId === category.entityTypeId) other.isDefault = 'N';
	category.isDefault = 'Y';
}

const categoryMethods: MethodDef[] = [
	{
		name: 'crm.category.add',
		scope: 'crm',
		handler: (ctx) => {
			const store = ctx.portal.store;
			const entityTypeId = pipelineType(ctx);
			const fields = isObject(ctx.params.fields) ? ctx.params.fields : {};
			const name = readName(fields.name ?? '') as string;
			const sameKind = store.categories.filter((c) =>
				entityTypeId === 2 ? c.entityTypeId === 2 : c.entityTypeId !== 2,
			);
			const category: Category = {
				id: Math.max(0, ...sameKind.map((c) => c.id)) + 1,
				name,
				sort: Math.max(0, phpInt(fields.sort ?? 500)),
				entityTypeId,
				isDefault: 'N',
			};
			store.categories.push(category);
			// deals keep their default pipeline; a smart process may move its default
			if (entityTypeId !== 2 && fields.isDefault === 'Y') setDefault(store, category);
			addDefaultStages(store, category);
			return { result: { category: categoryView(category) } };
		},
	},
	{
		name: 'crm.category.update',
		scope: 'crm',
		handler: (ctx) => {
			const store = ctx.portal.store;
			const category = categoryOf(ctx, pipelineType(ctx));
			const fields = isObject(ctx.params.fields) ? ctx.params.fields : {};
			const name = readName(fields.name);
			if (name !== undefined) category.name = name;
			if (fields.sort !== undefined) category.sort = Math.max(0, phpInt(fields.sort));
			if (category.entityTypeId !== 2 && fields.isDefault === 'Y') setDefault(store, category);
			return { result: { category: categoryView(category) } };
		},
	},
	{
		name: 'crm.category.delete',
		scope: 'crm',
		handler: (ctx) => {
			const store = ctx.portal.store;
			const entityTypeId = pipelineType(ctx);
			const category = categoryOf(ctx, entityTypeId);
			const deal = entityTypeId === 2;
			if (category.isDefault === 'Y') {
				throw deal
					? new RestError(400, '0', 'Default deal category cannot be deleted')
					: new RestError(400, 'BX_ERROR', 'This funnel is the default funnel');
			}
			const rows = [...(store.table(entityTypeId)?.rows.values() ?? [])];
			if (rows.some((r) => r.CATEGORY_ID === category.id)) {
				throw deal
					? new RestError(400, '0', `Deals related to the funnel ${category.name} found`)
					: new RestError(400, 'BX_ERROR', 'Elements related to the funnel found');
			}
			const stageSet = store.stageEntityId(entityTypeId, category.id);
			store.statuses = store.statuses.filter((s) => s.ENTITY_ID !== stageSet);
			store.categories = store.categories.filter((c) => c !== category);
			return { result: null };
		},
	},
];

// ---------------------------------------------------------------------------------------------
// Directory items and stages (crm.status.*: old proxy, empty error code, string values)

function statusView(s: StatusRow): Record<string, unknown> {
	return {
		ID: String(s.ID),
		ENTITY_ID: s.ENTITY_ID,
		STATUS_ID: s.STATUS_ID,
		NAME: s.NAME,
		NAME_INIT: s.SYSTEM === 'Y' ? s.NAME : '',
		SORT: String(s.SORT),
		SYSTEM: s.SYSTEM,
		CATEGORY_ID: s.CATEGORY_ID === null ? null : String(s.CATEGORY_ID),
		COLOR: s.COLOR,
		SEMANTICS: s.SEMANTICS,
	};
}

const DICTIONARY_NAMES: Record<string, string> = {
	SOURCE: 'Sources',
	CONTACT_TYPE: 'Contact type',
	COMPANY_TYPE: 'Company type',
	EMPLOYEES: 'Number of employees',
	INDUSTRY: 'Industry',
	DEAL_TYPE: 'Deal type',
};

interface StatusEntity {
	ID: string;
	NAME: string;
	entityTypeId?: number;
	categoryId?: number;
	prefix?: string;
}

/** Every directory the portal has: lead stages, dictionaries, each pipeline's stages. */
function statusEntities(store: Store): StatusEntity[] {
	const out: StatusEntity[] = [{ ID: 'STATUS', NAME: 'Lead stages', entityTypeId: 1 }];
	for (const id of Object.keys(DICTIONARY_NAMES)) out.push({ ID: id, NAME: DICTIONARY_NAMES[id] });
	for (const c of [...store.categories].sort(
		(a, b) => a.entityTypeId - b.entityTypeId || a.sort - b.sort,
	)) {
		const id = store.stageEntityId(c.entityTypeId, c.id);
		if (c.entityTypeId === 2) {
			out.push({
				ID: id,
				NAME: c.id === 0 ? 'General deal stages' : `${c.name} deal stages`,
				entityTypeId: 2,
				categoryId: c.id,
				prefix: c.id === 0 ? undefined : `C${c.id}`,
			});
		} else {
			const type = store.smartTypes.find((t) => t.entityTypeId === c.entityTypeId);
			out.push({
				ID: id,
				NAME: `${type?.title ?? 'Smart process'} stages (${c.name})`,
				entityTypeId: c.entityTypeId,
				categoryId: c.id,
				prefix: `DT${c.entityTypeId}_${c.id}`,
			});
		}
	}
	return out;
}

function statusOf(ctx: CallContext): StatusRow {
	const id = positiveId(param(ctx.params, 'id'));
	if (!id) throw crmError('Invalid identifier.');
	const status = ctx.portal.store.statuses.find((s) => s.ID === id);
	if (!status) throw crmError('Status is not found.');
	return status;
}

function statusFields(ctx: CallContext): Record<string, unknown> {
	const fields = param(ctx.params, 'fields');
	if (!isObject(fields)) throw crmError("Parameter 'fields' must be array.");
	return fields;
}

/** Records that sit in a stage (or a lead status): such a stage cannot be deleted. */
function stageInUse(store: Store, entity: StatusEntity | undefined, statusId: string): boolean {
	if (!entity?.entityTypeId) return false;
	const key = entity.entityTypeId === 1 ? 'STATUS_ID' : 'STAGE_ID';
	return [...(store.table(entity.entityTypeId)?.rows.values() ?? [])].some(
		(r) => r[key] === statusId,
	);
}

const statusMethods: MethodDef[] = [
	{
		name: 'crm.status.entity.types',
		scope: 'crm',
		handler: (ctx) => {
			const store = ctx.portal.store;
			const result = statusEntities(store).map((e) => {
				const out: Record<string, unknown> = { ID: e.ID, NAME: e.NAME };
				if (e.entityTypeId === undefined) return out;
				const stages = store.statuses
					.filter((s) => s.ENTITY_ID === e.ID)
					.sort((a, b) => a.SORT - b.SORT);
				out.SEMANTIC_INFO = {
					START_FIELD: stages[0]?.STATUS_ID ?? '',
					FINAL_SUCCESS_FIELD: stages.find((s) => s.SEMANTICS === 'S')?.STATUS_ID ?? '',
					FINAL_UNSUCCESS_FIELD: stages.find((s) => s.SEMANTICS === 'F')?.STATUS_ID ?? '',
					FINAL_SORT: 0,
				};
				if (e.prefix) out.PREFIX = e.prefix;
				if (e.categoryId !== undefined)
					out.FIELD_ATTRIBUTE_SCOPE = e.categoryId === 0 ? '' : `category_${e.categoryId}`;
				out.ENTITY_TYPE_ID = e.entityTypeId;
				if (e.categoryId !== undefined)
					out.CATEGORY_ID = e.entityTypeId === 2 ? String(e.categoryId) : e.categoryId;
				return out;
			});
			return { result };
		},
	},
	{
		name: 'crm.status.get',
		scope: 'crm',
		handler: (ctx) => ({ result: statusView(statusOf(ctx)) }),
	},
	{
		name: 'crm.status.add',
		scope: 'crm',
		handler: (ctx) => {
			const store = ctx.portal.store;
			const fields = statusFields(ctx);
			const missing: string[] = [];
			if (!fields.ENTITY_ID) missing.push('The field ENTITY_ID is required.');
			if (!fields.STATUS_ID) missing.push('The field STATUS_ID is required.');
			if (missing.length) throw crmError(missing.join('<br>'));
			const entityId = String(fields.ENTITY_ID);
			const entity = statusEntities(store).find((e) => e.ID === entityId);
			if (!entity) throw crmError('Specified entity type is not supported.');
			if (!fields.NAME || String(fields.NAME).trim() === '')
				throw crmError('The field Title is required.');
			let statusId = String(fields.STATUS_ID);
			if (entity.prefix && !statusId.startsWith(`${entity.prefix}:`))
				statusId = `${entity.prefix}:${statusId}`;
			const limit =
				entity.entityTypeId === 1
					? 21
					: entity.entityTypeId
						? 22 + (entity.prefix ? entity.prefix.length + 1 : 0)
						: 50;
			if (statusId.length > limit || (entity.entityTypeId && !/^[A-Za-z0-9_:-]+$/.test(statusId))) {
				throw crmError('Error on creating status.');
			}
			const siblings = store.statuses.filter((s) => s.ENTITY_ID === entityId);
			if (siblings.some((s) => s.STATUS_ID === statusId))
				throw new RestError(400, 'ERROR_CORE', 'The specified status ID already exists.');
			const semantics =
				fields.SEMANTICS === 'S' || fields.SEMANTICS === 'F' ? fields.SEMANTICS : null;
			const sort = fields.SORT === undefined || fields.SORT === '' ? 10 : phpInt(fields.SORT);
			const won = siblings.find((s) => s.SEMANTICS === 'S');
			if (entity.entityTypeId === 2 && semantics === null && won && sort > won.SORT) {
				throw crmError(
					'Cannot create more stages after the final stage because the final successful stage already exists. Try using sort order values less than that of the final stage.',
				);
			}
			store.addStatus({
				ENTITY_ID: entityId,
				STATUS_ID: statusId,
				NAME: String(fields.NAME),
				SORT: sort,
				SYSTEM: 'N',
				CATEGORY_ID: entity.categoryId ?? null,
				COLOR: fields.COLOR === undefined ? null : String(fields.COLOR),
				SEMANTICS: semantics,
			});
			return { result: store.statuses[store.statuses.length - 1].ID };
		},
	},
	{
		name: 'crm.status.update',
		scope: 'crm',
		handler: (ctx) => {
			const status = statusOf(ctx);
			const fields = statusFields(ctx);
			if (fields.NAME !== undefined) {
				if (String(fields.NAME).trim() === '') throw crmError('Error on updating status.');
				status.NAME = String(fields.NAME);
			}
			if (fields.SORT !== undefined) status.SORT = phpInt(fields.SORT);
			if (fields.COLOR !== undefined) status.COLOR = String(fields.COLOR);
			return { result: true };
		},
	},
	{
		name: 'crm.status.delete',
		scope: 'crm',
		handler: (ctx) => {
			const store = ctx.portal.store;
			const status = statusOf(ctx);
			const flags = param(ctx.params, 'params');
			const forced = isObject(flags) && flags.FORCED === 'Y';
			if (status.SYSTEM === 'Y' && !forced) {
				throw crmError(
					'CRM System Status can be deleted only if parameter FORCED is specified and equal to "Y".',
				);
			}
			const entity = statusEntities(store).find((e) => e.ID === status.ENTITY_ID);
			if (stageInUse(store, entity, status.STATUS_ID))
				throw crmError('There are active items in this status.');
			store.statuses = store.statuses.filter((s) => s !== status);
			return { result: true };
		},
	},
];

export const methods: MethodDef[] = [
	...activityMethods,
	...commentMethods,
	...productRowMethods,
	...categoryMethods,
	...statusMethods,
];
