/**
 * The test portal's own fidelity, through real HTTP. Expected values come from the seed's formulas
 * (seed.demoDeal ...) and from the facts file, never from the portal's answers.
 */
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { parse as parseQs } from 'node:querystring';
import { Agent, fetch as undiciFetch } from 'undici';
import { Portal, startPortal } from './portal';
import {
	DEAL_UF,
	DEAL_STAGES,
	demoContact,
	demoDeal,
	REGION_ITEMS,
	SMART_PROCESS,
} from './portal/seed';

interface Answer {
	status: number;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field in assertions
	json: any;
	contentType: string | null;
}

async function post(
	url: string,
	body: unknown,
	headers: Record<string, string> = {},
): Promise<Answer> {
	const r = await fetch(url, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', ...headers },
		body: JSON.stringify(body),
	});
	const text = await r.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = text;
	}
	return { status: r.status, json, contentType: r.headers.get('content-type') };
}

async function form(url: string, body: string): Promise<Answer> {
	const r = await fetch(url, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body,
	});
	return { status: r.status, json: await r.json(), contentType: r.headers.get('content-type') };
}

const call = (p: Portal, method: string, params: unknown = {}): Promise<Answer> =>
	post(p.webhookUrl + method, params);

/** Every id a list method yields for a filter, walking the pages by `start`. */
async function allIds(
	p: Portal,
	method: string,
	params: Record<string, unknown>,
): Promise<number[]> {
	const ids: number[] = [];
	let start: number | undefined = 0;
	while (start !== undefined) {
		const a = await call(p, method, { ...params, start });
		expect(a.status).toBe(200);
		ids.push(...a.json.result.map((r: { ID: string }) => Number(r.ID)));
		start = a.json.next;
	}
	return ids;
}

