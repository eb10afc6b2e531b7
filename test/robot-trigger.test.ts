/**
 * The Bitrix24 Robot Trigger and Robot > Send Result against the test portal, over real HTTP on
 * loopback: registration through n8n-core's HookContext (bizproc.robot.add / list / update /
 * delete), an automation rule running the robot (the portal POSTs the documented form to the
 * node's URL, which runs webhook() through n8n-core's WebhookContext), and the answer through
 * the Bitrix24 node (bizproc.event.send with the item's event token).
 */
import { randomUUID } from 'node:crypto';

import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import { Bitrix24RobotTrigger } from '../nodes/Bitrix24RobotTrigger/Bitrix24RobotTrigger.node';
import type { StoredCredential } from './harness';
import { TriggerHarness } from './harness/trigger-context';
import { oauthCredential, runNode, visibleText, webhookCredential } from './node/support';
import type { Portal } from './portal';
import { startPortal } from './portal';
import type { RobotRun } from './portal/methods/bizproc-robot';
import { robotState, runRobot } from './portal/methods/bizproc-robot';
import { buildPhpQuery } from './portal/php-query';

const TYPE = 'n8n-nodes-bitrix24.bitrix24RobotTrigger';
/** The application's address: the harness serves n8n's webhooks on the same host, as a real install does. */
const APP_ADDRESS = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';

let portal: Portal;
const harnesses: TriggerHarness[] = [];

beforeAll(async () => {
	portal = await startPortal({
		bucket: false,
		operatingLimit: false,
		demo: { deals: 5 },
		oauth: { redirectUri: APP_ADDRESS },
	});
});

afterAll(async () => {
	await Promise.all(harnesses.map(async (harness) => await harness.close()));
	await portal.close();
});

beforeEach(() => portal.resetRequests());

const oauth = (): StoredCredential => oauthCredential(portal, { ...portal.oauth.issueTokens() });

async function robotTrigger(parameters: INodeParameters): Promise<TriggerHarness> {
	const credential = oauth();
	const node: INode = {
		id: randomUUID(),
		name: 'Bitrix24 Robot Trigger',
		type: TYPE,
		typeVersion: 1,
		position: [0, 0],
		webhookId: randomUUID(),
		parameters,
		credentials: { [credential.type]: { id: credential.id, name: credential.name } },
	};
	const harness = await TriggerHarness.start({
		node,
		credentials: [credential],
		nodeTypes: { [TYPE]: new Bitrix24RobotTrigger() },
	});
	harnesses.push(harness);
	return harness;
}

/** The robots of the portal's application whose handler is the node's URL. */
function robotsOf(harness: TriggerHarness, test = false) {
	return [...robotState(portal.store).robots.values()].filter(
		(robot) => robot.HANDLER === harness.webhookUrl(test),
	);
}

function onlyRobot(harness: TriggerHarness, test = false) {
	const robots = robotsOf(harness, test);
	expect(robots).toHaveLength(1);
	return robots[0];
}

const methodsCalled = () => portal.restRequests().map((request) => request.restMethod);

/** A REST call with the application's own OAuth token. */
async function appCall(method: string, params: IDataObject): Promise<IDataObject> {
	const response = await fetch(`${portal.url}/rest/${method}`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			authorization: `Bearer ${portal.oauth.issueTokens().access_token}`,
		},
		body: JSON.stringify(params),
	});
	return { status: response.status, ...((await response.json()) as IDataObject) };
}

const CHECK_CUSTOMER: INodeParameters = {
	robotName: 'Check the customer',
	inputProperties: {
		property: [
			{ name: 'Customer email', code: 'email', type: 'string', required: true },
			{ name: 'Attempts', code: 'attempts', type: 'int', defaultValue: '3' },
			{
				name: 'Format',
				code: 'format',
				type: 'select',
				listValues: 'pdf: PDF\ndocx',
				defaultValue: 'pdf',
			},
			{ name: 'Urgent', code: 'urgent', type: 'bool', defaultValue: 'no' },
		],
	},
	waitForResult: true,
	returnProperties: {
		property: [
			{ name: 'Score', code: 'score', type: 'int' },
			{ name: 'Tags', code: 'tags', type: 'string', multiple: true },
		],
	},
	options: {
		description: 'Scores the customer in n8n',
		documentTypes: ['deal', 'lead', 'dynamic'],
	},
};

