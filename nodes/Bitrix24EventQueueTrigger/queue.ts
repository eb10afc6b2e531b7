/**
 * The offline event queue (api-reference/events/offline-events.md): event.bind with
 * event_type=offline, then event.offline.get with clear=0, which reserves a batch under a
 * process_id, and event.offline.clear, which removes it once the workflow has it.
 */
import { createHash } from 'crypto';
import type { IDataObject, IHookFunctions, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { eventDefinition, parseEventList } from '../shared/events';
import { bitrix24Call, bitrix24CallMany, withoutSecrets } from '../shared/transport';

export interface QueueSettings {
	events: string[];
	limit: number;
	fetchFullRecord: boolean;
	unbindOnDeactivation: boolean;
	/** Options > Source Key (auth_connector); '' for the queue without source */
	sourceKey: string;
}

/** What the last poll left to confirm: the batch it emitted, under its process. */
export interface QueueState {
	processId?: string;
	emitted?: string[];
	/** the source key that batch was read with (absent: none), so it is cleared in its own queue */
	sourceKey?: string;
	/** the source key the node last bound its events with (absent: none, as before the option) */
	boundKey?: string;
}

/** `params` with `auth_connector` when a source key is set; nothing added otherwise. */
export function withSource(params: IDataObject, sourceKey: string | undefined): IDataObject {
	return sourceKey ? { ...params, auth_connector: sourceKey } : params;
}

export function readSettings(ctx: IPollFunctions | IHookFunctions): QueueSettings {
	const picked = ctx.getNodeParameter('events', []) as string[];
	const custom = parseEventList(String(ctx.getNodeParameter('customEvents', '') ?? ''));
	if (custom.invalid.length) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Parameter "Custom Event Names": not a Bitrix24 event name: ${custom.invalid.join(', ')}`,
			{ description: 'Enter event codes such as ONCRMACTIVITYADD, separated by commas.' },
		);
	}
	const events = [...new Set([...picked.map((name) => name.toUpperCase()), ...custom.names])];
	if (events.length === 0) {
		throw new NodeOperationError(ctx.getNode(), 'No event selected', {
			description: 'Pick at least one event under Events or enter one under Custom Event Names.',
		});
	}
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const limit = Number(options.batchSize ?? 50);
	if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Parameter "Events per Poll": ${String(options.batchSize)} is not a whole number from 1 to 1000`,
		);
	}
	return {
		events,
		limit,
		fetchFullRecord: options.fetchFullRecord === true,
		unbindOnDeactivation: options.unbindOnDeactivation !== false,
		sourceKey: typeof options.sourceKey === 'string' ? options.sourceKey.trim() : '',
	};
}

/**
 * The process that reserves this node's batches: one per workflow node, the same after a restart,
 * so a batch reserved by a poll whose result never reached the database is selected again.
 */
export function processIdOf(ctx: IPollFunctions): string {
	const node = ctx.getNode();
	return createHash('md5')
		.update(`n8n-nodes-bitrix24:${ctx.getWorkflow().id ?? ''}:${node.id ?? node.name}`)
		.digest('hex');
}

export function readState(staticData: IDataObject): QueueState {
	const stored = staticData.queue;
	return stored && typeof stored === 'object' ? (stored as QueueState) : {};
}

export function writeState(staticData: IDataObject, state: QueueState): void {
	staticData.queue = { ...state };
}

/** Removes what the previous poll emitted (and the events it passed over) from the queue. */
export async function confirm(ctx: IPollFunctions, state: QueueState): Promise<void> {
	if (!state.processId || !state.emitted?.length) return;
	// event.offline-clear.md lists no auth_connector: sent anyway, the batch lives in that queue
	await bitrix24Call(
		ctx,
		'event.offline.clear',
		withSource({ process_id: state.processId, id: state.emitted }, state.sourceKey),
	);
	state.emitted = [];
}

/** The next batch, reserved for `processId` (and what that process still holds). */
export async function reserve(
	ctx: IPollFunctions,
	processId: string,
	limit: number,
	sourceKey: string,
): Promise<{ processId: string; rows: IDataObject[] }> {
	const { result } = await bitrix24Call(
		ctx,
		'event.offline.get',
		withSource(
			{ clear: 0, process_id: processId, limit, order: { TIMESTAMP_X: 'ASC', ID: 'ASC' } },
			sourceKey,
		),
	);
	const answer = (result ?? {}) as IDataObject;
	return {
		processId:
			typeof answer.process_id === 'string' && answer.process_id ? answer.process_id : processId,
		rows: Array.isArray(answer.events) ? (answer.events as IDataObject[]) : [],
	};
}

export function eventName(row: IDataObject): string {
	return String(row.EVENT_NAME ?? '').toUpperCase();
}

function toItem(row: IDataObject): IDataObject {
	const data = row.EVENT_DATA;
	const item: IDataObject = {
		event: eventName(row),
		data: data && typeof data === 'object' ? data : {},
		timestamp: row.TIMESTAMP_X,
		queueId: row.ID,
		messageId: row.MESSAGE_ID,
	};
	if (row.EVENT_ADDITIONAL && typeof row.EVENT_ADDITIONAL === 'object')
		item.additional = row.EVENT_ADDITIONAL;
	return item;
}

/** The records the events name, read in batches; a failure is reported on its item. */
async function addRecords(ctx: IPollFunctions, items: IDataObject[]): Promise<void> {
	const reads = items.flatMap((item) => {
		const source = eventDefinition(String(item.event))?.record;
		const call = source?.call(item.data as IDataObject);
		return source && call ? [{ item, source, call }] : [];
	});
	const outcomes = await bitrix24CallMany(
		ctx,
		reads.map((read) => read.call),
		false,
	);
	for (const [index, read] of reads.entries()) {
		const outcome = outcomes[index];
		const record = outcome.ok ? read.source.pick(outcome.envelope.result) : undefined;
		if (record && typeof record === 'object') {
			read.item.record = await withoutSecrets(ctx, record as IDataObject);
		} else {
			read.item.record = null;
			read.item.recordError = outcome.ok
				? `${read.call.method} returned no record: it does not exist or the credential's user cannot see it`
				: await withoutSecrets(
						ctx,
						`${outcome.error.code ? `${outcome.error.code}: ` : ''}${outcome.error.description}`,
					);
		}
	}
}

export async function toItems(
	ctx: IPollFunctions,
	rows: IDataObject[],
	settings: QueueSettings,
): Promise<IDataObject[]> {
	const items = await withoutSecrets(ctx, rows.map(toItem));
	if (settings.fetchFullRecord) await addRecords(ctx, items);
	return items;
}
