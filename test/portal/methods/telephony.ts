/**
 * Telephony (scope telephony): calls logged from another phone system and the application's
 * external lines, written from the docs in bitrix24/b24restdocs api-reference/telephony/
 * (telephony-external-call-register / -finish / -attach-record / -hide / -show /
 * -search-crm-entities, telephony-external-line-add / -get / -update / -delete).
 *
 * Application-only, as the docs say ("works only in the context of an application"): register,
 * finish and the four externalLine methods answer a webhook 403 WRONG_AUTH_TYPE. attachRecord,
 * hide, show and searchCrmEntities carry no such note and accept both kinds of auth.
 * Errors are ERROR_CORE (400) with the documented texts.
 */
import { randomBytes } from 'node:crypto';

import { errors, isoDate, parseDate, RestError } from '../envelope';
import type { FmEntry, Row } from '../fields';
import { isObject, phpInt } from '../php-query';
import { CallContext, MethodDef, param } from '../registry';
import type { Store } from '../store';
import { workspaceState } from './workspace';

export interface ExternalCall {
	CALL_ID: string;
	/** the application (OAuth client id) that registered it */
	clientId: string;
	USER_ID: number;
	PHONE_NUMBER: string;
	TYPE: number;
	LINE_NUMBER: string;
	EXTERNAL_CALL_ID: string | null;
	CALL_START_DATE: number;
	CRM_ENTITY_TYPE: string | null;
	CRM_ENTITY_ID: number | null;
	CRM_SOURCE: string | null;
	CALL_LIST_ID: number | null;
	ADD_TO_CHAT: boolean;
	registeredAt: number;
	/** users who see the call card now (SHOW, telephony.externalCall.show / hide) */
	shownTo: Set<number>;
}

export interface CallStatistic {
	ID: number;
	CALL_ID: string;
	EXTERNAL_CALL_ID: string | null;
	PORTAL_USER_ID: number;
	PHONE_NUMBER: string;
	PORTAL_NUMBER: string;
	INCOMING: string;
	CALL_DURATION: number;
	CALL_START_DATE: string;
	CALL_STATUS: number;
	CALL_VOTE: number | null;
	COST: number;
	COST_CURRENCY: string;
	CALL_FAILED_CODE: string;
	CALL_FAILED_REASON: string;
	REST_APP_ID: string;
	REST_APP_NAME: string;
	CRM_ACTIVITY_ID: number | null;
	COMMENT: string | null;
	CRM_ENTITY_TYPE: string | null;
	CRM_ENTITY_ID: number | null;
	/** the call's record file id (attachRecord), not part of the finish answer */
	recordFileId?: number;
	addToChat: boolean;
}

export interface CallRecord {
	FILE_ID: number;
	CALL_ID: string;
	FILENAME: string;
	content: Buffer;
	/** set when Bitrix24 downloaded it from RECORD_URL */
	sourceUrl?: string;
}

export interface ExternalLine {
	ID: number;
	NUMBER: string;
	NAME: string;
	CRM_AUTO_CREATE: 'Y' | 'N';
}

export interface TelephonyState {
	calls: Map<string, ExternalCall>;
	/** finished calls by CALL_ID (the statistics table) */
	statistics: Map<string, CallStatistic>;
	records: Map<number, CallRecord>;
	/** OAuth client id -> line number -> line */
	lines: Map<string, Map<string, ExternalLine>>;
	next: { statistic: number; record: number; line: number; activity: number };
}

/**
 * Users' internal numbers (UF_PHONE_INNER). The portal's user store has no such field, so the
 * telephony module keeps them; USER_PHONE_INNER finds the user by these.
 */
export const PHONE_INNER: Record<number, string> = { 1: '101', 2: '102', 3: '103' };

/** The application's display name in call statistics (REST_APP_NAME). */
export const REST_APP = { ID: '1', NAME: 'Test application' };