describe('registration', () => {
	it('registers the robot on activation with its properties and the node URL as handler, and removes it on deactivation', async () => {
		const harness = await robotTrigger(CHECK_CUSTOMER);
		await harness.activate();

		const robot = onlyRobot(harness);
		expect(robot).toMatchObject({
			clientId: portal.oauth.clientId,
			CODE: expect.stringMatching(/^n8n_[0-9a-f]{24}$/),
			NAME: 'Check the customer',
			DESCRIPTION: 'Scores the customer in n8n',
			USE_SUBSCRIPTION: 'Y',
			FILTER: {
				INCLUDE: [
					['crm', 'CCrmDocumentDeal'],
					['crm', 'CCrmDocumentLead'],
					['crm', 'Bitrix\\Crm\\Integration\\BizProc\\Document\\Dynamic'],
				],
			},
		});
		expect(robot.PROPERTIES).toEqual({
			email: { Name: 'Customer email', Type: 'string', Required: 'Y', Multiple: 'N' },
			attempts: { Name: 'Attempts', Type: 'int', Required: 'N', Multiple: 'N', Default: '3' },
			format: {
				Name: 'Format',
				Type: 'select',
				Required: 'N',
				Multiple: 'N',
				Options: { pdf: 'PDF', docx: 'docx' },
				Default: 'pdf',
			},
			urgent: { Name: 'Urgent', Type: 'bool', Required: 'N', Multiple: 'N', Default: 'N' },
		});
		expect(robot.RETURN_PROPERTIES).toEqual({
			score: { Name: 'Score', Type: 'int', Required: 'N', Multiple: 'N' },
			tags: { Name: 'Tags', Type: 'string', Required: 'N', Multiple: 'Y' },
		});
		expect(methodsCalled()).toEqual(['bizproc.robot.add']);

		// n8n restarting: the robot is there as described, nothing is registered again
		portal.resetRequests();
		await harness.activate('init');
		expect(methodsCalled()).toEqual(['bizproc.robot.list']);
		expect(robotsOf(harness)).toHaveLength(1);

		expect(await harness.deactivate()).toBe(true);
		expect(robotsOf(harness)).toHaveLength(0);
		expect(methodsCalled()).toContain('bizproc.robot.delete');
		expect(await harness.hook('checkExists')).toBe(false);
	});

	it('an edited node registers the same robot again with bizproc.robot.update', async () => {
		const harness = await robotTrigger({ robotName: 'First name' });
		await harness.activate();
		const code = onlyRobot(harness).CODE;
		expect(onlyRobot(harness).USE_SUBSCRIPTION).toBe('N');

		harness.updateParameters({
			robotName: 'Second name',
			inputProperties: { property: [{ name: 'Note', code: 'note', type: 'text' }] },
		});
		portal.resetRequests();
		await harness.activate('update');
		// what the node registered changed: no need to ask the portal whether it is there
		expect(methodsCalled()).toEqual(['bizproc.robot.add', 'bizproc.robot.update']);
		expect(onlyRobot(harness)).toMatchObject({
			CODE: code,
			NAME: 'Second name',
			PROPERTIES: { note: { Name: 'Note', Type: 'text', Required: 'N', Multiple: 'N' } },
		});
		await harness.deactivate();
	});

	it("listening for a test call registers a test robot for the editor's URL, apart from the active one", async () => {
		const harness = await robotTrigger({ robotName: 'Tested' });
		await harness.activate();
		const production = onlyRobot(harness);
		expect(await harness.hook('checkExists', { test: true })).toBe(false);
		await harness.hook('create', { test: true });
		const test = onlyRobot(harness, true);
		expect(test.CODE).toBe(`${production.CODE}_test`);
		expect(test.NAME).toBe('Tested (n8n test)');
		expect(harness.webhookUrl(true)).toContain('/webhook-test/');

		await harness.hook('delete', { test: true });
		expect(robotsOf(harness, true)).toHaveLength(0);
		expect(onlyRobot(harness)).toBe(production);
		await harness.deactivate();
	});

	it('refuses a property code Bitrix24 would not take, naming it, and registers nothing', async () => {
		const harness = await robotTrigger({
			robotName: 'Bad code',
			inputProperties: { property: [{ name: 'Amount', code: '1amount', type: 'double' }] },
		});
		await expect(harness.activate()).rejects.toThrow(
			'Input Properties, property 1: "1amount" is not a property code',
		);
		expect(robotsOf(harness)).toHaveLength(0);
		expect(methodsCalled()).toEqual([]);
	});
});

