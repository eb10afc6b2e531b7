/**
 * Business processes (scope `bizproc`) as bitrix24/b24restdocs api-reference/bizproc/ describes
 * them: bizproc-workflow-start.md, bizproc-workflow-instances.md, bizproc-workflow-terminate.md,
 * bizproc-workflow-kill.md, bizproc-task/bizproc-task-list.md, bizproc-task/bizproc-task-complete.md
 * bizproc-task/bizproc-task-delegate.md
 * and template/bizproc-workflow-template-{list,add,update,delete}.md. Error codes, texts and HTTP
 * statuses are the ones each page gives (they differ: ACCESS_DENIED is 403 for start / instances /
 * terminate / kill and 400 for the others).
 *
 * The portal does not run activities: a started workflow is "running" until its tasks are
 * done. Templates 1 (deal approval) and 3 (purchase request) give one task when they start, as
 * their first activity would; completing every task of a workflow ends it (it leaves the list of
 * running workflows, its tasks stay listed as the docs say they do for a day).
 */
import { isoDate, RestError } from '../envelope';
import { applyFilter, applyOrder, paginate, Resolver } from '../filter';
import { isObject, phpInt } from '../php-query';
import { CallContext, MethodDef, param } from '../registry';
import { SEED_BASE_MS } from '../seed';
import type { Store, User } from '../store';

const DAY = 86_400_000;

// ---------------------------------------------------------------- state

export interface Template {
	ID: number;
	MODULE_ID: string;
	ENTITY: string;
	DOCUMENT_TYPE: string;
	AUTO_EXECUTE: number;
	NAME: string;
	DESCRIPTION: string;
	PARAMETERS: Record<string, unknown>;
	MODIFIED: number;
	IS_MODIFIED: 'Y' | 'N';
	USER_ID: number;
	SYSTEM_CODE: string;
	/** the activity its first task comes from, if any */
	firstTask?: { ACTIVITY: string; NAME: string; PARAMETERS: Record<string, unknown> };
	/** TEMPLATE_DATA of templates added through REST (the .bpt file's bytes) */
	data?: Buffer;
	/** the OAuth application that added it (only it may update or delete it) */
	clientId?: string;
}

export interface Instance {
	ID: string;
	MODIFIED: number;
	OWNED_UNTIL: number | null;
	MODULE_ID: string;
	ENTITY: string;
	DOCUMENT_ID: string;
	STARTED: number;
	STARTED_BY: number;
	TEMPLATE_ID: number;
	PARAMETERS: Record<string, unknown>;
}

export interface WorkflowTask {
	ID: number;
	WORKFLOW_ID: string;
	DOCUMENT_NAME: string;
	DESCRIPTION: string;
	NAME: string;
	MODIFIED: number;
	OVERDUE_DATE: number | null;
	STATUS: number;
	USER_ID: number;
	USER_STATUS: number;
	ACTIVITY: string;
	ACTIVITY_NAME: string;
	PARAMETERS: Record<string, unknown>;
	COMMENT?: string;
	FIELDS?: Record<string, unknown>;
}

export interface BizprocState {
	templates: Map<number, Template>;
	instances: Map<string, Instance>;
	tasks: Map<number, WorkflowTask>;
	/** workflows stopped by terminate (kept with their status text) */
	terminated: Map<string, { instance: Instance; status: string }>;
	nextTemplate: number;
	nextTask: number;
	nextWorkflow: number;
}

const APPROVE_PARAMETERS = {
	CommentLabel: 'Comment',
	CommentRequired: 'N',
	ShowComment: 'Y',
	StatusYesLabel: 'Approve',
	StatusNoLabel: 'Reject',
};

/** The seed: three templates, one running deal approval on DEAL_1 with a task for user 1. */
export const DEMO_TEMPLATES = [
	{
		ID: 1,
		MODULE_ID: 'crm',
		ENTITY: 'CCrmDocumentDeal',
		DOCUMENT_TYPE: 'DEAL',
		AUTO_EXECUTE: 0,
		NAME: 'Deal approval',
		PARAMETERS: {
			approver: {
				Name: 'Approver',
				Description: '',
				Type: 'user',
				Required: 1,
				Multiple: 0,
				Default: 'user_1',
			},
		},
		firstTask: {
			ACTIVITY: 'ApproveActivity',
			NAME: 'Approve the deal',
			PARAMETERS: APPROVE_PARAMETERS,
		},
	},
	{
		ID: 2,
		MODULE_ID: 'crm',
		ENTITY: 'CCrmDocumentLead',
		DOCUMENT_TYPE: 'LEAD',
		AUTO_EXECUTE: 1,
		NAME: 'Lead qualification',
		PARAMETERS: {},
	},
	{
		ID: 3,
		MODULE_ID: 'lists',
		ENTITY: 'BizprocDocument',
		DOCUMENT_TYPE: 'iblock_2',
		AUTO_EXECUTE: 1,
		NAME: 'Purchase request',
		PARAMETERS: {},
		firstTask: {
			ACTIVITY: 'RequestInformationActivity',
			NAME: 'Add supplier details',
			PARAMETERS: {
				CommentLabel: 'Comment',
				CommentRequired: 'N',
				ShowComment: 'Y',
				StatusOkLabel: 'Save',
				Fields: [
					{
						Id: 'supplier',
						Type: 'string',
						Name: 'Supplier',
						Description: '',
						Multiple: false,
						Required: true,
						Options: null,
						Settings: null,
						Default: '',
					},
				],
			},
		},
	},
] as const;

