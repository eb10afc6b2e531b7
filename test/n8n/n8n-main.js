'use strict';
// `n8n start` for the checks that need a running n8n (triggers.js, second-start.js, the
// editor check): a free port, its log under <work>/logs, its pid in <work>/pids (run-test.sh
// stops whatever is left), and stop().

const { spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

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

/** Resolves when `probe` returns true, or false when `child` exits or the time is up. */
async function waitUntil(probe, child, timeoutMs) {
	const until = Date.now() + timeoutMs;
	while (Date.now() < until && child.exitCode === null && child.signalCode === null) {
		if (await probe()) return true;
		await sleep(500);
	}
	return probe();
}

/**
 * `n8n start` in the work folder (its log under logs/<name>.log); stop() ends it. `port`: the
 * one a previous start used, so that the URLs n8n gave Bitrix24 stay valid.
 */
async function startMain(ctx, name, { port: wantedPort } = {}) {
	const { WORK, N8N_NODE, N8N_BIN } = ctx;
	const port = wantedPort ?? (await freePort());
	const logFile = path.join(WORK, 'logs', `${name}.log`);
	const log = fs.openSync(logFile, 'w');
	const child = spawn(N8N_NODE, [N8N_BIN, 'start'], {
		cwd: WORK,
		env: {
			...process.env,
			N8N_LOG_LEVEL: 'info',
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			// the URLs n8n gives Bitrix24 (a robot's handler): the address it listens on
			WEBHOOK_URL: `http://127.0.0.1:${port}/`,
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			PATH: `${path.dirname(N8N_NODE)}${path.delimiter}${process.env.PATH}`,
		},
		stdio: ['ignore', log, log],
	});
	fs.closeSync(log);
	fs.appendFileSync(path.join(WORK, 'pids'), `${child.pid}\n`);
	const exited = new Promise((resolve) => child.on('exit', resolve));
	const running = () => child.exitCode === null && child.signalCode === null;
	return {
		main: child,
		child,
		url: `http://127.0.0.1:${port}`,
		port,
		running,
		readLog: () => {
			try {
				return fs.readFileSync(logFile, 'utf8');
			} catch {
				return '';
			}
		},
		async stop() {
			if (!running()) return;
			child.kill('SIGTERM');
			const stopped = await Promise.race([
				exited.then(() => true),
				sleep(30_000).then(() => false),
			]);
			if (!stopped) child.kill('SIGKILL');
		},
	};
}

module.exports = { freePort, sleep, startMain, waitUntil };
