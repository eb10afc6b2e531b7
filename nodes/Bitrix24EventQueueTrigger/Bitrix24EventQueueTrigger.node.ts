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

import { bitrix24Call } from '../shared/transport';
import { queueProperties } from './description';
import { ensureBindings, unbindAll } from './bindings';
import {
	confirm,
	eventName,
	processIdOf,
	readSettings,
	readState,
	reserve,
	toItems,
	withSource,
	writeState,
} from './queue';

/** How many queued events the editor's test ("Fetch Test Event") shows. */
const MANUAL_SAMPLE = 5;

/** Full batches of events no longer selected that one poll takes off the queue before it gives up. */
const MAX_PASSED_BATCHES = 10;

export class Bitrix24EventQueueTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bitrix24 Event Queue Trigger',
		name: 'bitrix24EventQueueTrigger',
		icon: { light: 'file:bitrix24.svg', dark: 'file:bitrix24.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["events"] || []).join(", ")}}',
		description:
			"Starts the workflow for Bitrix24 events (deletions included) read from the portal's offline event queue on a schedule (no public URL needed)",
		defaults: { name: 'Bitrix24 Event Queue Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'bitrix24OAuth2Api', required: true }],
		/*
		 * Not a URL Bitrix24 calls: n8n runs a webhook's delete method on deactivation only (not
		 * when n8n stops), which is where the subscription is removed. The method is empty while
		 * the workflow is inactive, so the editor's test registers no test webhook and polls at
		 * once instead of waiting for a call (n8n builds the test's workflow as inactive).
		 */
		webhooks: [
			{
				name: 'default',
				httpMethod: '={{$workflow.active ? "POST" : ""}}',
				responseMode: 'onReceived',
				path: 'event-queue',
				ndvHideUrl: true,
			},
		],
		properties: queueProperties,
	};

	webhookMethods = {
		default: {
			/** Always subscribe on activation: event.get tells which events are still missing. */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},

			/** event.bind (offline) for each selected event not bound yet: a refusal stops the activation. */
			async create(this: IHookFunctions): Promise<boolean> {
				const settings = readSettings(this);
				const staticData = this.getWorkflowStaticData('node');
				const state = readState(staticData);
				const bound = state.boundKey;
				await ensureBindings(this, settings.events, settings.sourceKey, state);
				if (state.boundKey !== bound) writeState(staticData, state);
				return true;
			},

			/** event.unbind (offline) on deactivation, unless the user keeps the subscription. */
			async delete(this: IHookFunctions): Promise<boolean> {
				try {
					const settings = readSettings(this);
					if (!settings.unbindOnDeactivation) return true;
					return await unbindAll(this, settings.events);
				} catch (error) {
					this.logger.warn(
						`Bitrix24 Event Queue Trigger: could not unsubscribe on deactivation: ${(error as Error).message}`,
					);
					return false;
				}
			},
		},
	};

	/** Nobody is meant to call this URL: it starts nothing. */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return {
			webhookResponse: { received: false, reason: 'This trigger reads the offline event queue' },
		};
	}

	/**
	 * Each poll first confirms (event.offline.clear) the batch the previous poll emitted, then
	 * reserves the next one (event.offline.get, clear=0): an event leaves the queue only after a
	 * run has it, and n8n being down only makes the queue longer. Subscriptions are made on every
	 * poll where event.get shows them missing, the activation's first poll included.
	 */
	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const settings = readSettings(this);
		const staticData = this.getWorkflowStaticData('node');
		const state = readState(staticData);
		const bound = state.boundKey;
		await ensureBindings(this, settings.events, settings.sourceKey, state);
		if (state.boundKey !== bound) writeState(staticData, state);
		const wanted = new Set(settings.events);

		// The editor's test: the latest queued events, read without reserving or removing any.
		if (this.getMode() === 'manual') {
			const { result } = await bitrix24Call(
				this,
				'event.offline.list',
				withSource({ order: { ID: 'DESC' } }, settings.sourceKey),
			);
			const rows = (Array.isArray(result) ? (result as IDataObject[]) : [])
				.filter((row) => wanted.has(eventName(row)))
				.slice(0, MANUAL_SAMPLE)
				.reverse();
			return rows.length
				? [this.helpers.returnJsonArray(await toItems(this, rows, settings))]
				: null;
		}

		await confirm(this, state);
		writeState(staticData, state);
		for (let round = 0; round < MAX_PASSED_BATCHES; round++) {
			const batch = await reserve(this, processIdOf(this), settings.limit, settings.sourceKey);
			// the whole batch is confirmed next time: its other events are not this trigger's
			state.processId = batch.processId;
			if (settings.sourceKey) state.sourceKey = settings.sourceKey;
			else delete state.sourceKey;
			state.emitted = batch.rows.map((row) => String(row.ID));
			writeState(staticData, state);
			const selected = batch.rows.filter((row) => wanted.has(eventName(row)));
			if (selected.length)
				return [this.helpers.returnJsonArray(await toItems(this, selected, settings))];
			if (batch.rows.length < settings.limit) return null;
			await confirm(this, state);
			writeState(staticData, state);
		}
		return null;
	}
}
