import type { INodeProperties } from 'n8n-workflow';

import { methodResource } from '../method-table/build';
import type { Area, Resource } from '../types';
import { botSpec } from './bot';
import { botChatSpec } from './bot-chat';
import { botCommandSpec } from './bot-command';
import { botFileSpec } from './bot-file';
import { botMessageSpec } from './bot-message';
import { SECRET_FIELDS } from './bot-params';

/** The bot tokens are credentials: their fields (up front or in a collection) obscure what is typed. */
function obscureTokens(properties: INodeProperties[]): void {
	for (const property of properties) {
		if (SECRET_FIELDS.includes(property.name) && property.type === 'string')
			property.typeOptions = { ...property.typeOptions, password: true };
		if (property.type === 'collection' && Array.isArray(property.options))
			obscureTokens(property.options as INodeProperties[]);
	}
}

function withSecretTokens(resource: Resource): Resource {
	for (const entry of resource.operations) {
		obscureTokens(entry.operation.description);
		if (entry.operation.v2Description) obscureTokens(entry.operation.v2Description);
	}
	return resource;
}

/**
 * Chat bots 2.0 (scope imbot, imbot.v2.*): bots, their messages, chats, commands and files. With an
 * incoming webhook every call carries the bot's token; with OAuth2 the bot is the application's.
 */
export const chatBotsArea: Area = {
	resources: [botSpec, botMessageSpec, botChatSpec, botCommandSpec, botFileSpec]
		.map(methodResource)
		.map(withSecretTokens),
};