const range = (from: number, to: number): number[] =>
	Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('test portal (webhook, demo seed)', () => {
	let p: Portal;
	beforeAll(async () => {
		p = await startPortal({ bucket: false });
	});
	afterAll(() => p.close());
	afterEach(() => p.faults.clear());

	test('old CRM get: every value a string, envelope with time', async () => {
		const a = await call(p, 'crm.deal.get', { id: 7 });
		const seed = demoDeal(7);
		expect(a.status).toBe(200);
		expect(a.json.result.ID).toBe('7');
		expect(a.json.result.TITLE).toBe(seed.TITLE);
		expect(a.json.result.OPPORTUNITY).toBe((seed.OPPORTUNITY as number).toFixed(2));
		expect(a.json.result.ASSIGNED_BY_ID).toBe(String(seed.ASSIGNED_BY_ID));
		expect(a.json.result[DEAL_UF.region]).toBe(String(seed[DEAL_UF.region]));
		for (const [k, v] of Object.entries(a.json.result)) {
			const ok =
				v === null ||
				typeof v === 'string' ||
				(Array.isArray(v) && v.every((x) => typeof x === 'string'));
			if (!ok) throw new Error(`${k} is not a string: ${JSON.stringify(v)}`);
		}
		for (const key of [
			'start',
			'finish',
			'duration',
			'processing',
			'date_start',
			'date_finish',
			'operating',
			'operating_reset_at',
		]) {
			expect(a.json.time).toHaveProperty(key);
		}
		expect(a.json).not.toHaveProperty('total');
	});

	test('method names are case-insensitive and take an optional .json', async () => {
		const a = await call(p, 'CRM.Deal.Get.json', { id: 2 });
		expect(a.status).toBe(200);
		expect(a.json.result.TITLE).toBe(demoDeal(2).TITLE);
	});

	test('unknown method, wrong webhook, missing record', async () => {
		const unknown = await call(p, 'crm.nothing.here');
		expect(unknown.status).toBe(404);
		expect(unknown.json).toEqual({
			error: 'ERROR_METHOD_NOT_FOUND',
			error_description: 'Method not found!',
		});

		const wrong = await post(`${p.url}/rest/${p.webhook.userId}/wrongcode/crm.deal.get`, { id: 1 });
		expect(wrong.status).toBe(403);
		expect(wrong.json.error).toBe('INVALID_CREDENTIALS');

		const missing = await call(p, 'crm.deal.get', { id: 999999 });
		expect(missing.status).toBe(400);
		expect(missing.json).toEqual({ error: '', error_description: 'Not found' });

		const noId = await call(p, 'crm.deal.get', {});
		expect(noId.status).toBe(400);
		expect(noId.json).toEqual({ error: '', error_description: 'ID is not defined or invalid.' });
	});

	test('paging: 50 rows, next only while rows remain, start=-1 counts nothing', async () => {
		const first = await call(p, 'crm.deal.list', { select: ['ID'], order: { ID: 'ASC' } });
		expect(first.json.result).toHaveLength(50);
		expect(first.json.next).toBe(50);
		expect(first.json.total).toBe(300);

		const last = await call(p, 'crm.deal.list', {
			select: ['ID'],
			order: { ID: 'ASC' },
			start: 250,
		});
		expect(last.json.result.map((r: { ID: string }) => r.ID)).toEqual(range(251, 300).map(String));
		expect(last.json).not.toHaveProperty('next');

		const uncounted = await call(p, 'crm.deal.list', {
			select: ['ID'],
			order: { ID: 'ASC' },
			start: -1,
			filter: { '>ID': 280 },
		});
		expect(uncounted.json.result.map((r: { ID: string }) => r.ID)).toEqual(
			range(281, 300).map(String),
		);
		expect(uncounted.json.total).toBe(0);
		expect(uncounted.json).not.toHaveProperty('next');
	});

	test('default select is * + UF_*, PHONE/EMAIL only when selected', async () => {
		const deals = await call(p, 'crm.deal.list', { filter: { ID: 5 } });
		expect(Object.keys(deals.json.result[0])).toEqual(
			expect.arrayContaining(['TITLE', 'STAGE_ID', DEAL_UF.note, DEAL_UF.tags]),
		);
		const contacts = await call(p, 'crm.contact.list', { filter: { ID: 3 } });
		expect(contacts.json.result[0]).not.toHaveProperty('PHONE');
		const withPhone = await call(p, 'crm.contact.list', {
			filter: { ID: 3 },
			select: ['ID', 'PHONE'],
		});
		expect(withPhone.json.result[0].PHONE[0]).toEqual(
			expect.objectContaining({ VALUE_TYPE: 'WORK', TYPE_ID: 'PHONE' }),
		);
		expect(withPhone.json.result[0]).not.toHaveProperty('NAME');
	});

	test('filter prefixes match the seed formulas', async () => {
		const seeds = range(1, 300).map(demoDeal);
		const idsWhere = (pred: (d: Record<string, unknown>) => boolean): number[] =>
			seeds.filter(pred).map((d) => d.ID as number);

		expect(
			await allIds(p, 'crm.deal.list', {
				select: ['ID'],
				filter: { CATEGORY_ID: 1, '>=OPPORTUNITY': 50000 },
			}),
		).toEqual(idsWhere((d) => d.CATEGORY_ID === 1 && (d.OPPORTUNITY as number) >= 50000));
		expect(
			await allIds(p, 'crm.deal.list', {
				select: ['ID'],
				filter: { '@STAGE_ID': ['WON', 'C1:WON'], '<ID': 200 },
			}),
		).toEqual(
			idsWhere((d) => ['WON', 'C1:WON'].includes(d.STAGE_ID as string) && (d.ID as number) < 200),
		);
		expect(
			await allIds(p, 'crm.deal.list', {
				select: ['ID'],
				filter: { '!@ASSIGNED_BY_ID': [1, 2], '<=ID': 30 },
			}),
		).toEqual(idsWhere((d) => d.ASSIGNED_BY_ID === 3 && (d.ID as number) <= 30));
		expect(
			await allIds(p, 'crm.deal.list', { select: ['ID'], filter: { '%TITLE': '#12' } }),
		).toEqual(idsWhere((d) => (d.TITLE as string).includes('#12')));
		expect(
			await allIds(p, 'crm.deal.list', {
				select: ['ID'],
				filter: { '!STAGE_ID': 'NEW', '<ID': 20 },
			}),
		).toEqual(idsWhere((d) => d.STAGE_ID !== 'NEW' && (d.ID as number) < 20));
		expect(
			await allIds(p, 'crm.deal.list', {
				select: ['ID'],
				filter: { [DEAL_UF.region]: REGION_ITEMS[1].ID, '<ID': 40 },
			}),
		).toEqual(
			idsWhere((d) => d[DEAL_UF.region] === Number(REGION_ITEMS[1].ID) && (d.ID as number) < 40),
		);
	});

	test('order DESC and form-encoded PHP brackets', async () => {
		const a = await form(
			p.webhookUrl + 'crm.deal.list',
			'select[]=ID&select[]=TITLE&filter[%3EID]=295&order[ID]=DESC',
		);
		expect(a.status).toBe(200);
		expect(a.json.result.map((r: { ID: string }) => r.ID)).toEqual([
			'300',
			'299',
			'298',
			'297',
			'296',
		]);
		expect(Object.keys(a.json.result[0])).toEqual(['ID', 'TITLE']);
	});

	test('crm.item and crm.deal are two views of the same deals', async () => {
		const added = await call(p, 'crm.item.add', {
			entityTypeId: 2,
			fields: {
				title: 'Via item',
				opportunity: 1234.5,
				categoryId: 1,
				[`ufCrm_${DEAL_UF.seats.slice(7)}`]: 12,
			},
		});
		expect(added.status).toBe(200);
		const item = added.json.result.item;
		expect(typeof item.id).toBe('number');
		expect(item.stageId).toBe(DEAL_STAGES[1][0]);

		const old = await call(p, 'crm.deal.get', { id: item.id });
		expect(old.json.result.TITLE).toBe('Via item');
		expect(old.json.result.OPPORTUNITY).toBe('1234.50');
		expect(old.json.result[DEAL_UF.seats]).toBe('12');

		const upd = await call(p, 'crm.deal.update', {
			id: item.id,
			fields: { OPPORTUNITY: '99.9', STAGE_ID: 'C1:WON' },
		});
		expect(upd.json.result).toBe(true);
		const typed = await call(p, 'crm.item.get', {
			entityTypeId: 2,
			id: item.id,
			useOriginalUfNames: 'Y',
		});
		expect(typed.json.result.item.opportunity).toBe(99.9);
		expect(typed.json.result.item.closed).toBe('Y');
		expect(typed.json.result.item[DEAL_UF.seats]).toBe(12);

		const del = await call(p, 'crm.item.delete', { entityTypeId: 2, id: item.id });
		expect(del.json.result).toEqual([]);
		const gone = await call(p, 'crm.item.get', { entityTypeId: 2, id: item.id });
		expect(gone.status).toBe(400);
		expect(gone.json.error).toBe('NOT_FOUND');
	});

	test('crm.item.list on the smart process, camelCase filter and paging keys', async () => {
		const a = await call(p, 'crm.item.list', {
			entityTypeId: SMART_PROCESS.entityTypeId,
			filter: { '>id': 10 },
			select: ['id', 'title'],
		});
		expect(a.json.result.items.map((i: { id: number }) => i.id)).toEqual([11, 12]);
		expect(a.json.total).toBe(2);
		const types = await call(p, 'crm.type.list');
		expect(types.json.result.types[0]).toEqual(
			expect.objectContaining({
				entityTypeId: SMART_PROCESS.entityTypeId,
				title: SMART_PROCESS.title,
			}),
		);
		const cats = await call(p, 'crm.category.list', { entityTypeId: 2 });
		expect(cats.json.result.categories.map((c: { id: number }) => c.id)).toEqual([0, 1]);
		const stages = await call(p, 'crm.status.list', { filter: { ENTITY_ID: 'DEAL_STAGE_1' } });
		expect(stages.json.result.map((s: { STATUS_ID: string }) => s.STATUS_ID)).toEqual(
			DEAL_STAGES[1],
		);
	});

	test('fields describe user fields, enumerations and statuses', async () => {
		const f = (await call(p, 'crm.deal.fields')).json.result;
		expect(f[DEAL_UF.region]).toEqual(
			expect.objectContaining({
				type: 'enumeration',
				isDynamic: true,
				items: REGION_ITEMS,
				listLabel: 'Region',
			}),
		);
		expect(f.STAGE_ID).toEqual(
			expect.objectContaining({ type: 'crm_status', statusType: 'DEAL_STAGE', isDynamic: false }),
		);
		expect(f[DEAL_UF.tags].isMultiple).toBe(true);
	});

	test('multi-fields: add, change by ID, delete with DELETE=Y', async () => {
		const id = (
			await call(p, 'crm.contact.add', {
				fields: {
					NAME: 'Ann',
					PHONE: [
						{ VALUE: '+100', VALUE_TYPE: 'WORK' },
						{ VALUE: '+200', VALUE_TYPE: 'MOBILE' },
					],
				},
			})
		).json.result;
		expect(typeof id).toBe('number');
		const phones = (await call(p, 'crm.contact.get', { id })).json.result.PHONE;
		expect(phones.map((x: { VALUE: string }) => x.VALUE)).toEqual(['+100', '+200']);
		await call(p, 'crm.contact.update', {
			id,
			fields: {
				PHONE: [
					{ ID: phones[0].ID, VALUE: '+111' },
					{ ID: phones[1].ID, DELETE: 'Y' },
				],
			},
		});
		const after = (await call(p, 'crm.contact.get', { id })).json.result.PHONE;
		expect(after).toEqual([
			{ ID: phones[0].ID, VALUE_TYPE: 'WORK', VALUE: '+111', TYPE_ID: 'PHONE' },
		]);
		expect((await call(p, 'crm.contact.get', { id: 4 })).json.result.NAME).toBe(
			demoContact(4).NAME,
		);
	});

	test('batch: references, errors, totals, and the unresolved reference rule', async () => {
		const a = await call(p, 'batch', {
			halt: 0,
			cmd: {
				page: 'crm.deal.list?select[]=ID&order[ID]=ASC&start=-1',
				next: 'crm.deal.list?select[]=ID&order[ID]=ASC&start=-1&filter[>ID]=$result[page][49][ID]',
				one: 'crm.deal.get?id=$result[page][2][ID]',
				text: 'crm.deal.list?select[]=ID&filter[TITLE]=Deal%20%23$result[page][4][ID]',
				bad: 'crm.deal.get?id=0',
				short: 'crm.deal.list?select[]=ID&order[ID]=ASC&filter[<ID]=11',
				after:
					'crm.deal.list?select[]=ID&order[ID]=ASC&start=-1&filter[>ID]=$result[short][49][ID]',
			},
		});
		expect(a.status).toBe(200);
		const r = a.json.result;
		expect(r.result.next.map((x: { ID: string }) => Number(x.ID))).toEqual(range(51, 100));
		expect(r.result.one.ID).toBe('3');
		expect(r.result.text.map((x: { ID: string }) => x.ID)).toEqual(['5']);
		expect(r.result_error.bad).toEqual({
			error: '',
			error_description: 'ID is not defined or invalid.',
		});
		expect(r.result).not.toHaveProperty('bad');
		expect(r.result_total.short).toBe(10);
		expect(r.result_time.page).toHaveProperty('duration');
		// $result[short][49][ID] does not exist: the walk stops at the 10-row array, which a filter value
		// of rows cannot narrow to "after the last row": the command does NOT return an empty page.
		expect(r.result.after.length).toBeGreaterThan(0);
		expect(r.result.after.map((x: { ID: string }) => Number(x.ID))).not.toEqual([]);
	});

	test('batch: what an unresolved reference becomes (CRestUtil::processBatchElement)', async () => {
		p.registry.register([
			{ name: 'test.echo', scope: 'basic', handler: (ctx) => ({ result: ctx.params }) },
		]);
		const a = await call(p, 'batch', {
			cmd: {
				short: 'crm.deal.list?select[]=ID&order[ID]=ASC&filter[<ID]=4',
				echo: 'test.echo?whole=$result[short][49][ID]&inside=x$result[short][49][ID]&ok=$result[short][1][ID]&gone=$result[nothing][0][ID]&num=n$total[short]',
			},
		});
		const short = [{ ID: '1' }, { ID: '2' }, { ID: '3' }];
		expect(a.json.result.result.short).toEqual(short);
		const echo = a.json.result.result.echo;
		expect(echo.whole).toEqual(short); // the walk stops at the deepest existing value
		expect(echo.inside).toBe('x$result[short][49][ID]'); // non-scalar inside a string: left as text
		expect(echo.ok).toBe('2');
		expect(echo.gone).toEqual({ short }); // unknown command: the whole result map
		expect(echo.num).toBe('n3'); // a number inside a string is substituted ($total[short] = 3)
	});

	test('batch: halt, 50-command cap, no nested batch, empty sections are []', async () => {
		const halted = await call(p, 'batch', {
			halt: 1,
			cmd: { a: 'crm.deal.get?id=0', b: 'crm.deal.get?id=1' },
		});
		expect(Object.keys(halted.json.result.result_error)).toEqual(['a']);
		expect(halted.json.result.result).toEqual([]);
		expect(halted.json.result.result_next).toEqual([]);

		const cmd: Record<string, string> = {};
		for (let i = 0; i < 51; i++) cmd[`c${i}`] = `server.time`;
		const capped = await call(p, 'batch', { cmd });
		expect(Object.keys(capped.json.result.result)).toHaveLength(50);
		expect(capped.json.result.result_error.c50.error).toBe('ERROR_BATCH_LENGTH_EXCEEDED');

		const nested = await call(p, 'batch', { cmd: { n: 'batch?cmd[x]=server.time' } });
		expect(nested.json.result.result_error.n.error).toBe('ERROR_BATCH_METHOD_NOT_ALLOWED');

		const list = await call(p, 'batch', { cmd: ['crm.deal.get?id=1', 'crm.deal.get?id=2'] });
		expect(Array.isArray(list.json.result.result)).toBe(true);
		expect(list.json.result.result[1].ID).toBe('2');
	});

	test('requests are recorded with method, auth and batch commands', async () => {
		p.resetRequests();
		await call(p, 'batch', { cmd: { a: 'server.time', b: 'user.current' } });
		const [rec] = p.restRequests();
		expect(rec.restMethod).toBe('batch');
		expect(rec.auth).toBe('webhook');
		expect(rec.batchCommands).toEqual(['server.time', 'user.current']);
		expect(rec.status).toBe(200);
	});

	test('faults: 503, 500, html 502, slow, reset, scoped to a method, used up', async () => {
		p.faults.inject({ kind: 'status503', method: 'crm.deal.get' });
		expect((await call(p, 'server.time')).status).toBe(200);
		const limited = await call(p, 'crm.deal.get', { id: 1 });
		expect(limited.status).toBe(503);
		expect(limited.json).toEqual({
			error: 'QUERY_LIMIT_EXCEEDED',
			error_description: 'Too many requests',
		});
		expect((await call(p, 'crm.deal.get', { id: 1 })).status).toBe(200);

		p.faults.inject({ kind: 'status500', times: 2 });
		expect((await call(p, 'server.time')).status).toBe(500);
		expect((await call(p, 'server.time')).json.error).toBe('INTERNAL_SERVER_ERROR');
		expect((await call(p, 'server.time')).status).toBe(200);

		p.faults.inject({ kind: 'html502' });
		const html = await call(p, 'server.time');
		expect(html.status).toBe(502);
		expect(html.contentType).toMatch(/text\/html/);

		p.faults.inject({ kind: 'slow', delayMs: 300 });
		const t0 = Date.now();
		expect((await call(p, 'server.time')).status).toBe(200);
		expect(Date.now() - t0).toBeGreaterThanOrEqual(290);

		p.faults.inject({ kind: 'reset' });
		await expect(call(p, 'server.time')).rejects.toThrow();

		p.faults.inject({ kind: 'status429' });
		const op = await call(p, 'server.time');
		expect(op.status).toBe(429);
		expect(op.json.error).toBe('OPERATION_TIME_LIMIT');
	});
});

