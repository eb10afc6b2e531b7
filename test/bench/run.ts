/**
 * `npm run bench`: speed and memory of the node's list walking and batching against the test
 * portal, printed as numbers. The portal runs with its real leaky bucket (2 requests/s, burst 50)
 * in real time, so request counts translate into what a cloud portal would allow.
 */
import { runNode } from '../node/support';
import { startPortal } from '../portal';
import { benchBurst } from './burst';
import { benchFormParser } from './form-parser';
import { benchUpsert } from './upsert';

interface Row {
	case: string;
	items: number;
	requests: number;
	seconds: number;
	itemsPerSecond: number;
	heapMb: number;
}

function heapMb(): number {
	return Math.round((process.memoryUsage().heapUsed / 1024 / 1024) * 10) / 10;
}

async function measure(
	label: string,
	body: () => Promise<{ items: number; requests: number }>,
): Promise<Row> {
	const started = process.hrtime.bigint();
	const { items, requests } = await body();
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	return {
		case: label,
		items,
		requests,
		seconds: Math.round(seconds * 1000) / 1000,
		itemsPerSecond: Math.round(items / seconds),
		heapMb: heapMb(),
	};
}

async function main(): Promise<void> {
	const deals = Number(process.env.BENCH_DEALS ?? 20000);
	const portal = await startPortal({ demo: { deals }, operatingLimit: false });
	const rows: Row[] = [];
	try {
		for (const [label, parameters] of [
			[
				`Get Many, Return All (${deals} deals, walk by ID)`,
				{ resource: 'deal', operation: 'getAll', returnAll: true },
			],
			[
				'Get Many, Limit 5000, ordered by amount (offset paging)',
				{
					resource: 'deal',
					operation: 'getAll',
					returnAll: false,
					limit: 5000,
					options: { orderBy: 'OPPORTUNITY', orderDirection: 'DESC' },
				},
			],
		] as const) {
			portal.resetRequests();
			rows.push(
				await measure(label, async () => {
					const run = await runNode(portal, parameters);
					if (run.result.error) throw run.result.error;
					return { items: run.json.length, requests: portal.restRequests().length };
				}),
			);
		}
		for (const count of [1000]) {
			portal.resetRequests();
			const items = Array.from({ length: count }, (_, i) => ({ title: `Bench ${i}` }));
			rows.push(
				await measure(`Create, ${count} input items (batched 50 per request)`, async () => {
					const run = await runNode(
						portal,
						{ resource: 'deal', operation: 'create', title: '={{ $json.title }}' },
						{ items },
					);
					if (run.result.error) throw run.result.error;
					return { items: run.json.length, requests: portal.restRequests().length };
				}),
			);
		}
	} finally {
		await portal.close();
	}
	const bursts = [await benchBurst(100, true), await benchBurst(100, false)];
	const parser = await benchFormParser();
	const upsert = await benchUpsert();
	process.stdout.write(
		'\nn8n-nodes-bitrix24 benchmark (test portal on loopback, real-time leaky bucket; heapMb: heap of the whole process, node and portal, after the case)\n',
	);
	// eslint-disable-next-line no-console
	console.table(rows);
	process.stdout.write(
		'\nMany executions, one portal (one n8n process, real-time bucket 2/s burst 50; a perfect one-call-per-request limiter needs over 75 s for 200 calls)\n',
	);
	// eslint-disable-next-line no-console
	console.table(bursts);
	process.stdout.write(
		'\nCreate or Update (look-ups, then writes, batched across items; real-time bucket)\n',
	);
	// eslint-disable-next-line no-console
	console.table([upsert]);
	process.stdout.write(
		"\nThe trigger's form parser (linear: twice the keys, about twice the time)\n",
	);
	// eslint-disable-next-line no-console
	console.table(parser);
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
