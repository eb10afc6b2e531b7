import type { Portal } from '../portal';
import { runNode, withPortal } from './support';

describe('Server', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 1 } });
	});
	afterAll(async () => await portal.close());

	it('gets the server time', async () => {
		const before = Date.now();
		const run = await runNode(portal, { resource: 'server', operation: 'getTime' });
		const time = Date.parse(run.json[0].time as string);
		expect(Number.isNaN(time)).toBe(false);
		expect(Math.abs(time - before)).toBeLessThan(60_000);
	});
});
