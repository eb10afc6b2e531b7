/**
 * The tasks module's state (per portal, via store.area) and its deterministic seed.
 * Views follow the docs: tasks.task.* answers lowerCamel with string values, the legacy
 * task.* methods UPPER_CASE with string values, tasks.task.result.* typed camelCase.
 */
import { isoDate, RestError } from '../../envelope';
import { SEED_BASE_MS } from '../../seed';
import { isObject, phpInt } from '../../php-query';
import type { CallContext } from '../../registry';
import type { Store, User } from '../../store';

export interface Task {
	id: number;
	title: string;
	description: string;
	status: number;
	priority: number;
	responsibleId: number;
	createdBy: number;
	createdDate: number;
	changedBy: number;
	changedDate: number;
	statusChangedBy: number | null;
	statusChangedDate: number;
	closedBy: number | null;
	closedDate: number | null;
	dateStart: number | null;
	deadline: string | null;
	startDatePlan: string | null;
	endDatePlan: string | null;
	groupId: number;
	parentId: number | null;
	stageId: number;
	accomplices: number[];
	auditors: number[];
	taskControl: 'Y' | 'N';
	allowTimeTracking: 'Y' | 'N';
	allowChangeDeadline: 'Y' | 'N';
	timeEstimate: number;
	tags: string[];
	uf: Record<string, unknown>;
	/** attachment ids (files.attach) */
	files: number[];
	favoriteOf: Set<number>;
	mutedBy: Set<number>;
}

export interface ChecklistItem {
	ID: number;
	TASK_ID: number;
	PARENT_ID: number;
	CREATED_BY: number;
	TITLE: string;
	SORT_INDEX: number;
	IS_COMPLETE: 'Y' | 'N';
	IS_IMPORTANT: 'Y' | 'N';
	TOGGLED_BY: number | null;
	TOGGLED_DATE: number | null;
}

export interface Comment {
	ID: number;
	TASK_ID: number;
	AUTHOR_ID: number;
	POST_DATE: number;
	POST_MESSAGE: string;
}

export interface Elapsed {
	ID: number;
	TASK_ID: number;
	USER_ID: number;
	COMMENT_TEXT: string;
	SECONDS: number;
	SOURCE: number;
	CREATED_DATE: number;
	DATE_START: number;
	DATE_STOP: number;
}

export interface UserField {
	ID: number;
	FIELD_NAME: string;
	USER_TYPE_ID: string;
	XML_ID: string;
	SORT: number;
	MULTIPLE: 'Y' | 'N';
	MANDATORY: 'Y' | 'N';
	SETTINGS: Record<string, unknown> | unknown[];
	LABEL: string;
}

export interface Stage {
	ID: number;
	TITLE: string;
	SORT: number;
	COLOR: string;
	SYSTEM_TYPE: string | null;
	/** group id, or the user id for "My Plan" */
	ENTITY_ID: number;
	ENTITY_TYPE: 'G' | 'U';
}

export interface TaskResult {
	id: number;
	taskId: number;
	commentId: number;
	createdBy: number;
	createdAt: number;
	updatedAt: number;
	text: string;
}

export interface HistoryEntry {
	id: number;
	taskId: number;
	createdDate: number;
	field: string;
	from: string | null;
	to: string | null;
	userId: number;
}

export interface TasksState {
	tasks: Map<number, Task>;
	checklist: Map<number, ChecklistItem>;
	comments: Map<number, Comment>;
	elapsed: Map<number, Elapsed>;
	userFields: Map<number, UserField>;
	stages: Map<number, Stage>;
	results: Map<number, TaskResult>;
	history: HistoryEntry[];
	/** "taskIdFrom>taskIdTo" -> link type */
	dependencies: Map<string, number>;
	/** user id -> task ids in the daily plan (task.planner.getlist) */
	planner: Map<number, number[]>;
	/** task id -> user id -> "My Plan" stage id */
	planStages: Map<number, Map<number, number>>;
	next: {
		task: number;
		checklist: number;
		comment: number;
		elapsed: number;
		userField: number;
		stage: number;
		result: number;
		history: number;
		attachment: number;
	};
}

const HOUR = 3_600_000;

/** Demo tasks, ids 1..3. Tests compute expectations from these. */
export const SEED_TASKS = [
	{
		id: 1,
		title: 'Prepare quarterly report',
		description: 'Numbers for Q1',
		status: 2,
		priority: 1,
		responsibleId: 2,
		createdBy: 1,
		groupId: 1,
		taskControl: 'Y' as const,
	},
	{
		id: 2,
		title: 'Call Acme Corp',
		description: 'Discuss the renewal',
		status: 3,
		priority: 2,
		responsibleId: 3,
		createdBy: 1,
		groupId: 0,
		taskControl: 'N' as const,
	},
	{
		id: 3,
		title: 'Update price list',
		description: '',
		status: 5,
		priority: 0,
		responsibleId: 1,
		createdBy: 2,
		groupId: 0,
		taskControl: 'N' as const,
	},
];

