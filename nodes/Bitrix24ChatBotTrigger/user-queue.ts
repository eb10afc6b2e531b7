/**
 * The connected user's own messenger events (api-reference/chat-bots/chat-bots-v2/im.v2/events):
 * im.v2.Event.subscribe (idempotent; without it nothing is recorded), then im.v2.Event.get, where
 * `offset` (the last answer's nextOffset) confirms what came before it and a call without it
 * confirms nothing. The queue is the user's: every reader of that user confirms for all.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RestCall } from '../shared/transport';
import { bitrix24CallMany, connect, failureError } from '../shared/transport';
import type { BotEvent, EventPage } from './bot-queue';
import { toEventPage } from './bot-queue';

export interface UserSettings {
	events: string[];
	batchSize: number;
	ignoreOwn: boolean;
}

/** Whose queue the offset belongs to (hashed, no secret), the offset, and the user's ID. */
export interface UserState {
	account?: string;
	offset?: number;
	userId?: number;
}

/** The events whose `user` is the one who acted (the author, or who reacted). */
const OWN_ACTIONS = new Set([
	'ONIMV2MESSAGEADD',
	'ONIMV2MESSAGEUPDATE',
	'ONIMV2MESSAGEDELETE',
	'ONIMV2REACTIONCHANGE',
]);

export function readUserSettings(ctx: IPollFunctions): UserSettings {
	const events = ctx.getNodeParameter('userEvents', []) as string[];
	if (!Array.isArray(events) || !events.length)
		throw new NodeOperationError(
			ctx.getNode(),
			'Parameter "Events" is empty: pick at least one messenger event',
		);
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const batchSize = Number(options.batchSize ?? 100);
	if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1000)
		throw new NodeOperationError(
			ctx.getNode(),
			`Parameter "Events per Poll" is ${String(options.batchSize)}: use 1 to 1000`,
		);
	return { events, batchSize, ignoreOwn: options.ignoreOwn === true };
}

export function readUserState(staticData: IDataObject): UserState {
	const stored = staticData.user;
	return stored && typeof stored === 'object' ? { ...(stored as UserState) } : {};
}

export function writeUserState(staticData: IDataObject, state: UserState): void {
	staticData.user = { ...state };
}

/** The account the credential acts as: a changed credential starts without an offset. */
async function accountOf(ctx: IPollFunctions): Promise<string> {
	const connection = await connect(ctx);
	if (connection.credentialType === 'bitrix24WebhookApi') return `webhook:${connection.identity}`;
	const credential = ctx.getNode().credentials?.[connection.credentialType];
	return `oauth:${connection.portalKey}:${credential?.id ?? credential?.name ?? ''}`;
}

/**
 * One page of the user's queue, in one request: subscribe (when missing, Bitrix24 records nothing,
 * and there is no way to ask), the user's ID when own actions are ignored, then the events. With
 * `confirm` the kept offset goes along and confirms what the last poll emitted.
 */
export async function readUserPage(
	ctx: IPollFunctions,
	settings: UserSettings,
	state: UserState,
	confirm: boolean,
): Promise<EventPage> {
	const account = await accountOf(ctx);
	if (state.account !== account)
		Object.assign(state, { account, offset: undefined, userId: undefined });
	const params: IDataObject = { limit: settings.batchSize };
	if (confirm && state.offset !== undefined) params.offset = state.offset;
	const calls: RestCall[] = [{ method: 'im.v2.Event.subscribe', params: {} }];
	const askUser = settings.ignoreOwn && !state.userId;
	if (askUser) calls.push({ method: 'user.current', params: {} });
	calls.push({ method: 'im.v2.Event.get', params });
	const outcomes = await bitrix24CallMany(ctx, calls, true);
	for (const outcome of outcomes)
		if (!outcome.ok) throw failureError(ctx, await connect(ctx), outcome.error);
	const ok = (index: number) => (outcomes[index] as { envelope: { result?: unknown } }).envelope;
	if (askUser) {
		const id = Number(((ok(1).result ?? {}) as IDataObject).ID);
		if (!Number.isInteger(id) || id <= 0)
			throw new NodeOperationError(ctx.getNode(), 'user.current answered no user ID');
		state.userId = id;
	}
	return toEventPage(ok(outcomes.length - 1).result);
}

/** Whether the event starts the workflow: a selected type, and not the user's own when ignored. */
export function userWants(settings: UserSettings, state: UserState): (event: BotEvent) => boolean {
	const wanted = new Set(settings.events);
	return (event) => {
		if (!wanted.has(event.type)) return false;
		if (!settings.ignoreOwn || !OWN_ACTIONS.has(event.type)) return true;
		const user = event.data.user as IDataObject | undefined;
		return Number(user?.id) !== state.userId;
	};
}
