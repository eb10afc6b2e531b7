/**
 * The Bitrix24 test portal: a loopback HTTP(S) server that behaves as a Bitrix24 portal and its OAuth
 * server, with in-memory CRM data, cloud limits, events and switchable faults.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer as createHttpServer, Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { EventBus } from './events';
import { Faults } from './faults';
import { LeakyBucket, OperatingLimit } from './limits';
import { ALL_METHODS } from './methods';
import { OAuthServer } from './oauth';
import { PortalContext, Registry } from './registry';
import { seedDemo, seedStructure } from './seed';
import { createHandler, ServerState } from './server';
import { Store } from './store';
import { selfSignedCertificate } from './tls';
import type {
	DeliveredEvent,
	EventBinding,
	FaultSpec,
	PortalOptions,
	RecordedRequest,
	TokenResponse,
} from './types';

export * from './types';
export { Store } from './store';
export { Registry } from './registry';
export type { MethodDef, CallContext, MethodResult } from './registry';
export { RestError } from './envelope';
export * as seed from './seed';

export interface Portal {
	/** 'http://127.0.0.1:PORT' (or https). */
	url: string;
	/** `${url}/rest/${userId}/${code}/` */
	webhookUrl: string;
	webhook: { userId: number; code: string };
	/** The self-signed certificate (PEM) when https is on, for clients to trust. */
	ca?: string;
	oauth: {
		clientId: string;
		clientSecret: string;
		authorizeUrl: string;
		tokenUrl: string;
		/** Mints a token pair as after a completed authorization; expired:true gives an already expired access token. */
		issueTokens(opts?: { expired?: boolean; scope?: string; userId?: number }): TokenResponse;
		/** Expires an access token now. */
		expireToken(accessToken: string): void;
		tokens: { refreshCount: number; lastIssued?: TokenResponse };
		/** The application token handlers receive as auth[application_token]. */
		applicationToken: string;
	};
	requests: RecordedRequest[];
	restRequests(): RecordedRequest[];
	resetRequests(): void;
	faults: { inject(f: FaultSpec): void; clear(): void };
	store: Store;
	/** Extra methods (one module = one MethodDef list). */
	registry: Registry;
	limits: { resetBucket(): void; bucketLevel(): number; resetOperating(): void };
	events: {
		delivered: DeliveredEvent[];
		bindings: EventBinding[];
		/** Waits for every delivery started so far. */
		flush(): Promise<void>;
		/**
		 * An outgoing webhook as an administrator sets it up by hand: the portal POSTs the events to
		 * `handler` with auth[application_token] and no access token. Returns that application token.
		 */
		addOutgoingWebhook(handler: string, events: string[]): string;
	};
	/** Delivers an event to bound handlers as the portal would. */
	emitEvent(name: string, data: Record<string, unknown>): void;
	close(): Promise<void>;
}

const DEFAULT_SCOPE =
	'crm,user,user_brief,task,tasks_extended,im,disk,calendar,department,placement,entity,log,sonet_group,timeman,bizproc,lists,telephony,catalog';

function randomCode(length: number): string {
	const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
	return [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join('');
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => resolve(server.address() as AddressInfo));
	});
}

