/**
 * Chat bot pickers (version 2): the Dialog (a chat or a person) and the group Chat picked From
 * List (the messenger's dialog pickers), By ID or by a messenger link; members picked in a
 * multi-select. Version 1's text values run through the same operations.
 */
import type { INodeProperties } from 'n8n-workflow';

import { Bitrix24 } from '../../nodes/Bitrix24/Bitrix24.node';
import { bitrix24Node, listSearch } from '../harness';
import type { Portal } from '../portal';
import { chatBotsState } from '../portal/methods/chatbots';
import { runNode, WEBHOOK_ID, webhookCredential, withPortal } from './support';

const TOKEN = 'n8n-test-bot-token-2';
const picked = (value: string, mode = 'list') => ({ __rl: true, mode, value });

describe('Chat bot pickers', () => {
	let portal: Portal;
	let botId: number;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 1 } });
		const run = await runNode(portal, {
			resource: 'chatBot',
			operation: 'register',
			code: 'picker_bot',
			name: 'Picker',
			eventMode: 'fetch',
			additionalFields: { botToken: TOKEN },
		});
		botId = Number(run.json[0].id);
	});
	afterAll(async () => await portal.close());

	const state = () => chatBotsState(portal.store);
	const link = (dialogId: string) => `${portal.url}/online/?IM_DIALOG=${dialogId}`;

	it('version 2 shows the dialog and chat pickers', () => {
		const find = (version: number, resource: string, operation: string, name: string) =>
			new Bitrix24().nodeVersions[version].description.properties.find(
				(p: INodeProperties) =>
					p.name === name &&
					p.displayOptions?.show?.resource?.includes(resource) &&
					p.displayOptions?.show?.operation?.includes(operation),
			);
		const dialog = find(2, 'chatBotMessage', 'send', 'dialogId');
		expect(dialog?.modes?.[0].typeOptions?.searchListMethod).toBe('searchDialogs');
		const chat = find(2, 'chatBotChat', 'addMembers', 'dialogId');
		expect(chat?.modes?.[0].typeOptions?.searchListMethod).toBe('searchGroupDialogs');
		expect(find(2, 'chatBotChat', 'addMembers', 'userIds')?.type).toBe('multiOptions');
		expect(find(1, 'chatBotMessage', 'send', 'dialogId')?.type).toBe('string');
	});

	it('the group chat picker lists chats as chat<N>', async () => {
		const { results } = await listSearch(
			bitrix24Node(
				{ resource: 'chatBotChat', operation: 'addMembers' },
				{
					type: 'bitrix24WebhookApi',
					id: WEBHOOK_ID,
				},
			),
			[webhookCredential(portal)],
			'searchGroupDialogs',
		);
		expect(results.length).toBeGreaterThan(0);
		expect(results.every((r) => /^chat\d+$/.test(String(r.value)))).toBe(true);
	});

	it('sends to a picked person, a dialog by link, and a saved dialog ID', async () => {
		const cases: Array<[string | ReturnType<typeof picked>, number, number]> = [
			[picked('2'), 2, 2],
			[picked(link('3'), 'url'), 2, 3],
			['4', 1, 4],
		];
		for (const [dialogId, typeVersion, userId] of cases) {
			const run = await runNode(
				portal,
				{
					resource: 'chatBotMessage',
					operation: 'send',
					botId: String(botId),
					dialogId,
					message: `hi ${userId}`,
					additionalFields: { botToken: TOKEN },
				},
				{ typeVersion },
			);
			expect(run.result.error).toBeUndefined();
			const message = [...state().messages.values()].find((m) => m.text === `hi ${userId}`)!;
			const chat = state().chats.get(message.chatId)!;
			expect([...chat.members].sort()).toEqual([userId, botId].sort());
		}
	});

	it('adds members picked in a multi-select to a chat given by ID (v2), and typed ones (v1)', async () => {
		const created = await runNode(portal, {
			resource: 'chatBotChat',
			operation: 'create',
			botId: String(botId),
			title: 'Pickers room',
			additionalFields: { botToken: TOKEN, userIds: '2' },
		});
		const chatId = Number(created.json[0].id);
		const members = () => [...state().chats.get(chatId)!.members].sort((a, b) => a - b);
		const added = await runNode(
			portal,
			{
				resource: 'chatBotChat',
				operation: 'addMembers',
				botId: String(botId),
				dialogId: picked(`Chat${chatId}`, 'id'),
				userIds: ['3'],
				additionalFields: { botToken: TOKEN },
			},
			{ typeVersion: 2 },
		);
		expect(added.result.error).toBeUndefined();
		await runNode(portal, {
			resource: 'chatBotChat',
			operation: 'addMembers',
			botId: String(botId),
			dialogId: `chat${chatId}`,
			userIds: '4',
			additionalFields: { botToken: TOKEN },
		});
		expect(members()).toEqual([2, 3, 4, botId].sort((a, b) => a - b));
	});
});
