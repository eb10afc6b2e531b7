// After the Jest suites ran with BITRIX24_OPERATIONS_LOG set (npm test does), fails when an
// operation of the Bitrix24 node was never run by any workflow test.
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const log = path.join(root, '.build', 'operations.log');
const { Bitrix24 } = require(path.join(root, '.build', 'nodes', 'Bitrix24', 'Bitrix24.node.js'));

const all = [];
for (const property of new Bitrix24().nodeVersions[3].description.properties.filter(
	(p) => p.name === 'operation',
)) {
	for (const option of property.options)
		all.push(`${property.displayOptions.show.resource[0]}/${option.value}`);
}
const ran = new Set(fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n') : []);
const missing = all.filter((operation) => !ran.has(operation));
if (missing.length) {
	process.stderr.write(`Operations no workflow test runs: ${missing.join(', ')}\n`);
	process.exit(1);
}
process.stdout.write(
	`Every one of the ${all.length} operations of the Bitrix24 node runs in a workflow test.\n`,
);
