/**
 * Custom fields and types as data: crm.{deal|lead|contact|company}.userfield.*,
 * crm.userfield.types, crm.type.add/update/delete and crm.currency.get, as b24restdocs describes
 * them (api-reference/crm/deals/user-defined-fields/, leads/userfield/, contacts/userfield/,
 * companies/userfields/, universal/user-defined-fields/crm-userfield-types.md,
 * universal/user-defined-object-types/, currency/crm-currency-get.md).
 *
 * A field made here is also a field of the entity's table, so crm.deal.fields and crm.deal.add see
 * it; the seed's UF fields are listed with IDs given in table order.
 */
import { crmError, isoDate, RestError } from '../envelope';
import { applyFilter, applyOrder, Resolver } from '../filter';
import { EnumItem, FieldDef, userField } from '../fields';
import { smartProcessFields } from '../entities';
import { phpInt } from '../php-query';
import { CallContext, MethodDef, MethodResult, param } from '../registry';
import type { Store } from '../store';
import { typeFlags } from './crm-type-flags';
import { methods as metaMethods } from './crm-meta';

const ENTITIES = { deal: 2, lead: 1, contact: 3, company: 4 } as const;
type EntityName = keyof typeof ENTITIES;

const LABELS = [
	'EDIT_FORM_LABEL',
	'LIST_COLUMN_LABEL',
	'LIST_FILTER_LABEL',
	'ERROR_MESSAGE',
	'HELP_MESSAGE',
] as const;
const LANGS = ['de', 'en', 'ru'];

export interface UserFieldRow {
	ID: number;
	ENTITY_ID: string;
	FIELD_NAME: string;
	USER_TYPE_ID: string;
	XML_ID: string | null;
	SORT: number;
	MULTIPLE: 'Y' | 'N';
	MANDATORY: 'Y' | 'N';
	SHOW_FILTER: string;
	SHOW_IN_LIST: 'Y' | 'N';
	EDIT_IN_LIST: 'Y' | 'N';
	IS_SEARCHABLE: 'Y' | 'N';
	SETTINGS: Record<string, unknown>;
	/** label -> language -> text */
	labels: Record<string, Record<string, string>>;
	LIST: Array<{ ID: string; SORT: string; VALUE: string; DEF: 'Y' | 'N'; XML_ID: string }>;
}

interface State {
	fields: UserFieldRow[];
	nextId: number;
	nextEnum: number;
}

const TYPES: Array<{ ID: string; title: string }> = [
	{ ID: 'string', title: 'String' },
	{ ID: 'integer', title: 'Integer' },
	{ ID: 'double', title: 'Number' },
	{ ID: 'boolean', title: 'Yes/No' },
	{ ID: 'enumeration', title: 'List' },
	{ ID: 'datetime', title: 'Date/Time' },
	{ ID: 'date', title: 'Date' },
	{ ID: 'money', title: 'Money' },
	{ ID: 'url', title: 'Link' },
	{ ID: 'address', title: 'Google Maps Address' },
	{ ID: 'file', title: 'File' },
	{ ID: 'employee', title: 'Binding to User' },
	{ ID: 'crm_status', title: 'Binding to CRM Directories' },
	{ ID: 'iblock_section', title: 'Binding to Information Block Sections' },
	{ ID: 'iblock_element', title: 'Binding to Information Block Elements' },
	{ ID: 'crm', title: 'Binding to CRM Entities' },
];

const yn = (v: unknown, fallback: 'Y' | 'N'): 'Y' | 'N' =>
	v === undefined || v === null || v === ''
		? fallback
		: v === 'Y' || v === true || v === '1'
			? 'Y'
			: 'N';

function langMap(value: unknown, fallback: string, update: boolean): Record<string, string> {
	const out: Record<string, string> = {};
	const isMap = value !== null && typeof value === 'object';
	for (const lang of LANGS) {
		if (isMap) {
			const text = (value as Record<string, unknown>)[lang];
			out[lang] = text === undefined ? (update ? '' : fallback) : String(text);
		} else out[lang] = value === undefined ? fallback : String(value);
	}
	return out;
}

