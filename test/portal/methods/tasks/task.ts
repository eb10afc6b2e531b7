/** tasks.task.* (CRUD, status actions, user actions, history, access, fields), task.dependence.*, task.planner.getlist. */
import { parseDate, isoDate } from '../../envelope';
import { applyFilter, applyOrder, paginate, Resolver } from '../../filter';
import { isObject, phpInt } from '../../php-query';
import { CallContext, MethodDef, param } from '../../registry';
import { TASK_FIELDS } from './fields';
import {
	date,
	flag,
	ids,
	str,
	Task,
	taskError,
	TasksState,
	tasksState,
	userCard,
	userOf,
	yn,
} from './state';

/** UPPER_CASE field -> lowerCamel key of the task view. */
export function camel(name: string): string {
	return name.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

const STATUS_NAMES: Record<number, string> = {
	2: 'pending',
	3: 'in progress',
	4: 'awaiting control',
	5: 'completed',
	6: 'deferred',
};

type Action = 'start' | 'pause' | 'complete' | 'defer' | 'renew' | 'approve' | 'disapprove';

/** Which status each action may start from, as the task card offers it. */
const ACTION_FROM: Record<Action, number[]> = {
	start: [2],
	pause: [3],
	complete: [2, 3],
	defer: [2, 3],
	renew: [4, 5, 6],
	approve: [4],
	disapprove: [4],
};

function can(task: Task, action: Action, userId: number): boolean {
	if (!ACTION_FROM[action].includes(task.status)) return false;
	if (action === 'approve' || action === 'disapprove')
		return task.createdBy === userId || userId === 1;
	return true;
}

/** The task's `action` block (tasks.task.get) for a user. */
function actions(task: Task, userId: number): Record<string, boolean> {
	const fav = task.favoriteOf.has(userId);
	return {
		accept: false,
		decline: false,
		complete: can(task, 'complete', userId),
		approve: can(task, 'approve', userId),
		disapprove: can(task, 'disapprove', userId),
		start: can(task, 'start', userId),
		pause: can(task, 'pause', userId),
		delegate: true,
		remove: true,
		edit: true,
		defer: can(task, 'defer', userId),
		renew: can(task, 'renew', userId),
		create: true,
		changeDeadline: true,
		checklistAddItems: true,
		addFavorite: !fav,
		deleteFavorite: fav,
		rate: true,
		take: false,
		'edit.originator': false,
		'checklist.reorder': true,
		'elapsedtime.add': true,
		'dayplan.timer.toggle': false,
		'edit.plan': true,
		'checklist.add': true,
		'favorite.add': !fav,
		'favorite.delete': fav,
	};
}

/** The lowerCamel view: every value a string (or null), as tasks.task.get answers. */
function fullView(state: TasksState, ctx: CallContext, t: Task): Record<string, unknown> {
	const store = ctx.portal.store;
	const userId = ctx.auth.userId;
	const commentsCount = [...state.comments.values()].filter((c) => c.TASK_ID === t.id).length;
	const view: Record<string, unknown> = {
		id: String(t.id),
		parentId: str(t.parentId),
		title: t.title,
		description: t.description,
		mark: null,
		priority: String(t.priority),
		multitask: 'N',
		notViewed: 'N',
		replicate: 'N',
		stageId: String(t.stageId),
		createdBy: String(t.createdBy),
		createdDate: date(t.createdDate),
		responsibleId: String(t.responsibleId),
		changedBy: String(t.changedBy),
		changedDate: date(t.changedDate),
		statusChangedBy: str(t.statusChangedBy),
		closedBy: str(t.closedBy),
		closedDate: date(t.closedDate),
		activityDate: date(t.changedDate),
		dateStart: date(t.dateStart),
		deadline: t.deadline,
		startDatePlan: t.startDatePlan,
		endDatePlan: t.endDatePlan,
		guid: `{00000000-0000-4000-8000-${String(t.id).padStart(12, '0')}}`,
		xmlId: null,
		commentsCount: commentsCount ? String(commentsCount) : null,
		allowChangeDeadline: t.allowChangeDeadline,
		allowTimeTracking: t.allowTimeTracking,
		taskControl: t.taskControl,
		addInReport: 'N',
		timeEstimate: String(t.timeEstimate),
		matchWorkTime: 'N',
		siteId: 's1',
		subordinate: 'N',
		isMuted: yn(t.mutedBy.has(userId)),
		isPinned: 'N',
		isPinnedInGroup: 'N',
		descriptionInBbcode: 'Y',
		status: String(t.status),
		statusChangedDate: date(t.statusChangedDate),
		durationPlan: null,
		durationType: 'days',
		favorite: yn(t.favoriteOf.has(userId)),
		groupId: String(t.groupId),
		auditors: t.auditors.map(String),
		accomplices: t.accomplices.map(String),
		tags: t.tags,
		group: t.groupId
			? {
					id: String(t.groupId),
					name: `Group ${t.groupId}`,
					opened: true,
					membersCount: 0,
					image: '',
					additionalData: [],
				}
			: [],
		creator: userCard(store, t.createdBy),
		responsible: userCard(store, t.responsibleId),
		accomplicesData: t.accomplices.length
			? Object.fromEntries(t.accomplices.map((id) => [String(id), userCard(store, id)]))
			: [],
		auditorsData: t.auditors.length
			? Object.fromEntries(t.auditors.map((id) => [String(id), userCard(store, id)]))
			: [],
		newCommentsCount: 0,
		action: actions(t, userId),
		subStatus: String(t.status),
	};
	return view;
}

function ufView(t: Task, name: string): unknown {
	if (name === 'UF_TASK_WEBDAV_FILES') return t.files.length ? t.files : false;
	return t.uf[name] ?? (name === 'UF_CRM_TASK' ? false : null);
}

/** The view limited to `select` (UPPER_CASE names, `*` for all, UF_* only when named). */
function selectView(
	state: TasksState,
	ctx: CallContext,
	t: Task,
	select: string[] | undefined,
): Record<string, unknown> {
	const full = fullView(state, ctx, t);
	if (!select || select.length === 0) return full;
	const names = select.map((s) => s.toUpperCase());
	const out: Record<string, unknown> = names.includes('*') ? { ...full } : { id: full.id };
	for (const name of names) {
		if (name === '*') continue;
		if (name.startsWith('UF_')) {
			out[camel(name)] = ufView(t, name);
			continue;
		}
		const key = camel(name);
		if (name === 'REAL_STATUS') out.status = full.status;
		else if (key in full) out[key] = full[key];
	}
	return out;
}

function selectParam(ctx: CallContext): string[] | undefined {
	const raw = param(ctx.params, 'select');
	if (raw === undefined) return undefined;
	if (Array.isArray(raw)) return raw.map(String);
	if (isObject(raw)) return Object.values(raw).map(String);
	if (typeof raw === 'string' && raw) return [raw];
	throw taskError(
		'100',
		`Invalid value ${JSON.stringify(raw)} to match with parameter {select}. Should be value of type array. (internal error)`,
	);
}

/** taskId as the tasks.task.* controller reads it. */
export function taskIdParam(ctx: CallContext, name = 'taskId'): number {
	const raw = param(ctx.params, name);
	if (raw === undefined || raw === null || raw === '') {
		throw taskError(
			'100',
			'CTaskItem All parameters in the constructor must have real class type (internal error)',
		);
	}
	if (!/^\d+$/.test(String(raw)) || typeof raw === 'object') throw taskError('0', 'wrong task id');
	return phpInt(raw);
}

function dateInput(v: unknown): string | null {
	if (v === null || v === undefined || v === '') return null;
	const ms = parseDate(v);
	if (ms === undefined) return null;
	return isoDate(ms);
}

function emit(ctx: CallContext, event: string, id: number): void {
	ctx.portal.events.emit(event, { FIELDS_AFTER: { ID: String(id) } });
}

function log(
	state: TasksState,
	task: Task,
	field: string,
	from: unknown,
	to: unknown,
	userId: number,
	at: number,
): void {
	state.history.push({
		id: state.next.history++,
		taskId: task.id,
		createdDate: at,
		field,
		from: from === null || from === undefined ? null : String(from),
		to: to === null || to === undefined ? null : String(to),
		userId,
	});
}

/** Applies UPPER_CASE input to a task; errors as tasks.task.add/update state them. */
function applyFields(
	ctx: CallContext,
	state: TasksState,
	task: Task,
	input: Record<string, unknown>,
	creating: boolean,
): void {
	const store = ctx.portal.store;
	const at = Date.now();
	const fields: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(input)) fields[k.startsWith('UF_') ? k : k.toUpperCase()] = v;
	const has = (k: string): boolean => Object.prototype.hasOwnProperty.call(fields, k);
	const title = has('TITLE') ? String(fields.TITLE ?? '').trim() : task.title;
	if (!title) throw taskError('ERROR_CORE', 'Task title is not specified<br>');
	const responsible = has('RESPONSIBLE_ID') ? phpInt(fields.RESPONSIBLE_ID) : task.responsibleId;
	if (!responsible) throw taskError('ERROR_CORE', 'Responsible person is not specified<br>');
	if (!userOf(store, responsible))
		throw taskError('ERROR_CORE', 'User specified in the "Responsible" field not found<br>');
	if (has('STATUS')) {
		const s = phpInt(fields.STATUS);
		if (!STATUS_NAMES[s]) throw taskError('ERROR_CORE', 'Incorrect status<br>');
	}
	if (has('PARENT_ID') && phpInt(fields.PARENT_ID) > 0) {
		const parent = phpInt(fields.PARENT_ID);
		if (!creating && parent === task.id)
			throw taskError('ERROR_CORE', 'Cannot bind the node to itself<br>');
		if (!state.tasks.has(parent))
			throw taskError('ERROR_CORE', 'Task specified in the "Parent Task" field not found<br>');
	}
	const start = has('START_DATE_PLAN') ? dateInput(fields.START_DATE_PLAN) : task.startDatePlan;
	const end = has('END_DATE_PLAN') ? dateInput(fields.END_DATE_PLAN) : task.endDatePlan;
	if (start && end && (parseDate(end) ?? 0) < (parseDate(start) ?? 0)) {
		throw taskError('ERROR_CORE', 'The end date in scheduling is earlier than the start date<br>');
	}
	for (const f of state.userFields.values()) {
		if (
			creating &&
			f.MANDATORY === 'Y' &&
			(fields[f.FIELD_NAME] === undefined || fields[f.FIELD_NAME] === '')
		) {
			throw taskError(
				'ERROR_CORE',
				`Required field "${f.LABEL || f.FIELD_NAME}" value not entered<br>`,
			);
		}
	}

	if (!creating && title !== task.title)
		log(state, task, 'TITLE', task.title, title, ctx.auth.userId, at);
	if (!creating && responsible !== task.responsibleId)
		log(state, task, 'RESPONSIBLE_ID', task.responsibleId, responsible, ctx.auth.userId, at);
	task.title = title;
	task.responsibleId = responsible;
	if (has('DESCRIPTION')) task.description = String(fields.DESCRIPTION ?? '');
	if (has('PRIORITY')) task.priority = Math.min(2, Math.max(0, phpInt(fields.PRIORITY)));
	if (has('STATUS')) setStatus(state, task, phpInt(fields.STATUS), ctx.auth.userId, at);
	if (has('CREATED_BY') && userOf(store, phpInt(fields.CREATED_BY)))
		task.createdBy = phpInt(fields.CREATED_BY);
	if (has('DEADLINE')) {
		const deadline = dateInput(fields.DEADLINE);
		if (!creating && deadline !== task.deadline)
			log(state, task, 'DEADLINE', task.deadline, deadline, ctx.auth.userId, at);
		task.deadline = deadline;
	}
	task.startDatePlan = start;
	task.endDatePlan = end;
	if (has('GROUP_ID')) task.groupId = phpInt(fields.GROUP_ID);
	if (has('PARENT_ID')) task.parentId = phpInt(fields.PARENT_ID) || null;
	if (has('STAGE_ID')) task.stageId = phpInt(fields.STAGE_ID);
	if (has('ACCOMPLICES')) task.accomplices = ids(fields.ACCOMPLICES);
	if (has('AUDITORS')) task.auditors = ids(fields.AUDITORS);
	if (has('TASK_CONTROL')) task.taskControl = yn(flag(fields.TASK_CONTROL));
	if (has('ALLOW_TIME_TRACKING')) task.allowTimeTracking = yn(flag(fields.ALLOW_TIME_TRACKING));
	if (has('ALLOW_CHANGE_DEADLINE'))
		task.allowChangeDeadline = yn(flag(fields.ALLOW_CHANGE_DEADLINE));
	if (has('TIME_ESTIMATE')) task.timeEstimate = phpInt(fields.TIME_ESTIMATE);
	if (has('TAGS')) {
		const tags = fields.TAGS;
		task.tags = (
			Array.isArray(tags) ? tags : isObject(tags) ? Object.values(tags) : String(tags).split(',')
		)
			.map((x) => String(x).trim())
			.filter(Boolean);
	}
	for (const f of state.userFields.values())
		if (has(f.FIELD_NAME)) task.uf[f.FIELD_NAME] = fields[f.FIELD_NAME];
	task.changedBy = ctx.auth.userId;
	task.changedDate = at;
}

