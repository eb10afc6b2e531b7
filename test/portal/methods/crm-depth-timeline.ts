/**
 * Activity bindings and timeline notes, as bitrix24/b24restdocs describes them:
 * - crm.activity.binding.list / add / delete / move (api-reference/crm/timeline/activities/
 *   binding/): an activity starts bound to its owner; at most 100 bindings; the last one cannot be
 *   deleted; move only between records of one type. `true`, or the pages' error codes and texts.
 * - crm.timeline.note.get / save / delete (api-reference/crm/timeline/note/): the note of an
 *   activity (itemType 2) or a history entry (itemType 1: here a timeline comment) of a record;
 *   get answers text, createdById, createdTime, updatedById, updatedTime.
 */
import { isoDate, RestError } from '../envelope';
import { phpInt } from '../php-query';
import type { CallContext, MethodDef } from '../registry';
import type { Store } from '../store';
import { entryBindings, extrasState, isBoundTo } from './crm-extras';

interface Binding {
	entityTypeId: number;
	entityId: number;
}

interface TimelineState {
	/** activity id -> its bindings, once crm.activity.binding.* changed them */
	bindings: Map<number, Binding[]>;
	/** `${ownerTypeId}:${ownerId}:${itemType}:${itemId}` -> note */
	notes: Map<string, Record<string, string | number>>;
}

/** This module's per-portal state (tests read it to check what the portal stored). */
export function timelineState(store: Store): TimelineState {
	return store.area<TimelineState>('crm-depth-timeline', () => ({
		bindings: new Map(),
		notes: new Map(),
	}));
}

const fail = (code: string, description: string): RestError =>
	new RestError(400, code, description);

/** The named integer parameters, all required (code 100 otherwise). */
function ints(ctx: CallContext, ...names: string[]): number[] {
	return names.map((name) => {
		const value = ctx.params[name];
		const number = value === undefined || value === null || value === '' ? 0 : phpInt(value);
		if (number <= 0) throw fail('100', 'Required fields are not provided');
		return number;
	});
}

/** An activity's bindings: at first the record it belongs to. */
function activityBindings(ctx: CallContext, activityId: number, notFound: string): Binding[] {
	const activity = extrasState(ctx.portal.store).activities.get(activityId);
	if (!activity) throw fail('NOT_FOUND', notFound);
	return (
		timelineState(ctx.portal.store).bindings.get(activityId) ?? [
			{ entityTypeId: activity.OWNER_TYPE_ID, entityId: activity.OWNER_ID },
		]
	);
}

const has = (bindings: Binding[], entityTypeId: number, entityId: number): boolean =>
	bindings.some((b) => b.entityTypeId === entityTypeId && b.entityId === entityId);

function checkOwner(ctx: CallContext, entityTypeId: number, entityId: number, text: string): void {
	if (!ctx.portal.store.get(entityTypeId, entityId)) throw fail('OWNER_NOT_FOUND', text);
}

