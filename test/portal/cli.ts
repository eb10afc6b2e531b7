/**
 * Runs the test portal by hand: `node .build/test/portal/cli.js` (or `npm run portal`).
 * Env: PORTAL_PORT (8899), PORTAL_HOST (127.0.0.1), PORTAL_HTTPS=1, PORTAL_WEBHOOK_CODE, PORTAL_DEALS (300),
 * PORTAL_TIME_SCALE (1). Prints one JSON line with the connection details, then a summary.
 */
import { startPortal } from './index';

async function main(): Promise<void> {
	const code = process.env.PORTAL_WEBHOOK_CODE;
	const portal = await startPortal({
		port: Number(process.env.PORTAL_PORT ?? 8899),
		host: process.env.PORTAL_HOST ?? '127.0.0.1',
		https: process.env.PORTAL_HTTPS === '1',
		timeScale: Number(process.env.PORTAL_TIME_SCALE ?? 1),
		demo: { deals: Number(process.env.PORTAL_DEALS ?? 300) },
		webhook: code ? { userId: 1, code } : undefined,
		oauth: {
			clientId: process.env.PORTAL_CLIENT_ID || undefined,
			clientSecret: process.env.PORTAL_CLIENT_SECRET || undefined,
			redirectUri: process.env.PORTAL_REDIRECT_URI || undefined,
		},
	});
	const info = {
		url: portal.url,
		webhookUrl: portal.webhookUrl,
		clientId: portal.oauth.clientId,
		clientSecret: portal.oauth.clientSecret,
		tokenUrl: portal.oauth.tokenUrl,
		authorizeUrl: portal.oauth.authorizeUrl,
		applicationToken: portal.oauth.applicationToken,
	};
	process.stdout.write(JSON.stringify(info) + '\n');
	process.stdout.write(
		[
			`Bitrix24 test portal on ${portal.url}`,
			`  webhook:    ${portal.webhookUrl}`,
			`  OAuth:      client_id=${portal.oauth.clientId}`,
			`              authorize ${portal.oauth.authorizeUrl}  token ${portal.oauth.tokenUrl}`,
			`  data:       ${portal.store.deals.rows.size} deals, ${portal.store.users.length} users, smart process 1036 "Projects"`,
			'  Ctrl+C to stop.',
			'',
		].join('\n'),
	);
	const stop = (): void => {
		void portal.close().then(() => process.exit(0));
	};
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
}

main().catch((e: unknown) => {
	process.stderr.write(`portal failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
	process.exit(1);
});
