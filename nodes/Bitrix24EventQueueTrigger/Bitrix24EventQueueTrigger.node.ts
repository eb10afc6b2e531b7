import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { bitrix24Call } from '../shared/transport';
import { queueProperties } from './description';
import {
	confirm,
	ensureBindings,
	eventName,
	processIdOf,
	readSettings,
	readState,
	reserve,
	toItems,
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
		properties: queueProperties,
	};

	/**
	 * Each poll first confirms (event.offline.clear) the batch the previous poll emitted, then
	 * reserves the next one (event.offline.get, clear=0): an event leaves the queue only after a
	 * run has it, and n8n being down only makes the queue longer. Subscriptions are made on every
	 * poll where event.get shows them missing, the activation's first poll included.
	 */
	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const settings = readSettings(this);
		await ensureBindings(this, settings.events);
		const wanted = new Set(settings.events);

		// The editor's test: the latest queued events, read without reserving or removing any.
		if (this.getMode() === 'manual') {
			const { result } = await bitrix24Call(this, 'event.offline.list', { order: { ID: 'DESC' } });
			const rows = (Array.isArray(result) ? (result as IDataObject[]) : [])
				.filter((row) => wanted.has(eventName(row)))
				.slice(0, MANUAL_SAMPLE)
				.reverse();
			return rows.length
				? [this.helpers.returnJsonArray(await toItems(this, rows, settings))]
				: null;
		}

		const staticData = this.getWorkflowStaticData('node');
		const state = readState(staticData);
		await confirm(this, state);
		writeState(staticData, state);
		for (let round = 0; round < MAX_PASSED_BATCHES; round++) {
			const batch = await reserve(this, processIdOf(this), settings.limit);
			// the whole batch is confirmed next time: its other events are not this trigger's
			state.processId = batch.processId;
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
