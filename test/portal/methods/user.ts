/** Users and departments: user.current, user.get, user.search, department.get, profile. */
import { applyFilter, applyOrder, paginate, Resolver } from '../filter';
import { isObject } from '../php-query';
import { CallContext, MethodDef, param } from '../registry';
import type { Department, User } from '../store';

export function userView(u: User): Record<string, unknown> {
	return {
		ID: String(u.ID),
		XML_ID: `user-${u.ID}`,
		ACTIVE: u.ACTIVE,
		NAME: u.NAME,
		LAST_NAME: u.LAST_NAME,
		SECOND_NAME: u.SECOND_NAME,
		EMAIL: u.EMAIL,
		LAST_LOGIN: u.DATE_REGISTER,
		DATE_REGISTER: u.DATE_REGISTER,
		IS_ONLINE: 'N',
		TIME_ZONE: u.TIME_ZONE,
		TIME_ZONE_OFFSET: '10800',
		TIMESTAMP_X: u.DATE_REGISTER,
		PERSONAL_GENDER: u.PERSONAL_GENDER,
		PERSONAL_BIRTHDAY: '',
		WORK_POSITION: u.WORK_POSITION,
		UF_EMPLOYMENT_DATE: '',
		UF_DEPARTMENT: u.UF_DEPARTMENT,
		USER_TYPE: 'employee',
	};
}

const USER_NUMERIC = new Set(['ID', 'UF_DEPARTMENT']);
const USER_FIELDS = [
	'ID',
	'NAME',
	'LAST_NAME',
	'SECOND_NAME',
	'EMAIL',
	'WORK_POSITION',
	'UF_DEPARTMENT',
	'PERSONAL_GENDER',
];

const userResolver: Resolver<User> = (name) => {
	const key = name.toUpperCase();
	if (key === 'ACTIVE') return { def: { type: 'boolean' }, get: (u) => u.ACTIVE };
	if (key === 'USER_TYPE') return { def: { type: 'string' }, get: () => 'employee' };
	if (!USER_FIELDS.includes(key)) return undefined;
	return {
		def: {
			type: USER_NUMERIC.has(key) ? 'integer' : 'string',
			isMultiple: key === 'UF_DEPARTMENT',
		},
		get: (u) => (u as unknown as Record<string, unknown>)[key],
	};
};

const RESERVED = new Set([
	'FILTER',
	'SORT',
	'ORDER',
	'START',
	'ADMIN_MODE',
	'AUTH',
	'ACCESS_TOKEN',
]);

/** user.get takes its filter as FILTER or as top-level parameters. */
function userFilter(params: Record<string, unknown>): Record<string, unknown> {
	const nested = param(params, 'filter');
	const filter: Record<string, unknown> = isObject(nested) ? { ...nested } : {};
	for (const [k, v] of Object.entries(params)) if (!RESERVED.has(k.toUpperCase())) filter[k] = v;
	return filter;
}

function listUsers(
	ctx: CallContext,
	filter: Record<string, unknown>,
): { result: unknown; total: number; next?: number } {
	const sort = param(ctx.params, 'sort');
	const order = param(ctx.params, 'order');
	const orderObj =
		typeof sort === 'string' ? { [sort]: typeof order === 'string' ? order : 'ASC' } : undefined;
	const rows = applyOrder(
		applyFilter(ctx.portal.store.users, filter, userResolver),
		orderObj,
		userResolver,
		(u) => u.ID,
	);
	const page = paginate(rows, param(ctx.params, 'start'));
	return { result: page.items.map(userView), total: page.total, next: page.next };
}

function currentUser(ctx: CallContext): User {
	const u = ctx.portal.store.users.find((x) => x.ID === ctx.auth.userId);
	if (!u) throw new Error('current user missing from the store');
	return u;
}

export const methods: MethodDef[] = [
	{
		name: 'user.current',
		scope: 'user',
		handler: (ctx) => ({ result: userView(currentUser(ctx)) }),
	},
	{ name: 'user.get', scope: 'user', handler: (ctx) => listUsers(ctx, userFilter(ctx.params)) },
	{
		name: 'user.search',
		scope: 'user',
		handler: (ctx) => {
			const filter = userFilter(ctx.params);
			const find = filter.FIND ?? filter.find;
			delete filter.FIND;
			delete filter.find;
			if (typeof find === 'string' && find) {
				const needle = find.toLowerCase();
				const ids = ctx.portal.store.users
					.filter((u) =>
						`${u.NAME} ${u.LAST_NAME} ${u.EMAIL} ${u.WORK_POSITION}`.toLowerCase().includes(needle),
					)
					.map((u) => u.ID);
				filter['@ID'] = ids.length ? ids : [0];
			}
			return listUsers(ctx, filter);
		},
	},
	{
		name: 'profile',
		scope: 'basic',
		handler: (ctx) => {
			const u = currentUser(ctx);
			return {
				result: {
					ID: String(u.ID),
					ADMIN: u.IS_ADMIN,
					NAME: u.NAME,
					LAST_NAME: u.LAST_NAME,
					PERSONAL_GENDER: u.PERSONAL_GENDER,
					PERSONAL_PHOTO: '',
					TIME_ZONE: u.TIME_ZONE,
					TIME_ZONE_OFFSET: 10800,
				},
			};
		},
	},
	{
		name: 'department.get',
		scope: 'department',
		handler: (ctx) => {
			const resolve: Resolver<Department> = (name) => {
				const key = name.toUpperCase() as keyof Department;
				return { def: { type: key === 'NAME' ? 'string' : 'integer' }, get: (d) => d[key] };
			};
			const filter: Record<string, unknown> = {};
			for (const [k, v] of Object.entries(ctx.params))
				if (!RESERVED.has(k.toUpperCase())) filter[k] = v;
			const rows = applyFilter(ctx.portal.store.departments, filter, resolve);
			const page = paginate(rows, param(ctx.params, 'start'));
			return {
				result: page.items.map((d) => ({
					ID: String(d.ID),
					NAME: d.NAME,
					SORT: d.SORT,
					...(d.PARENT !== undefined ? { PARENT: String(d.PARENT) } : {}),
					UF_HEAD: String(d.UF_HEAD),
				})),
				total: page.total,
				next: page.next,
			};
		},
	},
];
