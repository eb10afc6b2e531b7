/** The event queue trigger's parameters. */
import type { INodeProperties } from 'n8n-workflow';

import { EVENT_OPTIONS } from '../shared/events';
import { optionsCollection } from '../shared/descriptions/options';

export const queueProperties: INodeProperties[] = [
	{
		// Bitrix24 keeps offline events for applications only: no incoming webhook here
		displayName: 'Authentication',
		name: 'authentication',
		type: 'hidden',
		default: 'bitrix24OAuth2Api',
	},
	{
		displayName:
			'Bitrix24 keeps the selected events in its offline queue and this trigger reads them at the Poll Times below: no public URL is needed, and nothing is lost while n8n is down. Needs an OAuth2 credential of a local application connected by a portal administrator. Each application has one queue: use one Event Queue Trigger per local application. Activating the workflow subscribes to the events; deactivating it unsubscribes (see Options); stopping n8n keeps the subscription.',
		name: 'queueNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: EVENT_OPTIONS,
		default: [],
		description:
			'The Bitrix24 events that start the workflow. Deletions are included: the queue keeps them too.',
	},
	{
		displayName: 'Custom Event Names',
		name: 'customEvents',
		type: 'string',
		default: '',
		placeholder: 'ONCRMACTIVITYADD, ONCALENDARENTRYADD',
		description:
			'Any other Bitrix24 events, comma-separated, named as in the Bitrix24 REST documentation',
	},
	optionsCollection([
		{
			displayName: 'Events per Poll',
			name: 'batchSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 1000 },
			default: 50,
			description:
				'How many events one poll takes from the queue (event.offline.get limit); the rest wait for the next poll',
		},
		{
			displayName: 'Fetch Full Record',
			name: 'fetchFullRecord',
			type: 'boolean',
			default: false,
			description:
				'Whether to read the whole record the event names (crm.deal.get and the like, crm.item.get, tasks.task.get) and add it as "record". The queue holds only IDs, and one entry per record however often it changed; delete events have nothing to read.',
		},
		{
			displayName: 'Source Key',
			name: 'sourceKey',
			type: 'string',
			default: '',
			placeholder: 'n8n',
			description:
				"A source key (Bitrix24's auth_connector) for a queue of this trigger's own: changes made by calls that send the same key are not queued in it, so a workflow that updates the record it was triggered by does not trigger itself again. Set the same key in the Bitrix24 node's Request Options > Source Key (Auth Connector), with the same OAuth2 credential. Empty: the queue without source. Professional plan and above. Changing it binds the events again; what the previous key's queue still holds is not read.",
		},
		{
			displayName: 'Unsubscribe When Deactivated',
			name: 'unbindOnDeactivation',
			type: 'boolean',
			default: true,
			description:
				'Whether deactivating the workflow unsubscribes from the selected events (event.unbind, event_type=offline), so Bitrix24 stops queueing them. Events queued before stay in the queue and arrive when the workflow is active again. Turn off to keep queueing while the workflow is off.',
		},
	]),
];