/** Checklist of task 1. */
export const SEED_CHECKLIST = [
	{ ID: 1, TASK_ID: 1, TITLE: 'Collect sales figures', IS_COMPLETE: 'Y' as const, SORT_INDEX: 0 },
	{ ID: 2, TASK_ID: 1, TITLE: 'Draft the summary', IS_COMPLETE: 'N' as const, SORT_INDEX: 1 },
];

/** Comments of task 1. */
export const SEED_COMMENTS = [
	{ ID: 1, TASK_ID: 1, AUTHOR_ID: 1, POST_MESSAGE: 'Please use the new template' },
	{ ID: 2, TASK_ID: 1, AUTHOR_ID: 2, POST_MESSAGE: 'Figures are in the shared folder' },
];

/** Time spent on task 1. */
export const SEED_ELAPSED = [
	{ ID: 1, TASK_ID: 1, USER_ID: 2, SECONDS: 5400, COMMENT_TEXT: 'Collected figures' },
];

/** The system user fields of tasks. */
export const SEED_USER_FIELDS = [
	{ ID: 1, FIELD_NAME: 'UF_CRM_TASK', USER_TYPE_ID: 'crm', MULTIPLE: 'Y' as const },
	{ ID: 2, FIELD_NAME: 'UF_TASK_WEBDAV_FILES', USER_TYPE_ID: 'disk_file', MULTIPLE: 'Y' as const },
	{ ID: 3, FIELD_NAME: 'UF_MAIL_MESSAGE', USER_TYPE_ID: 'mail_message', MULTIPLE: 'N' as const },
];

/** Workgroups the portal knows (their Kanban stages can be read and changed). */
export const TASK_GROUPS = [1];

/** Kanban stages of group 1 and "My Plan" stages of user 1. */
export const SEED_STAGES: Stage[] = [
	{
		ID: 1,
		TITLE: 'New',
		SORT: 100,
		COLOR: '00C4FB',
		SYSTEM_TYPE: 'NEW',
		ENTITY_ID: 1,
		ENTITY_TYPE: 'G',
	},
	{
		ID: 2,
		TITLE: 'In Progress',
		SORT: 200,
		COLOR: '47D1E2',
		SYSTEM_TYPE: null,
		ENTITY_ID: 1,
		ENTITY_TYPE: 'G',
	},
	{
		ID: 3,
		TITLE: 'Done',
		SORT: 300,
		COLOR: '75D900',
		SYSTEM_TYPE: null,
		ENTITY_ID: 1,
		ENTITY_TYPE: 'G',
	},
	{
		ID: 4,
		TITLE: 'Not Planned',
		SORT: 100,
		COLOR: '00C4FB',
		SYSTEM_TYPE: 'NEW',
		ENTITY_ID: 1,
		ENTITY_TYPE: 'U',
	},
	{
		ID: 5,
		TITLE: 'I Will Do It This Week',
		SORT: 200,
		COLOR: '47D1E2',
		SYSTEM_TYPE: null,
		ENTITY_ID: 1,
		ENTITY_TYPE: 'U',
	},
	{
		ID: 6,
		TITLE: 'Next Week',
		SORT: 300,
		COLOR: 'FFA900',
		SYSTEM_TYPE: null,
		ENTITY_ID: 1,
		ENTITY_TYPE: 'U',
	},
];

/** User 1's daily plan. */
export const SEED_PLANNER = [2, 1];

export function seedTaskTime(index: number): number {
	return SEED_BASE_MS + index * HOUR;
}

function createState(): TasksState {
	const state: TasksState = {
		tasks: new Map(),
		checklist: new Map(),
		comments: new Map(),
		elapsed: new Map(),
		userFields: new Map(),
		stages: new Map(),
		results: new Map(),
		history: [],
		dependencies: new Map(),
		planner: new Map([[1, [...SEED_PLANNER]]]),
		planStages: new Map(),
		next: {
			task: 1,
			checklist: 1,
			comment: 1,
			elapsed: 1,
			userField: 1,
			stage: 1,
			result: 1,
			history: 1,
			attachment: 1,
		},
	};
	for (const s of SEED_TASKS) {
		const at = seedTaskTime(s.id);
		const closed = s.status === 5;
		state.tasks.set(s.id, {
			...s,
			changedBy: s.createdBy,
			createdDate: at,
			changedDate: at,
			statusChangedBy: s.createdBy,
			statusChangedDate: at,
			closedBy: closed ? s.responsibleId : null,
			closedDate: closed ? at : null,
			dateStart: s.status === 3 ? at : null,
			deadline: null,
			startDatePlan: null,
			endDatePlan: null,
			parentId: null,
			stageId: s.groupId ? 1 : 0,
			accomplices: [],
			auditors: [],
			allowTimeTracking: 'N',
			allowChangeDeadline: 'N',
			timeEstimate: 0,
			tags: [],
			uf: {},
			files: [],
			favoriteOf: new Set(),
			mutedBy: new Set(),
		});
		state.history.push({
			id: state.next.history++,
			taskId: s.id,
			createdDate: at,
			field: 'NEW',
			from: null,
			to: null,
			userId: s.createdBy,
		});
	}
	state.next.task = SEED_TASKS.length + 1;
	for (const c of SEED_CHECKLIST) {
		state.checklist.set(c.ID, {
			...c,
			PARENT_ID: 0,
			CREATED_BY: 1,
			IS_IMPORTANT: 'N',
			TOGGLED_BY: c.IS_COMPLETE === 'Y' ? 2 : null,
			TOGGLED_DATE: c.IS_COMPLETE === 'Y' ? seedTaskTime(2) : null,
		});
	}
	state.next.checklist = SEED_CHECKLIST.length + 1;
	SEED_COMMENTS.forEach((c, index) =>
		state.comments.set(c.ID, { ...c, POST_DATE: seedTaskTime(index + 2) }),
	);
	state.next.comment = SEED_COMMENTS.length + 1;
	for (const e of SEED_ELAPSED) {
		const at = seedTaskTime(3);
		state.elapsed.set(e.ID, {
			...e,
			SOURCE: 2,
			CREATED_DATE: at,
			DATE_START: at - e.SECONDS * 1000,
			DATE_STOP: at,
		});
	}
	state.next.elapsed = SEED_ELAPSED.length + 1;
	for (const f of SEED_USER_FIELDS) {
		state.userFields.set(f.ID, {
			...f,
			XML_ID: '',
			SORT: 100,
			MANDATORY: 'N',
			SETTINGS: [],
			LABEL: '',
		});
	}
	state.next.userField = SEED_USER_FIELDS.length + 1;
	for (const s of SEED_STAGES) state.stages.set(s.ID, { ...s });
	state.next.stage = SEED_STAGES.length + 1;
	return state;
}

