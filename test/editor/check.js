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
const { startMain } = require('../n8n/triggers');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PORTAL_MODULE = path.join(REPO_ROOT, '.build', 'test', 'portal', 'index.js');
const WORK = process.env.N8N_TEST_WORK;
// kept after a passing run too (the work folder is removed then)
const SHOTS =
	process.env.EDITOR_SCREENSHOTS ?? path.join(REPO_ROOT, '.build', 'editor-screenshots');
const START_TIMEOUT_MS = 120_000;
const UI_TIMEOUT_MS = 30_000;
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

/** The workflow the checks open: version 2 action nodes and the Event Queue Trigger. */
function editorWorkflow() {
	const { webhook, oauth2 } = fixtures.SPEC.credentials;
	const uses = (cred) => ({ [cred.type]: { id: cred.id, name: cred.name } });
	const action = (id, name, position, parameters) => ({
		id,
		name,
		type: 'n8n-nodes-bitrix24.bitrix24',
		typeVersion: 2,
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
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

async function shoot(page, name) {
	const file = path.join(SHOTS, `${name}.png`);
	await page.screenshot({ path: file }).catch(() => undefined);
	return file;
}

const visibleTexts = (page, selector) =>
	page.$$eval(selector, (els) =>
		els.filter((e) => e.offsetParent !== null).map((e) => e.textContent.trim()),
	);

/** Opens a node's parameters by double-clicking it on the canvas; resolves with the panel. */
async function openNode(page, name) {
	await page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`).dblclick();
	const ndv = page.locator('[data-test-id="ndv"]');
	await ndv.locator('[data-test-id="node-parameters"]').waitFor({ timeout: UI_TIMEOUT_MS });
	return ndv;
}

async function closeNode(page) {
	await page.locator('[data-test-id="ndv-close-button"]').click();
	await page.locator('[data-test-id="ndv"]').waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
}

/** Resolves with the first truthy value of `probe`, or the last value after `timeoutMs`. */
async function eventually(probe, timeoutMs = UI_TIMEOUT_MS) {
	const until = Date.now() + timeoutMs;
	let value = await probe();
	while (!value && Date.now() < until) {
		await new Promise((resolve) => setTimeout(resolve, 250));
		value = await probe();
	}
	return value;
}

async function checkNodeCreator(page) {
	await page.locator('[data-test-id="node-creator-plus-button"]').click();
	await page
		.locator('[data-test-id="node-creator-search-bar"]')
		.waitFor({ timeout: UI_TIMEOUT_MS });
	await page.keyboard.type('crm');
	const names = await eventually(async () => {
		const shown = await visibleTexts(page, '[data-test-id="node-creator-item-name"]');
		return shown.includes('Bitrix24') ? shown : undefined;
	});
	const file = await shoot(page, '1-node-creator-crm');
	check(
		'editor: searching the node creator for "crm" offers the Bitrix24 node (its codex aliases)',
		names?.includes('Bitrix24'),
		`shown: ${JSON.stringify(names ?? (await visibleTexts(page, '[data-test-id="node-creator-item-name"]')))}; ${file}`,
	);
	await page.keyboard.press('Escape');
}

async function checkDealMapper(page) {
	const ndv = await openNode(page, 'Create Deal');
	await ndv.getByText('Add field to send').click();
	const offered = (label) => page.getByText(label, { exact: true }).first().isVisible();
	const fields = await eventually(
		async () => (await offered('Name (TITLE)')) && (await offered('Stage (STAGE_ID)')),
	);
	const file = await shoot(page, '2-deal-create-fields');
	const text = await ndv.innerText();
	check(
		"editor: Deal > Create (version 2) sets fields with the mapper, offering the portal's deal fields, and has no Additional Fields",
		(await ndv.locator('[data-test-id="resource-mapper-container"]').count()) === 1 &&
			!text.includes('Additional Fields') &&
			fields,
		`Name (TITLE) and Stage (STAGE_ID) offered: ${fields}; panel: ${text.replace(/\s+/g, ' ').slice(0, 400)}; ${file}`,
	);
	await page.keyboard.press('Escape');
	await closeNode(page).catch(() => page.keyboard.press('Escape'));
}

async function checkDialogPicker(page, chatTitle) {
	const ndv = await openNode(page, 'Send Message');
	await ndv
		.locator('[data-test-id="resource-locator-dialogId"] [data-test-id="rlc-input"]')
		.click();
	const listed = await eventually(async () => {
		const shown = await visibleTexts(page, '[data-test-id="rlc-item"]');
		return shown.includes(chatTitle) ? shown : undefined;
	});
	const file = await shoot(page, '3-send-message-dialog-list');
	check(
		"editor: Chat Message > Send's Dialog picker lists the portal's chats (From List)",
		listed?.includes(chatTitle),
		`listed: ${JSON.stringify(listed ?? (await visibleTexts(page, '[data-test-id="rlc-item"]')))}; ${file}`,
	);
	await page.keyboard.press('Escape');
	await closeNode(page).catch(() => page.keyboard.press('Escape'));
}

async function checkQueueFetch(page, dealId) {
	const ndv = await openNode(page, 'Queued Deals');
	const before = await ndv.innerText();
	await ndv.locator('[data-test-id="trigger-execute-button"]').first().click();
	const shown = await eventually(async () => {
		const text = await ndv.innerText();
		return text.includes('ONCRMDEALADD') ? text : undefined;
	});
	const file = await shoot(page, '4-event-queue-fetch-test-event');
	check(
		'editor: the Event Queue Trigger offers Fetch Test Event and no webhook URL, and a click shows the queued deal at once',
		before.includes('Fetch Test Event') &&
			!/Webhook URLs|Listen for test event/i.test(before) &&
			shown?.includes('ONCRMDEALADD') &&
			shown.includes(String(dealId)),
		`before: ${before.replace(/\s+/g, ' ').slice(0, 300)}; after: ${(shown ?? (await ndv.innerText())).replace(/\s+/g, ' ').slice(0, 600)}; ${file}`,
	);
	await closeNode(page).catch(() => page.keyboard.press('Escape'));
}

async function main(portal) {
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
		const ready = (await api.ready(START_TIMEOUT_MS, () => n8n.running())) && (await api.signIn());
		const created = ready
			? await api.request('POST', '/rest/workflows', editorWorkflow())
			: undefined;
		const workflowId = created?.body?.data?.id;
		if (
			!check(
				'n8n starts, the owner signs in, the workflow is saved',
				workflowId,
				tail(n8n.readLog()),
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
		await page.goto(`${n8n.url}/workflow/${workflowId}`);
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

		const { IM_SEED } = require(
			path.join(REPO_ROOT, '.build', 'test', 'portal', 'methods', 'im', 'state.js'),
		);
		for (const step of [
			() => checkNodeCreator(page),
			() => checkDealMapper(page),
			() => checkDialogPicker(page, IM_SEED.groupChat.title),
			() => checkQueueFetch(page, dealId),
		]) {
			// one step's failure is reported and the next starts from a reloaded page
			await step().catch(async (error) => {
				check(
					'editor: a step ran to its end',
					false,
					`${error.stack ?? error}\n${await shoot(page, 'failed-step')}`,
				);
				await page.reload().catch(() => undefined);
			});
		}
	} finally {
		await browser?.close().catch(() => undefined);
		await n8n.stop();
	}
}

async function run() {
	let portal;
	try {
		const { startPortal } = require(PORTAL_MODULE);
		portal = await startPortal({ host: '127.0.0.1', port: 0, demo: { deals: 5 } });
		await main(portal);
	} catch (error) {
		check('the editor check completed', false, error?.stack ?? error);
	}
	await portal?.close().catch(() => undefined);
	console.log(`Screenshots: ${SHOTS}`);
	if (anyFailed()) console.log(`Logs: ${WORK}/logs`);
	process.exit(summary());
}

void run();
