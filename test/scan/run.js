#!/usr/bin/env node
// npm run scan: n8n's verification scanner (@n8n/scan-community-package) on this package, the
// way its analyzePackageByName scans a published one, without the registry: its lint legs
// only. Provenance and the attested source checkout exist only for a published version; the
// release workflow publishes with --provenance (see .github/workflows/release.yml).
//   1. The source: package.json and {nodes,credentials}/**/*.{js,ts,json} of this clone
//      (the scanner's SOURCE_FILE_PATTERNS).
//   2. The tarball: `npm pack` into a temp folder, extracted, then **/*.js and package.json.
// Before both, a canary: a package with one known violation must fail, so a scanner that
// matched no files or loaded no rules cannot pass this silently. Needs the build (dist/).
// Exits non-zero on any finding. No network is used.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const glob = require('fast-glob');

const ROOT = path.resolve(__dirname, '..', '..');
const SCANNER_DIR = path.dirname(require.resolve('@n8n/scan-community-package/package.json'));
const SCANNER_VERSION = require('@n8n/scan-community-package/package.json').version;
// The tarball leg's patterns, as analyzePackageByName passes them.
const DIST_FILE_PATTERNS = ['**/*.js', 'package.json'];
// What analyzePackage lints: the same ignores it applies.
const IGNORE = ['node_modules/**', '**/package-lock.json'];

function run(cmd, args, options) {
	const result = spawnSync(cmd, args, { encoding: 'utf8', ...options });
	if (result.status !== 0) {
		throw new Error(
			`${cmd} ${args.join(' ')} failed (${result.status ?? result.signal}):\n${result.stderr || result.stdout}`,
		);
	}
	return result.stdout;
}

/** Runs one leg; returns true when it passed. A leg that found no files fails. */
async function leg(analyzePackage, label, dir, patterns) {
	const files = glob.sync(patterns, { cwd: dir, ignore: IGNORE });
	if (files.length === 0) {
		console.log(`FAIL ${label}: no files match ${patterns.join(', ')} in ${dir}`);
		return false;
	}
	const result = await analyzePackage(dir, patterns);
	if (result.passed) {
		console.log(`ok   ${label}: ${files.length} files, no findings`);
		return true;
	}
	console.log(`FAIL ${label}: ${result.message}`);
	if (result.details) console.log(result.details);
	return false;
}

/** A package the scanner must reject: a node that writes to the console ('no-console'). */
async function canary(analyzePackage, tmp) {
	const dir = path.join(tmp, 'canary');
	fs.mkdirSync(path.join(dir, 'nodes', 'Canary'), { recursive: true });
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
	fs.writeFileSync(
		path.join(dir, 'nodes', 'Canary', 'Canary.node.js'),
		"'use strict';\nconsole.log('canary');\nmodule.exports = {};\n",
	);
	const result = await analyzePackage(dir, DIST_FILE_PATTERNS);
	if (!result.passed && /no-console/.test(result.details ?? '')) {
		console.log('ok   canary: a node calling console.log is rejected (no-console)');
		return true;
	}
	console.log(
		`FAIL canary: the scanner did not reject a node calling console.log (${result.message ?? 'passed'})`,
	);
	return false;
}

function packTarball(tmp) {
	const packDir = path.join(tmp, 'pack');
	fs.mkdirSync(packDir);
	// --ignore-scripts: only what the files list ships, no lifecycle script runs.
	const out = run(
		'npm',
		['pack', '--json', '--ignore-scripts', '--pack-destination', packDir, ROOT],
		{ cwd: ROOT },
	);
	const [info] = JSON.parse(out);
	const tarball = path.join(packDir, info.filename);
	const dir = path.join(tmp, 'package');
	fs.mkdirSync(dir);
	run('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1']);
	return { dir, name: `${info.name}@${info.version}`, count: info.entryCount };
}

async function main() {
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const listed = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	const missing = listed.filter((f) => !fs.existsSync(path.join(ROOT, f)));
	if (missing.length) {
		console.log(`FAIL build output missing (run npm run build first): ${missing.join(', ')}`);
		return false;
	}
	// The scanner makes a temp folder when it loads (for analyzePackageByName's downloads);
	// its tmp removes that folder at exit only with graceful clean-up on.
	require(require.resolve('tmp', { paths: [SCANNER_DIR] })).setGracefulCleanup();
	const scanner = await import(
		require('url').pathToFileURL(path.join(SCANNER_DIR, 'scanner', 'scanner.mjs')).href
	);
	const { analyzePackage, SOURCE_FILE_PATTERNS } = scanner;
	if (typeof analyzePackage !== 'function' || !Array.isArray(SOURCE_FILE_PATTERNS)) {
		console.log(
			`FAIL @n8n/scan-community-package ${SCANNER_VERSION} no longer exports analyzePackage`,
		);
		return false;
	}
	console.log(`n8n scanner @n8n/scan-community-package ${SCANNER_VERSION}`);
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-bitrix24-scan-'));
	try {
		let ok = await canary(analyzePackage, tmp);
		ok = (await leg(analyzePackage, 'source', ROOT, SOURCE_FILE_PATTERNS)) && ok;
		const packed = packTarball(tmp);
		ok =
			(await leg(analyzePackage, `tarball ${packed.name}`, packed.dir, DIST_FILE_PATTERNS)) && ok;
		return ok;
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}
}

main().then(
	(ok) => {
		console.log(ok ? 'scan passed' : 'scan failed');
		process.exitCode = ok ? 0 : 1;
	},
	(error) => {
		console.log(`FAIL ${error.stack || error}`);
		console.log('scan failed');
		process.exitCode = 1;
	},
);