export const DEMO_WORKFLOW_ID = '66e412fdc9bd44.36306599';
export const DEMO_TASK_ID = 1;

export function bizprocState(store: Store): BizprocState {
	return store.area<BizprocState>('bizproc', () => {
		const templates = new Map<number, Template>();
		for (const t of DEMO_TEMPLATES) {
			templates.set(t.ID, {
				...t,
				PARAMETERS: { ...t.PARAMETERS },
				DESCRIPTION: '',
				MODIFIED: SEED_BASE_MS - 20 * DAY,
				IS_MODIFIED: 'N',
				USER_ID: 1,
				SYSTEM_CODE: '',
				firstTask:
					'firstTask' in t
						? { ...t.firstTask, PARAMETERS: { ...t.firstTask.PARAMETERS } }
						: undefined,
			});
		}
		const started = SEED_BASE_MS - 2 * DAY;
		const instance: Instance = {
			ID: DEMO_WORKFLOW_ID,
			MODIFIED: started,
			OWNED_UNTIL: null,
			MODULE_ID: 'crm',
			ENTITY: 'CCrmDocumentDeal',
			DOCUMENT_ID: 'DEAL_1',
			STARTED: started,
			STARTED_BY: 2,
			TEMPLATE_ID: 1,
			PARAMETERS: { approver: 'user_1' },
		};
		const state: BizprocState = {
			templates,
			instances: new Map([[instance.ID, instance]]),
			tasks: new Map(),
			terminated: new Map(),
			nextTemplate: 4,
			nextTask: DEMO_TASK_ID,
			nextWorkflow: 1,
		};
		addFirstTask(state, instance, templates.get(1)!, 1);
		return state;
	});
}

function addFirstTask(
	state: BizprocState,
	instance: Instance,
	template: Template,
	userId: number,
): void {
	if (!template.firstTask) return;
	const id = state.nextTask++;
	state.tasks.set(id, {
		ID: id,
		WORKFLOW_ID: instance.ID,
		DOCUMENT_NAME: instance.DOCUMENT_ID,
		DESCRIPTION: '',
		NAME: template.firstTask.NAME,
		MODIFIED: instance.STARTED,
		OVERDUE_DATE: null,
		STATUS: 0,
		USER_ID: userId,
		USER_STATUS: 0,
		ACTIVITY: template.firstTask.ACTIVITY,
		ACTIVITY_NAME: `A${template.ID}_${id}`,
		PARAMETERS: template.firstTask.PARAMETERS,
	});
}

// ---------------------------------------------------------------- helpers

const state = (ctx: CallContext): BizprocState => bizprocState(ctx.portal.store);
const isEmpty = (v: unknown): boolean => v === undefined || v === null || v === '';

function caller(ctx: CallContext): User {
	const u = ctx.portal.store.users.find((x) => x.ID === ctx.auth.userId);
	if (!u) throw new Error('current user missing from the store');
	return u;
}

function requireAdmin(ctx: CallContext, status: number): void {
	if (!caller(ctx).IS_ADMIN) throw new RestError(status, 'ACCESS_DENIED', 'Access denied!');
}

function listParam(v: unknown): string[] {
	if (Array.isArray(v)) return v.map(String);
	if (isObject(v)) return Object.values(v).map(String);
	if (isEmpty(v)) return [];
	return [String(v)];
}

