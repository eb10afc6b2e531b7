import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { PortalLimits } from './bucket';
import { batchOutcome } from './batch-answer';
import { readEnvelope } from './envelope';
import { Bucket } from './bucket';
import { buildPhpQuery } from './php-query';
import type { Attempt, ScheduledCall } from './scheduled-call';
import { schedulerSettings } from './scheduled-call';
import type { Bitrix24Failure } from './types';

/** One portal's queue, bucket and batching (see scheduler.ts, which keeps one per portal). */

const MAX_COMMANDS = 50;
/** A command longer than this goes alone: the batch request has to stay well within a server's POST limits. */
const MAX_COMMAND_BYTES = 16 * 1024;
const MAX_BATCH_BYTES = 256 * 1024;
/** Requests in flight at once while the bucket has room; one at a time once it is half full. */
const MAX_IN_FLIGHT = 4;
/** A request in flight longer than this no longer holds its lane: a slow list must not stall the portal's queue. */
const STALLED_MS = 1500;
/** After 429 without a known reset time, Bitrix24's SDK waits 10 s. */
const OPERATING_WAIT_MS = 10_000;
const REFUSED = new Set(['QUERY_LIMIT_EXCEEDED', 'OVERLOAD_LIMIT', 'OPERATION_TIME_LIMIT']);

interface Job extends ScheduledCall {
	command?: string;
	deadline: number;
	notBefore: number;
	lastRefusal?: Bitrix24Failure;
	resolve: (attempt: Attempt) => void;
}

export class PortalScheduler {
	readonly bucket: Bucket;
	private readonly queue: Job[] = [];
	private readonly inFlight = new Set<number>();
	private readonly operatingResetAt = new Map<string, number>();
	/** per method: no call of it goes out before this time (it was answered 429) */
	private readonly blockedUntil = new Map<string, number>();
	private running = false;
	private wakeUp: (() => void) | undefined;

	constructor(limits: PortalLimits) {
		this.bucket = new Bucket(limits);
	}

	get idle(): boolean {
		return (
			this.queue.length === 0 &&
			this.inFlight.size === 0 &&
			!this.running &&
			this.bucket.empty(Date.now())
		);
	}

	submit(call: ScheduledCall): Promise<Attempt> {
		this.bucket.limits = call.limits;
		return new Promise<Attempt>((resolve) => {
			const now = Date.now();
			const mergeable = call.mergeable && schedulerSettings.coalesce;
			const command = mergeable ? commandOf(call) : undefined;
			this.queue.push({
				...call,
				mergeable: mergeable && command !== undefined,
				command,
				deadline: now + call.maxWaitMs,
				notBefore: 0,
				resolve,
			});
			this.kick();
		});
	}

	/** When a method's operating budget resets, from the `time` block of its answers. */
	rememberTime(method: string, time: IDataObject | undefined): void {
		const reset = Number(time?.operating_reset_at);
		if (Number.isFinite(reset) && reset > 0)
			this.operatingResetAt.set(method.toLowerCase(), reset * 1000);
	}

	private kick(): void {
		if (this.running) {
			this.wakeUp?.();
			return;
		}
		void this.pump();
	}

	private async pause(ms: number): Promise<void> {
		await Promise.race([sleep(ms), new Promise<void>((resolve) => (this.wakeUp = resolve))]);
		this.wakeUp = undefined;
	}

	private readyAt(job: Job): number {
		return Math.max(job.notBefore, this.blockedUntil.get(job.method.toLowerCase()) ?? 0);
	}

	private lanesInUse(now: number): number {
		let count = 0;
		for (const started of this.inFlight) if (now - started < STALLED_MS) count++;
		return count;
	}

	private async pump(): Promise<void> {
		this.running = true;
		try {
			// calls submitted in the same turn of the event loop leave together
			await sleep(0);
			while (this.queue.length > 0) {
				const now = Date.now();
				this.expire(now);
				const head = this.queue.findIndex((job) => this.readyAt(job) <= now);
				let wait: number;
				if (this.queue.length === 0) break;
				if (head === -1) {
					wait =
						this.queue.reduce(
							(soonest, job) => Math.min(soonest, this.readyAt(job)),
							Number.POSITIVE_INFINITY,
						) - now;
				} else {
					wait = this.bucket.wait(now);
					const lanes = this.bucket.halfFull(now) ? 1 : MAX_IN_FLIGHT;
					if (wait <= 0 && this.lanesInUse(now) < lanes) {
						this.launch(this.take(head, now), now);
						continue;
					}
					if (wait <= 0) wait = STALLED_MS;
				}
				if (this.queue.length > 0) await this.pause(Math.max(1, wait));
			}
		} finally {
			this.running = false;
		}
	}

