/**
 * CRM requisites (scope `crm`) as bitrix24/b24restdocs api-reference/crm/requisites/ describes them:
 * universal/crm-requisite-{add,get,update,delete,list}.md, presets/crm-requisite-preset-list.md,
 * bank-detail/crm-requisite-bank-detail-{add,get,update,delete,list}.md and
 * addresses/crm-address-{add,update,delete,list}.md (types: auxiliary/enum/crm-enum-address-type.md).
 * Old-API style: errors have the empty code with HTTP 400, every value comes back as a string or null.
 * Access rights are not modelled (the calling user may do everything).
 */
import { crmError, isoDate } from '../envelope';
import { ENTITY } from '../entities';
import { applyFilter, applyOrder, paginate, Resolver } from '../filter';
import { isObject } from '../php-query';
import { CallContext, MethodDef, MethodResult, param } from '../registry';
import type { Store } from '../store';

export type RecordRow = Record<string, string | null>;

export interface Preset {
	ID: number;
	ENTITY_TYPE_ID: number;
	COUNTRY_ID: number;
	NAME: string;
	ACTIVE: 'Y' | 'N';
	SORT: number;
}

export interface RequisitesState {
	presets: Preset[];
	requisites: Map<number, RecordRow>;
	bankDetails: Map<number, RecordRow>;
	addresses: RecordRow[];
	nextRequisite: number;
	nextBankDetail: number;
}

/** The presets a new portal has (the docs' example of crm.requisite.preset.list), plus an inactive one. */
export const SEED_PRESETS: Preset[] = [
	{ ID: 1, ENTITY_TYPE_ID: 8, COUNTRY_ID: 1, NAME: 'Organization', ACTIVE: 'Y', SORT: 500 },
	{ ID: 2, ENTITY_TYPE_ID: 8, COUNTRY_ID: 1, NAME: 'Sole Proprietorship', ACTIVE: 'Y', SORT: 500 },
	{ ID: 3, ENTITY_TYPE_ID: 8, COUNTRY_ID: 1, NAME: 'Individual', ACTIVE: 'Y', SORT: 500 },
	{ ID: 4, ENTITY_TYPE_ID: 8, COUNTRY_ID: 1, NAME: 'Old template', ACTIVE: 'N', SORT: 600 },
];

export function requisitesState(store: Store): RequisitesState {
	return store.area<RequisitesState>('requisites', () => ({
		presets: SEED_PRESETS.map((preset) => ({ ...preset })),
		requisites: new Map(),
		bankDetails: new Map(),
		addresses: [],
		nextRequisite: 1,
		nextBankDetail: 1,
	}));
}