/** "If ... called again within 30 minutes, Bitrix24 may return an existing CALL_ID". */
const REREGISTER_MS = 30 * 60_000;

export function telephonyState(store: Store): TelephonyState {
	return store.area<TelephonyState>('telephony', () => ({
		calls: new Map(),
		statistics: new Map(),
		records: new Map(),
		lines: new Map(),
		next: { statistic: 1, record: 1, line: 1, activity: 1 },
	}));
}

// ---------------------------------------------------------------- helpers

const core = (text: string) => new RestError(400, 'ERROR_CORE', text);

function appOnly(ctx: CallContext): string {
	if (ctx.auth.kind !== 'oauth') throw errors.wrongAuthType();
	return ctx.auth.clientId ?? '';
}

function text(ctx: CallContext, name: string): string {
	const v = param(ctx.params, name);
	return v === undefined || v === null || typeof v === 'object' ? '' : String(v).trim();
}

function flag(ctx: CallContext, name: string, byDefault: boolean): boolean {
	const v = param(ctx.params, name);
	if (v === undefined || v === null || v === '') return byDefault;
	return v === true || String(v) === '1' || String(v).toUpperCase() === 'Y' || String(v) === 'true';
}

function digits(phone: string): string {
	return phone.replace(/\D/g, '');
}

/** The user of a call: USER_ID, or the user whose internal number is USER_PHONE_INNER. */
function callUser(ctx: CallContext): number {
	const rawId = param(ctx.params, 'USER_ID');
	const inner = text(ctx, 'USER_PHONE_INNER');
	let userId = 0;
	if (rawId !== undefined && rawId !== null && rawId !== '') userId = phpInt(rawId);
	else if (inner)
		userId = phpInt(Object.entries(PHONE_INNER).find(([, number]) => number === inner)?.[0] ?? -1);
	else throw core('USER_ID or USER_PHONE_INNER should be set');
	if (!ctx.portal.store.users.some((u) => u.ID === userId && u.ACTIVE))
		throw core('User is not found or is not active');
	return userId;
}

const CRM_TYPES: Array<{ type: 'CONTACT' | 'COMPANY' | 'LEAD'; entityTypeId: number }> = [
	{ type: 'CONTACT', entityTypeId: 3 },
	{ type: 'COMPANY', entityTypeId: 4 },
	{ type: 'LEAD', entityTypeId: 1 },
];

function crmName(type: string, row: Row): string {
	if (type === 'COMPANY') return String(row.TITLE ?? '');
	const full = [row.NAME, row.LAST_NAME]
		.filter((part) => typeof part === 'string' && part)
		.join(' ');
	return full || String(row.TITLE ?? '');
}

/** CRM records (contacts, companies, leads) with this phone number, compared by digits. */
function findByPhone(store: Store, phone: string): Array<{ type: string; id: number; row: Row }> {
	const wanted = digits(phone);
	const found: Array<{ type: string; id: number; row: Row }> = [];
	if (!wanted) return found;
	for (const { type, entityTypeId } of CRM_TYPES) {
		for (const row of store.table(entityTypeId)?.rows.values() ?? []) {
			const phones = ((row.FM as FmEntry[] | undefined) ?? [])
				.filter((e) => e.TYPE_ID === 'PHONE')
				.map((e) => digits(e.VALUE));
			if (phones.includes(wanted)) found.push({ type, id: row.ID as number, row });
		}
	}
	return found;
}

/** The employee's work-day status as the work-time module would give it. */
function timemanStatus(store: Store, userId: number): string {
	const day = workspaceState(store).days.get(userId);
	if (!day || day.finish !== null) return 'CLOSED';
	if (day.pausedAt !== null) return 'PAUSED';
	// a day left open since before today's start counts as expired
	return Date.now() - day.start > 24 * 3_600_000 ? 'EXPIRED' : 'OPENED';
}

