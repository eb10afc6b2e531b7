/**
 * A chat bot of the chat bots v2 API in fetch mode (api-reference/chat-bots/chat-bots-v2):
 * imbot.v2.Bot.register (idempotent by code for the same application), then imbot.v2.Event.get,
 * where `offset` confirms every event with a lower ID and a call without it confirms nothing.
 */
import type { IDataObject, IHookFunctions, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Envelope } from '../shared/transport';
import { bitrix24Call, bitrix24CallMany, connect, failureError } from '../shared/transport';

export interface BotSettings {
	code: string;
	name: string;
	/** the bot's token: with an incoming webhook only */
	token?: string;
	events: string[];
	batchSize: number;
	type: string;
	workPosition: string;
}

/** The bot this node reads and the offset that confirms what the last poll emitted. */
export interface BotState {
	code?: string;
	botId?: number;
	offset?: number;
}

export interface BotEvent {
	eventId: number;
	type: string;
	date?: string;
	data: IDataObject;
}

/** A poll, or activation (the webhook's create step registers the bot). */
type BotContext = IPollFunctions | IHookFunctions;

function problem(ctx: BotContext, parameter: string, text: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `Parameter "${parameter}" ${text}`);
}

export function readSettings(ctx: BotContext): BotSettings {
	const code = String(ctx.getNodeParameter('botCode', '') ?? '').trim();
	if (!code) throw problem(ctx, 'Bot Code', 'is empty: name the bot, e.g. n8n_assistant');
	const name = String(ctx.getNodeParameter('botName', '') ?? '').trim();
	if (!name) throw problem(ctx, 'Bot Name', 'is empty: a bot is registered with a name');
	const webhook =
		ctx.getNodeParameter('authentication', 'bitrix24WebhookApi') !== 'bitrix24OAuth2Api';
	const token = webhook ? String(ctx.getNodeParameter('botToken', '') ?? '').trim() : undefined;
	if (webhook && !token)
		throw problem(ctx, 'Bot Token', 'is empty: with an incoming webhook every bot call names it');
	if (token && token.length > 40)
		throw problem(ctx, 'Bot Token', 'is longer than 40 characters, which Bitrix24 refuses');
	const events = ctx.getNodeParameter('events', []) as string[];
	if (!events.length) throw problem(ctx, 'Events', 'is empty: pick at least one bot event');
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const batchSize = Number(options.batchSize ?? 100);
	if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1000)
		throw problem(ctx, 'Events per Poll', `is ${String(options.batchSize)}: use 1 to 1000`);
	return {
		code,
		name,
		token,
		events,
		batchSize,
		type: String(options.botType || 'bot'),
		workPosition: String(options.workPosition ?? ''),
	};
}

const withToken = (settings: BotSettings): IDataObject =>
	settings.token ? { botToken: settings.token } : {};

export function readState(staticData: IDataObject): BotState {
	const stored = staticData.bot;
	return stored && typeof stored === 'object' ? { ...(stored as BotState) } : {};
}

export function writeState(staticData: IDataObject, state: BotState): void {
	staticData.bot = { ...state };
}

/** Registers the bot, or gets the one with this code; it must read its events by fetching. */
async function register(ctx: BotContext, settings: BotSettings): Promise<number> {
	const properties: IDataObject = { name: settings.name };
	if (settings.workPosition) properties.workPosition = settings.workPosition;
	const { result } = await bitrix24Call(ctx, 'imbot.v2.Bot.register', {
		fields: {
			code: settings.code,
			type: settings.type,
			eventMode: 'fetch',
			properties,
			...withToken(settings),
		},
	});
	const bot = ((result ?? {}) as IDataObject).bot as IDataObject | undefined;
	const id = Number(bot?.id);
	if (!Number.isInteger(id) || id <= 0)
		throw new NodeOperationError(ctx.getNode(), 'imbot.v2.Bot.register answered no bot ID');
	if (bot?.eventMode !== undefined && bot.eventMode !== 'fetch') {
		throw new NodeOperationError(
			ctx.getNode(),
			`The bot "${settings.code}" (ID ${id}) gets its events by ${String(bot.eventMode)}, not by fetching`,
			{
				description:
					'Switch it to the Fetch event mode with the Bitrix24 node (Chat Bot > Update), or use another Bot Code.',
			},
		);
	}
	return id;
}

