/** task.stages.*: Kanban stages of a workgroup and "My Plan" stages of the current user. */
import { isObject, phpInt } from '../../php-query';
import { CallContext, MethodDef, param } from '../../registry';
import { Stage, TASK_GROUPS, taskError, TasksState, tasksState } from './state';

function view(s: Stage): Record<string, unknown> {
	return {
		ID: String(s.ID),
		TITLE: s.TITLE,
		SORT: String(s.SORT),
		COLOR: s.COLOR,
		SYSTEM_TYPE: s.SYSTEM_TYPE,
		ENTITY_ID: String(s.ENTITY_ID),
		ENTITY_TYPE: s.ENTITY_TYPE,
		ADDITIONAL_FILTER: [],
		TO_UPDATE: [],
		TO_UPDATE_ACCESS: null,
	};
}

/** entityId 0 (or none) is the current user's "My Plan"; otherwise a workgroup the portal knows. */
function owner(
	ctx: CallContext,
	entityId: number,
	denied: string,
): { type: 'G' | 'U'; id: number } {
	if (entityId <= 0) return { type: 'U', id: ctx.auth.userId };
	if (!TASK_GROUPS.includes(entityId)) throw taskError('ACCESS_DENIED', denied);
	return { type: 'G', id: entityId };
}

function stagesOf(state: TasksState, o: { type: 'G' | 'U'; id: number }): Stage[] {
	return [...state.stages.values()]
		.filter((s) => s.ENTITY_TYPE === o.type && s.ENTITY_ID === o.id)
		.sort((a, b) => a.SORT - b.SORT);
}

/** Puts `stage` right after `afterId` (or first), renumbering SORT in steps of 100. */
function place(state: TasksState, stage: Stage, afterId: number): void {
	const others = stagesOf(state, { type: stage.ENTITY_TYPE, id: stage.ENTITY_ID }).filter(
		(s) => s.ID !== stage.ID,
	);
	const index = afterId > 0 ? others.findIndex((s) => s.ID === afterId) + 1 : 0;
	others.splice(index, 0, stage);
	others.forEach((s, i) => (s.SORT = (i + 1) * 100));
}

function stageOf(ctx: CallContext, state: TasksState): Stage {
	const id = phpInt(param(ctx.params, 'id'));
	const stage = state.stages.get(id);
	if (!stage) throw taskError('NOT_FOUND', 'Stage not found');
	if (stage.ENTITY_TYPE === 'U' && stage.ENTITY_ID !== ctx.auth.userId)
		throw taskError('ACCESS_DENIED', 'You cannot manage stages');
	return stage;
}

function fieldsOf(ctx: CallContext): Record<string, unknown> {
	const fields = param(ctx.params, 'fields');
	return isObject(fields) ? fields : {};
}

export const stageMethods: MethodDef[] = [
	{
		name: 'task.stages.get',
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			const o = owner(
				ctx,
				phpInt(param(ctx.params, 'entityId') ?? 0),
				'You cannot view stages in this group.',
			);
			const result: Record<string, unknown> = {};
			for (const s of stagesOf(state, o)) result[String(s.ID)] = view(s);
			return { result };
		},
	},
	{
		name: 'task.stages.add',
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			const fields = fieldsOf(ctx);
			const title = String(param(fields, 'TITLE') ?? '').trim();
			if (!title) throw taskError('EMPTY_TITLE', 'Stage title is not specified');
			const o = owner(
				ctx,
				phpInt(param(fields, 'ENTITY_ID') ?? 0),
				'You do not have permission to manage stages',
			);
			const stage: Stage = {
				ID: state.next.stage++,
				TITLE: title,
				SORT: 0,
				COLOR: String(param(fields, 'COLOR') ?? ''),
				SYSTEM_TYPE: null,
				ENTITY_ID: o.id,
				ENTITY_TYPE: o.type,
			};
			state.stages.set(stage.ID, stage);
			place(state, stage, phpInt(param(fields, 'AFTER_ID') ?? 0));
			return { result: stage.ID };
		},
	},
	{
		name: 'task.stages.update',
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			const stage = stageOf(ctx, state);
			const fields = fieldsOf(ctx);
			const title = param(fields, 'TITLE');
			if (title !== undefined) {
				if (!String(title).trim()) throw taskError('EMPTY_TITLE', 'Stage title is not specified');
				stage.TITLE = String(title).trim();
			}
			const color = param(fields, 'COLOR');
			if (color !== undefined) stage.COLOR = String(color);
			const after = param(fields, 'AFTER_ID');
			if (after !== undefined) place(state, stage, phpInt(after));
			return { result: true };
		},
	},
	{
		name: 'task.stages.delete',
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			const stage = stageOf(ctx, state);
			if (stage.SYSTEM_TYPE === 'NEW')
				throw taskError('IS_SYSTEM', 'The default stage cannot be deleted');
			const first = stagesOf(state, { type: stage.ENTITY_TYPE, id: stage.ENTITY_ID })[0];
			if (first && first.ID === stage.ID)
				throw taskError(
					'CANT_DELETE_FIRST',
					'Cannot delete the first stage. Move the stage to delete it.',
				);
			state.stages.delete(stage.ID);
			for (const t of state.tasks.values()) if (t.stageId === stage.ID) t.stageId = first?.ID ?? 0;
			return { result: true };
		},
	},
	{
		name: 'task.stages.movetask',
		scope: 'task',
		handler: (ctx) => {
			const state = tasksState(ctx.portal.store);
			const taskId = phpInt(param(ctx.params, 'id'));
			const task = state.tasks.get(taskId);
			if (!task) throw taskError('TASK_NOT_FOUND', 'Task not found or access to it is denied');
			const stage = state.stages.get(phpInt(param(ctx.params, 'stageId')));
			const groupStage = stage?.ENTITY_TYPE === 'G' && stage.ENTITY_ID === task.groupId;
			const planStage = stage?.ENTITY_TYPE === 'U' && stage.ENTITY_ID === ctx.auth.userId;
			if (!stage || (!groupStage && !planStage))
				throw taskError('ACCESS_DENIED_MOVE', 'You cannot move this task');
			if (groupStage) {
				const from = task.stageId;
				task.stageId = stage.ID;
				if (from !== stage.ID) {
					state.history.push({
						id: state.next.history++,
						taskId,
						createdDate: Date.now(),
						field: 'STAGE_ID',
						from: String(from),
						to: String(stage.ID),
						userId: ctx.auth.userId,
					});
				}
			} else {
				const plan = state.planStages.get(taskId) ?? new Map<number, number>();
				plan.set(ctx.auth.userId, stage.ID);
				state.planStages.set(taskId, plan);
			}
			return { result: true };
		},
	},
];
