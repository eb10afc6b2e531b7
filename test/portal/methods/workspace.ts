/**
 * The workspace area of the portal: user writes (user.add / update / fields), department writes,
 * the news feed (log.blogpost.*, log.blogcomment.add) and work time (timeman.*).
 * user.current / user.get / user.search / department.get live in ./user.ts and read the same
 * `store.users` / `store.departments` this file writes.
 */
import { isoDate, parseDate, PORTAL_TZ_OFFSET_MINUTES, RestError } from '../envelope';
import { PAGE_SIZE } from '../filter';
import { isObject, phpInt } from '../php-query';
import { CallContext, MethodDef, param } from '../registry';
import { SEED_BASE_MS } from '../seed';
import type { Department, Store, User } from '../store';

// ---------------------------------------------------------------- demo data (exported for tests)

/** The seeded news feed post: important, to everyone, read by users 2 and 3. */
export const DEMO_POST = {
	ID: 1,
	AUTHOR_ID: 1,
	TITLE: 'Welcome to the portal',
	DETAIL_TEXT: 'Please read the new travel policy.',
	DEST: ['UA'],
	IMPORTANT: true,
	READ_BY: [2, 3],
	DATE_PUBLISH_MS: SEED_BASE_MS + 3_600_000,
} as const;

/** A second seeded post, visible only to the Sales department (DR2) and its author (user 2). */
export const DEMO_SALES_POST = {
	ID: 2,
	AUTHOR_ID: 2,
	TITLE: 'Sales targets',
	DETAIL_TEXT: 'Q1 targets are in the shared folder.',
	DEST: ['DR2'],
	IMPORTANT: false,
	READ_BY: [] as number[],
	DATE_PUBLISH_MS: SEED_BASE_MS + 7_200_000,
} as const;

/** User 2 opened a workday at the seed base (2024-01-01 09:00 portal time) and never closed it: EXPIRED. */
export const DEMO_EXPIRED_DAY = { userId: 2, startMs: SEED_BASE_MS } as const;

/** The work-time settings every seeded user has (flexible schedule, so no REPORT is needed). */
export const TIMEMAN_SETTINGS = {
	UF_TIMEMAN: true,
	UF_TM_FREE: true,
	UF_TM_MAX_START: '09:15:00',
	UF_TM_MIN_FINISH: '17:45:00',
	UF_TM_MIN_DURATION: '08:00:00',
	UF_TM_ALLOWED_DELTA: '00:15:00',
} as const;

/** user.fields: the standard list (labels as the docs show them). */
export const USER_FIELD_LABELS: Record<string, string> = {
	ID: 'ID',
	XML_ID: 'External code',
	ACTIVE: 'Activity',
	NAME: 'First Name',
	LAST_NAME: 'Last Name',
	SECOND_NAME: 'Middle Name',
	EMAIL: 'E-Mail',
	LAST_LOGIN: 'Last Authorization',
	DATE_REGISTER: 'Registration Date',
	TIME_ZONE: 'TIME_ZONE',
	IS_ONLINE: 'IS_ONLINE',
	PERSONAL_GENDER: 'Gender',
	PERSONAL_PROFESSION: 'Profession',
	PERSONAL_BIRTHDAY: 'Date of Birth',
	PERSONAL_PHONE: 'Personal Phone',
	PERSONAL_MOBILE: 'Personal Mobile',
	PERSONAL_CITY: 'Residential City',
	WORK_PHONE: 'Company Phone',
	WORK_COMPANY: 'Company',
	WORK_POSITION: 'Job Title',
	WORK_DEPARTMENT: 'Department',
	UF_EMPLOYMENT_DATE: 'Hire Date',
	UF_TIMEMAN: 'Time Tracking',
	UF_DEPARTMENT: 'Units',
	UF_PHONE_INNER: 'Extension',
	USER_TYPE: 'USER_TYPE',
};

// ---------------------------------------------------------------- state

export interface Post {
	ID: number;
	AUTHOR_ID: number;
	TITLE: string;
	DETAIL_TEXT: string;
	DEST: string[];
	IMPORTANT: boolean;
	READ_BY: number[];
	TAGS: string[];
	DATE_PUBLISH: number;
	comments: Array<{ ID: number; AUTHOR_ID: number; TEXT: string }>;
}