/** The bot's ID: the one kept for this code, else registered now (the offset starts anew). */
export async function ensureBot(
	ctx: BotContext,
	settings: BotSettings,
	state: BotState,
): Promise<number> {
	if (state.code === settings.code && state.botId) return state.botId;
	const botId = await register(ctx, settings);
	Object.assign(state, { code: settings.code, botId, offset: undefined });
	return botId;
}

export interface EventPage {
	events: BotEvent[];
	nextOffset?: number;
	hasMore: boolean;
}

async function getEvents(
	ctx: IPollFunctions,
	settings: BotSettings,
	botId: number,
	offset: number | undefined,
): Promise<{ ok: true; envelope: Envelope } | { ok: false; notFound: boolean; error: Error }> {
	const params: IDataObject = { botId, ...withToken(settings), limit: settings.batchSize };
	if (offset !== undefined) params.offset = offset;
	const [outcome] = await bitrix24CallMany(ctx, [{ method: 'imbot.v2.Event.get', params }], false);
	if (outcome.ok) return outcome;
	return {
		ok: false,
		notFound: outcome.error.code === 'BOT_NOT_FOUND',
		error: failureError(ctx, await connect(ctx), outcome.error),
	};
}

/**
 * One page of the bot's queue. With `confirm`, the kept offset (the last poll's nextOffset) goes
 * along and confirms what that poll emitted; without, nothing is confirmed. A bot kept from
 * earlier that no longer exists is registered again, once.
 */
export async function readPage(
	ctx: IPollFunctions,
	settings: BotSettings,
	state: BotState,
	confirm: boolean,
): Promise<EventPage> {
	let botId = await ensureBot(ctx, settings, state);
	let answer = await getEvents(ctx, settings, botId, confirm ? state.offset : undefined);
	if (!answer.ok && answer.notFound) {
		state.botId = undefined;
		botId = await ensureBot(ctx, settings, state);
		answer = await getEvents(ctx, settings, botId, undefined);
	}
	if (!answer.ok) throw answer.error;
	return toEventPage(answer.envelope.result);
}

/** One answer of imbot.v2.Event.get / im.v2.Event.get: its events and where the next read starts. */
export function toEventPage(answer: unknown): EventPage {
	const result = (answer ?? {}) as IDataObject;
	const events = (Array.isArray(result.events) ? (result.events as IDataObject[]) : []).map(
		(event): BotEvent => ({
			eventId: Number(event.eventId),
			type: String(event.type ?? '').toUpperCase(),
			date: typeof event.date === 'string' ? event.date : undefined,
			data: (event.data && typeof event.data === 'object' ? event.data : {}) as IDataObject,
		}),
	);
	const next = Number(result.nextOffset);
	return {
		events,
		nextOffset: Number.isInteger(next) && next > 0 ? next : undefined,
		hasMore: result.hasMore === true,
	};
}

const objectAt = (data: IDataObject, key: string): IDataObject =>
	data[key] && typeof data[key] === 'object' ? (data[key] as IDataObject) : {};

/**
 * One item per event: what an answer needs up front (bot, dialog, text), then the event's data.
 * The user's own events (no bot) have the same shape without `botId`.
 */
export function toItem(event: BotEvent, botId?: number): IDataObject {
	const { data } = event;
	const message = objectAt(data, 'message');
	const item: IDataObject = {
		event: event.type,
		eventId: event.eventId,
		date: event.date,
		botId,
		dialogId: data.dialogId ?? objectAt(data, 'chat').dialogId,
		chatId: objectAt(data, 'chat').id,
		messageId: message.id ?? data.messageId,
		text: message.text,
		userId: objectAt(data, 'user').id,
		...data,
	};
	for (const key of Object.keys(item)) if (item[key] === undefined) delete item[key];
	return item;
}
