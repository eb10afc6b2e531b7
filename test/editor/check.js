'use strict';
// The package in n8n's editor, in a real browser: n8n (`n8n start`) with the package loaded and
// credentials for the test portal, a signed-in owner, and Chromium driven by playwright-core
// doing what a user does: search the node creator, open a node, open a picker's list, click
// "Fetch Test Event". Each check reads what the page shows; a screenshot of each step is kept
// in <work>/screenshots. Started by run.sh; last line: `N passed, N failed`.
//
// Needs from the environment (run.sh sets them): N8N_NODE, N8N_BIN, N8N_USER_FOLDER,
// N8N_TEST_WORK, CHROMIUM.

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const { chromium } = require('playwright-core');

const { EditorApi, OWNER } = require('../n8n/editor-api');
const fixtures = require('../n8n/fixtures');
const { check, summary, anyFailed, tail } = require('../n8n/results');
const { startMain } = require('../n8n/n8n-main');
const { SHOTS, UI_TIMEOUT_MS, shoot, eventually } = require('./ui');
const {
	checkNodeCreator,
	checkNodeCreatorDescription,
	checkDialogPicker,
} = require('./steps-nodes');
const { checkDealMapper, checkFilterRow } = require('./steps-crm');
const { checkQueueFetch, checkNewTrigger } = require('./steps-triggers');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PORTAL_MODULE = path.join(REPO_ROOT, '.build', 'test', 'portal', 'index.js');
const { IM_SEED } = require(
	path.join(REPO_ROOT, '.build', 'test', 'portal', 'methods', 'im', 'state.js'),
);
const WORK = process.env.N8N_TEST_WORK;
const START_TIMEOUT_MS = 120_000;
const QUEUE_WEBHOOK_ID = '5f0c3a52-7d1e-4b8a-9c61-0e2b7a4d9f13';

/** The credentials n8n imports: the webhook, and OAuth2 already connected (fresh tokens). */
function importCredentials(portal) {
	const vars = {
		...fixtures.portalVars({
			url: portal.url,
			webhookUrl: portal.webhookUrl,
			clientId: portal.oauth.clientId,
			clientSecret: portal.oauth.clientSecret,
			tokenUrl: portal.oauth.tokenUrl,
			authorizeUrl: portal.oauth.authorizeUrl,
		}),
		OAUTH_TOKEN_DATA: portal.oauth.issueTokens(),
	};
	const file = path.join(WORK, 'fixtures', 'credentials.json');
	fixtures.writeJson(file, [
		fixtures.credential('webhook', vars),
		fixtures.credential('oauth2', vars),
	]);
	const run = spawnSync(
		process.env.N8N_NODE,
		[process.env.N8N_BIN, 'import:credentials', `--input=${file}`],
		{
			cwd: WORK,
			env: {
				...process.env,
				PATH: `${path.dirname(process.env.N8N_NODE)}${path.delimiter}${process.env.PATH}`,
			},
			encoding: 'utf8',
			timeout: 120_000,
		},
	);
	const output = `${run.stdout}\n${run.stderr}`;
	// n8n 2.x's CLI may crash while exiting after its work is done (see EXIT_CRASH in check.js)
	return { ok: /imported 2 credentials/i.test(output), output };
}

