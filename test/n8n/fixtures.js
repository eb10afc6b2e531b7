'use strict';
// Turns workflows.json and the portal's announcement line into the files n8n's CLI imports:
// credentials (plain `data`; n8n encrypts it on import) and one workflow per file.
//
// CLI (used by start.sh): node fixtures.js example <portal.json> <out dir>
//   writes <out>/credentials.json (the webhook credential) and <out>/workflows/<id>.json.

const fs = require('fs');
const path = require('path');

const SPEC = JSON.parse(fs.readFileSync(path.join(__dirname, 'workflows.json'), 'utf8'));

function fill(value, vars) {
	if (typeof value === 'string') {
		return value.replace(/__([A-Z0-9_]+)__/g, (whole, key) => (key in vars ? String(vars[key]) : whole));
	}
	if (Array.isArray(value)) return value.map((v) => fill(v, vars));
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, vars)]));
	}
	return value;
}

/** A manual trigger fanned out to the given nodes, as n8n's workflow export writes it. */
function buildWorkflow({ id, name, nodes }, vars) {
	const trigger = {
		id: 'b24-trigger',
		name: 'Start',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const built = nodes.map((node, index) => {
		const credential = SPEC.credentials[node.credential];
		return {
			id: `b24-node-${index + 1}`,
			name: node.name,
			type: node.type,
			typeVersion: node.typeVersion,
			position: [300, index * 200],
			parameters: fill(node.parameters, vars),
			...(credential ? { credentials: { [credential.type]: { id: credential.id, name: credential.name } } } : {}),
		};
	});
	return {
		id,
		name,
		active: false,
		nodes: [trigger, ...built],
		connections: { Start: { main: [built.map((node) => ({ node: node.name, type: 'main', index: 0 }))] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

function testWorkflows(vars) {
	return Object.fromEntries(
		Object.entries(SPEC.test).map(([key, t]) => [key, buildWorkflow({ id: t.id, name: t.name, nodes: [t.node] }, vars)]),
	);
}

function exampleWorkflows(vars) {
	return Object.values(SPEC.example).map((e) => buildWorkflow(e, vars));
}

function isHttps(url) {
	return /^https:/i.test(url);
}

function webhookCredential(portal) {
	const c = SPEC.credentials.webhook;
	return {
		id: c.id,
		name: c.name,
		type: c.type,
		data: {
			webhookUrl: portal.webhookUrl,
			allowHttp: !isHttps(portal.webhookUrl),
			// The portal's https mode uses a self-signed certificate.
			ignoreSslIssues: isHttps(portal.webhookUrl),
		},
	};
}

/** An OAuth2 credential as n8n stores one after the user has connected it. */
function oauth2Credential(portal, oauthTokenData) {
	const c = SPEC.credentials.oauth2;
	return {
		id: c.id,
		name: c.name,
		type: c.type,
		data: {
			portalUrl: portal.url,
			clientId: portal.clientId,
			clientSecret: portal.clientSecret,
			accessTokenUrl: portal.tokenUrl,
			authUrl: portal.authorizeUrl,
			authentication: 'body',
			grantType: 'authorizationCode',
			scope: '',
			authQueryParameters: '',
			ignoreSSLIssues: isHttps(portal.url),
			oauthTokenData,
		},
	};
}

function writeJson(file, value) {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, JSON.stringify(value, null, 2));
}

function writeWorkflows(dir, workflows) {
	fs.mkdirSync(dir, { recursive: true });
	for (const wf of workflows) writeJson(path.join(dir, `${wf.id}.json`), wf);
}

module.exports = {
	SPEC,
	testWorkflows,
	exampleWorkflows,
	webhookCredential,
	oauth2Credential,
	writeJson,
	writeWorkflows,
};

if (require.main === module) {
	const [mode, portalFile, outDir] = process.argv.slice(2);
	if (mode !== 'example' || !portalFile || !outDir) {
		console.error('usage: node fixtures.js example <portal.json> <out dir>');
		process.exit(2);
	}
	const portal = JSON.parse(fs.readFileSync(portalFile, 'utf8'));
	writeJson(path.join(outDir, 'credentials.json'), [webhookCredential(portal)]);
	writeWorkflows(path.join(outDir, 'workflows'), exampleWorkflows({ PORTAL_URL: portal.url }));
}