export interface WorkDay {
	start: number;
	finish: number | null;
	pausedAt: number | null;
	leaksMs: number;
	latOpen: number;
	lonOpen: number;
	latClose: number;
	lonClose: number;
}

export interface WorkspaceState {
	posts: Map<number, Post>;
	nextPost: number;
	nextComment: number;
	days: Map<number, WorkDay>;
}

function seedPost(p: typeof DEMO_POST | typeof DEMO_SALES_POST): Post {
	return {
		ID: p.ID,
		AUTHOR_ID: p.AUTHOR_ID,
		TITLE: p.TITLE,
		DETAIL_TEXT: p.DETAIL_TEXT,
		DEST: [...p.DEST],
		IMPORTANT: p.IMPORTANT,
		READ_BY: [...p.READ_BY],
		TAGS: [],
		DATE_PUBLISH: p.DATE_PUBLISH_MS,
		comments: [],
	};
}

/** The area's state in a portal's store (tests read it to check what was stored). */
export function workspaceState(store: Store): WorkspaceState {
	return store.area<WorkspaceState>('workspace', () => ({
		posts: new Map([DEMO_POST, DEMO_SALES_POST].map((p) => [p.ID, seedPost(p)])),
		nextPost: 3,
		nextComment: 1,
		days: new Map([
			[
				DEMO_EXPIRED_DAY.userId,
				{
					start: DEMO_EXPIRED_DAY.startMs,
					finish: null,
					pausedAt: null,
					leaksMs: 0,
					latOpen: 0,
					lonOpen: 0,
					latClose: 0,
					lonClose: 0,
				},
			],
		]),
	}));
}

function state(ctx: CallContext): WorkspaceState {
	return workspaceState(ctx.portal.store);
}

// ---------------------------------------------------------------- helpers

const isEmpty = (v: unknown): boolean => v === undefined || v === null || v === '';

function listOf(v: unknown): unknown[] {
	if (Array.isArray(v)) return v;
	if (isObject(v)) return Object.values(v);
	if (isEmpty(v)) return [];
	return [v];
}

function caller(ctx: CallContext): User {
	const u = ctx.portal.store.users.find((x) => x.ID === ctx.auth.userId);
	if (!u) throw new Error('current user missing from the store');
	return u;
}

function bool(v: unknown): boolean {
	return v === true || v === 1 || v === '1' || v === 'Y' || v === 'y' || v === 'true';
}

// ---------------------------------------------------------------- users

const userError = (code: string, text: string): RestError => new RestError(400, code, text);

