/**
 * The credential side of an n8n instance, without a database: a store of plain credential
 * data and a credentials helper with the semantics of n8n's own
 * (packages/cli/src/credentials-helper.ts): defaults filled from the type (and its parents),
 * expressions such as `={{$self.portalUrl}}` resolved, `authenticate` as a function or a
 * generic `{headers, qs, body, auth}` block, `preAuthentication`, and token updates saved.
 */
import { getAdditionalKeys } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsEncrypted,
	ICredentialsExpressionResolveValues,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	INodeTypes,
	IRequestOptionsSimplified,
	IWorkflowDataProxyAdditionalKeys,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	ICredentials,
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	isExpression,
} from 'n8n-workflow';

import { CredentialTypes } from './credential-types';

export interface StoredCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

export interface CredentialUpdate {
	id: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

/** What n8n's credentials table holds, decrypted. Outlives runs, so token rotation carries over. */
export class CredentialStore {
	private readonly byId = new Map<string, StoredCredential>();

	/** Every `updateCredentialsOauthTokenData` call, with the credential's data after it. */
	readonly updates: CredentialUpdate[] = [];

	constructor(credentials: StoredCredential[]) {
		for (const credential of credentials) this.byId.set(credential.id, structuredClone(credential));
	}

	get(id: string): StoredCredential {
		const credential = this.byId.get(id);
		if (!credential) throw new Error(`No stored credential with id "${id}"`);
		return credential;
	}

	/** n8n looks a credential up by id *and* type, and fails the node when either is off. */
	find(details: INodeCredentialsDetails, type: string): StoredCredential {
		const credential = details.id ? this.byId.get(details.id) : undefined;
		if (!credential || credential.type !== type) {
			throw new Error(`Credential with ID "${details.id}" does not exist for type "${type}".`);
		}
		return credential;
	}

