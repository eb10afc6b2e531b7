'use strict';
// The package inside a real n8n, checked against the test portal. Started by run-test.sh,
// which installs n8n, makes the user folder and copies the package in. This script runs the
// portal in-process (so it can read what the portal received and the tokens it issued),
// imports credentials and workflows with n8n's CLI, runs each workflow with `n8n execute`,
// and checks the portal's side, not only n8n's output. Last line: `N passed, N failed`.
//
// Needs from the environment (run-test.sh sets them): N8N_NODE, N8N_BIN, N8N_USER_FOLDER,
// N8N_TEST_WORK, PACKAGE_DIR.

const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

const fixtures = require('./fixtures');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PORTAL_MODULE = path.join(REPO_ROOT, '.build', 'test', 'portal', 'index.js');
const WORK = required('N8N_TEST_WORK');
const N8N_NODE = required('N8N_NODE');
const N8N_BIN = required('N8N_BIN');
const PACKAGE_DIR = required('PACKAGE_DIR');
const COMMAND_TIMEOUT_MS = 120_000;
// n8n 2.41's default expression engine runs isolated-vm, whose thread pool is torn down by
// an exit handler while an isolate thread may still be allocating: a short-lived CLI
// command then sometimes dies with SIGSEGV after it has finished and printed its work.
// Such a command is not failed for it; each check verifies the work itself (the complete
// execution record, the import counts, the exported file).
const EXIT_CRASH = 'SIGSEGV';

function required(name) {
	const value = process.env[name];
	if (!value) {
		console.error(`check.js: ${name} is not set (run it through test/n8n/run-test.sh)`);
		process.exit(2);
	}
	return value;
}

// ---------------------------------------------------------------- results

const { check, summary, anyFailed, tail } = require('./results');

// ---------------------------------------------------------------- n8n's CLI

const children = new Set();

function track(child) {
	children.add(child);
	fs.appendFileSync(path.join(WORK, 'pids'), `${child.pid}\n`);
	child.on('exit', () => children.delete(child));
	return child;
}

/**
 * Runs one n8n command on Node 24 and resolves with its exit code and output. Log level
 * info: that is the level at which n8n's commands report what they did, and at which
 * `execute --rawOutput` prints the run.
 */
function n8n(label, args) {
	const logFile = path.join(WORK, 'logs', `${label}.log`);
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	const started = Date.now();
	const child = track(
		spawn(N8N_NODE, [N8N_BIN, ...args], {
			cwd: WORK,
			env: {
				...process.env,
				N8N_LOG_LEVEL: 'info',
				PATH: `${path.dirname(N8N_NODE)}${path.delimiter}${process.env.PATH}`,
			},
			stdio: ['ignore', 'pipe', 'pipe'],
		}),
	);
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	return new Promise((resolve) => {
		const timer = setTimeout(() => {
			output += `\n[check.js] stopped after ${COMMAND_TIMEOUT_MS / 1000} s\n`;
			child.kill('SIGTERM');
			setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
		}, COMMAND_TIMEOUT_MS);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			fs.writeFileSync(logFile, output);
			const seconds = ((Date.now() - started) / 1000).toFixed(1);
			const how = signal ? `killed by ${signal}` : `exit ${code}`;
			console.log(`      n8n ${args.join(' ').replace(WORK, '<work>')} -> ${how} in ${seconds} s`);
			const ok = code === 0 || signal === EXIT_CRASH;
			if (signal === EXIT_CRASH) {
				console.log(
					'      (n8n crashed while exiting: isolated-vm teardown race, see EXIT_CRASH; its work is checked below)',
				);
			}
			resolve({ code, signal, ok, output, logFile });
		});
	});
}

/** `n8n execute --rawOutput` prints the run as pretty-printed JSON among its log lines. */
function parseExecution(output) {
	const lines = output.split('\n');
	const start = lines.indexOf('{');
	const end = start < 0 ? -1 : lines.indexOf('}', start);
	if (end < 0) return undefined;
	try {
		return JSON.parse(lines.slice(start, end + 1).join('\n'));
	} catch {
		return undefined;
	}
}

