import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { usesOAuth2 } from './subscription';

type TriggerContext = IHookFunctions | IWebhookFunctions;

/**
 * The trigger's settings as the node's version holds them: version 2 reads the full record by
 * default and keeps the optional OAuth2 application token under Options; version 1 as released.
 */
export function configuredApplicationToken(ctx: TriggerContext): string {
	if (!usesOAuth2(ctx)) return String(ctx.getNodeParameter('applicationToken', '') ?? '').trim();
	const name =
		ctx.getNode().typeVersion >= 2 ? 'options.oauthApplicationToken' : 'oauthApplicationToken';
	return String(ctx.getNodeParameter(name, '') ?? '').trim();
}

export function fetchesFullRecord(ctx: IWebhookFunctions): boolean {
	if (ctx.getNode().typeVersion >= 2) return ctx.getNodeParameter('fetchFullRecord', true) === true;
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	return options.fetchFullRecord === true;
}