/** A list method's answer: FILTER / ORDER / SELECT in any case, field names in any case, 50 rows from start. */
function listAnswer<R>(
	ctx: CallContext,
	rows: R[],
	fields: Record<string, { type: string; get: (row: R) => unknown }>,
	view: (row: R) => Record<string, unknown>,
	defaults: { select: string[]; order: Record<string, string> },
	idOf: (row: R) => number,
): { result: unknown; total: number; next?: number } {
	const resolve: Resolver<R> = (name) => {
		const f = fields[name.toUpperCase()];
		return f ? { def: { type: f.type }, get: f.get } : undefined;
	};
	const upperKeys = (v: unknown): unknown =>
		isObject(v)
			? Object.fromEntries(
					Object.entries(v).map(([k, x]) => [k.replace(/[A-Za-z_]+$/, (m) => m.toUpperCase()), x]),
				)
			: v;
	const filtered = applyFilter(rows, upperKeys(param(ctx.params, 'FILTER')), resolve);
	const order = param(ctx.params, 'ORDER');
	const ordered = applyOrder(
		filtered,
		isObject(order) && Object.keys(order).length ? order : defaults.order,
		resolve,
		idOf,
	);
	const page = paginate(ordered, param(ctx.params, 'start'));
	const asked = listParam(param(ctx.params, 'SELECT')).map((s) => s.toUpperCase());
	const select = asked.length ? asked : defaults.select;
	const result = page.items.map((row) => {
		const full = view(row);
		return Object.fromEntries(select.filter((key) => key in full).map((key) => [key, full[key]]));
	});
	return { result, total: page.total, next: page.next };
}

const str = (v: number | null): string | null => (v === null ? null : String(v));
const date = (ms: number | null): string | null => (ms === null ? null : isoDate(ms));

// ---------------------------------------------------------------- documents

/** [module, class] -> the prefix of the element id and the template DOCUMENT_TYPE it belongs to. */
const DOCUMENT_CLASSES: Array<{
	module: string;
	entity: string;
	type: (element: string) => string | undefined;
}> = [
	...(['LEAD', 'CONTACT', 'COMPANY', 'DEAL'] as const).map((t) => ({
		module: 'crm',
		entity: `CCrmDocument${t[0]}${t.slice(1).toLowerCase()}`,
		type: (e: string) => (new RegExp(`^${t}_\\d+$`).test(e) ? t : undefined),
	})),
	{
		module: 'crm',
		entity: 'Bitrix\\Crm\\Integration\\BizProc\\Document\\Quote',
		type: (e) => (/^QUOTE_\d+$/.test(e) ? 'QUOTE' : undefined),
	},
	{
		module: 'crm',
		entity: 'Bitrix\\Crm\\Integration\\BizProc\\Document\\SmartInvoice',
		type: (e) => (/^SMART_INVOICE_\d+$/.test(e) ? 'SMART_INVOICE' : undefined),
	},
	{
		module: 'crm',
		entity: 'Bitrix\\Crm\\Integration\\BizProc\\Document\\Dynamic',
		type: (e) => /^(DYNAMIC_\d+)_\d+$/.exec(e)?.[1],
	},
	// list and Drive documents are bare ids; their DOCUMENT_TYPE (iblock_N, STORAGE_N) comes from the element
	{ module: 'lists', entity: 'BizprocDocument', type: (e) => (/^\d+$/.test(e) ? '*' : undefined) },
	{
		module: 'lists',
		entity: 'Bitrix\\Lists\\BizprocDocumentLists',
		type: (e) => (/^\d+$/.test(e) ? '*' : undefined),
	},
	{
		module: 'disk',
		entity: 'Bitrix\\Disk\\BizProcDocument',
		type: (e) => (/^\d+$/.test(e) ? '*' : undefined),
	},
];

const bad = (text: string): RestError => new RestError(400, '', text);

// ---------------------------------------------------------------- workflows

function workflowIdParam(ctx: CallContext): string {
	const id = param(ctx.params, 'ID');
	if (isEmpty(id))
		throw new RestError(400, 'ERROR_WRONG_WORKFLOW_ID', 'Empty workflow instance ID');
	return String(id);
}

/** The docs give no error for an unknown workflow: the portal answers with the empty-ID code and its own text. */
function runningWorkflow(ctx: CallContext, id: string): Instance {
	const instance = state(ctx).instances.get(id);
	if (!instance) throw new RestError(400, 'ERROR_WRONG_WORKFLOW_ID', 'Workflow instance not found');
	return instance;
}

const INSTANCE_FIELDS: Record<string, { type: string; get: (i: Instance) => unknown }> = {
	ID: { type: 'string', get: (i) => i.ID },
	MODIFIED: { type: 'datetime', get: (i) => date(i.MODIFIED) },
	OWNED_UNTIL: { type: 'datetime', get: (i) => date(i.OWNED_UNTIL) },
	MODULE_ID: { type: 'string', get: (i) => i.MODULE_ID },
	ENTITY: { type: 'string', get: (i) => i.ENTITY },
	DOCUMENT_ID: { type: 'string', get: (i) => i.DOCUMENT_ID },
	STARTED: { type: 'datetime', get: (i) => date(i.STARTED) },
	STARTED_BY: { type: 'integer', get: (i) => i.STARTED_BY },
	TEMPLATE_ID: { type: 'integer', get: (i) => i.TEMPLATE_ID },
};

