import type { IDataObject } from 'n8n-workflow';

import type { PortalLimits } from './bucket';
import type { RawResponse } from './envelope';
import { hasBatchToken } from './php-query';
import type { Bitrix24Failure, Envelope } from './types';

/** A call as the per-portal scheduler (scheduler.ts) takes it, and what comes back. */

/** What one call came back with; refusals never come back before the call's wait budget ends. */
export type Attempt =
	| { ok: true; envelope: Envelope }
	| { ok: false; failure: Bitrix24Failure }
	| { ok: false; networkError: string }
	/** n8n's request helper threw something that is not an HTTP answer (a credential problem) */
	| { ok: false; thrown: unknown };

export type SendResult = { response: RawResponse } | { networkError: string };

/** Sends one REST call as its execution would (its context, credential and timeout). */
export type Sender = (method: string, params: IDataObject) => Promise<SendResult>;

export interface ScheduledCall {
	/** the portal: calls of every credential there share its bucket */
	portalKey: string;
	/** where the calls go and whose rights they use, hashed; only calls of one identity share a request */
	identity: string;
	method: string;
	params: IDataObject;
	send: Sender;
	limits: PortalLimits;
	/** how long the call may wait for the portal's limits in total, ms */
	maxWaitMs: number;
	/** false for calls that must go alone (batch itself, uploads, references, very large calls) */
	mergeable: boolean;
}

export interface SchedulerSettings {
	/** merge waiting calls into `batch` requests (off: one call per request, for comparison) */
	coalesce: boolean;
}

export const schedulerSettings: SchedulerSettings = { coalesce: true };

/** For benchmarks that compare with and without coalescing. */
export function configureScheduler(change: Partial<SchedulerSettings>): void {
	Object.assign(schedulerSettings, change);
}

/** Whether a call may ride in a batch with calls of other items or executions. */
export function mergeableCall(method: string, params: IDataObject): boolean {
	const lower = method.toLowerCase();
	if (lower === 'batch' || /upload/.test(lower)) return false;
	if ('fileContent' in params || 'fileData' in params) return false;
	return !hasBatchToken(params);
}
