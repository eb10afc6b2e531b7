/**
 * The node's dispatch map and method name spaces: every resource/operation pair is declared
 * once, every load-options / list-search name is declared once across areas, and every name a
 * parameter asks for exists.
 */
import type { INodeProperties } from 'n8n-workflow';

import { Bitrix24 } from '../../nodes/Bitrix24/Bitrix24.node';
import { findOperation, mergeByName } from '../../nodes/Bitrix24/actions/registry';
import { resources } from '../../nodes/Bitrix24/actions/areas';

function walk(properties: INodeProperties[], visit: (property: INodeProperties) => void): void {
	for (const property of properties) {
		visit(property);
		const options = (property.options ?? []) as unknown[];
		for (const option of options) {
			const nested = option as { values?: INodeProperties[]; displayName?: string; type?: string };
			if (Array.isArray(nested.values)) walk(nested.values, visit);
			else if (nested.displayName !== undefined && nested.type !== undefined)
				walk([option as INodeProperties], visit);
		}
	}
}

describe('Operation registry', () => {
	const versions = new Bitrix24().nodeVersions;

	it('refuses a method name declared by two areas instead of silently dropping one', () => {
		const first = async () => [];
		const second = async () => [];
		expect(() => mergeByName('load-options', [{ getUsers: first }, { getUsers: second }])).toThrow(
			/"getUsers" is declared twice/,
		);
		expect(mergeByName('load-options', [{ a: first }, undefined, { b: second }])).toEqual({
			a: first,
			b: second,
		});
	});

	it('has every resource/operation pair once, and dispatches each to its own implementation', () => {
		const pairs = resources.flatMap((resource) =>
			resource.operations.map((entry) => `${resource.value}/${entry.value}`),
		);
		expect(new Set(pairs).size).toBe(pairs.length);
		expect(pairs.length).toBeGreaterThan(200);
		for (const resource of resources) {
			for (const entry of resource.operations)
				expect(findOperation(resource.value, entry.value)).toBe(entry.operation);
		}
		expect(findOperation('deal', 'noSuchOperation')).toBeUndefined();
	});

	it('declares every load-options and list-search method a parameter asks for', () => {
		const wanted = { loadOptions: new Set<string>(), listSearch: new Set<string>() };
		const all = Object.values(versions).flatMap((version) => version.description.properties);
		walk(all, (property) => {
			const method = property.typeOptions?.loadOptionsMethod;
			if (typeof method === 'string') wanted.loadOptions.add(method);
			for (const mode of property.modes ?? []) {
				const search = mode.typeOptions?.searchListMethod;
				if (typeof search === 'string') wanted.listSearch.add(search);
			}
		});
		expect(wanted.loadOptions.size).toBeGreaterThan(5);
		expect(wanted.listSearch.size).toBeGreaterThan(3);
		const methods = versions[2].methods!;
		for (const name of wanted.loadOptions)
			expect(Object.keys(methods.loadOptions!)).toContain(name);
		for (const name of wanted.listSearch) expect(Object.keys(methods.listSearch!)).toContain(name);
	});
});
