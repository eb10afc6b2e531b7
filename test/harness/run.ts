/**
 * Runs a workflow the way n8n runs a manual execution: n8n-core's WorkflowExecute over a
 * Workflow of real node classes, with the real request helpers (OutboundHttp, OAuth2
 * refresh) and the harness's credentials helper standing in for the database.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';

import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ExecutionError,
	ICredentialType,
	IConnections,
	INode,
	INodeExecutionData,
	INodeType,
	IRun,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { setUpContainer } from './container';
import { CredentialTypes } from './credential-types';
import { CredentialsHelper, CredentialStore } from './credentials-helper';
import type { StoredCredential } from './credentials-helper';
import { collectingLogs } from './logger';
import { NodeTypes } from './node-types';

export interface WorkflowJson {
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
	name?: string;
}

export interface RunOptions {
	workflow: WorkflowJson;
	credentials: CredentialStore | StoredCredential[];
	/** Extra node types, by the type name the workflow's nodes use. */
	nodeTypes?: Record<string, INodeType | IVersionedNodeType>;
	/** Extra credential types (the package's and oAuth2Api are always known). */
	credentialTypes?: ICredentialType[];
	mode?: WorkflowExecuteMode;
}

export interface RunResult {
	run: IRun;
	/** The error that stopped the run (`run.data.resultData.error`). */
	error?: ExecutionError;
	/** Items of the node's last run on the given main output; throws if the node has none. */
	output(nodeName: string, outputIndex?: number): INodeExecutionData[];
	nodeError(nodeName: string): ExecutionError | undefined;
	credentials: CredentialStore;
	/** Every line logged during the run, metadata included. */
	logs: string[];
}

export async function runWorkflow(options: RunOptions): Promise<RunResult> {
	setUpContainer();
	const store =
		options.credentials instanceof CredentialStore
			? options.credentials
			: new CredentialStore(options.credentials);
	const mode = options.mode ?? 'manual';
	const logs: string[] = [];

	recordOperations(options.workflow);
	const run = await collectingLogs(logs, async () => {
		const workflowData = toWorkflowBase(options.workflow);
		const workflow = new Workflow({
			id: workflowData.id,
			name: workflowData.name,
			nodes: workflowData.nodes,
			connections: workflowData.connections,
			settings: workflowData.settings,
			nodeTypes: new NodeTypes(options.nodeTypes),
			active: false,
		});
		const executionId = randomUUID();
		const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
		const credentialsHelper = new CredentialsHelper(
			store,
			new CredentialTypes(options.credentialTypes),
		);
		const additionalData = buildAdditionalData(
			executionId,
			workflowData.id,
			hooks,
			credentialsHelper,
		);
		return await new WorkflowExecute(additionalData, mode).run({
			workflow,
			startNode: findStartNode(workflow),
		});
	});

	return toResult(run, store, logs);
}

/**
 * With BITRIX24_OPERATIONS_LOG set, every resource/operation a workflow runs is appended to that
 * file, so a check can list the node's operations no test runs (see test/coverage-check.js).
 */
function recordOperations(workflow: WorkflowJson): void {
	const file = process.env.BITRIX24_OPERATIONS_LOG;
	if (!file) return;
	const lines = workflow.nodes
		.filter((node) => node.type.endsWith('.bitrix24'))
		.map((node) => `${String(node.parameters.resource)}/${String(node.parameters.operation)}\n`);
	if (lines.length) appendFileSync(file, lines.join(''));
}

function toWorkflowBase(json: WorkflowJson): IWorkflowBase {
	const now = new Date();
	return {
		id: 'harness-workflow',
		name: json.name ?? 'Harness workflow',
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: now,
		updatedAt: now,
		// The Workflow fills in parameter defaults in place; keep the caller's objects intact.
		nodes: structuredClone(json.nodes),
		connections: structuredClone(json.connections),
		// New workflows in n8n execute in v1 order.
		settings: { executionOrder: 'v1', ...json.settings },
	};
}

/** The enabled node nothing feeds, as a trigger is (a test.start node if there is one). */
function findStartNode(workflow: Workflow): INode {
	const roots = Object.values(workflow.nodes).filter(
		(node) => !node.disabled && workflow.getParentNodes(node.name, 'main', 1).length === 0,
	);
	const start =
		roots.find((node) => node.type === 'test.start') ?? roots[0] ?? workflow.getStartNode();
	if (!start) throw new Error('The workflow has no node to start from');
	return start;
}

export function buildAdditionalData(
	executionId: string,
	workflowId: string,
	hooks: ExecutionLifecycleHooks,
	credentialsHelper: CredentialsHelper,
): IWorkflowExecuteAdditionalData {
	const base = 'http://localhost:5678';
	const unsupported = (what: string) => async () => {
		throw new Error(`${what} is not supported by the test harness`);
	};
	const additionalData: Partial<IWorkflowExecuteAdditionalData> = {
		credentialsHelper,
		hooks,
		executionId,
		workflowId,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: `${base}/`,
		formBaseUrl: `${base}/form`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		formTestBaseUrl: `${base}/form-test`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
		variables: {},
		executeWorkflow: unsupported('Executing a sub-workflow'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: unsupported('A task runner'),
		logAiEvent: () => {},
	};
	return additionalData as IWorkflowExecuteAdditionalData;
}

function toResult(run: IRun, credentials: CredentialStore, logs: string[]): RunResult {
	const { runData, error } = run.data.resultData;
	const lastTask = (nodeName: string) => runData[nodeName]?.at(-1);
	return {
		run,
		error,
		credentials,
		logs,
		output(nodeName, outputIndex = 0) {
			const task = lastTask(nodeName);
			if (!task) {
				const ran = Object.keys(runData).join(', ') || 'none';
				throw new Error(
					`Node "${nodeName}" did not run (ran: ${ran}; run error: ${error?.message ?? 'none'})`,
				);
			}
			if (task.error && !task.data)
				throw new Error(`Node "${nodeName}" failed: ${task.error.message}`);
			return task.data?.main[outputIndex] ?? [];
		},
		nodeError(nodeName) {
			return lastTask(nodeName)?.error;
		},
	};
}
