/**
 * The Create or Update case of `npm run bench`: 1,000 contacts matched by e-mail, half of them
 * already in the CRM, against the test portal's real-time bucket (2/s, burst 50). The look-ups
 * and the writes each go out 50 to a batch request, so 1,000 items cost tens of requests.
 */
import { runNode } from '../node/support';
import { startPortal } from '../portal';

const CONTACT = 3;

export async function benchUpsert(
	items = 1000,
): Promise<{ case: string; items: number; requests: number; seconds: number }> {
	const portal = await startPortal({ demo: { deals: 10 }, operatingLimit: false });
	try {
		const existing = Math.floor(items / 2);
		const ids: number[] = [];
		for (let index = 0; index < existing; index++) {
			ids.push(
				portal.store.create(
					CONTACT,
					{
						NAME: `Bench ${index}`,
						EMAIL: [{ VALUE: `bench${index}@example.org`, VALUE_TYPE: 'WORK' }],
					},
					1,
				),
			);
		}
		const input = Array.from({ length: items }, (_, index) => ({
			email: `bench${index}@example.org`,
			post: `Post ${index}`,
		}));
		portal.resetRequests();
		const started = process.hrtime.bigint();
		const run = await runNode(
			portal,
			{
				resource: 'contact',
				operation: 'upsert',
				matchBy: 'email',
				matchValue: '={{ $json.email }}',
				additionalFields: { post: '={{ $json.post }}' },
			},
			{ items: input },
		);
		const seconds = Number(process.hrtime.bigint() - started) / 1e9;
		if (run.result.error) throw run.result.error;
		const updated = run.json.filter((answer) => answer.action === 'updated').length;
		if (
			updated !== existing ||
			run.json.length !== items ||
			ids.some((id, index) => portal.store.get(CONTACT, id)?.POST !== `Post ${index}`)
		) {
			throw new Error(
				`Create or Update bench: ${updated} of ${existing} updated, ${run.json.length} answers`,
			);
		}
		return {
			case: `Contact > Create or Update by e-mail, ${items} items (${existing} existing)`,
			items,
			requests: portal.restRequests().length,
			seconds: Math.round(seconds * 100) / 100,
		};
	} finally {
		await portal.close();
	}
}
