/**
 * Duplicates and links between CRM records:
 * - crm.duplicate.findbycomm (api-reference/crm/duplicates/crm-duplicate-find-by-comm.md)
 * - crm.deal.contact.*, crm.lead.contact.* (api-reference/crm/deals/contacts/,
 *   api-reference/crm/leads/management-communication/): contacts of a deal / lead;
 * - crm.quote.contact.* (api-reference/crm/quote/contacts/): contacts of a quote (crm.item type 7,
 *   whose table exists only when the type is registered in the store; its CONTACT_ID follows the
 *   primary link when the table has that field). Unlike the others, items.get does not check the
 *   quote exists: an unknown id answers [] (crm-quote-contact-items-get.md);
 * - crm.contact.company.* (api-reference/crm/contacts/company/): companies of a contact;
 * - crm.company.contact.* (api-reference/crm/companies/contacts/): contacts of a company.
 * Each relation has add, delete, items.get, items.set, items.delete. The contact-company
 * relation is one set of links seen from both sides (each side keeps its own sort and primary).
 * The record's own field follows its primary link, as the CRM keeps it: a deal's CONTACT_ID, a
 * contact's COMPANY_ID; a value set there later is taken in as the primary link.
 */
import { crmError } from '../envelope';
import { FmEntry } from '../fields';
import { isObject, phpInt } from '../php-query';
import { CallContext, MethodDef, param } from '../registry';
import type { Store } from '../store';

const LEAD = 1;
const DEAL = 2;
const CONTACT = 3;
const COMPANY = 4;
const QUOTE = 7;

interface Binding {
	id: number;
	SORT: number;
	IS_PRIMARY: 'Y' | 'N';
}

interface Relation {
	/** crm.<owner>.<target> */
	owner: string;
	target: string;
	ownerType: number;
	targetType: number;
	/** key of the bound record in items and fields: CONTACT_ID / COMPANY_ID */
	key: string;
	/** the owner row's field that follows the primary link */
	rowField?: string;
	/** the same links seen from the other side */
	mirror?: string;
	/** items.get answers [] for an unknown owner instead of "Not found." */
	getUnchecked?: boolean;
}

const RELATIONS: Relation[] = [
	{
		owner: 'deal',
		target: 'contact',
		ownerType: DEAL,
		targetType: CONTACT,
		key: 'CONTACT_ID',
		rowField: 'CONTACT_ID',
	},
	{
		owner: 'lead',
		target: 'contact',
		ownerType: LEAD,
		targetType: CONTACT,
		key: 'CONTACT_ID',
		rowField: 'CONTACT_ID',
	},
	{
		owner: 'quote',
		target: 'contact',
		ownerType: QUOTE,
		targetType: CONTACT,
		key: 'CONTACT_ID',
		rowField: 'CONTACT_ID',
		getUnchecked: true,
	},
	{
		owner: 'contact',
		target: 'company',
		ownerType: CONTACT,
		targetType: COMPANY,
		key: 'COMPANY_ID',
		rowField: 'COMPANY_ID',
		mirror: 'company.contact',
	},
	{
		owner: 'company',
		target: 'contact',
		ownerType: COMPANY,
		targetType: CONTACT,
		key: 'CONTACT_ID',
		mirror: 'contact.company',
	},
];

const nameOf = (r: Relation): string => `${r.owner}.${r.target}`;
const relation = (name: string): Relation => RELATIONS.find((r) => nameOf(r) === name)!;

type Links = Map<string, Map<number, Binding[]>>;

/** The links, first made from the seeded rows' fields (deals' CONTACT_ID, contacts' COMPANY_ID). */
function linksOf(store: Store): Links {
	return store.area<Links>('crm-links', () => {
		const links: Links = new Map(RELATIONS.map((r) => [nameOf(r), new Map<number, Binding[]>()]));
		for (const r of RELATIONS) {
			if (!r.rowField) continue;
			for (const row of store.table(r.ownerType)?.rows.values() ?? []) {
				const id = Number(row[r.rowField] ?? 0);
				if (id > 0) bind(store, links, r, Number(row.ID), id, { primary: true });
			}
		}
		return links;
	});
}

function listOf(links: Links, r: Relation, ownerId: number): Binding[] {
	const byOwner = links.get(nameOf(r))!;
	if (!byOwner.has(ownerId)) byOwner.set(ownerId, []);
	return byOwner.get(ownerId)!;
}

