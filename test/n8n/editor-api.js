'use strict';
// n8n's REST API as its editor uses it, for the checks that need a running n8n and a signed-in
// user: the owner account and its session cookie, a manual run from a trigger (the editor's
// "Fetch Test Event"), an execution's outcome, and deactivation. Works with n8n 1.x and 2.x.

const OWNER = {
	email: 'owner@example.com',
	firstName: 'Test',
	lastName: 'Owner',
	password: 'Test-Owner-1234',
};
// n8n ties the session cookie to the browser that signed in
const BROWSER_ID = 'n8n-nodes-bitrix24-test-browser';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

class EditorApi {
	constructor(baseUrl) {
		this.baseUrl = baseUrl;
		this.cookie = '';
	}

	async request(method, path, body) {
		const response = await fetch(`${this.baseUrl}${path}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': BROWSER_ID,
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		for (const line of response.headers.getSetCookie?.() ?? []) {
			const match = /^(n8n-auth=[^;]*)/.exec(line);
			if (match) this.cookie = match[1];
		}
		const text = await response.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = { text };
		}
		return { status: response.status, body: json };
	}

	/** Resolves when n8n answers its REST API, or false after `timeoutMs`. */
	async ready(timeoutMs, stillRunning = () => true) {
		const until = Date.now() + timeoutMs;
		while (Date.now() < until && stillRunning()) {
			try {
				const { status } = await this.request('GET', '/rest/settings');
				if (status === 200) return true;
			} catch {
				// not listening yet
			}
			await sleep(500);
		}
		return false;
	}

	/** Sets up the owner on a new instance, or signs in as the owner set up before. */
	async signIn() {
		const setup = await this.request('POST', '/rest/owner/setup', OWNER);
		if (setup.status === 200 && this.cookie) return true;
		const login = await this.request('POST', '/rest/login', {
			emailOrLdapLoginId: OWNER.email,
			email: OWNER.email,
			password: OWNER.password,
		});
		return login.status === 200 && this.cookie !== '';
	}

	async workflow(id) {
		const { status, body } = await this.request('GET', `/rest/workflows/${id}`);
		return status === 200 ? body.data : undefined;
	}

	/** The editor's run from one trigger: `{ executionId }` or `{ waitingForWebhook: true }`. */
	async runFromTrigger(workflow, triggerName) {
		const { status, body } = await this.request('POST', `/rest/workflows/${workflow.id}/run`, {
			workflowData: workflow,
			triggerToStartFrom: { name: triggerName },
		});
		return { status, data: body.data ?? body };
	}

	/** The execution's status once it has finished ('success', 'error' ...), or undefined. */
	async finishedStatus(executionId, timeoutMs) {
		const until = Date.now() + timeoutMs;
		while (Date.now() < until) {
			const { status, body } = await this.request('GET', `/rest/executions/${executionId}`);
			const execution = body.data;
			if (status === 200 && execution && (execution.finished || execution.stoppedAt))
				return execution.status ?? (execution.finished ? 'success' : 'error');
			await sleep(500);
		}
		return undefined;
	}

	async deactivate(id) {
		return await this.request('POST', `/rest/workflows/${id}/deactivate`, {});
	}
}

module.exports = { EditorApi, OWNER };
