'use strict';
// What the editor checks share: screenshots, reading what the page shows, opening and closing
// a node's panel, waiting for the page to show something.

const path = require('path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
// kept after a passing run too (the work folder is removed then)
const SHOTS =
	process.env.EDITOR_SCREENSHOTS ?? path.join(REPO_ROOT, '.build', 'editor-screenshots');
const UI_TIMEOUT_MS = 30_000;

async function shoot(page, name) {
	const file = path.join(SHOTS, `${name}.png`);
	await page.screenshot({ path: file }).catch(() => undefined);
	return file;
}

/** The trimmed texts of the visible elements `selector` matches. */
const visibleTexts = (page, selector) =>
	page.$$eval(selector, (els) =>
		els.filter((e) => e.offsetParent !== null).map((e) => e.textContent.trim()),
	);

/** Opens a node's parameters by double-clicking it on the canvas; resolves with the panel. */
async function openNode(page, name) {
	await page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`).dblclick();
	const ndv = page.locator('[data-test-id="ndv"]');
	await ndv.locator('[data-test-id="node-parameters"]').waitFor({ timeout: UI_TIMEOUT_MS });
	return ndv;
}

async function closeNode(page) {
	await page.locator('[data-test-id="ndv-close-button"]').click();
	await page.locator('[data-test-id="ndv"]').waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
}

/** Closes what is open (a dropdown, then the panel), whatever state a step left it in. */
async function leaveNode(page) {
	await page.keyboard.press('Escape');
	await closeNode(page).catch(() => page.keyboard.press('Escape'));
}

/** Resolves with the first truthy value of `probe`, or the last value after `timeoutMs`. */
async function eventually(probe, timeoutMs = UI_TIMEOUT_MS) {
	const until = Date.now() + timeoutMs;
	let value = await probe();
	while (!value && Date.now() < until) {
		await new Promise((resolve) => setTimeout(resolve, 250));
		value = await probe();
	}
	return value;
}

/** The panel's text on one line, cut to `max` characters (for a failure's detail). */
const oneLine = (text, max = 400) => String(text).replace(/\s+/g, ' ').slice(0, max);

module.exports = {
	SHOTS,
	UI_TIMEOUT_MS,
	shoot,
	visibleTexts,
	openNode,
	closeNode,
	leaveNode,
	eventually,
	oneLine,
};
