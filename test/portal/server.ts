/** HTTP front: routes /rest/, /oauth/token/ and /oauth/authorize/, applies faults and limits, records. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, AuthSetup, parseRestPath } from './auth';
import { mediaType, parseBody, readBody } from './body';
import { runAsSource } from './events';
import { serveDriveDownload } from './methods/disk';
import { errors, NGINX_502, RestError, timeBlock } from './envelope';
import type { Faults } from './faults';
import type { LeakyBucket, OperatingLimit } from './limits';
import { isObject, parsePhpQuery, phpNormalize } from './php-query';
import type { AuthInfo, CallContext, CallOutcome, PortalContext } from './registry';
import { param } from './registry';
import type { RecordedRequest } from './types';

export interface ServerState {
	https: boolean;
	requireHttps: boolean;
	requests: RecordedRequest[];
	faults: Faults;
	bucket?: LeakyBucket;
	operating?: OperatingLimit;
	costOf(method: string): number;
	portal: PortalContext;
	authSetup: AuthSetup;
	sockets: Set<import('node:net').Socket>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Runs one REST method with its scope check, operating limit and error mapping. */
export async function invoke(
	state: ServerState,
	method: string,
	params: Record<string, unknown>,
	auth: AuthInfo,
	inBatch: boolean,
): Promise<CallOutcome> {
	const name = method.toLowerCase();
	const fail = (e: RestError): CallOutcome => ({
		ok: false,
		status: e.status,
		error: e.code,
		error_description: e.description,
	});
	const def = state.portal.registry.get(name);
	if (!def) return fail(errors.methodNotFound());
	if (def.scope !== 'basic' && !auth.scope.includes(def.scope))
		return fail(errors.insufficientScope(auth.kind));
	if (state.operating?.blocked(name)) return fail(errors.operationTimeLimit());
	const startMs = Date.now();
	const ctx: CallContext = {
		portal: state.portal,
		params,
		auth,
		method: name,
		inBatch,
		call: (m, p) => invoke(state, m, p, auth, true),
	};
	try {
		const connector = param(params, 'auth_connector');
		const source = {
			clientId: auth.kind === 'oauth' ? auth.clientId : undefined,
			connector: typeof connector === 'string' ? connector.trim() : '',
		};
		const r = await runAsSource(source, () => def.handler(ctx));
		state.operating?.charge(name, state.costOf(name));
		const operating = state.operating
			? { used: state.operating.used(name), resetAt: state.operating.resetAt(name) }
			: undefined;
		return { ok: true, ...r, startMs, finishMs: Date.now(), operating };
	} catch (e) {
		if (e instanceof RestError) return fail(e);
		return fail(errors.internal());
	}
}

function headerRecord(req: IncomingMessage): Record<string, string | string[] | undefined> {
	return { ...req.headers };
}

function sendJson(
	res: ServerResponse,
	record: RecordedRequest,
	status: number,
	body: unknown,
): void {
	record.status = status;
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(text),
	});
	res.end(text);
}

function sendError(res: ServerResponse, record: RecordedRequest, e: RestError): void {
	sendJson(res, record, e.status, e.toJSON());
}

function batchCommands(params: Record<string, unknown>): string[] | undefined {
	const cmd = Object.entries(params).find(([k]) => k.toLowerCase() === 'cmd')?.[1];
	const list = Array.isArray(cmd) ? cmd : isObject(cmd) ? Object.values(cmd) : [];
	return list.map((c) => String(c));
}

