import type {
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
	ResourceMapperFields,
} from 'n8n-workflow';

import { filterLoadOptions } from '../methods/filter-values';
import { listSearch as recordSearches } from '../methods/list-search';
import { loadOptions as recordLoadOptions } from '../methods/load-options';
import { resourceMapping as recordMappings } from '../methods/resource-mapping';
import { AREAS, resources } from './areas';
import type { Operation } from './types';

type LoadOptions = Record<string, (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>>;
type ListSearches = Record<
	string,
	(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	) => Promise<INodeListSearchResult>
>;

/** resource -> operation -> implementation; a pair declared twice is a mistake and fails at load. */
function operationMap(): Map<string, Map<string, Operation>> {
	const map = new Map<string, Map<string, Operation>>();
	for (const resource of resources) {
		if (map.has(resource.value))
			throw new Error(`Bitrix24 node: resource "${resource.value}" is declared twice`);
		const operations = new Map<string, Operation>();
		for (const entry of resource.operations) {
			if (operations.has(entry.value)) {
				throw new Error(
					`Bitrix24 node: operation "${entry.value}" of resource "${resource.value}" is declared twice`,
				);
			}
			operations.set(entry.value, entry.operation);
		}
		map.set(resource.value, operations);
	}
	return map;
}

/** Methods of several areas under one name space: a name used twice would silently drop one, so it fails at load. */
export function mergeByName<T>(
	kind: string,
	groups: Array<Record<string, T> | undefined>,
): Record<string, T> {
	const merged: Record<string, T> = {};
	for (const group of groups) {
		for (const [name, method] of Object.entries(group ?? {})) {
			if (name in merged)
				throw new Error(`Bitrix24 node: the ${kind} method "${name}" is declared twice`);
			merged[name] = method;
		}
	}
	return merged;
}

const OPERATIONS = operationMap();

export function findOperation(resource: string, operation: string): Operation | undefined {
	return OPERATIONS.get(resource)?.get(operation);
}

export const loadOptions: LoadOptions = mergeByName('load-options', [
	recordLoadOptions,
	filterLoadOptions,
	...AREAS.map((area) => area.loadOptions),
]);

export const listSearch: ListSearches = mergeByName('list-search', [
	recordSearches,
	...AREAS.map((area) => area.listSearch),
]);

export const resourceMapping: Record<
	string,
	(this: ILoadOptionsFunctions) => Promise<ResourceMapperFields>
> = mergeByName('resource-mapping', [recordMappings, ...AREAS.map((area) => area.resourceMapping)]);