/** What an item of the trigger may show: never a token but the event token. */
function expectNoSecrets(harness: TriggerHarness, visible: unknown): void {
	const text = JSON.stringify({ visible, logs: harness.logs, staticData: harness.staticData });
	expect(text).not.toContain(portal.oauth.applicationToken);
	expect(text).not.toMatch(/access_token|refresh_token|application_token/);
}

describe('an automation rule runs the robot', () => {
	let harness: TriggerHarness;
	let code: string;

	beforeAll(async () => {
		harness = await robotTrigger(CHECK_CUSTOMER);
		await harness.activate();
		code = onlyRobot(harness).CODE;
	});

	afterAll(async () => await harness.deactivate());

	it('starts the workflow with the properties and the deal; Send Result returns the values once', async () => {
		const run = await runRobot(portal.store, {
			code,
			documentId: ['crm', 'CCrmDocumentDeal', 'DEAL_12'],
			properties: { email: 'buyer@example.com', urgent: true },
			userId: 3,
		});
		expect(run.handlerStatus).toBe(200);
		const outputs = await harness.outputs();
		expect(outputs).toHaveLength(1);
		const item = outputs[0][0].json;
		expect(item).toEqual({
			robotCode: code,
			workflowId: run.workflowId,
			eventToken: run.eventToken,
			waitsForResult: true,
			timeoutDuration: 0,
			// as the rule sends them: its values, the Defaults for the rest, strings (Y/N for yes/no)
			properties: { email: 'buyer@example.com', attempts: '3', format: 'pdf', urgent: 'Y' },
			document: {
				id: 'DEAL_12',
				module: 'crm',
				object: 'CCrmDocumentDeal',
				entityType: 'DEAL',
				entityTypeId: 2,
				recordId: 12,
			},
			documentType: { module: 'crm', object: 'CCrmDocumentDeal', type: 'DEAL' },
			userId: 3,
			ts: expect.stringMatching(/^\d+$/),
			portal: {
				domain: new URL(portal.url).host,
				memberId: portal.oauth.issueTokens().member_id,
				clientEndpoint: `${portal.url}/rest/`,
			},
		});
		// the call carried the tokens of the user; the first call was confirmed with app.info
		expect(run.body).toContain('auth%5Brefresh_token%5D');
		expect(methodsCalled()).toContain('app.info');
		const { eventToken, ...rest } = item;
		expect(eventToken).toBe(run.eventToken);
		expectNoSecrets(harness, rest);

		const answer = await runNode(
			portal,
			{
				resource: 'bizprocRobot',
				operation: 'sendResult',
				returnValues: { value: [{ name: 'score', value: '7' }] },
				additionalFields: { returnValuesJson: '{"tags": ["vip", "repeat"]}', logMessage: 'Scored' },
			},
			{ items: [item], credential: oauth() },
		);
		expect(answer.json).toEqual([
			{ sent: true, returnValues: { score: '7', tags: ['vip', 'repeat'] } },
		]);
		expect(robotState(portal.store).runs.get(run.eventToken)?.result).toEqual({
			returnValues: { score: '7', tags: ['vip', 'repeat'] },
			logMessage: 'Scored',
			userId: 1,
		});

		// the token is used up: a second answer is refused as the docs say
		const again = await runNode(
			portal,
			{ resource: 'bizprocRobot', operation: 'sendResult' },
			{ items: [item], credential: webhookCredential(portal) },
		);
		expect(again.result.error?.message).toContain('ACCESS_DENIED');
		// the hint says what is wrong with the token, not that the user lacks rights
		const description = (again.result.error as { description?: string }).description ?? '';
		expect(description).toMatch(/event token/);
		expect(description).toMatch(/answered already/);
		expect(visibleText(again)).not.toContain(portal.webhook.code);
	});

	it('reads a smart process item from its document ID', async () => {
		const before = (await harness.outputs()).length;
		await runRobot(portal.store, {
			code,
			documentId: ['crm', 'Bitrix\\Crm\\Integration\\BizProc\\Document\\Dynamic', 'DYNAMIC_147_5'],
			properties: { email: 'x@example.com' },
		});
		const outputs = await harness.outputs();
		expect(outputs).toHaveLength(before + 1);
		expect(outputs.at(-1)?.[0].json).toMatchObject({
			document: { id: 'DYNAMIC_147_5', entityType: 'DYNAMIC_147', entityTypeId: 147, recordId: 5 },
			documentType: { type: 'DYNAMIC_147' },
		});
	});

	it('a call with another application token gets 401 and starts nothing', async () => {
		const run = await runRobot(portal.store, {
			code,
			documentId: ['crm', 'CCrmDocumentLead', 'LEAD_4'],
			properties: { email: 'y@example.com' },
		});
		const before = (await harness.outputs()).length;
		const forged = run.body.replace(
			/auth%5Bapplication_token%5D=[0-9a-f]+/,
			'auth%5Bapplication_token%5D=0123456789abcdef0123456789abcdef',
		);
		expect(forged).not.toBe(run.body);
		const answer = await harness.post(forged);
		expect(answer.status).toBe(401);
		expect(harness.calls.at(-1)?.run).toBeUndefined();
		expect(await harness.outputs()).toHaveLength(before);
	});

	it('a verified call for another robot is answered 200 and starts nothing', async () => {
		const run = await runRobot(portal.store, {
			code,
			documentId: ['crm', 'CCrmDocumentDeal', 'DEAL_1'],
			properties: { email: 'z@example.com' },
		});
		const answer = await harness.post(run.body.replace(`code=${code}`, 'code=other_robot'));
		expect(answer.status).toBe(200);
		expect(harness.calls.at(-1)?.result?.workflowData).toBeUndefined();
	});

	it('Send Result with a token the portal never gave is refused', async () => {
		const answer = await runNode(
			portal,
			{ resource: 'bizprocRobot', operation: 'sendResult', eventKey: 'no.such|token|here' },
			{ credential: oauth() },
		);
		expect(answer.result.error?.message).toContain('ACCESS_DENIED');
	});
});

