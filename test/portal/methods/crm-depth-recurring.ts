/**
 * Recurring deal templates, as bitrix24/b24restdocs api-reference/crm/deals/recurring-deals/
 * describes them: crm.deal.recurring.add copies a deal into the template deal (DEAL_ID; BASED_ID
 * the source) and answers the settings' ID; .get answers the settings (IDs as strings, dates as
 * datetimes, "" for no LAST_EXECUTION); .list the same rows with id / deal_id / based_id /
 * category_id in lower case, 50 a page; .expose creates a deal from the template deal and answers
 * { DEAL_ID }; .delete refuses while the template deal exists (crm.deal.delete of the template
 * deal deletes its settings too); .fields the page's descriptions.
 * Errors are the classic methods' (empty code), with the pages' texts.
 */
import { crmError, isoDate } from '../envelope';
import type { Resolver } from '../filter';
import { applyFilter, applyOrder, paginate } from '../filter';
import { isObject, phpInt } from '../php-query';
import type { CallContext, MethodDef } from '../registry';
import { param } from '../registry';
import type { Store } from '../store';

type Params = Record<string, string | number | null>;

interface Settings {
	ID: number;
	DEAL_ID: number;
	BASED_ID: number;
	ACTIVE: 'Y' | 'N';
	CATEGORY_ID: number;
	IS_LIMIT: 'N' | 'D' | 'T';
	COUNTER_REPEAT: number;
	LIMIT_REPEAT: number | null;
	LIMIT_DATE: string;
	START_DATE: string;
	LAST_EXECUTION: string;
	PARAMS: Params;
}

interface RecurringState {
	settings: Map<number, Settings>;
	nextId: number;
}

/** This module's state; deleting a template deal (crm.deal.delete) deletes its settings too. */
export function recurringState(store: Store): RecurringState {
	return store.area<RecurringState>('crm-depth-recurring', () => {
		const state: RecurringState = { settings: new Map(), nextId: 1 };
		store.onChange((entityTypeId, action, id) => {
			if (entityTypeId !== 2 || action !== 'DELETE') return;
			for (const s of state.settings.values()) if (s.DEAL_ID === id) state.settings.delete(s.ID);
		});
		return state;
	});
}

const PARAM_KEYS: Array<[string, 'string' | 'integer', string]> = [
	['MODE', 'string', 'Repetition mode'],
	['SINGLE_BEFORE_START_DATE_VALUE', 'integer', 'Offset before the calculation date'],
	['SINGLE_BEFORE_START_DATE_TYPE', 'string', 'Type of offset before the calculation date'],
	['MULTIPLE_TYPE', 'string', 'Type of repetition'],
	['MULTIPLE_INTERVAL', 'integer', 'Repetition interval'],
	['OFFSET_BEGINDATE_TYPE', 'string', 'Type of offset for the start date in the new deal'],
	['OFFSET_BEGINDATE_VALUE', 'integer', 'Offset for the start date in the new deal'],
	['OFFSET_CLOSEDATE_TYPE', 'string', 'Type of offset for the completion date in the new deal'],
	['OFFSET_CLOSEDATE_VALUE', 'integer', 'Offset for the completion date in the new deal'],
];

