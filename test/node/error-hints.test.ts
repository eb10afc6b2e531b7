/**
 * Every common Bitrix24 error reaches the user with its code and a hint saying what to do, in the
 * node's error and in the item Continue On Fail puts out. Where the portal can produce an error by
 * itself (a wrong dialog, a missing scope, an unknown method, a non-admin user) it does; the rest
 * (portal-wide states, token trouble after a refresh) are answered by the portal's fault switch.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { StoredCredential } from '../harness';
import type { FaultSpec, Portal, PortalOptions } from '../portal';
import { demoDeal } from '../portal/seed';
import type { NodeRun } from './support';
import {
	id,
	oauthCredential,
	runNode,
	visibleText,
	webhookCredential,
	withPortal,
} from './support';

const WEBHOOK_CODE = 'hintsportal0code';

interface Case {
	/** what the portal is asked */
	label: string;
	code: string;
	hint: RegExp;
	parameters: INodeParameters;
	/** a portal of its own (its options), else the shared one */
	portal?: PortalOptions;
	fault?: FaultSpec;
	credential?: (portal: Portal) => StoredCredential;
	/** called before each run, e.g. to use up a limit */
	before?: (portal: Portal) => Promise<void>;
}

const call = (method: string, parameters: IDataObject = {}): INodeParameters => ({
	resource: 'method',
	operation: 'call',
	method,
	parameters: JSON.stringify(parameters),
});

const send = (dialogId: string): INodeParameters => ({
	resource: 'message',
	operation: 'send',
	dialogId,
	message: 'Hello',
});

const dealGet = (dealId: number, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'deal',
	operation: 'get',
	recordId: id(dealId),
	...extra,
});

/** about a second: long enough for the call to go out, short enough to give up on its refusal */
const noWait = { requestOptions: { maxWaitMinutes: 0.02 } };

/** n8n sends a request refused with 401 once more (after its credential's pre-authentication). */
const fault = (status: number, code: string, description: string, times = 1): FaultSpec => ({
	kind: 'error',
	error: { status, code, description },
	times: status === 401 ? Math.max(times, 2) : times,
});

const oauth = (scope?: string) => (portal: Portal) =>
	oauthCredential(portal, { ...portal.oauth.issueTokens(scope ? { scope } : {}) });

const DIALOG_FORMS = /chat12.*sg5.*private dialog with user 7/;

