/**
 * Workgroups and projects (scope sonet_group): sonet_group.create / update / delete / get and the
 * members methods sonet_group.user.get / add / delete / invite, written from the docs in
 * bitrix24/b24restdocs api-reference/sonet-group/ (sonet-group-*.md, members/sonet-group-user-*.md).
 * Like the old CRM methods they fail with an EMPTY error code and HTTP 400 ("Wrong group ID" ...),
 * answer string values in lists, and read their parameters case-insensitively.
 */
import { crmError, isoDate, parseDate } from '../envelope';
import { applyFilter, applyOrder, paginate, Resolver } from '../filter';
import { isObject, phpInt } from '../php-query';
import { CallContext, MethodDef, param } from '../registry';
import { SEED_BASE_MS } from '../seed';
import type { Store } from '../store';

export type MemberRole = 'A' | 'E' | 'K';

export interface Workgroup {
	ID: number;
	NAME: string;
	DESCRIPTION: string;
	VISIBLE: 'Y' | 'N';
	OPENED: 'Y' | 'N';
	CLOSED: 'Y' | 'N';
	ACTIVE: 'Y' | 'N';
	PROJECT: 'Y' | 'N';
	KEYWORDS: string;
	INITIATE_PERMS: 'A' | 'E' | 'K';
	OWNER_ID: number;
	SUBJECT_ID: number;
	PROJECT_DATE_START: number | null;
	PROJECT_DATE_FINISH: number | null;
	DATE_CREATE: number;
	DATE_UPDATE: number;
	DATE_ACTIVITY: number;
	/** user id -> A owner, E moderator, K member */
	members: Map<number, MemberRole>;
	/** user id -> invitation text (sonet_group.user.invite); not members until they accept */
	invited: Map<number, string>;
}

export interface WorkgroupsState {
	groups: Map<number, Workgroup>;
	nextId: number;
}

/** The seeded groups: 1 open group, 2 a project, 3 hidden from non-members. Tests compute from these. */
export const SEED_WORKGROUPS = [
	{
		ID: 1,
		NAME: 'Marketing team',
		PROJECT: 'N' as const,
		VISIBLE: 'Y' as const,
		OPENED: 'Y' as const,
		OWNER_ID: 1,
		members: [
			[1, 'A'],
			[2, 'E'],
			[3, 'K'],
		] as Array<[number, MemberRole]>,
	},
	{
		ID: 2,
		NAME: 'Website relaunch',
		PROJECT: 'Y' as const,
		VISIBLE: 'Y' as const,
		OPENED: 'N' as const,
		OWNER_ID: 2,
		members: [
			[2, 'A'],
			[4, 'K'],
		] as Array<[number, MemberRole]>,
	},
	{
		ID: 3,
		NAME: 'Board',
		PROJECT: 'N' as const,
		VISIBLE: 'N' as const,
		OPENED: 'N' as const,
		OWNER_ID: 1,
		members: [[1, 'A']] as Array<[number, MemberRole]>,
	},
];

/** The one subject every seeded group has ("Workgroups" in the docs' example). */
export const WORKGROUP_SUBJECT = { ID: 1, NAME: 'Workgroups' };

function createState(): WorkgroupsState {
	const groups = new Map<number, Workgroup>();
	SEED_WORKGROUPS.forEach((seed, index) => {
		const at = SEED_BASE_MS + index * 3_600_000;
		groups.set(seed.ID, {
			ID: seed.ID,
			NAME: seed.NAME,
			DESCRIPTION: '',
			VISIBLE: seed.VISIBLE,
			OPENED: seed.OPENED,
			CLOSED: 'N',
			ACTIVE: 'Y',
			PROJECT: seed.PROJECT,
			KEYWORDS: '',
			INITIATE_PERMS: 'K',
			OWNER_ID: seed.OWNER_ID,
			SUBJECT_ID: WORKGROUP_SUBJECT.ID,
			PROJECT_DATE_START: null,
			PROJECT_DATE_FINISH: null,
			DATE_CREATE: at,
			DATE_UPDATE: at,
			DATE_ACTIVITY: at,
			members: new Map(seed.members),
			invited: new Map(),
		});
	});
	return { groups, nextId: SEED_WORKGROUPS.length + 1 };
}

export function workgroupsState(store: Store): WorkgroupsState {
	return store.area('workgroups', createState);
}

// ---------------------------------------------------------------- helpers

const fail = (text: string) => crmError(text);

function isAdmin(ctx: CallContext): boolean {
	return !!ctx.portal.store.users.find((u) => u.ID === ctx.auth.userId)?.IS_ADMIN;
}

