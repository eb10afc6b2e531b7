import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { Bitrix24 } from '../../nodes/Bitrix24/Bitrix24.node';

import { bitrix24Node, chain, CredentialStore, runWorkflow } from '../harness';
import type { Portal } from '../portal';
import { seed } from '../portal';
import { BOT_SEED, chatBotsState, userWrites } from '../portal/methods/chatbots';
import { DRIVE_SEED, driveState } from '../portal/methods/disk';
import type { NodeRun } from './support';
import { oauthCredential, runNode, visibleText, webhookCredential, withPortal } from './support';

/** Test-only source of one item with a binary field `data` (name, MIME type, base64 bytes). */
class OneFile implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'One File',
		name: 'oneFile',
		group: ['input'],
		version: 1,
		description: 'Emits one item with binary data (test)',
		defaults: { name: 'File' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'File', name: 'file', type: 'json', default: '{}' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const file = JSON.parse(this.getNodeParameter('file', 0) as string) as {
			name: string;
			mime: string;
			base64: string;
		};
		const data = { data: file.base64, mimeType: file.mime, fileName: file.name } as IBinaryData;
		return [[{ json: {}, binary: { data } }]];
	}
}

const state = (portal: Portal) => chatBotsState(portal.store);
/** A request's parameters with every value as text and lists as objects: a batch command carries strings, a single call JSON. */
const asText = (value: unknown): unknown =>
	value && typeof value === 'object'
		? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asText(v)]))
		: String(value);
const bodies = (portal: Portal, method: string) =>
	portal
		.restRequests()
		.filter((r) => r.restMethod?.toLowerCase() === method.toLowerCase())
		.map((r) => asText(r.body) as IDataObject);
const TOKEN = 'n8n-test-bot-token-1';

