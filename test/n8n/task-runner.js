// npm start's task runner launcher: n8n runs its task runners in external mode
// (N8N_RUNNERS_MODE=external, as n8n's deprecation notice for the internal mode asks), and this
// process does what n8n's launcher does for the JavaScript runner (the Code node): once n8n's
// task broker answers, it trades the shared N8N_RUNNERS_AUTH_TOKEN for a one-time grant token
// at the broker and starts @n8n/task-runner on n8n's Node; when the runner exits it starts a new
// one, until this process gets SIGTERM or SIGINT. There is no Python runner (n8n's launcher would
// need a Python environment that n8n does not ship outside its Docker image).
//
// Env (start.sh sets them): N8N_NODE, N8N_HOME, N8N_RUNNERS_AUTH_TOKEN, N8N_RUNNERS_BROKER_PORT.
'use strict';

const { spawn } = require('child_process');
const path = require('path');

function required(name) {
	const value = process.env[name];
	if (!value) {
		process.stderr.write(`task-runner.js: ${name} is not set\n`);
		process.exit(2);
	}
	return value;
}

const N8N_NODE = required('N8N_NODE');
const N8N_HOME = required('N8N_HOME');
const AUTH_TOKEN = required('N8N_RUNNERS_AUTH_TOKEN');
const BROKER = `http://127.0.0.1:${required('N8N_RUNNERS_BROKER_PORT')}`;
const RUNNERS_PATH = process.env.N8N_RUNNERS_PATH || '/runners';
const START = require.resolve('@n8n/task-runner/start', {
	paths: [path.join(N8N_HOME, 'app', 'node_modules', 'n8n')],
});

let stopping = false;
let child = null;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function brokerUp() {
	try {
		return (await fetch(`${BROKER}/healthz`)).ok;
	} catch {
		return false;
	}
}

/** A one-time grant token for one runner, as n8n's launcher asks for it. */
async function grantToken() {
	const response = await fetch(`${BROKER}${RUNNERS_PATH}/auth`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ token: AUTH_TOKEN }),
	});
	if (!response.ok) throw new Error(`the task broker refused the auth token (${response.status})`);
	const body = await response.json();
	const token = body?.data?.token ?? body?.token;
	if (typeof token !== 'string') throw new Error('the task broker sent no grant token');
	return token;
}

/** The runner's environment: what n8n passes to the runner it starts in internal mode. */
function runnerEnv(token) {
	const pass = [
		'PATH',
		'HOME',
		'GENERIC_TIMEZONE',
		'NODE_FUNCTION_ALLOW_BUILTIN',
		'NODE_FUNCTION_ALLOW_EXTERNAL',
		'N8N_RUNNERS_MAX_PAYLOAD',
		'N8N_RUNNERS_MAX_CONCURRENCY',
		'N8N_RUNNERS_TASK_TIMEOUT',
		'N8N_RUNNERS_HEARTBEAT_INTERVAL',
		'N8N_RUNNERS_INSECURE_MODE',
		'N8N_RUNNERS_GRACEFUL_SHUTDOWN_TIMEOUT',
		'N8N_RUNNERS_SHUTDOWN_FORCE_KILL_MARGIN',
	];
	const env = {};
	for (const name of pass) if (process.env[name] !== undefined) env[name] = process.env[name];
	env.PATH = `${path.dirname(N8N_NODE)}${path.delimiter}${process.env.PATH ?? ''}`;
	env.N8N_RUNNERS_GRANT_TOKEN = token;
	env.N8N_RUNNERS_TASK_BROKER_URI = BROKER;
	return env;
}

function runOnce(token) {
	const flags =
		process.env.N8N_RUNNERS_INSECURE_MODE === 'true'
			? []
			: ['--disallow-code-generation-from-strings', '--disable-proto=delete'];
	return new Promise((resolve) => {
		child = spawn(N8N_NODE, [...flags, START], {
			env: runnerEnv(token),
			stdio: ['ignore', 'inherit', 'inherit'],
		});
		child.on('error', (error) => {
			process.stderr.write(`task runner could not start: ${error.message}\n`);
			resolve(1);
		});
		child.on('exit', (code, signal) => resolve(code ?? signal));
	});
}

async function main() {
	let failures = 0;
	while (!stopping) {
		if (!(await brokerUp())) {
			await sleep(500);
			continue;
		}
		const started = Date.now();
		try {
			const result = await runOnce(await grantToken());
			child = null;
			if (stopping) break;
			// n8n stopping closes the broker, and the runner with it: nothing to say then.
			if (await brokerUp())
				process.stderr.write(`task runner exited (${result}); starting a new one\n`);
		} catch (error) {
			if (stopping) break;
			process.stderr.write(`task runner: ${error.message}\n`);
		}
		failures = Date.now() - started > 60_000 ? 0 : failures + 1;
		await sleep(Math.min(30_000, 500 * 2 ** Math.min(failures, 6)));
	}
}

function stop() {
	stopping = true;
	if (child) child.kill('SIGTERM');
	// The runner drains for up to its graceful shutdown timeout; then this process ends anyway.
	setTimeout(() => {
		if (child) child.kill('SIGKILL');
		process.exit(0);
	}, 45_000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

main().then(() => {
	if (!child) process.exit(0);
	child.on('exit', () => process.exit(0));
});
