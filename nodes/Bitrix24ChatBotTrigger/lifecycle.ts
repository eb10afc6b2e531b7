/**
 * Activation and deactivation, run by n8n as the steps of a webhook that is never called (see
 * the node's `webhooks`): create on activation, delete on deactivation only (not when n8n stops).
 * My Account subscribes on activation and unsubscribes on deactivation (im.v2.Event.subscribe /
 * unsubscribe); the bot is registered (or reused) on activation and stays when deactivated.
 */
import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { bitrix24CallMany, connect, failureError, withoutSecrets } from '../shared/transport';
import { ensureBot, readSettings, readState, writeState } from './bot-queue';

const listensAsUser = (ctx: IHookFunctions) => ctx.getNodeParameter('listenAs', 'bot') === 'user';

/** im.v2.Event.subscribe: a refusal stops the activation, saying what failed. */
async function subscribe(ctx: IHookFunctions): Promise<void> {
	const [outcome] = await bitrix24CallMany(
		ctx,
		[{ method: 'im.v2.Event.subscribe', params: {} }],
		false,
	);
	if (outcome.ok) return;
	const error = failureError(ctx, await connect(ctx), outcome.error);
	error.description =
		`Could not subscribe the connected user to their messenger events (im.v2.Event.subscribe, scope im). ${error.description ?? ''}`.trim();
	throw error;
}

/** The bot of this code, registered now unless kept from before: a refusal stops the activation. */
async function registerBot(ctx: IHookFunctions): Promise<void> {
	const staticData = ctx.getWorkflowStaticData('node');
	const state = readState(staticData);
	const before = state.botId;
	await ensureBot(ctx, readSettings(ctx), state);
	if (state.botId !== before) writeState(staticData, state);
}

/** On activation (and when n8n starts with the workflow active). */
export async function activate(ctx: IHookFunctions): Promise<boolean> {
	if (listensAsUser(ctx)) await subscribe(ctx);
	else await registerBot(ctx);
	return true;
}

async function warn(ctx: IHookFunctions, reason: string): Promise<void> {
	const message = `Bitrix24 Chat Bot Trigger: could not unsubscribe on deactivation (im.v2.Event.unsubscribe): ${reason}`;
	try {
		ctx.logger.warn(await withoutSecrets(ctx, message));
	} catch {
		// the secrets are not known (e.g. the credential is gone): say nothing of the reason
		ctx.logger.warn(
			'Bitrix24 Chat Bot Trigger: could not unsubscribe on deactivation (im.v2.Event.unsubscribe)',
		);
	}
}

/**
 * On deactivation only. My Account: im.v2.Event.unsubscribe, unless Unsubscribe When Deactivated
 * is off; a refusal or a lost connection is logged and reported as false, and the deactivation
 * goes on. The bot and its chats stay as they are.
 */
export async function deactivate(ctx: IHookFunctions): Promise<boolean> {
	let reason: string;
	try {
		if (!listensAsUser(ctx)) return true;
		const options = ctx.getNodeParameter('options', {}) as IDataObject;
		if (options.unsubscribeOnDeactivation === false) return true;
		const [outcome] = await bitrix24CallMany(
			ctx,
			[{ method: 'im.v2.Event.unsubscribe', params: {} }],
			false,
		);
		if (outcome.ok) return true;
		reason = `${outcome.error.code} ${outcome.error.description}`;
	} catch (error) {
		reason = (error as Error).message;
	}
	await warn(ctx, reason);
	return false;
}
