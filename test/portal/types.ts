/** Public types of the test portal. Other test suites code against these; keep them stable. */

export interface PortalOptions {
	/** Default 0: any free port. */
	port?: number;
	/** Default '127.0.0.1'. */
	host?: string;
	/** Serve TLS with a self-signed certificate made at start (see Portal.ca). Default false. */
	https?: boolean;
	/** Webhook calls over plain http get 400 INVALID_REQUEST "Https required.". Default false. */
	requireHttps?: boolean;
	/** Speeds up the leaky-bucket drain and the operating-limit window. Default 1 (real time). */
	timeScale?: number;
	/** Default {capacity: 50, drainPerSecond: 2}; false disables. */
	bucket?: { capacity: number; drainPerSecond: number } | false;
	/** Per-method summed execution time. Default {windowSeconds: 600, maxSeconds: 480}; false disables. */
	operatingLimit?: { windowSeconds: number; maxSeconds: number } | false;
	/** Simulated execution time charged per call (portal seconds); a number or per lower-case method. Default 0.01. */
	methodCostSeconds?: number | Record<string, number>;
	/** Default 3600. */
	tokenLifetimeSeconds?: number;
	/** Default 'demo'. */
	seed?: 'demo' | 'empty';
	/** Demo seed sizes. Default deals: 300. */
	demo?: { deals?: number };
	/** Default {userId: 1, code: random 16 lower-case alnum, every scope}. */
	webhook?: { userId: number; code: string; scope?: string[] };
	oauth?: {
		clientId?: string;
		clientSecret?: string;
		/** Where /oauth/authorize/ sends the browser when the request has no redirect_uri. */
		redirectUri?: string;
		/** Scope granted to tokens. Default 'crm,user,task,im,disk,calendar,department,placement'. */
		scope?: string;
	};
	/**
	 * HTTP status for a webhook with a wrong user id or code. The facts file and the docs' error table
	 * give 403; the server's rest module raises it as an OAuthException, whose default status is 401.
	 * Default 403; the node must handle both.
	 */
	invalidCredentialsStatus?: 401 | 403;
}

export type AuthKind = 'webhook' | 'oauth' | 'none' | 'token-endpoint' | 'authorize';

export interface RecordedRequest {
	httpMethod: string;
	path: string;
	restMethod?: string;
	auth: AuthKind;
	status: number;
	contentType?: string;
	/** Parsed parameters: query merged with body. */
	body: unknown;
	headers: Record<string, string | string[] | undefined>;
	batchCommands?: string[];
	at: number;
}

export interface TokenResponse {
	access_token: string;
	refresh_token: string;
	expires_in: number;
	expires: number;
	client_endpoint: string;
	server_endpoint: string;
	domain: string;
	member_id: string;
	scope: string;
	status: string;
	user_id: number;
}

export type FaultKind =
	| 'status503'
	| 'status500'
	| 'html502'
	| 'slow'
	| 'reset'
	| 'expiredToken'
	| 'status429'
	| 'redirect'
	| 'error';

export interface FaultSpec {
	kind: FaultKind;
	/** How many matching requests it hits. Default 1. */
	times?: number;
	/** Only for this REST method (compared lower-case, without .json). */
	method?: string;
	/** For 'slow'. */
	delayMs?: number;
	/** For 'redirect': where a 307 sends the client (a proxy or a moved portal would do this). */
	location?: string;
	/** For 'error': the Bitrix24 error answered, as `{error, error_description}` with this HTTP status. */
	error?: { status: number; code: string; description: string };
}

export interface DeliveredEvent {
	url: string;
	/** HTTP status of the handler's answer; 0 when the connection failed. */
	status: number;
	/** The form-encoded body that was POSTed. */
	body: string;
	event: string;
	at: number;
}

export interface EventBinding {
	id: number;
	event: string;
	handler: string;
	authType: number;
	eventType: 'online' | 'offline';
	clientId: string;
	userId: number;
	/** Set up by hand in the portal (an outgoing webhook): no OAuth tokens in auth[]. */
	outgoing?: boolean;
}
