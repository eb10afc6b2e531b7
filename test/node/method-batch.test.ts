import type { Portal } from '../portal';
import { USERS, demoDeal } from '../portal/seed';
import { runNode, withPortal } from './support';

describe('Call Method', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 80 } });
	});
	afterAll(async () => await portal.close());
	beforeEach(() => portal.resetRequests());

	it('calls any method with JSON parameters and returns the envelope', async () => {
		const run = await runNode(portal, {
			resource: 'method',
			operation: 'call',
			method: 'crm.deal.list',
			parameters: '{"filter": {"<=ID": 60}, "select": ["ID", "TITLE"], "order": {"ID": "ASC"}}',
		});
		const out = run.json[0];
		expect((out.result as unknown[]).length).toBe(50);
		expect(out.total).toBe(60);
		expect(out.next).toBe(50);
	});

	it('sends calls of many items as one batch, each result paired to its item', async () => {
		const run = await runNode(
			portal,
			{
				resource: 'method',
				operation: 'call',
				method: 'user.get',
				parameters: '={{ JSON.stringify({ filter: { ID: $json.user } }) }}',
			},
			{ items: USERS.map((user) => ({ user: user.ID })) },
		);
		expect(portal.restRequests().map((request) => request.restMethod)).toEqual(['batch']);
		expect(run.json.map((out) => (out.result as Array<{ EMAIL: string }>)[0].EMAIL)).toEqual(
			USERS.map((user) => user.EMAIL),
		);
	});

	it('refuses invalid JSON parameters, naming the parameter and the item', async () => {
		const run = await runNode(portal, {
			resource: 'method',
			operation: 'call',
			method: 'user.get',
			parameters: '{"filter": ',
		});
		expect(run.result.error?.message).toMatch(
			/^Parameter "Parameters \(JSON\)" of item 0: is not valid JSON/,
		);
	});
});

describe('Batch', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 20 } });
	});
	afterAll(async () => await portal.close());
	beforeEach(() => portal.resetRequests());

	const commands = {
		command: [
			{ key: 'first', method: 'crm.deal.get', parameters: '{"id": 4}' },
			{ key: 'missing', method: 'crm.deal.get', parameters: '{"id": 99999}' },
			{ key: 'linked', method: 'crm.deal.get', parameters: '{"id": "$result[first][ID]"}' },
		],
	};

	it('fails the item on a failing command by default, naming the command', async () => {
		const run = await runNode(portal, { resource: 'batch', operation: 'execute', commands });
		expect(run.result.error?.message).toMatch(/Not found.*batch command "missing"/);
	});

	it('lists failing commands under errors when asked, and resolves $result references', async () => {
		const run = await runNode(portal, {
			resource: 'batch',
			operation: 'execute',
			commands,
			options: { commandErrors: 'include' },
		});
		expect(portal.restRequests()).toHaveLength(1);
		const out = run.json[0] as {
			result: Record<string, { TITLE: string }>;
			errors: Record<string, { error: string; error_description: string }>;
		};
		expect(out.result.first.TITLE).toBe(demoDeal(4).TITLE);
		expect(out.result.linked.TITLE).toBe(demoDeal(4).TITLE);
		expect(Object.keys(out.errors)).toEqual(['missing']);
		expect(out.errors.missing.error_description).toMatch(/Not found/);
		expect(out.result.missing).toBeUndefined();
	});

	it('halts at the first failing command when Halt on Error is on', async () => {
		const run = await runNode(portal, {
			resource: 'batch',
			operation: 'execute',
			commands,
			halt: true,
			options: { commandErrors: 'include' },
		});
		const out = run.json[0] as {
			result: Record<string, unknown>;
			errors: Record<string, { error: string }>;
		};
		expect(Object.keys(out.result)).toEqual(['first']);
		expect(out.errors.linked.error).toBe('BATCH_HALTED');
	});

	it('refuses more than 50 commands before sending', async () => {
		const many = Object.fromEntries(
			Array.from({ length: 51 }, (_, i) => [`c${i}`, { method: 'server.time' }]),
		);
		const run = await runNode(portal, {
			resource: 'batch',
			operation: 'execute',
			commandsJson: JSON.stringify(many),
		});
		expect(run.result.error?.message).toBe(
			'Parameter "Commands" of item 0: a batch holds at most 50 commands, this one has 51',
		);
		expect(portal.restRequests()).toHaveLength(0);
	});
});

describe('Continue On Fail', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 10 } });
	});
	afterAll(async () => await portal.close());

	it('puts the error on the failing item only and goes on', async () => {
		const run = await runNode(
			portal,
			{
				resource: 'deal',
				operation: 'get',
				recordId: { __rl: true, mode: 'id', value: '={{ $json.n }}' },
			},
			{ items: [{ n: 2 }, { n: 5000 }, { n: 'x' }, { n: 3 }], continueOnFail: true },
		);
		expect(run.result.error).toBeUndefined();
		expect(run.json).toHaveLength(4);
		expect(run.json[0].TITLE).toBe(demoDeal(2).TITLE);
		expect(run.json[1].error).toMatch(/Not found/);
		expect(run.json[2].error).toMatch(/Parameter "Deal" of item 2/);
		expect(run.json[3].TITLE).toBe(demoDeal(3).TITLE);
		expect(run.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
	});

	it('without it, stops at the failing item and says what was applied before', async () => {
		const before = portal.store.deals.rows.size;
		const run = await runNode(
			portal,
			{
				resource: 'deal',
				operation: 'update',
				recordId: { __rl: true, mode: 'id', value: '={{ $json.n }}' },
				updateFields: { comments: 'touched' },
			},
			{ items: [{ n: 1 }, { n: 2 }, { n: 7777 }, { n: 4 }] },
		);
		const error = run.result.error as Error & { description?: string };
		expect(error.message).toMatch(/Not found/);
		expect(error.description).toMatch(/Items 0 to 1 were applied/);
		expect(portal.store.deals.rows.get(1)?.COMMENTS).toBe('touched');
		expect(portal.store.deals.rows.get(2)?.COMMENTS).toBe('touched');
		expect(portal.store.deals.rows.get(4)?.COMMENTS).not.toBe('touched');
		expect(portal.store.deals.rows.size).toBe(before);
	});
});
