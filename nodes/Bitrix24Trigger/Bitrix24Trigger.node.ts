import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { triggerProperties } from './description';
import { configuredApplicationToken } from './settings';
import { forgetTrustedToken, receive } from './receive';
import {
	bindEvents,
	boundEvents,
	eventsToSubscribe,
	handlerUrl,
	selectedEvents,
	unbindAll,
	usesOAuth2,
} from './subscription';
import { bitrix24Credentials } from '../shared/descriptions/authentication';

export class Bitrix24Trigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bitrix24 Trigger',
		name: 'bitrix24Trigger',
		icon: { light: 'file:bitrix24.svg', dark: 'file:bitrix24.dark.svg' },
		group: ['trigger'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{($parameter["events"] || []).join(", ")}}',
		// n8n's node creator shows one "Bitrix24" entry for this trigger and the action node, with
		// this description: it names what both do
		description:
			'Work with Bitrix24 (CRM, tasks, messenger, Drive, calendars and more) and start workflows when its events happen',
		defaults: { name: 'Bitrix24 Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: bitrix24Credentials,
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				// Bitrix24 never repeats a call and lowers the priority of slow handlers: answer at once.
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: triggerProperties,
	};

	webhookMethods = {
		default: {
			/** OAuth2: whether every selected event is bound to this URL. Webhook: nothing to look up. */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (!usesOAuth2(this)) return false;
				const wanted = eventsToSubscribe(this);
				const bound = await boundEvents(this, handlerUrl(this));
				return wanted.every((event) => bound.has(event));
			},

			/**
			 * OAuth2: one event.bind per event, sent together. Webhook: Bitrix24 refuses event.bind
			 * (WRONG_AUTH_TYPE); the user sets up the outgoing webhook, so only the settings are checked.
			 */
			async create(this: IHookFunctions): Promise<boolean> {
				const events = eventsToSubscribe(this);
				if (!usesOAuth2(this)) {
					if (!configuredApplicationToken(this)) {
						throw new NodeOperationError(this.getNode(), 'Application Token is empty', {
							description:
								'Paste the application token Bitrix24 shows for the outgoing webhook; without it no call can be verified.',
						});
					}
					return true;
				}
				// A new subscription may come from another application: trust its first call anew
				// (not for the editor's test URL, which must leave the active workflow's trust alone).
				if (this.getMode() !== 'manual') forgetTrustedToken(this.getWorkflowStaticData('node'));
				await bindEvents(this, handlerUrl(this), events);
				return true;
			},

			/** OAuth2: unbinds this URL from the selected events and from any other event it is still bound to. */
			async delete(this: IHookFunctions): Promise<boolean> {
				if (!usesOAuth2(this)) return true;
				if (this.getMode() !== 'manual') forgetTrustedToken(this.getWorkflowStaticData('node'));
				return await unbindAll(this, handlerUrl(this), selectedEvents(this));
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receive(this);
	}
}
