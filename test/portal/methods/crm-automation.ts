/**
 * Automation and timeline entries: crm.automation.trigger, crm.automation.trigger.add/.execute,
 * crm.timeline.logmessage.add/get/list/delete, crm.timeline.item.pin/unpin, as b24restdocs
 * describes them (api-reference/crm/automation/crm-automation-trigger.md, automation/triggers/,
 * timeline/logmessage/, timeline/actions/).
 */
import { crmError, isoDate, RestError } from '../envelope';
import { phpInt } from '../php-query';
import { CallContext, MethodDef, param } from '../registry';
import type { Store } from '../store';
import type { TimelineBinding } from './crm-extras';
import { entryBindings, extrasState, isBoundTo } from './crm-extras';

export interface FiredTrigger {
	/** crm.automation.trigger: the target as sent; execute: TYPENAME_ID built from the owner */
	target: string;
	entityTypeId: number;
	entityId: number;
	code: string | null;
	clientId?: string;
}

export interface LogMessage {
	id: number;
	created: string;
	authorId: number;
	title: string;
	text: string;
	iconCode: string;
	entityTypeId: number;
	entityId: number;
	clientId?: string;
}

export interface AutomationState {
	fired: FiredTrigger[];
	/** application triggers (crm.automation.trigger.add): clientId -> code -> name */
	appTriggers: Map<string, Map<string, string>>;
	logMessages: Map<number, LogMessage>;
	/** log entry ids start far from timeline comment ids: both are timeline entries one pin can name */
	nextLogMessage: number;
	/** pinned timeline entries per owner, "entityTypeId:entityId" -> entry ids */
	pinned: Map<string, number[]>;
}

export function automationState(store: Store): AutomationState {
	return store.area<AutomationState>('crm-automation', () => ({
		fired: [],
		appTriggers: new Map(),
		logMessages: new Map(),
		nextLogMessage: 10001,
		pinned: new Map(),
	}));
}

/** Types with automation triggers: leads, deals, quotes, invoices and smart processes. */
const TRIGGER_TYPES: Record<string, number> = { LEAD: 1, DEAL: 2, QUOTE: 7, SMART_INVOICE: 31 };
const TYPE_NAMES: Record<number, string> = {
	1: 'LEAD',
	2: 'DEAL',
	3: 'CONTACT',
	4: 'COMPANY',
	7: 'QUOTE',
	31: 'SMART_INVOICE',
};

function typeName(entityTypeId: number): string {
	return TYPE_NAMES[entityTypeId] ?? `DYNAMIC_${entityTypeId}`;
}

function recordExists(store: Store, entityTypeId: number, id: number): boolean {
	return store.table(entityTypeId)?.rows.has(id) ?? false;
}

function appContext(ctx: CallContext): string {
	if (ctx.auth.kind !== 'oauth' || !ctx.auth.clientId)
		throw new RestError(400, 'ACCESS_DENIED', 'Access denied! Application context required');
	const user = ctx.portal.store.users.find((u) => u.ID === ctx.auth.userId);
	if (!user?.IS_ADMIN)
		throw new RestError(400, 'ACCESS_DENIED', 'Access denied! Admin permissions required');
	return ctx.auth.clientId;
}

function triggerCode(ctx: CallContext): string {
	const code = String(param(ctx.params, 'CODE') ?? '').trim();
	if (!code) throw crmError('Empty trigger code!');
	if (!/^[a-z0-9.\-_]+$/.test(code)) throw crmError('Wrong trigger code!');
	return code;
}

function required(
	ctx: CallContext,
	source: Record<string, unknown>,
	name: string,
	label = name,
): unknown {
	const value = source[name];
	if (value === undefined || value === null || value === '')
		throw new RestError(400, '100', `Could not find value for parameter {${label}}`);
	return value;
}

function messageOf(ctx: CallContext): LogMessage {
	const id = phpInt(required(ctx, ctx.params, 'id'));
	const entry = automationState(ctx.portal.store).logMessages.get(id);
	if (!entry) throw new RestError(400, 'NOT_FOUND', `Timeline logmessage not found for id ${id}`);
	return entry;
}

const view = (m: LogMessage): Record<string, unknown> => ({
	id: m.id,
	created: m.created,
	authorId: m.authorId,
	title: m.title,
	text: m.text,
	iconCode: m.iconCode,
});