function activeUser(ctx: CallContext, id: number): boolean {
	return !!ctx.portal.store.users.find((u) => u.ID === id && u.ACTIVE);
}

/** A group the caller may see: visible ones, the ones they belong to, all for an admin asking IS_ADMIN=Y. */
function canSee(ctx: CallContext, group: Workgroup, adminMode = false): boolean {
	return group.VISIBLE === 'Y' || group.members.has(ctx.auth.userId) || (adminMode && isAdmin(ctx));
}

function groupId(ctx: CallContext, name: string): number {
	const raw = param(ctx.params, name);
	if (
		raw === undefined ||
		raw === null ||
		typeof raw === 'object' ||
		!/^\d+$/.test(String(raw).trim()) ||
		phpInt(raw) <= 0
	) {
		throw fail('Wrong group ID');
	}
	return phpInt(raw);
}

/** USER_ID as integer | integer[]; empty or not numbers: "Wrong user IDs". */
function userIds(ctx: CallContext): number[] {
	const raw = param(ctx.params, 'USER_ID');
	const list = Array.isArray(raw)
		? raw
		: isObject(raw)
			? Object.values(raw)
			: raw === undefined || raw === null || raw === ''
				? []
				: [raw];
	if (
		!list.length ||
		list.some((v) => typeof v === 'object' || !/^\d+$/.test(String(v).trim()) || phpInt(v) <= 0)
	)
		throw fail('Wrong user IDs');
	return [...new Set(list.map((v) => phpInt(v)))];
}

function yesNo(value: unknown): 'Y' | 'N' | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	return value === true || String(value).toUpperCase() === 'Y' ? 'Y' : 'N';
}

function dateOrNull(value: unknown): number | null | undefined {
	if (value === undefined) return undefined;
	return parseDate(value) ?? null;
}

/** The writable fields of create / update, applied to a group. */
function applyFields(ctx: CallContext, group: Workgroup): void {
	const text = (name: string): string | undefined => {
		const v = param(ctx.params, name);
		return v === undefined || v === null ? undefined : String(v);
	};
	const name = text('NAME');
	if (name !== undefined) group.NAME = name;
	const description = text('DESCRIPTION');
	if (description !== undefined) group.DESCRIPTION = description;
	const keywords = text('KEYWORDS');
	if (keywords !== undefined) group.KEYWORDS = keywords;
	for (const key of ['VISIBLE', 'OPENED', 'CLOSED'] as const) {
		const v = yesNo(param(ctx.params, key));
		if (v) group[key] = v;
	}
	const perms = text('INITIATE_PERMS')?.toUpperCase();
	if (perms === 'A' || perms === 'E' || perms === 'K') group.INITIATE_PERMS = perms;
	const start = dateOrNull(param(ctx.params, 'PROJECT_DATE_START'));
	if (start !== undefined) group.PROJECT_DATE_START = start;
	const finish = dateOrNull(param(ctx.params, 'PROJECT_DATE_FINISH'));
	if (finish !== undefined) group.PROJECT_DATE_FINISH = finish;
	// IMAGE / IMAGE_FILE_ID / SITE_ID are accepted and not kept: the portal has no avatars or sites
}

function setOwner(group: Workgroup, ownerId: number): void {
	// the former owner stays in the group as a moderator, as sonet_group.setowner does
	if (group.members.get(group.OWNER_ID) === 'A') group.members.set(group.OWNER_ID, 'E');
	group.OWNER_ID = ownerId;
	group.members.set(ownerId, 'A');
	group.invited.delete(ownerId);
}

/** A row as sonet_group.get answers it: every value a string, empty texts null. */
function groupView(group: Workgroup): Record<string, unknown> {
	return {
		ID: String(group.ID),
		SITE_ID: 's1',
		NAME: group.NAME,
		DESCRIPTION: group.DESCRIPTION || null,
		DATE_CREATE: isoDate(group.DATE_CREATE),
		DATE_UPDATE: isoDate(group.DATE_UPDATE),
		ACTIVE: group.ACTIVE,
		VISIBLE: group.VISIBLE,
		OPENED: group.OPENED,
		CLOSED: group.CLOSED,
		SUBJECT_ID: String(group.SUBJECT_ID),
		OWNER_ID: String(group.OWNER_ID),
		KEYWORDS: group.KEYWORDS || null,
		NUMBER_OF_MEMBERS: String(group.members.size),
		DATE_ACTIVITY: isoDate(group.DATE_ACTIVITY),
		SUBJECT_NAME: WORKGROUP_SUBJECT.NAME,
		PROJECT: group.PROJECT,
		IS_EXTRANET: 'N',
	};
}

