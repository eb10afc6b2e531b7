/**
 * Legacy positional methods of a task's parts: task.checklistitem.*, task.commentitem.*,
 * task.elapseditem.*, task.item.userfield.*; and tasks.task.result.* (pinned comment results).
 */
import { isoDate } from '../../envelope';
import { applyFilter, applyOrder, PAGE_SIZE, Resolver } from '../../filter';
import { isObject, phpInt } from '../../php-query';
import { CallContext, MethodDef, param } from '../../registry';
import {
	ArgSpec,
	ChecklistItem,
	Comment,
	Elapsed,
	flag,
	fullName,
	positional,
	str,
	taskError,
	TasksState,
	tasksState,
	userOf,
	UserField,
} from './state';

const TASKID: ArgSpec = { name: 'taskId', type: 'integer' };
const ITEMID: ArgSpec = { name: 'itemId', type: 'integer' };

function taskExists(state: TasksState, id: number, error: () => Error): void {
	if (!state.tasks.has(id)) throw error();
}

function resolverOf<R>(
	numeric: string[],
	dates: string[],
	strings: string[],
	get: (row: R, key: string) => unknown,
): Resolver<R> {
	return (name) => {
		const key = name.toUpperCase();
		if (numeric.includes(key)) return { def: { type: 'integer' }, get: (r) => get(r, key) };
		if (dates.includes(key)) return { def: { type: 'datetime' }, get: (r) => get(r, key) };
		if (strings.includes(key)) return { def: { type: 'string' }, get: (r) => get(r, key) };
		return undefined;
	};
}

/** ORDER / FILTER keys a legacy list accepts; anything else is the documented WRONG_ARGUMENTS. */
function checkKeys(
	cls: string,
	method: string,
	index: number,
	label: string,
	value: unknown,
	allowed: string[],
): void {
	if (!isObject(value)) return;
	for (const key of Object.keys(value)) {
		const bare = key.replace(/^(>=|<=|!=|>|<|=|!|%)/, '').toUpperCase();
		const prefixed = key !== bare && index === 1;
		if (!allowed.includes(bare) || prefixed) {
			throw taskError(
				'ERROR_CORE',
				`TASKS_ERROR_EXCEPTION_#256; Param #${index} (${label}) for method ${cls}::${method}() must not contain key "${key}".; 256/TE/WRONG_ARGUMENTS<br>`,
			);
		}
	}
}

// ---- checklist ------------------------------------------------------------------------------

const CL = 'ctaskchecklistitem';

function checklistView(ctx: CallContext, c: ChecklistItem): Record<string, unknown> {
	return {
		ID: String(c.ID),
		TASK_ID: String(c.TASK_ID),
		PARENT_ID: String(c.PARENT_ID),
		CREATED_BY: String(c.CREATED_BY),
		TITLE: c.TITLE,
		SORT_INDEX: String(c.SORT_INDEX),
		IS_COMPLETE: c.IS_COMPLETE,
		IS_IMPORTANT: c.IS_IMPORTANT,
		TOGGLED_BY: str(c.TOGGLED_BY),
		TOGGLED_DATE: c.TOGGLED_DATE === null ? '' : isoDate(c.TOGGLED_DATE),
		MEMBERS: [],
		ATTACHMENTS: [],
	};
}

function checklistItem(state: TasksState, taskId: number, itemId: number): ChecklistItem {
	const item = state.checklist.get(itemId);
	if (!item || item.TASK_ID !== taskId || !state.tasks.has(taskId)) {
		throw taskError(
			'ERROR_CORE',
			'TASKS_ERROR_EXCEPTION_#512; Check listitem not found or not accessible; 512/TE/ITEM_NOT_FOUND_OR_NOT_ACCESSIBLE<br>',
		);
	}
	return item;
}

function positiveIds(...values: number[]): void {
	if (values.some((v) => v <= 0)) throw taskError('ERROR_CORE', 'TASKS_ERROR_ASSERT_EXCEPTION<br>');
}

