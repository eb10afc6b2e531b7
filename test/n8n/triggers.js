'use strict';
// Part of check.js: the package's polling triggers activated in a running n8n (`n8n start`),
// against the same test portal, no public URL involved. n8n polls a trigger once when it
// activates it, so what waits at the portal beforehand starts a run at once:
//   - a message a user wrote to a chat bot: the Chat Bot Trigger emits it and the workflow
//     answers with Chat Bot Message > Send;
//   - a deal created after its event was bound offline: the Event Queue Trigger (OAuth2)
//     emits it and the workflow marks the deal.
// Then n8n is stopped, and the offline subscription must still be there (nothing is lost
// while n8n is down). n8n is started again, and as a signed-in user (editor-api.js) the Event
// Queue Trigger is run as the editor's "Fetch Test Event" does (it must poll at once, not wait
// for a test webhook) and the workflow deactivated: that unsubscribes (event.unbind, offline).

const path = require('path');

const { sleep, startMain, waitUntil } = require('./n8n-main');
const { checkSecondStart, robotWorkflow } = require('./second-start');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PORTAL_METHODS = path.join(REPO_ROOT, '.build', 'test', 'portal', 'methods');
const IMBOT_FETCH = path.join(PORTAL_METHODS, 'imbot-fetch.js');
const CHATBOTS = path.join(PORTAL_METHODS, 'chatbots.js');
const START_TIMEOUT_MS = 120_000;
const BOT = { code: 'n8n_e2e_bot', token: 'n8n-e2e-bot-token', user: 2 };
const QUESTION = 'Hello from Bitrix24';
const QUEUE_MARKER = 'seen by the n8n event queue trigger';

async function rest(url, params, headers = {}) {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: JSON.stringify(params ?? {}),
	});
	const body = await response.json().catch(() => ({}));
	return { status: response.status, body };
}