describe('limits', () => {
	test('leaky bucket: 503 above capacity, drains faster with timeScale, batch counts once', async () => {
		// a slow drain (1 per 5 s) keeps the test independent of how fast this machine answers
		const p = await startPortal({
			seed: 'empty',
			bucket: { capacity: 4, drainPerSecond: 0.2 },
			timeScale: 1,
		});
		try {
			const cmd: Record<string, string> = {};
			for (let i = 0; i < 50; i++) cmd[`c${i}`] = 'server.time';
			for (let i = 0; i < 4; i++) expect((await call(p, 'batch', { cmd })).status).toBe(200);
			const refused = await call(p, 'server.time');
			expect(refused.status).toBe(503);
			expect(refused.json.error).toBe('QUERY_LIMIT_EXCEEDED');
			await new Promise((r) => setTimeout(r, 150));
			expect((await call(p, 'server.time')).status).toBe(503); // 150 ms at 0.2/s drains 0.03
		} finally {
			await p.close();
		}

		const fast = await startPortal({
			seed: 'empty',
			bucket: { capacity: 4, drainPerSecond: 0.2 },
			timeScale: 50,
		});
		try {
			const answers = await Promise.all(range(1, 12).map(() => call(fast, 'server.time')));
			expect(answers.some((a) => a.status === 503)).toBe(true);
			await new Promise((r) => setTimeout(r, 500)); // 500 ms at 10/s drains everything
			expect((await call(fast, 'server.time')).status).toBe(200);
		} finally {
			await fast.close();
		}
	});

	test('operating limit: 429 for the method over budget, others still run, time.operating filled', async () => {
		const p = await startPortal({
			seed: 'empty',
			bucket: false,
			operatingLimit: { windowSeconds: 600, maxSeconds: 1 },
			methodCostSeconds: 0.6,
		});
		try {
			const first = await call(p, 'server.time');
			expect(first.json.time.operating).toBeCloseTo(0.6);
			const second = await call(p, 'server.time');
			expect(second.json.time.operating).toBeCloseTo(1.2);
			expect(second.json.time.operating_reset_at).toBeGreaterThan(Date.now() / 1000);
			const blocked = await call(p, 'server.time');
			expect(blocked.status).toBe(429);
			expect(blocked.json.error).toBe('OPERATION_TIME_LIMIT');
			expect((await call(p, 'user.current')).status).toBe(200);
		} finally {
			await p.close();
		}
	});

	test('7000 demo deals seed quickly and are all listed', async () => {
		const t0 = Date.now();
		const p = await startPortal({ demo: { deals: 7000 }, bucket: false });
		try {
			expect(Date.now() - t0).toBeLessThan(2000);
			const a = await call(p, 'crm.deal.list', {
				select: ['ID'],
				filter: { '>ID': 6990 },
				order: { ID: 'ASC' },
			});
			expect(a.json.total).toBe(10);
			expect(a.json.result.map((r: { ID: string }) => Number(r.ID))).toEqual(range(6991, 7000));
		} finally {
			await p.close();
		}
	});
});

