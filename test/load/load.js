'use strict';
// Many executions, one portal: a burst of concurrent production-webhook calls into a real n8n,
// each of which reads one deal and updates it, against the test portal with its real-time
// leaky bucket (2 requests/s, burst 50). Started by run.sh once per mode:
//
//   regular  one `n8n start` on its default SQLite database
//   queue    `n8n start` (main) + two `n8n worker --concurrency=10`, on the PostgreSQL and
//            Redis that run.sh started
//
// The portal runs in this process so the checks can read what it received and what it stores.
// Last line: `N passed, N failed`.
//
// Needs from the environment (run.sh sets them): LOAD_MODE, LOAD_WORK, LOAD_DEADLINE_MS (epoch
// ms by which everything must be over), N8N_NODE, N8N_BIN, N8N_USER_FOLDER, N8N_ENCRYPTION_KEY;
// for queue mode DB_POSTGRESDB_* and QUEUE_BULL_REDIS_*. Optional: LOAD_REQUESTS (100),
// LOAD_REQUEST_TIMEOUT_S (180), LOAD_WORKERS (2), LOAD_WORKER_CONCURRENCY (10).

const { spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');

const fixtures = require('../n8n/fixtures');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PORTAL_DIR = path.join(REPO_ROOT, '.build', 'test', 'portal');
const MODE = required('LOAD_MODE');
const WORK = required('LOAD_WORK');
const DEADLINE = Number(required('LOAD_DEADLINE_MS'));
const N8N_NODE = required('N8N_NODE');
const N8N_BIN = required('N8N_BIN');
required('N8N_USER_FOLDER');
required('N8N_ENCRYPTION_KEY');

const REQUESTS = Number(process.env.LOAD_REQUESTS || 100);
const REQUEST_TIMEOUT_MS = Number(process.env.LOAD_REQUEST_TIMEOUT_S || 180) * 1000;
const WORKERS = MODE === 'queue' ? Number(process.env.LOAD_WORKERS || 2) : 0;
const WORKER_CONCURRENCY = Number(process.env.LOAD_WORKER_CONCURRENCY || 10);
// "<burst>/<per second>", or "off" to check the suite itself against a portal without a limit.
const BUCKET = parseBucket(process.env.LOAD_PORTAL_BUCKET || '50/2');
const COMMAND_TIMEOUT_MS = 120_000;
const START_TIMEOUT_MS = 180_000;
const STOP_GRACE_MS = 20_000;
// As in test/n8n/check.js: a short-lived n8n CLI command sometimes dies with SIGSEGV after it
// finished its work (isolated-vm's teardown race). Its work is checked instead.
const EXIT_CRASH = 'SIGSEGV';
const DEAL_ENTITY_TYPE = 2;
// Deals 101..(100 + LOAD_REQUESTS) of the demo seed (ids from 1): distinct, untouched by anything else.
const FIRST_DEAL = 101;
const WEBHOOK_PATH = 'load';

const WORKFLOW_ID = 'b24LoadWorkflow1';
// Regular mode also activates a Bitrix24 Poll Trigger (no public URL): every minute (n8n's
// shortest), new deals -> Deal > Update that marks the deal, so the portal shows what it emitted.
const POLL_WORKFLOW_ID = 'b24PollWorkflow01';
const POLL_MARKER = 'seen by the n8n poll trigger';
const WITH_POLL = MODE === 'regular';
const NODES = { webhook: 'Webhook', get: 'Get deal', update: 'Update deal' };

if (!['regular', 'queue'].includes(MODE)) {
	console.error(`load.js: LOAD_MODE must be regular or queue, not "${MODE}"`);
	process.exit(2);
}

function parseBucket(text) {
	if (text === 'off') return false;
	const match = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(text);
	if (!match) {
		console.error(
			`load.js: LOAD_PORTAL_BUCKET must be "<burst>/<per second>" or "off", not "${text}"`,
		);
		process.exit(2);
	}
	return { capacity: Number(match[1]), drainPerSecond: Number(match[2]) };
}

function bucketText() {
	return BUCKET
		? `burst ${BUCKET.capacity}, ${BUCKET.drainPerSecond} requests/s, real time`
		: 'off';
}

function required(name) {
	const value = process.env[name];
	if (!value) {
		console.error(`load.js: ${name} is not set (run it through test/load/run.sh)`);
		process.exit(2);
	}
	return value;
}

// ---------------------------------------------------------------- results

const results = [];

function check(name, ok, detail) {
	results.push({ name, ok: Boolean(ok) });
	const why = !ok && detail ? `\n      ${String(detail).split('\n').join('\n      ')}` : '';
	console.log(`${ok ? 'PASS' : 'FAIL'}  [${MODE}] ${name}${why}`);
	return Boolean(ok);
}

function info(text) {
	console.log(`      ${text}`);
}

function summary() {
	const passed = results.filter((r) => r.ok).length;
	const failed = results.length - passed;
	console.log(`${passed} passed, ${failed} failed`);
	return failed === 0 && passed > 0 ? 0 : 1;
}

class Abort extends Error {}

function remaining() {
	return DEADLINE - Date.now();
}

/** The smaller of `ms` and the time left before the suite's deadline. */
function bounded(ms) {
	return Math.max(0, Math.min(ms, remaining()));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------- processes

const children = new Set();

function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

function n8nEnv(extra) {
	return {
		...process.env,
		N8N_LOG_LEVEL: 'info',
		PATH: `${path.dirname(N8N_NODE)}${path.delimiter}${process.env.PATH}`,
		...extra,
	};
}

/** Spawns n8n on Node 24 with its output in logs/<label>.log; the pid goes to <work>/pids. */
function spawnN8n(label, args, env) {
	const logFile = path.join(WORK, 'logs', `${label}.log`);
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	const log = fs.openSync(logFile, 'w');
	const child = spawn(N8N_NODE, [N8N_BIN, ...args], {
		cwd: WORK,
		env: n8nEnv(env),
		stdio: ['ignore', log, log],
	});
	fs.closeSync(log);
	children.add(child);
	fs.appendFileSync(path.join(WORK, 'pids'), `${child.pid}\n`);
	child.label = label;
	child.logFile = logFile;
	child.exited = new Promise((resolve) =>
		child.on('exit', (code, signal) => {
			children.delete(child);
			child.exitCode_ = code;
			child.signal_ = signal;
			resolve({ code, signal });
		}),
	);
	return child;
}

function readLog(child) {
	try {
		return fs.readFileSync(child.logFile, 'utf8');
	} catch {
		return '';
	}
}

function tail(text, lines = 25) {
	return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** A short n8n command (import, publish): resolves with its outcome once it exits. */
async function n8nCommand(label, args, env) {
	const started = Date.now();
	const child = spawnN8n(label, args, env);
	const timeout = bounded(COMMAND_TIMEOUT_MS);
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		child.kill('SIGTERM');
		setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
	}, timeout);
	const { code, signal } = await child.exited;
	clearTimeout(timer);
	const output = readLog(child);
	const how = timedOut
		? `stopped after ${Math.round(timeout / 1000)} s`
		: signal
			? `killed by ${signal}`
			: `exit ${code}`;
	info(
		`n8n ${args.join(' ').replaceAll(WORK, '<work>')} -> ${how} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
	);
	return { ok: !timedOut && (code === 0 || signal === EXIT_CRASH), output, logFile: child.logFile };
}

async function stopAll() {
	const running = [...children];
	for (const child of running) child.kill('SIGTERM');
	await Promise.race([Promise.all(running.map((c) => c.exited)), sleep(STOP_GRACE_MS)]);
	for (const child of [...children]) child.kill('SIGKILL');
	await Promise.race([Promise.all(running.map((c) => c.exited)), sleep(5_000)]);
}

/** Polls `probe` every 500 ms until it returns true; fails when `child` exits or time is up. */
async function waitFor(what, child, probe, timeoutMs) {
	const limit = bounded(timeoutMs);
	const until = Date.now() + limit;
	while (Date.now() < until) {
		if (!children.has(child)) {
			throw new Abort(
				`${what}: ${child.label} exited (${child.signal_ ?? `code ${child.exitCode_}`}) before it was ready; log ${child.logFile}\n${tail(readLog(child))}`,
			);
		}
		if (await probe().catch(() => false)) return;
		await sleep(500);
	}
	const why = limit < timeoutMs ? ' (the suite deadline)' : '';
	throw new Abort(
		`${what}: not ready after ${Math.round(limit / 1000)} s${why}; log ${child.logFile}\n${tail(readLog(child))}`,
	);
}

async function get(url) {
	const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
	return { status: response.status, text: await response.text() };
}

// ---------------------------------------------------------------- fixtures

function workflow() {
	const bitrix24 = { type: 'n8n-nodes-bitrix24.bitrix24', typeVersion: 1 };
	const cred = fixtures.SPEC.credentials.webhook;
	const credentials = { [cred.type]: { id: cred.id, name: cred.name } };
	return {
		id: WORKFLOW_ID,
		name: 'Load: webhook -> get deal -> update deal',
		active: false,
		nodes: [
			{
				id: 'load-webhook',
				name: NODES.webhook,
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2.1,
				position: [0, 0],
				webhookId: '5b0c6a52-3d1e-4f0a-9a63-0c2b8a1f4d17',
				parameters: {
					httpMethod: 'POST',
					path: WEBHOOK_PATH,
					responseMode: 'lastNode',
					options: {},
				},
			},
			{
				id: 'load-get',
				name: NODES.get,
				...bitrix24,
				position: [240, 0],
				parameters: {
					authentication: 'bitrix24WebhookApi',
					resource: 'deal',
					operation: 'get',
					recordId: { __rl: true, mode: 'id', value: '={{ $json.body.dealId }}' },
				},
				credentials,
			},
			{
				id: 'load-update',
				name: NODES.update,
				...bitrix24,
				position: [480, 0],
				parameters: {
					authentication: 'bitrix24WebhookApi',
					resource: 'deal',
					operation: 'update',
					// The id the Get node output: the chain, not the webhook, names the deal.
					recordId: { __rl: true, mode: 'id', value: '={{ $json.ID }}' },
					updateFields: { comments: `={{ $('${NODES.webhook}').item.json.body.marker }}` },
				},
				credentials,
			},
		],
		connections: {
			[NODES.webhook]: { main: [[{ node: NODES.get, type: 'main', index: 0 }]] },
			[NODES.get]: { main: [[{ node: NODES.update, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

function pollWorkflow() {
	const cred = fixtures.SPEC.credentials.webhook;
	const credentials = { [cred.type]: { id: cred.id, name: cred.name } };
	return {
		id: POLL_WORKFLOW_ID,
		name: 'Poll: new deals -> mark the deal',
		active: false,
		nodes: [
			{
				id: 'poll-trigger',
				name: 'New deals',
				type: 'n8n-nodes-bitrix24.bitrix24PollTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					authentication: 'bitrix24WebhookApi',
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					record: 'deal',
					event: 'new',
				},
				credentials,
			},
			{
				id: 'poll-mark',
				name: 'Mark the deal',
				type: 'n8n-nodes-bitrix24.bitrix24',
				typeVersion: 1,
				position: [240, 0],
				parameters: {
					authentication: 'bitrix24WebhookApi',
					resource: 'deal',
					operation: 'update',
					recordId: { __rl: true, mode: 'id', value: '={{ $json.ID }}' },
					updateFields: { comments: POLL_MARKER },
				},
				credentials,
			},
		],
		connections: { 'New deals': { main: [[{ node: 'Mark the deal', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/** n8n polls once when it activates a poll trigger: that poll only notes where the portal stands. */
async function waitForFirstPoll(portal) {
	const polled = () => portal.requests.some((r) => r.restMethod === 'crm.deal.list');
	const until = Date.now() + bounded(30_000);
	while (!polled() && Date.now() < until) await sleep(250);
	return check('the activated poll trigger polls the portal once at activation', polled());
}

/**
 * The poll trigger inside the running n8n: a deal created at the portal after the first poll is
 * emitted at the next one (and marked by the workflow), and no older deal is emitted.
 */
async function pollCheck(portal, parsePhpQuery) {
	const answer = await fetch(`${portal.webhookUrl}crm.deal.add`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ fields: { TITLE: 'Created for the poll trigger' } }),
	}).then((r) => r.json());
	const id = String(answer.result);
	const marked = () => portal.store.get(DEAL_ENTITY_TYPE, Number(id))?.COMMENTS === POLL_MARKER;
	// the next poll comes within a minute
	const deadline = Date.now() + bounded(75_000);
	while (!marked() && Date.now() < deadline) await sleep(500);
	check(`a deal created at the portal (${id}) starts the poll workflow at the next poll`, marked());
	await sleep(2_000);
	const marks = dealUpdates(portal.requests, parsePhpQuery).accepted.filter(
		(u) => u.comments === POLL_MARKER,
	);
	check(
		'the poll trigger emitted exactly that deal, once, and none of the deals that existed before',
		marks.length === 1 && marks[0].id === id,
		`updates with the marker: ${JSON.stringify(marks)}`,
	);
}

// ---------------------------------------------------------------- the portal's side

/** Method and params of a batch command string ("crm.deal.update?id=1&fields[COMMENTS]=x"). */
function parseCommand(command, parsePhpQuery) {
	const at = command.indexOf('?');
	const method = (at < 0 ? command : command.slice(0, at)).replace(/\.json$/i, '').toLowerCase();
	return { method, params: at < 0 ? {} : parsePhpQuery(command.slice(at + 1)) };
}

/**
 * Every crm.deal.update the portal accepted: plain calls answered 200 and commands of batches
 * answered 200 (the first 50; the portal refuses the rest of a longer batch), with the deal id
 * and COMMENTS each carried. Rejected calls (QUERY_LIMIT_EXCEEDED ...) changed nothing and are
 * counted apart.
 */
function dealUpdates(requests, parsePhpQuery) {
	const accepted = [];
	let rejected = 0;
	let inBatches = 0;
	for (const r of requests) {
		if (r.restMethod === 'crm.deal.update') {
			const params = r.body && typeof r.body === 'object' ? r.body : {};
			if (r.status === 200)
				accepted.push({ id: String(params.id ?? params.ID), comments: params.fields?.COMMENTS });
			else rejected++;
		} else if (r.restMethod === 'batch') {
			(r.batchCommands ?? []).forEach((command, index) => {
				const { method, params } = parseCommand(command, parsePhpQuery);
				if (method !== 'crm.deal.update') return;
				if (r.status === 200 && index < 50) {
					inBatches++;
					accepted.push({ id: String(params.id ?? params.ID), comments: params.fields?.COMMENTS });
				} else rejected++;
			});
		}
	}
	return { accepted, rejected, inBatches };
}

function countBy(list, key) {
	const counts = new Map();
	for (const item of list) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
	return counts;
}

function show(counts) {
	return [...counts.entries()].map(([k, n]) => `${k}: ${n}`).join(', ') || 'none';
}

// ---------------------------------------------------------------- the burst

async function fire(url, body) {
	const started = Date.now();
	try {
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(bounded(REQUEST_TIMEOUT_MS)),
		});
		const text = await response.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { ...body, status: response.status, text, json, ms: Date.now() - started };
	} catch (error) {
		const reason =
			error?.name === 'TimeoutError'
				? `no answer within ${Math.round(REQUEST_TIMEOUT_MS / 1000)} s`
				: String(error?.cause?.code ?? error?.message ?? error);
		return { ...body, status: 0, text: reason, ms: Date.now() - started };
	}
}

/** Waits until the portal has had no request for `quietMs` (executions still running after a failed answer). */
async function settle(portal, quietMs, maxMs) {
	const until = Date.now() + bounded(maxMs);
	let count = portal.requests.length;
	let since = Date.now();
	while (Date.now() < until) {
		await sleep(250);
		if (portal.requests.length !== count) {
			count = portal.requests.length;
			since = Date.now();
		} else if (Date.now() - since >= quietMs) return;
	}
}

// ---------------------------------------------------------------- the run

async function main(portal, { parsePhpQuery }) {
	const fixturesDir = path.join(WORK, 'fixtures');
	const vars = fixtures.portalVars({ url: portal.url, webhookUrl: portal.webhookUrl });
	const credentialsFile = path.join(fixturesDir, 'credentials.json');
	const workflowFile = path.join(fixturesDir, 'workflow.json');
	fixtures.writeJson(credentialsFile, [fixtures.credential('webhook', vars)]);
	fixtures.writeJson(workflowFile, WITH_POLL ? [workflow(), pollWorkflow()] : [workflow()]);

	const credentialImport = await n8nCommand('import-credentials', [
		'import:credentials',
		`--input=${credentialsFile}`,
	]);
	const workflowImport = await n8nCommand('import-workflow', [
		'import:workflow',
		`--input=${workflowFile}`,
	]);
	const publish = await n8nCommand('publish-workflow', ['publish:workflow', `--id=${WORKFLOW_ID}`]);
	const pollPublish = WITH_POLL
		? await n8nCommand('publish-poll-workflow', ['publish:workflow', `--id=${POLL_WORKFLOW_ID}`])
		: { ok: true, output: 'Publishing workflow with ID' };
	const prepared = check(
		'n8n imports the credential and the workflow and publishes it',
		credentialImport.ok &&
			workflowImport.ok &&
			publish.ok &&
			/imported 1 credential/i.test(credentialImport.output) &&
			new RegExp(`imported ${WITH_POLL ? 2 : 1} workflow`, 'i').test(workflowImport.output) &&
			pollPublish.ok &&
			/Publishing workflow with ID/.test(pollPublish.output) &&
			/Publishing workflow with ID/.test(publish.output) &&
			!/GOT ERROR|Error updating database|flag is required/.test(publish.output),
		tail(`${credentialImport.output}\n${workflowImport.output}\n${publish.output}`),
	);
	if (!prepared) return;

	// n8n main. Its webhook is live once a GET is refused as "not registered for GET requests"
	// (the path exists, for POST): n8n 2.x activates published workflows asynchronously, after
	// the server already listens, so the HTTP server being up proves nothing.
	const mainPort = await freePort();
	const base = `http://127.0.0.1:${mainPort}`;
	const webhookUrl = `${base}/webhook/${WEBHOOK_PATH}`;
	const startedAt = Date.now();
	const mainProcess = spawnN8n('main', ['start'], {
		N8N_PORT: String(mainPort),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
	});
	await waitFor(
		'n8n main',
		mainProcess,
		async () => {
			const answer = await get(webhookUrl);
			return answer.status === 404 && /not registered for GET requests/i.test(answer.text);
		},
		START_TIMEOUT_MS,
	);
	check(`n8n main serves the production webhook ${new URL(webhookUrl).pathname}`, true);
	info(`main ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);

	const workers = [];
	for (let i = 1; i <= WORKERS; i++) {
		const healthPort = await freePort();
		const worker = spawnN8n(`worker-${i}`, ['worker', `--concurrency=${WORKER_CONCURRENCY}`], {
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(healthPort),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		});
		worker.healthUrl = `http://127.0.0.1:${healthPort}/healthz/readiness`;
		workers.push(worker);
	}
	for (const worker of workers) {
		await waitFor(
			`n8n ${worker.label}`,
			worker,
			async () => (await get(worker.healthUrl)).status === 200,
			START_TIMEOUT_MS,
		);
	}
	if (WORKERS) check(`${WORKERS} workers (concurrency ${WORKER_CONCURRENCY}) are ready`, true);

	// The burst: every request at once, each for its own deal, with its own marker.
	const runId = Date.now().toString(36);
	const calls = Array.from({ length: REQUESTS }, (_, n) => ({
		dealId: String(FIRST_DEAL + n),
		marker: `load-${runId}-${n}`,
	}));
	for (const { dealId } of calls) {
		const deal = portal.store.get(DEAL_ENTITY_TYPE, Number(dealId));
		if (!deal) throw new Abort(`the portal has no seeded deal ${dealId}`);
	}
	if (WITH_POLL && !(await waitForFirstPoll(portal))) return;
	portal.limits.resetBucket();
	portal.resetRequests();
	const updates = new Map();
	const unsubscribe = portal.store.onChange((entityTypeId, action, id) => {
		if (entityTypeId === DEAL_ENTITY_TYPE && action === 'UPDATE')
			updates.set(String(id), (updates.get(String(id)) ?? 0) + 1);
	});
	info(
		`firing ${REQUESTS} POSTs at once at ${new URL(webhookUrl).pathname} (portal bucket: ${bucketText()})`,
	);
	const burstStart = Date.now();
	const answers = await Promise.all(calls.map((body) => fire(webhookUrl, body)));
	const seconds = (Date.now() - burstStart) / 1000;
	await settle(portal, 3_000, 30_000);
	unsubscribe();

	// What n8n answered.
	const statuses = countBy(answers, (a) => a.status);
	const ok200 = answers.filter((a) => a.status === 200);
	check(
		`every webhook call is answered 200 (${ok200.length}/${REQUESTS})`,
		ok200.length === REQUESTS,
		`statuses: ${show(statuses)}; answers other than 200: ${show(
			countBy(
				answers.filter((a) => a.status !== 200),
				(a) => a.text.slice(0, 160),
			),
		)}`,
	);
	const wrong = ok200.filter(
		(a) =>
			!(
				a.json &&
				String(a.json.ID) === a.dealId &&
				a.json.updated === true &&
				Object.keys(a.json).length === 2
			),
	);
	check(
		"every 200 answer is the Update node's output for its own deal ({ID, updated: true})",
		ok200.length > 0 && wrong.length === 0,
		wrong
			.slice(0, 5)
			.map((a) => `deal ${a.dealId}: ${a.text.slice(0, 200)}`)
			.join('\n'),
	);

	// What the portal holds.
	const missing = calls.filter(
		({ dealId, marker }) => portal.store.get(DEAL_ENTITY_TYPE, Number(dealId))?.COMMENTS !== marker,
	);
	check(
		`every deal holds its marker in COMMENTS (${REQUESTS - missing.length}/${REQUESTS})`,
		missing.length === 0,
		`deals without their marker: ${missing
			.slice(0, 20)
			.map((c) => c.dealId)
			.join(', ')}${missing.length > 20 ? ' ...' : ''}`,
	);
	const rest = portal.restRequests();
	const { accepted, rejected, inBatches } = dealUpdates(rest, parsePhpQuery);
	const perDeal = countBy(accepted, (u) => u.id);
	const expected = new Map(calls.map((c) => [c.dealId, c.marker]));
	const stray = accepted.filter((u) => expected.get(u.id) !== u.comments);
	const twice = [...perDeal.entries()].filter(([, n]) => n > 1).map(([id, n]) => `${id} x${n}`);
	check(
		`the portal accepted exactly ${REQUESTS} crm.deal.update calls, one per deal, with its marker (${accepted.length}: ${accepted.length - inBatches} plain, ${inBatches} in batch)`,
		accepted.length === REQUESTS && perDeal.size === REQUESTS && stray.length === 0,
		[
			`distinct deals updated: ${perDeal.size}`,
			twice.length ? `updated more than once: ${twice.slice(0, 20).join(', ')}` : '',
			stray.length
				? `with a wrong id or marker: ${stray
						.slice(0, 5)
						.map((u) => JSON.stringify(u))
						.join(', ')}`
				: '',
		]
			.filter(Boolean)
			.join('\n'),
	);
	const storeTwice = [...updates.entries()].filter(([, n]) => n > 1);
	const storeStray = [...updates.keys()].filter((id) => !expected.has(id));
	check(
		`the portal's store changed each of the ${REQUESTS} deals exactly once`,
		updates.size === REQUESTS && storeTwice.length === 0 && storeStray.length === 0,
		`deals changed: ${updates.size}; more than once: ${storeTwice.map(([id, n]) => `${id} x${n}`).join(', ') || 'none'}; others: ${storeStray.join(', ') || 'none'}`,
	);

	// Who ran the executions.
	if (WORKERS) {
		const ran = workers.map((w) => ({
			label: w.label,
			n: (readLog(w).match(/Worker finished execution/g) ?? []).length,
		}));
		const total = ran.reduce((sum, w) => sum + w.n, 0);
		check(
			`the workers ran all ${REQUESTS} executions, every worker some (${ran.map((w) => `${w.label}: ${w.n}`).join(', ')})`,
			total === REQUESTS && ran.every((w) => w.n > 0),
			`logs: ${workers.map((w) => w.logFile).join(', ')}`,
		);
	}

	const failedExecutions = answers.filter((a) => a.status !== 200).length + wrong.length;
	const restStatuses = countBy(rest, (r) => `${r.restMethod ?? r.path} ${r.status}`);
	info(
		`${rest.length} REST requests reached the portal in ${seconds.toFixed(1)} s (${show(restStatuses)})`,
	);
	info(`rejected crm.deal.update attempts (retried or lost): ${rejected}`);
	info(
		`answers: ${show(statuses)}; slowest ${(Math.max(...answers.map((a) => a.ms)) / 1000).toFixed(1)} s`,
	);
	const nodeErrors = countBy(
		[mainProcess, ...workers].flatMap((c) =>
			readLog(c)
				.split('\n')
				.filter((line) => /^Bitrix24: /.test(line)),
		),
		(line) => line.slice(0, 160),
	);
	if (nodeErrors.size) info(`errors n8n logged from the Bitrix24 node: ${show(nodeErrors)}`);
	console.log(
		`RESULT mode=${MODE} requests=${REQUESTS} ok=${REQUESTS - failedExecutions} failed=${failedExecutions} rest=${rest.length} seconds=${seconds.toFixed(1)}`,
	);
	// A main that crashed during the burst would explain everything above; say so.
	for (const child of [mainProcess, ...workers]) {
		if (!children.has(child))
			check(
				`${child.label} is still running after the burst`,
				false,
				`log ${child.logFile}\n${tail(readLog(child))}`,
			);
	}
	if (WITH_POLL && children.has(mainProcess)) await pollCheck(portal, parsePhpQuery);
}

async function run() {
	let portal;
	let stopping;
	const stop = () =>
		(stopping ??= (async () => {
			await stopAll();
			if (portal) await portal.close().catch(() => undefined);
		})());
	for (const signal of ['SIGINT', 'SIGTERM']) {
		process.on(signal, () => {
			console.log(`load.js: ${signal}, stopping n8n and the portal`);
			void stop().then(() => process.exit(130));
		});
	}
	const watchdog = setTimeout(
		() => {
			check(
				'the run finished before the suite deadline',
				false,
				'deadline reached; stopping everything',
			);
			void stop().then(() => process.exit(summary()));
		},
		Math.max(0, remaining()),
	);
	try {
		const { startPortal } = require(path.join(PORTAL_DIR, 'index.js'));
		const phpQuery = require(path.join(PORTAL_DIR, 'php-query.js'));
		portal = await startPortal({
			host: '127.0.0.1',
			port: 0,
			timeScale: 1,
			bucket: BUCKET,
			demo: { deals: Math.max(300, FIRST_DEAL + REQUESTS) },
		});
		info(`portal at ${portal.url} (leaky bucket: ${bucketText()})`);
		await main(portal, phpQuery);
	} catch (error) {
		check(
			'the run completed',
			false,
			error instanceof Abort ? error.message : (error?.stack ?? error),
		);
	}
	clearTimeout(watchdog);
	await stop();
	if (results.some((r) => !r.ok)) console.log(`\nLogs and fixtures: ${WORK}`);
	process.exit(summary());
}

void run();
