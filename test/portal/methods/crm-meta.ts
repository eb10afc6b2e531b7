/** Pipelines, stages and smart-process types: crm.type.*, crm.category.*, crm.status.list. */
import { isoDate, RestError } from '../envelope';
import { applyFilter, applyOrder, paginate, Resolver } from '../filter';
import { phpInt } from '../php-query';
import { CallContext, MethodDef, param } from '../registry';
import type { Category, SmartType, StatusRow, Store } from '../store';
import { storedTypeFlags } from './crm-type-flags';

/** A type as crm.type.get/list show it, with the flags and relations crm.type.add/update stored. */
function typeView(t: SmartType, store: Store): Record<string, unknown> {
	return { ...fixedTypeView(t), ...storedTypeFlags(store, t.id) };
}

function fixedTypeView(t: SmartType): Record<string, unknown> {
	return {
		id: t.id,
		title: t.title,
		code: t.code,
		createdBy: 1,
		entityTypeId: t.entityTypeId,
		customSectionId: null,
		isCategoriesEnabled: 'Y',
		isStagesEnabled: 'Y',
		isBeginCloseDatesEnabled: 'Y',
		isClientEnabled: 'Y',
		isUseInUserfieldEnabled: 'Y',
		isLinkWithProductsEnabled: 'Y',
		isMycompanyEnabled: 'N',
		isDocumentsEnabled: 'N',
		isSourceEnabled: 'N',
		isObserversEnabled: 'Y',
		isRecyclebinEnabled: 'Y',
		isAutomationEnabled: 'Y',
		isBizProcEnabled: 'Y',
		isSetOpenPermissions: 'Y',
		isPaymentsEnabled: 'N',
		isCountersEnabled: 'N',
		createdTime: t.createdTime,
		updatedTime: t.createdTime,
		updatedBy: 1,
	};
}

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

function statusView(s: StatusRow): Record<string, unknown> {
	const out: Record<string, unknown> = {
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
	if (/STAGE|^STATUS$/.test(s.ENTITY_ID)) {
		out.EXTRA = {
			SEMANTICS: s.SEMANTICS === 'S' ? 'success' : s.SEMANTICS === 'F' ? 'failure' : 'process',
			COLOR: s.COLOR,
		};
	}
	return out;
}

const plainResolver =
	<R extends object>(numeric: string[]): Resolver<R> =>
	(name) => ({
		def: { type: numeric.includes(name) ? 'integer' : 'string' },
		get: (row) => (row as Record<string, unknown>)[name],
	});

function entityTypeIdOf(ctx: CallContext): number {
	const raw = ctx.params.entityTypeId;
	if (raw === undefined || raw === null || raw === '') {
		throw new RestError(
			400,
			'INVALID_ARG_VALUE',
			'Could not find value for parameter {entityTypeId}',
		);
	}
	const id = phpInt(raw);
	if (!ctx.portal.store.table(id)) throw new RestError(400, 'NOT_FOUND', 'SPA not found');
	return id;
}

export const methods: MethodDef[] = [
	{
		name: 'crm.type.list',
		scope: 'crm',
		handler: (ctx) => {
			const resolve = plainResolver<SmartType>(['id', 'entityTypeId']);
			const rows = applyOrder(
				applyFilter(ctx.portal.store.smartTypes, ctx.params.filter, resolve),
				ctx.params.order,
				resolve,
				(t) => t.id,
			);
			const page = paginate(rows, ctx.params.start);
			return {
				result: { types: page.items.map((t) => typeView(t, ctx.portal.store)) },
				total: page.total,
				next: page.next,
			};
		},
	},
	{
		name: 'crm.type.get',
		scope: 'crm',
		handler: (ctx) => {
			const t = ctx.portal.store.smartTypes.find((x) => x.id === phpInt(ctx.params.id));
			if (!t) throw new RestError(400, 'NOT_FOUND', 'SPA not found');
			return { result: { type: typeView(t, ctx.portal.store) } };
		},
	},
	{
		name: 'crm.type.getByEntityTypeId',
		scope: 'crm',
		handler: (ctx) => {
			const t = ctx.portal.store.smartTypes.find(
				(x) => x.entityTypeId === phpInt(ctx.params.entityTypeId),
			);
			if (!t) throw new RestError(400, 'NOT_FOUND', 'SPA not found');
			return { result: { type: typeView(t, ctx.portal.store) } };
		},
	},
	{
		name: 'crm.category.list',
		scope: 'crm',
		handler: (ctx) => {
			const entityTypeId = entityTypeIdOf(ctx);
			const rows = ctx.portal.store.categories
				.filter((c) => c.entityTypeId === entityTypeId)
				.sort((a, b) => a.sort - b.sort);
			return { result: { categories: rows.map(categoryView) }, total: rows.length };
		},
	},
	{
		name: 'crm.category.get',
		scope: 'crm',
		handler: (ctx) => {
			const entityTypeId = entityTypeIdOf(ctx);
			const c = ctx.portal.store.categories.find(
				(x) => x.entityTypeId === entityTypeId && x.id === phpInt(ctx.params.id),
			);
			if (!c) throw new RestError(400, 'NOT_FOUND', 'Category not found');
			return { result: { category: categoryView(c) } };
		},
	},
	{
		name: 'crm.status.list',
		scope: 'crm',
		handler: (ctx) => {
			const resolve: Resolver<StatusRow> = (name) => {
				const key = name.toUpperCase() as keyof StatusRow;
				const numeric = ['ID', 'SORT', 'CATEGORY_ID'].includes(key);
				return { def: { type: numeric ? 'integer' : 'string' }, get: (row) => row[key] };
			};
			const filtered = applyFilter(ctx.portal.store.statuses, param(ctx.params, 'filter'), resolve);
			const order = param(ctx.params, 'order') ?? { SORT: 'ASC' };
			const rows = applyOrder(filtered, order, resolve, (s) => s.ID);
			const page = paginate(rows, param(ctx.params, 'start'));
			return { result: page.items.map(statusView), total: page.total, next: page.next };
		},
	},
	{
		name: 'crm.dealcategory.stage.list',
		scope: 'crm',
		handler: (ctx) => {
			const id = phpInt(param(ctx.params, 'id') ?? 0);
			const stages = ctx.portal.store.stagesOf(2, id);
			return {
				result: stages.map((s) => ({ NAME: s.NAME, SORT: String(s.SORT), STATUS_ID: s.STATUS_ID })),
			};
		},
	},
	{
		name: 'crm.currency.list',
		scope: 'crm',
		handler: () => ({
			result: [
				{
					CURRENCY: 'USD',
					AMOUNT_CNT: '1',
					AMOUNT: '1.0000',
					SORT: '100',
					BASE: 'Y',
					FULL_NAME: 'US Dollar',
					LID: 'en',
					FORMAT_STRING: '$#',
					DATE_UPDATE: isoDate(Date.UTC(2024, 0, 1)),
				},
				{
					CURRENCY: 'EUR',
					AMOUNT_CNT: '1',
					AMOUNT: '1.1000',
					SORT: '200',
					BASE: 'N',
					FULL_NAME: 'Euro',
					LID: 'en',
					FORMAT_STRING: '&euro;#',
					DATE_UPDATE: isoDate(Date.UTC(2024, 0, 1)),
				},
			],
			total: 2,
		}),
	},
];