const CASES: Case[] = [
	// the messenger: what a wrong dialog or chat ID gets
	{
		label: 'a message to a chat the user is not in',
		code: 'ACCESS_ERROR',
		hint: new RegExp(`not a member of this chat.*${DIALOG_FORMS.source}`),
		parameters: send('chat999'),
	},
	{
		label: 'a message to chat0',
		code: 'CHAT_ID_EMPTY',
		hint: new RegExp(`12 for chat12.*${DIALOG_FORMS.source}`),
		parameters: send('chat0'),
	},
	{
		label: 'a message to user 0',
		code: 'USER_ID_EMPTY',
		hint: new RegExp(`the user's ID, a positive number.*${DIALOG_FORMS.source}`),
		parameters: send('0'),
	},
	{
		label: 'a message to a user who does not exist',
		code: 'USER_NOT_FOUND',
		hint: /No active user has this ID/,
		parameters: send('999'),
	},
	{
		label: 'im.dialog.get of a malformed dialog',
		code: 'DIALOG_ID_EMPTY',
		hint: new RegExp(`no dialog in DIALOG_ID.*${DIALOG_FORMS.source}`),
		parameters: call('im.dialog.get', { DIALOG_ID: 'group1' }),
	},
	{
		label: 'a chat of someone else renamed',
		code: 'ACCESS_ERROR',
		hint: /not a member of this chat.*im\.chat\.updateTitle/,
		parameters: call('im.chat.updateTitle', { CHAT_ID: 999, TITLE: 'Mine now' }),
	},
	// credentials and permissions
	{
		label: 'a deal read through a webhook without the crm scope',
		code: 'insufficient_scope',
		hint: /lacks the "crm" scope that crm\.deal\.get needs.*incoming webhook's permissions/,
		parameters: dealGet(1),
		portal: { webhook: { userId: 1, code: WEBHOOK_CODE, scope: ['im', 'user'] } },
	},
	{
		label: 'a message sent with an OAuth token granted only crm',
		code: 'insufficient_scope',
		hint: /lacks the "im" scope that im\.message\.add needs/,
		parameters: { authentication: 'bitrix24OAuth2Api', ...send('chat1') },
		credential: oauth('crm'),
	},
	{
		label: 'an admin-only method called by a manager',
		code: 'ACCESS_DENIED',
		hint: /lacks the rights for bizproc\.workflow\.instances.*administrator rights/,
		parameters: call('bizproc.workflow.instances'),
		portal: { webhook: { userId: 2, code: WEBHOOK_CODE } },
	},
	{
		label: 'a portal on a plan without REST',
		code: 'ACCESS_DENIED',
		hint: /plan does not include the REST API/,
		parameters: dealGet(1),
		fault: fault(401, 'ACCESS_DENIED', 'REST is available only on commercial plans'),
	},
	{
		label: 'event.get through a webhook',
		code: 'WRONG_AUTH_TYPE',
		hint: /event\.get works only with an application's OAuth token/,
		parameters: call('event.get'),
	},
	{
		label: 'an application its administrator opened to other users only',
		code: 'user_access_error',
		hint: /gave access to it only to some users/,
		parameters: dealGet(1),
		fault: fault(401, 'user_access_error', 'The user does not have access to the application.'),
	},
	{
		label: 'a token refused again after the refresh',
		code: 'expired_token',
		hint: /reconnect it/,
		parameters: { authentication: 'bitrix24OAuth2Api', ...dealGet(1) },
		credential: oauth(),
		fault: { kind: 'expiredToken', times: 2 },
	},
	{
		label: 'a token the portal does not know, after the refresh',
		code: 'invalid_token',
		hint: /reconnect it/,
		parameters: { authentication: 'bitrix24OAuth2Api', ...dealGet(1) },
		credential: oauth(),
		fault: fault(401, 'invalid_token', 'Unable to get application by token', 2),
	},
	{
		label: 'a request that arrived without authorization',
		code: 'NO_AUTH_FOUND',
		hint: /without a webhook code or an access token/,
		parameters: dealGet(1),
		fault: fault(401, 'NO_AUTH_FOUND', 'Wrong authorization data'),
	},
	{
		label: 'a webhook URL with a wrong code',
		code: 'INVALID_CREDENTIALS',
		hint: /Copy the URL again/,
		parameters: dealGet(1),
		credential: (portal) =>
			webhookCredential(portal, {
				webhookSecretUrl: portal.webhookUrl.replace(portal.webhook.code, 'wrongcode1234567'),
			}),
	},
	{
		label: 'plain http to a portal that wants https',
		code: 'INVALID_REQUEST',
		hint: /only https:\/\//,
		parameters: dealGet(1),
		portal: { requireHttps: true },
	},
	{
		label: 'a closed portal',
		code: 'PORTAL_DELETED',
		hint: /deleted or its public part is closed/,
		parameters: dealGet(1),
		fault: fault(403, 'PORTAL_DELETED', 'Portal was deleted'),
	},
	// records and parameters
	{
		label: 'a CRM item that does not exist',
		code: 'NOT_FOUND',
		hint: /does not exist, or the user behind the credential cannot see it.*crm\.item\.get/,
		parameters: { resource: 'crmItem', operation: 'get', entityTypeId: 2, itemId: id(99999) },
	},
	{
		label: 'a Drive folder that does not exist',
		code: 'ERROR_NOT_FOUND',
		hint: /does not exist.*disk\.folder\.get/,
		parameters: call('disk.folder.get', { id: 999999 }),
	},
	{
		label: 'an open-line CRM chat asked for without its entity type',
		code: 'ERROR_ARGUMENT',
		hint: /refused parameter CRM_ENTITY_TYPE of imopenlines\.crm\.chat\.get/,
		parameters: call('imopenlines.crm.chat.get', { CRM_ENTITY: 1 }),
	},
	{
		label: 'a Drive folder asked for without its ID',
		code: 'ERROR_ARGUMENT',
		hint: /refused a parameter of disk\.folder\.get/,
		parameters: call('disk.folder.get'),
	},
	{
		label: 'a task for a responsible person who does not exist',
		code: 'ERROR_CORE',
		hint: /could not carry out tasks\.task\.add; its message above says why/,
		parameters: call('tasks.task.add', { fields: { TITLE: 'Orphan', RESPONSIBLE_ID: 999 } }),
	},
	{
		label: 'a method that does not exist',
		code: 'ERROR_METHOD_NOT_FOUND',
		hint: /crm\.nothing\.here does not exist on this portal/,
		parameters: call('crm.nothing.here'),
	},
	{
		label: 'a batch inside a batch',
		code: 'ERROR_BATCH_METHOD_NOT_ALLOWED',
		hint: /batch cannot run inside a batch.*Method > Call/,
		parameters: {
			resource: 'batch',
			operation: 'execute',
			commands: { command: [{ key: 'inner', method: 'batch', parameters: '{"cmd": {}}' }] },
		},
	},
	{
		label: 'a batch the portal finds too long',
		code: 'ERROR_BATCH_LENGTH_EXCEEDED',
		hint: /at most 50 commands.*Split/,
		parameters: {
			resource: 'batch',
			operation: 'execute',
			commands: { command: [{ key: 'one', method: 'crm.deal.get', parameters: '{"id": 1}' }] },
		},
		fault: {
			...fault(400, 'ERROR_BATCH_LENGTH_EXCEEDED', 'Max batch length exceeded'),
			method: 'batch',
		},
	},
	// limits and the portal's own failures
	{
		label: 'a portal whose request bucket is empty',
		code: 'QUERY_LIMIT_EXCEEDED',
		hint: /request rate limit.*Max Wait for Limits/,
		parameters: dealGet(1, noWait),
		portal: { bucket: { capacity: 1, drainPerSecond: 0.001 } },
		before: async (portal) => {
			portal.limits.resetBucket();
			await fetch(`${portal.webhookUrl}profile`);
		},
	},
	{
		label: 'a method over its operating time',
		code: 'OPERATION_TIME_LIMIT',
		hint: /crm\.deal\.get used up its operating-time budget/,
		parameters: dealGet(1, noWait),
		portal: {
			operatingLimit: { windowSeconds: 600, maxSeconds: 1 },
			methodCostSeconds: { 'crm.deal.get': 5 },
		},
		before: async (portal) => {
			portal.limits.resetOperating();
			await fetch(`${portal.webhookUrl}crm.deal.get?id=1`);
		},
	},
	{
		label: 'a portal blocked for overload',
		code: 'OVERLOAD_LIMIT',
		hint: /blocked the REST API of this portal because of overload.*support/,
		parameters: dealGet(1, noWait),
		fault: fault(503, 'OVERLOAD_LIMIT', 'REST API is blocked due to overload.', 20),
	},
	{
		label: 'a create the portal failed inside',
		code: 'INTERNAL_SERVER_ERROR',
		hint: /failed inside crm\.deal\.add.*check the record/,
		parameters: { resource: 'deal', operation: 'create', title: 'Maybe' },
		fault: { kind: 'status500', method: 'crm.deal.add' },
	},
	{
		label: 'an unexpected answer of the portal to a create',
		code: 'ERROR_UNEXPECTED_ANSWER',
		hint: /failed inside crm\.deal\.add/,
		parameters: { resource: 'deal', operation: 'create', title: 'Maybe' },
		fault: {
			...fault(500, 'ERROR_UNEXPECTED_ANSWER', 'Server returned an unexpected response.'),
			method: 'crm.deal.add',
		},
	},
];