/** The user fields of the four classic entities; the seed's are taken in on first use. */
export function userFieldState(store: Store): State {
	return store.area<State>('crm-userfields', () => {
		const state: State = { fields: [], nextId: 1, nextEnum: 1000 };
		for (const [name, entityTypeId] of Object.entries(ENTITIES)) {
			for (const def of store.table(entityTypeId)?.fields ?? []) {
				if (!def.isDynamic) continue;
				const label = def.label ?? def.title;
				state.fields.push({
					ID: state.nextId++,
					ENTITY_ID: `CRM_${name.toUpperCase()}`,
					FIELD_NAME: def.name,
					USER_TYPE_ID: def.type,
					XML_ID: null,
					SORT: 100,
					MULTIPLE: def.isMultiple ? 'Y' : 'N',
					MANDATORY: def.isRequired ? 'Y' : 'N',
					SHOW_FILTER: 'N',
					SHOW_IN_LIST: 'Y',
					EDIT_IN_LIST: 'Y',
					IS_SEARCHABLE: 'N',
					SETTINGS: {},
					labels: Object.fromEntries(LABELS.map((l) => [l, langMap(label, label, false)])),
					LIST: (def.items ?? []).map((item, index) => ({
						ID: item.ID,
						SORT: item.SORT ?? String((index + 1) * 10),
						VALUE: item.VALUE,
						DEF: item.DEF ?? 'N',
						XML_ID: `item${item.ID}`,
					})),
				});
			}
		}
		return state;
	});
}

function view(row: UserFieldRow, lang?: string): Record<string, unknown> {
	const out: Record<string, unknown> = {
		ID: String(row.ID),
		ENTITY_ID: row.ENTITY_ID,
		FIELD_NAME: row.FIELD_NAME,
		USER_TYPE_ID: row.USER_TYPE_ID,
		XML_ID: row.XML_ID,
		SORT: String(row.SORT),
		MULTIPLE: row.MULTIPLE,
		MANDATORY: row.MANDATORY,
		SHOW_FILTER: row.SHOW_FILTER,
		SHOW_IN_LIST: row.SHOW_IN_LIST,
		EDIT_IN_LIST: row.EDIT_IN_LIST,
		IS_SEARCHABLE: row.IS_SEARCHABLE,
		SETTINGS: row.SETTINGS,
	};
	// get answers every label as a lang_map; list answers them as strings only with filter.LANG
	for (const label of LABELS) {
		if (lang === undefined) out[label] = row.labels[label];
		else if (lang !== '') out[label] = row.labels[label]?.[lang] ?? null;
	}
	if (row.USER_TYPE_ID === 'enumeration') out.LIST = row.LIST;
	return out;
}

function syncTable(store: Store, entityTypeId: number, row: UserFieldRow): void {
	const table = store.table(entityTypeId);
	if (!table) return;
	const items: EnumItem[] = row.LIST.map((i) => ({
		ID: i.ID,
		VALUE: i.VALUE,
		DEF: i.DEF,
		SORT: i.SORT,
	}));
	const existing = table.byName.get(row.FIELD_NAME);
	const label = row.labels.EDIT_FORM_LABEL?.en ?? row.FIELD_NAME;
	if (existing) {
		existing.isRequired = row.MANDATORY === 'Y';
		existing.label = label;
		if (row.USER_TYPE_ID === 'enumeration') existing.items = items;
		return;
	}
	const def: FieldDef = userField(row.FIELD_NAME, row.USER_TYPE_ID, label, {
		isMultiple: row.MULTIPLE === 'Y',
		isRequired: row.MANDATORY === 'Y',
		...(row.USER_TYPE_ID === 'enumeration' ? { items } : {}),
	});
	store.addField(entityTypeId, def);
}

