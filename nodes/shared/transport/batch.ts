import type { IDataObject } from 'n8n-workflow';

import { batchOutcome } from './batch-answer';
import type { Bitrix24Context, Connection } from './connection';
import { buildPhpQuery, hasBatchToken } from './php-query';
import { callRaw, isReadMethod } from './request';
import { rememberOperatingTime } from './scheduler';
import type { CallOutcome, RestCall } from './types';

export const BATCH_LIMIT = 50;

function notRun(method: string): CallOutcome {
	return {
		ok: false,
		error: {
			code: 'BATCH_HALTED',
			description:
				'Not run: an earlier call in the same batch failed and the batch was set to halt on errors',
			method,
		},
	};
}

export function commandKey(index: number): string {
	return `c${index}`;
}

export function batchCommand(call: RestCall): string {
	const query = buildPhpQuery(call.params ?? {});
	return query ? `${call.method}?${query}` : call.method;
}

/** Up to 50 calls in one `batch` request; one outcome per call, in order. */
export async function runBatch(
	ctx: Bitrix24Context,
	connection: Connection,
	calls: RestCall[],
	halt: boolean,
	keys: string[] = calls.map((_, index) => commandKey(index)),
): Promise<CallOutcome[]> {
	if (calls.length > BATCH_LIMIT)
		throw new RangeError(`a batch holds at most ${BATCH_LIMIT} calls`);
	const cmd: IDataObject = {};
	calls.forEach((call, index) => (cmd[keys[index]] = batchCommand(call)));
	const idempotent = calls.every((call) => isReadMethod(call.method));
	const answer = await callRaw(
		ctx,
		connection,
		'batch',
		{ halt: halt ? 1 : 0, cmd },
		idempotent,
		false,
	);
	if (!answer.ok) {
		return calls.map((call) => ({
			ok: false,
			error: { ...answer.failure, method: `batch (${call.method})` },
		}));
	}
	return calls.map((call, index): CallOutcome => {
		const outcome = batchOutcome(answer.envelope.result, keys[index], call.method);
		if ('notRun' in outcome) return notRun(call.method);
		if (outcome.ok)
			rememberOperatingTime(
				connection.portalKey,
				connection.limits,
				call.method,
				outcome.envelope.time,
			);
		return outcome;
	});
}

async function runAlone(
	ctx: Bitrix24Context,
	connection: Connection,
	call: RestCall,
): Promise<CallOutcome> {
	const answer = await callRaw(ctx, connection, call.method, call.params ?? {});
	return answer.ok ? answer : { ok: false, error: answer.failure };
}

/**
 * Any number of calls: one plain request for a single call, else `batch` requests of 50.
 * A call whose values Bitrix24 would read as a reference to another command (`$result[..]`
 * in a user's text) is sent alone, as a plain call, in its place in the order.
 * With `halt`, nothing after the first failure is run, as a loop over items would behave.
 */
export async function runMany(
	ctx: Bitrix24Context,
	connection: Connection,
	calls: RestCall[],
	halt: boolean,
): Promise<CallOutcome[]> {
	if (calls.length === 1) return [await runAlone(ctx, connection, calls[0])];
	const outcomes: CallOutcome[] = [];
	let chunk: RestCall[] = [];
	const failed = () => halt && outcomes.some((outcome) => !outcome.ok);
	const flush = async () => {
		if (chunk.length === 0) return;
		const pending = chunk;
		chunk = [];
		if (failed()) outcomes.push(...pending.map((call) => notRun(call.method)));
		else if (pending.length === 1) outcomes.push(await runAlone(ctx, connection, pending[0]));
		else outcomes.push(...(await runBatch(ctx, connection, pending, halt)));
	};
	for (const call of calls) {
		if (hasBatchToken(call.params)) {
			await flush();
			outcomes.push(failed() ? notRun(call.method) : await runAlone(ctx, connection, call));
			continue;
		}
		chunk.push(call);
		if (chunk.length === BATCH_LIMIT) await flush();
	}
	await flush();
	return outcomes;
}
