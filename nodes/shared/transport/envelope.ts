import type { IDataObject } from 'n8n-workflow';

import type { Bitrix24Failure, Envelope } from './types';

/** What came back over HTTP, before Bitrix24 semantics are applied. */
export interface RawResponse {
	status: number;
	body: unknown;
	headers: Record<string, unknown>;
}

function asObject(body: unknown): IDataObject | undefined {
	if (body && typeof body === 'object' && !Array.isArray(body) && !Buffer.isBuffer(body)) {
		return body as IDataObject;
	}
	if (typeof body === 'string' || Buffer.isBuffer(body)) {
		const text = body.toString().trim();
		if (!text.startsWith('{')) return undefined;
		try {
			const parsed = JSON.parse(text) as unknown;
			return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
				? (parsed as IDataObject)
				: undefined;
		} catch {
			return undefined;
		}
	}
	return undefined;
}

function pageTitle(body: unknown): string | undefined {
	const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString() : '';
	const match = /<title>([^<]{1,120})<\/title>/i.exec(text);
	return match?.[1].trim();
}

/**
 * Reads a Bitrix24 answer. Success is any 2xx JSON object with `result`; everything else
 * becomes a failure with Bitrix24's own code — including the empty code old CRM methods
 * use — or a synthetic one when the body was not Bitrix24's (a proxy page, an empty body).
 */
export function readEnvelope(
	method: string,
	response: RawResponse,
): { ok: true; envelope: Envelope } | { ok: false; failure: Bitrix24Failure } {
	const json = asObject(response.body);
	// catalog.* methods answer numeric codes (`"error": 200040300010`)
	if (json && (typeof json.error === 'string' || typeof json.error === 'number')) {
		return {
			ok: false,
			failure: {
				code: String(json.error),
				description: typeof json.error_description === 'string' ? json.error_description : '',
				httpStatus: response.status,
				method,
			},
		};
	}
	if (json && response.status >= 200 && response.status < 300 && 'result' in json) {
		return {
			ok: true,
			envelope: {
				result: json.result,
				total: json.total === undefined ? undefined : Number(json.total),
				next: json.next === undefined ? undefined : Number(json.next),
				time: json.time as IDataObject | undefined,
			},
		};
	}
	if (json) {
		return {
			ok: false,
			failure: {
				code: 'UNEXPECTED_RESPONSE',
				description: `Bitrix24 answered HTTP ${response.status} without a result`,
				httpStatus: response.status,
				method,
			},
		};
	}
	const contentType = String(response.headers['content-type'] ?? 'no content type');
	const title = pageTitle(response.body);
	return {
		ok: false,
		failure: {
			code: 'NON_JSON_RESPONSE',
			description: `Bitrix24 answered HTTP ${response.status} with ${contentType} instead of JSON${
				title ? ` ("${title}")` : ''
			}: usually a proxy, maintenance or firewall page in front of the portal`,
			httpStatus: response.status,
			method,
		},
	};
}