function setStatus(
	state: TasksState,
	task: Task,
	status: number,
	userId: number,
	at: number,
): void {
	if (task.status === status) return;
	log(state, task, 'STATUS', task.status, status, userId, at);
	task.status = status;
	task.statusChangedBy = userId;
	task.statusChangedDate = at;
	if (status === 3 && task.dateStart === null) task.dateStart = at;
	if (status === 5) {
		task.closedBy = userId;
		task.closedDate = at;
	} else if (status !== 4) {
		task.closedBy = null;
		task.closedDate = null;
	}
	task.changedBy = userId;
	task.changedDate = at;
}

function fieldsParam(ctx: CallContext): Record<string, unknown> {
	const fields = param(ctx.params, 'fields');
	if (!isObject(fields) || Object.keys(fields).length === 0) {
		throw taskError('100', 'Could not find value for parameter {fields} (internal error)');
	}
	return fields;
}

function existing(state: TasksState, id: number, code: string, description: string): Task {
	const t = state.tasks.get(id);
	if (!t) throw taskError(code, description);
	return t;
}

const NUMERIC = new Set([
	'ID',
	'PARENT_ID',
	'GROUP_ID',
	'CREATED_BY',
	'RESPONSIBLE_ID',
	'PRIORITY',
	'REAL_STATUS',
	'STATUS',
	'STAGE_ID',
	'CHANGED_BY',
	'TIME_ESTIMATE',
]);
const DATES = new Set([
	'DEADLINE',
	'CREATED_DATE',
	'CHANGED_DATE',
	'CLOSED_DATE',
	'DATE_START',
	'START_DATE_PLAN',
	'END_DATE_PLAN',
	'ACTIVITY_DATE',
]);