function removeFromTable(store: Store, entityTypeId: number, name: string): void {
	const table = store.table(entityTypeId);
	const def = table?.byName.get(name);
	if (!table || !def) return;
	table.fields = table.fields.filter((f) => f !== def);
	table.byName.delete(def.name);
	table.byCamel.delete(def.camel);
	for (const row of table.rows.values()) delete row[name];
}

function applyList(state: State, row: UserFieldRow, raw: unknown, update: boolean): void {
	if (raw === undefined) return;
	const entries = Array.isArray(raw)
		? raw
		: raw && typeof raw === 'object'
			? Object.values(raw as Record<string, unknown>)
			: [];
	const list = update ? [...row.LIST] : [];
	for (const entry of entries as Array<Record<string, unknown>>) {
		if (!entry || typeof entry !== 'object') continue;
		const known = entry.ID === undefined ? undefined : list.find((i) => i.ID === String(entry.ID));
		if (known && entry.DEL === 'Y') {
			list.splice(list.indexOf(known), 1);
			continue;
		}
		const xml = entry.XML_ID === undefined ? undefined : String(entry.XML_ID);
		if (xml !== undefined && list.some((i) => i !== known && i.XML_ID === xml))
			throw new RestError(400, 'ERROR_CORE', `List item with XML_ID='${xml}' already exists`);
		if (known) {
			if (entry.VALUE !== undefined) known.VALUE = String(entry.VALUE);
			if (entry.SORT !== undefined) known.SORT = String(phpInt(entry.SORT));
			if (entry.DEF !== undefined) known.DEF = yn(entry.DEF, 'N');
			if (xml !== undefined) known.XML_ID = xml;
			continue;
		}
		if (entry.VALUE === undefined || entry.VALUE === '') continue; // ignored, as documented
		const id = String(state.nextEnum++);
		list.push({
			ID: id,
			SORT: String(entry.SORT === undefined ? 0 : phpInt(entry.SORT)),
			VALUE: String(entry.VALUE),
			DEF: yn(entry.DEF, 'N'),
			XML_ID: xml ?? `xml${id}`,
		});
	}
	if (row.MULTIPLE === 'N' && list.length && !list.some((i) => i.DEF === 'Y') && !update)
		list[0].DEF = 'Y';
	row.LIST = list;
}

function fieldsOf(ctx: CallContext): Record<string, unknown> {
	const fields = param(ctx.params, 'fields');
	if (!fields || typeof fields !== 'object' || Array.isArray(fields))
		throw crmError("Parameter 'fields' must be array.");
	return fields as Record<string, unknown>;
}

function fieldOf(ctx: CallContext, entity: EntityName): UserFieldRow {
	const id = phpInt(param(ctx.params, 'id') ?? 0);
	if (!(id > 0)) throw crmError('ID is not defined or invalid.');
	const row = userFieldState(ctx.portal.store).fields.find((f) => f.ID === id);
	if (!row) throw new RestError(400, 'ERROR_NOT_FOUND', `The entity with ID '${id}' is not found.`);
	if (row.ENTITY_ID !== `CRM_${entity.toUpperCase()}`) throw crmError('Access denied.', 403);
	return row;
}