function applyChecklistFields(
	item: ChecklistItem,
	fields: Record<string, unknown>,
	userId: number,
): void {
	const f: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(fields)) f[k.toUpperCase()] = v;
	if ('TITLE' in f) item.TITLE = String(f.TITLE ?? '');
	if ('SORT_INDEX' in f) item.SORT_INDEX = phpInt(f.SORT_INDEX);
	if ('IS_IMPORTANT' in f) item.IS_IMPORTANT = flag(f.IS_IMPORTANT) ? 'Y' : 'N';
	if ('PARENT_ID' in f) item.PARENT_ID = phpInt(f.PARENT_ID);
	if ('IS_COMPLETE' in f) toggle(item, flag(f.IS_COMPLETE), userId);
}

function toggle(item: ChecklistItem, complete: boolean, userId: number): void {
	const value = complete ? 'Y' : 'N';
	if (item.IS_COMPLETE === value) return;
	item.IS_COMPLETE = value;
	item.TOGGLED_BY = userId;
	item.TOGGLED_DATE = Date.now();
}

const checklistMethods: MethodDef[] = [
	{
		name: 'task.checklistitem.add',
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			const [taskId, fields] = positional(ctx, CL, 'add', [
				TASKID,
				{ name: 'arFields', type: 'array' },
			]) as [number, Record<string, unknown>];
			taskExists(state, taskId, () =>
				taskError(
					'ERROR_CORE',
					'TASKS_ERROR_EXCEPTION_#8; Adding item: action not allowed; 8/TE/ACTION_FAILED_TO_BE_PROCESSED<br>',
				),
			);
			const title = String(param(fields, 'TITLE') ?? '').trim();
			if (!title)
				throw taskError(
					'ERROR_CORE',
					'TASKS_ERROR_EXCEPTION_#8; Item name not specified; 8/TE/ACTION_FAILED_TO_BE_PROCESSED<br>',
				);
			const siblings = [...state.checklist.values()].filter((c) => c.TASK_ID === taskId);
			const item: ChecklistItem = {
				ID: state.next.checklist++,
				TASK_ID: taskId,
				PARENT_ID: 0,
				CREATED_BY: ctx.auth.userId,
				TITLE: title,
				SORT_INDEX: siblings.length,
				IS_COMPLETE: 'N',
				IS_IMPORTANT: 'N',
				TOGGLED_BY: null,
				TOGGLED_DATE: null,
			};
			applyChecklistFields(item, fields, ctx.auth.userId);
			state.checklist.set(item.ID, item);
			state.history.push({
				id: state.next.history++,
				taskId,
				createdDate: Date.now(),
				field: 'CHECKLIST_ITEM_CREATE',
				from: '',
				to: item.TITLE,
				userId: ctx.auth.userId,
			});
			return { result: item.ID };
		},
	},
	{
		name: 'task.checklistitem.update',
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			const [taskId, itemId, fields] = positional(ctx, CL, 'update', [
				TASKID,
				ITEMID,
				{ name: 'arFields', type: 'array' },
			]) as [number, number, Record<string, unknown>];
			const item = checklistItem(state, taskId, itemId);
			if ('TITLE' in fields && !String(fields.TITLE ?? '').trim()) {
				throw taskError(
					'ERROR_CORE',
					'TASKS_ERROR_EXCEPTION_#8; Item name not specified; 8/TE/ACTION_FAILED_TO_BE_PROCESSED<br>',
				);
			}
			applyChecklistFields(item, fields, ctx.auth.userId);
			return { result: null };
		},
	},
	{
		name: 'task.checklistitem.delete',
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			const [taskId, itemId] = positional(ctx, CL, 'delete', [TASKID, ITEMID]) as [number, number];
			checklistItem(state, taskId, itemId);
			state.checklist.delete(itemId);
			return { result: true };
		},
	},
	{
		name: 'task.checklistitem.get',
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			const [taskId, itemId] = positional(ctx, CL, 'get', [TASKID, ITEMID]) as [number, number];
			return { result: checklistView(ctx, checklistItem(state, taskId, itemId)) };
		},
	},
	{
		name: 'task.checklistitem.getlist',
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			const [taskId, order] = positional(ctx, CL, 'getlist', [
				TASKID,
				{ name: 'arOrder', type: 'array', optional: true },
			]) as [number, unknown];
			const allowed = [
				'ID',
				'PARENT_ID',
				'CREATED_BY',
				'TOGGLED_BY',
				'TOGGLED_DATE',
				'TITLE',
				'SORT_INDEX',
				'IS_COMPLETE',
				'IS_IMPORTANT',
			];
			checkKeys(CL, 'getlist', 1, 'arOrder', order, allowed);
			taskExists(state, taskId, () =>
				taskError(
					'ERROR_CORE',
					'TASKS_ERROR_EXCEPTION_#8; Action failed; 8/TE/ACTION_FAILED_TO_BE_PROCESSED<br>',
				),
			);
			const resolve = resolverOf<ChecklistItem>(
				['ID', 'PARENT_ID', 'CREATED_BY', 'TOGGLED_BY', 'SORT_INDEX'],
				['TOGGLED_DATE'],
				['TITLE', 'IS_COMPLETE', 'IS_IMPORTANT'],
				(r, k) =>
					k === 'TOGGLED_DATE'
						? r.TOGGLED_DATE === null
							? null
							: isoDate(r.TOGGLED_DATE)
						: (r as unknown as Record<string, unknown>)[k],
			);
			const rows = [...state.checklist.values()].filter((c) => c.TASK_ID === taskId);
			return {
				result: applyOrder(
					rows,
					isObject(order) ? order : { SORT_INDEX: 'ASC' },
					resolve,
					(r) => r.ID,
				).map((c) => checklistView(ctx, c)),
			};
		},
	},
	...(['complete', 'renew'] as const).map(
		(action): MethodDef => ({
			name: `task.checklistitem.${action}`,
			scope: 'task',
			handler: (ctx) => {
				const state = tasksState(ctx.portal.store);
				const [taskId, itemId] = positional(ctx, CL, action, [TASKID, ITEMID]) as [number, number];
				positiveIds(taskId, itemId);
				toggle(checklistItem(state, taskId, itemId), action === 'complete', ctx.auth.userId);
				return { result: true };
			},
		}),
	),
];

