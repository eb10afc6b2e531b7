'use strict';
// Turns workflows.json and the portal's connection details into the files n8n's CLI imports:
// credentials (plain `data`; n8n encrypts it on import) and one workflow per file.
//
// CLI (used by start.sh): node fixtures.js example <portal.json> <out dir>
//   where portal.json is the line the portal CLI prints; writes <out>/credentials.json (the
//   webhook credential, and the OAuth2 one without tokens, ready for "Connect") and
//   <out>/workflows/<id>.json (the example workflows).

const fs = require('fs');
const path = require('path');

const SPEC = JSON.parse(fs.readFileSync(path.join(__dirname, 'workflows.json'), 'utf8'));
const PLACEHOLDER = /__([A-Z0-9_]+)__/g;
const WHOLE_PLACEHOLDER = /^__([A-Z0-9_]+)__$/;

/** Replaces __NAME__ with vars.NAME; a string that is one placeholder takes the value as is. */
function fill(value, vars) {
	if (typeof value === 'string') {
		const whole = WHOLE_PLACEHOLDER.exec(value);
		if (whole && whole[1] in vars) return vars[whole[1]];
		return value.replace(PLACEHOLDER, (text, key) => (key in vars ? String(vars[key]) : text));
	}
	if (Array.isArray(value)) return value.map((v) => fill(v, vars));
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, vars)]));
	}
	return value;
}

/** The placeholders a portal provides (its connection details, as the portal CLI prints them). */
function portalVars(portal) {
	const https = /^https:/i.test(portal.url);
	return {
		PORTAL_URL: portal.url,
		WEBHOOK_URL: portal.webhookUrl,
		CLIENT_ID: portal.clientId,
		CLIENT_SECRET: portal.clientSecret,
		TOKEN_URL: portal.tokenUrl,
		AUTHORIZE_URL: portal.authorizeUrl,
		PORTAL_IS_HTTP: !https,
		// The portal's https mode uses a self-signed certificate.
		PORTAL_IS_HTTPS: https,
	};
}

/** A credential to import; a field whose placeholder has no value is left out. */
function credential(key, vars) {
	const { id, name, type, data } = SPEC.credentials[key];
	const filled = Object.entries(fill(data, vars)).filter(
		([, v]) => !(typeof v === 'string' && WHOLE_PLACEHOLDER.test(v)),
	);
	return { id, name, type, data: Object.fromEntries(filled) };
}

/** A manual trigger wired to each of the given nodes, as n8n's own export writes a workflow. */
function workflow({ id, name, nodes }, vars) {
	const trigger = {
		id: 'b24-trigger',
		name: 'Start',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const built = nodes.map((node, index) => {
		const cred = node.credential ? SPEC.credentials[node.credential] : undefined;
		return {
			id: `b24-node-${index + 1}`,
			name: node.name,
			type: node.type,
			typeVersion: node.typeVersion,
			position: [320, index * 200],
			parameters: fill(node.parameters, vars),
			...(cred ? { credentials: { [cred.type]: { id: cred.id, name: cred.name } } } : {}),
		};
	});
	return {
		id,
		name,
		active: false,
		nodes: [trigger, ...built],
		connections: {
			Start: { main: [built.map((node) => ({ node: node.name, type: 'main', index: 0 }))] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

function workflows(group, vars) {
	return Object.fromEntries(
		Object.entries(SPEC[group]).map(([key, spec]) => [key, workflow(spec, vars)]),
	);
}

function writeJson(file, value) {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, JSON.stringify(value, null, 2));
}

function writeWorkflows(dir, list) {
	fs.mkdirSync(dir, { recursive: true });
	for (const wf of list) writeJson(path.join(dir, `${wf.id}.json`), wf);
}

module.exports = { SPEC, portalVars, credential, workflows, writeJson, writeWorkflows };

if (require.main === module) {
	const [mode, portalFile, outDir] = process.argv.slice(2);
	if (mode !== 'example' || !portalFile || !outDir) {
		console.error('usage: node fixtures.js example <portal.json> <out dir>');
		process.exit(2);
	}
	const vars = portalVars(JSON.parse(fs.readFileSync(portalFile, 'utf8')));
	writeJson(path.join(outDir, 'credentials.json'), [
		credential('webhook', vars),
		credential('oauth2', vars),
	]);
	writeWorkflows(path.join(outDir, 'workflows'), Object.values(workflows('example', vars)));
}