describe('a robot that does not wait', () => {
	it('starts the workflow, and its token cannot be answered', async () => {
		const harness = await robotTrigger({ robotName: 'Fire and forget' });
		await harness.activate();
		const run: RobotRun = await runRobot(portal.store, {
			code: onlyRobot(harness).CODE,
			documentId: ['crm', 'CCrmDocumentLead', 'LEAD_2'],
		});
		const [[item]] = await harness.outputs();
		expect(item.json).toMatchObject({ waitsForResult: false, properties: {} });
		const answer = await runNode(
			portal,
			{ resource: 'bizprocRobot', operation: 'sendResult' },
			{ items: [item.json], credential: oauth() },
		);
		expect(answer.result.error?.message).toContain('ACCESS_DENIED');
		expect(robotState(portal.store).runs.get(run.eventToken)?.result).toBeUndefined();
		await harness.deactivate();
	});
});

describe('Robot > Get Many and Delete', () => {
	it('lists the codes the application registered and deletes one', async () => {
		const harness = await robotTrigger({ robotName: 'Left behind' });
		await harness.activate();
		const code = onlyRobot(harness).CODE;

		const listed = await runNode(
			portal,
			{ resource: 'bizprocRobot', operation: 'getAll', returnAll: true },
			{ credential: oauth() },
		);
		expect(listed.json).toContainEqual({ code });
		expect(listed.json).toHaveLength(robotState(portal.store).robots.size);

		const deleted = await runNode(
			portal,
			{ resource: 'bizprocRobot', operation: 'delete', code },
			{ credential: oauth() },
		);
		expect(deleted.json).toEqual([{ CODE: code, deleted: true }]);
		expect(robotsOf(harness)).toHaveLength(0);

		const missing = await runNode(
			portal,
			{ resource: 'bizprocRobot', operation: 'delete', code },
			{ credential: oauth() },
		);
		expect(missing.result.error?.message).toContain('ERROR_ACTIVITY_NOT_FOUND');
		// the robot is gone already: deactivation counts that as removed
		expect(await harness.deactivate()).toBe(true);
	});

	it('an incoming webhook is refused: robots need the application context', async () => {
		const listed = await runNode(portal, { resource: 'bizprocRobot', operation: 'getAll' });
		expect(listed.result.error?.message).toContain('ACCESS_DENIED');
		expect(visibleText(listed)).toContain('Application context required');
	});
});