/** A date given as YYYY-MM-DD, as the portal answers it (its midnight, +03:00). */
const asDateTime = (value: unknown): string => {
	const text = String(value ?? '').slice(0, 10);
	return /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00+03:00` : '';
};

function applyFields(target: Settings, fields: Record<string, unknown>): void {
	if ('ACTIVE' in fields) target.ACTIVE = fields.ACTIVE === 'N' ? 'N' : 'Y';
	if ('CATEGORY_ID' in fields) target.CATEGORY_ID = phpInt(fields.CATEGORY_ID);
	if ('IS_LIMIT' in fields) {
		const limit = String(fields.IS_LIMIT);
		// any other value becomes N (crm.deal.recurring.add)
		target.IS_LIMIT = limit === 'D' || limit === 'T' ? limit : 'N';
	}
	if ('LIMIT_REPEAT' in fields) target.LIMIT_REPEAT = phpInt(fields.LIMIT_REPEAT);
	if ('LIMIT_DATE' in fields) target.LIMIT_DATE = asDateTime(fields.LIMIT_DATE);
	if ('START_DATE' in fields) target.START_DATE = asDateTime(fields.START_DATE);
	if (isObject(fields.PARAMS)) {
		for (const [key, type] of PARAM_KEYS) {
			const value = (fields.PARAMS as Record<string, unknown>)[key];
			if (value !== undefined)
				target.PARAMS[key] = type === 'integer' ? phpInt(value) : String(value);
		}
	}
}

/** NEXT_EXECUTION: the start date while active, "" otherwise (as the pages' inactive row). */
const nextExecution = (s: Settings): string => (s.ACTIVE === 'Y' ? s.START_DATE : '');

function view(s: Settings): Record<string, unknown> {
	return {
		ID: String(s.ID),
		DEAL_ID: String(s.DEAL_ID),
		BASED_ID: String(s.BASED_ID),
		ACTIVE: s.ACTIVE,
		CATEGORY_ID: String(s.CATEGORY_ID),
		IS_LIMIT: s.IS_LIMIT,
		COUNTER_REPEAT: s.COUNTER_REPEAT ? String(s.COUNTER_REPEAT) : null,
		LIMIT_REPEAT: s.LIMIT_REPEAT === null ? null : String(s.LIMIT_REPEAT),
		LIMIT_DATE: s.LIMIT_DATE,
		START_DATE: s.START_DATE,
		NEXT_EXECUTION: nextExecution(s),
		LAST_EXECUTION: s.LAST_EXECUTION,
		PARAMS: { ...s.PARAMS },
	};
}

/** crm.deal.recurring.list spells four keys in lower case. */
function listView(s: Settings): Record<string, unknown> {
	const { ID, DEAL_ID, BASED_ID, CATEGORY_ID, ...rest } = view(s);
	return { id: ID, deal_id: DEAL_ID, based_id: BASED_ID, ...rest, category_id: CATEGORY_ID };
}

function settingsOf(ctx: CallContext): Settings {
	const raw = param(ctx.params, 'id');
	const id = raw === undefined || raw === null || raw === '' ? 0 : phpInt(raw);
	if (id <= 0) throw crmError('id is not defined or invalid.');
	const found = recurringState(ctx.portal.store).settings.get(id);
	if (!found) throw crmError('Recurring deal is not found.');
	return found;
}

function fieldsOf(ctx: CallContext): Record<string, unknown> {
	const fields = param(ctx.params, 'fields');
	if (!isObject(fields)) throw crmError("Parameter 'fields' must be array.");
	return fields as Record<string, unknown>;
}

/** A copy of a deal's own fields, as input of a new deal. */
function copyOf(store: Store, dealId: number, categoryId?: number): Record<string, unknown> {
	const row = store.get(2, dealId) ?? {};
	const skip = new Set(['ID', 'FM', 'STAGE_ID', 'CATEGORY_ID']);
	const input = Object.fromEntries(Object.entries(row).filter(([key]) => !skip.has(key)));
	return categoryId === undefined ? input : { ...input, CATEGORY_ID: categoryId };
}

const FIELD_TYPES: Record<string, string> = {
	ID: 'integer',
	DEAL_ID: 'integer',
	BASED_ID: 'integer',
	COUNTER_REPEAT: 'integer',
	LIMIT_REPEAT: 'integer',
	CATEGORY_ID: 'integer',
	NEXT_EXECUTION: 'datetime',
	LAST_EXECUTION: 'datetime',
	START_DATE: 'datetime',
	LIMIT_DATE: 'datetime',
	ACTIVE: 'string',
	IS_LIMIT: 'string',
};

const resolve: Resolver<Record<string, unknown>> = (name) =>
	FIELD_TYPES[name]
		? { def: { type: FIELD_TYPES[name], isMultiple: false }, get: (row) => row[name] }
		: undefined;

const field = (type: string, title: string, flags: Partial<Record<string, boolean>> = {}) => ({
	type,
	isRequired: false,
	isReadOnly: false,
	isImmutable: false,
	isMultiple: false,
	isDynamic: false,
	...flags,
	title,
});

/** crm.deal.recurring.fields, as its page shows it. */
const FIELDS = {
	ID: field('integer', 'id', { isReadOnly: true }),
	DEAL_ID: field('integer', 'id of the recurring deal', { isRequired: true, isImmutable: true }),
	BASED_ID: field('integer', 'Created based on', { isReadOnly: true }),
	ACTIVE: field('char', 'Active'),
	NEXT_EXECUTION: field('datetime', 'Next execution date', { isReadOnly: true }),
	LAST_EXECUTION: field('datetime', 'Last execution date', { isReadOnly: true }),
	COUNTER_REPEAT: field('integer', 'Number of executions', { isReadOnly: true }),
	START_DATE: field('date', 'Start date for calculation'),
	CATEGORY_ID: field('char', 'Category of the new deal'),
	IS_LIMIT: field('char', 'Type of execution limits'),
	LIMIT_REPEAT: field('integer', 'Limit on the number of executions'),
	LIMIT_DATE: field('date', 'Limit by date'),
	PARAMS: {
		...field('recurring_params', 'Parameters for calculating the next execution date'),
		definition: Object.fromEntries(
			PARAM_KEYS.map(([key, type, title]) => [key, field(type, title)]),
		),
	},
};

export const methods: MethodDef[] = [
	{
		name: 'crm.deal.recurring.add',
		scope: 'crm',
		handler: (ctx) => {
			const fields = fieldsOf(ctx);
			const store = ctx.portal.store;
			const state = recurringState(store);
			const dealId = phpInt(fields.DEAL_ID ?? 0);
			if (dealId <= 0) throw crmError('Deal id is empty.');
			if (!store.get(2, dealId)) throw crmError('Access denied.');
			if ([...state.settings.values()].some((s) => s.DEAL_ID === dealId))
				throw crmError('Deal already has recurring settings.');
			const template = store.create(2, copyOf(store, dealId), ctx.auth.userId);
			const settings: Settings = {
				ID: state.nextId++,
				DEAL_ID: template,
				BASED_ID: dealId,
				ACTIVE: 'Y',
				CATEGORY_ID: phpInt(store.get(2, dealId)?.CATEGORY_ID ?? 0),
				IS_LIMIT: 'N',
				COUNTER_REPEAT: 0,
				LIMIT_REPEAT: null,
				LIMIT_DATE: '',
				START_DATE: isoDate(Date.now()).slice(0, 10) + 'T00:00:00+03:00',
				LAST_EXECUTION: '',
				PARAMS: Object.fromEntries(
					PARAM_KEYS.map(([key, type]) => [key, type === 'integer' ? 0 : null]),
				),
			};
			applyFields(settings, fields);
			state.settings.set(settings.ID, settings);
			return { result: settings.ID };
		},
	},
	{
		name: 'crm.deal.recurring.get',
		scope: 'crm',
		handler: (ctx) => ({ result: view(settingsOf(ctx)) }),
	},
	{
		name: 'crm.deal.recurring.update',
		scope: 'crm',
		handler: (ctx) => {
			const settings = settingsOf(ctx);
			applyFields(settings, fieldsOf(ctx));
			return { result: true };
		},
	},
	{
		name: 'crm.deal.recurring.delete',
		scope: 'crm',
		handler: (ctx) => {
			const settings = settingsOf(ctx);
			if (ctx.portal.store.get(2, settings.DEAL_ID))
				throw crmError('Deleting is impossible. Connected recurring deal exists.');
			recurringState(ctx.portal.store).settings.delete(settings.ID);
			return { result: true };
		},
	},
	{
		name: 'crm.deal.recurring.expose',
		scope: 'crm',
		handler: (ctx) => {
			const settings = settingsOf(ctx);
			const store = ctx.portal.store;
			const input = copyOf(store, settings.DEAL_ID, settings.CATEGORY_ID);
			const dealId = store.create(2, input, ctx.auth.userId);
			settings.COUNTER_REPEAT += 1;
			settings.LAST_EXECUTION = isoDate(Date.now());
			return { result: { DEAL_ID: dealId } };
		},
	},
	{
		name: 'crm.deal.recurring.list',
		scope: 'crm',
		handler: (ctx) => {
			const filter = param(ctx.params, 'filter');
			const order = param(ctx.params, 'order');
			if (filter !== undefined && !isObject(filter))
				throw crmError("Parameter 'filter' must be array.");
			if (order !== undefined && !isObject(order))
				throw crmError("Parameter 'order' must be array.");
			const all = [...recurringState(ctx.portal.store).settings.values()].map(view);
			const rows = applyOrder(applyFilter(all, filter, resolve), order, resolve, (row) =>
				Number(row.ID),
			);
			const page = paginate(rows, param(ctx.params, 'start'));
			const byId = recurringState(ctx.portal.store).settings;
			return {
				result: page.items.map((row) => listView(byId.get(Number(row.ID)) as Settings)),
				total: page.total,
				next: page.next,
			};
		},
	},
	{ name: 'crm.deal.recurring.fields', scope: 'crm', handler: () => ({ result: FIELDS }) },
];