/** The record a log entry was added to, as timeline bindings name it (deal, dynamic_128 ...). */
export const messageBinding = (m: LogMessage): TimelineBinding => ({
	ENTITY_TYPE: typeName(m.entityTypeId).toLowerCase(),
	ENTITY_ID: m.entityId,
});

/** The timeline entry `id` shown in the owner's timeline: a log entry or a timeline comment. */
function entryExists(store: Store, entityTypeId: number, entityId: number, id: number): boolean {
	const message = automationState(store).logMessages.get(id);
	const comment = extrasState(store).comments.get(id);
	const own: TimelineBinding | undefined = message
		? messageBinding(message)
		: comment && { ENTITY_TYPE: comment.ENTITY_TYPE, ENTITY_ID: comment.ENTITY_ID };
	if (!own) return false;
	return isBoundTo(entryBindings(store, id, own), typeName(entityTypeId), entityId);
}

function pinning(pin: boolean): MethodDef {
	return {
		name: pin ? 'crm.timeline.item.pin' : 'crm.timeline.item.unpin',
		scope: 'crm',
		handler: (ctx) => {
			const store = ctx.portal.store;
			const id = phpInt(required(ctx, ctx.params, 'id'));
			const ownerTypeId = phpInt(required(ctx, ctx.params, 'ownerTypeId'));
			const ownerId = phpInt(required(ctx, ctx.params, 'ownerId'));
			if (!recordExists(store, ownerTypeId, ownerId))
				throw new RestError(400, 'OWNER_NOT_FOUND', 'Owner of the item not found');
			if (!entryExists(store, ownerTypeId, ownerId, id))
				throw new RestError(400, 'NOT_FOUND', 'Not found.');
			const key = `${ownerTypeId}:${ownerId}`;
			const state = automationState(store);
			const pinned = state.pinned.get(key) ?? [];
			if (pin && !pinned.includes(id)) {
				if (pinned.length >= 3)
					throw new RestError(400, '0', 'Only three events can be added to favorites');
				pinned.push(id);
			}
			// pinning a pinned entry or unpinning an unpinned one: the docs name no error, so it is a no-op
			state.pinned.set(key, pin ? pinned : pinned.filter((p) => p !== id));
			return { result: null };
		},
	};
}

const PAGE = 10;