function taskValue(t: Task, key: string): unknown {
	switch (key) {
		case 'REAL_STATUS':
		case 'STATUS':
			return t.status;
		case 'CREATED_DATE':
			return isoDate(t.createdDate);
		case 'CHANGED_DATE':
		case 'ACTIVITY_DATE':
			return isoDate(t.changedDate);
		case 'CLOSED_DATE':
			return t.closedDate === null ? null : isoDate(t.closedDate);
		case 'DATE_START':
			return t.dateStart === null ? null : isoDate(t.dateStart);
		case 'ACCOMPLICE':
			return t.accomplices;
		case 'AUDITOR':
			return t.auditors;
		case 'TAG':
			return t.tags;
		default:
			return (t as unknown as Record<string, unknown>)[camel(key)];
	}
}

function taskResolver(ctx: CallContext): Resolver<Task> {
	return (name) => {
		const key = name.toUpperCase();
		if (key === 'FAVORITE')
			return { def: { type: 'string' }, get: (t) => yn(t.favoriteOf.has(ctx.auth.userId)) };
		if (key === 'ACCOMPLICE' || key === 'AUDITOR')
			return { def: { type: 'integer', isMultiple: true }, get: (t) => taskValue(t, key) };
		if (key === 'TAG') return { def: { type: 'string', isMultiple: true }, get: (t) => t.tags };
		if (NUMERIC.has(key)) return { def: { type: 'integer' }, get: (t) => taskValue(t, key) };
		if (DATES.has(key)) return { def: { type: 'datetime' }, get: (t) => taskValue(t, key) };
		if (['TITLE', 'DESCRIPTION'].includes(key))
			return { def: { type: 'string' }, get: (t) => taskValue(t, key) };
		return undefined;
	};
}