// ---- comments -------------------------------------------------------------------------------

const CM = 'ctaskcommentitem';

function commentView(ctx: CallContext, c: Comment): Record<string, unknown> {
	return {
		POST_MESSAGE_HTML: null,
		ID: String(c.ID),
		AUTHOR_ID: String(c.AUTHOR_ID),
		AUTHOR_NAME: fullName(ctx.portal.store, c.AUTHOR_ID),
		AUTHOR_EMAIL: '',
		POST_DATE: isoDate(c.POST_DATE),
		POST_MESSAGE: c.POST_MESSAGE,
		ATTACHED_OBJECTS: [],
	};
}

const COMMENT_FIELDS = ['POST_MESSAGE', 'AUTHOR_ID', 'POST_DATE', 'UF_FORUM_MESSAGE_DOC'];

function comment(
	state: TasksState,
	taskId: number,
	itemId: number,
	notFound: () => Error,
): Comment {
	const c = state.comments.get(itemId);
	if (!c || c.TASK_ID !== taskId || !state.tasks.has(taskId)) throw notFound();
	return c;
}

const notAllowed = (): Error =>
	taskError(
		'ERROR_CORE',
		'TASKS_ERROR_EXCEPTION_#4; Action is not allowed; 4/TE/ACTION_NOT_ALLOWED<br>',
	);