export const methods: MethodDef[] = [
	{
		name: 'crm.automation.trigger',
		scope: 'crm',
		handler: (ctx) => {
			const target = param(ctx.params, 'target');
			if (target === undefined || target === null || target === '')
				throw crmError('Target is not set.');
			const match = /^([A-Z_0-9]+)_(\d+)$/.exec(String(target).toUpperCase());
			if (!match) throw crmError('Incorrect target format.');
			const [, name, rawId] = match;
			const dynamic = /^DYNAMIC_(\d+)$/.exec(name);
			const entityTypeId = dynamic ? Number(dynamic[1]) : TRIGGER_TYPES[name];
			const entityId = Number(rawId);
			// a missing record: the docs name no error of its own, so it is the unknown target's
			if (!entityTypeId || !recordExists(ctx.portal.store, entityTypeId, entityId))
				throw crmError('Target is not found.');
			const code = param(ctx.params, 'code');
			automationState(ctx.portal.store).fired.push({
				target: String(target),
				entityTypeId,
				entityId,
				code: code === undefined || code === '' ? null : String(code),
			});
			return { result: true };
		},
	},
	{
		name: 'crm.automation.trigger.add',
		scope: 'crm',
		handler: (ctx) => {
			const clientId = appContext(ctx);
			const code = triggerCode(ctx);
			const name = String(param(ctx.params, 'NAME') ?? '').trim();
			if (!name) throw crmError('Empty trigger name!');
			const state = automationState(ctx.portal.store);
			const own = state.appTriggers.get(clientId) ?? new Map<string, string>();
			own.set(code, name);
			state.appTriggers.set(clientId, own);
			return { result: true };
		},
	},
	{
		name: 'crm.automation.trigger.execute',
		scope: 'crm',
		handler: (ctx) => {
			const clientId = appContext(ctx);
			const code = triggerCode(ctx);
			const state = automationState(ctx.portal.store);
			if (!state.appTriggers.get(clientId)?.has(code))
				throw crmError(`Trigger with code ${code} is not registered.`);
			const ownerTypeId = phpInt(param(ctx.params, 'OWNER_TYPE_ID') ?? 0);
			if (!ctx.portal.store.table(ownerTypeId) || [3, 4].includes(ownerTypeId))
				throw crmError('Incorrect parameter OWNER_TYPE_ID.');
			const ownerId = phpInt(param(ctx.params, 'OWNER_ID') ?? 0);
			if (!(ownerId > 0)) throw crmError('Incorrect parameter OWNER_ID.');
			state.fired.push({
				target: `${typeName(ownerTypeId)}_${ownerId}`,
				entityTypeId: ownerTypeId,
				entityId: ownerId,
				code,
				clientId,
			});
			return { result: true };
		},
	},
	{
		name: 'crm.timeline.logmessage.add',
		scope: 'crm',
		handler: (ctx) => {
			const raw = ctx.params.fields;
			if (!raw || typeof raw !== 'object' || Array.isArray(raw))
				throw new RestError(400, '100', 'Could not find value for parameter {fields}');
			const fields = raw as Record<string, unknown>;
			const entityTypeId = phpInt(required(ctx, fields, 'entityTypeId'));
			const entityId = phpInt(required(ctx, fields, 'entityId'));
			const title = String(required(ctx, fields, 'title'));
			const text = String(required(ctx, fields, 'text'));
			const iconCode = String(required(ctx, fields, 'iconCode'));
			if (!recordExists(ctx.portal.store, entityTypeId, entityId))
				throw new RestError(
					400,
					'OWNER_NOT_FOUND',
					'The CRM object with the specified entityTypeId and entityId does not exist',
				);
			const state = automationState(ctx.portal.store);
			const message: LogMessage = {
				id: state.nextLogMessage++,
				created: isoDate(Date.now()),
				authorId: ctx.auth.userId,
				title,
				text,
				iconCode,
				entityTypeId,
				entityId,
				clientId: ctx.auth.kind === 'oauth' ? ctx.auth.clientId : undefined,
			};
			state.logMessages.set(message.id, message);
			return { result: { logMessage: view(message) } };
		},
	},
	{
		name: 'crm.timeline.logmessage.get',
		scope: 'crm',
		handler: (ctx) => ({ result: { logMessage: view(messageOf(ctx)) } }),
	},
	{
		name: 'crm.timeline.logmessage.list',
		scope: 'crm',
		handler: (ctx) => {
			const entityTypeId = phpInt(required(ctx, ctx.params, 'entityTypeId'));
			const entityId = phpInt(required(ctx, ctx.params, 'entityId'));
			const order = ctx.params.order as Record<string, unknown> | undefined;
			const direction = String(order?.id ?? order?.created ?? 'desc').toLowerCase();
			const rows = [...automationState(ctx.portal.store).logMessages.values()]
				.filter((m) =>
					isBoundTo(
						entryBindings(ctx.portal.store, m.id, messageBinding(m)),
						typeName(entityTypeId),
						entityId,
					),
				)
				.sort((a, b) => (direction === 'asc' ? a.id - b.id : b.id - a.id));
			// pages of 10; `next` while more remain, as the other list methods answer it
			const start = Math.max(0, phpInt(ctx.params.start ?? 0));
			const page = rows.slice(start, start + PAGE);
			return {
				result: page.map(view),
				total: rows.length,
				next: start + PAGE < rows.length ? start + PAGE : undefined,
			};
		},
	},
	{
		name: 'crm.timeline.logmessage.delete',
		scope: 'crm',
		handler: (ctx) => {
			const message = messageOf(ctx);
			const clientId = ctx.auth.kind === 'oauth' ? ctx.auth.clientId : undefined;
			// "only the application that added the entry can delete it"
			if (message.clientId !== clientId)
				throw new RestError(
					400,
					'REMOVING_DISABLED',
					'Timeline entry was created in the context of another REST application',
				);
			automationState(ctx.portal.store).logMessages.delete(message.id);
			extrasState(ctx.portal.store).timelineBindings.delete(message.id);
			return { result: true };
		},
	},
	pinning(true),
	pinning(false),
];