function normalize(store: Store, r: Relation, ownerId: number, list: Binding[]): void {
	list.sort((a, b) => a.SORT - b.SORT);
	const primary = list.find((b) => b.IS_PRIMARY === 'Y') ?? list[0];
	for (const b of list) b.IS_PRIMARY = b === primary ? 'Y' : 'N';
	const row = store.get(r.ownerType, ownerId);
	if (row && r.rowField && store.table(r.ownerType)?.byName.has(r.rowField))
		row[r.rowField] = primary ? primary.id : null;
}

function bind(
	store: Store,
	links: Links,
	r: Relation,
	ownerId: number,
	id: number,
	o: { primary?: boolean; sort?: number },
	mirrored = false,
): boolean {
	const list = listOf(links, r, ownerId);
	if (list.some((b) => b.id === id)) return false;
	const sort = o.sort ?? (list.length ? Math.max(...list.map((b) => b.SORT)) + 10 : 10);
	if (o.primary) for (const b of list) b.IS_PRIMARY = 'N';
	list.push({
		id,
		SORT: sort,
		IS_PRIMARY: o.primary || !list.some((b) => b.IS_PRIMARY === 'Y') ? 'Y' : 'N',
	});
	normalize(store, r, ownerId, list);
	if (r.mirror && !mirrored) bind(store, links, relation(r.mirror), id, ownerId, {}, true);
	return true;
}

function unbind(
	store: Store,
	links: Links,
	r: Relation,
	ownerId: number,
	id: number,
	mirrored = false,
): boolean {
	const list = listOf(links, r, ownerId);
	const index = list.findIndex((b) => b.id === id);
	if (index === -1) return false;
	list.splice(index, 1);
	normalize(store, r, ownerId, list);
	if (r.mirror && !mirrored) unbind(store, links, relation(r.mirror), id, ownerId, true);
	return true;
}

/** A value written to the owner's field since (crm.deal.update CONTACT_ID ...) becomes its primary link. */
function sync(store: Store, links: Links, r: Relation, ownerId: number): void {
	if (!r.rowField) return;
	const id = Number(store.get(r.ownerType, ownerId)?.[r.rowField] ?? 0);
	if (id > 0 && !listOf(links, r, ownerId).some((b) => b.id === id))
		bind(store, links, r, ownerId, id, { primary: true });
}

function ownerOf(ctx: CallContext, r: Relation, unchecked = false): number {
	const id = phpInt(param(ctx.params, 'id'));
	if (!(id > 0)) throw crmError('The parameter ownerEntityID is invalid or not defined.');
	if (!ctx.portal.store.get(r.ownerType, id)) {
		if (unchecked) return id;
		throw crmError('Not found.');
	}
	sync(ctx.portal.store, linksOf(ctx.portal.store), r, id);
	return id;
}

/** fields.<KEY> of add / delete; the docs name no check that the bound record exists, so none is made. */
function boundId(ctx: CallContext, r: Relation): { id: number; fields: Record<string, unknown> } {
	const fields = param(ctx.params, 'fields');
	if (!isObject(fields)) throw crmError("The parameter 'fields' must be array.");
	const id = phpInt(fields[r.key]);
	if (!(id > 0)) throw crmError("The parameter 'fields' is not valid.");
	return { id, fields };
}

function view(r: Relation, list: Binding[]): Array<Record<string, unknown>> {
	return list.map((b) => ({ [r.key]: b.id, SORT: b.SORT, ROLE_ID: 0, IS_PRIMARY: b.IS_PRIMARY }));
}