function instanceView(i: Instance): Record<string, unknown> {
	return {
		ID: i.ID,
		MODIFIED: date(i.MODIFIED),
		OWNED_UNTIL: date(i.OWNED_UNTIL),
		MODULE_ID: i.MODULE_ID,
		ENTITY: i.ENTITY,
		DOCUMENT_ID: i.DOCUMENT_ID,
		STARTED: date(i.STARTED),
		STARTED_BY: String(i.STARTED_BY),
		TEMPLATE_ID: String(i.TEMPLATE_ID),
	};
}

/** uniqid('', true) style: 14 hex digits, a dot, 8 digits. */
function newWorkflowId(st: BizprocState): string {
	const n = st.nextWorkflow++;
	return `674a1b2c${(0x3d4e50 + n).toString(16).padStart(6, '0')}.${String(10_000_000 + n * 7919).slice(-8)}`;
}

/** A user parameter's value user_<id> (or a bare id): the approver of template 1. */
function userOf(ctx: CallContext, value: unknown): number | undefined {
	const m = /^(?:user_)?(\d+)$/.exec(String(value ?? ''));
	const id = m ? Number(m[1]) : undefined;
	return id && ctx.portal.store.users.some((u) => u.ID === id) ? id : undefined;
}

const workflowMethods: MethodDef[] = [
	{
		name: 'bizproc.workflow.start',
		scope: 'bizproc',
		handler: (ctx) => {
			requireAdmin(ctx, 403);
			const st = state(ctx);
			const templateId = param(ctx.params, 'TEMPLATE_ID');
			if (isEmpty(templateId))
				throw new RestError(400, 'ERROR_WRONG_WORKFLOW_ID', 'Empty TEMPLATE_ID');
			const template = st.templates.get(phpInt(templateId));
			if (!template) throw new RestError(400, 'ERROR_WRONG_WORKFLOW_ID', 'Template not found');
			const documentId = listParam(param(ctx.params, 'DOCUMENT_ID'));
			if (documentId.length !== 3 || documentId.some((part) => part === ''))
				throw bad('Wrong DOCUMENT_ID!');
			const [module, entity, element] = documentId;
			const kind = DOCUMENT_CLASSES.find((c) => c.module === module && c.entity === entity);
			const type = kind?.type(element);
			if (!kind || !type) throw bad('Incorrect document type!');
			if (
				template.MODULE_ID !== module ||
				template.ENTITY !== entity ||
				(type !== '*' && template.DOCUMENT_TYPE !== type)
			) {
				throw bad('Template type and DOCUMENT_ID mismatch!');
			}
			// the docs name no error for a document that does not exist or a required parameter left
			// out: the portal starts the workflow as given
			const parameters = param(ctx.params, 'PARAMETERS');
			const now = Date.now();
			const instance: Instance = {
				ID: newWorkflowId(st),
				MODIFIED: now,
				OWNED_UNTIL: null,
				MODULE_ID: module,
				ENTITY: entity,
				DOCUMENT_ID: element,
				STARTED: now,
				STARTED_BY: ctx.auth.userId,
				TEMPLATE_ID: template.ID,
				PARAMETERS: isObject(parameters) ? { ...parameters } : {},
			};
			st.instances.set(instance.ID, instance);
			addFirstTask(
				st,
				instance,
				template,
				userOf(ctx, instance.PARAMETERS.approver) ?? ctx.auth.userId,
			);
			return { result: instance.ID };
		},
	},
	...['bizproc.workflow.instances', 'bizproc.workflow.instance.list'].map(
		(name): MethodDef => ({
			name,
			scope: 'bizproc',
			handler: (ctx) => {
				requireAdmin(ctx, 403);
				const rows = [...state(ctx).instances.values()];
				return listAnswer(
					ctx,
					rows,
					INSTANCE_FIELDS,
					instanceView,
					{ select: ['ID', 'MODIFIED', 'OWNED_UNTIL'], order: { MODIFIED: 'DESC' } },
					(i) => i.STARTED,
				);
			},
		}),
	),
	{
		name: 'bizproc.workflow.terminate',
		scope: 'bizproc',
		handler: (ctx) => {
			requireAdmin(ctx, 403);
			const instance = runningWorkflow(ctx, workflowIdParam(ctx));
			const st = state(ctx);
			st.instances.delete(instance.ID);
			st.terminated.set(instance.ID, {
				instance,
				status: String(param(ctx.params, 'STATUS') ?? ''),
			});
			// "all data related to the workflow will be preserved": its tasks stay, no longer awaiting anyone
			for (const task of st.tasks.values())
				if (task.WORKFLOW_ID === instance.ID && task.STATUS === 0) task.STATUS = 3;
			return { result: true };
		},
	},
	{
		name: 'bizproc.workflow.kill',
		scope: 'bizproc',
		handler: (ctx) => {
			requireAdmin(ctx, 403);
			const instance = runningWorkflow(ctx, workflowIdParam(ctx));
			const st = state(ctx);
			st.instances.delete(instance.ID);
			for (const task of [...st.tasks.values()])
				if (task.WORKFLOW_ID === instance.ID) st.tasks.delete(task.ID);
			return { result: true };
		},
	},
];