const REQUISITE_EDITABLE = [
	'NAME',
	'CODE',
	'XML_ID',
	'ORIGINATOR_ID',
	'ACTIVE',
	'ADDRESS_ONLY',
	'SORT',
	'PRESET_ID',
	...[
		'NAME',
		'FIRST_NAME',
		'LAST_NAME',
		'SECOND_NAME',
		'COMPANY_ID',
		'COMPANY_NAME',
		'COMPANY_FULL_NAME',
		'COMPANY_REG_DATE',
		'DIRECTOR',
		'ACCOUNTANT',
		'CEO_NAME',
		'CEO_WORK_POS',
		'CONTACT',
		'EMAIL',
		'PHONE',
		'FAX',
		'IDENT_TYPE',
		'IDENT_DOC',
		'INN',
		'KPP',
		'USRLE',
		'IFNS',
		'OGRN',
		'OGRNIP',
		'OKPO',
		'OKTMO',
		'OKVED',
		'EDRPOU',
		'DRFO',
		'KBE',
		'IIN',
		'BIN',
		'VAT_PAYER',
		'VAT_ID',
		'RESIDENCE_COUNTRY',
		'BASE_DOC',
	].map((name) => `RQ_${name}`),
];
const REQUISITE_FIELDS = [
	'ID',
	'ENTITY_TYPE_ID',
	'ENTITY_ID',
	'DATE_CREATE',
	'DATE_MODIFY',
	'CREATED_BY_ID',
	'MODIFY_BY_ID',
	...REQUISITE_EDITABLE,
];
const BANK_EDITABLE = [
	'NAME',
	'CODE',
	'XML_ID',
	'ORIGINATOR_ID',
	'ACTIVE',
	'SORT',
	'COUNTRY_ID',
	'COMMENTS',
	...[
		'BANK_NAME',
		'BANK_ADDR',
		'BANK_CODE',
		'BANK_ROUTE_NUM',
		'BIK',
		'CODEB',
		'CODEG',
		'RIB',
		'MFO',
		'ACC_NAME',
		'ACC_NUM',
		'ACC_TYPE',
		'AGENCY_NAME',
		'IIK',
		'ACC_CURRENCY',
		'COR_ACC_NUM',
		'IBAN',
		'SWIFT',
		'BIC',
	].map((name) => `RQ_${name}`),
];
const BANK_FIELDS = [
	'ID',
	'ENTITY_TYPE_ID',
	'ENTITY_ID',
	'DATE_CREATE',
	'DATE_MODIFY',
	'CREATED_BY_ID',
	'MODIFY_BY_ID',
	...BANK_EDITABLE,
];
const ADDRESS_EDITABLE = [
	'ADDRESS_1',
	'ADDRESS_2',
	'CITY',
	'POSTAL_CODE',
	'REGION',
	'PROVINCE',
	'COUNTRY',
	'COUNTRY_CODE',
	'LOC_ADDR_ID',
];
const ADDRESS_FIELDS = [
	'TYPE_ID',
	'ENTITY_TYPE_ID',
	'ENTITY_ID',
	...ADDRESS_EDITABLE,
	'ANCHOR_TYPE_ID',
	'ANCHOR_ID',
];
const NUMERIC = new Set([
	'ID',
	'ENTITY_TYPE_ID',
	'ENTITY_ID',
	'PRESET_ID',
	'SORT',
	'CREATED_BY_ID',
	'MODIFY_BY_ID',
	'COUNTRY_ID',
	'TYPE_ID',
	'ANCHOR_TYPE_ID',
	'ANCHOR_ID',
	'LOC_ADDR_ID',
]);
const DATES = new Set(['DATE_CREATE', 'DATE_MODIFY']);
/** crm.enum.addresstype */
export const ADDRESS_TYPES = [1, 4, 6, 8, 9, 11];
/** Owners an address may have: a requisite or a lead (the old company/contact mode is not modelled). */
const ADDRESS_OWNERS = [8, ENTITY.LEAD];
const REQUISITE_OWNERS: number[] = [ENTITY.CONTACT, ENTITY.COMPANY];

function fieldsParam(ctx: CallContext): Record<string, unknown> {
	const fields = param(ctx.params, 'fields');
	return isObject(fields) ? (fields as Record<string, unknown>) : {};
}

function get(fields: Record<string, unknown>, name: string): unknown {
	for (const [key, value] of Object.entries(fields)) if (key.toUpperCase() === name) return value;
	return undefined;
}

function text(value: unknown): string | null {
	if (value === undefined || value === null) return null;
	if (typeof value === 'boolean') return value ? 'Y' : 'N';
	return String(value);
}

function positive(value: unknown): number {
	const n =
		typeof value === 'number' ? value : /^\s*\d+\s*$/.test(String(value ?? '')) ? Number(value) : 0;
	return Number.isInteger(n) && n > 0 ? n : 0;
}

/** The writable fields given, as strings. */
function take(row: RecordRow, fields: Record<string, unknown>, editable: string[]): void {
	for (const name of editable) {
		const value = get(fields, name);
		if (value !== undefined) row[name] = text(value);
	}
}

function blank(names: string[]): RecordRow {
	return Object.fromEntries(names.map((name) => [name, null]));
}

function resolver(names: string[]): Resolver<RecordRow> {
	return (name) => {
		const upper = name.toUpperCase();
		if (!names.includes(upper)) return undefined;
		const type = NUMERIC.has(upper) ? 'integer' : DATES.has(upper) ? 'datetime' : 'string';
		return { def: { type }, get: (row) => row[upper] };
	};
}