const commentMethods: MethodDef[] = [
	{
		name: 'task.commentitem.add',
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			const [taskId, fields] = positional(ctx, CM, 'add', [
				TASKID,
				{ name: 'arFields', type: 'array' },
			]) as [number, Record<string, unknown>];
			for (const key of Object.keys(fields)) {
				if (!COMMENT_FIELDS.includes(key.toUpperCase())) {
					throw taskError(
						'ERROR_CORE',
						`TASKS_ERROR_EXCEPTION_#256; Param #1 (arFields) for method ${CM}::add() must not contain key "${key}".; 256/TE/WRONG_ARGUMENTS<br>`,
					);
				}
			}
			taskExists(state, taskId, () =>
				taskError('ERROR_CORE', 'Insufficient permissions to add a comment.<br>'),
			);
			const text = String(param(fields, 'POST_MESSAGE') ?? '').trim();
			if (!text) throw taskError('ERROR_CORE', 'Comment text is not specified.<br>');
			const authorRaw = param(fields, 'AUTHOR_ID');
			const author =
				authorRaw !== undefined && userOf(ctx.portal.store, phpInt(authorRaw))
					? phpInt(authorRaw)
					: ctx.auth.userId;
			const c: Comment = {
				ID: state.next.comment++,
				TASK_ID: taskId,
				AUTHOR_ID: author,
				POST_DATE: Date.now(),
				POST_MESSAGE: text,
			};
			state.comments.set(c.ID, c);
			state.history.push({
				id: state.next.history++,
				taskId,
				createdDate: c.POST_DATE,
				field: 'COMMENT',
				from: null,
				to: String(c.ID),
				userId: author,
			});
			ctx.portal.events.emit('ONTASKCOMMENTADD', {
				FIELDS_AFTER: { ID: String(c.ID), TASK_ID: String(taskId) },
			});
			return { result: c.ID };
		},
	},
	{
		name: 'task.commentitem.update',
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			const [taskId, itemId, fields] = positional(ctx, CM, 'update', [
				TASKID,
				ITEMID,
				{ name: 'arFields', type: 'array' },
			]) as [number, number, Record<string, unknown>];
			const c = comment(state, taskId, itemId, notAllowed);
			const text = String(param(fields, 'POST_MESSAGE') ?? '').trim();
			if (!text) throw taskError('ERROR_CORE', 'Comment text not specified.<br>');
			c.POST_MESSAGE = text;
			return { result: true };
		},
	},
	{
		name: 'task.commentitem.delete',
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			const [taskId, itemId] = positional(ctx, CM, 'delete', [TASKID, ITEMID]) as [number, number];
			comment(state, taskId, itemId, notAllowed);
			state.comments.delete(itemId);
			for (const [id, r] of state.results) if (r.commentId === itemId) state.results.delete(id);
			return { result: true };
		},
	},
	{
		name: 'task.commentitem.get',
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			const [taskId, itemId] = positional(ctx, CM, 'get', [TASKID, ITEMID]) as [number, number];
			const c = comment(state, taskId, itemId, () =>
				taskError(
					'ERROR_CORE',
					'TASKS_ERROR_EXCEPTION_#512; Check listitem not found or not accessible; 512/TE/ITEM_NOT_FOUND_OR_NOT_ACCESSIBLE<br>',
				),
			);
			return { result: commentView(ctx, c) };
		},
	},
	{
		name: 'task.commentitem.getlist',
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			const [taskId, order, filter] = positional(ctx, CM, 'getlist', [
				TASKID,
				{ name: 'arOrder', type: 'array', optional: true },
				{ name: 'arFilter', type: 'array', optional: true },
			]) as [number, unknown, unknown];
			checkKeys(CM, 'getlist', 1, 'arOrder', order, [
				'ID',
				'AUTHOR_ID',
				'AUTHOR_NAME',
				'AUTHOR_EMAIL',
				'POST_DATE',
			]);
			checkKeys(CM, 'getlist', 2, 'arFilter', filter, [
				'ID',
				'AUTHOR_ID',
				'AUTHOR_NAME',
				'POST_DATE',
			]);
			taskExists(state, taskId, () =>
				taskError(
					'ERROR_CORE',
					'TASKS_ERROR_EXCEPTION_#8; Action failed; 8/TE/ACTION_FAILED_TO_BE_PROCESSED<br>',
				),
			);
			const resolve = resolverOf<Comment>(
				['ID', 'AUTHOR_ID'],
				['POST_DATE'],
				['AUTHOR_NAME', 'AUTHOR_EMAIL'],
				(c, k) =>
					k === 'POST_DATE'
						? isoDate(c.POST_DATE)
						: k === 'AUTHOR_NAME'
							? fullName(ctx.portal.store, c.AUTHOR_ID)
							: k === 'AUTHOR_EMAIL'
								? ''
								: (c as unknown as Record<string, unknown>)[k],
			);
			const rows = applyFilter(
				[...state.comments.values()].filter((c) => c.TASK_ID === taskId),
				filter,
				resolve,
			);
			return {
				result: applyOrder(
					rows,
					isObject(order) ? order : { POST_DATE: 'ASC' },
					resolve,
					(c) => c.ID,
				).map((c) => commentView(ctx, c)),
			};
		},
	},
];