describe('OAuth', () => {
	let p: Portal;
	beforeAll(async () => {
		p = await startPortal({
			seed: 'empty',
			bucket: false,
			oauth: { redirectUri: 'https://app.example.com/callback' },
		});
	});
	afterAll(() => p.close());

	test('token placement: Bearer header, auth=, access_token=; expired, unknown and missing', async () => {
		const t = p.oauth.issueTokens();
		expect(
			(await post(`${p.url}/rest/user.current`, {}, { Authorization: `Bearer ${t.access_token}` }))
				.json.result.ID,
		).toBe('1');
		expect((await post(`${p.url}/rest/user.current`, { auth: t.access_token })).status).toBe(200);
		expect(
			(await fetch(`${p.url}/rest/user.current.json?access_token=${t.access_token}`)).status,
		).toBe(200);

		const expired = await post(
			`${p.url}/rest/user.current`,
			{},
			{ Authorization: `Bearer ${p.oauth.issueTokens({ expired: true }).access_token}` },
		);
		expect(expired.status).toBe(401);
		expect(expired.json.error).toBe('expired_token');

		const unknown = await post(`${p.url}/rest/user.current`, { auth: 'nope' });
		expect(unknown.status).toBe(401);
		expect(unknown.json.error).toBe('invalid_token');

		const none = await post(`${p.url}/rest/user.current`, {});
		expect(none.status).toBe(401);
		expect(none.json.error).toBe('NO_AUTH_FOUND');
	});

	test('refresh rotates the refresh token; the old one is then invalid_grant', async () => {
		const t = p.oauth.issueTokens({ expired: true });
		const before = p.oauth.tokens.refreshCount;
		const q = (rt: string): string =>
			`${p.oauth.tokenUrl}?grant_type=refresh_token&client_id=${encodeURIComponent(p.oauth.clientId)}&client_secret=${encodeURIComponent(p.oauth.clientSecret)}&refresh_token=${rt}`;
		const r1 = await fetch(q(t.refresh_token));
		const fresh = (await r1.json()) as Record<string, unknown>;
		expect(r1.status).toBe(200);
		expect(fresh.refresh_token).not.toBe(t.refresh_token);
		expect(fresh.access_token).not.toBe(t.access_token);
		expect(fresh.expires_in).toBe(3600);
		expect(fresh.client_endpoint).toBe(`${p.url}/rest/`);
		expect(p.oauth.tokens.refreshCount).toBe(before + 1);
		expect((await post(`${p.url}/rest/user.current`, { auth: fresh.access_token })).status).toBe(
			200,
		);

		const reuse = await fetch(q(t.refresh_token));
		expect(reuse.status).toBe(400);
		expect(((await reuse.json()) as { error: string }).error).toBe('invalid_grant');

		const viaForm = await form(
			p.oauth.tokenUrl,
			`grant_type=refresh_token&client_id=${encodeURIComponent(p.oauth.clientId)}&client_secret=${encodeURIComponent(p.oauth.clientSecret)}&refresh_token=${fresh.refresh_token}`,
		);
		expect(viaForm.status).toBe(200);
		expect(viaForm.json.refresh_token).not.toBe(fresh.refresh_token);

		const queryOnlyPost = await fetch(q(viaForm.json.refresh_token), { method: 'POST' });
		expect(queryOnlyPost.status).toBe(400);

		const basic = await form(
			p.oauth.tokenUrl,
			`grant_type=refresh_token&refresh_token=${viaForm.json.refresh_token}`,
		).catch(() => undefined);
		expect(basic?.status).toBe(401);
		const withBasic = await fetch(p.oauth.tokenUrl, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				Authorization: `Basic ${Buffer.from(`${p.oauth.clientId}:${p.oauth.clientSecret}`).toString('base64')}`,
			},
			body: `grant_type=refresh_token&refresh_token=${viaForm.json.refresh_token}`,
		});
		expect(withBasic.status).toBe(401);
		expect(((await withBasic.json()) as { error: string }).error).toBe('invalid_client');
	});

	test('authorization code: redirect with code/state/domain, one exchange only', async () => {
		const r = await fetch(
			`${p.oauth.authorizeUrl}?client_id=${encodeURIComponent(p.oauth.clientId)}&state=xyz`,
			{ redirect: 'manual' },
		);
		expect(r.status).toBe(302);
		const loc = new URL(r.headers.get('location') as string);
		expect(loc.origin + loc.pathname).toBe('https://app.example.com/callback');
		expect(loc.searchParams.get('state')).toBe('xyz');
		for (const k of ['code', 'domain', 'member_id', 'scope', 'server_domain'])
			expect(loc.searchParams.get(k)).toBeTruthy();
		const url = `${p.oauth.tokenUrl}?grant_type=authorization_code&client_id=${encodeURIComponent(p.oauth.clientId)}&client_secret=${encodeURIComponent(p.oauth.clientSecret)}&code=${loc.searchParams.get('code')}`;
		const ok = await fetch(url);
		expect(ok.status).toBe(200);
		expect(((await ok.json()) as { member_id: string }).member_id).toBe(
			loc.searchParams.get('member_id'),
		);
		expect((await fetch(url)).status).toBe(400);
		const badSecret = await fetch(url.replace(/client_secret=[^&]+/, 'client_secret=wrong'));
		expect(badSecret.status).toBe(401);
	});
});

