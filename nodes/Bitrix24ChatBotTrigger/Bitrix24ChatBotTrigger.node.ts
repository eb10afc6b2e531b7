import type {
	IDataObject,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { bitrix24Credentials } from '../shared/descriptions/authentication';
import { withoutSecrets } from '../shared/transport';
import type { BotEvent, EventPage } from './bot-queue';
import { readPage, readSettings, readState, toItem, writeState } from './bot-queue';
import { botProperties } from './description';
import { activate, deactivate } from './lifecycle';
import {
	readUserPage,
	readUserSettings,
	readUserState,
	userWants,
	writeUserState,
} from './user-queue';

/** How many queued events the editor's test ("Fetch Test Event") shows. */
const MANUAL_SAMPLE = 5;

/** Pages of events not selected that one poll confirms before it gives up until the next poll. */
const MAX_PASSED_PAGES = 10;

/** One queue as the poll sees it: a page (confirming the kept offset or not) and the offset kept. */
interface Queue {
	read(confirm: boolean): Promise<EventPage>;
	wants(event: BotEvent): boolean;
	offset?: number;
	save(offset: number | undefined): void;
	item(event: BotEvent): IDataObject;
}

function botQueue(ctx: IPollFunctions, staticData: IDataObject): Queue {
	const settings = readSettings(ctx);
	const wanted = new Set(settings.events);
	const state = readState(staticData);
	return {
		read: async (confirm) => await readPage(ctx, settings, state, confirm),
		wants: (event) => wanted.has(event.type),
		get offset() {
			return state.offset;
		},
		save: (offset) => writeState(staticData, Object.assign(state, { offset })),
		item: (event) => toItem(event, state.botId),
	};
}

function userQueue(ctx: IPollFunctions, staticData: IDataObject): Queue {
	const settings = readUserSettings(ctx);
	const state = readUserState(staticData);
	const wants = userWants(settings, state);
	return {
		read: async (confirm) => await readUserPage(ctx, settings, state, confirm),
		wants,
		get offset() {
			return state.offset;
		},
		save: (offset) => writeUserState(staticData, Object.assign(state, { offset })),
		item: (event) => toItem(event),
	};
}

async function output(
	ctx: IPollFunctions,
	queue: Queue,
	events: BotEvent[],
): Promise<INodeExecutionData[][]> {
	const items = events.map((event) => queue.item(event));
	return [ctx.helpers.returnJsonArray(await withoutSecrets(ctx, items))];
}

export class Bitrix24ChatBotTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bitrix24 Chat Bot Trigger',
		name: 'bitrix24ChatBotTrigger',
		icon: { light: 'file:bitrix24.svg', dark: 'file:bitrix24.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{$parameter["listenAs"] === "user" ? "My messenger events" : "Bot " + $parameter["botCode"]}}',
		description:
			'Starts the workflow when users write to a Bitrix24 chat bot (or in your own chats), call its commands, add it to chats or react, checked on a schedule (no public URL needed)',
		defaults: { name: 'Bitrix24 Chat Bot Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: bitrix24Credentials,
		/*
		 * Not a URL Bitrix24 calls: n8n runs a webhook's delete method on deactivation only (not
		 * when n8n stops), which is where My Account unsubscribes. The method is empty while the
		 * workflow is inactive, so the editor's test registers no test webhook and polls at once
		 * instead of waiting for a call (n8n builds the test's workflow as inactive).
		 */
		webhooks: [
			{
				name: 'default',
				httpMethod: '={{$workflow.active ? "POST" : ""}}',
				responseMode: 'onReceived',
				path: 'chat-bot',
				ndvHideUrl: true,
			},
		],
		properties: botProperties,
	};

	webhookMethods = {
		default: {
			/** Always run create on activation: subscribing and registering are idempotent. */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},

			/** My Account: im.v2.Event.subscribe; Chat Bot: the bot registered or reused. A refusal stops the activation. */
			async create(this: IHookFunctions): Promise<boolean> {
				return await activate(this);
			},

			/** My Account: im.v2.Event.unsubscribe unless kept (Options); the bot stays registered. */
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deactivate(this);
			},
		},
	};

	/** Nobody is meant to call this URL: it starts nothing. */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return {
			webhookResponse: { received: false, reason: 'This trigger reads its events on a schedule' },
		};
	}

	/**
	 * Each poll passes the offset the previous poll got (nextOffset): Bitrix24 then confirms what
	 * that poll emitted, and not before, so a message is never lost and never emitted twice.
	 * Events not selected are confirmed along with the rest. The bot's queue and the user's own
	 * (Listen As) work alike.
	 */
	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const staticData = this.getWorkflowStaticData('node');
		const queue =
			this.getNodeParameter('listenAs', 'bot') === 'user'
				? userQueue(this, staticData)
				: botQueue(this, staticData);

		// The editor's test: the latest queued events, read without confirming any.
		if (this.getMode() === 'manual') {
			const page = await queue.read(false);
			const shown = page.events.filter((event) => queue.wants(event)).slice(-MANUAL_SAMPLE);
			return shown.length ? await output(this, queue, shown) : null;
		}

		for (let round = 0; round < MAX_PASSED_PAGES; round++) {
			const page = await queue.read(true);
			const kept = queue.offset;
			const fresh = page.events.filter((event) => kept === undefined || event.eventId >= kept);
			queue.save(page.nextOffset !== undefined ? Math.max(kept ?? 0, page.nextOffset) : kept);
			const selected = fresh.filter((event) => queue.wants(event));
			if (selected.length) return await output(this, queue, selected);
			if (!page.hasMore) return null;
		}
		return null;
	}
}