	replaceData(id: string, data: ICredentialDataDecryptedObject): void {
		this.get(id).data = structuredClone(data);
	}
}

/** Hidden OAuth endpoint/flow fields belong to the type: n8n ignores stored values for them. */
const PINNED_OAUTH_FIELDS = [
	'authUrl',
	'accessTokenUrl',
	'grantType',
	'authentication',
	'requestTokenUrl',
	'signatureMethod',
];

const mockNode: INode = {
	id: 'credentials',
	name: '',
	type: 'mock',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const noNodeTypes = {
	getByName: () => undefined,
	getByNameAndVersion: () => undefined,
	getKnownTypes: () => ({}),
} as unknown as INodeTypes;

class StoredCredentials extends ICredentials {
	constructor(
		private readonly store: CredentialStore,
		private readonly stored: StoredCredential,
	) {
		super({ id: stored.id, name: stored.name }, stored.type);
	}

	async getData(): Promise<ICredentialDataDecryptedObject> {
		return structuredClone(this.stored.data);
	}

	getDataToSave(): ICredentialsEncrypted {
		return {
			id: this.stored.id,
			name: this.stored.name,
			type: this.stored.type,
			data: JSON.stringify(this.stored.data),
		};
	}

	async setData(data: ICredentialDataDecryptedObject): Promise<void> {
		this.store.replaceData(this.stored.id, data);
	}

	async updateData(
		toUpdate: Partial<ICredentialDataDecryptedObject>,
		toDelete: string[] = [],
	): Promise<void> {
		const data = { ...this.stored.data, ...toUpdate } as ICredentialDataDecryptedObject;
		for (const key of toDelete) delete data[key];
		this.store.replaceData(this.stored.id, data);
	}
}

export class CredentialsHelper extends ICredentialsHelper {
	constructor(
		readonly store: CredentialStore,
		readonly types: CredentialTypes,
	) {
		super();
	}

	getParentTypes(name: string): string[] {
		return this.types.getParentTypes(name);
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.types.getProperties(type);
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		let type;
		try {
			type = this.types.getByName(credentialType);
		} catch {
			return true;
		}
		if (!type.restrictToSupportedNodes) return true;
		const shortName = nodeType.split('.').pop() ?? nodeType;
		return (type.supportedNodes ?? []).some(
			(supported) => supported === nodeType || supported === shortName,
		);
	}

	async getCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentials> {
		return new StoredCredentials(this.store, this.store.find(nodeCredentials, type));
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const data = structuredClone(this.store.find(nodeCredentials, type).data);
		if (raw === true) return data;
		return await this.applyDefaultsAndResolve(
			additionalData,
			data,
			type,
			mode,
			executeData,
			expressionResolveValues,
		);
	}

	private async applyDefaultsAndResolve(
		additionalData: IWorkflowExecuteAdditionalData,
		stored: ICredentialDataDecryptedObject,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		resolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const properties = this.types.getProperties(type);
		const kept = { ...stored };
		for (const field of PINNED_OAUTH_FIELDS) {
			if (properties.some((p) => p.name === field && p.type === 'hidden')) delete kept[field];
		}
		const withDefaults = NodeHelpers.getNodeParameters(
			properties,
			kept as INodeParameters,
			true,
			false,
			null,
			null,
		) as INodeParameters;
		// oauthTokenData is no declared property, so getNodeParameters dropped it.
		if (stored.oauthTokenData !== undefined)
			withDefaults.oauthTokenData = stored.oauthTokenData as INodeParameters;

		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });
		if (resolveValues) {
			const { workflow, runExecutionData, runIndex, itemIndex, node, connectionInputData } =
				resolveValues;
			return workflow.expression.getParameterValue(
				withDefaults,
				runExecutionData,
				runIndex,
				itemIndex,
				node.name,
				connectionInputData,
				mode,
				additionalKeys,
				executeData,
				false,
				withDefaults,
			) as ICredentialDataDecryptedObject;
		}
		const workflow = new Workflow({
			nodes: [mockNode],
			connections: {},
			active: false,
			nodeTypes: noNodeTypes,
		});
		return workflow.expression.getComplexParameterValue(
			mockNode,
			withDefaults,
			mode,
			additionalKeys,
			undefined,
			undefined,
			withDefaults,
		) as ICredentialDataDecryptedObject;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.types.getByName(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (typeof authenticate === 'object' && authenticate.type === 'generic') {
			if (!workflow || !node)
				throw new Error('Workflow and node are required for declarative credential authentication');
			const resolve = (value: string) =>
				resolveCredentialValue(value, { $credentials: credentials }, workflow, node);
			const target = requestOptions as unknown as Record<
				string,
				Record<string, unknown> | undefined
			>;
			target.headers ??= {};
			for (const [outerKey, entries] of Object.entries(authenticate.properties)) {
				for (const [key, value] of Object.entries(entries as Record<string, string>)) {
					target[outerKey] ??= {};
					target[outerKey][resolve(key)] = resolve(value);
				}
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.types.getByName(typeName);
		const expirable = type.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;

		const output = (await type.preAuthentication.call(
			helpers,
			credentials,
		)) as ICredentialDataDecryptedObject;
		if (output[expirable.name] === undefined) return undefined;
		const nodeCredentials = node.credentials?.[type.name];
		if (nodeCredentials) {
			const storedCredentials = await this.getCredentials(nodeCredentials, type.name);
			const stored = await storedCredentials.getData();
			const toPersist = { ...stored };
			for (const [key, value] of Object.entries(output)) {
				if (key === expirable.name || !isExpression(stored[key])) toPersist[key] = value;
			}
			await this.updateCredentials(nodeCredentials, type.name, toPersist);
		}
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const { preAuthentication } = this.types.getByName(typeName);
		if (typeof preAuthentication !== 'function') return undefined;
		return (
			((await preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject) ??
			undefined
		);
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		await (await this.getCredentials(nodeCredentials, type)).setData(data);
	}

	/** Like n8n: only `oauthTokenData` of the passed (decrypted, defaulted) data is written back. */
	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const stored = this.store.find(nodeCredentials, type);
		await (
			await this.getCredentials(nodeCredentials, type)
		).updateData({ oauthTokenData: data.oauthTokenData });
		this.store.updates.push({ id: stored.id, type, data: structuredClone(stored.data) });
	}
}

function resolveCredentialValue(
	value: string,
	additionalKeys: IWorkflowDataProxyAdditionalKeys,
	workflow: Workflow,
	node: INode,
): string {
	if (!isExpression(value)) return value;
	const resolved = workflow.expression.getSimpleParameterValue(
		node,
		value,
		'internal',
		additionalKeys,
		undefined,
		'',
	);
	return resolved ? String(resolved) : '';
}
