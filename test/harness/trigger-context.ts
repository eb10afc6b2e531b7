/**
 * Runs a webhook trigger node the way n8n runs an active workflow's trigger, without n8n's
 * server: n8n-core's real HookContext for `webhookMethods` (checkExists / create / delete, as
 * packages/cli WebhookService.createWebhookIfNotExists and deleteWebhook call them) and its
 * real WebhookContext for `webhook()` (WebhookService.runWebhook), behind a loopback HTTP
 * server that stands in for n8n's webhook endpoint:
 * - the body is parsed as n8n's body parser does (packages/cli/src/middlewares/body-parser.ts:
 *   JSON by JSON.parse, forms by Node's `querystring` with maxKeys 1000, so PHP bracket keys
 *   stay flat);
 * - the answer follows WebhookHelpers.executeWebhook for responseMode onReceived: the node's
 *   own answer when it returns `noWebhookResponse`, 200 + `webhookResponse` (or "Webhook call
 *   received") when it starts nothing, 200 "Workflow was started" and then a real run of the
 *   workflow (n8n-core's WorkflowExecute, the trigger's items on its stack) when it does,
 *   500 when webhook() throws;
 * - workflow static data persists between calls as n8n stores it: a fresh Workflow per call
 *   and per hook call, saved back only when the node changed it (`__dataChanged`).
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQueryString } from 'node:querystring';

import { ExecutionLifecycleHooks, HookContext, WebhookContext, WorkflowExecute } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IRun,
	IVersionedNodeType,
	IWebhookData,
	IWebhookDescription,
	IWebhookResponseData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WebhookSetupMethodNames,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, NodeHelpers, Workflow } from 'n8n-workflow';

import { setUpContainer } from './container';
import { CredentialTypes } from './credential-types';
import { CredentialsHelper, CredentialStore } from './credentials-helper';
import type { StoredCredential } from './credentials-helper';
import { collectingLogs } from './logger';
import { NodeTypes } from './node-types';

export interface TriggerHarnessOptions {
	/** The trigger node as n8n saves it (with a `webhookId`, as the editor assigns one). */
	node: INode;
	credentials: CredentialStore | StoredCredential[];
	/** Node types by the type name the node uses (the trigger under test at least). */
	nodeTypes: Record<string, INodeType | IVersionedNodeType>;
	workflowId?: string;
	/** Static data the workflow starts with (as stored in n8n's database). */
	staticData?: IDataObject;
}

/** One HTTP call n8n's endpoint received and what came of it. */
export interface ReceivedCall {
	path: string;
	status: number;
	/** the answer's body as sent */
	responseBody: string;
	/** what webhook() returned, when it returned */
	result?: IWebhookResponseData;
	error?: Error;
	/** the run the call started (responseMode onReceived: it starts after the answer) */
	run?: Promise<IRun>;
}

type ExpressLikeResponse = ServerResponse & {
	status(code: number): ExpressLikeResponse;
	send(body?: unknown): ExpressLikeResponse;
	json(body: unknown): ExpressLikeResponse;
};

/** The few express Response methods nodes use (n8n hands nodes an express Response). */
function expressResponse(res: ServerResponse): ExpressLikeResponse {
	const out = res as ExpressLikeResponse;
	out.status = (code) => {
		res.statusCode = code;
		return out;
	};
	out.json = (body) => {
		if (!res.hasHeader('content-type'))
			res.setHeader('content-type', 'application/json; charset=utf-8');
		res.end(JSON.stringify(body));
		return out;
	};
	out.send = (body) => {
		if (body !== null && typeof body === 'object' && !Buffer.isBuffer(body)) return out.json(body);
		if (!res.hasHeader('content-type')) res.setHeader('content-type', 'text/html; charset=utf-8');
		res.end(body === undefined ? undefined : Buffer.isBuffer(body) ? body : String(body));
		return out;
	};
	return out;
}

/** n8n's parseBody: content type without parameters, JSON / form / text. */
function parseBody(contentType: string, raw: Buffer): unknown {
	if (raw.length === 0) return {};
	const text = raw.toString('utf8');
	if (contentType === 'application/json') return JSON.parse(text) as unknown;
	if (contentType === 'application/x-www-form-urlencoded') {
		return parseQueryString(text, undefined, undefined, { maxKeys: 1000 });
	}
	if (contentType === 'text/plain') return text;
	return {};
}