describe('events', () => {
	let p: Portal;
	let hook: Server;
	let hookUrl: string;
	const received: Array<{ body: Record<string, unknown>; contentType?: string }> = [];

	beforeAll(async () => {
		p = await startPortal({ seed: 'demo', bucket: false });
		hook = createServer((req: IncomingMessage, res) => {
			let data = '';
			req.on('data', (c) => (data += c));
			req.on('end', () => {
				received.push({ body: parseQs(data), contentType: req.headers['content-type'] });
				res.end('ok');
			});
		});
		await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
		hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
	});
	afterAll(async () => {
		await p.close();
		await new Promise((r) => hook.close(r));
	});

	test('bind needs an application token; deal changes are delivered form-encoded', async () => {
		const viaWebhook = await call(p, 'event.bind', { event: 'ONCRMDEALADD', handler: hookUrl });
		expect(viaWebhook.status).toBe(403);
		expect(viaWebhook.json.error).toBe('WRONG_AUTH_TYPE');

		const token = p.oauth.issueTokens().access_token;
		const app = (m: string, params: Record<string, unknown>): Promise<Answer> =>
			post(`${p.url}/rest/${m}`, { ...params, auth: token });
		expect((await app('event.bind', { event: 'onCrmDealAdd', handler: hookUrl })).json.result).toBe(
			true,
		);
		expect((await app('event.bind', { event: 'ONCRMDEALADD', handler: hookUrl })).json.error).toBe(
			'ERROR_HANDLER_ALREADY_EXIST',
		);
		expect((await app('event.bind', { event: 'ONNOSUCHTHING', handler: hookUrl })).json.error).toBe(
			'ERROR_EVENT_NOT_FOUND',
		);
		expect((await app('event.get', {})).json.result).toEqual([
			{ event: 'ONCRMDEALADD', handler: hookUrl, auth_type: '0', offline: 0 },
		]);

		const id = (await call(p, 'crm.deal.add', { fields: { TITLE: 'Evented' } })).json.result;
		await p.events.flush();
		expect(received).toHaveLength(1);
		const body = received[0].body;
		expect(received[0].contentType).toBe('application/x-www-form-urlencoded');
		expect(body.event).toBe('ONCRMDEALADD');
		expect(body['data[FIELDS][ID]']).toBe(String(id));
		expect(body['auth[application_token]']).toBe(p.oauth.applicationToken);
		expect(body['auth[domain]']).toBe(new URL(p.url).host);
		expect(typeof body.ts).toBe('string');
		expect(p.events.delivered[0]).toEqual(
			expect.objectContaining({ url: hookUrl, status: 200, event: 'ONCRMDEALADD' }),
		);

		await call(p, 'crm.deal.update', { id, fields: { TITLE: 'no update handler bound' } });
		await p.events.flush();
		expect(received).toHaveLength(1);

		expect(
			(await app('event.unbind', { event: 'ONCRMDEALADD', handler: hookUrl })).json.result,
		).toEqual({ count: 1 });
	});

	test('outgoing webhooks and emitEvent', async () => {
		received.length = 0;
		const appToken = p.events.addOutgoingWebhook(hookUrl, ['ONCRMDYNAMICITEMADD']);
		await call(p, 'crm.item.add', {
			entityTypeId: SMART_PROCESS.entityTypeId,
			fields: { title: 'P' },
		});
		p.emitEvent('ONCRMDYNAMICITEMADD', {
			FIELDS: { ID: 77, ENTITY_TYPE_ID: SMART_PROCESS.entityTypeId },
		});
		await p.events.flush();
		expect(received).toHaveLength(2);
		expect(received[0].body['data[FIELDS][ENTITY_TYPE_ID]']).toBe(
			String(SMART_PROCESS.entityTypeId),
		);
		expect(received[1].body['data[FIELDS][ID]']).toBe('77');
		expect(received[0].body['auth[application_token]']).toBe(appToken);
		expect(received[0].body).not.toHaveProperty('auth[access_token]');
	});
});

describe('transport', () => {
	test('requireHttps refuses plain http webhooks; https serves with the generated certificate', async () => {
		const plain = await startPortal({ seed: 'empty', requireHttps: true });
		try {
			const a = await call(plain, 'server.time');
			expect(a.status).toBe(400);
			expect(a.json).toEqual({ error: 'INVALID_REQUEST', error_description: 'Https required.' });
		} finally {
			await plain.close();
		}
		const secure = await startPortal({ seed: 'empty', https: true, requireHttps: true });
		try {
			expect(secure.url.startsWith('https://')).toBe(true);
			const dispatcher = new Agent({ connect: { ca: secure.ca } });
			const r = await undiciFetch(`${secure.webhookUrl}server.time`, { dispatcher });
			expect(r.status).toBe(200);
			await dispatcher.close();
		} finally {
			await secure.close();
		}
	});
});