describe('test portal: bizproc.robot.* as documented', () => {
	const valid = {
		CODE: 'portal_check',
		HANDLER: 'http://127.0.0.1:5678/webhook/robot',
		NAME: 'Portal check',
	};

	it('validates the registration with the codes and texts of bizproc-robot-add.md', async () => {
		const cases: Array<[IDataObject, string, string]> = [
			[{ ...valid, CODE: '' }, 'ERROR_ACTIVITY_VALIDATION_FAILURE', 'Empty activity code!'],
			[{ ...valid, CODE: 'a b' }, 'ERROR_ACTIVITY_VALIDATION_FAILURE', 'Wrong activity code!'],
			[
				{ ...valid, HANDLER: 'ftp://127.0.0.1/robot' },
				'ERROR_UNSUPPORTED_PROTOCOL',
				'Unsupported handler protocol',
			],
			[{ ...valid, HANDLER: 'not a url' }, 'ERROR_WRONG_HANDLER_URL', 'Wrong handler URL'],
			// "The link must have the same domain where the application is installed"
			[
				{ ...valid, HANDLER: 'https://elsewhere.example.com/robot' },
				'ERROR_WRONG_HANDLER_URL',
				'Wrong handler URL',
			],
			[{ ...valid, NAME: '' }, 'ERROR_ACTIVITY_VALIDATION_FAILURE', 'Empty activity NAME!'],
			[
				{ ...valid, PROPERTIES: { '1x': { Name: 'X' } } },
				'ERROR_ACTIVITY_VALIDATION_FAILURE',
				'Wrong property key 1x!',
			],
			[
				{ ...valid, RETURN_PROPERTIES: { x: { Type: 'string' } } },
				'ERROR_ACTIVITY_VALIDATION_FAILURE',
				'Empty property NAME x!',
			],
			[
				{ ...valid, FILTER: { ONLY: ['b24'] } },
				'ERROR_ACTIVITY_VALIDATION_FAILURE',
				'Wrong activity FILTER!',
			],
			[
				{ ...valid, DOCUMENT_TYPE: ['crm', 'CCrmDocumentDeal'] },
				'ERROR_ACTIVITY_VALIDATION_FAILURE',
				'Wrong activity DOCUMENT_TYPE!',
			],
		];
		for (const [params, error, description] of cases) {
			expect([params, await appCall('bizproc.robot.add', params)]).toEqual([
				params,
				{ status: 400, error, error_description: description },
			]);
		}
		expect(robotState(portal.store).robots.has(`${portal.oauth.clientId}\nportal_check`)).toBe(
			false,
		);

		expect(await appCall('bizproc.robot.add', valid)).toMatchObject({ status: 200, result: true });
		expect(await appCall('bizproc.robot.add', valid)).toMatchObject({
			status: 400,
			error: 'ERROR_ACTIVITY_ALREADY_INSTALLED',
		});
		expect(await appCall('bizproc.robot.update', { CODE: 'portal_check', FIELDS: {} })).toEqual({
			status: 400,
			error: 'ERROR_ACTIVITY_VALIDATION_FAILURE',
			error_description: 'No fields to update',
		});
		expect(await appCall('bizproc.robot.update', { CODE: 'nope', FIELDS: { NAME: 'x' } })).toEqual({
			status: 400,
			error: 'ERROR_ACTIVITY_NOT_FOUND',
			error_description: 'Activity or Automation Rule not found!',
		});
		expect(await appCall('bizproc.robot.delete', { CODE: 'portal_check' })).toMatchObject({
			result: true,
		});
		expect(await appCall('bizproc.robot.delete', { CODE: 'portal_check' })).toEqual({
			status: 400,
			error: 'ERROR_ACTIVITY_NOT_FOUND',
			error_description: 'Activity or Robot not found!',
		});
	});

	it('an automation rule can run the robot only where its FILTER offers it', async () => {
		await appCall('bizproc.robot.add', {
			...valid,
			CODE: 'deals_only',
			FILTER: { INCLUDE: [['crm', 'CCrmDocumentDeal']] },
		});
		await expect(
			runRobot(portal.store, {
				code: 'deals_only',
				documentId: ['crm', 'CCrmDocumentLead', 'LEAD_1'],
			}),
		).rejects.toThrow('not offered');
		await appCall('bizproc.robot.delete', { CODE: 'deals_only' });
	});

	it('a handler that does not answer is recorded with status 0 and the body the portal sent', async () => {
		await appCall('bizproc.robot.add', {
			...valid,
			CODE: 'nobody_home',
			HANDLER: 'http://127.0.0.1:9/robot',
			PROPERTIES: { note: { Name: 'Note', Type: 'string', Multiple: 'Y' } },
		});
		const run = await runRobot(portal.store, {
			code: 'nobody_home',
			documentId: ['crm', 'CCrmDocumentDeal', 'DEAL_3'],
			properties: { note: ['a', 'b'] },
		});
		expect(run.handlerStatus).toBe(0);
		expect(run.body).toContain(buildPhpQuery({ properties: { note: ['a', 'b'] } }));
		expect(run.body).toContain('use_subscription=Y');
		await appCall('bizproc.robot.delete', { CODE: 'nobody_home' });
	});
});