// ---------------------------------------------------------------- tasks

const TASK_FIELD_NAMES = [
	'ID',
	'WORKFLOW_ID',
	'DOCUMENT_NAME',
	'DESCRIPTION',
	'NAME',
	'MODIFIED',
	'WORKFLOW_STARTED',
	'WORKFLOW_STARTED_BY',
	'OVERDUE_DATE',
	'WORKFLOW_TEMPLATE_ID',
	'WORKFLOW_TEMPLATE_NAME',
	'WORKFLOW_STATE',
	'STATUS',
	'USER_ID',
	'USER_STATUS',
	'MODULE_ID',
	'ENTITY',
	'DOCUMENT_ID',
	'ACTIVITY',
	'ACTIVITY_NAME',
	'PARAMETERS',
	'DOCUMENT_URL',
];
const TASK_NUMERIC = new Set([
	'ID',
	'WORKFLOW_STARTED_BY',
	'WORKFLOW_TEMPLATE_ID',
	'STATUS',
	'USER_ID',
	'USER_STATUS',
]);
const TASK_DATES = new Set(['MODIFIED', 'WORKFLOW_STARTED', 'OVERDUE_DATE']);

function workflowOf(st: BizprocState, task: WorkflowTask): Instance | undefined {
	return st.instances.get(task.WORKFLOW_ID) ?? st.terminated.get(task.WORKFLOW_ID)?.instance;
}

function taskView(st: BizprocState, task: WorkflowTask): Record<string, unknown> {
	const workflow = workflowOf(st, task);
	const template = workflow ? st.templates.get(workflow.TEMPLATE_ID) : undefined;
	return {
		ENTITY: workflow?.ENTITY ?? '',
		DOCUMENT_ID: workflow?.DOCUMENT_ID ?? '',
		ID: String(task.ID),
		WORKFLOW_ID: task.WORKFLOW_ID,
		DOCUMENT_NAME: task.DOCUMENT_NAME,
		DESCRIPTION: task.DESCRIPTION,
		NAME: task.NAME,
		MODIFIED: isoDate(task.MODIFIED),
		WORKFLOW_STARTED: date(workflow?.STARTED ?? null),
		WORKFLOW_STARTED_BY: str(workflow?.STARTED_BY ?? null),
		OVERDUE_DATE: date(task.OVERDUE_DATE),
		WORKFLOW_TEMPLATE_ID: str(workflow?.TEMPLATE_ID ?? null),
		WORKFLOW_TEMPLATE_NAME: template?.NAME ?? '',
		WORKFLOW_STATE: task.STATUS === 0 ? `Waiting: ${task.NAME}` : 'Completed',
		STATUS: String(task.STATUS),
		USER_ID: String(task.USER_ID),
		USER_STATUS: String(task.USER_STATUS),
		MODULE_ID: workflow?.MODULE_ID ?? '',
		ACTIVITY: task.ACTIVITY,
		ACTIVITY_NAME: task.ACTIVITY_NAME,
		PARAMETERS: task.PARAMETERS,
		DOCUMENT_URL:
			workflow?.MODULE_ID === 'crm'
				? `/crm/${workflow.DOCUMENT_ID.split('_')[0].toLowerCase()}/details/${workflow.DOCUMENT_ID.split('_').pop()}/`
				: '',
	};
}

/** Users whose tasks the caller may read: their own, and the members of departments they head. */
function mayReadTasksOf(ctx: CallContext, userId: number): boolean {
	const me = caller(ctx);
	if (me.IS_ADMIN || userId === me.ID) return true;
	const headed = ctx.portal.store.departments.filter((d) => d.UF_HEAD === me.ID).map((d) => d.ID);
	const user = ctx.portal.store.users.find((u) => u.ID === userId);
	return !!user && user.UF_DEPARTMENT.some((d) => headed.includes(d));
}