/** The filter and order fields sonet_group.get documents. */
const resolve: Resolver<Workgroup> = (name) => {
	const upper = name.toUpperCase();
	const types: Record<string, string> = {
		ID: 'integer',
		NAME: 'string',
		OWNER_ID: 'integer',
		ACTIVE: 'char',
		VISIBLE: 'char',
		OPENED: 'char',
		CLOSED: 'char',
		DATE_CREATE: 'datetime',
		DATE_UPDATE: 'datetime',
		DATE_ACTIVITY: 'datetime',
		IS_EXTRANET: 'char',
	};
	const type = types[upper];
	if (!type) return undefined;
	return {
		def: { type, isMultiple: false },
		get: (group) => {
			if (upper === 'IS_EXTRANET') return 'N';
			const value = group[upper as keyof Workgroup];
			return type === 'datetime' ? isoDate(value as number) : value;
		},
	};
};

function findGroup(ctx: CallContext, id: number): Workgroup {
	const group = workgroupsState(ctx.portal.store).groups.get(id);
	if (!group) throw fail('Socialnetwork group not found');
	return group;
}

// ---------------------------------------------------------------- methods

const groupMethods: MethodDef[] = [
	{
		name: 'sonet_group.create',
		scope: 'sonet_group',
		handler: (ctx) => {
			const name = param(ctx.params, 'NAME');
			if (name === undefined || name === null || typeof name === 'object' || !String(name).trim())
				throw fail('Incorrect input data');
			const state = workgroupsState(ctx.portal.store);
			const now = Date.now();
			const project = yesNo(param(ctx.params, 'PROJECT')) ?? 'N';
			const group: Workgroup = {
				ID: state.nextId++,
				NAME: String(name),
				DESCRIPTION: '',
				VISIBLE: 'Y',
				OPENED: 'N',
				CLOSED: 'N',
				ACTIVE: 'Y',
				PROJECT: project,
				KEYWORDS: '',
				INITIATE_PERMS: 'K',
				OWNER_ID: ctx.auth.userId,
				SUBJECT_ID:
					phpInt(param(ctx.params, 'SUBJECT_ID') ?? WORKGROUP_SUBJECT.ID) || WORKGROUP_SUBJECT.ID,
				PROJECT_DATE_START: null,
				PROJECT_DATE_FINISH: null,
				DATE_CREATE: now,
				DATE_UPDATE: now,
				DATE_ACTIVITY: now,
				members: new Map([[ctx.auth.userId, 'A']]),
				invited: new Map(),
			};
			applyFields(ctx, group);
			// "Specifying the owner is available only to administrators. For all others, the current user automatically becomes the owner"
			const owner = phpInt(param(ctx.params, 'OWNER_ID') ?? 0);
			if (owner > 0 && owner !== ctx.auth.userId && isAdmin(ctx) && activeUser(ctx, owner)) {
				group.members.delete(ctx.auth.userId);
				group.OWNER_ID = owner;
				group.members.set(owner, 'A');
			}
			state.groups.set(group.ID, group);
			return { result: group.ID };
		},
	},
	{
		name: 'sonet_group.update',
		scope: 'sonet_group',
		handler: (ctx) => {
			const id = groupId(ctx, 'GROUP_ID');
			const group = workgroupsState(ctx.portal.store).groups.get(id);
			if (!group) throw fail('Wrong group ID');
			if (group.OWNER_ID !== ctx.auth.userId && !isAdmin(ctx))
				throw fail('User has no permissions to update group');
			applyFields(ctx, group);
			const owner = phpInt(param(ctx.params, 'OWNER_ID') ?? 0);
			if (owner > 0 && owner !== group.OWNER_ID) {
				if (!activeUser(ctx, owner)) throw fail('Cannot update group');
				setOwner(group, owner);
			}
			group.DATE_UPDATE = Date.now();
			return { result: group.ID };
		},
	},
	{
		name: 'sonet_group.delete',
		scope: 'sonet_group',
		handler: (ctx) => {
			const id = groupId(ctx, 'GROUP_ID');
			const group = findGroup(ctx, id);
			if (group.OWNER_ID !== ctx.auth.userId && !isAdmin(ctx))
				throw fail('User has no permissions to delete group');
			workgroupsState(ctx.portal.store).groups.delete(id);
			return { result: true };
		},
	},
	{
		name: 'sonet_group.get',
		scope: 'sonet_group',
		handler: (ctx) => {
			const adminMode = String(param(ctx.params, 'IS_ADMIN') ?? '').toUpperCase() === 'Y';
			let rows = [...workgroupsState(ctx.portal.store).groups.values()].filter((g) =>
				canSee(ctx, g, adminMode),
			);
			const only = param(ctx.params, 'GROUP_ID');
			if (only !== undefined && only !== null && only !== '')
				rows = rows.filter((g) => g.ID === phpInt(only));
			rows = applyFilter(rows, param(ctx.params, 'FILTER'), resolve);
			const order = param(ctx.params, 'ORDER');
			// default order: ID descending
			rows = applyOrder(
				rows,
				isObject(order) && Object.keys(order).length ? order : { ID: 'DESC' },
				resolve,
				(g) => g.ID,
			);
			const page = paginate(rows, param(ctx.params, 'start'));
			return { result: page.items.map(groupView), total: page.total, next: page.next };
		},
	},
];