export async function startPortal(opts: PortalOptions = {}): Promise<Portal> {
	const host = opts.host ?? '127.0.0.1';
	const timeScale = opts.timeScale ?? 1;
	const webhook = opts.webhook ?? { userId: 1, code: randomCode(16) };
	const tls = opts.https ? selfSignedCertificate(host) : undefined;

	const store = new Store();
	seedStructure(store);
	if ((opts.seed ?? 'demo') === 'demo') seedDemo(store, opts.demo?.deals ?? 300);

	const sockets = new Set<Socket>();
	const state = {} as ServerState;
	const handler = createHandler(state);
	const server: Server = tls
		? (createHttpsServer({ key: tls.key, cert: tls.cert }, handler) as unknown as Server)
		: createHttpServer(handler);
	server.on('connection', (s: Socket) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	server.on('secureConnection', (s: Socket) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	const address = await listen(server, opts.port ?? 0, host);
	const hostPort = `${host.includes(':') ? `[${host}]` : host}:${address.port}`;
	const url = `${tls ? 'https' : 'http'}://${hostPort}`;
	const memberId = createHash('md5').update(`member:${hostPort}`).digest('hex');

	const oauth = new OAuthServer({
		clientId: opts.oauth?.clientId ?? 'local.65f0a1b2c3d4e5.12345678',
		clientSecret: opts.oauth?.clientSecret ?? 'Xx7dLq2VwzR9sN4pKe1bTgH6yUaMjC3fQo8iE5nD0rWvZ',
		scope: opts.oauth?.scope ?? DEFAULT_SCOPE,
		lifetimeSeconds: opts.tokenLifetimeSeconds ?? 3600,
		redirectUri: opts.oauth?.redirectUri,
		url,
		domain: hostPort,
		memberId,
		userId: webhook.userId,
	});
	const events = new EventBus({ oauth, domain: hostPort, url, memberId });
	const registry = new Registry();
	registry.register(ALL_METHODS);
	const portalCtx: PortalContext = {
		store,
		oauth,
		events,
		url,
		domain: hostPort,
		memberId,
		registry,
	};

	store.onChange((entityTypeId, action, id) => {
		const t = store.table(entityTypeId);
		if (!t) return;
		const fields: Record<string, unknown> = { ID: id };
		if (t.info.eventPrefix === 'ONCRMDYNAMICITEM') fields.ENTITY_TYPE_ID = entityTypeId;
		events.emit(`${t.info.eventPrefix}${action}`, { FIELDS: fields });
	});

	const bucketOpt = opts.bucket === undefined ? { capacity: 50, drainPerSecond: 2 } : opts.bucket;
	const opOpt =
		opts.operatingLimit === undefined
			? { windowSeconds: 600, maxSeconds: 480 }
			: opts.operatingLimit;
	const cost = opts.methodCostSeconds ?? 0.01;
	const faults = new Faults();
	Object.assign(state, {
		https: !!tls,
		requireHttps: !!opts.requireHttps,
		requests: [] as RecordedRequest[],
		faults,
		bucket: bucketOpt
			? new LeakyBucket(bucketOpt.capacity, bucketOpt.drainPerSecond, timeScale)
			: undefined,
		operating: opOpt
			? new OperatingLimit(opOpt.windowSeconds, opOpt.maxSeconds, timeScale)
			: undefined,
		costOf: (m: string) => (typeof cost === 'number' ? cost : (cost[m] ?? 0.01)),
		portal: portalCtx,
		authSetup: {
			webhook,
			invalidCredentialsStatus: opts.invalidCredentialsStatus ?? 403,
			allScopes: () => registry.scopes(),
			oauth,
		},
		sockets,
	} satisfies ServerState);

	let outgoing = 0;
	const portal: Portal = {
		url,
		webhookUrl: `${url}/rest/${webhook.userId}/${webhook.code}/`,
		webhook,
		ca: tls?.cert,
		oauth: {
			clientId: oauth.config.clientId,
			clientSecret: oauth.config.clientSecret,
			authorizeUrl: `${url}/oauth/authorize/`,
			tokenUrl: `${url}/oauth/token/`,
			issueTokens: (o) => oauth.mint({ expired: o?.expired, scope: o?.scope, userId: o?.userId }),
			expireToken: (t) => oauth.expire(t),
			tokens: oauth.stats,
			applicationToken: events.applicationToken(oauth.config.clientId),
		},
		get requests() {
			return state.requests;
		},
		restRequests: () => state.requests.filter((r) => r.path.startsWith('/rest/')),
		resetRequests: () => {
			state.requests.length = 0;
		},
		faults: { inject: (f) => faults.inject(f), clear: () => faults.clear() },
		store,
		registry,
		limits: {
			resetBucket: () => state.bucket?.reset(),
			bucketLevel: () => state.bucket?.current ?? 0,
			resetOperating: () => state.operating?.reset(),
		},
		events: {
			delivered: events.delivered,
			bindings: events.bindings,
			flush: () => events.flush(),
			addOutgoingWebhook: (handlerUrl, names) => {
				const clientId = `outgoing-webhook-${++outgoing}`;
				for (const name of names) {
					events.bind({
						event: name.toUpperCase(),
						handler: handlerUrl,
						authType: webhook.userId,
						eventType: 'online',
						clientId,
						userId: webhook.userId,
						outgoing: true,
					});
				}
				return events.applicationToken(clientId);
			},
		},
		emitEvent: (name, data) => events.emit(name, data),
		close: async () => {
			await events.flush();
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				for (const s of sockets) s.destroy();
			});
		},
	};
	return portal;
}
