import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { bitrix24Node, chain, CredentialStore, runWorkflow } from '../harness';
import type { Portal } from '../portal';
import { param } from '../portal/registry';
import { IM_SEED, imState, postMessage } from '../portal/methods/im';
import { USERS } from '../portal/seed';
import { runNode, visibleText, webhookCredential, withPortal } from './support';

/** The webhook's user: every call runs as them. */
const ME = 1;
const fullName = (id: number) => {
	const u = USERS.find((x) => x.ID === id)!;
	return `${u.NAME} ${u.LAST_NAME}`;
};

/** A 1x1 PNG. */
const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	'base64',
);

class BinaryStart implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Binary Start',
		name: 'binaryStart',
		group: ['input'],
		version: 1,
		description: 'Emits one item with a binary property (test)',
		defaults: { name: 'Binary Start' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Mime Type', name: 'mimeType', type: 'string', default: 'image/png' },
			{ displayName: 'Base64', name: 'base64', type: 'string', default: '' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const data = Buffer.from(this.getNodeParameter('base64', 0) as string, 'base64');
		const binary = await this.helpers.prepareBinaryData(
			data,
			'avatar.png',
			this.getNodeParameter('mimeType', 0) as string,
		);
		return [[{ json: {}, binary: { picture: binary } }]];
	}
}