	/** Calls past their wait budget (or due only after it) fail now, with the portal's own refusal. */
	private expire(now: number): void {
		for (let index = this.queue.length - 1; index >= 0; index--) {
			const job = this.queue[index];
			if (now <= job.deadline && this.readyAt(job) <= job.deadline) continue;
			this.queue.splice(index, 1);
			// held back by a method's known operating-time block, it fails as that block, not as the rate limit
			const blocked = (this.blockedUntil.get(job.method.toLowerCase()) ?? 0) > job.deadline;
			const refusal = job.lastRefusal ?? {
				code: blocked ? 'OPERATION_TIME_LIMIT' : 'QUERY_LIMIT_EXCEEDED',
				description: blocked
					? `${job.method} is blocked by its operating-time limit until the reset; the call was not sent`
					: "The call waited for the portal's request limit and was not sent",
				method: job.method,
			};
			job.resolve({
				ok: false,
				failure: { ...refusal, waitedMs: now - (job.deadline - job.maxWaitMs) },
			});
		}
	}

	/** The job at `head` and, when it may share a request, the next waiting ones of its identity. */
	private take(head: number, now: number): Job[] {
		const [first] = this.queue.splice(head, 1);
		if (!first.mergeable) return [first];
		const group = [first];
		let bytes = first.command!.length;
		for (let index = 0; index < this.queue.length && group.length < MAX_COMMANDS; ) {
			const job = this.queue[index];
			if (
				job.mergeable &&
				job.identity === first.identity &&
				job.notBefore <= now &&
				bytes + job.command!.length <= MAX_BATCH_BYTES
			) {
				bytes += job.command!.length;
				group.push(job);
				this.queue.splice(index, 1);
			} else {
				index++;
			}
		}
		return group;
	}

	private launch(group: Job[], now: number): void {
		this.bucket.take(now);
		const token = now + Math.random();
		this.inFlight.add(token);
		const done = group.length === 1 ? this.sendAlone(group[0]) : this.sendMerged(group);
		void done
			.catch((error: unknown) => {
				// thrown by n8n's helper (e.g. the credential cannot be used): every caller of the request gets it
				for (const job of group) job.resolve({ ok: false, thrown: error });
			})
			.finally(() => {
				this.inFlight.delete(token);
				this.kick();
			});
	}

	/** Queues a refused call again, first in line, after the wait the refusal asks for. */
	private requeue(job: Job, failure: Bitrix24Failure): void {
		const now = Date.now();
		job.lastRefusal = failure;
		if (failure.code === 'OPERATION_TIME_LIMIT') {
			const method = job.method.toLowerCase();
			const resetAt = this.operatingResetAt.get(method);
			job.notBefore = resetAt !== undefined && resetAt > now ? resetAt : now + OPERATING_WAIT_MS;
			this.blockedUntil.set(method, Math.max(this.blockedUntil.get(method) ?? 0, job.notBefore));
		} else {
			job.notBefore = 0;
		}
		this.queue.unshift(job);
	}

	private refusedBy(failure: Bitrix24Failure): boolean {
		if (!REFUSED.has(failure.code)) return false;
		if (failure.code !== 'OPERATION_TIME_LIMIT') this.bucket.refused(Date.now());
		return true;
	}

	private async sendAlone(job: Job): Promise<void> {
		const sent = await job.send(job.method, job.params);
		if ('networkError' in sent) {
			job.resolve({ ok: false, networkError: sent.networkError });
			return;
		}
		const read = readEnvelope(job.method, sent.response);
		if (read.ok) {
			this.rememberTime(job.method, read.envelope.time);
			job.resolve(read);
			return;
		}
		if (this.refusedBy(read.failure)) {
			this.requeue(job, read.failure);
			return;
		}
		job.resolve(read);
	}

	private async sendMerged(group: Job[]): Promise<void> {
		const cmd: IDataObject = {};
		group.forEach((job, index) => (cmd[`q${index}`] = job.command!));
		const sent = await group[0].send('batch', { halt: 0, cmd });
		if ('networkError' in sent) {
			for (const job of group) job.resolve({ ok: false, networkError: sent.networkError });
			return;
		}
		const read = readEnvelope('batch', sent.response);
		if (!read.ok) {
			if (this.refusedBy(read.failure)) {
				for (const job of [...group].reverse())
					this.requeue(job, { ...read.failure, method: job.method });
				return;
			}
			for (const job of group)
				job.resolve({ ok: false, failure: { ...read.failure, method: job.method } });
			return;
		}
		const refused: Array<[Job, Bitrix24Failure]> = [];
		group.forEach((job, index) => {
			const outcome = batchOutcome(read.envelope.result, `q${index}`, job.method);
			if ('notRun' in outcome) {
				const description = 'The portal returned no result for this call of a batch';
				job.resolve({
					ok: false,
					failure: { code: 'UNEXPECTED_RESPONSE', description, method: job.method },
				});
			} else if (outcome.ok) {
				this.rememberTime(job.method, outcome.envelope.time);
				job.resolve(outcome);
			} else if (this.refusedBy(outcome.error)) {
				refused.push([job, outcome.error]);
			} else {
				job.resolve({ ok: false, failure: outcome.error });
			}
		});
		for (const [job, failure] of refused.reverse()) this.requeue(job, failure);
	}
}

function commandOf(call: ScheduledCall): string | undefined {
	const query = buildPhpQuery(call.params);
	const command = query ? `${call.method}?${query}` : call.method;
	return command.length <= MAX_COMMAND_BYTES ? command : undefined;
}
