/**
 * Loads this package's nodes and credentials the way n8n loads a community package: from
 * the files its package.json lists under `n8n.nodes` / `n8n.credentials`, instantiating
 * the class named after each file (`Bitrix24.node.js` → `Bitrix24`). The listed paths
 * point at `dist/`; the tests run the same sources compiled to `.build/` (or as TypeScript
 * under ts-jest), so `dist/` is mapped onto the root two levels above this file. A listed
 * file that does not exist yet is skipped.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

import type { ICredentialType, INodeType, IVersionedNodeType } from 'n8n-workflow';

export const PACKAGE_NAME = 'n8n-nodes-bitrix24';

const sourceRoot = resolve(__dirname, '..', '..');

interface PackageManifest {
	name: string;
	n8n?: { nodes?: string[]; credentials?: string[] };
}

function findManifest(): PackageManifest {
	for (let dir = sourceRoot; ; dir = dirname(dir)) {
		const file = join(dir, 'package.json');
		if (existsSync(file)) {
			const manifest = JSON.parse(readFileSync(file, 'utf8')) as PackageManifest;
			if (manifest.name === PACKAGE_NAME) return manifest;
		}
		if (dirname(dir) === dir)
			throw new Error(`package.json of ${PACKAGE_NAME} not found above ${sourceRoot}`);
	}
}

function loadListedClasses<T>(listed: string[] | undefined): T[] {
	const loaded: T[] = [];
	for (const entry of listed ?? []) {
		const modulePath = join(sourceRoot, entry.replace(/^dist\//, '').replace(/\.js$/, ''));
		if (!existsSync(`${modulePath}.js`) && !existsSync(`${modulePath}.ts`)) continue;
		const className = basename(modulePath).split('.')[0];
		let exported: Record<string, new () => T>;
		try {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			exported = require(modulePath) as Record<string, new () => T>;
		} catch (error) {
			throw new Error(
				`Could not load ${entry} (listed in package.json): ${(error as Error).message}`,
			);
		}
		if (typeof exported[className] !== 'function') {
			throw new Error(
				`${entry} (listed in package.json) does not export a class named ${className}`,
			);
		}
		loaded.push(new exported[className]());
	}
	return loaded;
}

function memoize<T>(load: () => T): () => T {
	let value: { loaded: T } | undefined;
	return () => (value ??= { loaded: load() }).loaded;
}

/** Loaded on first use, so a run that needs none of them does not depend on them loading. */
export const packageNodeTypes = memoize(() =>
	loadListedClasses<INodeType | IVersionedNodeType>(findManifest().n8n?.nodes),
);

export const packageCredentialTypes = memoize(() =>
	loadListedClasses<ICredentialType>(findManifest().n8n?.credentials),
);