/** STATUS of bizproc.task.complete: numbers or their names; which ones fit depends on the activity. */
const STATUS_NAMES: Record<string, number> = { yes: 1, no: 2, ok: 3, cancel: 4 };
const STATUSES_BY_ACTIVITY: Record<string, number[]> = {
	ApproveActivity: [1, 2],
	ReviewActivity: [3],
	RequestInformationActivity: [3],
	RequestInformationOptionalActivity: [3, 4],
};

const taskMethods: MethodDef[] = [
	{
		name: 'bizproc.task.list',
		scope: 'bizproc',
		handler: (ctx) => {
			const st = state(ctx);
			const select = listParam(param(ctx.params, 'SELECT')).map((s) => s.toUpperCase());
			if (select.some((s) => !TASK_FIELD_NAMES.includes(s))) {
				throw new RestError(
					400,
					'ERROR_SELECT_VALIDATION_FAILURE',
					'Invalid data in SELECT parameter',
				);
			}
			const filter = param(ctx.params, 'FILTER');
			const userKey = isObject(filter)
				? Object.keys(filter).find((k) => k.replace(/^[=!<>]+/, '').toUpperCase() === 'USER_ID')
				: undefined;
			let rows = [...st.tasks.values()];
			if (userKey) {
				const wanted = listParam((filter as Record<string, unknown>)[userKey]).map(Number);
				if (wanted.some((id) => !mayReadTasksOf(ctx, id)))
					throw new RestError(400, 'ACCESS_DENIED', 'Access denied!');
			} else if (!caller(ctx).IS_ADMIN) {
				rows = rows.filter((t) => t.USER_ID === ctx.auth.userId);
			}
			const fields = Object.fromEntries(
				TASK_FIELD_NAMES.map((name) => [
					name,
					{
						type: TASK_NUMERIC.has(name) ? 'integer' : TASK_DATES.has(name) ? 'datetime' : 'string',
						get: (t: WorkflowTask) => taskView(st, t)[name],
					},
				]),
			);
			return listAnswer(
				ctx,
				rows,
				fields,
				(t) => taskView(st, t),
				{
					select: [
						'ENTITY',
						'DOCUMENT_ID',
						'ID',
						'WORKFLOW_ID',
						'DOCUMENT_NAME',
						'NAME',
						'DOCUMENT_URL',
					],
					order: { ID: 'ASC' },
				},
				(t) => t.ID,
			);
		},
	},
	{
		name: 'bizproc.task.complete',
		scope: 'bizproc',
		handler: (ctx) => {
			const st = state(ctx);
			const raw = param(ctx.params, 'TASK_ID');
			if (isEmpty(raw)) throw new RestError(400, 'ERROR_TASK_VALIDATION', 'empty TASK_ID');
			const task = st.tasks.get(phpInt(raw));
			// "you can only complete your own task": someone else's is not found for the caller
			if (!task || task.USER_ID !== ctx.auth.userId)
				throw new RestError(400, 'ERROR_TASK_NOT_FOUND', 'Task not found');
			if (task.STATUS !== 0)
				throw new RestError(400, 'ERROR_TASK_COMPLETED', 'Task already completed');
			const allowed = STATUSES_BY_ACTIVITY[task.ACTIVITY];
			if (!allowed) throw new RestError(400, 'ERROR_TASK_TYPE', 'Incorrect task type');
			const statusRaw = String(param(ctx.params, 'STATUS') ?? '')
				.trim()
				.toLowerCase();
			const status = STATUS_NAMES[statusRaw] ?? (/^\d+$/.test(statusRaw) ? Number(statusRaw) : NaN);
			if (!allowed.includes(status))
				throw new RestError(400, 'ERROR_TASK_VALIDATION', 'incorrect STATUS');
			// the task's own checks (required comment, required fields) are not modelled
			task.USER_STATUS = status === 4 ? 2 : status;
			task.STATUS = status === 4 ? 2 : status;
			task.MODIFIED = Date.now();
			const comment = param(ctx.params, 'COMMENT');
			if (!isEmpty(comment)) task.COMMENT = String(comment);
			const fields = param(ctx.params, 'FIELDS');
			if (isObject(fields)) task.FIELDS = { ...fields };
			const open = [...st.tasks.values()].some(
				(t) => t.WORKFLOW_ID === task.WORKFLOW_ID && t.STATUS === 0,
			);
			if (!open) st.instances.delete(task.WORKFLOW_ID);
			return { result: true };
		},
	},
	{
		// bizproc-task/bizproc-task-delegate.md: "You can only delegate your own task". Which users a
		// task lets one delegate to (subordinates, everyone, no one) is a template setting the portal
		// does not model: every active user of the portal is an intranet user who may get it. A caller
		// other than FROM_USER_ID is refused as the docs' system error ACCESS_DENIED (administrators
		// too: the page names no exception); a completed task no longer counts as the user's.
		name: 'bizproc.task.delegate',
		scope: 'bizproc',
		handler: (ctx) => {
			const st = state(ctx);
			const ids = listParam(param(ctx.params, 'TASK_IDS'));
			if (ids.length === 0 || ids.some((id) => !/^\d+$/.test(id.trim()) || Number(id) <= 0))
				throw new RestError(400, 'ERROR_TASK_VALIDATION', 'Invalid TASK_IDS');
			const user = (key: string): User => {
				const raw = String(param(ctx.params, key) ?? '').trim();
				const found = /^\d+$/.test(raw)
					? ctx.portal.store.users.find((u) => u.ID === Number(raw) && u.ACTIVE)
					: undefined;
				if (!found) throw new RestError(400, 'ERROR_INVALID_USER_ID', `Invalid ${key}`);
				return found;
			};
			const from = user('FROM_USER_ID');
			const to = user('TO_USER_ID');
			if (from.ID !== ctx.auth.userId) throw new RestError(403, 'ACCESS_DENIED', 'Access denied!');
			const errors: string[] = [];
			const tasks: WorkflowTask[] = [];
			for (const id of ids) {
				const task = st.tasks.get(Number(id));
				if (!task || task.USER_ID !== from.ID || task.STATUS !== 0)
					errors.push('User is not responsible for the task');
				else tasks.push(task);
			}
			if (errors.length) throw new RestError(400, 'ERROR_DELEGATION_NOT_ALLOWED', errors.join(';'));
			for (const task of tasks) {
				task.USER_ID = to.ID;
				task.MODIFIED = Date.now();
			}
			return { result: true };
		},
	},
];

