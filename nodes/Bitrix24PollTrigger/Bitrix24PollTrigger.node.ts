import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { loadOptions } from '../Bitrix24/methods/load-options';
import { bitrix24Credentials } from '../shared/descriptions/authentication';
import type { PollState } from './cursor';
import { offsetOf, parseTimestamp, readState, takeFresh, windowStart, writeState } from './cursor';
import { pollProperties } from './description';
import type { PollSettings } from './query';
import { idAndTimestamp, latestRecords, readSettings, recordsSince, selectOf } from './query';

/** How many records the editor's test ("Fetch Test Event") shows. */
const MANUAL_SAMPLE = 5;

/**
 * Where an activated trigger starts: the latest change the portal holds (its own clock, whatever
 * n8n's says), or n8n's "now" when there is no record at all.
 */
async function startingPoint(ctx: IPollFunctions, settings: PollSettings): Promise<PollState> {
	const field = settings.type.updated;
	const [latest] = await latestRecords(ctx, settings, field, 1, {
		filter: false,
		select: idAndTimestamp(settings, field),
	});
	const at = parseTimestamp(latest?.[field.row]);
	return {
		watch: settings.watch,
		cursor: at ?? Math.floor(Date.now() / 1000) * 1000,
		offset: offsetOf(latest?.[field.row]) ?? '+00:00',
		seen: {},
	};
}

export class Bitrix24PollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bitrix24 Poll Trigger',
		name: 'bitrix24PollTrigger',
		icon: { light: 'file:bitrix24.svg', dark: 'file:bitrix24.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{($parameter["event"] === "newOrUpdated" ? "New or updated " : "New ") + $parameter["record"]}}',
		description:
			'Starts the workflow when Bitrix24 records are created or changed, checked on a schedule (no public URL needed)',
		defaults: { name: 'Bitrix24 Poll Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: bitrix24Credentials,
		properties: pollProperties,
	};

	methods = {
		loadOptions: {
			getUsers: loadOptions.getUsers,
			getDealCategories: loadOptions.getDealCategories,
			getEntityTypes: loadOptions.getEntityTypes,
		},
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const settings = readSettings(this);

		// The editor's test: the latest few records as they are now; the active trigger's place is untouched.
		if (this.getMode() === 'manual') {
			const latest = await latestRecords(this, settings, settings.field, MANUAL_SAMPLE, {
				filter: true,
				select: selectOf(settings),
			});
			return latest.length ? [this.helpers.returnJsonArray(latest.reverse())] : null;
		}

		const staticData = this.getWorkflowStaticData('node');
		const stored = readState(staticData, settings.watch);
		// The first poll after activation (or after the watch changed) only notes what exists.
		const state = stored ?? (await startingPoint(this, settings));
		const rows = await recordsSince(this, settings, windowStart(state));
		const fresh: IDataObject[] = takeFresh(state, rows, settings.field.row, settings.type.idKey);
		writeState(staticData, state);
		if (!stored || fresh.length === 0) return null;
		return [this.helpers.returnJsonArray(fresh)];
	}
}