const SORTABLE = new Set([
	'ID',
	'TITLE',
	'DATE_START',
	'CREATED_DATE',
	'CHANGED_DATE',
	'CLOSED_DATE',
	'ACTIVITY_DATE',
	'START_DATE_PLAN',
	'END_DATE_PLAN',
	'DEADLINE',
	'REAL_STATUS',
	'STATUS',
	'PRIORITY',
	'GROUP_ID',
	'TIME_ESTIMATE',
	'STATUS_COMPLETE',
	'MARK',
	'SORTING',
]);

function listTasks(ctx: CallContext): { result: unknown; total: number; next?: number } {
	const state = tasksState(ctx.portal.store);
	const resolve = taskResolver(ctx);
	const orderRaw = param(ctx.params, 'order');
	const order: Record<string, unknown> =
		isObject(orderRaw) && Object.keys(orderRaw).length ? orderRaw : { ID: 'DESC' };
	for (const key of Object.keys(order)) {
		if (!SORTABLE.has(key.toUpperCase()))
			throw taskError('0', 'Invalid sorting key (internal error)');
	}
	const filter = param(ctx.params, 'filter');
	const rows = applyOrder(
		applyFilter([...state.tasks.values()], filter, resolve),
		order,
		resolve,
		(t) => t.id,
	);
	const page = paginate(rows, param(ctx.params, 'start'));
	const select = selectParam(ctx);
	return {
		result: { tasks: page.items.map((t) => selectView(state, ctx, t, select)) },
		total: page.total,
		next: page.next,
	};
}

