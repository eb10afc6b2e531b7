/**
 * The records a timeline entry shows in, as bitrix24/b24restdocs api-reference/crm/timeline/
 * bindings/ describes them: crm.timeline.bindings.bind / unbind (fields OWNER_ID, ENTITY_ID,
 * ENTITY_TYPE; `true`, or `false` when nothing changed) and .list (filter OWNER_ID; rows of
 * strings) and .fields. An entry (a timeline comment or a log entry) starts bound to the record
 * it was added to; a comment bound to a deal is listed in the deal's timeline
 * (crm.timeline.comment.list), and can be pinned there. Errors have the empty code of the
 * classic methods.
 */
import { crmError } from '../envelope';
import { isObject, phpInt } from '../php-query';
import type { CallContext, MethodDef } from '../registry';
import { param } from '../registry';
import type { Store } from '../store';
import { automationState, messageBinding } from './crm-automation';
import type { TimelineBinding } from './crm-extras';
import { entryBindings, extrasState, isBoundTo } from './crm-extras';

/** The types an entry can be bound to (the docs' ENTITY_TYPE values) and their entity type ids. */
const BINDABLE: Record<string, number> = { lead: 1, deal: 2, contact: 3, company: 4, order: 14 };

/** The entry's bindings, or undefined when there is no such timeline entry. */
function bindingsOf(store: Store, entryId: number): TimelineBinding[] | undefined {
	const comment = extrasState(store).comments.get(entryId);
	if (comment)
		return entryBindings(store, entryId, {
			ENTITY_TYPE: comment.ENTITY_TYPE,
			ENTITY_ID: comment.ENTITY_ID,
		});
	const message = automationState(store).logMessages.get(entryId);
	return message ? entryBindings(store, entryId, messageBinding(message)) : undefined;
}

function ownerOf(ctx: CallContext, source: unknown): { id: number; bindings: TimelineBinding[] } {
	const raw = isObject(source) ? source.OWNER_ID : undefined;
	const id = raw === undefined || raw === null || raw === '' ? 0 : phpInt(raw);
	const bindings = id > 0 ? bindingsOf(ctx.portal.store, id) : undefined;
	if (!bindings) throw crmError('OWNER_ID is not defined or invalid.');
	return { id, bindings };
}

/** The bind / unbind fields: the entry, and an existing record of a bindable type. */
function bindingFields(ctx: CallContext): {
	id: number;
	bindings: TimelineBinding[];
	type: string;
	entityId: number;
} {
	const fields = param(ctx.params, 'fields');
	const { id, bindings } = ownerOf(ctx, fields);
	const source = fields as Record<string, unknown>;
	const type = String(source.ENTITY_TYPE ?? '').toLowerCase();
	if (!(type in BINDABLE)) throw crmError('ENTITY_TYPE is not defined or invalid.');
	const entityId = phpInt(source.ENTITY_ID ?? 0);
	if (entityId <= 0 || !ctx.portal.store.get(BINDABLE[type], entityId))
		throw crmError('ENTITY_ID is not defined or invalid.');
	return { id, bindings, type, entityId };
}

const field = (type: string, title: string) => ({
	type,
	isRequired: true,
	isReadOnly: false,
	isImmutable: true,
	isMultiple: false,
	isDynamic: false,
	title,
});

export const methods: MethodDef[] = [
	{
		name: 'crm.timeline.bindings.bind',
		scope: 'crm',
		handler: (ctx) => {
			const { id, bindings, type, entityId } = bindingFields(ctx);
			if (isBoundTo(bindings, type, entityId)) return { result: false };
			extrasState(ctx.portal.store).timelineBindings.set(id, [
				...bindings,
				{ ENTITY_TYPE: type, ENTITY_ID: entityId },
			]);
			return { result: true };
		},
	},
	{
		name: 'crm.timeline.bindings.unbind',
		scope: 'crm',
		handler: (ctx) => {
			const { id, bindings, type, entityId } = bindingFields(ctx);
			if (!isBoundTo(bindings, type, entityId)) throw crmError('Not found.');
			extrasState(ctx.portal.store).timelineBindings.set(
				id,
				bindings.filter((b) => !(b.ENTITY_TYPE === type && b.ENTITY_ID === entityId)),
			);
			return { result: true };
		},
	},
	{
		name: 'crm.timeline.bindings.list',
		scope: 'crm',
		handler: (ctx) => {
			const { id, bindings } = ownerOf(ctx, param(ctx.params, 'filter'));
			return {
				result: bindings.map((b) => ({
					OWNER_ID: String(id),
					ENTITY_ID: String(b.ENTITY_ID),
					ENTITY_TYPE: b.ENTITY_TYPE,
				})),
				total: bindings.length,
			};
		},
	},
	{
		name: 'crm.timeline.bindings.fields',
		scope: 'crm',
		handler: () => ({
			result: {
				OWNER_ID: field('integer', 'Timeline record ID'),
				ENTITY_ID: field('integer', 'Element ID'),
				ENTITY_TYPE: field('string', 'Element type'),
			},
		}),
	},
];
