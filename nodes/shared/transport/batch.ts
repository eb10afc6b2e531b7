import type { IDataObject } from 'n8n-workflow';

import { batchOutcome } from './batch-answer';
import type { Bitrix24Context, Connection } from './connection';
import { BatchReference, buildPhpQuery, hasBatchToken, withWrittenId } from './php-query';
import { callRaw, isReadMethod, withSourceKey } from './request';
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

/** A call as a command of a `batch` request; with the connection's source key, when it has one. */
export function batchCommand(call: RestCall, connection?: Connection): string {
	const params = call.params ?? {};
	const query = buildPhpQuery(connection ? withSourceKey(params, connection) : params);
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
	if (commandCount(calls) > BATCH_LIMIT)
		throw new RangeError(`a batch holds at most ${BATCH_LIMIT} calls`);
	const cmd: IDataObject = {};
	calls.forEach((call, index) => {
		// each command carries the source key: the docs do not say a batch's own applies to them
		cmd[keys[index]] = batchCommand(call, connection);
		if (call.readBack)
			cmd[readBackKey(keys[index])] = batchCommand(readBackCall(call, keys[index]), connection);
	});
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
		if (!outcome.ok) return outcome;
		rememberOperatingTime(
			connection.portalKey,
			connection.limits,
			call.method,
			outcome.envelope.time,
		);
		if (call.readBack) {
			const read = batchOutcome(
				answer.envelope.result,
				readBackKey(keys[index]),
				call.readBack.method,
			);
			outcome.envelope.readBack = 'notRun' in read ? notRun(call.readBack.method) : read;
		}
		return outcome;
	});
}

function readBackKey(key: string): string {
	return `${key}r`;
}

function readBackCall(call: RestCall, key: string): RestCall {
	const readBack = call.readBack!;
	return {
		method: readBack.method,
		params: withWrittenId(readBack.params, new BatchReference(key, [])),
	};
}

/** Commands a call takes in a batch: its read-back rides along. */
function commandCount(calls: RestCall[]): number {
	return calls.reduce((count, call) => count + (call.readBack ? 2 : 1), 0);
}

async function runAlone(
	ctx: Bitrix24Context,
	connection: Connection,
	call: RestCall,
): Promise<CallOutcome> {
	const answer = await callRaw(ctx, connection, call.method, call.params ?? {});
	if (!answer.ok) return { ok: false, error: answer.failure };
	if (call.readBack) {
		// a write that may not ride in a batch: its read-back follows as a call of its own
		const read = await callRaw(
			ctx,
			connection,
			call.readBack.method,
			withWrittenId(call.readBack.params, answer.envelope.result),
		);
		answer.envelope.readBack = read.ok ? read : { ok: false, error: read.failure };
	}
	return answer;
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
	if (calls.length === 1 && !calls[0].readBack) return [await runAlone(ctx, connection, calls[0])];
	const outcomes: CallOutcome[] = [];
	let chunk: RestCall[] = [];
	const failed = () => halt && outcomes.some((outcome) => !outcome.ok);
	const flush = async () => {
		if (chunk.length === 0) return;
		const pending = chunk;
		chunk = [];
		if (failed()) outcomes.push(...pending.map((call) => notRun(call.method)));
		else if (pending.length === 1 && !pending[0].readBack)
			outcomes.push(await runAlone(ctx, connection, pending[0]));
		else outcomes.push(...(await runBatch(ctx, connection, pending, halt)));
	};
	for (const call of calls) {
		if (hasBatchToken(call.params)) {
			await flush();
			outcomes.push(failed() ? notRun(call.method) : await runAlone(ctx, connection, call));
			continue;
		}
		if (commandCount([...chunk, call]) > BATCH_LIMIT) await flush();
		chunk.push(call);
	}
	await flush();
	return outcomes;
}
