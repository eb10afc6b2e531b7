/**
 * n8n-core reaches its services through the DI container (`Container.get(...)`), so the
 * harness must fill that container before a workflow runs. n8n-core ships its own nested
 * copies of @n8n/di, @n8n/backend-common and @n8n/backend-network (newer than the top-level
 * ones in node_modules); the container and the service classes must be n8n-core's copies,
 * or `Container.get(Logger)` inside n8n-core would not see what we registered. Hence
 * everything here is required *from n8n-core's location*.
 */
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { InstanceSettings } from 'n8n-core';
import { LoggerProxy } from 'n8n-workflow';

import { harnessLogger } from './logger';

const requireFromCore = createRequire(require.resolve('n8n-core'));

const { Container } = requireFromCore('@n8n/di') as typeof import('@n8n/di');
const { Logger } = requireFromCore('@n8n/backend-common') as typeof import('@n8n/backend-common');

export { Container };

/**
 * The real InstanceSettings reads (and on first use writes) `~/.n8n/config` to get an
 * encryption key; a test must not touch the user's home. Nodes only read a few fields.
 */
const instanceSettings = {
	instanceId: 'harness-instance',
	derivedInstanceId: 'harness-instance',
	hostId: 'harness-host',
	encryptionKey: 'harness-encryption-key',
	hmacSignatureSecret: 'harness-hmac-secret',
	n8nFolder: join(tmpdir(), 'n8n-harness'),
	staticCacheDir: join(tmpdir(), 'n8n-harness', 'cache'),
	customExtensionDir: join(tmpdir(), 'n8n-harness', 'custom'),
	nodesDownloadDir: join(tmpdir(), 'n8n-harness', 'nodes'),
	instanceType: 'main',
	instanceRole: 'leader',
	isLeader: true,
	isFollower: false,
	isWorker: false,
	isMultiMain: false,
	isSingleMain: true,
} as unknown as InstanceSettings;

let ready = false;

/**
 * Registers what the node execution path needs and n8n-core cannot build harmlessly by itself:
 * - `Logger` (NodeExecutionContext.logger, OutboundHttp, ErrorReporter...) and
 *   `LoggerProxy` (WorkflowExecute) → the collecting logger, so tests can read the logs;
 * - `InstanceSettings` (every NodeExecutionContext) → the in-memory stand-in above.
 * Everything else the HTTP and OAuth2 paths use is constructed by the container on demand
 * from n8n's own defaults: `OutboundHttp` (all requests; SSRF protection off by default),
 * `LockService` → `InProcessLockService` (token refresh lease), `ErrorReporter`,
 * `BinaryDataService` (no manager initialised, so binary data stays inline base64).
 */
export function setUpContainer(): void {
	if (ready) return;
	Container.set(Logger, harnessLogger as unknown as InstanceType<typeof Logger>);
	Container.set(InstanceSettings, instanceSettings);
	LoggerProxy.init(harnessLogger);
	ready = true;
}