// ---- results (comments pinned as the task's result) -------------------------------------------

function resultView(state: TasksState, id: number): Record<string, unknown> {
	const r = state.results.get(id)!;
	return {
		id: r.id,
		taskId: r.taskId,
		commentId: r.commentId,
		createdBy: r.createdBy,
		createdAt: isoDate(r.createdAt),
		updatedAt: isoDate(r.updatedAt),
		status: 0,
		text: r.text,
		formattedText: r.text,
		files: null,
	};
}

function commentIdParam(ctx: CallContext): number {
	const raw = param(ctx.params, 'commentId');
	if (raw === undefined || raw === null || !/^\d+$/.test(String(raw))) {
		throw taskError(
			'100',
			`Invalid value ${String(raw ?? '')} to match with parameter {commentId}. Should be value of type int.`,
		);
	}
	return phpInt(raw);
}

const resultMethods: MethodDef[] = [
	{
		name: 'tasks.task.result.list',
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			const raw = param(ctx.params, 'taskId');
			if (raw === undefined || raw === null || !/^\d+$/.test(String(raw))) {
				throw taskError(
					'100',
					`Invalid value ${String(raw ?? '')} to match with parameter {taskId}. Should be value of type int.`,
				);
			}
			const taskId = phpInt(raw);
			if (!state.tasks.has(taskId)) throw taskError('0', 'Access denied.');
			const rows = [...state.results.values()]
				.filter((r) => r.taskId === taskId)
				.sort((a, b) => b.id - a.id);
			return { result: rows.map((r) => resultView(state, r.id)) };
		},
	},
	{
		name: 'tasks.task.result.addFromComment',
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			const commentId = commentIdParam(ctx);
			const c = state.comments.get(commentId);
			if (!c) throw taskError('0', 'Comment not found.');
			if ([...state.results.values()].some((r) => r.commentId === commentId))
				throw taskError('0', 'Result already exists.');
			const now = Date.now();
			const id = state.next.result++;
			state.results.set(id, {
				id,
				taskId: c.TASK_ID,
				commentId,
				createdBy: ctx.auth.userId,
				createdAt: now,
				updatedAt: now,
				text: c.POST_MESSAGE,
			});
			return { result: resultView(state, id) };
		},
	},
	{
		name: 'tasks.task.result.deleteFromComment',
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			const commentId = commentIdParam(ctx);
			if (!state.comments.has(commentId)) throw taskError('0', 'Comment not found.');
			for (const [id, r] of state.results) if (r.commentId === commentId) state.results.delete(id);
			return { result: null };
		},
	},
];

// ---- elapsed time ---------------------------------------------------------------------------

const EL = 'ctaskelapseditem';

function elapsedView(e: Elapsed): Record<string, unknown> {
	return {
		ID: String(e.ID),
		TASK_ID: String(e.TASK_ID),
		USER_ID: String(e.USER_ID),
		COMMENT_TEXT: e.COMMENT_TEXT,
		SECONDS: String(e.SECONDS),
		MINUTES: String(Math.round(e.SECONDS / 60)),
		SOURCE: String(e.SOURCE),
		CREATED_DATE: isoDate(e.CREATED_DATE),
		DATE_START: isoDate(e.DATE_START),
		DATE_STOP: isoDate(e.DATE_STOP),
	};
}