export function tasksState(store: Store): TasksState {
	return store.area('tasks', createState);
}

// ---- errors -------------------------------------------------------------------------------

export function taskError(code: string, description: string, status = 400): RestError {
	return new RestError(status, code, description);
}

/** "Param #1 (itemId) expected by method ctaskchecklistitem::get(), but not given." and friends. */
export function legacyArgError(
	cls: string,
	method: string,
	index: number,
	name: string,
	problem: 'missing' | 'type',
	type = 'integer',
): RestError {
	const text =
		problem === 'missing'
			? `TASKS_ERROR_EXCEPTION_#256; Param #${index} (${name}) expected by method ${cls}::${method}(), but not given.; 256/TE/WRONG_ARGUMENTS<br>`
			: `TASKS_ERROR_EXCEPTION_#256; Param #${index} (${name}) for method ${cls}::${method}() expected to be of type "${type}", but given something else.; 256/TE/WRONG_ARGUMENTS<br>`;
	return taskError('ERROR_CORE', text);
}

export interface ArgSpec {
	name: string;
	type: 'integer' | 'array' | 'string';
	optional?: boolean;
}

/**
 * Legacy task.* methods read their parameters by position; names are ignored. Returns the
 * values checked against the signature.
 */
export function positional(
	ctx: CallContext,
	cls: string,
	method: string,
	signature: ArgSpec[],
): unknown[] {
	const values = Object.values(ctx.params);
	return signature.map((arg, index) => {
		const value = values[index];
		if (value === undefined || value === null || value === '') {
			if (arg.optional) return undefined;
			throw legacyArgError(cls, method, index, arg.name, 'missing', arg.type);
		}
		if (arg.type === 'integer') {
			if (!/^-?\d+$/.test(String(value)) || typeof value === 'object')
				throw legacyArgError(cls, method, index, arg.name, 'type', 'integer');
			return phpInt(value);
		}
		if (arg.type === 'array') {
			if (!isObject(value) && !Array.isArray(value))
				throw legacyArgError(cls, method, index, arg.name, 'type', 'array');
			return value;
		}
		return String(value);
	});
}

// ---- views --------------------------------------------------------------------------------

export const str = (v: number | null | undefined): string | null =>
	v === null || v === undefined ? null : String(v);
export const date = (ms: number | null | undefined): string | null =>
	ms === null || ms === undefined ? null : isoDate(ms);
export const yn = (v: boolean): 'Y' | 'N' => (v ? 'Y' : 'N');

export function userOf(store: Store, id: number): User | undefined {
	return store.users.find((u) => u.ID === id);
}

export function fullName(store: Store, id: number): string {
	const u = userOf(store, id);
	return u ? `${u.NAME} ${u.LAST_NAME}` : '';
}

export function userCard(store: Store, id: number): Record<string, unknown> {
	const u = userOf(store, id);
	return {
		id: String(id),
		name: fullName(store, id),
		link: `/company/personal/user/${id}/`,
		icon: '/bitrix/images/tasks/default_avatar.png',
		workPosition: u?.WORK_POSITION ?? '',
	};
}

/** Parses a PHP/JSON boolean-ish flag. */
export function flag(v: unknown): boolean {
	return v === true || v === 1 || v === '1' || v === 'Y' || v === 'y' || v === 'true';
}

export function ids(v: unknown): number[] {
	const list = Array.isArray(v)
		? v
		: isObject(v)
			? Object.values(v)
			: v === undefined || v === null || v === ''
				? []
				: [v];
	return list.map((x) => phpInt(x)).filter((x) => x > 0);
}
