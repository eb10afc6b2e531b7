import type { INodeProperties } from 'n8n-workflow';

import { EVENT_OPTIONS } from '../shared/events';
import { authenticationProperty } from '../shared/descriptions/authentication';
import { optionsCollection } from '../shared/descriptions/options';

const WEBHOOK = { show: { authentication: ['bitrix24WebhookApi'] } };
const OAUTH2 = { show: { authentication: ['bitrix24OAuth2Api'] } };
const V1 = { '@version': [1] };
const V2 = { '@version': [{ _cnd: { gte: 2 } }] };

const fetchFullRecord: INodeProperties = {
	displayName: 'Fetch Full Record',
	name: 'fetchFullRecord',
	type: 'boolean',
	default: false,
	description:
		'Whether to read the whole record the event names (crm.deal.get and the like, crm.item.get, tasks.task.get) and add it as "record". Bitrix24 sends only IDs. Costs one REST call before Bitrix24 gets its answer; delete events have nothing to read.',
};

const oauthApplicationToken: INodeProperties = {
	displayName: 'Application Token',
	name: 'oauthApplicationToken',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	description:
		"The application token Bitrix24 sends with the events of this local application, if you know it. When empty, the first call after activation is accepted only once this credential's portal confirms the access token it carries (app.info), and its application token is required from then on. A credential connected without a member ID accepts no call until this is set.",
};

export const triggerProperties: INodeProperties[] = [
	authenticationProperty(
		'bitrix24OAuth2Api',
		'OAuth2 subscribes to the events by itself; with an incoming webhook you set up an outgoing webhook in Bitrix24 by hand',
	),
	{
		displayName:
			'On activation this trigger subscribes its URL to the selected events in Bitrix24 and unsubscribes on deactivation. Bitrix24 calls the URL from the internet, so n8n must be reachable from there.',
		name: 'oauthNotice',
		type: 'notice',
		default: '',
		displayOptions: OAUTH2,
	},
	{
		displayName:
			"Bitrix24 lets only applications subscribe to events, so with an incoming webhook this trigger subscribes to nothing itself. In Bitrix24 open Developer resources > Other > Outgoing webhook, enter this node's Production URL (the Test URL while testing) as the handler address, tick the same events, save, and paste the application token Bitrix24 shows into Application Token below.",
		name: 'outgoingWebhookNotice',
		type: 'notice',
		default: '',
		displayOptions: WEBHOOK,
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: EVENT_OPTIONS,
		default: [],
		description: 'The Bitrix24 events that start the workflow',
	},
	{
		displayName: 'Custom Event Names',
		name: 'customEvents',
		type: 'string',
		default: '',
		placeholder: 'ONCRMACTIVITYADD, ONCALENDARENTRYADD',
		description:
			'Any other Bitrix24 events, comma-separated, named as in the Bitrix24 REST documentation. The event data is passed on as Bitrix24 sends it.',
	},
	{
		displayName: 'Application Token',
		name: 'applicationToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		displayOptions: WEBHOOK,
		description:
			'The application token Bitrix24 shows for the outgoing webhook. Every call must carry it; calls without it are refused with HTTP 401.',
	},
	// version 1, as released: the OAuth2 token at the top, Fetch Full Record under Options (off)
	{ ...oauthApplicationToken, displayOptions: { show: { ...OAUTH2.show, ...V1 } } },
	{ ...optionsCollection([fetchFullRecord]), displayOptions: { show: V1 } },
	// version 2: the full record by default, the optional token under Options
	{ ...fetchFullRecord, default: true, displayOptions: { show: V2 } },
	{
		...optionsCollection([oauthApplicationToken]),
		displayOptions: { show: { ...OAUTH2.show, ...V2 } },
	},
];
