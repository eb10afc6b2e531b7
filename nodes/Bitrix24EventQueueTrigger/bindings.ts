/**
 * The trigger's offline bindings: event.bind / event.unbind with event_type=offline, and the
 * source key (auth_connector) of api-reference/events/offline-events.md, "How to Avoid Cycles":
 * a binding made with a key fills a queue of its own, which event.offline.* read with that key.
 *
 * event.get answers event, handler, auth_type and offline (event-get.md), not the source key, so
 * the node cannot see which queue an existing binding fills. It remembers the key it bound with
 * (QueueState.boundKey); while the key stays, event.get tells which events are missing. When the
 * key changes, the events are unbound and bound again with the new key, and a bind Bitrix24
 * refuses as already existing is an error: the old binding would keep filling the other queue.
 */
import type { IDataObject, IHookFunctions, IPollFunctions } from 'n8n-workflow';

import type { CallOutcome, RestCall } from '../shared/transport';
import {
	bitrix24Call,
	bitrix24CallMany,
	connect,
	failureError,
	withoutSecrets,
} from '../shared/transport';
import type { QueueState } from './queue';
import { withSource } from './queue';

const ALREADY_BOUND = 'ERROR_HANDLER_ALREADY_EXIST';

type Context = IPollFunctions | IHookFunctions;

function bindCalls(events: string[], sourceKey: string): RestCall[] {
	return events.map((event) => ({
		method: 'event.bind',
		params: withSource({ event, event_type: 'offline' }, sourceKey),
	}));
}

async function failOn(
	ctx: Context,
	events: string[],
	outcomes: CallOutcome[],
	accepted: (code: string) => boolean,
	why: string,
): Promise<void> {
	const failed = outcomes.flatMap((outcome, index) =>
		!outcome.ok && !accepted(outcome.error.code)
			? [{ event: events[index], failure: outcome.error }]
			: [],
	);
	if (failed.length === 0) return;
	const error = failureError(ctx, await connect(ctx), failed[0].failure);
	error.description =
		`Could not subscribe to ${failed.map((entry) => entry.event).join(', ')} as offline events (event.bind, event_type=offline; an administrator's authorization is needed). ${why}${error.description ?? ''}`.trim();
	throw error;
}

/** Binds every selected event that event.get does not show bound offline yet, with the key. */
async function bindMissing(ctx: Context, events: string[], sourceKey: string): Promise<void> {
	const { result } = await bitrix24Call(ctx, 'event.get');
	const bound = new Set(
		(Array.isArray(result) ? (result as IDataObject[]) : [])
			.filter((row) => Number(row.offline) === 1 || row.offline === true)
			.map((row) => String(row.event).toUpperCase()),
	);
	const missing = events.filter((event) => !bound.has(event));
	const outcomes = await bitrix24CallMany(ctx, bindCalls(missing, sourceKey), false);
	await failOn(ctx, missing, outcomes, (code) => code === ALREADY_BOUND, '');
}

/** Unbinds the events (whatever key they were bound with) and binds them with the new key. */
async function rebind(
	ctx: Context,
	events: string[],
	sourceKey: string,
	previous: string,
	state: QueueState,
): Promise<void> {
	const unbound = await bitrix24CallMany(
		ctx,
		events.map((event) => ({ method: 'event.unbind', params: { event, event_type: 'offline' } })),
		false,
	);
	// a refused unbind is not fatal here: the bind below tells whether an old binding remains
	const removed = unbound.reduce(
		(sum, outcome) =>
			sum + (outcome.ok ? Number((outcome.envelope.result as IDataObject)?.count ?? 0) : 0),
		0,
	);
	const outcomes = await bitrix24CallMany(ctx, bindCalls(events, sourceKey), false);
	await failOn(
		ctx,
		events,
		outcomes,
		() => false,
		'The Source Key changed: the events were unbound to be bound again with the new key, and an offline binding that still exists would keep filling the queue of the previous key. ',
	);
	// not silent: what the previous key's queue still holds is not read any more
	if (removed > 0 || state.processId) {
		ctx.logger.warn(
			await withoutSecrets(
				ctx,
				`Bitrix24 Event Queue Trigger: the Source Key changed from ${previous ? `"${previous}"` : 'none'} to ${sourceKey ? `"${sourceKey}"` : 'none'}; the events were bound again with the new key. Events queued before the change stay in the queue of the previous key.`,
			),
		);
	}
}

/**
 * Makes sure every selected event is bound offline with the trigger's source key, and records
 * the key in `state` (the caller stores it). Without a key and without a recorded one this is
 * what the trigger always did: event.get, then event.bind for the missing events.
 */
export async function ensureBindings(
	ctx: Context,
	events: string[],
	sourceKey: string,
	state: QueueState,
): Promise<void> {
	const previous = state.boundKey ?? '';
	if (previous === sourceKey) await bindMissing(ctx, events, sourceKey);
	else await rebind(ctx, events, sourceKey, previous, state);
	if (sourceKey) state.boundKey = sourceKey;
	else delete state.boundKey;
}

/**
 * event.unbind with event_type=offline for each event (no handler: offline bindings have none;
 * event-unbind.md lists no auth_connector, so it removes the event's offline bindings of any key).
 * Deactivation goes on when Bitrix24 refuses: the failure is logged, without the credential's
 * secrets, and reported as false.
 */
export async function unbindAll(ctx: IHookFunctions, events: string[]): Promise<boolean> {
	const outcomes = await bitrix24CallMany(
		ctx,
		events.map((event) => ({ method: 'event.unbind', params: { event, event_type: 'offline' } })),
		false,
	);
	const failed = outcomes.flatMap((outcome, index) =>
		outcome.ok ? [] : [`${events[index]}: ${outcome.error.code} ${outcome.error.description}`],
	);
	if (failed.length === 0) return true;
	const message = await withoutSecrets(
		ctx,
		`Bitrix24 Event Queue Trigger: event.unbind failed for ${failed.join('; ')}`,
	);
	ctx.logger.warn(message);
	return false;
}
