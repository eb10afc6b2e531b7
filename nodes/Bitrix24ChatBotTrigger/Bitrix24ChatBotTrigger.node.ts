import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { bitrix24Credentials } from '../shared/descriptions/authentication';
import { withoutSecrets } from '../shared/transport';
import type { BotEvent, BotState } from './bot-queue';
import { readPage, readSettings, readState, toItem, writeState } from './bot-queue';
import { botProperties } from './description';

/** How many queued events the editor's test ("Fetch Test Event") shows. */
const MANUAL_SAMPLE = 5;

/** Pages of events not selected that one poll confirms before it gives up until the next poll. */
const MAX_PASSED_PAGES = 10;

async function output(
	ctx: IPollFunctions,
	events: BotEvent[],
	state: BotState,
): Promise<INodeExecutionData[][]> {
	const items = events.map((event) => toItem(event, state.botId as number));
	return [ctx.helpers.returnJsonArray(await withoutSecrets(ctx, items))];
}

export class Bitrix24ChatBotTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bitrix24 Chat Bot Trigger',
		name: 'bitrix24ChatBotTrigger',
		icon: { light: 'file:bitrix24.svg', dark: 'file:bitrix24.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Bot " + $parameter["botCode"]}}',
		description:
			'Starts the workflow when users write to a Bitrix24 chat bot, call its commands, add it to chats or react, checked on a schedule (no public URL needed)',
		defaults: { name: 'Bitrix24 Chat Bot Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: bitrix24Credentials,
		properties: botProperties,
	};

	/**
	 * Each poll passes the offset the previous poll got (nextOffset): Bitrix24 then confirms what
	 * that poll emitted, and not before, so a message is never lost and never emitted twice.
	 * Events not selected are confirmed along with the rest.
	 */
	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const settings = readSettings(this);
		const wanted = new Set(settings.events);
		const staticData = this.getWorkflowStaticData('node');
		const state = readState(staticData);

		// The editor's test: the latest queued events, read without confirming any.
		if (this.getMode() === 'manual') {
			const page = await readPage(this, settings, state, false);
			const shown = page.events.filter((event) => wanted.has(event.type)).slice(-MANUAL_SAMPLE);
			return shown.length ? await output(this, shown, state) : null;
		}

		for (let round = 0; round < MAX_PASSED_PAGES; round++) {
			const page = await readPage(this, settings, state, true);
			const kept = state.offset;
			const fresh = page.events.filter((event) => kept === undefined || event.eventId >= kept);
			if (page.nextOffset !== undefined) state.offset = Math.max(kept ?? 0, page.nextOffset);
			writeState(staticData, state);
			const selected = fresh.filter((event) => wanted.has(event.type));
			if (selected.length) return await output(this, selected, state);
			if (!page.hasMore) return null;
		}
		return null;
	}
}
