/**
 * The portal's HTTP front has no route that serves a file's bytes. Until it has one, Drive tests
 * put this proxy in front of it: `/rest/[<user>/<code>/]download[.json]?token=...` is answered
 * here (after the same webhook / OAuth check the portal does) through `serveDriveDownload`; every
 * other request goes on to the portal unchanged.
 */
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Portal } from '../../portal';
import { serveDriveDownload } from '../../portal/methods/disk';

export interface DriveProxy {
	url: string;
	/** paths (without query) of the download requests served, and how they were authenticated */
	downloads: Array<{ path: string; auth: 'webhook' | 'oauth' | 'none'; status: number }>;
	/** OAuth access tokens the proxy accepts for downloads (the test adds the ones it issued) */
	acceptedTokens: Set<string>;
	/** answer the next download with this Bitrix24 error instead */
	failNextDownload?: { status: number; error: string; description: string };
	close(): Promise<void>;
}

const DOWNLOAD = /^\/rest\/(?:(\d+)\/([^/]+)\/)?download(?:\.json)?\/?$/;

export async function startDriveProxy(portal: Portal): Promise<DriveProxy> {
	const target = new URL(portal.url);
	const proxy: DriveProxy = {
		url: '',
		downloads: [],
		acceptedTokens: new Set(),
		close: async () => {
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
	const server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://proxy.invalid');
		const download = DOWNLOAD.exec(url.pathname);
		if (download) {
			const bearer = /^Bearer\s+(\S+)/i.exec(String(req.headers.authorization ?? ''))?.[1];
			const token = bearer ?? url.searchParams.get('auth') ?? '';
			const auth = download[1]
				? Number(download[1]) === portal.webhook.userId && download[2] === portal.webhook.code
					? 'webhook'
					: 'none'
				: proxy.acceptedTokens.has(token)
					? 'oauth'
					: 'none';
			const fail = proxy.failNextDownload;
			proxy.failNextDownload = undefined;
			const answer =
				auth === 'none'
					? { status: 401, headers: { 'Content-Type': 'application/json' }, body: Buffer.from(JSON.stringify({ error: 'NO_AUTH_FOUND', error_description: 'Wrong authorization data' })) }
					: fail
						? { status: fail.status, headers: { 'Content-Type': 'application/json' }, body: Buffer.from(JSON.stringify({ error: fail.error, error_description: fail.description })) }
						: serveDriveDownload(portal.store, url.searchParams.get('token') ?? undefined);
			proxy.downloads.push({ path: url.pathname, auth, status: answer.status });
			res.writeHead(answer.status, answer.headers);
			res.end(answer.body);
			return;
		}
		const forward = httpRequest(
			{ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		forward.on('error', () => {
			res.writeHead(502);
			res.end();
		});
		req.pipe(forward);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return proxy;
}
