/**
 * The messenger's pickers (version 2): dialogs and chats From List (recent chats, then a search
 * from 3 characters), By ID and By URL; users picked one or several. Version 1 keeps its text
 * fields, and the same runtime still reads their saved values.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { Bitrix24 } from '../../nodes/Bitrix24/Bitrix24.node';
import { bitrix24Node, listSearch } from '../harness';
import type { Portal } from '../portal';
import { IM_SEED, imState, postMessage } from '../portal/methods/im';
import { USERS } from '../portal/seed';
import { runNode, webhookCredential, withPortal } from './support';

const V2 = { typeVersion: 2 };
const picked = (value: string, mode = 'list') => ({ __rl: true, mode, value });
const fullName = (id: number) => {
	const u = USERS.find((x) => x.ID === id)!;
	return `${u.NAME} ${u.LAST_NAME}`;
};

function shown(version: number, resource: string, operation: string, name: string) {
	const properties = new Bitrix24().nodeVersions[version].description.properties;
	return properties.find(
		(p: INodeProperties) =>
			p.name === name &&
			p.displayOptions?.show?.resource?.includes(resource) &&
			p.displayOptions?.show?.operation?.includes(operation),
	);
}

describe('Messenger pickers', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 1 } });
	});
	afterAll(async () => await portal.close());

	const state = () => imState(portal.store);
	const node = (parameters: Record<string, unknown>) =>
		bitrix24Node(parameters as never, { type: 'bitrix24WebhookApi', id: 'cred-webhook' });
	const search = async (method: string, filter?: string, token?: string) =>
		await listSearch(
			node({ resource: 'message', operation: 'send' }),
			[webhookCredential(portal)],
			method,
			filter,
			token,
		);
	const lastMessage = (chatId: number) =>
		[...state().messages.values()].filter((m) => m.chatId === chatId).at(-1);
	const url = (dialogId: string) => `${portal.url}/online/?IM_DIALOG=${dialogId}`;

	describe('list searches', () => {
		it('offer the recent chats and dialogs, newest activity first', async () => {
			const { results, paginationToken } = await search('searchDialogs');
			// the private dialog with user 2 had the last message (4), then the group chat
			expect(results).toEqual([
				{ name: fullName(2), value: '2', description: 'Private dialog', url: url('2') },
				{
					name: IM_SEED.groupChat.title,
					value: 'chat1',
					description: 'Chat',
					url: url('chat1'),
				},
			]);
			expect(paginationToken).toBeUndefined();
		});

		it('narrow the recent list by a short text and search everything from 3 letters', async () => {
			const short = await search('searchDialogs', 'an');
			expect(short.results.map((r) => r.value)).toEqual(['2']);
			const found = await search('searchDialogs', 'sales');
			// the chat by its title; Anna and Peter by their position (Sales manager)
			expect(found.results.map((r) => [r.value, r.name])).toEqual([
				['chat1', IM_SEED.groupChat.title],
				['2', fullName(2)],
				['3', fullName(3)],
			]);
		});

		it('page the recent list by OFFSET while Bitrix24 says there is more', async () => {
			const chats: number[] = [];
			for (let i = 0; i < 55; i++) {
				const response = await fetch(`${portal.webhookUrl}im.chat.add`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ TITLE: `Room ${i}`, USERS: [2] }),
				});
				chats.push(((await response.json()) as { result: number }).result);
			}
			postMessage(state(), {
				chatId: chats[0],
				authorId: 2,
				text: 'latest',
				date: Date.now() + 60_000,
			});
			const first = await search('searchChats');
			expect(first.results).toHaveLength(50);
			expect(first.results[0]).toMatchObject({ name: 'Room 0', value: String(chats[0]) });
			expect(first.paginationToken).toBe('50');
			const second = await search('searchChats', undefined, first.paginationToken);
			const values = [...first.results, ...second.results].map((r) => r.value);
			expect(new Set(values)).toEqual(new Set([...chats, IM_SEED.groupChat.id].map(String)));
			expect(second.paginationToken).toBeUndefined();
			const offsets = portal
				.restRequests()
				.filter((r) => r.restMethod === 'im.recent.list')
				.slice(-2)
				.map((r) => (r.body as IDataObject).OFFSET);
			expect(offsets).toEqual([0, 50]);
		});

		it('search chats only, by number, for the Chat pickers', async () => {
			const { results } = await search('searchChats', 'Room 5');
			expect(results.map((r) => r.name).sort()).toEqual(
				['Room 5', 'Room 50', 'Room 51', 'Room 52', 'Room 53', 'Room 54'].sort(),
			);
			expect(results.every((r) => /^\d+$/.test(String(r.value)))).toBe(true);
		});
	});

	describe('version 2 shows pickers, version 1 its text fields', () => {
		it('Dialog and Chat are resource locators in version 2 only', () => {
			const dialog = shown(2, 'message', 'send', 'dialogId');
			expect(dialog?.type).toBe('resourceLocator');
			expect(dialog?.modes?.map((m) => m.name)).toEqual(['list', 'id', 'url']);
			expect(dialog?.modes?.[0].typeOptions?.searchListMethod).toBe('searchDialogs');
			expect(shown(1, 'message', 'send', 'dialogId')?.type).toBe('string');
			expect(shown(2, 'chat', 'getMembers', 'dialogId')?.type).toBe('resourceLocator');
			expect(shown(2, 'chat', 'updateAvatar', 'chatId')?.type).toBe('resourceLocator');
			expect(shown(2, 'chat', 'leave', 'chatId')?.modes?.[0].typeOptions?.searchListMethod).toBe(
				'searchChats',
			);
			expect(shown(2, 'chat', 'addUsers', 'userIds')?.type).toBe('multiOptions');
			expect(shown(1, 'chat', 'addUsers', 'userIds')?.type).toBe('string');
		});
	});

	describe('workflows', () => {
		it('sends to a dialog picked from the list, by ID, by URL, and to an old saved text', async () => {
			const cases: Array<[string | ReturnType<typeof picked>, number]> = [
				[picked('chat1'), 2],
				[picked('Chat1', 'id'), 2],
				[picked(url('chat1'), 'url'), 2],
				['chat1', 1],
			];
			for (const [dialogId, typeVersion] of cases) {
				const text = `hello ${JSON.stringify(dialogId)}`;
				const run = await runNode(
					portal,
					{ resource: 'message', operation: 'send', dialogId, message: text },
					{ typeVersion },
				);
				expect(run.result.error).toBeUndefined();
				expect(lastMessage(IM_SEED.groupChat.id)?.text).toBe(text);
			}
		});

		it('names the parameter when a picked dialog comes out empty or a link is not a messenger link', async () => {
			const empty = await runNode(
				portal,
				{ resource: 'chat', operation: 'sendTyping', dialogId: picked('={{ $json.dialog }}') },
				{ ...V2, items: [{ dialog: '' }] },
			);
			expect(empty.result.error?.message).toBe('Parameter "Dialog" of item 0: is required');
			// n8n itself holds back a link By URL does not take
			await expect(
				runNode(
					portal,
					{
						resource: 'chat',
						operation: 'sendTyping',
						dialogId: picked('https://example.com/crm/deal/details/1/', 'url'),
					},
					V2,
				),
			).rejects.toThrow('Not a valid URL');
		});

		it('reads the members of a dialog given by URL (v2) and by text (v1)', async () => {
			for (const [dialogId, typeVersion] of [
				[picked(url('chat1'), 'url'), 2],
				['chat1', 1],
			] as const) {
				const run = await runNode(
					portal,
					{ resource: 'chat', operation: 'getMembers', dialogId, returnAll: true },
					{ typeVersion },
				);
				expect(run.json.map((u) => u.id)).toEqual(IM_SEED.groupChat.users);
			}
		});

		it('adds users picked in a multi-select (v2) and typed as text (v1)', async () => {
			const chatId = Math.max(...state().chats.keys());
			const members = () => [...state().chats.get(chatId)!.members.keys()].sort();
			const before = members();
			const added = await runNode(
				portal,
				{ resource: 'chat', operation: 'addUsers', chatId: picked(String(chatId)), userIds: ['4'] },
				V2,
			);
			expect(added.result.error).toBeUndefined();
			expect(members()).toEqual([...before, 4].sort());
			const old = await runNode(portal, {
				resource: 'chat',
				operation: 'addUsers',
				chatId: String(chatId),
				userIds: '5',
			});
			expect(old.result.error).toBeUndefined();
			expect(members()).toEqual([...before, 4, 5].sort());
		});

		it('removes a user picked by profile URL (v2) and by ID text (v1)', async () => {
			const chatId = Math.max(...state().chats.keys());
			const run = await runNode(
				portal,
				{
					resource: 'chat',
					operation: 'removeUser',
					chatId: picked(url(`chat${chatId}`), 'url'),
					userId: picked(`${portal.url}/company/personal/user/4/`, 'url'),
				},
				V2,
			);
			expect(run.result.error).toBeUndefined();
			expect(state().chats.get(chatId)!.members.has(4)).toBe(false);
			const old = await runNode(portal, {
				resource: 'chat',
				operation: 'removeUser',
				chatId: String(chatId),
				userId: '5',
			});
			expect(old.result.error).toBeUndefined();
			expect(state().chats.get(chatId)!.members.has(5)).toBe(false);
		});

		it('notifies a picked recipient (v2) and a typed one (v1)', async () => {
			for (const [userId, typeVersion] of [
				[picked('3'), 2],
				['4', 1],
			] as const) {
				const message = `note for ${JSON.stringify(userId)}`;
				const run = await runNode(
					portal,
					{ resource: 'notification', operation: 'sendPersonal', userId, message },
					{ typeVersion },
				);
				expect(run.result.error).toBeUndefined();
				const sent = [...state().notifications.values()].at(-1)!;
				expect([sent.toUserId, sent.message]).toEqual([typeVersion === 2 ? 3 : 4, message]);
			}
		});
	});
});