/** The workflow the checks open: version 3 action nodes and the Event Queue Trigger. */
function editorWorkflow() {
	const { webhook, oauth2 } = fixtures.SPEC.credentials;
	const uses = (cred) => ({ [cred.type]: { id: cred.id, name: cred.name } });
	const action = (id, name, position, parameters) => ({
		id,
		name,
		type: 'n8n-nodes-bitrix24.bitrix24',
		typeVersion: 3,
		position,
		parameters: { authentication: 'bitrix24WebhookApi', ...parameters },
		credentials: uses(webhook),
	});
	return {
		name: 'Editor check',
		active: false,
		nodes: [
			{
				id: 'queue',
				name: 'Queued Deals',
				type: 'n8n-nodes-bitrix24.bitrix24EventQueueTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: QUEUE_WEBHOOK_ID,
				parameters: { events: ['ONCRMDEALADD'] },
				credentials: uses(oauth2),
			},
			action('deal', 'Create Deal', [300, 0], { resource: 'deal', operation: 'create' }),
			action('message', 'Send Message', [600, 0], { resource: 'message', operation: 'send' }),
			action('deals', 'Get Many Deals', [300, 200], { resource: 'deal', operation: 'getAll' }),
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

/** The checks, in order; each gets { page, portal, dealId }. */
const STEPS = [
	({ page }) => checkNodeCreator(page),
	({ page, portal }) => checkDealMapper(page, portal),
	({ page }) => checkDialogPicker(page, IM_SEED.groupChat.title),
	({ page, dealId }) => checkQueueFetch(page, dealId),
	({ page, portal }) => checkFilterRow(page, portal),
	({ page }) => checkNodeCreatorDescription(page),
	// last: it adds a node to the workflow
	({ page }) => checkNewTrigger(page),
];

async function main(portal, steps) {
	fs.mkdirSync(SHOTS, { recursive: true });
	const imported = importCredentials(portal);
	if (!check('n8n imports the credentials', imported.ok, tail(imported.output))) return;

	// what Fetch Test Event will show: a deal created after its event was bound offline
	const appToken = portal.oauth.issueTokens().access_token;
	const call = async (url, params, headers = {}) =>
		(
			await (
				await fetch(url, {
					method: 'POST',
					headers: { 'content-type': 'application/json', ...headers },
					body: JSON.stringify(params),
				})
			).json()
		).result;
	await call(
		`${portal.url}/rest/event.bind`,
		{ event: 'ONCRMDEALADD', event_type: 'offline' },
		{
			authorization: `Bearer ${appToken}`,
		},
	);
	const dealId = await call(`${portal.webhookUrl}crm.deal.add`, {
		fields: { TITLE: 'For the editor' },
	});

	const ctx = { WORK, N8N_NODE: process.env.N8N_NODE, N8N_BIN: process.env.N8N_BIN };
	const n8n = await startMain(ctx, 'editor-main');
	let browser;
	try {
		const api = new EditorApi(n8n.url);
		// n8n may answer before it takes the owner's setup or sign-in: tried for a while
		const ready =
			(await api.ready(START_TIMEOUT_MS, () => n8n.running())) &&
			(await eventually(() => api.signIn(), 20_000));
		const created = ready
			? await api.request('POST', '/rest/workflows', editorWorkflow())
			: undefined;
		const workflowId = created?.body?.data?.id;
		if (
			!check(
				'n8n starts, the owner signs in, the workflow is saved',
				workflowId,
				`${JSON.stringify(created ?? null).slice(0, 600)}\n${tail(n8n.readLog())}`,
			)
		)
			return;

		browser = await chromium.launch({
			executablePath: process.env.CHROMIUM,
			args: ['--no-sandbox', '--disable-dev-shm-usage'],
		});
		const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
		page.setDefaultTimeout(UI_TIMEOUT_MS);
		await page.goto(`${n8n.url}/signin`);
		await page.locator('[data-test-id="emailOrLdapLoginId"] input').fill(OWNER.email);
		await page.locator('[data-test-id="password"] input').fill(OWNER.password);
		await page.locator('[data-test-id="form-submit-button"]').click();
		await page.waitForURL((url) => !String(url).includes('/signin'));
		// the editor's URL names the open node (a reload opens it again): steps restart here
		const workflowUrl = `${n8n.url}/workflow/${workflowId}`;
		page.on('dialog', (dialog) => dialog.accept().catch(() => undefined));
		await page.goto(workflowUrl);
		const opened = await page
			.locator('[data-test-id="canvas-node"]')
			.first()
			.waitFor({ timeout: START_TIMEOUT_MS })
			.then(() => true)
			.catch(() => false);
		if (
			!check(
				'editor: the browser signs in and opens the workflow',
				opened,
				await shoot(page, '0-workflow'),
			)
		)
			return;

		for (const step of steps) {
			// one step's failure is reported and the next starts from the workflow opened again
			await step({ page, portal, dealId }).catch(async (error) => {
				check(
					'editor: a step ran to its end',
					false,
					`${error.stack ?? error}\n${await shoot(page, 'failed-step')}`,
				);
				await page.goto(workflowUrl).catch(() => undefined);
			});
		}
	} finally {
		await browser?.close().catch(() => undefined);
		await n8n.stop();
	}
}

async function run(steps = STEPS) {
	let portal;
	try {
		const { startPortal } = require(PORTAL_MODULE);
		portal = await startPortal({ host: '127.0.0.1', port: 0, demo: { deals: 5 } });
		await main(portal, steps);
	} catch (error) {
		check('the editor check completed', false, error?.stack ?? error);
	}
	await portal?.close().catch(() => undefined);
	console.log(`Screenshots: ${SHOTS}`);
	if (anyFailed()) console.log(`Logs: ${WORK}/logs`);
	process.exit(summary());
}

if (require.main === module) void run();

module.exports = { run };
