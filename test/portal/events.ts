/**
 * Event handlers (event.bind) and their delivery: a form-encoded POST with PHP bracket keys and only
 * string values, sent once and never retried.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { OAuthServer } from './oauth';
import { buildPhpQuery } from './php-query';
import type { DeliveredEvent, EventBinding } from './types';

const CRM_EVENT_ENTITIES = ['LEAD', 'DEAL', 'CONTACT', 'COMPANY', 'DYNAMICITEM'];
const ACTIONS = ['ADD', 'UPDATE', 'DELETE'];

/** Events the portal lets applications bind to. */
export const KNOWN_EVENTS = new Set<string>([
	...CRM_EVENT_ENTITIES.flatMap((e) => ACTIONS.map((a) => `ONCRM${e}${a}`)),
	'ONCRMDEALMOVETOCATEGORY',
	'ONTASKADD',
	'ONTASKUPDATE',
	'ONTASKDELETE',
	'ONTASKCOMMENTADD',
	'ONIMBOTMESSAGEADD',
	'ONIMMESSAGEADD',
	'ONUSERADD',
	'ONAPPINSTALL',
	'ONAPPUNINSTALL',
	'ONCALENDARENTRYADD',
	'ONCALENDARENTRYUPDATE',
	'ONCALENDARENTRYDELETE',
	'ONDISKFILEADD',
]);

export interface EventBusConfig {
	oauth: OAuthServer;
	domain: string;
	url: string;
	memberId: string;
}

function stringify(v: unknown): unknown {
	if (v === null || v === undefined) return '';
	if (Array.isArray(v)) return v.map(stringify);
	if (typeof v === 'object') {
		const o: Record<string, unknown> = {};
		for (const [k, x] of Object.entries(v as Record<string, unknown>)) o[k] = stringify(x);
		return o;
	}
	return String(v);
}

/** A binding; an offline one may have a source key (event.bind's `auth_connector`). */
export type BoundHandler = EventBinding & { connector?: string };

/** The REST call a change comes from: its application and its `auth_connector` ('' for none). */
export interface CallSource {
	clientId?: string;
	connector: string;
}

const callSource = new AsyncLocalStorage<CallSource>();

/**
 * Runs a method's handler as `source` (server.ts invoke, for every call and every batch command):
 * the events its changes emit know which call made them. A batch command runs as itself, so a
 * key given to the batch alone does not reach its commands (the docs do not say it would).
 */
export function runAsSource<T>(source: CallSource, handler: () => T): T {
	return callSource.run(source, handler);
}

/** An event for an offline binding, as emitted, with the call that made the change. */
export interface OfflineHandOver {
	binding: BoundHandler;
	data: Record<string, unknown>;
	at: number;
	source?: CallSource;
}

export class EventBus {
	readonly bindings: BoundHandler[] = [];
	readonly delivered: DeliveredEvent[] = [];
	/** What offline bindings (event_type=offline) were given, in order; methods/event-offline.ts queues it. */
	readonly offline: OfflineHandOver[] = [];
	private nextId = 1;
	private inFlight = new Set<Promise<void>>();

	constructor(private readonly config: EventBusConfig) {}

	/** The application token handlers verify against; one per application. */
	applicationToken(clientId: string): string {
		return createHash('md5').update(`app-token:${clientId}:${this.config.memberId}`).digest('hex');
	}

	bind(b: Omit<BoundHandler, 'id'>): BoundHandler {
		const binding = { id: this.nextId++, ...b };
		this.bindings.push(binding);
		return binding;
	}

	/** Removes the bindings of one event type (online unless asked; event.unbind's `event_type`). */
	unbind(
		clientId: string,
		event: string,
		handler?: string,
		authType?: number,
		eventType: 'online' | 'offline' = 'online',
	): number {
		let count = 0;
		for (let i = this.bindings.length - 1; i >= 0; i--) {
			const b = this.bindings[i];
			if (b.clientId !== clientId || b.event !== event || b.eventType !== eventType) continue;
			if (handler !== undefined && b.handler !== handler) continue;
			if (authType !== undefined && b.authType !== authType) continue;
			this.bindings.splice(i, 1);
			count++;
		}
		return count;
	}

	/** Sends `event` with `data` to every online handler bound to it. */
	emit(event: string, data: Record<string, unknown>): void {
		const name = event.toUpperCase();
		const source = callSource.getStore();
		for (const b of this.bindings.filter((x) => x.event === name && x.eventType === 'offline'))
			this.offline.push({ binding: b, data: structuredClone(data), at: Date.now(), source });
		for (const b of this.bindings.filter((x) => x.event === name && x.eventType === 'online')) {
			const auth: Record<string, unknown> = {};
			if (!b.outgoing) {
				const t = this.config.oauth.mint({ userId: b.authType || b.userId, record: false });
				Object.assign(auth, {
					access_token: t.access_token,
					expires: t.expires,
					expires_in: t.expires_in,
					scope: t.scope,
					domain: this.config.domain,
					server_endpoint: t.server_endpoint,
					status: t.status,
					client_endpoint: `${this.config.url}/rest/`,
					member_id: this.config.memberId,
					user_id: b.authType || b.userId,
					refresh_token: t.refresh_token,
				});
			}
			auth.domain = this.config.domain;
			auth.client_endpoint = `${this.config.url}/rest/`;
			auth.member_id = this.config.memberId;
			auth.application_token = this.applicationToken(b.clientId);
			const payload = {
				event: name,
				event_handler_id: b.id,
				data,
				ts: Math.floor(Date.now() / 1000),
				auth,
			};
			void this.send(b.handler, name, buildPhpQuery(stringify(payload)));
		}
	}

	private track(p: Promise<void>): void {
		this.inFlight.add(p);
		void p.finally(() => this.inFlight.delete(p));
	}

	/** Resolves when every delivery started so far has finished. */
	async flush(): Promise<void> {
		while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
	}

	/**
	 * POSTs a form body the way deliveries go (once, never retried) and resolves with what was
	 * recorded; other portal calls to handlers (an automation rule running a robot) use it too.
	 */
	send(url: string, event: string, body: string): Promise<DeliveredEvent> {
		const delivery = this.deliver(url, event, body);
		this.track(delivery.then(() => undefined));
		return delivery;
	}

	private deliver(url: string, event: string, body: string): Promise<DeliveredEvent> {
		return new Promise((resolve) => {
			let done = false;
			const record = (status: number): void => {
				if (done) return;
				done = true;
				const entry = { url, status, body, event, at: Date.now() };
				this.delivered.push(entry);
				resolve(entry);
			};
			let target: URL;
			try {
				target = new URL(url);
			} catch {
				record(0);
				return;
			}
			const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
			const req = send(
				target,
				{
					method: 'POST',
					headers: {
						'Content-Type': 'application/x-www-form-urlencoded',
						'Content-Length': Buffer.byteLength(body),
						'User-Agent': 'Bitrix24 Webhook Engine',
					},
					timeout: 5000,
					rejectUnauthorized: false,
				},
				(res) => {
					res.resume();
					res.on('end', () => record(res.statusCode ?? 0));
					res.on('error', () => record(res.statusCode ?? 0));
				},
			);
			req.on('timeout', () => req.destroy());
			req.on('error', () => record(0));
			req.end(body);
		});
	}
}