/** A status action: `from` statuses, the target, and the error the docs give for each method. */
function statusAction(name: Action, errorCode: string): MethodDef {
	return {
		name: `tasks.task.${name}`,
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			const id = taskIdParam(ctx);
			const task = state.tasks.get(id);
			if (!task || !can(task, name, ctx.auth.userId))
				throw taskError(errorCode, 'Action on the task is not allowed');
			const userId = ctx.auth.userId;
			const at = Date.now();
			let target: number;
			switch (name) {
				case 'start':
					target = 3;
					break;
				case 'pause':
				case 'renew':
				case 'disapprove':
					target = 2;
					break;
				case 'defer':
					target = 6;
					break;
				case 'approve':
					target = 5;
					break;
				default:
					// With "accept work" on, a task completed by anyone but its creator waits for control.
					target = task.taskControl === 'Y' && task.createdBy !== userId ? 4 : 5;
			}
			if (name === 'renew') log(state, task, 'RENEW', null, null, userId, at);
			setStatus(state, task, target, userId, at);
			emit(ctx, 'ONTASKUPDATE', task.id);
			return { result: { task: fullView(state, ctx, task) } };
		},
	};
}

function userAction(
	method: string,
	idName: string,
	missing: { code: string; description: string },
	apply: (task: Task, userId: number) => void,
	answer: 'task' | 'true',
): MethodDef {
	return {
		name: method,
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			const raw = param(ctx.params, idName);
			if (raw === undefined || raw === null || raw === '' || !/^\d+$/.test(String(raw)))
				throw taskError('0', 'wrong task id');
			const task = existing(state, phpInt(raw), missing.code, missing.description);
			apply(task, ctx.auth.userId);
			return { result: answer === 'true' ? true : { task: fullView(state, ctx, task) } };
		},
	};
}