function selected(row: RecordRow, select: unknown): RecordRow {
	const names = (Array.isArray(select) ? select : isObject(select) ? Object.values(select) : [])
		.map((name) => String(name).toUpperCase())
		.filter((name) => name !== '*' && name in row);
	return names.length ? Object.fromEntries(names.map((name) => [name, row[name]])) : { ...row };
}

/** list(select, filter, order, start) over rows, 50 a page. */
function list(
	ctx: CallContext,
	rows: RecordRow[],
	names: string[],
	idOf: (row: RecordRow) => number,
): MethodResult {
	const resolve = resolver(names);
	const filtered = applyFilter(rows, param(ctx.params, 'filter'), resolve);
	const ordered = applyOrder(filtered, param(ctx.params, 'order'), resolve, idOf);
	const page = paginate(ordered, param(ctx.params, 'start'));
	const select = param(ctx.params, 'select');
	return {
		result: page.items.map((row) => selected(row, select)),
		total: page.total,
		next: page.next,
	};
}

function ownerExists(store: Store, entityTypeId: number, entityId: number): boolean {
	return !!store.table(entityTypeId)?.rows.has(entityId);
}

function findRequisite(ctx: CallContext): RecordRow {
	const id = positive(param(ctx.params, 'id'));
	if (!id) throw crmError('ID is not defined or invalid.');
	const row = requisitesState(ctx.portal.store).requisites.get(id);
	if (!row) throw crmError(`The Requisite with ID '${id}' is not found`);
	return row;
}

function findBankDetail(ctx: CallContext): RecordRow {
	const id = positive(param(ctx.params, 'id'));
	if (!id) throw crmError('ID is not defined or invalid.');
	const row = requisitesState(ctx.portal.store).bankDetails.get(id);
	if (!row) throw crmError(`The RequisiteBankDetail with ID '${id}' is not found`);
	return row;
}

function checkPreset(st: RequisitesState, value: unknown): void {
	const id = positive(value);
	if (!st.presets.some((preset) => preset.ID === id))
		throw crmError('PRESET_ID is not defined or invalid.');
}

function stamp(ctx: CallContext, row: RecordRow, created: boolean): void {
	const now = isoDate(Date.now());
	if (created) {
		row.DATE_CREATE = now;
		row.DATE_MODIFY = '';
		row.CREATED_BY_ID = String(ctx.auth.userId);
	} else {
		row.DATE_MODIFY = now;
		row.MODIFY_BY_ID = String(ctx.auth.userId);
	}
}

/** The docs mark NAME required for requisites and bank details without an error text: this one's ours. */
function requireName(fields: Record<string, unknown>): void {
	if (!text(get(fields, 'NAME'))) throw crmError('NAME is not defined or invalid.');
}

// ---------------------------------------------------------------- addresses

function addressKey(ctx: CallContext): { typeId: number; entityTypeId: number; entityId: number } {
	const fields = fieldsParam(ctx);
	const typeId = positive(get(fields, 'TYPE_ID'));
	if (!ADDRESS_TYPES.includes(typeId)) throw crmError('TYPE_ID is not defined or invalid.');
	const entityTypeId = positive(get(fields, 'ENTITY_TYPE_ID'));
	if (!ADDRESS_OWNERS.includes(entityTypeId))
		throw crmError('ENTITY_TYPE_ID is not defined or invalid.');
	const entityId = positive(get(fields, 'ENTITY_ID'));
	const st = requisitesState(ctx.portal.store);
	const exists =
		entityTypeId === 8
			? st.requisites.has(entityId)
			: ownerExists(ctx.portal.store, entityTypeId, entityId);
	if (!entityId || !exists) throw crmError('ENTITY_ID is not defined or invalid.');
	return { typeId, entityTypeId, entityId };
}

function findAddress(
	st: RequisitesState,
	key: ReturnType<typeof addressKey>,
): RecordRow | undefined {
	return st.addresses.find(
		(row) =>
			row.TYPE_ID === String(key.typeId) &&
			row.ENTITY_TYPE_ID === String(key.entityTypeId) &&
			row.ENTITY_ID === String(key.entityId),
	);
}

