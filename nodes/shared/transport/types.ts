import type { IDataObject } from 'n8n-workflow';

export type Bitrix24CredentialType = 'bitrix24WebhookApi' | 'bitrix24OAuth2Api';

/** One REST call an operation asks for; the transport decides how it goes out. */
export interface RestCall {
	method: string;
	params?: IDataObject;
	/**
	 * A read of what this call wrote, sent right after it in the same `batch` request (it costs
	 * a command of the batch, not a request). A `WrittenId` among its parameters stands for the
	 * write's result (the new record's ID). Its outcome comes back as the envelope's `readBack`.
	 */
	readBack?: { method: string; params: IDataObject };
}

/** A successful envelope, kept whole: list methods need `total`/`next`, limits need `time`. */
export interface Envelope {
	result: unknown;
	total?: number;
	next?: number;
	time?: IDataObject;
	/** the outcome of the call's `readBack`, when it asked for one */
	readBack?: CallOutcome;
}

/** Per-call outcome of a call that went out with others (batch). */
export type CallOutcome = { ok: true; envelope: Envelope } | { ok: false; error: Bitrix24Failure };

/** A Bitrix24 error as the portal stated it; never carries a URL or token. */
export interface Bitrix24Failure {
	code: string;
	description: string;
	httpStatus?: number;
	method: string;
	/** set when the call may have been applied (e.g. the connection died after sending) */
	outcomeUnknown?: boolean;
	/** how long the call waited for the portal's limits before this failure, ms */
	waitedMs?: number;
}

export interface TransportOptions {
	/** retries of reads after a lost connection or a 5xx (limits are waited out by time, see maxWaitMs) */
	maxRetries: number;
	/** first back-off delay in ms; grows by 1.5x per attempt */
	retryDelayMs: number;
	/** how long one call may wait in total for the portal's limits (503 rate limit, 429 operating limit), in ms */
	maxWaitMs: number;
	/** a request still unanswered after this long is abandoned (cloud portals cut requests at 60 s) */
	timeoutMs: number;
	/**
	 * The source key (`auth_connector`) sent with every call and every batch command, so that
	 * Bitrix24 leaves the changes out of the offline queue bound with the same key; unset: none
	 */
	authConnector?: string;
}

export const DEFAULT_TRANSPORT_OPTIONS: TransportOptions = {
	maxRetries: 5,
	retryDelayMs: 1000,
	maxWaitMs: 10 * 60_000,
	timeoutMs: 120_000,
};
