'use strict';
// The node creator and the messenger's Dialog picker, as a user sees them.

const path = require('path');

const { check } = require('../n8n/results');
const { shoot, visibleTexts, openNode, leaveNode, eventually, oneLine } = require('./ui');

const ITEM_NAME = '[data-test-id="node-creator-item-name"]';
const DIST = path.resolve(__dirname, '..', '..', 'dist', 'nodes');

/** The descriptions the nodes give n8n (the built nodes, as n8n loads them). */
function nodeDescriptions() {
	const { Bitrix24 } = require(path.join(DIST, 'Bitrix24', 'Bitrix24.node.js'));
	const { Bitrix24Trigger } = require(
		path.join(DIST, 'Bitrix24Trigger', 'Bitrix24Trigger.node.js'),
	);
	return {
		action: new Bitrix24().description.description,
		trigger: new Bitrix24Trigger().description.description,
	};
}

async function openNodeCreator(page) {
	await page.locator('[data-test-id="node-creator-plus-button"]').click();
	await page.locator('[data-test-id="node-creator-search-bar"]').waitFor();
}

async function checkNodeCreator(page) {
	await openNodeCreator(page);
	await page.keyboard.type('crm');
	const names = await eventually(async () => {
		const shown = await visibleTexts(page, ITEM_NAME);
		return shown.includes('Bitrix24') ? shown : undefined;
	});
	const file = await shoot(page, '1-node-creator-crm');
	check(
		'editor: searching the node creator for "crm" offers the Bitrix24 node (its codex aliases)',
		names?.includes('Bitrix24'),
		`shown: ${JSON.stringify(names ?? (await visibleTexts(page, ITEM_NAME)))}; ${file}`,
	);
	await page.keyboard.press('Escape');
}

/**
 * The node creator's entry named exactly `name` (the first one), once it is listed: the
 * smallest element holding its name and a description (an entry with actions is no
 * "node-creator-node-item").
 */
async function creatorItem(page, name) {
	const names = page.locator(ITEM_NAME);
	const index = await eventually(
		async () =>
			(await names.evaluateAll((els) => els.map((e) => e.textContent.trim()))).indexOf(name) + 1,
	);
	if (!index) throw new Error(`the node creator lists no "${name}"`);
	return names
		.nth(index - 1)
		.locator('xpath=ancestor::*[.//*[@data-test-id="node-creator-item-description"]][1]');
}

/** Searches the node creator for "bitrix24" and opens the "Bitrix24" entry's details. */
async function openBitrix24Details(page) {
	await openNodeCreator(page);
	await page.keyboard.type('bitrix24');
	return await creatorItem(page, 'Bitrix24');
}

async function checkNodeCreatorDescription(page) {
	const own = nodeDescriptions();
	const item = await openBitrix24Details(page);
	const listed = (
		await item.locator('[data-test-id="node-creator-item-description"]').innerText()
	).trim();
	const file = await shoot(page, '6-node-creator-bitrix24');
	await item.click();
	// the details' head: from "Node details" to its list of actions
	const creator = page.locator('[data-test-id="node-creator"]');
	const head = async () =>
		/Node details[\s\S]*?Actions \(\d+\)/.exec(await creator.innerText())?.[0];
	const details = (await eventually(head)) ?? (await creator.innerText());
	const detailsFile = await shoot(page, '6b-node-creator-bitrix24-details');
	// n8n merges the trigger into the action node's entry and shows the trigger's description
	// there: it must name what the action node covers, and the events
	const areas = ['CRM', 'tasks', 'messenger', 'Drive', 'calendars', 'events'];
	const missing = areas.filter((area) => !listed.toLowerCase().includes(area.toLowerCase()));
	check(
		'editor: the node creator\'s "Bitrix24" entry (search "bitrix24") describes what the node and its trigger do (CRM, tasks, messenger, Drive, calendars, events), in the list and in its details',
		listed === own.trigger && missing.length === 0 && details.includes(listed),
		`listed: ${JSON.stringify(listed)}; not named: ${JSON.stringify(missing)}; the action node's: ${JSON.stringify(own.action)}; the trigger's: ${JSON.stringify(own.trigger)}; details: ${oneLine(details, 300)}; ${file}; ${detailsFile}`,
	);
	await page.keyboard.press('Escape');
}

async function checkDialogPicker(page, chatTitle) {
	const ndv = await openNode(page, 'Send Message');
	await ndv
		.locator('[data-test-id="resource-locator-dialogId"] [data-test-id="rlc-input"]')
		.click();
	const listed = await eventually(async () => {
		const shown = await visibleTexts(page, '[data-test-id="rlc-item"]');
		return shown.includes(chatTitle) ? shown : undefined;
	});
	const file = await shoot(page, '3-send-message-dialog-list');
	check(
		"editor: Chat Message > Send's Dialog picker lists the portal's chats (From List)",
		listed?.includes(chatTitle),
		`listed: ${JSON.stringify(listed ?? (await visibleTexts(page, '[data-test-id="rlc-item"]')))}; ${file}`,
	);
	await leaveNode(page);
}

module.exports = {
	openBitrix24Details,
	checkNodeCreator,
	checkNodeCreatorDescription,
	checkDialogPicker,
};