function relationMethods(r: Relation): MethodDef[] {
	const m = `crm.${nameOf(r)}`;
	const state = (ctx: CallContext) => ({
		store: ctx.portal.store,
		links: linksOf(ctx.portal.store),
	});
	return [
		{
			name: `${m}.add`,
			scope: 'crm',
			handler: (ctx) => {
				const ownerId = ownerOf(ctx, r);
				const { id, fields } = boundId(ctx, r);
				const { store, links } = state(ctx);
				const sort = fields.SORT === undefined ? undefined : phpInt(fields.SORT);
				// "If not provided and the deal has no primary link, the added link is primary"
				const added = bind(store, links, r, ownerId, id, {
					primary: String(fields.IS_PRIMARY ?? '') === 'Y',
					sort,
				});
				return { result: added };
			},
		},
		{
			name: `${m}.delete`,
			scope: 'crm',
			handler: (ctx) => {
				const ownerId = ownerOf(ctx, r);
				const { id } = boundId(ctx, r);
				const { store, links } = state(ctx);
				return { result: unbind(store, links, r, ownerId, id) };
			},
		},
		{
			name: `${m}.items.get`,
			scope: 'crm',
			handler: (ctx) => {
				const ownerId = ownerOf(ctx, r, r.getUnchecked);
				return { result: view(r, listOf(state(ctx).links, r, ownerId)) };
			},
		},
		{
			name: `${m}.items.set`,
			scope: 'crm',
			handler: (ctx) => {
				const ownerId = ownerOf(ctx, r);
				const raw = param(ctx.params, 'items');
				const items = Array.isArray(raw) ? raw : isObject(raw) ? Object.values(raw) : undefined;
				if (!items) throw crmError('The parameter items must be array.');
				const { store, links } = state(ctx);
				for (const b of [...listOf(links, r, ownerId)]) unbind(store, links, r, ownerId, b.id);
				let primaryGiven = false;
				items.forEach((item, index) => {
					if (!isObject(item)) return;
					const id = phpInt(item[r.key]);
					if (!(id > 0)) return;
					// the first binding marked Y is primary; none marked: the first one
					const primary = !primaryGiven && String(item.IS_PRIMARY ?? '') === 'Y';
					if (primary) primaryGiven = true;
					const sort = item.SORT === undefined ? (index + 1) * 10 : phpInt(item.SORT);
					bind(store, links, r, ownerId, id, { primary, sort });
				});
				return { result: true };
			},
		},
		{
			name: `${m}.items.delete`,
			scope: 'crm',
			handler: (ctx) => {
				const ownerId = ownerOf(ctx, r);
				const { store, links } = state(ctx);
				for (const b of [...listOf(links, r, ownerId)]) unbind(store, links, r, ownerId, b.id);
				return { result: true };
			},
		},
	];
}

const COMM_ENTITIES: Array<[string, number]> = [
	['LEAD', LEAD],
	['CONTACT', CONTACT],
	['COMPANY', COMPANY],
];

/** Phones compare by their digits, the extension left out; e-mails without case. */
function commKey(type: string, value: string): string {
	if (type === 'PHONE') return value.replace(/(ext\.?|доб\.?|#|,).*$/i, '').replace(/\D/g, '');
	return value.trim().toLowerCase();
}

const findByComm: MethodDef = {
	name: 'crm.duplicate.findbycomm',
	scope: 'crm',
	handler: (ctx) => {
		const type = String(param(ctx.params, 'type') ?? '').toUpperCase();
		if (!type) throw crmError('Communication type is not defined');
		if (type !== 'EMAIL' && type !== 'PHONE')
			throw crmError(`Communication type '${type}' is not supported in current context`);
		const raw = param(ctx.params, 'values');
		const list = Array.isArray(raw)
			? raw
			: isObject(raw)
				? Object.values(raw)
				: typeof raw === 'string' && raw !== ''
					? [raw]
					: [];
		// "Maximum number of values: 20"; the docs name no error for more, so the first 20 are searched
		const wanted = new Set(
			list
				.slice(0, 20)
				.map((v) => commKey(type, String(v)))
				.filter(Boolean),
		);
		if (wanted.size === 0) throw crmError('Communication values is not defined');
		const only = String(param(ctx.params, 'entity_type') ?? '').toUpperCase();
		const result: Record<string, number[]> = {};
		for (const [name, entityTypeId] of COMM_ENTITIES) {
			if (only && only !== name) continue;
			const ids: number[] = [];
			for (const row of ctx.portal.store.table(entityTypeId)?.rows.values() ?? []) {
				const fm = (row.FM as FmEntry[] | undefined) ?? [];
				if (fm.some((e) => e.TYPE_ID === type && wanted.has(commKey(type, e.VALUE))))
					ids.push(Number(row.ID));
			}
			if (ids.length) result[name] = ids.sort((a, b) => a - b);
			// "If 20 or more duplicates are found for one object, the other types are not returned"
			if (ids.length >= 20) break;
		}
		// nothing found: PHP's empty array, which JSON writes as [] (the docs show only a found case)
		return { result: Object.keys(result).length ? result : [] };
	},
};

export const methods: MethodDef[] = [findByComm, ...RELATIONS.flatMap(relationMethods)];
