'use strict';
// Runs the package inside a real n8n and checks the results against the test portal.
// Started by run-test.sh, which installs n8n, prepares the user folder and copies the
// package in; this script starts the portal, imports credentials and workflows, runs each
// workflow with `n8n execute`, and checks what the PORTAL received (not only what n8n
// printed). Ends with the line `N passed, N failed`.
//
// Needs from the environment: N8N_NODE, N8N_BIN, N8N_USER_FOLDER, N8N_TEST_WORK,
// PACKAGE_DIR (all set by run-test.sh). N8N_TEST_PORTAL_JS overrides the portal to start.

const { spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');

const fixtures = require('./fixtures');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const WORK = required('N8N_TEST_WORK');
const N8N_NODE = required('N8N_NODE');
const N8N_BIN = required('N8N_BIN');
const PACKAGE_DIR = required('PACKAGE_DIR');
const PORTAL_JS = process.env.N8N_TEST_PORTAL_JS || path.join(REPO_ROOT, '.build', 'test', 'portal', 'cli.js');
const COMMAND_TIMEOUT_MS = 120_000;

function required(name) {
	const value = process.env[name];
	if (!value) {
		console.error(`check.js: ${name} is not set (run it through test/n8n/run-test.sh)`);
		process.exit(2);
	}
	return value;
}

// ---------------------------------------------------------------- results

const results = [];

function check(name, ok, detail) {
	results.push({ name, ok: Boolean(ok) });
	console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}${!ok && detail ? `\n      ${String(detail).split('\n').join('\n      ')}` : ''}`);
	return Boolean(ok);
}

function finish(extraFailure) {
	if (extraFailure) check(extraFailure.name, false, extraFailure.detail);
	const passed = results.filter((r) => r.ok).length;
	const failed = results.length - passed;
	if (failed) console.log(`\nLogs and fixtures kept in ${WORK}`);
	console.log(`${passed} passed, ${failed} failed`);
	return failed === 0 && passed > 0 ? 0 : 1;
}

// ---------------------------------------------------------------- child processes

const children = new Set();

function track(child) {
	children.add(child);
	fs.appendFileSync(path.join(WORK, 'pids'), `${child.pid}\n`);
	child.on('exit', () => children.delete(child));
	return child;
}

function killChildren() {
	for (const child of children) child.kill('SIGTERM');
}

for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => {
		killChildren();
		process.exit(130);
	});
}

function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** Starts the portal and resolves with the JSON line it announces itself with. */
async function startPortal() {
	const port = await freePort();
	const log = fs.openSync(path.join(WORK, 'portal.stderr.log'), 'w');
	const child = track(
		spawn(process.execPath, [PORTAL_JS], {
			cwd: REPO_ROOT,
			env: { ...process.env, PORTAL_PORT: String(port), PORTAL_HOST: '127.0.0.1' },
			stdio: ['ignore', 'pipe', log],
		}),
	);
	return await new Promise((resolve, reject) => {
		let buffer = '';
		const timer = setTimeout(() => reject(new Error('the portal did not announce itself within 20 s')), 20_000);
		child.on('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`the portal exited (code ${code}) before announcing itself; see portal.stderr.log`));
		});
		child.stdout.on('data', (chunk) => {
			buffer += chunk;
			const newline = buffer.indexOf('\n');
			if (newline < 0) return;
			clearTimeout(timer);
			child.removeAllListeners('exit');
			child.stdout.removeAllListeners('data');
			child.stdout.resume();
			try {
				resolve(JSON.parse(buffer.slice(0, newline)));
			} catch {
				reject(new Error(`the portal's first line is not JSON: ${buffer.slice(0, newline)}`));
			}
		});
	});
}

/**
 * Runs one n8n CLI command on Node 24; resolves with its exit code and output. Log level
 * info, because that is the level at which n8n's commands print what they did and
 * `execute` prints the run.
 */