/** What went wrong in a failed `n8n execute`: the run's error, else the end of the log. */
function failureText(output) {
	const error = parseExecution(output)?.data?.resultData?.error;
	if (error) {
		const where = error.node?.name ? ` (node "${error.node.name}")` : '';
		return [`${error.name ?? 'Error'}${where}: ${error.message}`, error.description]
			.filter(Boolean)
			.join('\n');
	}
	const lines = output.trimEnd().split('\n');
	const marker = lines.lastIndexOf('Execution error:');
	return marker >= 0 ? lines.slice(marker, marker + 15).join('\n') : tail(output);
}

function nodeItems(run, nodeName) {
	const runData = run?.data?.resultData?.runData?.[nodeName];
	return (runData?.[0]?.data?.main?.[0] ?? []).map((item) => item.json);
}

// ---------------------------------------------------------------- the portal's side

/** A recorded request, with what the checks ask: REST method, webhook code, access token. */
function describe(record) {
	const body = record.body && typeof record.body === 'object' ? record.body : {};
	const headers = record.headers ?? {};
	const webhook = /\/rest\/(\d+)\/([^/]+)\/([^/]+?)(?:\.json)?$/.exec(record.path);
	const bearer = /^Bearer\s+(.+)$/i.exec(String(headers.authorization ?? ''));
	return {
		record,
		path: record.path,
		status: record.status,
		auth: record.auth,
		params: body,
		restMethod: record.restMethod?.toLowerCase(),
		batchCommands: record.batchCommands,
		webhookCode: webhook?.[2],
		accessToken: bearer?.[1] ?? body.auth ?? body.access_token,
	};
}

function summarize(requests, code) {
	if (!requests.length) return 'none';
	return requests
		.map(
			(r) =>
				`${r.record.httpMethod} ${code ? r.path.replace(code, '<code>') : r.path} -> ${r.status}`,
		)
		.join('; ');
}

async function rest(url, params, headers = {}) {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: JSON.stringify(params ?? {}),
	});
	const text = await response.text();
	try {
		return { status: response.status, body: JSON.parse(text) };
	} catch {
		return { status: response.status, body: text };
	}
}

function mentions(value, text) {
	return JSON.stringify(value ?? {}).includes(text);
}

// ---------------------------------------------------------------- the checks