interface ShownError {
	message: string;
	description: string;
}

function shownError(run: NodeRun): ShownError {
	const error = run.result.error as (Error & { description?: string }) | undefined;
	expect(error).toBeDefined();
	return { message: error!.message, description: error!.description ?? '' };
}

describe('Bitrix24 errors come with their code and a hint', () => {
	let shared: Portal;
	const own = new Map<Case, Portal>();
	beforeAll(async () => {
		shared = await withPortal({ demo: { deals: 10 } });
		for (const entry of CASES)
			if (entry.portal) own.set(entry, await withPortal({ demo: { deals: 3 }, ...entry.portal }));
	});
	afterAll(async () => {
		await shared.close();
		for (const portal of own.values()) await portal.close();
	});

	async function runCase(
		entry: Case,
		continueOnFail: boolean,
	): Promise<{ run: NodeRun; portal: Portal }> {
		const portal = own.get(entry) ?? shared;
		portal.faults.clear();
		await entry.before?.(portal);
		if (entry.fault) portal.faults.inject(entry.fault);
		const credential = entry.credential?.(portal);
		const run = await runNode(portal, entry.parameters, { credential, continueOnFail });
		portal.faults.clear();
		return { run, portal };
	}

	it.each(CASES.map((entry) => [entry.code, entry.label, entry] as const))(
		'%s: %s',
		async (_code, _label, entry) => {
			const { run, portal } = await runCase(entry, false);
			const error = shownError(run);
			expect(error.message).toContain(`[${entry.code}]`);
			expect(error.description).toMatch(entry.hint);
			expect(visibleText(run)).not.toContain(portal.webhook.code);

			const kept = await runCase(entry, true);
			expect(kept.run.result.error).toBeUndefined();
			expect(kept.run.json).toHaveLength(1);
			const item = kept.run.json[0];
			expect(item.code).toBe(entry.code);
			expect(String(item.error)).toContain(`[${entry.code}]`);
			expect(String(item.description)).toMatch(entry.hint);
			expect(visibleText(kept.run)).not.toContain(kept.portal.webhook.code);
		},
	);

	it('old CRM methods answer an empty code: "Not found" still gets the hint, item by item', async () => {
		shared.resetRequests();
		const run = await runNode(
			shared,
			{
				resource: 'deal',
				operation: 'get',
				recordId: { __rl: true, mode: 'id', value: '={{ $json.deal }}' },
			},
			{ items: [{ deal: 2 }, { deal: 99999 }], continueOnFail: true },
		);
		// both items went out in one batch; the second command failed inside it
		expect(shared.restRequests().map((request) => request.restMethod)).toEqual(['batch']);
		expect(run.json).toHaveLength(2);
		expect(run.json[0].TITLE).toBe(demoDeal(2).TITLE);
		expect(run.json[1].error).toMatch(/Not found/);
		expect(run.json[1].description).toMatch(
			/does not exist, or the user behind the credential cannot see it.*crm\.deal\.get/,
		);
		expect(run.items[1].pairedItem).toEqual({ item: 1 });
	});

	it('a whole batch refused names each item and the method it carried', async () => {
		shared.faults.inject({
			...fault(403, 'PORTAL_DELETED', 'Portal was deleted'),
			method: 'batch',
		});
		const run = await runNode(
			shared,
			{
				resource: 'deal',
				operation: 'get',
				recordId: { __rl: true, mode: 'id', value: '={{ $json.deal }}' },
			},
			{ items: [{ deal: 1 }, { deal: 2 }], continueOnFail: true },
		);
		shared.faults.clear();
		expect(run.json.map((item) => item.code)).toEqual(['PORTAL_DELETED', 'PORTAL_DELETED']);
		for (const item of run.json) {
			expect(String(item.description)).toMatch(/public part is closed/);
			expect(String(item.description)).toMatch(/batch \(crm\.deal\.get\)/);
		}
	});
});
