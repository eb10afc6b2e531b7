// Launcher for `npm run portal`: runs the compiled CLI (build first with `npx tsc -p tsconfig.test.json`).
require('../../.build/test/portal/cli.js');