function n8n(label, args) {
	const logFile = path.join(WORK, 'logs', `${label}.log`);
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	const started = Date.now();
	const child = track(
		spawn(N8N_NODE, [N8N_BIN, ...args], {
			cwd: WORK,
			env: { ...process.env, N8N_LOG_LEVEL: 'info', PATH: `${path.dirname(N8N_NODE)}${path.delimiter}${process.env.PATH}` },
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
		child.on('close', (code) => {
			clearTimeout(timer);
			fs.writeFileSync(logFile, output);
			const seconds = ((Date.now() - started) / 1000).toFixed(1);
			console.log(`      n8n ${args[0]} ${args.slice(1).join(' ')} -> exit ${code} in ${seconds} s`);
			resolve({ code, output, logFile });
		});
	});
}

function tail(text, lines = 25) {
	return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** `n8n execute --rawOutput` prints the run as pretty JSON between log lines. */
function parseExecution(output) {
	const lines = output.split('\n');
	const start = lines.indexOf('{');
	if (start < 0) return undefined;
	const end = lines.indexOf('}', start);
	if (end < 0) return undefined;
	try {
		return JSON.parse(lines.slice(start, end + 1).join('\n'));
	} catch {
		return undefined;
	}
}

function nodeItems(run, nodeName) {
	const runData = run?.data?.resultData?.runData?.[nodeName];
	return (runData?.[0]?.data?.main?.[0] ?? []).map((item) => item.json);
}

// ---------------------------------------------------------------- the portal

class Portal {
	constructor(info) {
		this.info = info;
		const match = /\/rest\/(\d+)\/([^/]+)\/?$/.exec(new URL(info.webhookUrl).pathname);
		this.webhookCode = match ? match[2] : '';
		this.tokenPath = new URL(info.tokenUrl).pathname;
	}

	async json(method, url, init = {}) {
		const response = await fetch(url, { method, ...init });
		const text = await response.text();
		let body;
		try {
			body = JSON.parse(text);
		} catch {
			body = text;
		}
		return { status: response.status, body };
	}

	/** Everything the portal received so far, oldest first. */
	async requests() {
		const { status, body } = await this.json('GET', `${this.info.url}/_test/requests`);
		if (status !== 200) throw new Error(`GET /_test/requests answered ${status}`);
		const list = Array.isArray(body) ? body : body.requests;
		if (!Array.isArray(list)) throw new Error('GET /_test/requests did not return a list');
		return list.map(describeRequest).filter((r) => !r.path.includes('/_test/'));
	}

	async issueExpiredToken() {
		const { status, body } = await this.json('POST', `${this.info.url}/_test/issue-token?expired=1`);
		if (status !== 200 || !body.access_token || !body.refresh_token) {
			throw new Error(`POST /_test/issue-token?expired=1 answered ${status}: ${JSON.stringify(body)}`);
		}
		return body;
	}

	/** Calls the portal's REST API through the webhook, as a client of our own would. */
	async webhookCall(method, params) {
		const base = this.info.webhookUrl.replace(/\/?$/, '/');
		return await this.json('POST', `${base}${method}`, {
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(params ?? {}),
		});
	}

	async oauthCall(clientEndpoint, accessToken, method) {
		return await this.json('POST', `${clientEndpoint.replace(/\/?$/, '/')}${method}`, {
			headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
			body: '{}',
		});
	}
}

/** Adds what the checks ask of each recorded request: which REST method, which auth. */
function describeRequest(raw) {
	const pathname = String(raw.path ?? raw.url ?? '').split('?')[0];
	const query = raw.query ?? {};
	const body = raw.body && typeof raw.body === 'object' ? raw.body : {};
	const headers = Object.fromEntries(Object.entries(raw.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
	const webhook = /^(?:.*)\/rest\/(\d+)\/([^/]+)\/([^/]+?)(?:\.json)?$/.exec(pathname);
	const plain = /^(?:.*)\/rest\/([^/]+?)(?:\.json)?$/.exec(pathname);
	const bearer = /^Bearer\s+(.+)$/i.exec(String(headers.authorization ?? ''));
	return {
		raw,
		path: pathname,
		status: Number(raw.status ?? raw.statusCode),
		query,
		body,
		params: { ...query, ...body },
		webhookCode: webhook ? webhook[2] : undefined,
		restMethod: (webhook ? webhook[3] : plain ? plain[1] : '').toLowerCase() || undefined,
		accessToken: bearer?.[1] ?? query.auth ?? body.auth ?? query.access_token ?? body.access_token,
		response: raw.response ?? raw.responseBody,
	};
}

function mentions(value, text) {
	return JSON.stringify(value ?? {}).includes(text);
}

// ---------------------------------------------------------------- the run

async function runWorkflow(portal, label, workflow) {
	const before = (await portal.requests()).length;
	const result = await n8n(label, ['execute', `--id=${workflow.id}`, '--rawOutput']);
	const received = (await portal.requests()).slice(before);
	const execution = result.code === 0 ? parseExecution(result.output) : undefined;
	return { ...result, received, execution };
}

function executed(name, run) {
	const ok = run.code === 0 && run.execution !== undefined;
	const hint = /Unrecognized node type|is not known/i.test(run.output)
		? 'n8n did not load the package: check the n8n section of package.json and the files it lists\n'
		: '';
	return check(name, ok, `${hint}exit ${run.code}; ${run.logFile}:\n${tail(run.output)}`);
}

async function main() {
	fs.mkdirSync(path.join(WORK, 'fixtures'), { recursive: true });

	// n8n resolves a community package's peer n8n-workflow from its own install; a second
	// copy would break `instanceof` between the package's errors and n8n's.
	const resolved = fs.realpathSync(require.resolve('n8n-workflow', { paths: [PACKAGE_DIR] }));
	const own = fs.realpathSync(path.join(path.dirname(N8N_BIN), '..', '..', 'n8n-workflow'));
	check('the package resolves n8n-workflow to n8n\'s own copy', resolved.startsWith(own + path.sep), resolved);

	const info = await startPortal();
	const portal = new Portal(info);
	console.log(`      portal at ${info.url}`);

	// Fixtures: an existing deal to read, a fresh title to create, an already-expired token.
	const listed = await portal.webhookCall('crm.deal.list', { select: ['ID', 'TITLE'] });
	const existingDeal = Array.isArray(listed.body?.result) ? listed.body.result[0] : undefined;
	if (!existingDeal) throw new Error(`the portal has no deal to read: crm.deal.list -> ${JSON.stringify(listed.body)}`);
	const title = `n8n e2e deal ${Date.now()}`;
	const vars = { PORTAL_URL: info.url, DEAL_ID: existingDeal.ID, DEAL_TITLE: title };

	const token = await portal.issueExpiredToken();
	const stale = await portal.oauthCall(token.client_endpoint, token.access_token, 'server.time');
	check(
		'the portal rejects the seeded OAuth2 access token as expired (HTTP 401 expired_token)',
		stale.status === 401 && mentions(stale.body, 'expired_token'),
		`server.time with it -> ${stale.status} ${JSON.stringify(stale.body)}`,
	);

	const credentialsFile = path.join(WORK, 'fixtures', 'credentials.json');
	fixtures.writeJson(credentialsFile, [fixtures.webhookCredential(info), fixtures.oauth2Credential(info, token)]);
	const workflows = fixtures.testWorkflows(vars);
	const workflowDir = path.join(WORK, 'fixtures', 'workflows');
	fixtures.writeWorkflows(workflowDir, Object.values(workflows));

	const importedCredentials = await n8n('import-credentials', ['import:credentials', `--input=${credentialsFile}`]);
	const importedWorkflows = await n8n('import-workflows', ['import:workflow', '--separate', `--input=${workflowDir}`]);
	const imported = check(
		'n8n imports the credentials and workflows',
		importedCredentials.code === 0 &&
			importedWorkflows.code === 0 &&
			/imported 2 credentials/i.test(importedCredentials.output) &&
			new RegExp(`imported ${Object.keys(workflows).length} workflows`, 'i').test(importedWorkflows.output),
		tail(importedCredentials.output + importedWorkflows.output),
	);
	if (!imported) return;

	const spec = fixtures.SPEC.test;
	const outputs = [];

	// (a) The node with the webhook credential creates a deal the portal really stores.
	{
		const run = await runWorkflow(portal, 'execute-webhook-create', workflows.webhookCreateDeal);
		outputs.push(run);
		executed('webhook: n8n runs the Create deal workflow', run);
		const adds = run.received.filter(
			(r) => r.webhookCode === portal.webhookCode && /^crm\.(deal|item)\.add$/.test(r.restMethod ?? '') && mentions(r.params, title),
		);
		check(
			'webhook: the portal received crm.deal.add with the title through the webhook URL',
			adds.length === 1 && adds[0].status === 200,
			`requests during the run: ${summarize(run.received)}`,
		);
		const item = nodeItems(run.execution, spec.webhookCreateDeal.node.name)[0] ?? {};
		const id = item.id ?? item.ID ?? item.result;
		const stored = id === undefined ? undefined : await portal.webhookCall('crm.deal.get', { id });
		check(
			'webhook: the deal id n8n output is stored on the portal with that title',
			stored?.status === 200 && stored.body?.result?.TITLE === title,
			`n8n output ${JSON.stringify(item)}; crm.deal.get -> ${JSON.stringify(stored?.body)}`,
		);
	}

	// (b) The OAuth2 credential's expired access token is refreshed by n8n itself, once.
	{
		const run = await runWorkflow(portal, 'execute-oauth2-get', workflows.oauth2GetDeal);
		outputs.push(run);
		executed('OAuth2: n8n runs the Get deal workflow with an expired access token', run);
		const items = nodeItems(run.execution, spec.oauth2GetDeal.node.name);
		check(
			'OAuth2: the workflow outputs the requested deal',
			items.length === 1 && String(items[0].ID ?? items[0].id) === String(existingDeal.ID),
			JSON.stringify(items).slice(0, 500),
		);
		const refreshes = run.received.filter((r) => r.path === portal.tokenPath);
		const refresh = refreshes[0];
		check(
			'OAuth2: the portal saw exactly one refresh (grant_type=refresh_token with the seeded refresh token and the app\'s client id/secret)',
			refreshes.length === 1 &&
				refresh.status === 200 &&
				refresh.params.grant_type === 'refresh_token' &&
				refresh.params.refresh_token === token.refresh_token &&
				refresh.params.client_id === info.clientId &&
				refresh.params.client_secret === info.clientSecret,
			`token endpoint requests: ${JSON.stringify(refreshes.map((r) => ({ status: r.status, params: r.params })))}`,
		);
		const rest = run.received.filter((r) => r.path !== portal.tokenPath);
		const refreshAt = run.received.indexOf(refresh);
		const rejected = rest[0];
		const retried = run.received.slice(refreshAt + 1).filter((r) => r.path !== portal.tokenPath && r.status === 200);
		check(
			'OAuth2: the call with the expired token got 401 and was retried after the refresh with a new token',
			rejected !== undefined &&
				rejected.accessToken === token.access_token &&
				rejected.status === 401 &&
				refreshAt > run.received.indexOf(rejected) &&
				retried.length > 0 &&
				retried.every((r) => r.accessToken && r.accessToken !== token.access_token),
			`requests during the run: ${summarize(run.received)}`,
		);

		const exported = await n8n('export-oauth2-credential', [
			'export:credentials',
			'--decrypted',
			`--id=${fixtures.SPEC.credentials.oauth2.id}`,
			`--output=${path.join(WORK, 'oauth2-credential.json')}`,
		]);
		let stored;
		try {
			stored = JSON.parse(fs.readFileSync(path.join(WORK, 'oauth2-credential.json'), 'utf8'))[0]?.data?.oauthTokenData;
		} catch {
			stored = undefined;
		}
		const issued = refresh?.response?.refresh_token;
		let works = false;
		if (stored?.access_token) {
			const probe = await portal.oauthCall(stored.client_endpoint ?? token.client_endpoint, stored.access_token, 'server.time');
			works = probe.status === 200;
		}
		check(
			'OAuth2: the credential n8n stored holds the new refresh token (and a working access token)',
			exported.code === 0 &&
				stored !== undefined &&
				stored.refresh_token !== token.refresh_token &&
				(issued === undefined || stored.refresh_token === issued) &&
				stored.access_token !== token.access_token &&
				works,
			`exit ${exported.code}; stored token data: ${stored ? JSON.stringify({ ...stored, access_token: '…', refresh_token: stored.refresh_token === token.refresh_token ? 'the OLD one' : stored.refresh_token === issued ? 'the new one' : 'another one' }) : 'none'}; new access token accepted: ${works}`,
		);
	}

	// (c) n8n's HTTP Request node uses the webhook credential as a predefined credential type.
	{
		const run = await runWorkflow(portal, 'execute-http-request', workflows.httpRequestListDeals);
		outputs.push(run);
		executed('HTTP Request: n8n runs crm.deal.list with the Bitrix24 webhook credential', run);
		const items = nodeItems(run.execution, spec.httpRequestListDeals.node.name);
		check(
			'HTTP Request: the output holds the portal\'s deals',
			items.length === 1 && Array.isArray(items[0].result) && items[0].result.length > 0,
			JSON.stringify(items).slice(0, 500),
		);
		const lists = run.received.filter((r) => r.restMethod === 'crm.deal.list');
		check(
			'HTTP Request: the portal received crm.deal.list on the webhook URL (the credential added the secret)',
			lists.length === 1 && lists[0].webhookCode === portal.webhookCode && lists[0].status === 200,
			`requests during the run: ${summarize(run.received)}`,
		);
	}

	const leaks = outputs.filter((run) => run.execution && JSON.stringify(run.execution).includes(portal.webhookCode));
	check(
		'no execution output contains the webhook secret',
		portal.webhookCode && leaks.length === 0,
		leaks.map((run) => run.logFile).join(', '),
	);
}

function summarize(requests) {
	if (!requests.length) return 'none';
	return requests
		.map((r) => `${r.raw.method ?? '?'} ${r.webhookCode ? r.path.replace(r.webhookCode, '<code>') : r.path} -> ${r.status}`)
		.join('; ');
}

main()
	.then(() => {
		killChildren();
		process.exit(finish());
	})
	.catch((error) => {
		killChildren();
		process.exit(finish({ name: 'the run completed', detail: error.stack ?? error }));
	});