function callOf(ctx: CallContext): ExternalCall | undefined {
	const id = text(ctx, 'CALL_ID');
	return id ? telephonyState(ctx.portal.store).calls.get(id) : undefined;
}

function userList(ctx: CallContext): number[] | undefined {
	const raw = param(ctx.params, 'USER_ID');
	if (raw === undefined || raw === null || raw === '') return undefined;
	const list = Array.isArray(raw) ? raw : isObject(raw) ? Object.values(raw) : [raw];
	return list.map((v) => phpInt(v)).filter((v) => v > 0);
}

const STATUS_CODES = new Set([
	'200',
	'304',
	'603',
	'603-S',
	'403',
	'404',
	'486',
	'484',
	'503',
	'480',
	'402',
	'423',
	'OTHER',
]);

// ---------------------------------------------------------------- external calls

const callMethods: MethodDef[] = [
	{
		name: 'telephony.externalCall.register',
		scope: 'telephony',
		handler: (ctx) => {
			const clientId = appOnly(ctx);
			const userId = callUser(ctx);
			const type = phpInt(param(ctx.params, 'TYPE') ?? 0);
			if (!(type >= 1 && type <= 5)) throw core('Unknown TYPE');
			const startRaw = param(ctx.params, 'CALL_START_DATE');
			let start = Date.now();
			if (startRaw !== undefined && startRaw !== null && startRaw !== '') {
				const parsed =
					typeof startRaw === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(startRaw)
						? parseDate(startRaw)
						: undefined;
				if (parsed === undefined) throw core('CALL_START_DATE should be in the ISO-8601 format');
				start = parsed;
			}
			const phone = text(ctx, 'PHONE_NUMBER');
			if (!digits(phone)) throw core('Unsupported phone number format');
			const lineNumber = text(ctx, 'LINE_NUMBER');
			const externalId = text(ctx, 'EXTERNAL_CALL_ID') || null;
			const state = telephonyState(ctx.portal.store);
			const now = Date.now();
			// re-registration within 30 minutes by the same application returns the existing CALL_ID
			for (const call of state.calls.values()) {
				if (
					call.clientId === clientId &&
					now - call.registeredAt < REREGISTER_MS &&
					call.PHONE_NUMBER === phone &&
					call.TYPE === type &&
					call.USER_ID === userId &&
					call.LINE_NUMBER === lineNumber &&
					call.EXTERNAL_CALL_ID === externalId
				) {
					return {
						result: {
							CALL_ID: call.CALL_ID,
							CRM_CREATED_LEAD: null,
							CRM_CREATED_ENTITIES: [],
							CRM_ENTITY_TYPE: call.CRM_ENTITY_TYPE,
							CRM_ENTITY_ID: call.CRM_ENTITY_ID,
						},
					};
				}
			}
			let entityType: string | null = null;
			let entityId: number | null = null;
			const givenType = text(ctx, 'CRM_ENTITY_TYPE').toUpperCase();
			const givenId = phpInt(param(ctx.params, 'CRM_ENTITY_ID') ?? 0);
			if (['CONTACT', 'COMPANY', 'LEAD'].includes(givenType) && givenId > 0) {
				entityType = givenType;
				entityId = givenId;
			} else {
				const match = findByPhone(ctx.portal.store, phone)[0];
				if (match) {
					entityType = match.type;
					entityId = match.id;
				}
			}
			let createdLead: number | null = null;
			const created: Array<{ ENTITY_TYPE: string; ENTITY_ID: number }> = [];
			const line = lineNumber ? state.lines.get(clientId)?.get(lineNumber) : undefined;
			// outgoing calls through a line: the line's CRM_AUTO_CREATE decides as well
			const lineAllows = !(type === 1 && line && line.CRM_AUTO_CREATE === 'N');
			if (entityType === null && flag(ctx, 'CRM_CREATE', false) && lineAllows) {
				// the lead's title is the test portal's own; the docs only say a lead is created
				createdLead = ctx.portal.store.create(
					1,
					{
						TITLE: `Call from ${phone}`,
						PHONE: [{ VALUE: phone, VALUE_TYPE: 'WORK' }],
						SOURCE_ID: text(ctx, 'CRM_SOURCE') || 'CALL',
						ASSIGNED_BY_ID: userId,
					},
					userId,
				);
				created.push({ ENTITY_TYPE: 'LEAD', ENTITY_ID: createdLead });
				entityType = 'LEAD';
				entityId = createdLead;
			}
			const callId = `externalCall.${randomBytes(16).toString('hex')}.${Math.floor(now / 1000)}`;
			const call: ExternalCall = {
				CALL_ID: callId,
				clientId,
				USER_ID: userId,
				PHONE_NUMBER: phone,
				TYPE: type,
				LINE_NUMBER: lineNumber,
				EXTERNAL_CALL_ID: externalId,
				CALL_START_DATE: start,
				CRM_ENTITY_TYPE: entityType,
				CRM_ENTITY_ID: entityId,
				CRM_SOURCE: text(ctx, 'CRM_SOURCE') || null,
				CALL_LIST_ID: phpInt(param(ctx.params, 'CALL_LIST_ID') ?? 0) || null,
				ADD_TO_CHAT: flag(ctx, 'ADD_TO_CHAT', true),
				registeredAt: now,
				shownTo: new Set(flag(ctx, 'SHOW', true) ? [userId] : []),
			};
			state.calls.set(callId, call);
			return {
				result: {
					CALL_ID: callId,
					CRM_CREATED_LEAD: createdLead,
					CRM_CREATED_ENTITIES: created,
					CRM_ENTITY_TYPE: entityType,
					CRM_ENTITY_ID: entityId,
				},
			};
		},
	},
	{
		name: 'telephony.externalCall.finish',
		scope: 'telephony',
		handler: (ctx) => {
			appOnly(ctx);
			const rawCallId = param(ctx.params, 'CALL_ID');
			if (typeof rawCallId !== 'string')
				throw new RestError(400, 'INVALID_ARGUMENT', 'CALL_ID must be a string');
			const userId = callUser(ctx);
			const state = telephonyState(ctx.portal.store);
			const call = state.calls.get(rawCallId.trim());
			if (!call) throw core('Call is not found (call should be registered prior to finishing)');
			const duration = Math.max(0, phpInt(param(ctx.params, 'DURATION') ?? 0));
			let status = text(ctx, 'STATUS_CODE').toUpperCase();
			if (!status) status = duration > 0 ? '200' : '304';
			if (!STATUS_CODES.has(status)) status = 'OTHER';
			const voteRaw = phpInt(param(ctx.params, 'VOTE') ?? 0);
			const cost = Number(param(ctx.params, 'COST') ?? 0);
			const statistic: CallStatistic = {
				ID: state.next.statistic++,
				CALL_ID: call.CALL_ID,
				EXTERNAL_CALL_ID: call.EXTERNAL_CALL_ID,
				PORTAL_USER_ID: userId,
				PHONE_NUMBER: call.PHONE_NUMBER,
				PORTAL_NUMBER: call.LINE_NUMBER,
				INCOMING: String(call.TYPE),
				CALL_DURATION: duration,
				// the docs' example shows a serialized date object; the portal answers the ISO text
				CALL_START_DATE: isoDate(call.CALL_START_DATE),
				CALL_STATUS: status === '200' ? 1 : 0,
				CALL_VOTE: voteRaw >= 1 && voteRaw <= 5 ? voteRaw : null,
				COST: Number.isFinite(cost) ? cost : 0,
				COST_CURRENCY: text(ctx, 'COST_CURRENCY'),
				CALL_FAILED_CODE: status,
				CALL_FAILED_REASON: text(ctx, 'FAILED_REASON'),
				REST_APP_ID: REST_APP.ID,
				REST_APP_NAME: REST_APP.NAME,
				// the activity is only numbered: the portal does not add it to crm.activity.*
				CRM_ACTIVITY_ID: call.CRM_ENTITY_TYPE ? state.next.activity++ : null,
				COMMENT: null,
				CRM_ENTITY_TYPE: call.CRM_ENTITY_TYPE,
				CRM_ENTITY_ID: call.CRM_ENTITY_ID,
				addToChat: flag(ctx, 'ADD_TO_CHAT', true),
			};
			state.statistics.set(call.CALL_ID, statistic);
			// a finished call is no longer an active registration
			state.calls.delete(call.CALL_ID);
			const answer: Record<string, unknown> = { ...statistic };
			delete answer.recordFileId;
			delete answer.addToChat;
			return { result: answer };
		},
	},
	{
		name: 'telephony.externalCall.attachRecord',
		scope: 'telephony',
		handler: async (ctx) => {
			const state = telephonyState(ctx.portal.store);
			const statistic = state.statistics.get(text(ctx, 'CALL_ID'));
			const url = text(ctx, 'RECORD_URL');
			const fileNameGiven = param(ctx.params, 'FILENAME') !== undefined;
			if (!url && !fileNameGiven)
				throw core(
					'Required parameters are not set. Request should contain either URL or FILENAME parameter',
				);
			if (!statistic)
				throw core(
					'Call is not found in the statistic table. It looks like it is not finished yet.',
				);
			let fileName = text(ctx, 'FILENAME');
			if (!fileName && url)
				fileName = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
			if (!fileName) throw core('File name is empty');
			if (!/\.(wav|mp3)$/i.test(fileName))
				throw core('Wrong file extension. Only wav and mp3 are allowed');
			let content: Buffer;
			if (url) {
				const response = await fetch(url);
				if (!response.ok) throw core(`Server returns HTTP error code ${response.status}`);
				content = Buffer.from(await response.arrayBuffer());
			} else {
				const raw = param(ctx.params, 'FILE_CONTENT');
				if (raw === undefined) {
					// the two-step upload: the test portal answers the documented shape but serves no upload.json
					return {
						result: {
							uploadUrl: `${ctx.portal.url}/rest/upload.json?token=telephony%7C${encodeURIComponent(statistic.CALL_ID)}`,
							fieldName: 'file',
						},
					};
				}
				const base64 = typeof raw === 'string' ? raw.replace(/\s/g, '') : '';
				if (!base64) throw core('File content is empty.');
				if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0)
					throw core('File content is not properly encoded. Base64 encoding is expected.');
				content = Buffer.from(base64, 'base64');
			}
			// "If the method is called again for the same call, the new record will replace the previously attached one"
			if (statistic.recordFileId !== undefined) state.records.delete(statistic.recordFileId);
			const record: CallRecord = {
				FILE_ID: state.next.record++,
				CALL_ID: statistic.CALL_ID,
				FILENAME: fileName,
				content,
				sourceUrl: url || undefined,
			};
			state.records.set(record.FILE_ID, record);
			statistic.recordFileId = record.FILE_ID;
			return { result: { FILE_ID: record.FILE_ID } };
		},
	},
	{
		name: 'telephony.externalCall.show',
		scope: 'telephony',
		handler: (ctx) => {
			const call = callOf(ctx);
			// the docs give no error for an unknown CALL_ID here; like hide, it answers false
			if (!call) return { result: false };
			for (const userId of userList(ctx) ?? [call.USER_ID]) call.shownTo.add(userId);
			return { result: true };
		},
	},
	{
		name: 'telephony.externalCall.hide',
		scope: 'telephony',
		handler: (ctx) => {
			const call = callOf(ctx);
			// "If CALL_ID is not found, the method will return result = false"
			if (!call) return { result: false };
			for (const userId of userList(ctx) ?? [call.USER_ID]) call.shownTo.delete(userId);
			return { result: true };
		},
	},
	{
		name: 'telephony.externalCall.searchCrmEntities',
		scope: 'telephony',
		handler: (ctx) => {
			const phone = text(ctx, 'PHONE_NUMBER');
			if (!phone) throw core('PHONE_NUMBER is empty');
			const store = ctx.portal.store;
			const result = findByPhone(store, phone).map(({ type, id, row }) => {
				const assigned = phpInt(row.ASSIGNED_BY_ID ?? 0);
				return {
					CRM_ENTITY_TYPE: type,
					CRM_ENTITY_ID: id,
					ASSIGNED_BY_ID: assigned,
					NAME: crmName(type, row),
					ASSIGNED_BY: {
						ID: String(assigned),
						TIMEMAN_STATUS: timemanStatus(store, assigned),
						USER_PHONE_INNER: PHONE_INNER[assigned] ?? null,
						WORK_PHONE: null,
						PERSONAL_PHONE: null,
						PERSONAL_MOBILE: null,
					},
				};
			});
			return { result };
		},
	},
];

