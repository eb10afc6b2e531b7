'use strict';
// The triggers in the editor: the Event Queue Trigger's Fetch Test Event, and a new Bitrix24
// Trigger as the node creator adds it.

const { check } = require('../n8n/results');
const { shoot, openNode, closeNode, leaveNode, eventually, oneLine } = require('./ui');
const { openBitrix24Details } = require('./steps-nodes');

async function checkQueueFetch(page, dealId) {
	const ndv = await openNode(page, 'Queued Deals');
	const before = await ndv.innerText();
	await ndv.locator('[data-test-id="trigger-execute-button"]').first().click();
	const shown = await eventually(async () => {
		const text = await ndv.innerText();
		return text.includes('ONCRMDEALADD') ? text : undefined;
	});
	const file = await shoot(page, '4-event-queue-fetch-test-event');
	check(
		'editor: the Event Queue Trigger offers Fetch Test Event and no webhook URL, and a click shows the queued deal at once',
		before.includes('Fetch Test Event') &&
			!/Webhook URLs|Listen for test event/i.test(before) &&
			shown?.includes('ONCRMDEALADD') &&
			shown.includes(String(dealId)),
		`before: ${oneLine(before, 300)}; after: ${oneLine(shown ?? (await ndv.innerText()), 600)}; ${file}`,
	);
	await closeNode(page).catch(() => page.keyboard.press('Escape'));
}

/**
 * What the Bitrix24 Trigger's panel shows: its version (Settings tab), Fetch Full Record's switch
 * and where it sits, whether Application Token shows before Options gets it, and where Add
 * Option puts it. `data-parameter-path` is where n8n keeps the value ("parameters.options.x").
 */
async function readTriggerPanel(page, ndv, shot) {
	const pathOf = (name) =>
		ndv
			.locator(`[data-test-id="parameter-input-${name}"] [data-parameter-path]`)
			.first()
			.getAttribute('data-parameter-path', { timeout: 2_000 })
			.catch(() => undefined);
	await ndv.locator('[data-test-id="parameter-input-events"]').waitFor();
	const fetchSwitch = ndv.locator('[data-test-id="parameter-input-fetchFullRecord"] .el-switch');
	const seen = {
		fetchFullRecordOn: /\bis-checked\b/.test(
			(await fetchSwitch.getAttribute('class', { timeout: 2_000 }).catch(() => '')) ?? '',
		),
		fetchFullRecordAt: await pathOf('fetchFullRecord'),
		tokenShownBefore: await ndv.getByText('Application Token', { exact: true }).isVisible(),
	};
	seen.files = [await shoot(page, shot)];
	// Options holds only the token: n8n adds it at once, without a list to pick from
	const add = ndv.getByRole('button', { name: 'Add Option' });
	if (await add.isVisible()) {
		await add.click();
		const offered = page.locator('[data-test-id="parameter-input-item"]:visible', {
			hasText: 'Application Token',
		});
		if (await offered.isVisible().catch(() => false)) await offered.click();
	}
	await eventually(() => ndv.getByText('Application Token', { exact: true }).isVisible(), 5_000);
	seen.tokenAt = await pathOf('oauthApplicationToken');
	seen.files.push(await shoot(page, `${shot}-options`));
	await ndv.locator('[data-test-id="tab-settings"]').click();
	seen.version = /node version (\d+)/i.exec(await ndv.innerText())?.[1];
	await ndv.locator('[data-test-id="tab-params"]').click();
	return seen;
}

/** A user adds "On deal created" from the Bitrix24 entry's Triggers: a new Bitrix24 Trigger. */
async function checkNewTrigger(page) {
	await (await openBitrix24Details(page)).click();
	const creator = page.locator('[data-test-id="node-creator"]');
	await creator.getByText(/^Triggers \(\d+\)$/).click();
	await creator.getByText('On deal created', { exact: true }).click();
	const ndv = page.locator('[data-test-id="ndv"]');
	await ndv.locator('[data-test-id="node-parameters"]').waitFor();
	const seen = await readTriggerPanel(page, ndv, '7-new-bitrix24-trigger');
	check(
		'editor: a new Bitrix24 Trigger is version 2, with Fetch Full Record on by default, and the OAuth2 Application Token not at the top level but under Options',
		seen.version === '2' &&
			seen.fetchFullRecordOn &&
			seen.fetchFullRecordAt === 'parameters.fetchFullRecord' &&
			!seen.tokenShownBefore &&
			seen.tokenAt === 'parameters.options.oauthApplicationToken',
		`seen: ${JSON.stringify(seen)}; panel: ${oneLine(await ndv.innerText())}`,
	);
	await leaveNode(page);
}

module.exports = { checkQueueFetch, readTriggerPanel, checkNewTrigger };
