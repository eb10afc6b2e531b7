/**
 * Runs a polling trigger the way n8n runs an active workflow's poll, without n8n's server:
 * n8n-core's real PollContext (credentials through the harness's CredentialsHelper, real HTTP
 * through n8n-core's request helpers) and the hand-off of PollTriggerExecutor: a non-null answer
 * is emitted (it starts a run), null commits the poll's cursor. Workflow static data persists
 * between polls as n8n stores it: a fresh Workflow per poll, saved back only when the node
 * changed it (`__dataChanged`) and never for the editor's test ('manual'). A "restart" is a new
 * PollHarness given the same static data.
 */
import { randomUUID } from 'node:crypto';

import { ExecutionLifecycleHooks, PollContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { setUpContainer } from './container';
import { CredentialTypes } from './credential-types';
import { CredentialsHelper, CredentialStore } from './credentials-helper';
import type { StoredCredential } from './credentials-helper';
import { collectingLogs } from './logger';
import { NodeTypes } from './node-types';

export interface PollHarnessOptions {
	node: INode;
	credentials: CredentialStore | StoredCredential[];
	/** Node types by the type name the node uses; the package's nodes are found without it. */
	nodeTypes?: Record<string, INodeType | IVersionedNodeType>;
	workflowId?: string;
	/** Static data the workflow starts with (as stored in n8n's database). */
	staticData?: IDataObject;
}

function withoutChangeFlag(staticData: IDataObject): IDataObject {
	const copy = JSON.parse(JSON.stringify(staticData)) as IDataObject;
	delete copy.__dataChanged;
	return copy;
}

export class PollHarness {
	/** The workflow's static data as n8n's database would hold it. */
	staticData: IDataObject;

	/** What each poll emitted (the items of the runs it started), in order. */
	readonly emitted: INodeExecutionData[][][] = [];

	readonly logs: string[] = [];

	readonly credentials: CredentialStore;

	private readonly node: INode;

	private readonly nodeTypes: NodeTypes;

	private readonly workflowId: string;

	private readonly credentialsHelper: CredentialsHelper;

	constructor(options: PollHarnessOptions) {
		setUpContainer();
		this.node = structuredClone(options.node);
		this.nodeTypes = new NodeTypes(options.nodeTypes);
		this.workflowId = options.workflowId ?? 'poll-workflow';
		this.staticData = structuredClone(options.staticData ?? {});
		this.credentials =
			options.credentials instanceof CredentialStore
				? options.credentials
				: new CredentialStore(options.credentials);
		this.credentialsHelper = new CredentialsHelper(this.credentials, new CredentialTypes());
	}

	/** One poll tick ('trigger': the active workflow; 'manual': the editor's test). Resolves with what poll() returned. */
	async poll(
		mode: Extract<WorkflowExecuteMode, 'trigger' | 'manual'> = 'trigger',
	): Promise<INodeExecutionData[][] | null> {
		const workflow = new Workflow({
			id: this.workflowId,
			name: 'Poll workflow',
			nodes: [structuredClone(this.node)],
			connections: {},
			active: true,
			nodeTypes: this.nodeTypes,
			staticData: structuredClone(this.staticData),
		});
		const node = workflow.getNode(this.node.name) as INode;
		const nodeType = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		if (!nodeType.poll) throw new Error(`${node.type} has no poll()`);
		const emitted: INodeExecutionData[][][] = [];
		const context = new PollContext(
			workflow,
			node,
			this.additionalData(mode),
			mode,
			'activate',
			(data) => emitted.push(data),
			(error) => {
				throw error;
			},
		);
		const result = await collectingLogs(this.logs, async () => await nodeType.poll!.call(context));
		if (result !== null) context.__emit(result);
		this.emitted.push(...emitted);
		// n8n saves static data after the run a poll started, or when committing the cursor of a
		// poll that emitted nothing; a manual test saves nothing.
		if (mode !== 'manual' && workflow.staticData.__dataChanged === true)
			this.staticData = withoutChangeFlag(workflow.staticData);
		return result;
	}

	private additionalData(mode: WorkflowExecuteMode): IWorkflowExecuteAdditionalData {
		const executionId = randomUUID();
		const workflowData: IWorkflowBase = {
			id: this.workflowId,
			name: 'Poll workflow',
			active: true,
			isArchived: false,
			activeVersionId: null,
			createdAt: new Date(),
			updatedAt: new Date(),
			nodes: [this.node],
			connections: {},
			settings: { executionOrder: 'v1' },
		};
		const unsupported = (what: string) => async () => {
			throw new Error(`${what} is not supported by the poll harness`);
		};
		const data: Partial<IWorkflowExecuteAdditionalData> = {
			credentialsHelper: this.credentialsHelper,
			hooks: new ExecutionLifecycleHooks(mode, executionId, workflowData),
			executionId,
			workflowId: this.workflowId,
			currentNodeExecutionIndex: 0,
			restApiUrl: 'http://127.0.0.1:5678/rest',
			instanceBaseUrl: 'http://127.0.0.1:5678/',
			webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
			webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
			webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
			formBaseUrl: 'http://127.0.0.1:5678/form',
			formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
			formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
			variables: {},
			executeWorkflow: unsupported('Executing a sub-workflow'),
			getRunExecutionData: async () => undefined,
			getRuntimeCredential: async () => undefined,
			startRunnerTask: unsupported('A task runner'),
			logAiEvent: () => {},
		};
		return data as IWorkflowExecuteAdditionalData;
	}
}