const bindingMethods: MethodDef[] = [
	{
		name: 'crm.activity.binding.list',
		scope: 'crm',
		handler: (ctx) => {
			const [activityId] = ints(ctx, 'activityId');
			const bindings = activityBindings(ctx, activityId, 'Element not found');
			return { result: bindings.map((b) => ({ ...b })) };
		},
	},
	{
		name: 'crm.activity.binding.add',
		scope: 'crm',
		handler: (ctx) => {
			const [activityId, entityTypeId, entityId] = ints(
				ctx,
				'activityId',
				'entityTypeId',
				'entityId',
			);
			const bindings = activityBindings(ctx, activityId, 'Entity not found');
			checkOwner(ctx, entityTypeId, entityId, 'Owner of the entity not found');
			if (has(bindings, entityTypeId, entityId))
				throw fail('ACTIVITY_IS_ALREADY_BOUND', 'The deal is already bound to this entity');
			timelineState(ctx.portal.store).bindings.set(activityId, [
				...bindings,
				{ entityTypeId, entityId },
			]);
			return { result: true };
		},
	},
	{
		name: 'crm.activity.binding.delete',
		scope: 'crm',
		handler: (ctx) => {
			const [activityId, entityTypeId, entityId] = ints(
				ctx,
				'activityId',
				'entityTypeId',
				'entityId',
			);
			const bindings = activityBindings(ctx, activityId, 'Element not found');
			if (!has(bindings, entityTypeId, entityId))
				throw fail('BINDING_NOT_FOUND', 'Deal is not linked to this entity');
			if (bindings.length === 1)
				throw fail(
					'LAST_BINDING_CANNOT_BE_DELETED',
					'Cannot delete the only binding of the deal to the entity',
				);
			timelineState(ctx.portal.store).bindings.set(
				activityId,
				bindings.filter((b) => !(b.entityTypeId === entityTypeId && b.entityId === entityId)),
			);
			return { result: true };
		},
	},
	{
		name: 'crm.activity.binding.move',
		scope: 'crm',
		handler: (ctx) => {
			const [activityId, sourceType, sourceId, targetType, targetId] = ints(
				ctx,
				'activityId',
				'sourceEntityTypeId',
				'sourceEntityId',
				'targetEntityTypeId',
				'targetEntityId',
			);
			const bindings = activityBindings(ctx, activityId, 'Element not found');
			if (sourceType !== targetType)
				throw fail(
					'SOURCE_AND_TARGET_ENTITY_TYPES_ARE_NOT_EQUAL_ERROR',
					'Cannot move the deal from one CRM object type to another',
				);
			if (sourceId === targetId)
				throw fail(
					'SOURCE_AND_TARGET_ENTITY_ID_ARE_EQUAL_ERROR',
					'Cannot move the deal to the same deal',
				);
			checkOwner(ctx, targetType, targetId, 'Owner of the item not found');
			if (!has(bindings, sourceType, sourceId))
				throw fail('BINDING_NOT_FOUND', 'The deal is not linked to the specified entity');
			if (has(bindings, targetType, targetId))
				throw fail('ACTIVITY_IS_ALREADY_BOUND', 'The deal is already bound to this entity');
			timelineState(ctx.portal.store).bindings.set(
				activityId,
				bindings.map((b) =>
					b.entityTypeId === sourceType && b.entityId === sourceId
						? { entityTypeId: targetType, entityId: targetId }
						: b,
				),
			);
			return { result: true };
		},
	},
];

/** The note's key, once its entry is known to belong to the record. */
function noteKey(ctx: CallContext): string {
	const [ownerTypeId, ownerId, itemType, itemId] = ints(
		ctx,
		'ownerTypeId',
		'ownerId',
		'itemType',
		'itemId',
	);
	const store = ctx.portal.store;
	let belongs = false;
	if (itemType === 2) {
		const activity = extrasState(store).activities.get(itemId);
		belongs =
			!!activity && has(activityBindings(ctx, itemId, 'Element not found'), ownerTypeId, ownerId);
	} else if (itemType === 1) {
		const comment = extrasState(store).comments.get(itemId);
		const code = store.table(ownerTypeId)?.info.oldName ?? `dynamic_${ownerTypeId}`;
		belongs =
			!!comment &&
			isBoundTo(
				entryBindings(store, itemId, {
					ENTITY_TYPE: comment.ENTITY_TYPE,
					ENTITY_ID: comment.ENTITY_ID,
				}),
				code,
				ownerId,
			);
	}
	if (!belongs) throw fail('NOT_FOUND', 'Element not found');
	return `${ownerTypeId}:${ownerId}:${itemType}:${itemId}`;
}

const noteMethods: MethodDef[] = [
	{
		name: 'crm.timeline.note.get',
		scope: 'crm',
		handler: (ctx) => {
			const note = timelineState(ctx.portal.store).notes.get(noteKey(ctx));
			if (!note) throw fail('NOT_FOUND', 'Element not found');
			return { result: { ...note } };
		},
	},
	{
		name: 'crm.timeline.note.save',
		scope: 'crm',
		handler: (ctx) => {
			const key = noteKey(ctx);
			const text = ctx.params.text;
			if (text === undefined || text === null || text === '')
				throw fail('100', 'Required fields are not provided');
			const notes = timelineState(ctx.portal.store).notes;
			const now = isoDate(Date.now());
			const before = notes.get(key);
			notes.set(key, {
				text: String(text),
				createdById: before?.createdById ?? ctx.auth.userId,
				createdTime: before?.createdTime ?? now,
				updatedById: ctx.auth.userId,
				updatedTime: now,
			});
			return { result: true };
		},
	},
	{
		name: 'crm.timeline.note.delete',
		scope: 'crm',
		handler: (ctx) => {
			const key = noteKey(ctx);
			const notes = timelineState(ctx.portal.store).notes;
			if (!notes.has(key)) throw fail('NOT_FOUND', 'Element not found');
			notes.delete(key);
			return { result: true };
		},
	},
];

export const methods: MethodDef[] = [...bindingMethods, ...noteMethods];