function userFieldMethods(entity: EntityName): MethodDef[] {
	const entityTypeId = ENTITIES[entity];
	const entityId = `CRM_${entity.toUpperCase()}`;
	const prefix = `crm.${entity}.userfield`;
	return [
		{
			name: `${prefix}.add`,
			scope: 'crm',
			handler: (ctx) => {
				const fields = fieldsOf(ctx);
				const state = userFieldState(ctx.portal.store);
				const code = String(fields.FIELD_NAME ?? '').trim();
				if (!code) throw crmError("The 'FIELD_NAME' field is not found.");
				const type = String(fields.USER_TYPE_ID ?? '').trim();
				if (!type) throw crmError("The 'USER_TYPE_ID' field is not found.");
				if (!TYPES.some((t) => t.ID === type))
					throw new RestError(400, 'ERROR_CORE', 'Incorrect custom type specified.');
				const upper = code.toUpperCase();
				const name = upper.startsWith('UF_CRM_')
					? upper
					: upper.startsWith('UF_')
						? `UF_CRM_${upper.slice(3)}`
						: `UF_CRM_${upper}`;
				if (!/^[A-Z0-9_]+$/.test(name))
					throw new RestError(
						400,
						'ERROR_CORE',
						'Field name contains invalid characters. Allowed characters are: A-Z, 0-9 and _.',
					);
				if (name.length > 50)
					throw new RestError(
						400,
						'ERROR_CORE',
						'Field name is too long (more than 50 characters).',
					);
				if (state.fields.some((f) => f.ENTITY_ID === entityId && f.FIELD_NAME === name))
					// not in the docs' error table: the core refuses a second field of the same name
					throw new RestError(400, 'ERROR_CORE', `Field ${name} already exists.`);
				const label = fields.LABEL === undefined ? '' : String(fields.LABEL);
				const multiple = type === 'boolean' ? 'N' : yn(fields.MULTIPLE, 'N');
				const row: UserFieldRow = {
					ID: state.nextId++,
					ENTITY_ID: entityId,
					FIELD_NAME: name,
					USER_TYPE_ID: type,
					XML_ID: fields.XML_ID === undefined ? null : String(fields.XML_ID),
					SORT: fields.SORT === undefined ? 100 : phpInt(fields.SORT),
					MULTIPLE: multiple,
					MANDATORY: yn(fields.MANDATORY, 'N'),
					SHOW_FILTER: yn(fields.SHOW_FILTER, 'N') === 'Y' ? 'E' : 'N',
					SHOW_IN_LIST: yn(fields.SHOW_IN_LIST, 'N'),
					EDIT_IN_LIST: yn(fields.EDIT_IN_LIST, 'Y'),
					IS_SEARCHABLE: yn(fields.IS_SEARCHABLE, 'N'),
					SETTINGS:
						fields.SETTINGS && typeof fields.SETTINGS === 'object'
							? { ...(fields.SETTINGS as Record<string, unknown>) }
							: {},
					labels: Object.fromEntries(LABELS.map((l) => [l, langMap(fields[l], label, false)])),
					LIST: [],
				};
				if (type === 'enumeration') applyList(state, row, fields.LIST ?? [], false);
				state.fields.push(row);
				syncTable(ctx.portal.store, entityTypeId, row);
				return { result: row.ID };
			},
		},
		{
			name: `${prefix}.get`,
			scope: 'crm',
			handler: (ctx) => ({ result: view(fieldOf(ctx, entity)) }),
		},
		{
			name: `${prefix}.update`,
			scope: 'crm',
			handler: (ctx) => {
				const row = fieldOf(ctx, entity);
				const fields = fieldsOf(ctx);
				const state = userFieldState(ctx.portal.store);
				if (fields.MANDATORY !== undefined) row.MANDATORY = yn(fields.MANDATORY, row.MANDATORY);
				if (fields.SHOW_FILTER !== undefined)
					row.SHOW_FILTER = yn(fields.SHOW_FILTER, 'N') === 'Y' ? 'E' : 'N';
				if (fields.XML_ID !== undefined) row.XML_ID = String(fields.XML_ID);
				if (fields.SORT !== undefined) row.SORT = phpInt(fields.SORT);
				for (const key of ['SHOW_IN_LIST', 'EDIT_IN_LIST', 'IS_SEARCHABLE'] as const)
					if (fields[key] !== undefined) row[key] = yn(fields[key], row[key]);
				if (fields.SETTINGS && typeof fields.SETTINGS === 'object')
					// "The field only overwrites the passed values"
					row.SETTINGS = { ...row.SETTINGS, ...(fields.SETTINGS as Record<string, unknown>) };
				// "completely overwrites the previous value"; languages not given become ''
				for (const label of LABELS)
					if (fields[label] !== undefined) row.labels[label] = langMap(fields[label], '', true);
				if (row.USER_TYPE_ID === 'enumeration') applyList(state, row, fields.LIST, true);
				syncTable(ctx.portal.store, entityTypeId, row);
				return { result: true };
			},
		},
		{
			name: `${prefix}.delete`,
			scope: 'crm',
			handler: (ctx) => {
				const row = fieldOf(ctx, entity);
				const state = userFieldState(ctx.portal.store);
				state.fields = state.fields.filter((f) => f !== row);
				removeFromTable(ctx.portal.store, entityTypeId, row.FIELD_NAME);
				return { result: true };
			},
		},
		{
			name: `${prefix}.list`,
			scope: 'crm',
			handler: (ctx) => {
				const filter = param(ctx.params, 'filter') ?? {};
				const order = param(ctx.params, 'order') ?? { SORT: 'ASC', ID: 'ASC' };
				if (typeof filter !== 'object' || Array.isArray(filter))
					throw crmError("Parameter 'filter' must be array.");
				if (typeof order !== 'object' || Array.isArray(order))
					throw crmError("Parameter 'order' must be array.");
				const { LANG: lang, ...rest } = filter as Record<string, unknown>;
				const resolve: Resolver<UserFieldRow> = (name) => {
					const key = name.toUpperCase() as keyof UserFieldRow;
					return {
						def: { type: key === 'ID' || key === 'SORT' ? 'integer' : 'string' },
						get: (row) => row[key],
					};
				};
				const own = userFieldState(ctx.portal.store).fields.filter((f) => f.ENTITY_ID === entityId);
				const rows = applyOrder(applyFilter(own, rest, resolve), order, resolve, (f) => f.ID);
				const language = lang === undefined ? '' : String(lang);
				return { result: rows.map((r) => view(r, language)), total: rows.length };
			},
		},
	];
}