function accessFor(task: Task, userId: number): Record<string, boolean> {
	const a = actions(task, userId);
	const out: Record<string, boolean> = {};
	const names: Record<string, string> = {
		changeDeadline: 'CHANGE_DEADLINE',
		checklistAddItems: 'CHECKLIST_ADD_ITEMS',
		addFavorite: 'ADD_FAVORITE',
		deleteFavorite: 'DELETE_FAVORITE',
	};
	for (const [k, v] of Object.entries(a)) out[names[k] ?? k.toUpperCase()] = v;
	return out;
}

export const taskMethods: MethodDef[] = [
	{
		name: 'tasks.task.add',
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			const fields = fieldsParam(ctx);
			const now = Date.now();
			const userId = ctx.auth.userId;
			const task: Task = {
				id: 0,
				title: '',
				description: '',
				status: 2,
				priority: 1,
				responsibleId: 0,
				createdBy: userId,
				createdDate: now,
				changedBy: userId,
				changedDate: now,
				statusChangedBy: null,
				statusChangedDate: now,
				closedBy: null,
				closedDate: null,
				dateStart: null,
				deadline: null,
				startDatePlan: null,
				endDatePlan: null,
				groupId: 0,
				parentId: null,
				stageId: 0,
				accomplices: [],
				auditors: [],
				taskControl: 'N',
				allowTimeTracking: 'N',
				allowChangeDeadline: 'N',
				timeEstimate: 0,
				tags: [],
				uf: {},
				files: [],
				favoriteOf: new Set(),
				mutedBy: new Set(),
			};
			const initialStatus = fields.STATUS ?? fields.status;
			const input = { ...fields };
			delete input.STATUS;
			delete input.status;
			applyFields(ctx, state, task, input, true);
			if (initialStatus !== undefined) {
				const s = phpInt(initialStatus);
				if (!STATUS_NAMES[s]) throw taskError('ERROR_CORE', 'Incorrect status<br>');
				task.status = s;
				if (s === 5) {
					task.closedBy = userId;
					task.closedDate = now;
				}
			}
			task.id = state.next.task++;
			if (task.groupId && task.stageId === 0) {
				const first = [...state.stages.values()]
					.filter((s) => s.ENTITY_TYPE === 'G' && s.ENTITY_ID === task.groupId)
					.sort((a, b) => a.SORT - b.SORT)[0];
				if (first) task.stageId = first.ID;
			}
			state.tasks.set(task.id, task);
			log(state, task, 'NEW', null, null, userId, now);
			emit(ctx, 'ONTASKADD', task.id);
			return { result: { task: fullView(state, ctx, task) } };
		},
	},
	{
		name: 'tasks.task.update',
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			const id = taskIdParam(ctx);
			const task = existing(state, id, '0', 'Action on the task is not allowed (internal error)');
			const fields = fieldsParam(ctx);
			applyFields(ctx, state, task, fields, false);
			emit(ctx, 'ONTASKUPDATE', task.id);
			return { result: { task: fullView(state, ctx, task) } };
		},
	},
	{
		name: 'tasks.task.get',
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			const id = taskIdParam(ctx);
			const select = selectParam(ctx);
			const task = state.tasks.get(id);
			// The docs: an empty array when the task does not exist or is not accessible.
			if (!task) return { result: [] };
			return { result: { task: selectView(state, ctx, task, select) } };
		},
	},
	{
		name: 'tasks.task.delete',
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			const id = taskIdParam(ctx);
			existing(state, id, '1048582', 'No access to delete the task');
			state.tasks.delete(id);
			for (const [key, c] of state.checklist) if (c.TASK_ID === id) state.checklist.delete(key);
			for (const [key, c] of state.comments) if (c.TASK_ID === id) state.comments.delete(key);
			for (const [key, e] of state.elapsed) if (e.TASK_ID === id) state.elapsed.delete(key);
			ctx.portal.events.emit('ONTASKDELETE', { FIELDS_BEFORE: { ID: String(id) } });
			return { result: { task: true } };
		},
	},
	{ name: 'tasks.task.list', scope: 'task', handler: listTasks },
	{
		name: 'tasks.task.getFields',
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			const fields: Record<string, unknown> = { ...TASK_FIELDS };
			for (const f of [...state.userFields.values()].sort((a, b) => a.ID - b.ID)) {
				if (!(f.FIELD_NAME in fields))
					fields[f.FIELD_NAME] = { title: f.LABEL || null, type: f.USER_TYPE_ID };
			}
			return { result: { fields } };
		},
	},
	statusAction('start', '0'),
	statusAction('pause', '1048582'),
	statusAction('complete', '0'),
	statusAction('defer', '1048582'),
	statusAction('renew', '1048582'),
	statusAction('approve', '1048582'),
	statusAction('disapprove', '1048582'),
	{
		name: 'tasks.task.delegate',
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			const id = taskIdParam(ctx);
			const raw = param(ctx.params, 'userId');
			if (raw === undefined || raw === null || raw === '')
				throw taskError('100', 'Could not find value for parameter {userId}');
			const userId = phpInt(raw);
			const task = state.tasks.get(id);
			if (!task || !userOf(ctx.portal.store, userId))
				throw taskError('0', 'Action on the task is not allowed');
			const at = Date.now();
			if (task.responsibleId !== userId)
				log(state, task, 'RESPONSIBLE_ID', task.responsibleId, userId, ctx.auth.userId, at);
			// The delegating user stays on as an auditor, as the task card does it.
			if (!task.auditors.includes(ctx.auth.userId) && ctx.auth.userId !== userId)
				task.auditors.push(ctx.auth.userId);
			task.responsibleId = userId;
			task.changedBy = ctx.auth.userId;
			task.changedDate = at;
			emit(ctx, 'ONTASKUPDATE', task.id);
			return { result: { task: fullView(state, ctx, task) } };
		},
	},
	userAction(
		'tasks.task.startwatch',
		'taskId',
		{ code: '1048584', description: 'a:0:{}' },
		(t, u) => {
			if (!t.auditors.includes(u)) t.auditors.push(u);
		},
		'task',
	),
	userAction(
		'tasks.task.stopwatch',
		'taskId',
		{ code: '1048584', description: 'a:0:{}' },
		(t, u) => {
			t.auditors = t.auditors.filter((x) => x !== u);
		},
		'task',
	),
	userAction(
		'tasks.task.mute',
		'id',
		{ code: '0', description: 'Action on the task is not allowed' },
		(t, u) => t.mutedBy.add(u),
		'task',
	),
	userAction(
		'tasks.task.unmute',
		'id',
		{ code: '0', description: 'Action on the task is not allowed' },
		(t, u) => t.mutedBy.delete(u),
		'task',
	),
	userAction(
		'tasks.task.favorite.add',
		'taskId',
		{ code: '1', description: 'Task not found or not accessible' },
		(t, u) => t.favoriteOf.add(u),
		'true',
	),
	userAction(
		'tasks.task.favorite.remove',
		'taskId',
		{ code: '1', description: 'Task not found or not accessible' },
		(t, u) => t.favoriteOf.delete(u),
		'true',
	),
	{
		name: 'tasks.task.files.attach',
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			const id = taskIdParam(ctx);
			const raw = param(ctx.params, 'fileId');
			if (raw === undefined || raw === null || raw === '')
				throw taskError('100', 'Could not find value for parameter {fileId} (internal error)');
			if (!/^\d+$/.test(String(raw))) {
				throw taskError(
					'100',
					`Invalid value ${String(raw)} to match with parameter {fileId}. Should be value of type int. (internal error)`,
				);
			}
			const task = existing(state, id, '0', 'Access denied (internal error)');
			const attachmentId = state.next.attachment++;
			task.files.push(attachmentId);
			log(state, task, 'FILES', null, String(raw), ctx.auth.userId, Date.now());
			return { result: { attachmentId } };
		},
	},
	{
		name: 'tasks.task.history.list',
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			const id = taskIdParam(ctx);
			existing(state, id, '0', 'Access denied. (internal error)');
			const filter = param(ctx.params, 'filter');
			const field = isObject(filter) ? (param(filter, 'FIELD') as string | undefined) : undefined;
			const orderRaw = param(ctx.params, 'order');
			const asc =
				isObject(orderRaw) &&
				Object.values(orderRaw).some((v) => String(v).toUpperCase() === 'ASC');
			const rows = state.history
				.filter((h) => h.taskId === id && (!field || h.field === String(field).toUpperCase()))
				.sort(
					(a, b) =>
						(asc ? a.createdDate - b.createdDate : b.createdDate - a.createdDate) || a.id - b.id,
				);
			const store = ctx.portal.store;
			return {
				result: {
					list: rows.map((h) => {
						const u = userOf(store, h.userId);
						return {
							id: h.id,
							createdDate: isoDate(h.createdDate),
							field: h.field,
							value: { from: h.from, to: h.to },
							user: {
								id: h.userId,
								name: u?.NAME ?? '',
								lastName: u?.LAST_NAME ?? '',
								secondName: '',
								login: u?.EMAIL ?? '',
							},
						};
					}),
				},
			};
		},
	},
	{
		name: 'tasks.task.getaccess',
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			const id = taskIdParam(ctx);
			const raw = param(ctx.params, 'users');
			if (raw !== undefined && !Array.isArray(raw) && !isObject(raw)) {
				throw taskError(
					'100',
					`Invalid value ${JSON.stringify(raw)} to match with parameter {users}. Should be value of type array.`,
				);
			}
			const task = existing(state, id, '0', 'Access denied. (internal error)');
			const users = raw === undefined ? [ctx.auth.userId] : ids(raw);
			const allowedActions: Record<string, unknown> = {};
			for (const u of users) allowedActions[String(u)] = accessFor(task, u);
			return { result: { allowedActions } };
		},
	},
	{
		name: 'task.dependence.add',
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			const from = phpInt(param(ctx.params, 'taskIdFrom'));
			const to = phpInt(param(ctx.params, 'taskIdTo'));
			const linkType = phpInt(param(ctx.params, 'linkType') ?? 2);
			if (
				!state.tasks.has(from) ||
				!state.tasks.has(to) ||
				from === to ||
				linkType < 0 ||
				linkType > 3
			) {
				throw taskError('ACTION_NOT_ALLOWED', 'Unable to add a link between tasks');
			}
			const key = `${from}>${to}`;
			if (state.dependencies.has(key))
				throw taskError('ILLEGAL_NEW_LINK', 'A link between tasks already exists');
			state.dependencies.set(key, linkType);
			log(
				state,
				state.tasks.get(to) as Task,
				'DEPENDS_ON',
				null,
				from,
				ctx.auth.userId,
				Date.now(),
			);
			return { result: [] };
		},
	},
	{
		name: 'task.dependence.delete',
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			const from = phpInt(param(ctx.params, 'taskIdFrom'));
			const to = phpInt(param(ctx.params, 'taskIdTo'));
			if (!state.tasks.has(from) || !state.tasks.has(to))
				throw taskError(
					'ACTION_NOT_ALLOWED',
					'It is not possible to delete the dependency between tasks',
				);
			if (!state.dependencies.delete(`${from}>${to}`))
				throw taskError('ILLEGAL_NEW_LINK', 'The dependency between tasks does not exist');
			return { result: [] };
		},
	},
	{
		name: 'task.planner.getlist',
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			const plan = (state.planner.get(ctx.auth.userId) ?? []).filter((id) => state.tasks.has(id));
			return { result: plan };
		},
	},
];