// ---------------------------------------------------------------- templates

const TEMPLATE_FIELDS: Record<string, { type: string; get: (t: Template) => unknown }> = {
	ID: { type: 'integer', get: (t) => t.ID },
	MODULE_ID: { type: 'string', get: (t) => t.MODULE_ID },
	ENTITY: { type: 'string', get: (t) => t.ENTITY },
	DOCUMENT_TYPE: { type: 'string', get: (t) => t.DOCUMENT_TYPE },
	AUTO_EXECUTE: { type: 'integer', get: (t) => t.AUTO_EXECUTE },
	NAME: { type: 'string', get: (t) => t.NAME },
	MODIFIED: { type: 'datetime', get: (t) => isoDate(t.MODIFIED) },
	IS_MODIFIED: { type: 'string', get: (t) => t.IS_MODIFIED },
	USER_ID: { type: 'integer', get: (t) => t.USER_ID },
	SYSTEM_CODE: { type: 'string', get: (t) => t.SYSTEM_CODE },
};

function templateView(t: Template): Record<string, unknown> {
	return {
		ID: String(t.ID),
		MODULE_ID: t.MODULE_ID,
		ENTITY: t.ENTITY,
		DOCUMENT_TYPE: t.DOCUMENT_TYPE,
		AUTO_EXECUTE: String(t.AUTO_EXECUTE),
		NAME: t.NAME,
		// the activity tree is not modelled: an empty sequence
		TEMPLATE: [],
		PARAMETERS: Object.keys(t.PARAMETERS).length ? t.PARAMETERS : [],
		VARIABLES: [],
		CONSTANTS: [],
		MODIFIED: isoDate(t.MODIFIED),
		IS_MODIFIED: t.IS_MODIFIED,
		USER_ID: String(t.USER_ID),
		SYSTEM_CODE: t.SYSTEM_CODE,
	};
}

const invalid = (text: string): RestError =>
	new RestError(400, 'ERROR_TEMPLATE_VALIDATION_FAILURE', text);

/** Templates are written only from an application's context, by an administrator. */
function requireAppAdmin(ctx: CallContext): string {
	if (ctx.auth.kind !== 'oauth' || !ctx.auth.clientId)
		throw new RestError(400, 'ACCESS_DENIED', 'Application context required');
	requireAdmin(ctx, 400);
	return ctx.auth.clientId;
}

/** TEMPLATE_DATA as a file value: base64 text, [name, base64] or {fileData: [name, base64]}. */
function templateData(value: unknown): Buffer {
	let content: unknown = value;
	if (isObject(content) && 'fileData' in content) content = content.fileData;
	if (Array.isArray(content) || isObject(content)) content = listParam(content)[1];
	const text = typeof content === 'string' ? content.trim() : '';
	const data = /^[A-Za-z0-9+/=\s]+$/.test(text) ? Buffer.from(text, 'base64') : Buffer.alloc(0);
	if (!data.length) throw invalid('Incorrect field TEMPLATE_DATA!');
	return data;
}

