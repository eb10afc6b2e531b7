'use strict';
// The checks' results, shared by check.js and the editor check: one line per check (PASS /
// FAIL with the detail that explains a failure), and the summary line `N passed, N failed`.

const results = [];

function check(name, ok, detail) {
	results.push({ name, ok: Boolean(ok) });
	const why = !ok && detail ? `\n      ${String(detail).split('\n').join('\n      ')}` : '';
	console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}${why}`);
	return Boolean(ok);
}

/** Prints the summary line; the exit code: 0 when something passed and nothing failed. */
function summary() {
	const passed = results.filter((r) => r.ok).length;
	const failed = results.length - passed;
	console.log(`${passed} passed, ${failed} failed`);
	return failed === 0 && passed > 0 ? 0 : 1;
}

const anyFailed = () => results.some((r) => !r.ok);

function tail(text, lines = 25) {
	return String(text).trimEnd().split('\n').slice(-lines).join('\n');
}

module.exports = { check, summary, anyFailed, tail };