const taskNotFound = (): Error => taskError('ERROR_CORE', 'Task not found');
const elapsedNotAllowed = (): Error => taskError('ERROR_CORE', 'ACTION_NOT_ALLOWED');

function elapsedItem(state: TasksState, taskId: number, itemId: number): Elapsed {
	if (!state.tasks.has(taskId)) throw taskNotFound();
	const e = state.elapsed.get(itemId);
	if (!e || e.TASK_ID !== taskId) throw elapsedNotAllowed();
	return e;
}

function applyElapsed(ctx: CallContext, e: Elapsed, fields: Record<string, unknown>): void {
	const seconds = param(fields, 'SECONDS');
	if (seconds !== undefined) {
		const n = phpInt(seconds);
		if (n <= 0) throw elapsedNotAllowed();
		e.SECONDS = n;
		e.DATE_START = e.DATE_STOP - n * 1000;
	}
	const text = param(fields, 'COMMENT_TEXT');
	if (text !== undefined) e.COMMENT_TEXT = String(text);
	const user = param(fields, 'USER_ID');
	if (user !== undefined) {
		if (!userOf(ctx.portal.store, phpInt(user))) throw elapsedNotAllowed();
		e.USER_ID = phpInt(user);
	}
}

const elapsedMethods: MethodDef[] = [
	{
		name: 'task.elapseditem.add',
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			const [taskId, fields] = positional(ctx, EL, 'add', [
				TASKID,
				{ name: 'arFields', type: 'array' },
			]) as [number, Record<string, unknown>];
			if (!state.tasks.has(taskId)) throw taskNotFound();
			if (param(fields, 'SECONDS') === undefined) throw elapsedNotAllowed();
			const now = Date.now();
			const e: Elapsed = {
				ID: state.next.elapsed++,
				TASK_ID: taskId,
				USER_ID: ctx.auth.userId,
				COMMENT_TEXT: '',
				SECONDS: 0,
				SOURCE: 2,
				CREATED_DATE: now,
				DATE_START: now,
				DATE_STOP: now,
			};
			applyElapsed(ctx, e, fields);
			state.elapsed.set(e.ID, e);
			return { result: e.ID };
		},
	},
	{
		name: 'task.elapseditem.update',
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			const [taskId, itemId, fields] = positional(ctx, EL, 'update', [
				TASKID,
				ITEMID,
				{ name: 'arFields', type: 'array' },
			]) as [number, number, Record<string, unknown>];
			applyElapsed(ctx, elapsedItem(state, taskId, itemId), fields);
			return { result: null };
		},
	},
	{
		name: 'task.elapseditem.delete',
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			const [taskId, itemId] = positional(ctx, EL, 'delete', [TASKID, ITEMID]) as [number, number];
			elapsedItem(state, taskId, itemId);
			state.elapsed.delete(itemId);
			return { result: null };
		},
	},
	{
		name: 'task.elapseditem.get',
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			const [taskId, itemId] = positional(ctx, EL, 'get', [TASKID, ITEMID]) as [number, number];
			return { result: elapsedView(elapsedItem(state, taskId, itemId)) };
		},
	},
	{
		name: 'task.elapseditem.getlist',
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			// TASKID may be left out: then the first argument is already ORDER.
			const values = Object.values(ctx.params);
			const withTask = values.length > 0 && !isObject(values[0]) && !Array.isArray(values[0]);
			const args = withTask
				? positional(ctx, EL, 'getlist', [
						TASKID,
						{ name: 'arOrder', type: 'array', optional: true },
						{ name: 'arFilter', type: 'array', optional: true },
						{ name: 'arSelect', type: 'array', optional: true },
						{ name: 'arParams', type: 'array', optional: true },
					])
				: [undefined, ...values];
			const [taskId, order, filter, , params] = args as [
				number | undefined,
				unknown,
				unknown,
				unknown,
				unknown,
			];
			if (taskId !== undefined && !state.tasks.has(taskId)) throw taskNotFound();
			const resolve = resolverOf<Elapsed>(
				['ID', 'USER_ID', 'TASK_ID', 'SECONDS', 'MINUTES'],
				['CREATED_DATE', 'DATE_START', 'DATE_STOP'],
				[],
				(e, k) =>
					k === 'MINUTES'
						? Math.round(e.SECONDS / 60)
						: ['CREATED_DATE', 'DATE_START', 'DATE_STOP'].includes(k)
							? isoDate((e as unknown as Record<string, number>)[k])
							: (e as unknown as Record<string, unknown>)[k],
			);
			const rows = applyOrder(
				applyFilter(
					[...state.elapsed.values()].filter((e) => taskId === undefined || e.TASK_ID === taskId),
					filter,
					resolve,
				),
				isObject(order) ? order : { ID: 'ASC' },
				resolve,
				(e) => e.ID,
			);
			const nav =
				isObject(params) && isObject(param(params, 'NAV_PARAMS'))
					? (param(params, 'NAV_PARAMS') as Record<string, unknown>)
					: {};
			const size = Math.min(PAGE_SIZE, Math.max(1, phpInt(nav.nPageSize ?? PAGE_SIZE)));
			const pageNo = Math.max(1, phpInt(nav.iNumPage ?? 1));
			const from = (pageNo - 1) * size;
			return {
				result: rows.slice(from, from + size).map(elapsedView),
				total: rows.length,
				next: from + size < rows.length ? from + size : undefined,
			};
		},
	},
];

