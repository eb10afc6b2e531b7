/**
 * Saved workflows are users' property. n8n saves a node's parameters WITHOUT those left at their
 * default, so a changed default (or the first operation of a resource) silently changes what a
 * saved workflow does, and a renamed parameter or option value is silently dropped.
 * test/fixtures/v1-saved-parameters.json was dumped from version 1 as released before the
 * layout change (commit 4b86731): every resource's default operation, and each operation's
 * parameters with their types, defaults, collection options and option values.
 * test/fixtures/v1-saved-parameters-0.1.0.json is the same dump of version 1 as it landed later
 * (commit df39631, 407 operations). test/fixtures/v2-saved-parameters-0.1.0.json is version 2 as
 * it landed first (commit fc6e564, 423 operations). The node of today must still offer all of
 * them unchanged, each in its version.
 */
import type { INodeProperties } from 'n8n-workflow';

import { Bitrix24 } from '../../nodes/Bitrix24/Bitrix24.node';
import saved from '../fixtures/v1-saved-parameters.json';
import saved010 from '../fixtures/v1-saved-parameters-0.1.0.json';
import savedV2 from '../fixtures/v2-saved-parameters-0.1.0.json';

interface Saved {
	type: string;
	default: unknown;
	options?: Record<string, unknown>;
	values?: unknown[];
}

interface Snapshot {
	defaultOperation: Record<string, string>;
	parameters: Record<string, Record<string, Saved>>;
}

const SNAPSHOTS: Array<[string, number, Snapshot, number]> = [
	['before the layout change (4b86731)', 1, saved as unknown as Snapshot, 211],
	['as landed with 407 operations (df39631)', 1, saved010 as unknown as Snapshot, 407],
	['as landed first (fc6e564)', 2, savedV2 as unknown as Snapshot, 423],
];

const node = new Bitrix24();

function shownFor(
	properties: INodeProperties[],
	resource: string,
	operation: string,
): Map<string, INodeProperties> {
	const shown = new Map<string, INodeProperties>();
	for (const property of properties) {
		const show = property.displayOptions?.show;
		if (!show || (!show.resource && !show.operation) || property.name === 'operation') continue;
		if (show.resource && !show.resource.includes(resource)) continue;
		if (show.operation && !show.operation.includes(operation)) continue;
		shown.set(property.name, property);
	}
	return shown;
}

describe.each(SNAPSHOTS)('Saved workflows %s of version %i', (_when, version, v1, count) => {
	const properties = node.nodeVersions[version].description.properties;

	it('default to the same operation of every resource', () => {
		const now: Record<string, unknown> = {};
		for (const property of properties.filter((entry) => entry.name === 'operation')) {
			for (const resource of (property.displayOptions?.show?.resource ?? []) as string[])
				now[resource] = property.default;
		}
		for (const [resource, operation] of Object.entries(v1.defaultOperation))
			expect([resource, now[resource]]).toEqual([resource, operation]);
	});

	it('find every parameter, default, collection option and option value they may hold', () => {
		const problems: string[] = [];
		for (const [key, saved] of Object.entries(v1.parameters)) {
			const [resource, operation] = key.split('/');
			const shown = shownFor(properties, resource, operation);
			for (const [name, before] of Object.entries(saved)) {
				const now = shown.get(name);
				if (!now) {
					problems.push(`${key}: parameter ${name} is gone`);
					continue;
				}
				if (now.type !== before.type)
					problems.push(`${key}: ${name} is ${now.type}, was ${before.type}`);
				if (
					before.type !== 'collection' &&
					before.type !== 'fixedCollection' &&
					JSON.stringify(now.default) !== JSON.stringify(before.default)
				) {
					problems.push(
						`${key}: ${name} defaults to ${JSON.stringify(now.default)}, was ${JSON.stringify(before.default)}`,
					);
				}
				const options = (now.options ?? []) as Array<{
					name: string;
					value?: unknown;
					default?: unknown;
					values?: INodeProperties[];
				}>;
				for (const [option, optionDefault] of Object.entries(before.options ?? {})) {
					const found = options.find((entry) => entry.name === option);
					if (!found) problems.push(`${key}: ${name} lost its option ${option}`);
					else if (
						!found.values &&
						JSON.stringify(found.default) !== JSON.stringify(optionDefault)
					) {
						problems.push(
							`${key}: ${name}.${option} defaults to ${JSON.stringify(found.default)}, was ${JSON.stringify(optionDefault)}`,
						);
					}
				}
				for (const value of before.values ?? []) {
					if (!options.some((entry) => entry.value === value))
						problems.push(`${key}: ${name} lost the value ${String(value)}`);
				}
			}
		}
		expect(problems).toEqual([]);
		expect(Object.keys(v1.parameters).length).toBe(count);
	});
});