// ---------------------------------------------------------------- external lines

function linesOf(ctx: CallContext): Map<string, ExternalLine> {
	const clientId = appOnly(ctx);
	const state = telephonyState(ctx.portal.store);
	if (!state.lines.has(clientId)) state.lines.set(clientId, new Map());
	return state.lines.get(clientId)!;
}

function lineNumber(ctx: CallContext): string {
	const number = text(ctx, 'NUMBER');
	if (!number) throw core('NUMBER should not be empty');
	return number;
}

const lineMethods: MethodDef[] = [
	{
		name: 'telephony.externalLine.add',
		scope: 'telephony',
		handler: (ctx) => {
			const lines = linesOf(ctx);
			const number = lineNumber(ctx);
			if (lines.has(number)) throw core('Line already exists');
			const line: ExternalLine = {
				ID: telephonyState(ctx.portal.store).next.line++,
				NUMBER: number,
				NAME: text(ctx, 'NAME'),
				CRM_AUTO_CREATE: text(ctx, 'CRM_AUTO_CREATE').toUpperCase() === 'N' ? 'N' : 'Y',
			};
			lines.set(number, line);
			return { result: { ID: line.ID } };
		},
	},
	{
		name: 'telephony.externalLine.get',
		scope: 'telephony',
		handler: (ctx) => ({
			result: [...linesOf(ctx).values()].map((line) => ({
				NUMBER: line.NUMBER,
				NAME: line.NAME,
				CRM_AUTO_CREATE: line.CRM_AUTO_CREATE,
			})),
		}),
	},
	{
		name: 'telephony.externalLine.update',
		scope: 'telephony',
		handler: (ctx) => {
			const lines = linesOf(ctx);
			const number = lineNumber(ctx);
			const line = lines.get(number);
			if (!line) throw core(`Could not find line with number ${number}`);
			const name = param(ctx.params, 'NAME');
			const auto = text(ctx, 'CRM_AUTO_CREATE').toUpperCase();
			if (name === undefined && !auto) throw core('There are no fields to update');
			if (name !== undefined) line.NAME = name === null ? '' : String(name);
			if (auto) line.CRM_AUTO_CREATE = auto === 'N' ? 'N' : 'Y';
			// the docs' example answers the id as a string here
			return { result: { ID: String(line.ID) } };
		},
	},
	{
		name: 'telephony.externalLine.delete',
		scope: 'telephony',
		handler: (ctx) => {
			const lines = linesOf(ctx);
			const number = lineNumber(ctx);
			if (!lines.has(number)) throw core(`Could not find line with number ${number}`);
			lines.delete(number);
			return { result: [] };
		},
	},
];

export const methods: MethodDef[] = [...callMethods, ...lineMethods];