const FLAG_KEYS = [
	'isCategoriesEnabled',
	'isStagesEnabled',
	'isBeginCloseDatesEnabled',
	'isClientEnabled',
	'isUseInUserfieldEnabled',
	'isLinkWithProductsEnabled',
	'isMycompanyEnabled',
	'isDocumentsEnabled',
	'isSourceEnabled',
	'isObserversEnabled',
	'isRecyclebinEnabled',
	'isAutomationEnabled',
	'isBizProcEnabled',
	'isSetOpenPermissions',
];

/** The type as crm.type.get shows it (crm-meta.ts). */
async function typeAnswer(ctx: CallContext, id: number): Promise<MethodResult> {
	const outcome = await ctx.call('crm.type.get', { id });
	if (!outcome.ok) throw new RestError(outcome.status, outcome.error, outcome.error_description);
	return { result: outcome.result };
}

function typeFields(ctx: CallContext): Record<string, unknown> {
	const fields = ctx.params.fields;
	if (!fields || typeof fields !== 'object' || Array.isArray(fields))
		throw new RestError(400, '100', 'Could not find value for parameter {fields}');
	return fields as Record<string, unknown>;
}

function storeFlags(store: Store, id: number, fields: Record<string, unknown>): void {
	const own = (typeFlags(store).flags[id] ??= {});
	for (const key of FLAG_KEYS) if (fields[key] !== undefined) own[key] = yn(fields[key], 'N');
	if (fields.relations !== undefined) own.relations = fields.relations;
}

