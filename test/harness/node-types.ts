import type { IDataObject, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { HttpProbe } from './nodes/http-probe.node';
import { Start } from './nodes/start.node';
import { PACKAGE_NAME, packageNodeTypes } from './package';

/** The harness's own test-only nodes, under the names workflows use for them. */
export const TEST_NODE_TYPES: Record<string, INodeType> = {
	'test.start': new Start(),
	'test.httpProbe': new HttpProbe(),
};

/**
 * The node-type registry a Workflow asks for its nodes' classes. The package's nodes are
 * registered as n8n names a community package's nodes (`n8n-nodes-bitrix24.bitrix24`) and
 * under their bare names; they are loaded only when a workflow uses one.
 */
export class NodeTypes implements INodeTypes {
	private readonly own: Map<string, INodeType | IVersionedNodeType>;

	private packageTypes?: Map<string, INodeType | IVersionedNodeType>;

	constructor(extra: Record<string, INodeType | IVersionedNodeType> = {}) {
		this.own = new Map(Object.entries({ ...TEST_NODE_TYPES, ...extra }));
	}

	private fromPackage(): Map<string, INodeType | IVersionedNodeType> {
		if (!this.packageTypes) {
			this.packageTypes = new Map();
			for (const type of packageNodeTypes()) {
				this.packageTypes.set(`${PACKAGE_NAME}.${type.description.name}`, type);
				this.packageTypes.set(type.description.name, type);
			}
		}
		return this.packageTypes;
	}

	getByName(name: string): INodeType | IVersionedNodeType {
		const type = this.own.get(name) ?? this.fromPackage().get(name);
		if (!type)
			throw new Error(
				`Unknown node type "${name}" (known: ${Object.keys(this.getKnownTypes()).join(', ')})`,
			);
		return type;
	}

	getByNameAndVersion(name: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(name), version);
	}

	getKnownTypes(): IDataObject {
		return Object.fromEntries(
			[...this.own.keys(), ...this.fromPackage().keys()].map((name) => [name, {}]),
		);
	}
}
