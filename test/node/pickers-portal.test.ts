/**
 * The test portal's methods the pickers read, called over REST as the docs describe them:
 * im.recent.list, im.search.chat.list, im.search.user.list (api-reference/chats) and
 * disk.file.search (api-reference/disk/file/disk-file-search.md).
 */
import type { IDataObject } from 'n8n-workflow';

import type { Portal } from '../portal';
import { IM_SEED } from '../portal/methods/im';
import { DRIVE_SEED } from '../portal/methods/disk';
import { withPortal } from './support';

describe('Test portal: what the pickers read', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 1 } });
	});
	afterAll(async () => await portal.close());

	async function call(method: string, body: IDataObject): Promise<[number, IDataObject]> {
		const response = await fetch(`${portal.webhookUrl}${method}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		return [response.status, (await response.json()) as IDataObject];
	}

	it('im.recent.list: items with id, chat_id, type and title; total -1; SKIP_DIALOG; LIMIT and next', async () => {
		const [, all] = await call('im.recent.list', {});
		const result = all.result as IDataObject;
		const items = result.items as IDataObject[];
		expect(items.map((i) => [i.id, i.chat_id, i.type])).toEqual([
			['2', IM_SEED.privateChat.id, 'user'],
			[`chat${IM_SEED.groupChat.id}`, IM_SEED.groupChat.id, 'chat'],
		]);
		expect(items[1].title).toBe(IM_SEED.groupChat.title);
		expect([result.hasMore, result.hasMorePages, all.total]).toEqual([false, false, -1]);
		const [, chats] = await call('im.recent.list', { SKIP_DIALOG: 'Y' });
		expect(((chats.result as IDataObject).items as IDataObject[]).map((i) => i.id)).toEqual([
			`chat${IM_SEED.groupChat.id}`,
		]);
		const [, first] = await call('im.recent.list', { LIMIT: 1 });
		expect([(first.result as IDataObject).hasMore, first.next]).toEqual([true, 1]);
	});

	it('im.search.chat.list / im.search.user.list: keyed by ID, FIND of 3 characters at least', async () => {
		const [, chats] = await call('im.search.chat.list', { FIND: 'sales' });
		expect(Object.keys(chats.result as IDataObject)).toEqual([String(IM_SEED.groupChat.id)]);
		expect(chats.total).toBe(1);
		const [, users] = await call('im.search.user.list', { FIND: 'manager', LIMIT: 1 });
		expect(Object.keys(users.result as IDataObject)).toEqual(['2']);
		expect([users.total, users.next]).toEqual([2, 1]);
		const [status, short] = await call('im.search.chat.list', { FIND: 'sa' });
		expect([status, short.error]).toEqual([400, 'FIND_SHORT']);
	});

	it('disk.file.search: by name and text, TYPE, FILTER scope, and its errors', async () => {
		const [, files] = await call('disk.file.search', { QUERY: 'txt' });
		expect((files.result as IDataObject[]).every((o) => o.TYPE === 'file')).toBe(true);
		const [, folders] = await call('disk.file.search', { QUERY: 'rep', TYPE: 'folder' });
		expect((folders.result as IDataObject[]).map((o) => o.ID)).toEqual(['201']);
		const [, inside] = await call('disk.file.search', {
			QUERY: '  q1.csv ',
			TYPE: 'all',
			FILTER: { FOLDER_ID: 203 },
		});
		expect(inside.result).toEqual([]);
		const [, scoped] = await call('disk.file.search', {
			QUERY: 'q1.csv',
			FILTER: { STORAGE_ID: DRIVE_SEED.storages[0].ID, FOLDER_ID: 201 },
		});
		expect((scoped.result as IDataObject[]).map((o) => o.NAME)).toEqual(['q1.csv']);
		expect(scoped).not.toHaveProperty('total');
		for (const [body, code] of [
			[{}, 'ERROR_ARGUMENT'],
			[{ QUERY: 'ab' }, 'INVALID_QUERY'],
			[{ QUERY: 'abc', TYPE: 'any' }, 'INVALID_TYPE'],
			[{ QUERY: 'abc', FILTER: { NAME: 'x' } }, 'INVALID_FILTER'],
			[{ QUERY: 'abc', FILTER: { FOLDER_ID: 999 } }, 'NOT_FOUND'],
		] as const) {
			const [status, answer] = await call('disk.file.search', body);
			expect([status, answer.error]).toEqual([400, code]);
		}
	});
});