async function handleRest(
	state: ServerState,
	req: IncomingMessage,
	res: ServerResponse,
	url: URL,
	body: Buffer,
	record: RecordedRequest,
): Promise<void> {
	const route = parseRestPath(url.pathname);
	record.restMethod = route?.method;
	const query = parsePhpQuery(url.search.slice(1));
	const parsed = parseBody(body, req.headers['content-type']);
	const params: Record<string, unknown> = { ...query, ...parsed.params };
	record.body = params;
	record.auth =
		route?.kind === 'webhook'
			? 'webhook'
			: route && (req.headers.authorization || params.auth || params.access_token)
				? 'oauth'
				: 'none';
	if (route?.method === 'batch') record.batchCommands = batchCommands(params);

	const fault = state.faults.take(route?.method);
	if (fault) {
		switch (fault.kind) {
			case 'reset':
				record.status = 0;
				req.socket.destroy();
				return;
			case 'slow':
				await sleep(fault.delayMs ?? 1000);
				break;
			case 'status503':
				return sendError(res, record, errors.queryLimit());
			case 'status500':
				return sendError(res, record, errors.internal());
			case 'status429':
				return sendError(res, record, errors.operationTimeLimit());
			case 'expiredToken':
				return sendError(res, record, errors.expiredToken());
			case 'error': {
				const e = fault.error ?? { status: 400, code: 'ERROR_CORE', description: '' };
				return sendError(res, record, new RestError(e.status, e.code, e.description));
			}
			case 'redirect':
				record.status = 307;
				res.writeHead(307, { Location: fault.location ?? '/', 'Content-Length': 0 });
				res.end();
				return;
			case 'html502':
				record.status = 502;
				res.writeHead(502, {
					'Content-Type': 'text/html',
					'Content-Length': Buffer.byteLength(NGINX_502),
				});
				res.end(NGINX_502);
				return;
		}
	}

	if (!route) return sendError(res, record, errors.methodNotFound());
	if (route.kind === 'webhook' && state.requireHttps && !state.https)
		return sendError(res, record, errors.httpsRequired());
	if (state.bucket && !state.bucket.take()) return sendError(res, record, errors.queryLimit());

	let auth: AuthInfo;
	try {
		auth = authenticate(route, req.headers, params, state.authSetup);
	} catch (e) {
		return sendError(res, record, e instanceof RestError ? e : errors.internal());
	}
	delete params.auth;
	delete params.access_token;

	// A Drive file's DOWNLOAD_URL: the same authentication as REST, but the answer is the bytes.
	if (route.method === 'download') {
		const answer = serveDriveDownload(
			state.portal.store,
			typeof params.token === 'string' ? params.token : undefined,
		);
		record.status = answer.status;
		res.writeHead(answer.status, answer.headers);
		res.end(answer.body);
		return;
	}

	const outcome = await invoke(state, route.method, params, auth, false);
	if (!outcome.ok)
		return sendJson(res, record, outcome.status, {
			error: outcome.error,
			error_description: outcome.error_description,
		});
	const envelope: Record<string, unknown> = { result: phpNormalize(outcome.result) };
	if (outcome.next !== undefined) envelope.next = outcome.next;
	if (outcome.total !== undefined) envelope.total = outcome.total;
	envelope.time = timeBlock(outcome.startMs, outcome.finishMs, outcome.operating);
	sendJson(res, record, 200, envelope);
}

function handleToken(
	state: ServerState,
	req: IncomingMessage,
	res: ServerResponse,
	url: URL,
	body: Buffer,
	record: RecordedRequest,
): void {
	const query = parsePhpQuery(url.search.slice(1));
	const parsed =
		mediaType(req.headers['content-type']) === 'application/x-www-form-urlencoded'
			? parseBody(body, req.headers['content-type'])
			: { params: {}, hasParams: false };
	record.body = req.method === 'POST' ? { ...query, ...parsed.params } : query;
	const answer = state.portal.oauth.token(
		req.method ?? 'GET',
		query,
		parsed.params,
		parsed.hasParams,
	);
	sendJson(res, record, answer.status, answer.json);
}

function handleAuthorize(
	state: ServerState,
	res: ServerResponse,
	url: URL,
	record: RecordedRequest,
): void {
	const query = parsePhpQuery(url.search.slice(1));
	record.body = query;
	const answer = state.portal.oauth.authorize(query);
	if (answer.location) {
		record.status = answer.status;
		res.writeHead(answer.status, { Location: answer.location });
		res.end();
		return;
	}
	sendJson(res, record, answer.status, answer.json);
}

export function createHandler(
	state: ServerState,
): (req: IncomingMessage, res: ServerResponse) => void {
	return (req, res) => {
		void (async () => {
			const url = new URL(req.url ?? '/', 'http://portal.invalid');
			const record: RecordedRequest = {
				httpMethod: req.method ?? 'GET',
				path: url.pathname,
				auth: 'none',
				status: 0,
				contentType: req.headers['content-type'],
				body: {},
				headers: headerRecord(req),
				at: Date.now(),
			};
			state.requests.push(record);
			try {
				const body = await readBody(req);
				if (url.pathname.startsWith('/rest/')) {
					await handleRest(state, req, res, url, body, record);
				} else if (url.pathname === '/oauth/token/' || url.pathname === '/oauth/token') {
					record.auth = 'token-endpoint';
					handleToken(state, req, res, url, body, record);
				} else if (url.pathname === '/oauth/authorize/' || url.pathname === '/oauth/authorize') {
					record.auth = 'authorize';
					handleAuthorize(state, res, url, record);
				} else {
					record.status = 404;
					const page =
						'<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1></body></html>';
					res.writeHead(404, { 'Content-Type': 'text/html' });
					res.end(page);
				}
			} catch {
				if (!res.headersSent) sendError(res, record, errors.internal());
			}
		})();
	};
}
