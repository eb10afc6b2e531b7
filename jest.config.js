/** Tests are TypeScript compiled by `tsc -p tsconfig.test.json` into .build/; jest runs the output. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/.build/test'],
	testMatch: ['**/*.test.js'],
	testTimeout: 60000,
	maxWorkers: 2,
};
