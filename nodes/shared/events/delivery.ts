import { createHash, timingSafeEqual } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { parsePhpForm } from './php-form';

/** One event call from Bitrix24, nested again. `auth` holds secrets and never leaves the node. */
export interface Delivery {
	event: string;
	eventHandlerId: string;
	data: IDataObject;
	ts: string;
	auth: {
		applicationToken: string;
		domain: string;
		memberId: string;
		clientEndpoint: string;
	};
}

function text(value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number') return String(value);
	return '';
}

function object(value: unknown): IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as IDataObject) : {};
}

/** Reads a body as n8n hands it over (form keys flat, or already nested JSON). */
export function readDelivery(body: IDataObject | undefined): Delivery {
	const nested = parsePhpForm(body);
	const auth = object(nested.auth);
	return {
		event: text(nested.event).trim().toUpperCase(),
		eventHandlerId: text(nested.event_handler_id),
		data: object(nested.data),
		ts: text(nested.ts),
		auth: {
			applicationToken: text(auth.application_token),
			domain: text(auth.domain),
			memberId: text(auth.member_id),
			clientEndpoint: text(auth.client_endpoint),
		},
	};
}

/** What the workflow gets: the event without any token (access, refresh or application). */
export function publicEvent(delivery: Delivery): IDataObject {
	return {
		event: delivery.event,
		eventHandlerId: delivery.eventHandlerId,
		data: delivery.data,
		ts: delivery.ts,
		portal: {
			domain: delivery.auth.domain,
			memberId: delivery.auth.memberId,
			clientEndpoint: delivery.auth.clientEndpoint,
		},
	};
}

/** A fingerprint to keep instead of the token itself (workflow static data is not encrypted). */
export function tokenFingerprint(token: string): string {
	return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Compares a received token with the expected one in time independent of where they differ:
 * both are hashed to equal-length digests first, so their lengths leak nothing either.
 */
export function tokenMatches(received: string, expectedFingerprint: string): boolean {
	if (!received || !/^[0-9a-f]{64}$/.test(expectedFingerprint)) return false;
	const actual = createHash('sha256').update(received, 'utf8').digest();
	return timingSafeEqual(actual, Buffer.from(expectedFingerprint, 'hex'));
}
