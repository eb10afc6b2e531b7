import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseEventList } from '../shared/events';
import type { Bitrix24Failure, RestCall } from '../shared/transport';
import {
	bitrix24Call,
	bitrix24CallMany,
	connect,
	failureError,
	withoutSecrets,
} from '../shared/transport';
import { redact } from '../shared/transport/errors';

type TriggerContext = IHookFunctions | IWebhookFunctions;

/**
 * Logs a warning without the credential's secrets (access and refresh token, client secret,
 * a token refreshed meanwhile too): Bitrix24's error descriptions may quote what was sent.
 */
async function warn(ctx: IHookFunctions, message: string): Promise<void> {
	const scrubbed = await withoutSecrets(ctx, message);
	ctx.logger.warn(redact(scrubbed, (await connect(ctx)).secrets));
}

export function usesOAuth2(ctx: TriggerContext): boolean {
	return ctx.getNodeParameter('authentication', 'bitrix24OAuth2Api') === 'bitrix24OAuth2Api';
}

/** The selected events and the custom names, upper-case, without duplicates. */
export function selectedEvents(ctx: TriggerContext): string[] {
	const picked = ctx.getNodeParameter('events', []) as string[];
	const custom = parseEventList(String(ctx.getNodeParameter('customEvents', '') ?? ''));
	return [...new Set([...picked.map((name) => name.toUpperCase()), ...custom.names])];
}

/** The events to subscribe to; refuses an empty selection or a custom entry that is no event name. */
export function eventsToSubscribe(ctx: IHookFunctions): string[] {
	const custom = parseEventList(String(ctx.getNodeParameter('customEvents', '') ?? ''));
	if (custom.invalid.length) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Not a Bitrix24 event name: ${custom.invalid.join(', ')}`,
			{
				description:
					'Custom Event Names takes event codes such as ONCRMACTIVITYADD, separated by commas.',
			},
		);
	}
	const events = selectedEvents(ctx);
	if (events.length === 0) {
		throw new NodeOperationError(ctx.getNode(), 'No event selected', {
			description: 'Pick at least one event under Events or enter one under Custom Event Names.',
		});
	}
	return events;
}

export function handlerUrl(ctx: IHookFunctions): string {
	const url = ctx.getNodeWebhookUrl('default');
	if (!url)
		throw new NodeOperationError(
			ctx.getNode(),
			'n8n did not provide a webhook URL for this trigger',
		);
	return url;
}

/** Events the portal has bound to `handler` for this application (event.get). */
export async function boundEvents(ctx: IHookFunctions, handler: string): Promise<Set<string>> {
	const { result } = await bitrix24Call(ctx, 'event.get');
	const rows = Array.isArray(result) ? (result as IDataObject[]) : [];
	return new Set(
		rows.filter((row) => row.handler === handler).map((row) => String(row.event).toUpperCase()),
	);
}

const ALREADY_BOUND = 'ERROR_HANDLER_ALREADY_EXIST';

async function unbind(
	ctx: IHookFunctions,
	handler: string,
	events: string[],
): Promise<Bitrix24Failure[]> {
	const calls: RestCall[] = events.map((event) => ({
		method: 'event.unbind',
		params: { event, handler },
	}));
	const outcomes = await bitrix24CallMany(ctx, calls, false);
	return outcomes.flatMap((outcome) => (outcome.ok ? [] : [outcome.error]));
}

/**
 * Binds `handler` to every event in one batch. A binding that already exists counts as made.
 * When any event cannot be bound, the bindings just made are removed again and the error
 * names the events that failed.
 */
export async function bindEvents(
	ctx: IHookFunctions,
	handler: string,
	events: string[],
): Promise<void> {
	const calls: RestCall[] = events.map((event) => ({
		method: 'event.bind',
		params: { event, handler },
	}));
	const outcomes = await bitrix24CallMany(ctx, calls, false);
	const failed = outcomes.flatMap((outcome, index) =>
		!outcome.ok && outcome.error.code !== ALREADY_BOUND
			? [{ event: events[index], failure: outcome.error }]
			: [],
	);
	if (failed.length === 0) return;
	const made = events.filter((_, index) => outcomes[index].ok);
	if (made.length) {
		const leftOver = await unbind(ctx, handler, made);
		if (leftOver.length) {
			await warn(
				ctx,
				`Bitrix24 Trigger: ${leftOver.length} of the bindings made before the failure could not be removed`,
			);
		}
	}
	const error = failureError(ctx, await connect(ctx), failed[0].failure);
	error.description =
		`Could not subscribe to ${failed.map((entry) => entry.event).join(', ')}. ${error.description ?? ''}`.trim();
	throw error;
}

/**
 * Removes every binding of `handler`: the selected events and whatever else event.get shows
 * bound to it (events deselected since activation). Returns whether all unbinds succeeded.
 */
export async function unbindAll(
	ctx: IHookFunctions,
	handler: string,
	events: string[],
): Promise<boolean> {
	const [listing] = await bitrix24CallMany(ctx, [{ method: 'event.get' }], false);
	const bound = new Set(events);
	if (listing.ok && Array.isArray(listing.envelope.result)) {
		for (const row of listing.envelope.result as IDataObject[]) {
			if (row.handler === handler) bound.add(String(row.event).toUpperCase());
		}
	} else if (!listing.ok) {
		await warn(
			ctx,
			`Bitrix24 Trigger: event.get failed (${listing.error.code || listing.error.description}); unbinding the selected events only`,
		);
	}
	if (bound.size === 0) return true;
	const failures = await unbind(ctx, handler, [...bound]);
	for (const failure of failures) {
		await warn(
			ctx,
			`Bitrix24 Trigger: event.unbind failed: ${failure.code || ''} ${failure.description}`.trim(),
		);
	}
	return failures.length === 0;
}