/** An address's anchor is the company or contact its requisite belongs to (a lead is its own). */
function anchorOf(st: RequisitesState, entityTypeId: number, entityId: number): [string, string] {
	if (entityTypeId !== 8) return [String(entityTypeId), String(entityId)];
	const requisite = st.requisites.get(entityId);
	return [String(requisite?.ENTITY_TYPE_ID), String(requisite?.ENTITY_ID)];
}

const addressOrder = (st: RequisitesState) => (row: RecordRow) => st.addresses.indexOf(row);

// ---------------------------------------------------------------- methods

export const methods: MethodDef[] = [
	{
		name: 'crm.requisite.preset.list',
		scope: 'crm',
		handler: (ctx) => {
			const st = requisitesState(ctx.portal.store);
			const rows: RecordRow[] = st.presets.map((preset) => ({
				ID: String(preset.ID),
				ENTITY_TYPE_ID: String(preset.ENTITY_TYPE_ID),
				COUNTRY_ID: String(preset.COUNTRY_ID),
				NAME: preset.NAME,
				ACTIVE: preset.ACTIVE,
				SORT: String(preset.SORT),
			}));
			return list(
				ctx,
				rows,
				['ID', 'ENTITY_TYPE_ID', 'COUNTRY_ID', 'NAME', 'ACTIVE', 'SORT'],
				(row) => Number(row.ID),
			);
		},
	},
	{
		name: 'crm.requisite.add',
		scope: 'crm',
		handler: (ctx) => {
			const st = requisitesState(ctx.portal.store);
			const fields = fieldsParam(ctx);
			const entityTypeId = positive(get(fields, 'ENTITY_TYPE_ID'));
			if (!REQUISITE_OWNERS.includes(entityTypeId))
				throw crmError('ENTITY_TYPE_ID is not defined or invalid.');
			const entityId = positive(get(fields, 'ENTITY_ID'));
			if (!entityId) throw crmError('ENTITY_ID is not defined or invalid.');
			checkPreset(st, get(fields, 'PRESET_ID'));
			requireName(fields);
			if (!ownerExists(ctx.portal.store, entityTypeId, entityId))
				throw crmError('Entity not found.');
			const id = st.nextRequisite++;
			const row: RecordRow = {
				...blank(REQUISITE_FIELDS),
				ID: String(id),
				ENTITY_TYPE_ID: String(entityTypeId),
				ENTITY_ID: String(entityId),
				ACTIVE: 'Y',
				ADDRESS_ONLY: 'N',
				SORT: '500',
			};
			take(row, fields, REQUISITE_EDITABLE);
			stamp(ctx, row, true);
			st.requisites.set(id, row);
			return { result: id };
		},
	},
	{
		name: 'crm.requisite.get',
		scope: 'crm',
		handler: (ctx) => ({ result: { ...findRequisite(ctx) } }),
	},
	{
		name: 'crm.requisite.update',
		scope: 'crm',
		handler: (ctx) => {
			const st = requisitesState(ctx.portal.store);
			const row = findRequisite(ctx);
			const fields = fieldsParam(ctx);
			if (get(fields, 'PRESET_ID') !== undefined) checkPreset(st, get(fields, 'PRESET_ID'));
			if (get(fields, 'NAME') !== undefined) requireName(fields);
			take(row, fields, REQUISITE_EDITABLE);
			stamp(ctx, row, false);
			return { result: true };
		},
	},
	{
		name: 'crm.requisite.delete',
		scope: 'crm',
		handler: (ctx) => {
			const row = findRequisite(ctx);
			requisitesState(ctx.portal.store).requisites.delete(Number(row.ID));
			return { result: true };
		},
	},
	{
		name: 'crm.requisite.list',
		scope: 'crm',
		handler: (ctx) =>
			list(
				ctx,
				[...requisitesState(ctx.portal.store).requisites.values()],
				REQUISITE_FIELDS,
				(row) => Number(row.ID),
			),
	},
	{
		name: 'crm.requisite.bankdetail.add',
		scope: 'crm',
		handler: (ctx) => {
			const st = requisitesState(ctx.portal.store);
			const fields = fieldsParam(ctx);
			const requisiteId = positive(get(fields, 'ENTITY_ID'));
			const requisite = st.requisites.get(requisiteId);
			if (!requisite) throw crmError('ENTITY_ID is not defined or invalid.');
			requireName(fields);
			const preset = st.presets.find((p) => String(p.ID) === requisite.PRESET_ID);
			const id = st.nextBankDetail++;
			const row: RecordRow = {
				...blank(BANK_FIELDS),
				ID: String(id),
				ENTITY_TYPE_ID: '8',
				ENTITY_ID: String(requisiteId),
				COUNTRY_ID: preset ? String(preset.COUNTRY_ID) : null,
				ACTIVE: 'Y',
				SORT: '500',
			};
			take(row, fields, BANK_EDITABLE);
			stamp(ctx, row, true);
			st.bankDetails.set(id, row);
			return { result: id };
		},
	},
	{
		name: 'crm.requisite.bankdetail.get',
		scope: 'crm',
		handler: (ctx) => ({ result: { ...findBankDetail(ctx) } }),
	},
	{
		name: 'crm.requisite.bankdetail.update',
		scope: 'crm',
		handler: (ctx) => {
			const row = findBankDetail(ctx);
			const fields = fieldsParam(ctx);
			if (get(fields, 'NAME') !== undefined) requireName(fields);
			take(row, fields, BANK_EDITABLE);
			stamp(ctx, row, false);
			return { result: true };
		},
	},
	{
		name: 'crm.requisite.bankdetail.delete',
		scope: 'crm',
		handler: (ctx) => {
			const row = findBankDetail(ctx);
			requisitesState(ctx.portal.store).bankDetails.delete(Number(row.ID));
			return { result: true };
		},
	},
	{
		name: 'crm.requisite.bankdetail.list',
		scope: 'crm',
		handler: (ctx) =>
			list(ctx, [...requisitesState(ctx.portal.store).bankDetails.values()], BANK_FIELDS, (row) =>
				Number(row.ID),
			),
	},
	{
		name: 'crm.address.add',
		scope: 'crm',
		handler: (ctx) => {
			const st = requisitesState(ctx.portal.store);
			const key = addressKey(ctx);
			if (findAddress(st, key)) throw crmError('TypeAddress exists');
			const [anchorType, anchorId] = anchorOf(st, key.entityTypeId, key.entityId);
			const row: RecordRow = {
				...blank(ADDRESS_FIELDS),
				TYPE_ID: String(key.typeId),
				ENTITY_TYPE_ID: String(key.entityTypeId),
				ENTITY_ID: String(key.entityId),
				ANCHOR_TYPE_ID: anchorType,
				ANCHOR_ID: anchorId,
			};
			take(row, fieldsParam(ctx), ADDRESS_EDITABLE);
			st.addresses.push(row);
			return { result: true };
		},
	},
	{
		name: 'crm.address.update',
		scope: 'crm',
		handler: (ctx) => {
			const row = findAddress(requisitesState(ctx.portal.store), addressKey(ctx));
			if (!row) throw crmError('TypeAddress not found.');
			take(row, fieldsParam(ctx), ADDRESS_EDITABLE);
			return { result: true };
		},
	},
	{
		name: 'crm.address.delete',
		scope: 'crm',
		handler: (ctx) => {
			const st = requisitesState(ctx.portal.store);
			const row = findAddress(st, addressKey(ctx));
			if (!row) throw crmError('TypeAddress not found.');
			st.addresses.splice(st.addresses.indexOf(row), 1);
			return { result: true };
		},
	},
	{
		name: 'crm.address.list',
		scope: 'crm',
		handler: (ctx) => {
			const st = requisitesState(ctx.portal.store);
			return list(ctx, st.addresses, ADDRESS_FIELDS, addressOrder(st));
		},
	},
];