async function main(portal) {
	fs.mkdirSync(path.join(WORK, 'fixtures'), { recursive: true });
	const code = portal.webhook.code;
	const webhookCall = (method, params) => rest(`${portal.webhookUrl}${method}`, params);
	const oauthCall = (endpoint, token, method) =>
		rest(`${endpoint}${method}`, {}, { authorization: `Bearer ${token}` });

	// n8n resolves a community package's peer n8n-workflow from its own install; a second
	// copy would break `instanceof` between the package's errors and n8n's.
	const resolved = fs.realpathSync(require.resolve('n8n-workflow', { paths: [PACKAGE_DIR] }));
	const own = fs.realpathSync(path.join(path.dirname(N8N_BIN), '..', '..', 'n8n-workflow'));
	check(
		"the package resolves n8n-workflow to n8n's own copy",
		resolved.startsWith(own + path.sep),
		resolved,
	);

	// Fixtures: an existing deal to read, a fresh title to create, an already-expired token.
	const listed = await webhookCall('crm.deal.list', { select: ['ID', 'TITLE'] });
	const existing = Array.isArray(listed.body?.result) ? listed.body.result[0] : undefined;
	if (!existing)
		throw new Error(
			`the portal has no deal to read: crm.deal.list -> ${JSON.stringify(listed.body)}`,
		);
	const title = `n8n e2e deal ${Date.now()}`;
	const tokens = portal.oauth.issueTokens({ expired: true });
	const vars = {
		...fixtures.portalVars({
			url: portal.url,
			webhookUrl: portal.webhookUrl,
			clientId: portal.oauth.clientId,
			clientSecret: portal.oauth.clientSecret,
			tokenUrl: portal.oauth.tokenUrl,
			authorizeUrl: portal.oauth.authorizeUrl,
		}),
		DEAL_ID: existing.ID,
		DEAL_TITLE: title,
		OAUTH_TOKEN_DATA: tokens,
	};

	const stale = await oauthCall(tokens.client_endpoint, tokens.access_token, 'server.time');
	check(
		'the portal rejects the seeded OAuth2 access token as expired (401 expired_token)',
		stale.status === 401 && mentions(stale.body, 'expired_token'),
		`server.time with it -> ${stale.status} ${JSON.stringify(stale.body)}`,
	);

	const credentialsFile = path.join(WORK, 'fixtures', 'credentials.json');
	fixtures.writeJson(credentialsFile, [
		fixtures.credential('webhook', vars),
		fixtures.credential('oauth2', vars),
	]);
	const tests = fixtures.workflows('test', vars);
	const examples = fixtures.workflows('example', vars);
	const workflowDir = path.join(WORK, 'fixtures', 'workflows');
	fixtures.writeWorkflows(workflowDir, [...Object.values(tests), ...Object.values(examples)]);
	const workflowCount = Object.keys(tests).length + Object.keys(examples).length;

	const credentialImport = await n8n('import-credentials', [
		'import:credentials',
		`--input=${credentialsFile}`,
	]);
	const workflowImport = await n8n('import-workflows', [
		'import:workflow',
		'--separate',
		`--input=${workflowDir}`,
	]);
	const imported = check(
		'n8n imports the credentials and workflows',
		credentialImport.ok &&
			workflowImport.ok &&
			/imported 2 credentials/i.test(credentialImport.output) &&
			new RegExp(`imported ${workflowCount} workflows`, 'i').test(workflowImport.output),
		tail(`${credentialImport.output}\n${workflowImport.output}`),
	);
	if (!imported) return;

	const outputs = [];
	async function execute(label, workflow, description) {
		const before = portal.requests.length;
		const result = await n8n(label, ['execute', `--id=${workflow.id}`, '--rawOutput']);
		const received = portal.requests.slice(before).map(describe);
		const parsed = result.ok ? parseExecution(result.output) : undefined;
		const execution = parsed?.finished === true && parsed.status === 'success' ? parsed : undefined;
		const unknown = /Unrecognized node type|is not known/i.test(result.output)
			? 'n8n did not load the package: check the "n8n" section of package.json and the files it lists\n'
			: '';
		const how = result.signal ? `killed by ${result.signal}` : `exit ${result.code}`;
		check(
			description,
			execution !== undefined,
			`${unknown}${how}; log ${result.logFile}\n${failureText(result.output)}`,
		);
		outputs.push({ ...result, execution });
		return { ...result, received, execution };
	}
	const nodeName = (workflow) => workflow.nodes[1].name;

	// (a) The Bitrix24 node with the webhook credential creates a deal the portal stores.
	{
		const wf = tests.webhookCreateDeal;
		const run = await execute(
			'execute-webhook-create',
			wf,
			'webhook: n8n runs the Create deal workflow',
		);
		const adds = run.received.filter(
			(r) => r.restMethod === 'crm.deal.add' && mentions(r.params, title),
		);
		check(
			'webhook: the portal received crm.deal.add with the title, on the webhook URL',
			adds.length === 1 && adds[0].webhookCode === code && adds[0].status === 200,
			`requests during the run: ${summarize(run.received, code)}`,
		);
		const item = nodeItems(run.execution, nodeName(wf))[0] ?? {};
		const id = item.ID ?? item.id;
		const stored = id === undefined ? undefined : await webhookCall('crm.deal.get', { id });
		check(
			'webhook: the deal id n8n output is on the portal, with that title',
			stored?.status === 200 && stored.body?.result?.TITLE === title,
			`n8n output ${JSON.stringify(item)}; crm.deal.get -> ${JSON.stringify(stored?.body)}`,
		);
	}

	// (a2) Version 2 of the node (what new nodes get): Create answers the created record, read
	// back in the same batch request as the crm.deal.add. Version 1 ran just above.
	{
		const wf = tests.webhookCreateDealV2;
		const run = await execute(
			'execute-webhook-create-v2',
			wf,
			'version 2: n8n runs the Create deal workflow of node version 2',
		);
		const batches = run.received.filter((r) => r.restMethod === 'batch');
		const commands = batches.flatMap((r) => r.batchCommands ?? []);
		check(
			'version 2: crm.deal.add and its read-back crm.deal.get went in one batch request',
			run.received.filter((r) => r.path?.startsWith('/rest/')).length === 1 &&
				commands.some((c) => c.startsWith('crm.deal.add')) &&
				commands.some((c) => c.startsWith('crm.deal.get')),
			`requests during the run: ${summarize(run.received, code)}`,
		);
		const item = nodeItems(run.execution, nodeName(wf))[0] ?? {};
		check(
			'version 2: the output is the created deal, with its title and amount',
			item.TITLE === `${title} (v2)` && Number(item.OPPORTUNITY) === 99 && /^\d+$/.test(item.ID),
			`n8n output ${JSON.stringify(item)}`,
		);
	}

	// (b) An OAuth2 credential whose access token has expired: n8n itself refreshes it once
	// and stores the rotated refresh token.
	{
		const wf = tests.oauth2GetDeal;
		const refreshesBefore = portal.oauth.tokens.refreshCount;
		const run = await execute(
			'execute-oauth2-get',
			wf,
			'OAuth2: n8n runs the Get deal workflow with an expired access token',
		);
		const items = nodeItems(run.execution, nodeName(wf));
		check(
			'OAuth2: the workflow outputs the requested deal',
			items.length === 1 &&
				String(items[0].ID) === String(existing.ID) &&
				items[0].TITLE === existing.TITLE,
			JSON.stringify(items).slice(0, 500),
		);
		const refreshes = run.received.filter((r) => r.auth === 'token-endpoint');
		const refresh = refreshes[0];
		check(
			"OAuth2: the portal's token endpoint saw exactly one refresh, with the seeded refresh token and the app's client id/secret",
			portal.oauth.tokens.refreshCount === refreshesBefore + 1 &&
				refreshes.length === 1 &&
				refresh.status === 200 &&
				refresh.params.grant_type === 'refresh_token' &&
				refresh.params.refresh_token === tokens.refresh_token &&
				refresh.params.client_id === portal.oauth.clientId &&
				refresh.params.client_secret === portal.oauth.clientSecret,
			`refreshCount ${refreshesBefore} -> ${portal.oauth.tokens.refreshCount}; token endpoint requests: ${JSON.stringify(
				refreshes.map((r) => ({
					status: r.status,
					grant_type: r.params.grant_type,
					seeded: r.params.refresh_token === tokens.refresh_token,
				})),
			)}`,
		);
		const at = run.received.indexOf(refresh);
		const first = run.received.find((r) => r.auth !== 'token-endpoint');
		const after = run.received.slice(at + 1);
		check(
			'OAuth2: the call with the expired token got 401, then went again with the new token after the refresh',
			first !== undefined &&
				first.accessToken === tokens.access_token &&
				first.status === 401 &&
				run.received.indexOf(first) < at &&
				after.length > 0 &&
				after.every(
					(r) => r.status === 200 && r.accessToken === portal.oauth.tokens.lastIssued?.access_token,
				),
			`requests during the run: ${summarize(run.received, code)}`,
		);

		const exportFile = path.join(WORK, 'oauth2-credential.json');
		const exported = await n8n('export-oauth2-credential', [
			'export:credentials',
			'--decrypted',
			`--id=${fixtures.SPEC.credentials.oauth2.id}`,
			`--output=${exportFile}`,
		]);
		let stored;
		try {
			stored = JSON.parse(fs.readFileSync(exportFile, 'utf8'))[0]?.data?.oauthTokenData;
		} catch {
			stored = undefined;
		}
		const issued = portal.oauth.tokens.lastIssued;
		const which = (t) =>
			t === tokens.refresh_token
				? 'the seeded one'
				: t === issued?.refresh_token
					? 'the new one'
					: 'another';
		check(
			'OAuth2: the credential n8n stored afterwards holds the NEW refresh token and access token',
			exported.ok &&
				issued !== undefined &&
				issued.refresh_token !== tokens.refresh_token &&
				stored?.refresh_token === issued.refresh_token &&
				stored?.access_token === issued.access_token,
			stored
				? `stored refresh token: ${which(stored.refresh_token)}`
				: `nothing exported: ${tail(exported.output, 10)}`,
		);
	}

	// (c) n8n's own HTTP Request node with the webhook credential as a predefined credential.
	{
		const wf = tests.httpRequestListDeals;
		const run = await execute(
			'execute-http-request',
			wf,
			'HTTP Request: n8n runs crm.deal.list with the Bitrix24 webhook credential',
		);
		const items = nodeItems(run.execution, nodeName(wf));
		check(
			"HTTP Request: the output holds the portal's deals",
			items.length === 1 &&
				Array.isArray(items[0].result) &&
				items[0].result.some((d) => d.ID === existing.ID),
			JSON.stringify(items).slice(0, 500),
		);
		const lists = run.received.filter((r) => r.restMethod === 'crm.deal.list');
		check(
			'HTTP Request: the portal received crm.deal.list on the webhook URL (the credential put the secret in)',
			lists.length === 1 && lists[0].webhookCode === code && lists[0].status === 200,
			`requests during the run: ${summarize(run.received, code)}`,
		);
	}

	// (d) The example workflow that `npm start` imports.
	{
		const wf = examples.deals;
		const run = await execute(
			'execute-example',
			wf,
			'example: n8n runs the workflow npm start imports',
		);
		const empty = wf.nodes
			.slice(1)
			.filter((node) => nodeItems(run.execution, node.name).length === 0);
		check(
			'example: every node of it outputs items',
			run.execution && empty.length === 0,
			`no items from: ${empty.map((n) => n.name).join(', ')}`,
		);
	}

	const leaks = outputs.filter(
		(run) => run.execution && JSON.stringify(run.execution).includes(code),
	);
	check(
		'no execution output contains the webhook secret',
		leaks.length === 0,
		leaks.map((run) => run.logFile).join(', '),
	);

	// (e) The polling triggers, activated in a running n8n (triggers.js).
	const triggers = { portal, n8n, check, tail, fixtures, WORK, N8N_NODE, N8N_BIN };
	await require('./triggers').checkTriggers(triggers);
}

async function run() {
	let portal;
	const stop = async () => {
		for (const child of children) child.kill('SIGTERM');
		if (portal) await portal.close().catch(() => undefined);
	};
	for (const signal of ['SIGINT', 'SIGTERM']) {
		process.on(signal, () => {
			void stop().then(() => process.exit(130));
		});
	}
	try {
		const { startPortal } = require(PORTAL_MODULE);
		portal = await startPortal({ host: '127.0.0.1', port: 0, demo: { deals: 20 } });
		console.log(`      portal at ${portal.url}`);
		await main(portal);
	} catch (error) {
		check('the run completed', false, error?.stack ?? error);
	}
	await stop();
	if (anyFailed()) console.log(`\nLogs and fixtures: ${WORK}`);
	process.exit(summary());
}

void run();
