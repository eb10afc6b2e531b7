'use strict';
// Deals in version 3: the Fields mapper of Create, the Stage dropdowns (named by pipeline) and
// Get Many's filter rows (operators in plain words).

const { check } = require('../n8n/results');
const { shoot, openNode, leaveNode, eventually, oneLine } = require('./ui');

/**
 * The options of the dropdown `input` opened: each option's name (its headline) as the page
 * shows it. The list is the one the input's combobox controls, so a list still closing (the
 * previous dropdown's) is not read.
 */
async function dropdownNames(page, input) {
	const listId = await input
		.locator('[role="combobox"]')
		.first()
		.getAttribute('aria-controls', { timeout: 2_000 })
		.catch(() => null);
	const scope = listId ? `[id="${listId}"] ` : '';
	return await page.$$eval(`${scope}[data-test-id="parameter-input-item"]`, (els) =>
		els
			.filter((e) => e.offsetParent !== null)
			.map((e) => (e.querySelector('.option-headline') ?? e).textContent.trim()),
	);
}

/**
 * Opens a dropdown and resolves with its names once it lists something (or [] after five
 * tries): a click while another list is still closing may only close that one.
 */
async function openDropdown(page, input) {
	const combobox = input.locator('[role="combobox"]').first();
	for (let attempt = 0; attempt < 5; attempt++) {
		const expanded = await combobox
			.getAttribute('aria-expanded', { timeout: 2_000 })
			.catch(() => null);
		if (expanded !== 'true') await input.click();
		const names = await eventually(async () => {
			const shown = await dropdownNames(page, input);
			return shown.length ? shown : undefined;
		}, 4_000);
		if (names) {
			// the list fades in: a screenshot taken at once shows it half drawn
			await page.waitForTimeout(400);
			return names;
		}
	}
	return [];
}

/**
 * What the portal holds, as README's "CRM stages" names it: each deal pipeline in its order,
 * its stages by sort, "<Pipeline> / <Stage>"; and every stage code, which no name may be.
 */
function portalStages(portal) {
	const { categories, statuses } = portal.store;
	const listOf = (id) => (id ? `DEAL_STAGE_${id}` : 'DEAL_STAGE');
	const names = categories
		.filter((category) => category.entityTypeId === 2)
		.sort((a, b) => a.sort - b.sort)
		.flatMap((category) =>
			statuses
				.filter((stage) => stage.ENTITY_ID === listOf(category.id))
				.sort((a, b) => a.SORT - b.SORT)
				.map((stage) => `${category.name} / ${stage.NAME}`),
		);
	const codes = statuses
		.filter((stage) => /^DEAL_STAGE(_\d+)?$/.test(stage.ENTITY_ID))
		.map((stage) => stage.STATUS_ID);
	return { names, codes };
}

/** Whether the Stage dropdown shows exactly the portal's stages by name, and no code as a name. */
function namedByPipeline(shown, expected) {
	// a name that is a code, or carries one: "C1:NEW", "New (C1:NEW)", "Partners / C1:NEW"
	const codeLike = shown.filter(
		(name) =>
			expected.codes.some(
				(code) => name.split(' / ').includes(code) || name.includes(`(${code})`),
			) || /\b[A-Z]+\d*:[A-Z_]+/.test(name),
	);
	return {
		ok: JSON.stringify(shown) === JSON.stringify(expected.names) && codeLike.length === 0,
		detail: `shown: ${JSON.stringify(shown)}; expected: ${JSON.stringify(expected.names)}; names holding a code: ${JSON.stringify(codeLike)}`,
	};
}

async function checkDealMapper(page, portal) {
	const ndv = await openNode(page, 'Create Deal');
	await ndv.getByText('Add field to send').click();
	const offered = (label) => page.getByText(label, { exact: true }).first().isVisible();
	const fields = await eventually(
		async () => (await offered('Name (TITLE)')) && (await offered('Stage (STAGE_ID)')),
	);
	let file = await shoot(page, '2-deal-create-fields');
	const text = await ndv.innerText();
	check(
		"editor: Deal > Create (version 3) sets fields with the mapper, offering the portal's deal fields, and has no Additional Fields",
		(await ndv.locator('[data-test-id="resource-mapper-container"]').count()) === 1 &&
			!text.includes('Additional Fields') &&
			fields,
		`Name (TITLE) and Stage (STAGE_ID) offered: ${fields}; panel: ${oneLine(text)}; ${file}`,
	);

	// the user adds Stage to the fields to send and opens its dropdown
	await page
		.locator('[role="menu"] [role="menuitem"]', { hasText: /^Stage \(STAGE_ID\)$/ })
		.click();
	const shown = await openDropdown(page, ndv.locator('[data-test-id="parameter-input-STAGE_ID"]'));
	file = await shoot(page, '2b-deal-create-stage-dropdown');
	const named = namedByPipeline(shown, portalStages(portal));
	check(
		'editor: Deal > Create (version 3): the Stage field of the mapper lists the stages as "<Pipeline> / <Stage>", pipeline after pipeline, no codes as names',
		named.ok,
		`${named.detail}; ${file}`,
	);
	await leaveNode(page);
}

/** Names that speak Bitrix24's syntax rather than words: "Not (!)", "Contains (Like)", a bare prefix. */
const SYNTAX = /\((?:!|like|%|=|@|<|>)[^)]*\)|^[!%=<>@]+$|\blike\b/i;

async function checkFilterRow(page, portal) {
	const ndv = await openNode(page, 'Get Many Deals');
	await ndv.getByText('Add Condition').click();
	const row = ndv.locator('[data-test-id="fixed-collection-filters"]');
	const operators = await openDropdown(
		page,
		row.locator('[data-test-id="parameter-input-operator"]'),
	);
	let file = await shoot(page, '5-deal-get-many-filter-operators');
	// the operators people say (README "Filters"), each offered by that name
	const words = ['Equal', 'Not Equal', 'Contains', 'Does Not Contain', 'Greater Than', 'In List'];
	const inSyntax = operators.filter((name) => SYNTAX.test(name));
	check(
		'editor: Deal > Get Many (version 3): a filter row offers its operators in plain words ("Equal", "Contains" ...), none in Bitrix24\'s syntax ("Not (!)", "Contains (Like)")',
		words.every((word) => operators.includes(word)) && inSyntax.length === 0,
		`operators: ${JSON.stringify(operators)}; in syntax: ${JSON.stringify(inSyntax)}; ${file}`,
	);
	await page.keyboard.press('Escape');

	// the user picks the field Stage: the value becomes a dropdown of the stages
	await openDropdown(page, row.locator('div[data-test-id="parameter-input-field"]'));
	await page
		.locator('[data-test-id="parameter-input-item"]:visible', { hasText: 'Stage (STAGE_ID)' })
		.click();
	const shown = await openDropdown(
		page,
		row.locator('[data-test-id="parameter-input-valueOption"]'),
	);
	file = await shoot(page, '5b-deal-get-many-filter-stage-values');
	const named = namedByPipeline(shown, portalStages(portal));
	check(
		'editor: Deal > Get Many (version 3): a filter on Stage offers its value from a dropdown of the stages as "<Pipeline> / <Stage>", no codes as names',
		named.ok,
		`${named.detail}; ${file}`,
	);
	await leaveNode(page);
}

module.exports = { checkDealMapper, checkFilterRow };
