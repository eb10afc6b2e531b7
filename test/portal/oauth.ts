/**
 * The OAuth 2.0 side: /oauth/authorize/ on the portal and the token endpoint that stands in for
 * https://oauth.bitrix.info/oauth/token/. Access tokens live tokenLifetimeSeconds; every refresh
 * gives a new refresh token and retires the old one.
 *
 * Client credentials are read only from the parameters (query or form body). Bitrix's oauth module
 * (COAuth2::getClientCredentials) reads client_id/client_secret from $_GET or $_POST and never from
 * an HTTP Basic header, so a Basic header alone is answered with invalid_client.
 */
import { randomBytes } from 'node:crypto';
import type { TokenResponse } from './types';

export interface AccessTokenInfo {
	userId: number;
	scope: string;
	expiresAt: number;
	clientId: string;
}

interface CodeInfo {
	userId: number;
	scope: string;
	expiresAt: number;
	used: boolean;
}

export interface OAuthConfig {
	clientId: string;
	clientSecret: string;
	scope: string;
	lifetimeSeconds: number;
	redirectUri?: string;
	url: string;
	domain: string;
	memberId: string;
	userId: number;
}

export interface HttpAnswer {
	status: number;
	json?: unknown;
	location?: string;
}

export const AUTH_CODE_LIFETIME_SECONDS = 30;

const token = (): string => randomBytes(36).toString('hex').slice(0, 70);

export class OAuthServer {
	readonly access = new Map<string, AccessTokenInfo>();
	private readonly refresh = new Map<string, { userId: number; scope: string; clientId: string }>();
	private readonly codes = new Map<string, CodeInfo>();
	readonly stats: { refreshCount: number; lastIssued?: TokenResponse } = { refreshCount: 0 };

	constructor(readonly config: OAuthConfig) {}

	/** Mints a token pair as after a completed authorization. */
	mint(
		opts: { expired?: boolean; scope?: string; userId?: number; record?: boolean } = {},
	): TokenResponse {
		const userId = opts.userId ?? this.config.userId;
		const scope = opts.scope ?? this.config.scope;
		const now = Math.floor(Date.now() / 1000);
		const expires = opts.expired ? now - 60 : now + this.config.lifetimeSeconds;
		const accessToken = token();
		const refreshToken = token();
		this.access.set(accessToken, {
			userId,
			scope,
			expiresAt: expires * 1000,
			clientId: this.config.clientId,
		});
		this.refresh.set(refreshToken, { userId, scope, clientId: this.config.clientId });
		const response: TokenResponse = {
			access_token: accessToken,
			expires: expires,
			expires_in: this.config.lifetimeSeconds,
			scope,
			domain: this.config.domain,
			server_endpoint: `${this.config.url}/rest/`,
			status: 'L',
			client_endpoint: `${this.config.url}/rest/`,
			member_id: this.config.memberId,
			user_id: userId,
			refresh_token: refreshToken,
		};
		if (opts.record !== false) this.stats.lastIssued = response;
		return response;
	}

	/** 'ok' | 'expired' | 'unknown' for a REST call's token. */
	check(
		accessToken: string,
	): { state: 'ok'; info: AccessTokenInfo } | { state: 'expired' | 'unknown' } {
		const info = this.access.get(accessToken);
		if (!info) return { state: 'unknown' };
		if (info.expiresAt <= Date.now()) return { state: 'expired' };
		return { state: 'ok', info };
	}

	/** Expires an access token now (tests use it to force the refresh path). */
	expire(accessToken: string): void {
		const info = this.access.get(accessToken);
		if (info) info.expiresAt = Date.now() - 1000;
	}

	private error(status: number, error: string, description: string): HttpAnswer {
		return { status, json: { error, error_description: description } };
	}

	/**
	 * The token endpoint. GET reads the query; POST reads the form body (a POST carrying its data only
	 * in the query string is rejected, as the facts record for oauth.bitrix.info).
	 */
	token(
		httpMethod: string,
		query: Record<string, unknown>,
		body: Record<string, unknown>,
		bodyHasParams: boolean,
	): HttpAnswer {
		let params: Record<string, unknown>;
		if (httpMethod === 'GET') params = query;
		else if (httpMethod === 'POST') params = bodyHasParams ? { ...query, ...body } : {};
		else return this.error(400, 'invalid_request', 'Unsupported request method');

		const grantType = typeof params.grant_type === 'string' ? params.grant_type : '';
		if (!grantType)
			return this.error(
				400,
				'invalid_request',
				'Invalid grant_type parameter or parameter missing',
			);
		if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
			return this.error(400, 'unsupported_grant_type', 'Unsupported grant type');
		}
		const clientId = typeof params.client_id === 'string' ? params.client_id : '';
		const clientSecret = typeof params.client_secret === 'string' ? params.client_secret : '';
		if (
			!clientId ||
			clientId !== this.config.clientId ||
			clientSecret !== this.config.clientSecret
		) {
			return this.error(401, 'invalid_client', 'Invalid client id or secret');
		}
		if (grantType === 'authorization_code') {
			const code = typeof params.code === 'string' ? params.code : '';
			if (!code) return this.error(400, 'invalid_request', 'No "code" parameter found');
			const info = this.codes.get(code);
			if (!info || info.used || info.expiresAt <= Date.now()) {
				return this.error(400, 'invalid_grant', 'Invalid authorization code');
			}
			info.used = true;
			return { status: 200, json: this.mint({ userId: info.userId, scope: info.scope }) };
		}
		const refreshToken = typeof params.refresh_token === 'string' ? params.refresh_token : '';
		if (!refreshToken)
			return this.error(400, 'invalid_request', 'No "refresh_token" parameter found');
		const info = this.refresh.get(refreshToken);
		if (!info) return this.error(400, 'invalid_grant', 'Invalid refresh token');
		this.refresh.delete(refreshToken);
		this.stats.refreshCount++;
		return { status: 200, json: this.mint({ userId: info.userId, scope: info.scope }) };
	}

	/** /oauth/authorize/: no login page; the user is taken as logged in and sent straight back. */
	authorize(query: Record<string, unknown>): HttpAnswer {
		const redirect =
			typeof query.redirect_uri === 'string' && query.redirect_uri
				? query.redirect_uri
				: this.config.redirectUri;
		const clientOk = query.client_id === this.config.clientId;
		if (!redirect)
			return this.error(400, clientOk ? 'invalid_request' : 'invalid_client', 'No redirect URI');
		const target = new URL(redirect);
		if (!clientOk) {
			target.searchParams.set('error', 'invalid_client');
			return { status: 302, location: target.toString() };
		}
		const code = token();
		this.codes.set(code, {
			userId: this.config.userId,
			scope: this.config.scope,
			expiresAt: Date.now() + AUTH_CODE_LIFETIME_SECONDS * 1000,
			used: false,
		});
		target.searchParams.set('code', code);
		if (typeof query.state === 'string') target.searchParams.set('state', query.state);
		target.searchParams.set('domain', this.config.domain);
		target.searchParams.set('member_id', this.config.memberId);
		target.searchParams.set('scope', this.config.scope);
		target.searchParams.set('server_domain', this.config.domain);
		return { status: 302, location: target.toString() };
	}
}
