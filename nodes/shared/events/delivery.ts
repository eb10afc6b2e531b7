import { createHash, timingSafeEqual } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import type { FormLimits } from './php-form';
import {
	FORM_LIMITS,
	FormLimitError,
	parsePhpForm,
	parsePhpFormText,
	readFormFields,
} from './php-form';

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

/** A call's body as n8n received it. */
export interface DeliveryBody {
	/** the bytes n8n read (`rawBody`), when it kept them */
	raw?: Buffer;
	/** the media type, lower-case, without parameters */
	contentType: string;
	/** n8n's parse of the body: flat form keys, or nested JSON */
	parsed: unknown;
}

/** What authenticates a call, read before anything else of it. */
export interface CallerAuth {
	applicationToken: string;
	memberId: string;
	accessToken: string;
	/** a field came more than once (the portal never sends one twice): which value counts would be a guess */
	repeated: boolean;
}

const FORM = 'application/x-www-form-urlencoded';

function text(value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number') return String(value);
	return '';
}

function object(value: unknown): IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as IDataObject)
		: {};
}

function hasOwn(value: IDataObject, key: string): boolean {
	return Object.prototype.hasOwnProperty.call(value, key);
}

const AUTH_FIELDS = {
	applicationToken: 'application_token',
	memberId: 'member_id',
	accessToken: 'access_token',
} as const;

/**
 * Reads `auth[application_token]`, `auth[member_id]` and `auth[access_token]` and nothing else:
 * from the raw form when n8n kept it (the bytes Bitrix24 sent, and no key limit of n8n's form
 * parser), else from n8n's parse, flat (`auth[application_token]`) or nested (`auth.application_token`).
 */
export function readCallerAuth(body: DeliveryBody): CallerAuth {
	const values: Record<keyof typeof AUTH_FIELDS, string[]> = {
		applicationToken: [],
		memberId: [],
		accessToken: [],
	};
	const names = Object.keys(AUTH_FIELDS) as Array<keyof typeof AUTH_FIELDS>;
	if (body.raw && body.contentType === FORM) {
		const found = readFormFields(
			body.raw.toString('utf8'),
			names.map((name) => `auth[${AUTH_FIELDS[name]}]`),
		);
		for (const name of names) values[name] = found.get(`auth[${AUTH_FIELDS[name]}]`) ?? [];
	} else {
		const parsed = object(body.parsed);
		const auth = hasOwn(parsed, 'auth') ? object(parsed.auth) : {};
		for (const name of names) {
			const flatKey = `auth[${AUTH_FIELDS[name]}]`;
			const flat = hasOwn(parsed, flatKey) ? parsed[flatKey] : undefined;
			for (const entry of Array.isArray(flat) ? flat : flat === undefined ? [] : [flat])
				values[name].push(text(entry));
			if (hasOwn(auth, AUTH_FIELDS[name])) values[name].push(text(auth[AUTH_FIELDS[name]]));
		}
	}
	return {
		applicationToken: values.applicationToken[0] ?? '',
		memberId: values.memberId[0] ?? '',
		accessToken: values.accessToken[0] ?? '',
		repeated: names.some((name) => values[name].length > 1),
	};
}

/**
 * A call's whole body, nested again, under the caps of FORM_LIMITS (FormLimitError over one).
 * Read only once the call is verified: this is the part that costs in proportion to the body.
 */
export function readFormBody(body: DeliveryBody, limits: FormLimits = FORM_LIMITS): IDataObject {
	if (body.raw && body.raw.length > limits.maxBytes) {
		throw new FormLimitError('bytes', `it is larger than ${limits.maxBytes} bytes`);
	}
	return body.raw && body.contentType === FORM
		? parsePhpFormText(body.raw.toString('utf8'), limits)
		: parsePhpForm(object(body.parsed), limits, body.contentType === 'application/json');
}

/** An event call, read by readFormBody. */
export function readDelivery(body: DeliveryBody, limits: FormLimits = FORM_LIMITS): Delivery {
	const nested = readFormBody(body, limits);
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