function autoExecute(value: unknown): number {
	const n = isEmpty(value) ? 0 : Number(value);
	if (![0, 1, 2, 3].includes(n)) throw invalid('Incorrect field AUTO_EXECUTE!');
	return n;
}

/** update names ERROR_TEMPLATE_NOT_OWNER for another application's template; delete names no such code, so it is not found there. */
function ownTemplate(ctx: CallContext, clientId: string, forUpdate: boolean): Template {
	const template = state(ctx).templates.get(phpInt(param(ctx.params, 'ID')));
	const notFound = new RestError(400, 'ERROR_TEMPLATE_NOT_FOUND', 'Workflow template not found.');
	if (!template) throw notFound;
	if (template.clientId !== clientId) {
		if (!forUpdate) throw notFound;
		throw new RestError(
			400,
			'ERROR_TEMPLATE_NOT_OWNER',
			'You can update ONLY templates created by current application',
		);
	}
	return template;
}

const templateMethods: MethodDef[] = [
	{
		name: 'bizproc.workflow.template.list',
		scope: 'bizproc',
		handler: (ctx) => {
			requireAdmin(ctx, 400);
			const rows = [...state(ctx).templates.values()];
			return listAnswer(
				ctx,
				rows,
				TEMPLATE_FIELDS,
				templateView,
				{ select: ['ID'], order: { ID: 'ASC' } },
				(t) => t.ID,
			);
		},
	},
	{
		name: 'bizproc.workflow.template.add',
		scope: 'bizproc',
		handler: (ctx) => {
			const clientId = requireAppAdmin(ctx);
			const type = listParam(param(ctx.params, 'DOCUMENT_TYPE'));
			const kind = DOCUMENT_CLASSES.find((c) => c.module === type[0] && c.entity === type[1]);
			const typeOk =
				type.length === 3 &&
				!!kind &&
				(kind.type('1') === '*'
					? /^(iblock|STORAGE)_\d+$/.test(type[2])
					: kind.type(`${type[2]}_1`) === type[2]);
			if (!typeOk) throw invalid('Incorrect field DOCUMENT_TYPE!');
			const name = param(ctx.params, 'NAME');
			if (isEmpty(name)) throw invalid('Empty template name!');
			const auto = autoExecute(param(ctx.params, 'AUTO_EXECUTE'));
			const data = templateData(param(ctx.params, 'TEMPLATE_DATA'));
			const st = state(ctx);
			const template: Template = {
				ID: st.nextTemplate++,
				MODULE_ID: type[0],
				ENTITY: type[1],
				DOCUMENT_TYPE: type[2],
				AUTO_EXECUTE: auto,
				NAME: String(name),
				DESCRIPTION: String(param(ctx.params, 'DESCRIPTION') ?? ''),
				PARAMETERS: {},
				MODIFIED: Date.now(),
				IS_MODIFIED: 'N',
				USER_ID: ctx.auth.userId,
				SYSTEM_CODE: `rest_app_${clientId}`,
				data,
				clientId,
			};
			st.templates.set(template.ID, template);
			return { result: template.ID };
		},
	},
	{
		name: 'bizproc.workflow.template.update',
		scope: 'bizproc',
		handler: (ctx) => {
			const clientId = requireAppAdmin(ctx);
			const template = ownTemplate(ctx, clientId, true);
			const fields = param(ctx.params, 'FIELDS');
			const known = isObject(fields)
				? Object.keys(fields).filter((k) =>
						['NAME', 'DESCRIPTION', 'TEMPLATE_DATA', 'AUTO_EXECUTE'].includes(k.toUpperCase()),
					)
				: [];
			if (!isObject(fields) || known.length === 0) throw invalid('No fields to update.');
			const draft = { ...template };
			for (const key of known) {
				const value = fields[key];
				switch (key.toUpperCase()) {
					case 'NAME':
						if (isEmpty(value)) throw invalid('Empty template name!');
						draft.NAME = String(value);
						break;
					case 'DESCRIPTION':
						draft.DESCRIPTION = String(value ?? '');
						break;
					case 'AUTO_EXECUTE':
						draft.AUTO_EXECUTE = autoExecute(value);
						break;
					default:
						draft.data = templateData(value);
				}
			}
			Object.assign(template, draft, { MODIFIED: Date.now() });
			return { result: template.ID };
		},
	},
	{
		name: 'bizproc.workflow.template.delete',
		scope: 'bizproc',
		handler: (ctx) => {
			const clientId = requireAppAdmin(ctx);
			const template = ownTemplate(ctx, clientId, false);
			state(ctx).templates.delete(template.ID);
			return { result: null };
		},
	},
];

export const methods: MethodDef[] = [...workflowMethods, ...taskMethods, ...templateMethods];