/** Fields user.add / user.update change in the store (others are accepted and kept aside). */
function applyUserFields(
	user: User & Record<string, unknown>,
	params: Record<string, unknown>,
): void {
	for (const [rawKey, value] of Object.entries(params)) {
		const key = rawKey.toUpperCase();
		if (key === 'ID' || key === 'AUTH' || key === 'ACCESS_TOKEN') continue;
		if (key === 'ACTIVE') user.ACTIVE = bool(value);
		else if (key === 'UF_DEPARTMENT') user.UF_DEPARTMENT = listOf(value).map((d) => phpInt(d));
		else if (
			key in USER_FIELD_LABELS ||
			key.startsWith('PERSONAL_') ||
			key.startsWith('WORK_') ||
			key.startsWith('UF_')
		) {
			user[key] = typeof value === 'string' ? value : (value as unknown);
		}
	}
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const userMethods: MethodDef[] = [
	{
		name: 'user.add',
		scope: 'user',
		handler: (ctx) => {
			if (!caller(ctx).IS_ADMIN) throw userError('ERROR_CORE', 'access_denied');
			const email = String(param(ctx.params, 'EMAIL') ?? '').trim();
			if (!EMAIL.test(email)) throw userError('ERROR_ARGUMENT', 'wrong_email');
			const store = ctx.portal.store;
			if (store.users.some((u) => u.EMAIL.toLowerCase() === email.toLowerCase())) {
				throw userError('ERROR_ARGUMENT', 'A user with this email already exists');
			}
			const extranet = bool(param(ctx.params, 'EXTRANET'));
			const departments = listOf(param(ctx.params, 'UF_DEPARTMENT'));
			if (!extranet && departments.length === 0)
				throw userError('ERROR_ARGUMENT', 'no_extranet_field');
			if (extranet && listOf(param(ctx.params, 'SONET_GROUP_ID')).length === 0) {
				throw userError('ERROR_GROUPID', 'Group code not specified');
			}
			const id = Math.max(0, ...store.users.map((u) => u.ID)) + 1;
			const user = {
				ID: id,
				ACTIVE: true,
				NAME: '',
				LAST_NAME: '',
				SECOND_NAME: '',
				EMAIL: email,
				WORK_POSITION: '',
				PERSONAL_GENDER: '',
				UF_DEPARTMENT: [] as number[],
				IS_ADMIN: false,
				DATE_REGISTER: isoDate(Date.now()),
				TIME_ZONE: '',
			} as User & Record<string, unknown>;
			applyUserFields(user, ctx.params);
			user.EMAIL = email;
			store.users.push(user);
			return { result: id };
		},
	},
	{
		name: 'user.update',
		scope: 'user',
		handler: (ctx) => {
			if (!caller(ctx).IS_ADMIN) throw userError('ERROR_CORE', 'access_denied');
			const id = phpInt(param(ctx.params, 'ID'));
			const user = ctx.portal.store.users.find((u) => u.ID === id) as
				| (User & Record<string, unknown>)
				| undefined;
			if (!user) throw userError('ERROR_CORE', 'access_denied');
			const email = param(ctx.params, 'EMAIL');
			if (email !== undefined && !EMAIL.test(String(email).trim()))
				throw userError('ERROR_CORE', 'wrong_email');
			applyUserFields(user, ctx.params);
			return { result: true };
		},
	},
	{ name: 'user.fields', scope: 'user', handler: () => ({ result: { ...USER_FIELD_LABELS } }) },
];

// ---------------------------------------------------------------- departments

const coreError = (text: string): RestError => new RestError(400, 'ERROR_CORE', text);

function canEditStructure(ctx: CallContext): void {
	if (!caller(ctx).IS_ADMIN) throw coreError('Access denied');
}

function applyDepartment(ctx: CallContext, dep: Department): void {
	const name = param(ctx.params, 'NAME');
	if (name !== undefined) dep.NAME = String(name);
	const sort = param(ctx.params, 'SORT');
	if (!isEmpty(sort)) dep.SORT = phpInt(sort);
	const head = param(ctx.params, 'UF_HEAD');
	if (!isEmpty(head)) dep.UF_HEAD = phpInt(head);
}

const departmentMethods: MethodDef[] = [
	{
		name: 'department.add',
		scope: 'department',
		handler: (ctx) => {
			canEditStructure(ctx);
			const deps = ctx.portal.store.departments;
			if (isEmpty(param(ctx.params, 'NAME'))) throw coreError('Department name not provided.<br>');
			const parent = phpInt(param(ctx.params, 'PARENT'));
			if (!parent || !deps.some((d) => d.ID === parent)) {
				throw coreError('There can only be one top-level department in the company structure');
			}
			const dep: Department = {
				ID: Math.max(0, ...deps.map((d) => d.ID)) + 1,
				NAME: '',
				SORT: 500,
				PARENT: parent,
				UF_HEAD: 0,
			};
			applyDepartment(ctx, dep);
			deps.push(dep);
			return { result: dep.ID };
		},
	},
	{
		name: 'department.update',
		scope: 'department',
		handler: (ctx) => {
			canEditStructure(ctx);
			const deps = ctx.portal.store.departments;
			const dep = deps.find((d) => d.ID === phpInt(param(ctx.params, 'ID')));
			if (!dep) throw coreError('Department not found');
			const parentRaw = param(ctx.params, 'PARENT');
			if (!isEmpty(parentRaw)) {
				const parent = phpInt(parentRaw);
				if (parent === dep.ID || !deps.some((d) => d.ID === parent))
					throw coreError('Department not found');
				dep.PARENT = parent;
			}
			applyDepartment(ctx, dep);
			return { result: true };
		},
	},
	{
		name: 'department.delete',
		scope: 'department',
		handler: (ctx) => {
			canEditStructure(ctx);
			const deps = ctx.portal.store.departments;
			const index = deps.findIndex((d) => d.ID === phpInt(param(ctx.params, 'ID')));
			if (index < 0) throw coreError('Department not found');
			deps.splice(index, 1);
			return { result: true };
		},
	},
];

// ---------------------------------------------------------------- news feed

const DEST_CODE = /^(UA|U\d+|SG\d+|DR\d+)$/;

function destinations(raw: unknown): string[] | undefined {
	const list = listOf(raw).map((d) => String(d).trim().toUpperCase());
	return list.every((d) => DEST_CODE.test(d)) ? list : undefined;
}

function canRead(user: User, post: Post): boolean {
	if (post.AUTHOR_ID === user.ID) return true;
	return post.DEST.some(
		(d) => d === 'UA' || d === `U${user.ID}` || user.UF_DEPARTMENT.some((dep) => d === `DR${dep}`),
	);
}

function postView(post: Post): Record<string, unknown> {
	return {
		ID: String(post.ID),
		BLOG_ID: String(post.AUTHOR_ID),
		PUBLISH_STATUS: 'P',
		TITLE: post.TITLE,
		AUTHOR_ID: String(post.AUTHOR_ID),
		ENABLE_COMMENTS: 'Y',
		NUM_COMMENTS: String(post.comments.length),
		CODE: null,
		MICRO: 'N',
		DETAIL_TEXT: post.DETAIL_TEXT,
		DATE_PUBLISH: isoDate(post.DATE_PUBLISH),
		CATEGORY_ID: '',
		HAS_SOCNET_ALL: post.DEST.includes('UA') ? 'Y' : 'N',
		HAS_TAGS: post.TAGS.length ? 'Y' : 'N',
		HAS_IMAGES: 'N',
		HAS_PROPS: 'Y',
		HAS_COMMENT_IMAGES: null,
		FILES: [],
	};
}

function postParam(ctx: CallContext, code: string, text: string): Post {
	const post = state(ctx).posts.get(phpInt(param(ctx.params, 'POST_ID')));
	if (!post) throw new RestError(400, code, text);
	return post;
}

function actingUser(ctx: CallContext): User {
	const me = caller(ctx);
	const asUser = param(ctx.params, 'USER_ID');
	if (isEmpty(asUser) || !me.IS_ADMIN) return me;
	return ctx.portal.store.users.find((u) => u.ID === phpInt(asUser)) ?? me;
}

const feedMethods: MethodDef[] = [
	{
		name: 'log.blogpost.add',
		scope: 'log',
		handler: (ctx) => {
			const st = state(ctx);
			const text = param(ctx.params, 'POST_MESSAGE');
			if (isEmpty(text))
				throw new RestError(
					400,
					'SONET_CONTROLLER_LIVEFEED_BLOGPOST_ADD_ERROR',
					"Blog post hasn't been added",
				);
			const rawDest = param(ctx.params, 'DEST') ?? param(ctx.params, 'SPERM');
			const dest = isEmpty(rawDest) ? ['UA'] : destinations(rawDest);
			if (!dest || dest.length === 0)
				throw new RestError(
					400,
					'SONET_CONTROLLER_LIVEFEED_BLOGPOST_ADD_ERROR',
					'No destination specified',
				);
			const tags = param(ctx.params, 'TAGS');
			const post: Post = {
				ID: st.nextPost++,
				AUTHOR_ID: actingUser(ctx).ID,
				TITLE: String(param(ctx.params, 'POST_TITLE') ?? ''),
				DETAIL_TEXT: String(text),
				DEST: dest,
				IMPORTANT: param(ctx.params, 'IMPORTANT') === 'Y',
				READ_BY: [],
				TAGS: (Array.isArray(tags) ? tags.map(String) : String(tags ?? '').split(','))
					.map((t) => t.trim())
					.filter(Boolean),
				DATE_PUBLISH: Date.now(),
				comments: [],
			};
			st.posts.set(post.ID, post);
			return { result: post.ID };
		},
	},
	{
		name: 'log.blogpost.update',
		scope: 'log',
		handler: (ctx) => {
			const post = postParam(
				ctx,
				'SONET_CONTROLLER_LIVEFEED_BLOGPOST_UPDATE_ERROR',
				'Wrong post ID',
			);
			const me = caller(ctx);
			if (post.AUTHOR_ID !== me.ID && !me.IS_ADMIN)
				throw new RestError(
					400,
					'SONET_CONTROLLER_LIVEFEED_BLOGPOST_UPDATE_ERROR',
					'No write perms',
				);
			const title = param(ctx.params, 'POST_TITLE');
			const text = param(ctx.params, 'POST_MESSAGE');
			if (isEmpty(title) && isEmpty(text))
				throw new RestError(400, 'EMPTY_TITLE', 'Message title is not specified.');
			const rawDest = param(ctx.params, 'DEST') ?? param(ctx.params, 'SPERM');
			if (!isEmpty(rawDest)) {
				const dest = destinations(rawDest);
				if (!dest || !dest.length)
					throw new RestError(
						400,
						'SONET_CONTROLLER_LIVEFEED_BLOGPOST_UPDATE_ERROR',
						'No destination specified',
					);
				post.DEST = dest;
			}
			// only the message given: the old title is not kept (docs)
			post.TITLE = isEmpty(title) ? '' : String(title);
			if (!isEmpty(text)) post.DETAIL_TEXT = String(text);
			const important = param(ctx.params, 'IMPORTANT');
			if (!isEmpty(important)) post.IMPORTANT = important === 'Y';
			return { result: post.ID };
		},
	},
	{
		name: 'log.blogpost.delete',
		scope: 'log',
		handler: (ctx) => {
			const post = postParam(ctx, '100', 'Wrong post ID');
			const me = caller(ctx);
			if (post.AUTHOR_ID !== me.ID && !me.IS_ADMIN)
				throw new RestError(400, '403', 'You do not have permission to delete this message');
			state(ctx).posts.delete(post.ID);
			return { result: true };
		},
	},
	{
		name: 'log.blogpost.get',
		scope: 'log',
		handler: (ctx) => {
			const me = caller(ctx);
			let posts = [...state(ctx).posts.values()].filter((p) => canRead(me, p));
			const postId = param(ctx.params, 'POST_ID');
			if (!isEmpty(postId)) posts = posts.filter((p) => p.ID === phpInt(postId));
			else {
				const rights = listOf(param(ctx.params, 'LOG_RIGHTS')).map(String);
				if (rights.length) posts = posts.filter((p) => p.DEST.some((d) => rights.includes(d)));
			}
			const from = parseDate(param(ctx.params, 'LOG_DATE_FROM'));
			const to = parseDate(param(ctx.params, 'LOG_DATE_TO'));
			if (from !== undefined) posts = posts.filter((p) => p.DATE_PUBLISH >= from);
			if (to !== undefined) posts = posts.filter((p) => p.DATE_PUBLISH <= to);
			// newest first
			posts.sort((a, b) => b.DATE_PUBLISH - a.DATE_PUBLISH || b.ID - a.ID);
			const start = Math.max(0, phpInt(param(ctx.params, 'start') ?? 0));
			const page = posts.slice(start, start + PAGE_SIZE);
			const next = start + PAGE_SIZE < posts.length ? start + PAGE_SIZE : undefined;
			return { result: page.map(postView), total: posts.length, next };
		},
	},
	{
		name: 'log.blogpost.getusers.important',
		scope: 'log',
		handler: (ctx) => {
			const post = postParam(ctx, '', 'Wrong post ID');
			if (!canRead(caller(ctx), post)) return { result: [] };
			return { result: post.READ_BY.slice(0, 500).map(String) };
		},
	},
	{
		name: 'log.blogcomment.add',
		scope: 'log',
		handler: (ctx) => {
			const st = state(ctx);
			const post = st.posts.get(phpInt(param(ctx.params, 'POST_ID')));
			const author = actingUser(ctx);
			if (!post || !canRead(author, post)) throw new RestError(400, '', 'No post found');
			const text = param(ctx.params, 'TEXT');
			if (isEmpty(text)) throw new RestError(400, '', "Blog comment hasn't been added");
			if (post.comments.some((c) => c.AUTHOR_ID === author.ID && c.TEXT === String(text))) {
				throw new RestError(400, '', 'Duplicate comment');
			}
			const comment = { ID: st.nextComment++, AUTHOR_ID: author.ID, TEXT: String(text) };
			post.comments.push(comment);
			return { result: comment.ID };
		},
	},
	{
		name: 'log.blogpost.share',
		scope: 'log',
		handler: (ctx) => {
			const post = postParam(ctx, '', 'Wrong post ID');
			if (!canRead(caller(ctx), post)) throw new RestError(400, '', 'No read perms');
			const dest = destinations(param(ctx.params, 'DEST'));
			if (!dest || dest.length === 0) throw new RestError(400, '', 'Wrong destinations');
			for (const d of dest) if (!post.DEST.includes(d)) post.DEST.push(d);
			return { result: true };
		},
	},
];

// ---------------------------------------------------------------- work time

const TZ_OFFSET_SECONDS = PORTAL_TZ_OFFSET_MINUTES * 60;
const DAY_MS = 86_400_000;

/** The portal calendar day (as a number) a moment falls on. */
const dayOf = (ms: number): number => Math.floor((ms + TZ_OFFSET_SECONDS * 1000) / DAY_MS);

function hms(ms: number): string {
	const s = Math.max(0, Math.floor(ms / 1000));
	const p = (n: number): string => String(n).padStart(2, '0');
	return `${p(Math.floor(s / 3600))}:${p(Math.floor((s % 3600) / 60))}:${p(s % 60)}`;
}

type DayStatus = 'OPENED' | 'CLOSED' | 'PAUSED' | 'EXPIRED';

function statusOf(day: WorkDay | undefined, now: number): DayStatus {
	if (!day || day.finish !== null) return 'CLOSED';
	if (dayOf(day.start) < dayOf(now)) return 'EXPIRED';
	return day.pausedAt !== null ? 'PAUSED' : 'OPENED';
}

function dayView(day: WorkDay | undefined, now: number): Record<string, unknown> {
	const status = statusOf(day, now);
	const view: Record<string, unknown> = {
		STATUS: status,
		TIME_START: day ? isoDate(day.start) : null,
		TIME_FINISH: day?.finish ? isoDate(day.finish) : null,
		DURATION: day?.finish ? hms(day.finish - day.start - day.leaksMs) : '00:00:00',
		TIME_LEAKS: hms((day?.leaksMs ?? 0) + (day?.pausedAt ? now - day.pausedAt : 0)),
		ACTIVE: true,
		IP_OPEN: day ? '127.0.0.1' : '',
		IP_CLOSE: day?.finish ? '127.0.0.1' : '',
		LAT_OPEN: day?.latOpen ?? 0,
		LON_OPEN: day?.lonOpen ?? 0,
		LAT_CLOSE: day?.latClose ?? 0,
		LON_CLOSE: day?.lonClose ?? 0,
		TZ_OFFSET: TZ_OFFSET_SECONDS,
	};
	if (status === 'EXPIRED' && day) {
		// the minimum finish of the settings, on the day it was opened
		view.TIME_FINISH_DEFAULT = isoDate(
			dayOf(day.start) * DAY_MS - TZ_OFFSET_SECONDS * 1000 + (17 * 60 + 45) * 60_000,
		);
	}
	return view;
}

function timemanUser(ctx: CallContext): User {
	const raw = param(ctx.params, 'USER_ID');
	if (isEmpty(raw)) return caller(ctx);
	const user = ctx.portal.store.users.find((u) => u.ID === phpInt(raw));
	if (!user) throw new RestError(400, '', 'User not found');
	if (user.ID !== ctx.auth.userId && !caller(ctx).IS_ADMIN)
		throw new RestError(403, 'ACCESS_DENIED', 'Access denied');
	return user;
}

function timeParam(ctx: CallContext): number | undefined {
	const raw = param(ctx.params, 'TIME');
	if (isEmpty(raw)) return undefined;
	const ms = parseDate(raw);
	if (ms === undefined) throw new RestError(400, 'WRONG_DATETIME', 'Wrong date and time format');
	return ms;
}

function coordinate(ctx: CallContext, name: string): number {
	const v = Number(param(ctx.params, name));
	return Number.isFinite(v) ? v : 0;
}

const timemanMethods: MethodDef[] = [
	{
		name: 'timeman.open',
		scope: 'timeman',
		handler: (ctx) => {
			const user = timemanUser(ctx);
			const days = state(ctx).days;
			const now = Date.now();
			const day = days.get(user.ID);
			const status = statusOf(day, now);
			const time = timeParam(ctx);
			if (time !== undefined && status !== 'CLOSED') {
				throw new RestError(400, 'TIME', 'Unable to set time, work day is paused');
			}
			if (time !== undefined && dayOf(time) !== dayOf(now)) {
				throw new RestError(
					400,
					'WRONG_DATETIME',
					'Day open date should correspond to the current date',
				);
			}
			if (day && status === 'PAUSED') {
				day.leaksMs += now - (day.pausedAt as number);
				day.pausedAt = null;
			} else if (
				day &&
				status === 'CLOSED' &&
				dayOf(day.start) === dayOf(now) &&
				time === undefined
			) {
				// reopening today's closed day continues it; the time away counts as a break
				day.leaksMs += now - (day.finish as number);
				day.finish = null;
			} else if (status === 'CLOSED' || status === 'EXPIRED') {
				days.set(user.ID, {
					start: time ?? now,
					finish: null,
					pausedAt: null,
					leaksMs: 0,
					latOpen: coordinate(ctx, 'LAT'),
					lonOpen: coordinate(ctx, 'LON'),
					latClose: 0,
					lonClose: 0,
				});
			}
			return { result: dayView(days.get(user.ID), now) };
		},
	},
	{
		name: 'timeman.close',
		scope: 'timeman',
		handler: (ctx) => {
			const user = timemanUser(ctx);
			const days = state(ctx).days;
			const now = Date.now();
			const day = days.get(user.ID);
			const status = statusOf(day, now);
			if (!day || status === 'CLOSED') throw new RestError(400, '', 'Work day is not opened');
			const finish = timeParam(ctx) ?? now;
			if (dayOf(finish) !== dayOf(day.start) || finish < day.start) {
				throw new RestError(
					400,
					'WRONG_DATETIME',
					'Day close date should correspond to the day open date',
				);
			}
			if (day.pausedAt !== null) {
				day.leaksMs += Math.max(0, finish - day.pausedAt);
				day.pausedAt = null;
			}
			day.finish = finish;
			day.latClose = coordinate(ctx, 'LAT');
			day.lonClose = coordinate(ctx, 'LON');
			return { result: dayView(day, now) };
		},
	},
	{
		name: 'timeman.pause',
		scope: 'timeman',
		handler: (ctx) => {
			const user = timemanUser(ctx);
			const now = Date.now();
			const day = state(ctx).days.get(user.ID);
			const status = statusOf(day, now);
			if (
				!day ||
				status === 'EXPIRED' ||
				(status === 'CLOSED' && dayOf(day.start) !== dayOf(now))
			) {
				throw new RestError(400, '', 'Work day is not opened');
			}
			if (status === 'CLOSED') {
				// a closed day is resumed; the time since closing counts as work
				day.finish = null;
				day.pausedAt = now;
			} else if (status === 'OPENED') day.pausedAt = now;
			return { result: dayView(day, now) };
		},
	},
	{
		name: 'timeman.status',
		scope: 'timeman',
		handler: (ctx) => ({ result: dayView(state(ctx).days.get(timemanUser(ctx).ID), Date.now()) }),
	},
	{
		name: 'timeman.settings',
		scope: 'timeman',
		handler: (ctx) => {
			const user = timemanUser(ctx);
			const result: Record<string, unknown> = { ...TIMEMAN_SETTINGS };
			if (user.ID === ctx.auth.userId) result.ADMIN = user.IS_ADMIN;
			return { result };
		},
	},
];

export const methods: MethodDef[] = [
	...userMethods,
	...departmentMethods,
	...feedMethods,
	...timemanMethods,
];