describe('Chat bots (imbot.v2)', () => {
	let portal: Portal;
	beforeEach(async () => {
		portal = await withPortal({ demo: { deals: 1 } });
	});
	afterEach(async () => await portal.close());

	async function register(code = 'support_bot', token = TOKEN): Promise<number> {
		const run = await runNode(portal, {
			resource: 'chatBot',
			operation: 'register',
			code,
			name: 'Support',
			eventMode: 'fetch',
			additionalFields: { botToken: token },
		});
		expect(run.result.error).toBeUndefined();
		return Number(run.json[0].id);
	}

	it('obscures the bot token fields in the editor', () => {
		const properties = new Bitrix24().nodeVersions[1].description.properties;
		const shown = (
			name: string,
			resource: string,
			operation: string,
		): INodeProperties | undefined => {
			for (const p of properties.filter(
				(x) =>
					x.displayOptions?.show?.resource?.includes(resource) &&
					x.displayOptions?.show?.operation?.includes(operation),
			)) {
				if (p.name === name) return p;
				const inner = (p.options as INodeProperties[] | undefined)?.find((o) => o.name === name);
				if (p.type === 'collection' && inner) return inner;
			}
			return undefined;
		};
		for (const [name, resource, operation] of [
			['botToken', 'chatBotMessage', 'send'],
			['botToken', 'chatBot', 'register'],
			['newBotToken', 'chatBot', 'update'],
			['botToken', 'chatBotCommand', 'answer'],
		]) {
			expect(shown(name, resource, operation)?.typeOptions?.password).toBe(true);
		}
	});

	describe('bot', () => {
		it('registers a bot with a webhook and its token, and answers the same bot for the same code', async () => {
			const run = await runNode(portal, {
				resource: 'chatBot',
				operation: 'register',
				code: 'support_bot',
				name: 'Support',
				eventMode: 'fetch',
				additionalFields: {
					botToken: TOKEN,
					lastName: 'Bot',
					workPosition: 'Helper',
					color: 'red',
					type: 'supervisor',
					isHidden: true,
				},
			});
			expect(run.result.error).toBeUndefined();
			expect(bodies(portal, 'imbot.v2.Bot.register')[0]).toEqual({
				fields: {
					code: 'support_bot',
					eventMode: 'fetch',
					botToken: TOKEN,
					type: 'supervisor',
					properties: { name: 'Support', lastName: 'Bot', workPosition: 'Helper', color: 'red' },
					isHidden: 'true',
				},
			});
			const id = BOT_SEED.botBase;
			expect(run.json[0]).toMatchObject({
				id,
				code: 'support_bot',
				type: 'supervisor',
				isHidden: true,
				eventMode: 'fetch',
				name: 'Support Bot',
			});
			expect(state(portal).bots.get(id)).toMatchObject({
				token: TOKEN,
				clientId: undefined,
				properties: { name: 'Support', lastName: 'Bot', workPosition: 'Helper', color: '#df532d' },
			});
			const again = await register('support_bot');
			expect(again).toBe(id);
			expect(state(portal).bots.size).toBe(1);
		});

		it('needs the bot token with a webhook, and a webhook URL for the webhook event mode', async () => {
			const noToken = await runNode(portal, {
				resource: 'chatBot',
				operation: 'register',
				code: 'x',
				name: 'X',
				eventMode: 'fetch',
			});
			expect(noToken.result.error?.message).toMatch(/BOT_TOKEN_NOT_SPECIFIED|Bot token/);
			const noUrl = await runNode(portal, {
				resource: 'chatBot',
				operation: 'register',
				code: 'x',
				name: 'X',
				eventMode: 'webhook',
				additionalFields: { botToken: TOKEN },
			});
			expect(noUrl.result.error?.message).toMatch(/Parameter "Webhook URL" of item 0/);
			expect(state(portal).bots.size).toBe(0);
		});

		it('updates the profile, rotates the token, and the old token then fails with the ownership error', async () => {
			const id = await register();
			const run = await runNode(portal, {
				resource: 'chatBot',
				operation: 'update',
				botId: String(id),
				additionalFields: {
					botToken: TOKEN,
					name: 'Helpdesk',
					newBotToken: 'rotated-token',
					isReactionsEnabled: false,
				},
			});
			expect(run.result.error).toBeUndefined();
			expect(run.json[0]).toMatchObject({ id, isReactionsEnabled: false, name: 'Helpdesk' });
			expect(state(portal).bots.get(id)).toMatchObject({
				token: 'rotated-token',
				isReactionsEnabled: false,
				properties: { name: 'Helpdesk' },
			});
			const old = await runNode(portal, {
				resource: 'chatBot',
				operation: 'get',
				additionalFields: { botId: id, botToken: TOKEN },
			});
			expect(old.json[0]).not.toHaveProperty('eventMode');
			const stale = await runNode(portal, {
				resource: 'chatBot',
				operation: 'unregister',
				botId: String(id),
				additionalFields: { botToken: TOKEN },
			});
			expect(stale.result.error?.message).toMatch(/BOT_OWNERSHIP_ERROR|another application/);
			const nothing = await runNode(portal, {
				resource: 'chatBot',
				operation: 'update',
				botId: String(id),
				additionalFields: { botToken: 'rotated-token' },
			});
			expect(nothing.result.error?.message).toMatch(/Parameter "Update Fields" of item 0/);
		});

		it("gets a bot by code, lists the token's bots, and unregisters", async () => {
			const id = await register();
			await register('other_bot', 'another-token');
			const byCode = await runNode(portal, {
				resource: 'chatBot',
				operation: 'get',
				additionalFields: { code: 'support_bot', botToken: TOKEN },
			});
			expect(byCode.json[0]).toMatchObject({
				id,
				code: 'support_bot',
				eventMode: 'fetch',
				countCommand: 0,
			});
			const list = await runNode(portal, {
				resource: 'chatBot',
				operation: 'getAll',
				returnAll: true,
				additionalFields: { botToken: TOKEN },
			});
			expect(bodies(portal, 'imbot.v2.Bot.list')[0]).toEqual({ limit: '100', botToken: TOKEN });
			expect(list.json.map((j) => j.id)).toEqual([id]);
			const gone = await runNode(portal, {
				resource: 'chatBot',
				operation: 'unregister',
				botId: String(id),
				additionalFields: { botToken: TOKEN },
			});
			expect(gone.json[0]).toEqual({ botId: id, deleted: true });
			expect(state(portal).bots.has(id)).toBe(false);
		});

		it('works with OAuth2 without a token: the bot belongs to the application', async () => {
			const tokens = portal.oauth.issueTokens({ scope: 'imbot,user' });
			const credential = oauthCredential(portal, { ...tokens });
			const run = await runNode(
				portal,
				{
					authentication: 'bitrix24OAuth2Api',
					resource: 'chatBot',
					operation: 'register',
					code: 'app_bot',
					name: 'App Bot',
					eventMode: 'fetch',
				},
				{ credential },
			);
			expect(run.result.error).toBeUndefined();
			const id = Number(run.json[0].id);
			expect(state(portal).bots.get(id)).toMatchObject({
				clientId: portal.oauth.clientId,
				token: undefined,
			});
			const sent = await runNode(
				portal,
				{
					authentication: 'bitrix24OAuth2Api',
					resource: 'chatBotMessage',
					operation: 'send',
					botId: String(id),
					dialogId: '2',
					message: 'Hi from the app',
				},
				{ credential },
			);
			expect(sent.result.error).toBeUndefined();
			expect(state(portal).messages.get(Number(sent.json[0].id))).toMatchObject({
				authorId: id,
				text: 'Hi from the app',
			});
			// a webhook, even with a token, does not own the application's bot
			const webhook = await runNode(portal, {
				resource: 'chatBot',
				operation: 'unregister',
				botId: String(id),
				additionalFields: { botToken: TOKEN },
			});
			expect(webhook.result.error?.message).toMatch(/BOT_OWNERSHIP_ERROR|another application/);
		});
	});

	describe('messages', () => {
		it('sends to a user with keyboard and attachment JSON, several items in one batch', async () => {
			const botId = await register();
			portal.resetRequests();
			const keyboard = [{ TEXT: 'Yes', COMMAND: 'answer', COMMAND_PARAMS: 'yes' }];
			const run = await runNode(
				portal,
				{
					resource: 'chatBotMessage',
					operation: 'send',
					botId: String(botId),
					dialogId: '={{ $json.to }}',
					message: '={{ $json.text }}',
					additionalFields: { botToken: TOKEN, keyboard: JSON.stringify(keyboard), attach: '[]' },
				},
				{
					items: [
						{ to: '2', text: 'Hello Anna' },
						{ to: '3', text: 'Hello Peter' },
					],
				},
			);
			expect(run.result.error).toBeUndefined();
			expect(portal.restRequests().map((r) => r.restMethod)).toEqual(['batch']);
			const ids = run.json.map((j) => Number(j.id));
			expect(run.json[0]).toMatchObject({ botId, dialogId: '2', uuidMap: {} });
			const [first, second] = ids.map((id) => state(portal).messages.get(id)!);
			expect(first).toMatchObject({ authorId: botId, text: 'Hello Anna', attach: undefined });
			expect(asText(first.keyboard)).toEqual(asText(keyboard));
			const chat = state(portal).chats.get(second.chatId)!;
			expect([...chat.members].sort()).toEqual([3, botId].sort());
		});

		it('refuses a dialog ID the bot cannot use, before and at the portal', async () => {
			const botId = await register();
			const bad = await runNode(portal, {
				resource: 'chatBotMessage',
				operation: 'send',
				botId: String(botId),
				dialogId: 'sg5',
				message: 'x',
				additionalFields: { botToken: TOKEN },
			});
			expect(bad.result.error?.message).toMatch(/Parameter "Dialog ID" of item 0/);
			const foreign = await runNode(portal, {
				resource: 'chatBotMessage',
				operation: 'send',
				botId: String(botId),
				dialogId: 'chat1',
				message: 'x',
				additionalFields: { botToken: TOKEN },
			});
			expect(foreign.result.error?.message).toMatch(/ACCESS_DENIED|Access denied/);
		});

		it('updates its message, removes the keyboard, and deletes it', async () => {
			const botId = await register();
			const sent = await runNode(portal, {
				resource: 'chatBotMessage',
				operation: 'send',
				botId: String(botId),
				dialogId: '4',
				message: 'Draft',
				additionalFields: { botToken: TOKEN, keyboard: '[{"TEXT": "Ok", "COMMAND": "ok"}]' },
			});
			const messageId = Number(sent.json[0].id);
			const run = await runNode(portal, {
				resource: 'chatBotMessage',
				operation: 'update',
				botId: String(botId),
				messageId: String(messageId),
				additionalFields: { botToken: TOKEN, message: 'Final', removeKeyboard: true },
			});
			expect(run.result.error).toBeUndefined();
			expect(run.json[0]).toEqual({ messageId, updated: true });
			expect(bodies(portal, 'imbot.v2.Chat.Message.update')[0]).toEqual({
				botId: String(botId),
				messageId: String(messageId),
				botToken: TOKEN,
				fields: { message: 'Final', keyboard: 'N' },
			});
			expect(state(portal).messages.get(messageId)).toMatchObject({
				text: 'Final',
				keyboard: undefined,
			});
			const del = await runNode(portal, {
				resource: 'chatBotMessage',
				operation: 'delete',
				botId: String(botId),
				messageId: String(messageId),
				additionalFields: { botToken: TOKEN },
			});
			expect(del.json[0]).toEqual({ messageId, deleted: true });
			expect(state(portal).messages.get(messageId)!.deleted).toBe(true);
			const user = userWrites(portal.store, botId, 4, 'my own words');
			const notMine = await runNode(portal, {
				resource: 'chatBotMessage',
				operation: 'update',
				botId: String(botId),
				messageId: String(user.id),
				additionalFields: { botToken: TOKEN, message: 'x' },
			});
			expect(notMine.result.error?.message).toMatch(/ACCESS_DENIED|Access denied/);
		});
	});

	describe('chats', () => {
		it('creates a group chat with members and a first message, then manages members and leaves', async () => {
			const botId = await register();
			const run = await runNode(portal, {
				resource: 'chatBotChat',
				operation: 'create',
				botId: String(botId),
				title: 'Support room',
				additionalFields: { botToken: TOKEN, userIds: '2, 3, 99', message: 'Welcome' },
			});
			expect(run.result.error).toBeUndefined();
			const chatId = Number(run.json[0].id);
			expect(run.json[0]).toMatchObject({
				dialogId: `chat${chatId}`,
				name: 'Support room',
				owner: botId,
				type: 'chat',
				messageCount: 1,
			});
			const chat = state(portal).chats.get(chatId)!;
			expect([...chat.members].sort((a, b) => a - b)).toEqual([2, 3, botId]);
			const dialogId = `chat${chatId}`;
			const add = await runNode(portal, {
				resource: 'chatBotChat',
				operation: 'addMembers',
				botId: String(botId),
				dialogId,
				userIds: '4,5',
				additionalFields: { botToken: TOKEN },
			});
			expect(add.json[0]).toMatchObject({ dialogId, userIds: [4, 5], added: true });
			const remove = await runNode(portal, {
				resource: 'chatBotChat',
				operation: 'removeMember',
				botId: String(botId),
				dialogId,
				userId: '2',
				additionalFields: { botToken: TOKEN },
			});
			expect(remove.json[0]).toMatchObject({ removed: true });
			expect([...chat.members].sort((a, b) => a - b)).toEqual([3, 4, 5, botId]);
			const members = await runNode(portal, {
				resource: 'chatBotChat',
				operation: 'getMembers',
				botId: String(botId),
				dialogId,
				returnAll: false,
				limit: 2,
				additionalFields: { botToken: TOKEN },
			});
			expect(bodies(portal, 'imbot.v2.Chat.User.list')[0]).toMatchObject({
				limit: '200',
				dialogId,
			});
			const expected = [3, 4].map((id) => seed.USERS.find((u) => u.ID === id)!);
			expect(members.json.map((j) => j.name)).toEqual(
				expected.map((u) => `${u.NAME} ${u.LAST_NAME}`),
			);
			const got = await runNode(portal, {
				resource: 'chatBotChat',
				operation: 'get',
				botId: String(botId),
				dialogId,
				additionalFields: { botToken: TOKEN },
			});
			expect(got.json[0]).toMatchObject({ id: chatId, userCounter: 4, role: 'owner' });
			const update = await runNode(portal, {
				resource: 'chatBotChat',
				operation: 'update',
				botId: String(botId),
				dialogId,
				additionalFields: { botToken: TOKEN, title: 'Help desk', color: 'azure' },
			});
			expect(update.json[0]).toEqual({ dialogId, updated: true });
			expect(chat).toMatchObject({ title: 'Help desk', color: '#29619b' });
			const managers = await runNode(portal, {
				resource: 'chatBotChat',
				operation: 'addManagers',
				botId: String(botId),
				dialogId,
				userIds: '3, 2',
				additionalFields: { botToken: TOKEN },
			});
			expect(managers.json[0]).toMatchObject({ added: true });
			// user 2 left the chat above: only members become managers
			expect([...chat.managers]).toEqual([3]);
			const unmanage = await runNode(portal, {
				resource: 'chatBotChat',
				operation: 'removeManagers',
				botId: String(botId),
				dialogId,
				userIds: '3',
				additionalFields: { botToken: TOKEN },
			});
			expect(unmanage.json[0]).toMatchObject({ removed: true });
			expect(chat.managers.size).toBe(0);
			const owner = await runNode(portal, {
				resource: 'chatBotChat',
				operation: 'setOwner',
				botId: String(botId),
				dialogId,
				userId: '4',
				additionalFields: { botToken: TOKEN },
			});
			expect(owner.json[0]).toEqual({ dialogId, ownerId: '4', updated: true });
			expect(chat.ownerId).toBe(4);
			const notOwner = await runNode(portal, {
				resource: 'chatBotChat',
				operation: 'setOwner',
				botId: String(botId),
				dialogId,
				userId: '5',
				additionalFields: { botToken: TOKEN },
			});
			expect(notOwner.result.error?.message).toMatch(/ACCESS_DENIED|Access denied/);
			const leave = await runNode(portal, {
				resource: 'chatBotChat',
				operation: 'leave',
				botId: String(botId),
				dialogId,
				additionalFields: { botToken: TOKEN },
			});
			expect(leave.json[0]).toEqual({ botId, dialogId, left: true });
			expect(chat.members.has(botId)).toBe(false);
			const after = await runNode(portal, {
				resource: 'chatBotChat',
				operation: 'get',
				botId: String(botId),
				dialogId,
				additionalFields: { botToken: TOKEN },
			});
			expect(after.result.error?.message).toMatch(/ACCESS_DENIED|Access denied/);
		});
	});

	describe('commands', () => {
		it('registers, lists, updates and unregisters a command', async () => {
			const botId = await register();
			const run = await runNode(portal, {
				resource: 'chatBotCommand',
				operation: 'register',
				botId: String(botId),
				command: '/help',
				additionalFields: { botToken: TOKEN, title: 'Show help', params: 'topic', common: true },
			});
			expect(run.result.error).toBeUndefined();
			const commandId = Number(run.json[0].id);
			expect(run.json[0]).toMatchObject({ botId, command: '/help', common: true, hidden: false });
			expect(state(portal).commands.get(commandId)).toMatchObject({
				command: 'help',
				title: { en: 'Show help' },
				params: { en: 'topic' },
			});
			const untitled = await runNode(portal, {
				resource: 'chatBotCommand',
				operation: 'register',
				botId: String(botId),
				command: 'silent',
				additionalFields: { botToken: TOKEN },
			});
			expect(untitled.result.error?.message).toMatch(/COMMAND_TITLE_REQUIRED|title is required/);
			const update = await runNode(portal, {
				resource: 'chatBotCommand',
				operation: 'update',
				botId: String(botId),
				commandId: String(commandId),
				additionalFields: {
					botToken: TOKEN,
					otherFields: '{"title": {"de": "Hilfe"}}',
					hidden: true,
				},
			});
			expect(update.json[0]).toMatchObject({ id: commandId, hidden: true });
			expect(state(portal).commands.get(commandId)!.title).toEqual({
				en: 'Show help',
				de: 'Hilfe',
			});
			const list = await runNode(portal, {
				resource: 'chatBotCommand',
				operation: 'getAll',
				botId: String(botId),
				returnAll: true,
				additionalFields: { botToken: TOKEN },
			});
			expect(list.json).toEqual([
				expect.objectContaining({
					id: commandId,
					command: '/help',
					title: 'Show help',
					category: 'Support',
				}),
			]);
			const gone = await runNode(portal, {
				resource: 'chatBotCommand',
				operation: 'unregister',
				botId: String(botId),
				commandId: String(commandId),
				additionalFields: { botToken: TOKEN },
			});
			expect(gone.json[0]).toEqual({ commandId, deleted: true });
			expect(state(portal).commands.size).toBe(0);
		});

		it('answers a command in the dialog it came from, and not elsewhere', async () => {
			const botId = await register();
			const reg = await runNode(portal, {
				resource: 'chatBotCommand',
				operation: 'register',
				botId: String(botId),
				command: 'status',
				additionalFields: { botToken: TOKEN, title: 'Status' },
			});
			const commandId = Number(reg.json[0].id);
			const call = userWrites(portal.store, botId, 5, '/status now');
			const run = await runNode(portal, {
				resource: 'chatBotCommand',
				operation: 'answer',
				botId: String(botId),
				commandId: String(commandId),
				messageId: String(call.id),
				dialogId: '5',
				message: 'All systems go',
				additionalFields: { botToken: TOKEN },
			});
			expect(run.result.error).toBeUndefined();
			expect(run.json[0]).toEqual({ commandId, messageId: call.id, dialogId: '5', answered: true });
			const answer = [...state(portal).messages.values()].find(
				(m) => m.chatId === call.chatId && m.authorId === botId,
			)!;
			expect(answer.text).toBe('All systems go');
			const wrong = await runNode(portal, {
				resource: 'chatBotCommand',
				operation: 'answer',
				botId: String(botId),
				commandId: String(commandId),
				messageId: String(call.id),
				dialogId: '4',
				message: 'x',
				additionalFields: { botToken: TOKEN },
			});
			expect(wrong.result.error?.message).toMatch(/COMMAND_ANSWER_FAILED|answer failed/);
		});
	});

	describe('files', () => {
		/** File(one binary item) -> Bitrix24(parameters), with the webhook credential. */
		async function runWithFile(
			parameters: INodeParameters,
			file: { name: string; mime: string; content: Buffer },
		): Promise<NodeRun> {
			const credential = webhookCredential(portal);
			const source = {
				id: 'file',
				name: 'File',
				type: 'test.oneFile',
				typeVersion: 1,
				position: [0, 0] as [number, number],
				parameters: {
					file: JSON.stringify({
						name: file.name,
						mime: file.mime,
						base64: file.content.toString('base64'),
					}),
				},
			};
			const node = bitrix24Node(parameters, { type: 'bitrix24WebhookApi', id: credential.id });
			const result = await runWorkflow({
				workflow: chain([source, node]),
				credentials: new CredentialStore([credential]),
				nodeTypes: { 'test.oneFile': new OneFile() },
			});
			if (result.error) return { result, items: [], json: [] };
			const items = result.output(node.name);
			return { result, items, json: items.map((item) => item.json) };
		}

		// bytes that are not text, so a lossy conversion anywhere would show
		const bytes = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 7 + 3) % 256));

		beforeEach(() => {
			const drive = driveState(portal.store);
			drive.publicUrl = portal.url;
			// as on a real portal, the links a webhook caller gets carry the webhook's secret path
			drive.webhookPath = `/rest/${portal.webhook.userId}/${portal.webhook.code}/`;
		});

		it('obscures the bot token of both operations', () => {
			const properties = new Bitrix24().nodeVersions[1].description.properties.filter((p) =>
				p.displayOptions?.show?.resource?.includes('chatBotFile'),
			);
			for (const operation of ['upload', 'download']) {
				const token = properties
					.filter((p) => p.displayOptions?.show?.operation?.includes(operation))
					.flatMap((p) => (p.type === 'collection' ? (p.options as INodeProperties[]) : [p]))
					.find((p) => p.name === 'botToken');
				expect(token?.typeOptions?.password).toBe(true);
			}
		});

		it('uploads a binary to a dialog with a message, then downloads the same bytes without showing the link', async () => {
			const botId = await register();
			const upload = await runWithFile(
				{
					resource: 'chatBotFile',
					operation: 'upload',
					botId: String(botId),
					dialogId: '2',
					binaryPropertyName: 'data',
					additionalFields: { botToken: TOKEN, message: 'Here is the report' },
				},
				{ name: 'report.pdf', mime: 'application/pdf', content: bytes },
			);
			expect(upload.result.error).toBeUndefined();
			const sent = bodies(portal, 'imbot.v2.File.upload')[0];
			expect(sent).toMatchObject({
				botId: String(botId),
				botToken: TOKEN,
				dialogId: '2',
				fields: {
					name: 'report.pdf',
					content: bytes.toString('base64'),
					message: 'Here is the report',
				},
			});
			const fileId = Number((upload.json[0].file as IDataObject).id);
			const stored = driveState(portal.store).objects.get(fileId);
			expect(stored?.NAME).toBe('report.pdf');
			expect(stored?.content?.equals(bytes)).toBe(true);
			const message = [...state(portal).messages.values()].find((m) => m.fileIds?.includes(fileId));
			expect(message).toMatchObject({ authorId: botId, text: 'Here is the report' });
			const chat = state(portal).chats.get(message!.chatId)!;
			expect([...chat.members].sort((a, b) => a - b)).toEqual([2, botId]);
			expect(upload.json[0]).toEqual({
				file: {
					id: fileId,
					chatId: chat.id,
					name: 'report.pdf',
					extension: 'pdf',
					size: bytes.length,
				},
				messageId: message!.id,
				chatId: chat.id,
				dialogId: '2',
			});

			portal.resetRequests();
			const download = await runNode(portal, {
				resource: 'chatBotFile',
				operation: 'download',
				botId: String(botId),
				fileId: String(fileId),
				binaryPropertyName: 'file',
				additionalFields: { botToken: TOKEN, fileName: 'copy.pdf' },
			});
			expect(download.result.error).toBeUndefined();
			const binary = download.items[0].binary?.file;
			expect(Buffer.from(binary?.data ?? '', 'base64').equals(bytes)).toBe(true);
			expect(binary).toMatchObject({ fileName: 'copy.pdf', mimeType: 'application/pdf' });
			expect(download.json[0]).toEqual({ botId, fileId, size: bytes.length });
			const fetched = portal.requests.filter((r) => r.restMethod === 'download');
			expect(fetched).toHaveLength(1);
			expect(fetched[0]).toMatchObject({
				path: `/rest/${portal.webhook.userId}/${portal.webhook.code}/download/`,
				status: 200,
			});
			const text = visibleText(download);
			expect(text).not.toContain('token=');
			expect(text).not.toContain(portal.webhook.code);
			expect(text).not.toContain(stored!.downloadToken!);
		});

		it('says which item lacks the binary field, without calling Bitrix24', async () => {
			const botId = await register();
			portal.resetRequests();
			const run = await runNode(portal, {
				resource: 'chatBotFile',
				operation: 'upload',
				botId: String(botId),
				dialogId: '2',
				binaryPropertyName: 'data',
				additionalFields: { botToken: TOKEN },
			});
			expect(run.result.error?.message).toContain('the item has no binary field "data"');
			expect(bodies(portal, 'imbot.v2.File.upload')).toHaveLength(0);
		});

		it('answers FILE_NOT_FOUND for a missing file and FILE_ACCESS_ERROR for a Drive file of no chat of the bot', async () => {
			const botId = await register();
			const download = (fileId: number) =>
				runNode(portal, {
					resource: 'chatBotFile',
					operation: 'download',
					botId: String(botId),
					fileId: String(fileId),
					binaryPropertyName: 'data',
					additionalFields: { botToken: TOKEN },
				});
			const missing = Math.max(...driveState(portal.store).objects.keys()) + 1;
			const gone = await download(missing);
			expect(gone.result.error?.message).toMatch(/FILE_NOT_FOUND|File not found/);
			const other = await download(DRIVE_SEED.files[0].ID);
			expect(other.result.error?.message).toMatch(/FILE_ACCESS_ERROR|File access error/);
			expect(portal.requests.filter((r) => r.restMethod === 'download')).toHaveLength(0);
		});
	});
});