const ROLE_ORDER: Record<MemberRole, number> = { A: 0, E: 1, K: 2 };

const memberMethods: MethodDef[] = [
	{
		name: 'sonet_group.user.get',
		scope: 'sonet_group',
		handler: (ctx) => {
			const raw = param(ctx.params, 'ID');
			if (
				raw === undefined ||
				raw === null ||
				typeof raw === 'object' ||
				!/^\d+$/.test(String(raw).trim()) ||
				phpInt(raw) <= 0
			) {
				throw fail('Wrong socialnetwork group ID');
			}
			const group = workgroupsState(ctx.portal.store).groups.get(phpInt(raw));
			// "Group or project not found or is private"
			if (!group || !canSee(ctx, group, true)) throw fail('Socialnetwork group not found');
			const rows = [...group.members.entries()]
				.sort(([a, ra], [b, rb]) => ROLE_ORDER[ra] - ROLE_ORDER[rb] || a - b)
				.map(([userId, role]) => ({ USER_ID: String(userId), ROLE: role }));
			return { result: rows };
		},
	},
	{
		name: 'sonet_group.user.add',
		scope: 'sonet_group',
		handler: (ctx) => {
			const id = groupId(ctx, 'GROUP_ID');
			if (!isAdmin(ctx)) throw fail('No permissions to add users');
			const ids = userIds(ctx);
			const group = findGroup(ctx, id);
			// unknown or inactive users are ignored; members already in the group are not added again
			const added = ids.filter((userId) => activeUser(ctx, userId) && !group.members.has(userId));
			for (const userId of added) {
				group.members.set(userId, 'K');
				group.invited.delete(userId);
			}
			if (added.length) group.DATE_ACTIVITY = Date.now();
			return { result: added.map(String) };
		},
	},
	{
		name: 'sonet_group.user.delete',
		scope: 'sonet_group',
		handler: (ctx) => {
			const id = groupId(ctx, 'GROUP_ID');
			if (!isAdmin(ctx)) throw fail('No permissions to update users role');
			const ids = userIds(ctx);
			const group = findGroup(ctx, id);
			// "You cannot remove the owner of the group or project"
			const removed = ids.filter(
				(userId) => group.members.has(userId) && userId !== group.OWNER_ID,
			);
			for (const userId of removed) group.members.delete(userId);
			return { result: removed.map(String) };
		},
	},
	{
		name: 'sonet_group.user.invite',
		scope: 'sonet_group',
		handler: (ctx) => {
			const id = groupId(ctx, 'GROUP_ID');
			const ids = userIds(ctx);
			const group = workgroupsState(ctx.portal.store).groups.get(id);
			if (!group || !canSee(ctx, group)) throw fail('Socialnetwork group not found');
			const role = group.members.get(ctx.auth.userId);
			const allowed =
				isAdmin(ctx) ||
				(role !== undefined &&
					(group.INITIATE_PERMS === 'K' ||
						(group.INITIATE_PERMS === 'E' && role !== 'K') ||
						(group.INITIATE_PERMS === 'A' && role === 'A')));
			// "An empty array means that none of the provided users could be invited"
			if (!allowed) return { result: [] };
			const message = String(param(ctx.params, 'MESSAGE') ?? '');
			const invited = ids.filter(
				(userId) =>
					activeUser(ctx, userId) && !group.members.has(userId) && !group.invited.has(userId),
			);
			for (const userId of invited) group.invited.set(userId, message);
			return { result: invited.map(String) };
		},
	},
];

export const methods: MethodDef[] = [...groupMethods, ...memberMethods];