describe('Messenger', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 1 } });
	});
	afterAll(async () => await portal.close());

	const state = () => imState(portal.store);
	const requests = (method: string) =>
		portal.restRequests().filter((r) => r.restMethod?.toLowerCase() === method.toLowerCase());
	const lastBody = (method: string) => requests(method).at(-1)?.body as IDataObject;

	/** A new group chat made over REST as the webhook user, so tests do not share one. */
	async function newChat(users: number[], title = 'Test chat'): Promise<number> {
		const response = await fetch(`${portal.webhookUrl}im.chat.add`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ TITLE: title, USERS: users }),
		});
		return ((await response.json()) as { result: number }).result;
	}

	describe('Chat', () => {
		it('creates a chat with members, color, type and a first message', async () => {
			const expectedId = state().nextChatId;
			const run = await runNode(portal, {
				resource: 'chat',
				operation: 'create',
				title: 'Launch',
				additionalFields: {
					userIds: '2, 3',
					color: 'PINK',
					chatType: 'OPEN',
					message: 'Hello team',
				},
			});
			expect(run.json).toEqual([{ chatId: expectedId, dialogId: `chat${expectedId}` }]);
			const chat = state().chats.get(expectedId)!;
			expect(chat.title).toBe('Launch');
			expect(chat.type).toBe('open');
			expect(chat.color).toBe('PINK');
			expect(chat.ownerId).toBe(ME);
			expect([...chat.members.keys()].sort()).toEqual([ME, 2, 3]);
			expect(
				[...state().messages.values()].filter((m) => m.chatId === expectedId).map((m) => m.text),
			).toEqual(['Hello team']);
			expect(lastBody('im.chat.add')).toMatchObject({
				TITLE: 'Launch',
				USERS: [2, 3],
				TYPE: 'OPEN',
				COLOR: 'PINK',
			});
		});

		it('gets a chat by dialog ID, normalising how it is written', async () => {
			const run = await runNode(portal, {
				resource: 'chat',
				operation: 'get',
				dialogId: ' Chat1 ',
			});
			const g = IM_SEED.groupChat;
			expect(run.json[0]).toMatchObject({
				id: g.id,
				name: g.title,
				owner: g.ownerId,
				user_counter: g.users.length,
				dialog_id: 'chat1',
				type: 'chat',
			});
			expect(lastBody('im.dialog.get')).toMatchObject({ DIALOG_ID: 'chat1' });
		});

		it('rejects a malformed dialog ID before calling Bitrix24', async () => {
			const before = requests('im.dialog.get').length;
			const run = await runNode(portal, { resource: 'chat', operation: 'get', dialogId: 'group1' });
			expect(run.result.error?.message).toContain('Parameter "Dialog ID" of item 0');
			expect(requests('im.dialog.get').length).toBe(before);
		});

		it('fails with the portal error for a chat the user is not in', async () => {
			const run = await runNode(portal, {
				resource: 'chat',
				operation: 'get',
				dialogId: 'chat999',
			});
			expect(visibleText(run)).toContain('ACCESS_ERROR');
			expect(visibleText(run)).not.toContain(portal.webhookUrl);
		});

		it('lists member IDs, one item per member', async () => {
			const run = await runNode(portal, {
				resource: 'chat',
				operation: 'getMemberIds',
				chatId: '1',
			});
			expect(run.json).toEqual(IM_SEED.groupChat.users.map((userId) => ({ chatId: 1, userId })));
		});

		it('gets member profiles with a limit and all of them', async () => {
			const limited = await runNode(portal, {
				resource: 'chat',
				operation: 'getMembers',
				dialogId: 'chat1',
				returnAll: false,
				limit: 2,
			});
			expect(limited.json.map((u) => u.id)).toEqual(IM_SEED.groupChat.users.slice(0, 2));
			expect(lastBody('im.dialog.users.list')).toMatchObject({
				DIALOG_ID: 'chat1',
				LIMIT: 2,
				OFFSET: 0,
			});
			const all = await runNode(portal, {
				resource: 'chat',
				operation: 'getMembers',
				dialogId: 'chat1',
				returnAll: true,
			});
			expect(all.json.map((u) => u.name)).toEqual(IM_SEED.groupChat.users.map(fullName));
		});

		it('walks message history newest first across pages, and forward from a message', async () => {
			const chatId = await newChat([2]);
			const posted = Array.from(
				{ length: 60 },
				(_, i) => postMessage(state(), { chatId, authorId: 2, text: `m${i}` }).id,
			);
			const newestFirst = [...posted].reverse();
			const before = requests('im.dialog.messages.get').length;
			const all = await runNode(portal, {
				resource: 'chat',
				operation: 'getMessages',
				dialogId: `chat${chatId}`,
				returnAll: true,
			});
			expect(all.json.map((m) => m.id)).toEqual(newestFirst);
			const calls = requests('im.dialog.messages.get')
				.slice(before)
				.map((r) => r.body as IDataObject);
			expect(calls[0]).not.toHaveProperty('LAST_ID');
			expect(Number(calls[1].LAST_ID)).toBe(Math.min(...newestFirst.slice(0, 50)));

			const five = await runNode(portal, {
				resource: 'chat',
				operation: 'getMessages',
				dialogId: `chat${chatId}`,
				returnAll: false,
				limit: 5,
			});
			expect(five.json.map((m) => m.text)).toEqual(
				newestFirst.slice(0, 5).map((id) => state().messages.get(id)!.text),
			);

			const forward = await runNode(portal, {
				resource: 'chat',
				operation: 'getMessages',
				dialogId: `chat${chatId}`,
				returnAll: true,
				options: { afterMessageId: posted[54] },
			});
			expect(forward.json.map((m) => m.id)).toEqual(posted.slice(55));
		});

		it('gets messenger users by ID', async () => {
			const run = await runNode(portal, {
				resource: 'chat',
				operation: 'getUsers',
				userIds: '2, 4',
			});
			expect(run.json.map((u) => [u.id, u.name])).toEqual([2, 4].map((id) => [id, fullName(id)]));
			expect(lastBody('im.user.list.get')).toMatchObject({ ID: [2, 4], RESULT_TYPE: 'array' });
		});

		it('adds users, hiding history unless told not to', async () => {
			const chatId = await newChat([2]);
			const run = await runNode(portal, {
				resource: 'chat',
				operation: 'addUsers',
				chatId: String(chatId),
				userIds: '4,5',
			});
			expect(run.json).toEqual([{ chatId, success: true }]);
			const members = state().chats.get(chatId)!.members;
			expect([...members.keys()].sort()).toEqual([ME, 2, 4, 5]);
			expect(members.get(4)!.startId).toBeGreaterThan(0);
			expect(lastBody('im.chat.user.add')).not.toHaveProperty('HIDE_HISTORY');

			await runNode(portal, {
				resource: 'chat',
				operation: 'addUsers',
				chatId: String(chatId),
				userIds: '3',
				additionalFields: { hideHistory: false },
			});
			expect(lastBody('im.chat.user.add')).toMatchObject({ HIDE_HISTORY: 'N' });
			expect(members.get(3)!.startId).toBe(0);
		});

		it('removes a user, and reports the portal error for one who is not a member', async () => {
			const chatId = await newChat([2, 3]);
			const run = await runNode(portal, {
				resource: 'chat',
				operation: 'removeUser',
				chatId: String(chatId),
				userId: '3',
			});
			expect(run.json).toEqual([{ chatId, userId: 3, success: true }]);
			expect(state().chats.get(chatId)!.members.has(3)).toBe(false);
			const failed = await runNode(
				portal,
				{ resource: 'chat', operation: 'removeUser', chatId: String(chatId), userId: '4' },
				{ continueOnFail: true },
			);
			expect(failed.json[0].code).toBe('WRONG_REQUEST');
		});

		it('leaves a chat; the owner hands over to the next member', async () => {
			const chatId = await newChat([2, 3]);
			const run = await runNode(portal, {
				resource: 'chat',
				operation: 'leave',
				chatId: String(chatId),
			});
			expect(run.json).toEqual([{ chatId, success: true }]);
			const chat = state().chats.get(chatId)!;
			expect(chat.members.has(ME)).toBe(false);
			expect(chat.ownerId).toBe(2);
		});

		it('updates title and color', async () => {
			const chatId = await newChat([2]);
			await runNode(portal, {
				resource: 'chat',
				operation: 'updateTitle',
				chatId: String(chatId),
				title: '  Renamed ',
			});
			await runNode(portal, {
				resource: 'chat',
				operation: 'updateColor',
				chatId: String(chatId),
				color: 'RED',
			});
			expect(state().chats.get(chatId)).toMatchObject({ title: 'Renamed', color: 'RED' });
		});

		it('updates the avatar from an input binary property', async () => {
			const chatId = await newChat([2]);
			const start = {
				id: 'b1',
				name: 'Binary Start',
				type: 'test.binaryStart',
				typeVersion: 1,
				position: [0, 0] as [number, number],
				parameters: { base64: PNG.toString('base64') },
			};
			const node = bitrix24Node(
				{
					resource: 'chat',
					operation: 'updateAvatar',
					chatId: String(chatId),
					imageSource: 'binary',
					binaryPropertyName: 'picture',
				},
				{ type: 'bitrix24WebhookApi', id: 'cred-webhook' },
			);
			const result = await runWorkflow({
				workflow: chain([start, node]),
				credentials: new CredentialStore([webhookCredential(portal)]),
				nodeTypes: { 'test.binaryStart': new BinaryStart() },
			});
			expect(result.error).toBeUndefined();
			expect(result.output(node.name).map((i) => i.json)).toEqual([{ chatId, success: true }]);
			expect(state().chats.get(chatId)!.avatarData).toBe(PNG.toString('base64'));
		});

		it('updates the avatar from base64 text, and the portal rejects what is not an image', async () => {
			const chatId = await newChat([2]);
			const ok = await runNode(portal, {
				resource: 'chat',
				operation: 'updateAvatar',
				chatId: String(chatId),
				imageSource: 'base64',
				imageBase64: PNG.toString('base64'),
			});
			expect(ok.json).toEqual([{ chatId, success: true }]);
			expect(state().chats.get(chatId)!.avatarVersion).toBe(1);
			const bad = await runNode(portal, {
				resource: 'chat',
				operation: 'updateAvatar',
				chatId: String(chatId),
				imageSource: 'base64',
				imageBase64: Buffer.from('not an image').toString('base64'),
			});
			expect(visibleText(bad)).toContain('AVATAR_ERROR');
			expect(state().chats.get(chatId)!.avatarVersion).toBe(1);
		});

		it('sets the owner', async () => {
			const chatId = await newChat([2]);
			const run = await runNode(portal, {
				resource: 'chat',
				operation: 'setOwner',
				chatId: String(chatId),
				userId: '2',
			});
			expect(run.json).toEqual([{ chatId, ownerId: 2, success: true }]);
			expect(state().chats.get(chatId)!.ownerId).toBe(2);
		});

		it('mutes and unmutes', async () => {
			const chatId = await newChat([2]);
			await runNode(portal, { resource: 'chat', operation: 'mute', chatId: String(chatId) });
			expect(lastBody('im.chat.mute')).toMatchObject({ CHAT_ID: chatId, MUTE: 'Y' });
			expect(state().chats.get(chatId)!.members.get(ME)!.muted).toBe(true);
			await runNode(portal, { resource: 'chat', operation: 'unmute', chatId: String(chatId) });
			expect(state().chats.get(chatId)!.members.get(ME)!.muted).toBe(false);
		});

		it('sends a typing indicator', async () => {
			const run = await runNode(portal, {
				resource: 'chat',
				operation: 'sendTyping',
				dialogId: 'chat1',
			});
			expect(run.json).toEqual([{ dialogId: 'chat1', success: true }]);
			expect(state().writing.at(-1)).toEqual({ dialogId: 'chat1', chatId: 1, userId: ME });
		});

		it('sets and gets the status', async () => {
			const set = await runNode(portal, {
				resource: 'chat',
				operation: 'setStatus',
				status: 'dnd',
			});
			expect(set.json).toEqual([{ status: 'dnd', success: true }]);
			expect(state().statuses.get(ME)).toBe('dnd');
			const get = await runNode(portal, { resource: 'chat', operation: 'getStatus' });
			expect(get.json).toEqual([{ status: 'dnd' }]);
		});

		it('marks all chats as read', async () => {
			const chatId = await newChat([2]);
			postMessage(state(), { chatId, authorId: 2, text: 'unread one' });
			expect(state().chats.get(chatId)!.members.get(ME)!.lastRead).toBe(0);
			const run = await runNode(portal, { resource: 'chat', operation: 'readAll' });
			expect(run.json).toEqual([{ success: true }]);
			const last = Math.max(
				...[...state().messages.values()].filter((m) => m.chatId === chatId).map((m) => m.id),
			);
			expect(state().chats.get(chatId)!.members.get(ME)!.lastRead).toBe(last);
		});

		it('gets the files folder', async () => {
			const run = await runNode(portal, { resource: 'chat', operation: 'getFolder', chatId: '1' });
			expect(run.json).toEqual([{ chatId: 1, folderId: IM_SEED.folderBase + 1 }]);
		});
	});

	describe('Message', () => {
		it('sends messages with attachments, one per item, to a chat and to a user', async () => {
			const chatId = await newChat([2]);
			const attach = [{ IMAGE: { LINK: 'https://example.com/a.png' } }];
			const firstId = state().nextMessageId;
			const run = await runNode(
				portal,
				{
					resource: 'message',
					operation: 'send',
					dialogId: '={{ $json.to }}',
					message: '={{ $json.text }}',
					additionalFields: { attachments: JSON.stringify(attach) },
				},
				{
					items: [
						{ to: `chat${chatId}`, text: 'one' },
						{ to: `chat${chatId}`, text: 'two' },
						{ to: 3, text: 'private' },
					],
				},
			);
			expect(run.json).toEqual([
				{ messageId: firstId, dialogId: `chat${chatId}` },
				{ messageId: firstId + 1, dialogId: `chat${chatId}` },
				{ messageId: firstId + 2, dialogId: '3' },
			]);
			const sent = [firstId, firstId + 1, firstId + 2].map((id) => state().messages.get(id)!);
			expect(sent.map((m) => m.text)).toEqual(['one', 'two', 'private']);
			expect(sent[0].attach).toEqual(attach);
			const privateChat = state().chats.get(sent[2].chatId)!;
			expect(privateChat.type).toBe('private');
			expect([...privateChat.members.keys()].sort()).toEqual([ME, 3]);
		});

		it('refuses a message with neither text nor attachments', async () => {
			const run = await runNode(portal, {
				resource: 'message',
				operation: 'send',
				dialogId: 'chat1',
				message: '',
			});
			expect(run.result.error?.message).toContain('Parameter "Message" of item 0');
		});

		it('sends Drive files, and reports files that do not exist', async () => {
			const chatId = await newChat([2]);
			const firstCopy = state().nextDiskId;
			const run = await runNode(portal, {
				resource: 'message',
				operation: 'sendFile',
				dialogId: `chat${chatId}`,
				fileIds: '701, 702',
				additionalFields: { message: 'Files' },
			});
			expect(run.json[0]).toMatchObject({
				dialogId: `chat${chatId}`,
				diskIds: [firstCopy, firstCopy + 1],
			});
			expect((run.json[0].files as IDataObject[]).map((f) => f.name)).toEqual(
				IM_SEED.driveFiles.map((f) => f.name),
			);
			const message = state().messages.get(run.json[0].messageId as number)!;
			expect(message).toMatchObject({ chatId, text: 'Files', fileIds: [firstCopy, firstCopy + 1] });
			const missing = await runNode(
				portal,
				{ resource: 'message', operation: 'sendFile', dialogId: `chat${chatId}`, fileIds: '999' },
				{ continueOnFail: true },
			);
			expect(missing.json[0].code).toBe('SAVE_ERROR');
		});

		it('updates, likes and deletes a message', async () => {
			const chatId = await newChat([2]);
			const id = postMessage(state(), { chatId, authorId: ME, text: 'draft' }).id;
			const updated = await runNode(portal, {
				resource: 'message',
				operation: 'update',
				messageId: String(id),
				additionalFields: { message: 'final' },
			});
			expect(updated.json).toEqual([{ messageId: id, success: true }]);
			expect(state().messages.get(id)).toMatchObject({ text: 'final', edited: true });

			await runNode(portal, {
				resource: 'message',
				operation: 'like',
				messageId: String(id),
				likeAction: 'plus',
			});
			expect(state().messages.get(id)!.likes).toEqual([ME]);
			const again = await runNode(
				portal,
				{ resource: 'message', operation: 'like', messageId: String(id), likeAction: 'plus' },
				{ continueOnFail: true },
			);
			expect(again.json[0].code).toBe('WITHOUT_CHANGES');

			const deleted = await runNode(portal, {
				resource: 'message',
				operation: 'delete',
				messageId: String(id),
			});
			expect(deleted.json).toEqual([{ messageId: id, success: true }]);
			expect(state().messages.get(id)!.deleted).toBe(true);
		});

		it('marks messages as read and as unread', async () => {
			const chatId = await newChat([2]);
			const ids = [1, 2, 3].map(
				(n) => postMessage(state(), { chatId, authorId: 2, text: `u${n}` }).id,
			);
			const read = await runNode(portal, {
				resource: 'message',
				operation: 'markAsRead',
				dialogId: `chat${chatId}`,
				additionalFields: { messageId: String(ids[1]) },
			});
			expect(read.json).toEqual([
				{ dialogId: `chat${chatId}`, chatId, lastId: ids[1], counter: 1 },
			]);
			const unread = await runNode(portal, {
				resource: 'message',
				operation: 'markAsUnread',
				dialogId: `chat${chatId}`,
				messageId: String(ids[0]),
			});
			expect(unread.json).toEqual([
				{ dialogId: `chat${chatId}`, messageId: ids[0], success: true },
			]);
			expect(state().chats.get(chatId)!.members.get(ME)!.lastRead).toBe(ids[0] - 1);
		});
	});

	describe('Notification', () => {
		it('sends personal and system notifications', async () => {
			const first = state().nextNotificationId;
			const personal = await runNode(portal, {
				resource: 'notification',
				operation: 'sendPersonal',
				userId: '2',
				message: ' Check deal #1 ',
			});
			const system = await runNode(portal, {
				resource: 'notification',
				operation: 'sendSystem',
				userId: '3',
				message: 'Backup done',
			});
			expect(personal.json).toEqual([{ notificationId: first }]);
			expect(system.json).toEqual([{ notificationId: first + 1 }]);
			expect(state().notifications.get(first)).toMatchObject({
				type: 'personal',
				toUserId: 2,
				fromUserId: ME,
				message: 'Check deal #1',
			});
			expect(state().notifications.get(first + 1)).toMatchObject({
				type: 'system',
				toUserId: 3,
				fromUserId: 0,
			});
		});

		it('deletes by ID and by tag; a webhook needs the Client ID for tags', async () => {
			const sent = await runNode(portal, {
				resource: 'notification',
				operation: 'sendPersonal',
				userId: '2',
				message: 'temp',
			});
			const id = sent.json[0].notificationId as number;
			const byId = await runNode(portal, {
				resource: 'notification',
				operation: 'delete',
				deleteBy: 'id',
				notificationId: String(id),
			});
			expect(byId.json).toEqual([{ notificationId: id, deleted: true }]);
			expect(state().notifications.has(id)).toBe(false);

			const tagged = await runNode(portal, {
				resource: 'notification',
				operation: 'sendSystem',
				userId: '2',
				message: 'tagged',
				additionalFields: { tag: 'report', clientId: 'my-app' },
			});
			const taggedId = tagged.json[0].notificationId as number;
			const noClient = await runNode(
				portal,
				{ resource: 'notification', operation: 'delete', deleteBy: 'tag', tag: 'report' },
				{ continueOnFail: true },
			);
			expect(noClient.json[0].code).toBe('ACCESS_DENIED');
			expect(state().notifications.has(taggedId)).toBe(true);
			const byTag = await runNode(portal, {
				resource: 'notification',
				operation: 'delete',
				deleteBy: 'tag',
				tag: 'report',
				clientId: 'my-app',
			});
			expect(byTag.json).toEqual([{ deleted: true }]);
			expect(state().notifications.has(taggedId)).toBe(false);
		});
	});

	describe('Portal fidelity', () => {
		const call = async (method: string, body: IDataObject) => {
			const response = await fetch(`${portal.webhookUrl}${method}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
			return { status: response.status, body: (await response.json()) as IDataObject };
		};

		it('answers the documented argument errors', async () => {
			expect(await call('im.message.add', { DIALOG_ID: 'chat1' })).toEqual({
				status: 400,
				body: { error: 'MESSAGE_EMPTY', error_description: "Message can't be empty" },
			});
			expect((await call('im.chat.user.list', {})).body.error).toBe('CHAT_ID_EMPTY');
			expect((await call('im.chat.updateColor', { CHAT_ID: 1, COLOR: 'NOPE' })).body.error).toBe(
				'WRONG_COLOR',
			);
			expect((await call('im.user.status.set', { STATUS: 'Online' })).body.error).toBe(
				'STATUS_ERROR',
			);
			expect((await call('im.dialog.get', { DIALOG_ID: 'chat999' })).status).toBe(403);
			expect((await call('im.message.add', { DIALOG_ID: '999', MESSAGE: 'x' })).body.error).toBe(
				'USER_NOT_FOUND',
			);
		});

		it('keys im.user.list.get by id unless an array is asked for', async () => {
			const answer = await call('im.user.list.get', { ID: [2] });
			expect(Object.keys(answer.body.result as IDataObject)).toEqual(['2']);
		});
	});
});

describe('Messenger lists paged by the transport', () => {
	let portal: Portal;
	/** a chat of 450 members, as im.dialog.users.list pages it: LIMIT (at most 200), OFFSET, `next` while members remain */
	const MEMBERS = Array.from({ length: 450 }, (_, index) => index + 1);
	beforeAll(async () => {
		portal = await withPortal();
		portal.registry.register([
			{
				name: 'im.dialog.users.list',
				scope: 'im',
				handler: (ctx) => {
					const limit = Math.min(200, Number(param(ctx.params, 'LIMIT') ?? 50));
					const offset = Number(param(ctx.params, 'OFFSET') ?? 0);
					return {
						result: MEMBERS.slice(offset, offset + limit).map((id) => ({ id, name: `User ${id}` })),
						total: MEMBERS.length,
						next: offset + limit < MEMBERS.length ? offset + limit : undefined,
					};
				},
			},
			{
				// a portal (or a proxy) that ignores LAST_ID and answers every page with the same 50 messages
				name: 'im.dialog.messages.get',
				scope: 'im',
				handler: () => ({
					result: {
						chat_id: 1,
						messages: Array.from({ length: 50 }, (_, index) => ({
							id: 100 - index,
							text: `m${index}`,
						})),
					},
				}),
			},
		]);
	});
	afterAll(async () => await portal.close());
	beforeEach(() => portal.resetRequests());

	const bodies = (method: string) =>
		portal
			.restRequests()
			.filter((r) => r.restMethod === method)
			.map((r) => r.body as IDataObject);

	it("follows next with the method's own OFFSET, asking only for the rows the limit still needs", async () => {
		const run = await runNode(portal, {
			resource: 'chat',
			operation: 'getMembers',
			dialogId: 'chat1',
			returnAll: false,
			limit: 420,
		});
		expect(run.json.map((user) => user.id)).toEqual(MEMBERS.slice(0, 420));
		expect(
			bodies('im.dialog.users.list').map((body) => [Number(body.OFFSET), Number(body.LIMIT)]),
		).toEqual([
			[0, 200],
			[200, 200],
			[400, 20],
		]);
		portal.resetRequests();
		const all = await runNode(portal, {
			resource: 'chat',
			operation: 'getMembers',
			dialogId: 'chat1',
			returnAll: true,
		});
		expect(all.json).toHaveLength(MEMBERS.length);
		expect(bodies('im.dialog.users.list').map((body) => Number(body.OFFSET))).toEqual([
			0, 200, 400,
		]);
	});

	it('ends a message walk whose cursor does not advance with PAGING_STUCK', async () => {
		const run = await runNode(portal, {
			resource: 'chat',
			operation: 'getMessages',
			dialogId: 'chat1',
			returnAll: true,
		});
		expect(run.result.error?.message).toMatch(/PAGING_STUCK/);
		expect(run.result.error?.message).toMatch(/did not advance past 51/);
		expect(bodies('im.dialog.messages.get').map((body) => body.LAST_ID)).toEqual([undefined, 51]);
	});
});
