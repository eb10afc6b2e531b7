/** The REST envelope: `{result, next?, total?, time}` on success, `{error, error_description}` on failure. */

/** The portal's own time zone. Fixed so that seed data and dates are the same on every machine. */
export const PORTAL_TZ_OFFSET_MINUTES = 180;

/** ISO-8601 with the portal's offset, as Bitrix24 writes dates: 2024-08-29T10:34:19+03:00. */
export function isoDate(ms: number): string {
	const shifted = new Date(
		Math.floor(ms / 1000) * 1000 + PORTAL_TZ_OFFSET_MINUTES * 60_000,
	).toISOString();
	return shifted.slice(0, 19) + TZ_SUFFIX;
}

const TZ_SUFFIX = ((): string => {
	const off = Math.abs(PORTAL_TZ_OFFSET_MINUTES);
	const p = (n: number): string => String(n).padStart(2, '0');
	return `${PORTAL_TZ_OFFSET_MINUTES >= 0 ? '+' : '-'}${p(Math.floor(off / 60))}:${p(off % 60)}`;
})();

/** Parses what users send as dates: ISO with or without offset, or a plain YYYY-MM-DD (portal midnight). */
export function parseDate(value: unknown): number | undefined {
	if (value === null || value === undefined || value === '') return undefined;
	const s = String(value).trim();
	const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
	if (dateOnly) {
		return (
			Date.UTC(+dateOnly[1], +dateOnly[2] - 1, +dateOnly[3]) - PORTAL_TZ_OFFSET_MINUTES * 60_000
		);
	}
	const ru = /^(\d{2})\.(\d{2})\.(\d{4})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
	if (ru) {
		return (
			Date.UTC(+ru[3], +ru[2] - 1, +ru[1], +(ru[4] ?? 0), +(ru[5] ?? 0), +(ru[6] ?? 0)) -
			PORTAL_TZ_OFFSET_MINUTES * 60_000
		);
	}
	const noOffset = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$/.test(s);
	const ms = Date.parse(noOffset ? s.replace(' ', 'T') + 'Z' : s);
	if (Number.isNaN(ms)) return undefined;
	return noOffset ? ms - PORTAL_TZ_OFFSET_MINUTES * 60_000 : ms;
}

export interface TimeBlock {
	start: number;
	finish: number;
	duration: number;
	processing: number;
	date_start: string;
	date_finish: string;
	operating_reset_at?: number;
	operating?: number;
}

export function timeBlock(
	startMs: number,
	finishMs: number,
	operating?: { used: number; resetAt: number },
): TimeBlock {
	const t: TimeBlock = {
		start: startMs / 1000,
		finish: finishMs / 1000,
		duration: (finishMs - startMs) / 1000,
		processing: Math.max(0, finishMs - startMs - 0.1) / 1000,
		date_start: isoDate(startMs),
		date_finish: isoDate(finishMs),
	};
	if (operating) {
		t.operating_reset_at = operating.resetAt;
		t.operating = operating.used;
	}
	return t;
}

/** A REST error: the HTTP status plus Bitrix24's `error` / `error_description` pair. */
export class RestError extends Error {
	constructor(
		public readonly status: number,
		public readonly code: string,
		public readonly description: string,
	) {
		super(`${code}: ${description}`);
	}

	toJSON(): { error: string; error_description: string } {
		return { error: this.code, error_description: this.description };
	}
}

/** Old CRM methods (crm.deal.* ...) throw RestException with the default, empty, code. */
export function crmError(description: string, status = 400): RestError {
	return new RestError(status, '', description);
}

export const errors = {
	methodNotFound: (): RestError =>
		new RestError(404, 'ERROR_METHOD_NOT_FOUND', 'Method not found!'),
	noAuth: (): RestError => new RestError(401, 'NO_AUTH_FOUND', 'Wrong authorization data'),
	expiredToken: (): RestError =>
		new RestError(401, 'expired_token', 'The access token provided has expired.'),
	invalidToken: (): RestError =>
		new RestError(401, 'invalid_token', 'Unable to get application by token'),
	invalidCredentials: (status: number): RestError =>
		new RestError(status, 'INVALID_CREDENTIALS', 'Invalid request credentials'),
	httpsRequired: (): RestError => new RestError(400, 'INVALID_REQUEST', 'Https required.'),
	queryLimit: (): RestError => new RestError(503, 'QUERY_LIMIT_EXCEEDED', 'Too many requests'),
	operationTimeLimit: (): RestError =>
		new RestError(429, 'OPERATION_TIME_LIMIT', 'Method is blocked due to operation time limit.'),
	internal: (): RestError => new RestError(500, 'INTERNAL_SERVER_ERROR', 'Internal server error'),
	wrongAuthType: (): RestError =>
		new RestError(403, 'WRONG_AUTH_TYPE', 'Current authorization type is denied for this method'),
	/** The docs' text ends "provided by the webhook token" for a webhook, "by the access token" for an app. */
	insufficientScope: (kind: 'webhook' | 'oauth' = 'oauth'): RestError =>
		new RestError(
			403,
			'insufficient_scope',
			`The request requires higher privileges than provided by the ${kind === 'webhook' ? 'webhook' : 'access'} token`,
		),
};

export const NGINX_502 =
	'<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