// ---- user fields ----------------------------------------------------------------------------

const UF_TYPES = ['string', 'double', 'datetime', 'boolean'];
const LANGS = ['en', 'de', 'ru'];

function ufView(f: UserField, full: boolean): Record<string, unknown> {
	const view: Record<string, unknown> = {
		ID: String(f.ID),
		ENTITY_ID: 'TASKS_TASK',
		FIELD_NAME: f.FIELD_NAME,
		USER_TYPE_ID: f.USER_TYPE_ID,
		XML_ID: f.XML_ID,
		SORT: String(f.SORT),
		MULTIPLE: f.MULTIPLE,
		MANDATORY: f.MANDATORY,
		SHOW_FILTER: 'N',
		SHOW_IN_LIST: 'Y',
		EDIT_IN_LIST: 'Y',
		IS_SEARCHABLE: 'N',
		SETTINGS: f.SETTINGS,
	};
	if (full) {
		const labels = Object.fromEntries(LANGS.map((l) => [l, f.LABEL]));
		Object.assign(view, {
			EDIT_FORM_LABEL: labels,
			LIST_COLUMN_LABEL: labels,
			LIST_FILTER_LABEL: labels,
			ERROR_MESSAGE: Object.fromEntries(LANGS.map((l) => [l, ''])),
			HELP_MESSAGE: Object.fromEntries(LANGS.map((l) => [l, ''])),
		});
	}
	return view;
}

function ufIdParam(ctx: CallContext, method: string): number {
	const values = Object.values(ctx.params);
	if (values.length === 0) {
		if (method === 'get') throw taskError('ERROR_CORE', 'No parameters found');
		throw taskError(
			'ERROR_CORE',
			`TASKS_ERROR_EXCEPTION_#0; Invalid arguments for Bitrix\\Tasks\\Integration\\Rest\\Task\\UserField::${method}; 0/TE`,
		);
	}
	const id = /^\d+$/.test(String(values[0])) ? phpInt(values[0]) : 0;
	if (id <= 0) throw taskError('ERROR_CORE', 'ID is not defined or invalid.');
	return id;
}

function ufById(state: TasksState, id: number): UserField {
	const f = state.userFields.get(id);
	if (!f) throw taskError('ERROR_NOT_FOUND', `The entity with ID '${id}' is not found.`);
	return f;
}

