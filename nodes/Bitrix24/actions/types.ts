import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodeProperties,
	INodePropertyOptions,
	ResourceMapperFields,
} from 'n8n-workflow';

import type { Envelope, RestCall } from '../../shared/transport';

/** An operation's parameters: as version 1 shows them, and as version 2 does where it differs. */
export interface Described {
	description: INodeProperties[];
	v2Description?: INodeProperties[];
}

/**
 * An operation that needs one REST call per item. It only declares the call and how to read
 * the answer; the router sends the calls of all items together (50 to a batch request).
 */
export interface CallOperation extends Described {
	plan(this: IExecuteFunctions, itemIndex: number): RestCall | Promise<RestCall>;
	shape(
		this: IExecuteFunctions,
		envelope: Envelope,
		itemIndex: number,
		call: RestCall,
	): IDataObject | IDataObject[];
}

/** An operation that drives the transport itself (paging, several dependent calls). */
export interface RunOperation extends Described {
	run(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
}

/**
 * An operation that takes all items at once, for work in phases that must stay batched across
 * items (Create or Update: every item's look-up first, then every write). It answers one entry
 * per item index: the item's data, or an Error the router reports as Continue On Fail says
 * (the operation itself decides what to send when a phase fails without Continue On Fail).
 */
export interface ItemsOperation extends Described {
	runAll(
		this: IExecuteFunctions,
		itemIndexes: number[],
	): Promise<Array<IDataObject | IDataObject[] | Error>>;
}

export type Operation = CallOperation | RunOperation | ItemsOperation;

export interface OperationEntry {
	value: string;
	name: string;
	action: string;
	description: string;
	operation: Operation;
}

export interface Resource {
	value: string;
	name: string;
	description?: string;
	operations: OperationEntry[];
}

export function isCallOperation(operation: Operation): operation is CallOperation {
	return 'plan' in operation;
}

export function isItemsOperation(operation: Operation): operation is ItemsOperation {
	return 'runAll' in operation;
}

/** One API area (crm, tasks, messenger, drive ...): its resources and the lists its parameters load. */
export interface Area {
	resources: Resource[];
	loadOptions?: Record<string, (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>>;
	listSearch?: Record<
		string,
		(
			this: ILoadOptionsFunctions,
			filter?: string,
			paginationToken?: string,
		) => Promise<INodeListSearchResult>
	>;
	/** resource mapper methods (the columns of a `resourceMapper` parameter) */
	resourceMapping?: Record<string, (this: ILoadOptionsFunctions) => Promise<ResourceMapperFields>>;
}

/** The operation with `change` applied to its parameters of every version. */
export function withDescriptions<T extends Described>(
	operation: T,
	change: (properties: INodeProperties[]) => INodeProperties[],
): T {
	return {
		...operation,
		description: change(operation.description),
		...(operation.v2Description ? { v2Description: change(operation.v2Description) } : {}),
	};
}