function workflows(fixtures) {
	const webhook = fixtures.SPEC.credentials.webhook;
	const oauth2 = fixtures.SPEC.credentials.oauth2;
	const uses = (cred) => ({ [cred.type]: { id: cred.id, name: cred.name } });
	const everyMinute = { item: [{ mode: 'everyMinute' }] };
	const bot = {
		id: 'b24TestWfChatBot',
		name: 'Test: chat bot answers (Chat Bot Trigger)',
		active: false,
		nodes: [
			{
				id: 'bot-trigger',
				name: 'Bot messages',
				type: 'n8n-nodes-bitrix24.bitrix24ChatBotTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					authentication: 'bitrix24WebhookApi',
					pollTimes: everyMinute,
					botCode: BOT.code,
					botName: 'n8n e2e bot',
					botToken: BOT.token,
					events: ['ONIMBOTV2MESSAGEADD'],
				},
				credentials: uses(webhook),
			},
			{
				id: 'bot-answer',
				name: 'Answer',
				type: 'n8n-nodes-bitrix24.bitrix24',
				typeVersion: 1,
				position: [240, 0],
				parameters: {
					authentication: 'bitrix24WebhookApi',
					resource: 'chatBotMessage',
					operation: 'send',
					botId: '={{ $json.botId }}',
					dialogId: '={{ $json.dialogId }}',
					message: '={{ "Echo: " + $json.text }}',
					additionalFields: { botToken: BOT.token },
				},
				credentials: uses(webhook),
			},
		],
		connections: { 'Bot messages': { main: [[{ node: 'Answer', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
	const queue = {
		id: 'b24TestWfQueue01',
		name: 'Test: offline event queue marks new deals (Event Queue Trigger)',
		active: false,
		nodes: [
			{
				id: 'queue-trigger',
				name: 'Queued deal events',
				type: 'n8n-nodes-bitrix24.bitrix24EventQueueTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: { pollTimes: everyMinute, events: ['ONCRMDEALADD'] },
				credentials: uses(oauth2),
			},
			{
				id: 'queue-mark',
				name: 'Mark the deal',
				type: 'n8n-nodes-bitrix24.bitrix24',
				typeVersion: 1,
				position: [240, 0],
				parameters: {
					authentication: 'bitrix24OAuth2Api',
					resource: 'deal',
					operation: 'update',
					recordId: { __rl: true, mode: 'id', value: '={{ $json.data.FIELDS.ID }}' },
					updateFields: { comments: QUEUE_MARKER },
				},
				credentials: uses(oauth2),
			},
		],
		connections: {
			'Queued deal events': { main: [[{ node: 'Mark the deal', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
	return { bot, queue };
}

/**
 * Runs the trigger checks. `ctx`: the portal, check.js's `n8n` (short CLI commands), `check`,
 * `tail`, `fixtures`, the work folder and the Node/n8n binaries.
 */
async function checkTriggers(ctx) {
	const { portal, n8n, check, tail, fixtures, WORK, N8N_NODE, N8N_BIN } = ctx;
	const { userWritesToBot } = require(IMBOT_FETCH);
	const webhookCall = (method, params) => rest(`${portal.webhookUrl}${method}`, params);
	const appToken = portal.oauth.issueTokens().access_token;
	const appCall = (method, params) =>
		rest(`${portal.url}/rest/${method}`, params, { authorization: `Bearer ${appToken}` });

	// What waits at the portal before n8n starts.
	const registered = await webhookCall('imbot.v2.Bot.register', {
		fields: {
			code: BOT.code,
			botToken: BOT.token,
			eventMode: 'fetch',
			properties: { name: 'n8n e2e bot' },
		},
	});
	const botId = Number(registered.body?.result?.bot?.id);
	const question = userWritesToBot(portal.store, botId, BOT.user, QUESTION);
	const bound = await appCall('event.bind', { event: 'ONCRMDEALADD', event_type: 'offline' });
	const added = await webhookCall('crm.deal.add', { fields: { TITLE: 'Queued for n8n' } });
	const dealId = Number(added.body?.result);
	if (!botId || bound.status !== 200 || !dealId) {
		check(
			'the portal is prepared for the trigger checks',
			false,
			JSON.stringify({ registered, bound, added }),
		);
		return;
	}

	const { bot, queue } = workflows(fixtures);
	const robot = robotWorkflow(fixtures);
	const file = path.join(WORK, 'fixtures', 'trigger-workflows.json');
	fixtures.writeJson(file, [bot, queue, robot]);
	const imported = await n8n('import-trigger-workflows', ['import:workflow', `--input=${file}`]);
	// n8n 2.x publishes a workflow; 1.x activates it
	const version = require(path.join(path.dirname(N8N_BIN), '..', 'package.json')).version;
	const legacy = /^1\./.test(version);
	const published = [];
	for (const wf of [bot, queue, robot]) {
		const args = legacy
			? ['update:workflow', `--id=${wf.id}`, '--active=true']
			: ['publish:workflow', `--id=${wf.id}`];
		published.push(await n8n(`publish-${wf.id}`, args));
	}
	const ready = check(
		'triggers: n8n imports and publishes the Chat Bot Trigger, Event Queue Trigger and Robot Trigger workflows',
		imported.ok &&
			/imported 3 workflow/i.test(imported.output) &&
			published.every((p) => p.ok && (legacy || /Publishing workflow with ID/.test(p.output))),
		tail([imported, ...published].map((r) => r.output).join('\n')),
	);
	if (!ready) return;

	portal.resetRequests();
	const first = await startMain(ctx, 'trigger-main');
	const { main, readLog } = first;
	// every REST method called, a batch's commands included
	const methods = () =>
		portal
			.restRequests()
			.flatMap((r) =>
				r.restMethod === 'batch'
					? ['batch', ...(r.batchCommands ?? []).map((c) => c.split('?')[0])]
					: [r.restMethod ?? ''],
			)
			.map((m) => m.toLowerCase());

	try {
		const answered = () => answerIn(portal, question.chatId, botId);
		await waitUntil(async () => answered() !== undefined, main, START_TIMEOUT_MS);
		const answer = answered();
		check(
			'triggers: the activated Chat Bot Trigger emits the message waiting for the bot, and the workflow answers it through Chat Bot Message > Send',
			answer?.text === `Echo: ${QUESTION}`,
			`bot messages in the chat: ${JSON.stringify(answer ?? null)}; REST calls: ${methods().join(', ')}\n${tail(readLog())}`,
		);
		// the bot's reads, direct or as a batch command (with the registration), in order
		const gets = portal.restRequests().flatMap((r) => {
			if (r.restMethod === 'batch')
				return (r.batchCommands ?? [])
					.filter((c) => c.toLowerCase().startsWith('imbot.v2.event.get'))
					.map((c) => ({ offset: /[?&]offset=/.test(c) }));
			return (r.restMethod ?? '').toLowerCase() === 'imbot.v2.event.get'
				? [{ offset: 'offset' in (r.body ?? {}) }]
				: [];
		});
		const { chatBotsState } = require(CHATBOTS);
		const bots = [...chatBotsState(portal.store).bots.values()].filter((b) => b.code === BOT.code);
		check(
			'triggers: the bot was reused by its code (registration on activation is idempotent), and its first read confirmed nothing (no offset)',
			bots.length === 1 && bots[0].id === botId && gets.length >= 1 && !gets[0].offset,
			`bots with code ${BOT.code}: ${JSON.stringify(bots.map((b) => b.id))} (registered before: ${botId}); REST calls: ${methods().join(', ')}`,
		);

		const marked = () => portal.store.get(2, dealId)?.COMMENTS === QUEUE_MARKER;
		check(
			'triggers: the activated Event Queue Trigger emits the deal queued offline before n8n started, and the workflow marks it',
			await waitUntil(async () => marked(), main, START_TIMEOUT_MS),
			`deal ${dealId}: ${JSON.stringify(portal.store.get(2, dealId) ?? null)}; REST calls: ${methods().join(', ')}\n${tail(readLog())}`,
		);
	} finally {
		await first.stop();
	}
	check(
		'triggers: stopping n8n leaves the offline subscription in Bitrix24 (events queue while n8n is down)',
		portal.events.bindings.some((b) => b.eventType === 'offline' && b.event === 'ONCRMDEALADD') &&
			!methods().includes('event.unbind'),
		`bindings: ${JSON.stringify(portal.events.bindings.map((b) => [b.event, b.eventType]))}`,
	);
	await checkSecondStart(ctx, { queue, methods, robot, port: first.port });
}

/** The last message the bot wrote in a chat. */
function answerIn(portal, chatId, botId) {
	const { chatBotsState } = require(CHATBOTS);
	const messages = [...chatBotsState(portal.store).messages.values()].filter(
		(m) => m.chatId === chatId && m.authorId === botId,
	);
	return messages.at(-1);
}

module.exports = { checkTriggers };