function readAll(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

function withoutChangeFlag(staticData: IDataObject): IDataObject {
	const copy = JSON.parse(JSON.stringify(staticData)) as IDataObject;
	delete copy.__dataChanged;
	return copy;
}

export class TriggerHarness {
	/** `http://127.0.0.1:<port>`; production URLs are under `/webhook`, test URLs under `/webhook-test`. */
	readonly baseUrl: string;

	readonly calls: ReceivedCall[] = [];

	/** Every line logged by hook calls, webhook calls and runs (metadata included). */
	readonly logs: string[] = [];

	/** The workflow's static data as n8n's database would hold it. */
	staticData: IDataObject;

	readonly credentials: CredentialStore;

	private node: INode;

	private readonly nodeTypes: NodeTypes;

	private readonly workflowId: string;

	private readonly credentialsHelper: CredentialsHelper;

	private constructor(
		private readonly server: Server,
		options: TriggerHarnessOptions,
	) {
		const { port } = server.address() as AddressInfo;
		this.baseUrl = `http://127.0.0.1:${port}`;
		this.node = structuredClone(options.node);
		this.nodeTypes = new NodeTypes(options.nodeTypes);
		this.workflowId = options.workflowId ?? 'trigger-workflow';
		this.staticData = structuredClone(options.staticData ?? {});
		this.credentials =
			options.credentials instanceof CredentialStore
				? options.credentials
				: new CredentialStore(options.credentials);
		this.credentialsHelper = new CredentialsHelper(this.credentials, new CredentialTypes());
	}

	static async start(options: TriggerHarnessOptions): Promise<TriggerHarness> {
		setUpContainer();
		let harness: TriggerHarness | undefined;
		const server = createServer((req, res) => {
			void harness?.handle(req, res);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		harness = new TriggerHarness(server, options);
		return harness;
	}

	/** The URL n8n shows for the node (`test`: the editor's "Listen for test event" URL). */
	webhookUrl(test = false): string {
		const description = this.webhookDescription();
		return `${this.baseUrl}/${test ? 'webhook-test' : 'webhook'}/${this.webhookPath(description)}`;
	}

	/** The user edits the node (its URL stays: the webhookId does not change). */
	updateParameters(parameters: INodeParameters): void {
		this.node = {
			...this.node,
			parameters: { ...this.node.parameters, ...structuredClone(parameters) },
		};
	}

	/** n8n's activation of a webhook trigger: checkExists, then create when it says false. */
	async activate(activation: WorkflowActivateMode = 'activate'): Promise<void> {
		const exists = await this.hook('checkExists', { activation });
		if (!exists) await this.hook('create', { activation });
	}

	async deactivate(): Promise<boolean | undefined> {
		return await this.hook('delete', { activation: 'update' });
	}

	/**
	 * Runs one webhook method through n8n-core's HookContext. Production activation runs in
	 * mode 'trigger'; the editor's test URL (`test: true`) in mode 'manual'.
	 */
	async hook(
		method: WebhookSetupMethodNames,
		opts: { activation?: WorkflowActivateMode; test?: boolean } = {},
	): Promise<boolean | undefined> {
		const test = opts.test === true;
		const mode: WorkflowExecuteMode = test ? 'manual' : 'trigger';
		const workflow = this.workflow();
		const node = workflow.getNode(this.node.name) as INode;
		const nodeType = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const description = this.webhookDescription();
		const fn = nodeType.webhookMethods?.[description.name]?.[method];
		if (!fn) return undefined;
		const additionalData = this.additionalData(randomUUID(), mode);
		const webhookData: IWebhookData = {
			httpMethod: 'POST',
			node: node.name,
			path: this.webhookPath(description),
			webhookDescription: description,
			workflowId: this.workflowId,
			workflowExecuteAdditionalData: additionalData,
			isTest: test,
		};
		const context = new HookContext(
			workflow,
			node,
			additionalData,
			mode,
			opts.activation ?? 'activate',
			webhookData,
		);
		const result = await collectingLogs(this.logs, async () => (await fn.call(context)) as boolean);
		// n8n saves static data after adding or removing a workflow's webhooks, not after a test.
		if (!test) this.saveStaticData(workflow);
		return result;
	}

	/** POSTs a body to the node's URL as an outside caller would; resolves with the HTTP answer. */
	async post(
		body: string,
		opts: { contentType?: string; test?: boolean } = {},
	): Promise<{ status: number; body: string }> {
		const response = await fetch(this.webhookUrl(opts.test), {
			method: 'POST',
			headers: { 'content-type': opts.contentType ?? 'application/x-www-form-urlencoded' },
			body,
		});
		return { status: response.status, body: await response.text() };
	}

	/** Waits for every run started so far. */
	async idle(): Promise<IRun[]> {
		const runs = this.calls.flatMap((call) => (call.run ? [call.run] : []));
		return await Promise.all(runs);
	}

	/** The trigger node's output items of each run started so far, in order. */
	async outputs(): Promise<INodeExecutionData[][]> {
		const runs = await this.idle();
		return runs.map((run) => {
			const task = run.data.resultData.runData[this.node.name]?.[0];
			return task?.data?.main[0] ?? [];
		});
	}

	async close(): Promise<void> {
		await this.idle().catch(() => undefined);
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	/** The node's (first) webhook description, as n8n registers it. */
	private webhookDescription(): IWebhookDescription {
		const nodeType = this.nodeTypes.getByNameAndVersion(this.node.type, this.node.typeVersion);
		const description = nodeType.description.webhooks?.[0];
		if (!description) throw new Error(`${this.node.type} declares no webhook`);
		return description;
	}

	/** WebhookService.getNodeWebhooks: `<webhookId>/<path>` (or `<workflowId>/<node name>/<path>`). */
	private webhookPath(description: IWebhookDescription): string {
		const path = String(description.path).replace(/^\/+|\/+$/g, '');
		return NodeHelpers.getNodeWebhookPath(
			this.workflowId,
			this.node,
			path,
			description.isFullPath === true,
		);
	}

	private workflow(): Workflow {
		return new Workflow({
			id: this.workflowId,
			name: 'Trigger workflow',
			nodes: [structuredClone(this.node)],
			connections: {},
			active: true,
			nodeTypes: this.nodeTypes,
			staticData: structuredClone(this.staticData),
		});
	}

	/** WorkflowStaticDataService.saveStaticData: only when the node changed something. */
	private saveStaticData(workflow: Workflow): void {
		if (workflow.staticData.__dataChanged === true)
			this.staticData = withoutChangeFlag(workflow.staticData);
	}

	private additionalData(
		executionId: string,
		mode: WorkflowExecuteMode,
	): IWorkflowExecuteAdditionalData {
		const unsupported = (what: string) => async () => {
			throw new Error(`${what} is not supported by the trigger harness`);
		};
		const workflowData: IWorkflowBase = {
			id: this.workflowId,
			name: 'Trigger workflow',
			active: true,
			isArchived: false,
			activeVersionId: null,
			createdAt: new Date(),
			updatedAt: new Date(),
			nodes: [this.node],
			connections: {},
			settings: { executionOrder: 'v1' },
		};
		const data: Partial<IWorkflowExecuteAdditionalData> = {
			credentialsHelper: this.credentialsHelper,
			hooks: new ExecutionLifecycleHooks(mode, executionId, workflowData),
			executionId,
			workflowId: this.workflowId,
			currentNodeExecutionIndex: 0,
			restApiUrl: `${this.baseUrl}/rest`,
			instanceBaseUrl: `${this.baseUrl}/`,
			formBaseUrl: `${this.baseUrl}/form`,
			formWaitingBaseUrl: `${this.baseUrl}/form-waiting`,
			formTestBaseUrl: `${this.baseUrl}/form-test`,
			webhookBaseUrl: `${this.baseUrl}/webhook`,
			webhookWaitingBaseUrl: `${this.baseUrl}/webhook-waiting`,
			webhookTestBaseUrl: `${this.baseUrl}/webhook-test`,
			mcpBaseUrl: `${this.baseUrl}/mcp`,
			mcpTestBaseUrl: `${this.baseUrl}/mcp-test`,
			variables: {},
			executeWorkflow: unsupported('Executing a sub-workflow'),
			getRunExecutionData: async () => undefined,
			getRuntimeCredential: async () => undefined,
			startRunnerTask: unsupported('A task runner'),
			logAiEvent: () => {},
		};
		return data as IWorkflowExecuteAdditionalData;
	}

	private async handle(req: IncomingMessage, rawRes: ServerResponse): Promise<void> {
		const res = expressResponse(rawRes);
		const url = new URL(req.url ?? '/', this.baseUrl);
		const call: ReceivedCall = { path: url.pathname, status: 0, responseBody: '' };
		this.calls.push(call);
		const chunks: Buffer[] = [];
		const write = rawRes.write.bind(rawRes) as (chunk: unknown, ...rest: unknown[]) => boolean;
		const end = rawRes.end.bind(rawRes) as (...args: unknown[]) => ServerResponse;
		rawRes.write = ((chunk: unknown, ...rest: unknown[]) => {
			if (chunk !== undefined && chunk !== null && typeof chunk !== 'function')
				chunks.push(Buffer.from(chunk as string));
			return write(chunk, ...rest);
		}) as ServerResponse['write'];
		rawRes.end = ((...args: unknown[]) => {
			const [chunk] = args;
			if (chunk !== undefined && chunk !== null && typeof chunk !== 'function')
				chunks.push(Buffer.from(chunk as string));
			call.status = rawRes.statusCode;
			call.responseBody = Buffer.concat(chunks).toString('utf8');
			return end(...args);
		}) as ServerResponse['end'];

		const test = url.pathname.startsWith('/webhook-test/');
		if (req.method !== 'POST' || url.pathname !== new URL(this.webhookUrl(test)).pathname) {
			res.status(404).json({
				code: 404,
				message: `The requested webhook "${req.method} ${url.pathname}" is not registered.`,
			});
			return;
		}
		const mode: WorkflowExecuteMode = test ? 'manual' : 'webhook';
		const raw = await readAll(req);
		const contentType = String(req.headers['content-type'] ?? '')
			.split(';')[0]
			.trim()
			.toLowerCase();
		let body: unknown;
		try {
			body = parseBody(contentType, raw);
		} catch (error) {
			res
				.status(422)
				.json({ message: 'Failed to parse request body', hint: (error as Error).message });
			return;
		}
		const request = Object.assign(req, {
			body,
			rawBody: raw,
			contentType,
			query: Object.fromEntries(url.searchParams),
			params: {},
		});

		const executionId = randomUUID();
		const additionalData = this.additionalData(executionId, mode);
		additionalData.httpRequest =
			request as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
		additionalData.httpResponse = res as unknown as IWorkflowExecuteAdditionalData['httpResponse'];
		const workflow = this.workflow();
		const node = workflow.getNode(this.node.name) as INode;
		const nodeType = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const description = this.webhookDescription();
		const webhookData: IWebhookData = {
			httpMethod: 'POST',
			node: node.name,
			path: this.webhookPath(description),
			webhookDescription: description,
			workflowId: this.workflowId,
			workflowExecuteAdditionalData: additionalData,
			isTest: test,
		};

		let result: IWebhookResponseData;
		try {
			if (!nodeType.webhook) throw new Error('Node does not have any webhooks defined');
			const context = new WebhookContext(
				workflow,
				node,
				additionalData,
				mode,
				webhookData,
				[],
				null,
			);
			result = await collectingLogs(
				this.logs,
				async () => (await nodeType.webhook!.call(context)) as IWebhookResponseData,
			);
		} catch (error) {
			call.error = error as Error;
			if (!rawRes.writableEnded)
				res
					.status(500)
					.json({ code: 0, message: 'Workflow Webhook Error: Workflow could not be started!' });
			return;
		}
		call.result = result;
		// LiveWebhooks saves static data once the call is answered
		if (!test) this.saveStaticData(workflow);

		if (result.noWebhookResponse === true) {
			// the node answered itself; n8n sends nothing more
			if (!rawRes.writableEnded) rawRes.end();
		} else if (result.workflowData === undefined) {
			res.status(200).json(result.webhookResponse ?? { message: 'Webhook call received' });
			return;
		} else {
			res.status(200).json(result.webhookResponse ?? { message: 'Workflow was started' });
		}
		if (result.workflowData === undefined) return;

		const runExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [{ node, data: { main: result.workflowData }, source: null }],
			},
		});
		const runData = this.additionalData(executionId, mode);
		call.run = collectingLogs(
			this.logs,
			async () =>
				await new WorkflowExecute(runData, mode, runExecutionData).processRunExecutionData(
					workflow,
				),
		);
	}
}
