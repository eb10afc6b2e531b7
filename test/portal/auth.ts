/** Who is calling: a webhook path /rest/<user>/<code>/<method> or an OAuth token on /rest/<method>. */
import { errors } from './envelope';
import type { OAuthServer } from './oauth';
import type { AuthInfo } from './registry';

export interface RestRoute {
	kind: 'webhook' | 'oauth';
	userId?: number;
	code?: string;
	/** Lower-case, without a .json / .xml suffix. */
	method: string;
}

export function parseRestPath(pathname: string): RestRoute | undefined {
	if (!pathname.startsWith('/rest/')) return undefined;
	const segs = pathname
		.slice('/rest/'.length)
		.split('/')
		.filter((s) => s !== '')
		.map((s) => {
			try {
				return decodeURIComponent(s);
			} catch {
				return s;
			}
		});
	const clean = (m: string): string => m.replace(/\.(json|xml)$/i, '').toLowerCase();
	if (segs.length === 3 && /^\d+$/.test(segs[0])) {
		return { kind: 'webhook', userId: Number(segs[0]), code: segs[1], method: clean(segs[2]) };
	}
	if (segs.length === 1) return { kind: 'oauth', method: clean(segs[0]) };
	return undefined;
}

/** The OAuth token of a request: the Authorization header first, then auth=, then access_token=. */
export function tokenOf(
	headers: Record<string, string | string[] | undefined>,
	params: Record<string, unknown>,
): string | undefined {
	const header = headers.authorization;
	const h = Array.isArray(header) ? header[0] : header;
	const m = h ? /^Bearer\s+(\S+)/i.exec(h) : null;
	if (m) return m[1];
	if (typeof params.auth === 'string' && params.auth) return params.auth;
	if (typeof params.access_token === 'string' && params.access_token) return params.access_token;
	return undefined;
}

export interface AuthSetup {
	webhook: { userId: number; code: string; scope?: string[] };
	invalidCredentialsStatus: number;
	allScopes: () => string[];
	oauth: OAuthServer;
}

export function authenticate(
	route: RestRoute,
	headers: Record<string, string | string[] | undefined>,
	params: Record<string, unknown>,
	setup: AuthSetup,
): AuthInfo {
	if (route.kind === 'webhook') {
		if (route.userId !== setup.webhook.userId || route.code !== setup.webhook.code) {
			throw errors.invalidCredentials(setup.invalidCredentialsStatus);
		}
		return {
			kind: 'webhook',
			userId: route.userId,
			scope: setup.webhook.scope ?? setup.allScopes(),
		};
	}
	const token = tokenOf(headers, params);
	if (!token) throw errors.noAuth();
	const check = setup.oauth.check(token);
	if (check.state !== 'ok')
		throw check.state === 'expired' ? errors.expiredToken() : errors.invalidToken();
	return {
		kind: 'oauth',
		userId: check.info.userId,
		scope: check.info.scope
			.split(',')
			.map((s) => s.trim())
			.filter(Boolean),
		clientId: check.info.clientId,
		accessToken: token,
	};
}