const typeMethods: MethodDef[] = [
	{
		name: 'crm.type.add',
		scope: 'crm',
		handler: async (ctx) => {
			const store = ctx.portal.store;
			const fields = typeFields(ctx);
			const title = String(fields.title ?? '').trim();
			// the docs give no error text for a missing title: the simplest faithful refusal
			if (!title) throw new RestError(400, 'ERROR_FIELD_REQUIRED', 'Field "title" is required');
			let entityTypeId = fields.entityTypeId === undefined ? 0 : phpInt(fields.entityTypeId);
			if (entityTypeId) {
				const valid =
					(entityTypeId >= 128 && entityTypeId <= 192) ||
					(entityTypeId >= 1030 && entityTypeId % 2 === 0);
				if (!valid || store.table(entityTypeId))
					throw new RestError(400, 'ERROR_VALUE_NOT_VALID', 'Invalid entityTypeId');
			} else {
				entityTypeId = 1030;
				while (store.table(entityTypeId)) entityTypeId += 2;
			}
			const id = Math.max(0, ...store.smartTypes.map((t) => t.id)) + 1;
			store.smartTypes.push({
				id,
				entityTypeId,
				title,
				code: '',
				createdTime: isoDate(Date.now()),
			});
			store.addEntityType(
				{ entityTypeId, eventPrefix: 'ONCRMDYNAMICITEM', title, typeId: id },
				smartProcessFields(entityTypeId),
			);
			const categoryId = Math.max(0, ...store.categories.map((c) => c.id)) + 1;
			store.categories.push({
				id: categoryId,
				name: 'General',
				sort: 100,
				entityTypeId,
				isDefault: 'Y',
			});
			storeFlags(store, id, fields);
			return typeAnswer(ctx, id);
		},
	},
	{
		name: 'crm.type.update',
		scope: 'crm',
		handler: async (ctx) => {
			const id = phpInt(ctx.params.id ?? 0);
			const type = ctx.portal.store.smartTypes.find((t) => t.id === id);
			if (!type) throw new RestError(400, 'NOT_FOUND', 'SPA not found');
			const fields = ctx.params.fields;
			if (fields && typeof fields === 'object' && !Array.isArray(fields)) {
				const f = fields as Record<string, unknown>;
				if (f.title !== undefined && String(f.title).trim()) {
					type.title = String(f.title);
					const table = ctx.portal.store.table(type.entityTypeId);
					if (table) table.info.title = type.title;
				}
				storeFlags(ctx.portal.store, id, f);
			}
			return typeAnswer(ctx, id);
		},
	},
	{
		name: 'crm.type.delete',
		scope: 'crm',
		handler: (ctx) => {
			const store = ctx.portal.store;
			if (ctx.params.id === undefined) return { result: null }; // as documented
			const id = phpInt(ctx.params.id);
			const type = store.smartTypes.find((t) => t.id === id);
			if (!type) throw new RestError(400, '0', 'Smart process not found');
			if ((store.table(type.entityTypeId)?.rows.size ?? 0) > 0)
				throw new RestError(400, 'BX_ERROR', 'You cannot delete an entity type that has elements');
			store.smartTypes = store.smartTypes.filter((t) => t !== type);
			store.tables.delete(type.entityTypeId);
			store.categories = store.categories.filter((c) => c.entityTypeId !== type.entityTypeId);
			return { result: [] };
		},
	},
];

const currencyList = metaMethods.find((m) => m.name === 'crm.currency.list');

export const methods: MethodDef[] = [
	...(Object.keys(ENTITIES) as EntityName[]).flatMap(userFieldMethods),
	{ name: 'crm.userfield.types', scope: 'crm', handler: () => ({ result: TYPES }) },
	...typeMethods,
	{
		name: 'crm.currency.get',
		scope: 'crm',
		handler: async (ctx) => {
			// the same currencies crm.currency.list (crm-meta.ts) lists
			const all = currencyList ? (await currencyList.handler(ctx)).result : [];
			const code = String(param(ctx.params, 'id') ?? '');
			const row = (all as Array<Record<string, unknown>>).find((c) => c.CURRENCY === code);
			if (!row) throw crmError('Not found');
			return {
				result: {
					...row,
					LANG: { en: { FULL_NAME: row.FULL_NAME, FORMAT_STRING: row.FORMAT_STRING } },
				},
			};
		},
	},
];