function applyUf(f: UserField, data: Record<string, unknown>): void {
	const get = (k: string): unknown => param(data, k);
	if (get('XML_ID') !== undefined) f.XML_ID = String(get('XML_ID'));
	if (get('SORT') !== undefined) f.SORT = phpInt(get('SORT'));
	if (get('MULTIPLE') !== undefined)
		f.MULTIPLE = f.USER_TYPE_ID === 'boolean' ? 'N' : flag(get('MULTIPLE')) ? 'Y' : 'N';
	if (get('MANDATORY') !== undefined) f.MANDATORY = flag(get('MANDATORY')) ? 'Y' : 'N';
	if (isObject(get('SETTINGS'))) f.SETTINGS = get('SETTINGS') as Record<string, unknown>;
	const label = get('LABEL');
	const formLabel = get('EDIT_FORM_LABEL');
	if (typeof label === 'string') f.LABEL = label;
	else if (isObject(formLabel)) f.LABEL = String(formLabel.en ?? Object.values(formLabel)[0] ?? '');
}

const userFieldMethods: MethodDef[] = [
	{
		name: 'task.item.userfield.add',
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			const data = Object.values(ctx.params)[0];
			const fields = isObject(data) ? data : {};
			const type = String(param(fields, 'USER_TYPE_ID') ?? '');
			if (!type) throw taskError('ERROR_CORE', "The 'USER_TYPE_ID' field is not found.");
			if (!UF_TYPES.includes(type)) throw taskError('ERROR_CORE', 'Invalid user type specified.');
			let name = String(param(fields, 'FIELD_NAME') ?? '')
				.trim()
				.toUpperCase();
			if (!name) throw taskError('ERROR_CORE', "The 'FIELD_NAME' field is not found.");
			if (!name.startsWith('UF_')) name = `UF_${name}`;
			if ([...state.userFields.values()].some((f) => f.FIELD_NAME === name)) {
				throw taskError(
					'ERROR_CORE',
					`The field ${name} for the object TASKS_TASK already exists.`,
				);
			}
			const f: UserField = {
				ID: state.next.userField++,
				FIELD_NAME: name,
				USER_TYPE_ID: type,
				XML_ID: '',
				SORT: 100,
				MULTIPLE: 'N',
				MANDATORY: 'N',
				SETTINGS: [],
				LABEL: '',
			};
			applyUf(f, fields);
			state.userFields.set(f.ID, f);
			return { result: f.ID };
		},
	},
	{
		name: 'task.item.userfield.update',
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			const id = ufIdParam(ctx, 'update');
			const data = Object.values(ctx.params)[1];
			if (!isObject(data)) {
				throw taskError(
					'ERROR_CORE',
					'TASKS_ERROR_EXCEPTION_#0; Invalid arguments for Bitrix\\Tasks\\Integration\\Rest\\Task\\UserField::update; 0/TE',
				);
			}
			applyUf(ufById(state, id), data);
			return { result: true };
		},
	},
	{
		name: 'task.item.userfield.get',
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			return { result: ufView(ufById(state, ufIdParam(ctx, 'get')), true) };
		},
	},
	{
		name: 'task.item.userfield.delete',
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			const id = ufIdParam(ctx, 'delete');
			const f = ufById(state, id);
			state.userFields.delete(id);
			for (const t of state.tasks.values()) delete t.uf[f.FIELD_NAME];
			return { result: true };
		},
	},
	{
		name: 'task.item.userfield.getlist',
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			const [order, filter] = Object.values(ctx.params);
			const resolve = resolverOf<UserField>(
				['ID', 'SORT'],
				[],
				['FIELD_NAME', 'USER_TYPE_ID', 'XML_ID', 'MULTIPLE', 'MANDATORY'],
				(f, k) => (f as unknown as Record<string, unknown>)[k],
			);
			const rows = applyOrder(
				applyFilter([...state.userFields.values()], filter, resolve),
				isObject(order) ? order : { ID: 'ASC' },
				resolve,
				(f) => f.ID,
			);
			return { result: rows.map((f) => ufView(f, false)) };
		},
	},
];

export const itemMethods: MethodDef[] = [
	...checklistMethods,
	...commentMethods,
	...resultMethods,
	...elapsedMethods,
	...userFieldMethods,
];
