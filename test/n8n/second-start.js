'use strict';
// Part of triggers.js: n8n started a second time (the trigger workflows still published), with a
// signed-in owner (editor-api.js):
//   - the Event Queue Trigger run as the editor's "Fetch Test Event" runs it: it must poll at
//     once instead of waiting for a test webhook; deactivating its workflow unsubscribes
//     (event.unbind, event_type=offline);
//   - the Robot Trigger: registered with n8n's URL as handler (bizproc.robot.add on activation,
//     kept across the restart), an automation rule runs it on a deal, the workflow answers with
//     Robot > Send Result (bizproc.event.send), and deactivating removes the robot.

const path = require('path');

const { EditorApi } = require('./editor-api');
const { startMain, waitUntil } = require('./n8n-main');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const BUILT_TEST = path.join(REPO_ROOT, '.build', 'test');
const START_TIMEOUT_MS = 120_000;
const ROBOT_NAME = 'n8n e2e robot';

/** Robot Trigger (a property `email`, waiting for the result) -> Robot > Send Result. */
function robotWorkflow(fixtures) {
	const oauth2 = fixtures.SPEC.credentials.oauth2;
	const uses = { [oauth2.type]: { id: oauth2.id, name: oauth2.name } };
	return {
		id: 'b24TestWfRobot01',
		name: 'Test: an automation rule runs the robot, the workflow answers (Robot Trigger)',
		active: false,
		nodes: [
			{
				id: 'robot-trigger',
				name: 'Robot',
				type: 'n8n-nodes-bitrix24.bitrix24RobotTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: '8d7c5b1e-2f3a-4c6d-9e8f-a1b2c3d4e5f6',
				parameters: {
					robotName: ROBOT_NAME,
					inputProperties: {
						property: [{ name: 'Customer email', code: 'email', type: 'string', required: true }],
					},
					waitForResult: true,
					returnProperties: { property: [{ name: 'Score', code: 'score', type: 'int' }] },
				},
				credentials: uses,
			},
			{
				id: 'robot-answer',
				name: 'Send Result',
				type: 'n8n-nodes-bitrix24.bitrix24',
				typeVersion: 1,
				position: [240, 0],
				parameters: {
					authentication: 'bitrix24OAuth2Api',
					resource: 'bizprocRobot',
					operation: 'sendResult',
					returnValues: {
						value: [{ name: 'score', value: '={{ $json.properties.email.length }}' }],
					},
				},
				credentials: uses,
			},
		],
		connections: { Robot: { main: [[{ node: 'Send Result', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/** The robots the portal holds under the robot's name, with their handler. */
function robotsNamed(portal) {
	const { robotState } = require(path.join(BUILT_TEST, 'portal', 'methods', 'bizproc-robot.js'));
	return [...robotState(portal.store).robots.values()].filter((r) => r.NAME === ROBOT_NAME);
}

async function checkQueue(ctx, api, queue, methods) {
	const { portal, check } = ctx;
	const offlineBound = () =>
		portal.events.bindings.some((b) => b.eventType === 'offline' && b.event === 'ONCRMDEALADD');
	const stored = await api.workflow(queue.id);
	portal.resetRequests();
	const run = await api.runFromTrigger(stored, 'Queued deal events');
	const status = run.data?.executionId
		? await api.finishedStatus(run.data.executionId, 60_000)
		: undefined;
	check(
		"triggers: the editor's test of the Event Queue Trigger polls the queue at once instead of waiting for a test webhook",
		run.status === 200 &&
			run.data?.waitingForWebhook !== true &&
			status === 'success' &&
			methods().includes('event.offline.list'),
		`run: ${JSON.stringify(run)}; status: ${status}; REST calls: ${methods().join(', ')}`,
	);

	portal.resetRequests();
	const deactivated = await api.deactivate(queue.id);
	const unbound = await waitUntil(async () => !offlineBound(), ctx.second.child, 30_000);
	const { unbindCalls } = require(path.join(BUILT_TEST, 'queue-support.js'));
	const unbinds = unbindCalls(portal);
	check(
		'triggers: deactivating the Event Queue Trigger workflow unsubscribes its event (event.unbind, event_type=offline)',
		deactivated.status === 200 &&
			unbound &&
			unbinds.length === 1 &&
			unbinds[0].includes('event_type=offline'),
		`deactivate: ${deactivated.status} ${JSON.stringify(deactivated.body).slice(0, 300)}; unbind calls: ${JSON.stringify(unbinds)}; bindings: ${JSON.stringify(portal.events.bindings.map((b) => [b.event, b.eventType]))}`,
	);
}

async function checkRobot(ctx, api, robot) {
	const { portal, check, tail } = ctx;
	const { runRobot, robotState } = require(
		path.join(BUILT_TEST, 'portal', 'methods', 'bizproc-robot.js'),
	);
	const handlerPrefix = `${ctx.second.url}/webhook/`;
	const registered = robotsNamed(portal);
	if (
		!check(
			"triggers: the Robot Trigger's robot is registered once, with n8n's webhook URL as handler, and kept across the restart",
			registered.length === 1 && registered[0].HANDLER.startsWith(handlerPrefix),
			`robots: ${JSON.stringify(registered.map((r) => [r.CODE, r.HANDLER]))}; n8n: ${handlerPrefix}`,
		)
	)
		return;

	const deal = await fetch(`${portal.webhookUrl}crm.deal.add`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ fields: { TITLE: 'Robot run' } }),
	}).then(async (r) => (await r.json()).result);
	const email = 'buyer@example.com';
	const run = await runRobot(portal.store, {
		code: registered[0].CODE,
		documentId: ['crm', 'CCrmDocumentDeal', `DEAL_${deal}`],
		properties: { email },
	});
	const answered = () => robotState(portal.store).runs.get(run.eventToken)?.result;
	await waitUntil(async () => answered() !== undefined, ctx.second.child, 60_000);
	check(
		"triggers: an automation rule's run of the robot starts the workflow, and Robot > Send Result answers the rule (bizproc.event.send)",
		run.handlerStatus === 200 && Number(answered()?.returnValues?.score) === email.length,
		`handler answered ${run.handlerStatus}; result: ${JSON.stringify(answered() ?? null)}\n${tail(ctx.second.readLog())}`,
	);

	const deactivated = await api.deactivate(robot.id);
	const removed = await waitUntil(
		async () => robotsNamed(portal).length === 0,
		ctx.second.child,
		30_000,
	);
	check(
		'triggers: deactivating the Robot Trigger workflow removes the robot (bizproc.robot.delete)',
		deactivated.status === 200 && removed,
		`deactivate: ${deactivated.status}; robots: ${JSON.stringify(robotsNamed(portal).map((r) => r.CODE))}`,
	);
}

/** n8n started again (on the same port): the checks above, then n8n stopped. */
async function checkSecondStart(ctx, { queue, methods, robot, port }) {
	const { check, tail } = ctx;
	// on n8n's address of the first start: n8n registers webhooks when a workflow is activated,
	// not at each start, so the robot's handler is that address
	const second = await startMain(ctx, 'trigger-main-again', { port });
	const here = { ...ctx, second };
	try {
		const api = new EditorApi(second.url);
		const signedIn =
			(await api.ready(START_TIMEOUT_MS, () => second.running())) && (await api.signIn());
		if (!check('triggers: n8n restarts and the owner signs in', signedIn, tail(second.readLog())))
			return;
		await checkQueue(here, api, queue, methods);
		await checkRobot(here, api, robot);
	} finally {
		await second.stop();
	}
}

module.exports = { checkSecondStart, robotWorkflow };
