/**
 * An incoming webhook URL is `<origin>[/<prefix>]/rest/<userId>/<code>/`. People paste it
 * with or without the trailing slash, and often with the method of Bitrix24's example
 * still on the end (`.../profile.json`); all of those mean the same webhook.
 *
 * Messages never repeat the URL: the code in it is the secret.
 */
export interface WebhookAddress {
	/** `<origin>[/<prefix>]/rest/` — where method names go once the secret is added */
	restRoot: string;
	origin: string;
	protocol: 'http:' | 'https:';
	userId: string;
	code: string;
	/** `<restRoot><userId>/<code>/` */
	base: string;
}

export const WEBHOOK_URL_SHAPE = 'https://<your-portal>/rest/<user id>/<webhook code>/';

/** What is wrong with a URL, in words fit for the user; never the URL itself. */
export interface WebhookUrlProblem {
	problem: string;
}

export function isProblem(value: unknown): value is WebhookUrlProblem {
	return typeof value === 'object' && value !== null && 'problem' in value;
}

const fail = (problem: string): WebhookUrlProblem => ({ problem });

const MIN_CODE_LENGTH = 8;

const PATH = /^(.*?)\/rest\/(\d+)\/([A-Za-z0-9_]+)(?:\/(?:[A-Za-z0-9_.]+)?)?\/?$/;

export function parseWebhookUrl(
	raw: unknown,
	allowHttp = false,
): WebhookAddress | WebhookUrlProblem {
	const text = typeof raw === 'string' ? raw.trim() : '';
	if (!text) return fail(`The webhook URL is empty. It looks like ${WEBHOOK_URL_SHAPE}`);
	if (!URL.canParse(text))
		return fail(`The webhook URL is not a valid URL. It looks like ${WEBHOOK_URL_SHAPE}`);
	const url = new URL(text);
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return fail(`The webhook URL must start with https://. It looks like ${WEBHOOK_URL_SHAPE}`);
	}
	if (url.protocol === 'http:' && !allowHttp) {
		return fail(
			'The webhook URL uses plain http://. Bitrix24 cloud portals need https://; for a self-hosted portal without TLS turn on "Allow Plain HTTP" in the credential.',
		);
	}
	if (url.search || url.hash || url.username || url.password) {
		return fail(
			`The webhook URL must not carry a query, fragment or login. It looks like ${WEBHOOK_URL_SHAPE}`,
		);
	}
	const match = PATH.exec(url.pathname);
	if (!match) {
		return fail(
			`The webhook URL does not have the form of a Bitrix24 incoming webhook. It looks like ${WEBHOOK_URL_SHAPE}`,
		);
	}
	const [, prefix, userId, code] = match;
	if (code.length < MIN_CODE_LENGTH) {
		// Bitrix24's codes are 16 characters; a short one is a typo, and could not be kept out of messages reliably
		return fail(
			`The webhook code in the URL is too short (Bitrix24's codes have 16 characters). It looks like ${WEBHOOK_URL_SHAPE}`,
		);
	}
	const restRoot = `${url.origin}${prefix}/rest/`;
	return {
		restRoot,
		origin: url.origin,
		protocol: url.protocol as 'http:' | 'https:',
		userId,
		code,
		base: `${restRoot}${userId}/${code}/`,
	};
}

/**
 * Where a request aimed at `target` goes once the webhook's secret is added. `target` may be
 * a bare method (`crm.deal.list`), a URL under the portal's `/rest/` without the secret
 * (`https://portal/rest/crm.deal.list`, as the HTTP Request node sends it), or a URL that
 * already names this webhook.
 */
export function resolveWebhookTarget(
	address: WebhookAddress,
	target: string,
): string | WebhookUrlProblem {
	const trimmed = target.trim();
	if (!/^https?:\/\//i.test(trimmed)) {
		return address.base + trimmed.replace(/^\/+/, '').replace(/^rest\//, '');
	}
	if (trimmed.startsWith(address.base)) return trimmed;
	if (trimmed.startsWith(address.restRoot)) {
		return address.base + trimmed.slice(address.restRoot.length);
	}
	const portalRoot = `${address.origin}/rest/`;
	if (trimmed.startsWith(portalRoot)) return address.base + trimmed.slice(portalRoot.length);
	return fail(
		"The request URL is not on the portal of this Bitrix24 webhook credential. Use a method name such as crm.deal.list, or a URL under the portal's /rest/.",
	);
}
