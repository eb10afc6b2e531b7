/**
 * What to do about a Bitrix24 error: one sentence or two per code, from the REST docs' system
 * errors (`_includes/system-errors.md`) and the codes methods commonly answer. A hint names the
 * method and, where Bitrix24's text says which, the parameter; it never repeats a value sent.
 */
import type { Bitrix24Failure } from './types';

const SCOPES: Array<[RegExp, string]> = [
	[/^crm\./, 'crm'],
	[/^tasks?\./, 'task'],
	[/^im\./, 'im'],
	[/^imbot\./, 'imbot'],
	[/^imconnector\./, 'imconnector'],
	[/^imopenlines\./, 'imopenlines'],
	[/^disk\./, 'disk'],
	[/^user\./, 'user'],
	[/^department\./, 'department'],
	[/^calendar\./, 'calendar'],
	[/^log\./, 'log'],
	[/^timeman\./, 'timeman'],
	[/^sonet_group\./, 'sonet_group'],
	[/^(telephony|voximplant)\./, 'telephony'],
	[/^bizproc\./, 'bizproc'],
	[/^lists\./, 'lists'],
	[/^catalog\./, 'catalog'],
	[/^sale\./, 'sale'],
	[/^landing\./, 'landing'],
	[/^entity\./, 'entity'],
	[/^placement\./, 'placement'],
	[/^userfieldconfig\./, 'userfieldconfig'],
	[/^biconnector\./, 'biconnector'],
];

export function scopeOf(method: string): string | undefined {
	const lower = method.replace(/^batch \((.*)\)$/, '$1').toLowerCase();
	return SCOPES.find(([pattern]) => pattern.test(lower))?.[1];
}

function waited(failure: Bitrix24Failure): string {
	if (!failure.waitedMs) return '';
	const seconds = Math.round(failure.waitedMs / 1000);
	return seconds >= 120
		? `; the call waited ${Math.round(seconds / 60)} minutes`
		: `; the call waited ${seconds} s`;
}

const isMessenger = (method: string): boolean => /^(batch \()?im(bot|openlines)?\./i.test(method);

const DIALOG_IDS =
	'Dialog IDs look like chat12 (a group chat), sg5 (the chat of workgroup 5) or 7 (the private dialog with user 7)';

const NOT_FOUND_HINT = (method: string) =>
	`The record does not exist, or the user behind the credential cannot see it. Check the ID given to ${method} and that user's access rights.`;

/** The parameter Bitrix24's own text names (`Argument 'LINE' is null or empty`); not `{Parameter #1}`. */
function argumentOf(description: string): string | undefined {
	const named = /(?:Argument|parameter) (?:'([^']{1,64})'|\{([A-Za-z_][\w.]{0,63})\})/i.exec(
		description,
	);
	return named ? (named[1] ?? named[2]) : undefined;
}

function accessDenied(failure: Bitrix24Failure): string {
	const text = failure.description;
	if (/commercial plan|subscription/i.test(text))
		return "The portal's plan does not include the REST API (or its trial ended). Check the plan in Bitrix24; on a free plan REST calls are refused.";
	if (/application context|client id not specified/i.test(text))
		return `${failure.method} works only in an application's context. Use the Bitrix24 OAuth2 credential of a local application for it.`;
	if (failure.method.toLowerCase() === 'bizproc.event.send')
		return "Bitrix24 refused the robot's event token: it is unknown, was answered already (each run takes one result), or belongs to a robot that does not wait for a result (turn on Wait for Result in the Robot Trigger). Pass the token of the run being answered, e.g. {{ $json.eventToken }} of the Bitrix24 Robot Trigger.";
	return `The Bitrix24 user behind this credential lacks the rights for ${failure.method} (CRM access permissions, a workgroup role, or administrator rights for admin-only methods). Create the webhook as a user who has them, or grant them in Bitrix24.`;
}

function messengerHint(failure: Bitrix24Failure): string | undefined {
	switch (failure.code) {
		case 'ACCESS_ERROR':
			return `The user behind the credential is not a member of this chat, or may not do this in it (${failure.method}). ${DIALOG_IDS}; add that user to the chat, or use a chat it belongs to.`;
		case 'DIALOG_ID_EMPTY':
			return `Bitrix24 read no dialog in DIALOG_ID. ${DIALOG_IDS}.`;
		case 'CHAT_ID_EMPTY':
			return `No chat number was read from CHAT_ID (or from chat<N> in DIALOG_ID): CHAT_ID is the number alone, 12 for chat12. ${DIALOG_IDS}.`;
		case 'USER_ID_EMPTY':
			return `No user ID was read: for a private dialog DIALOG_ID is the user's ID, a positive number. ${DIALOG_IDS}.`;
		case 'USER_NOT_FOUND':
			return `No active user has this ID on the portal. ${DIALOG_IDS}.`;
		case 'CHAT_ID':
		case 'WRONG_REQUEST':
			return `The chat does not exist, or the user behind the credential is not its member or owner. ${DIALOG_IDS}.`;
		case 'MESSAGE_EMPTY':
			return 'The message has neither text nor attachments: give a Message, or attachment blocks.';
		default:
			return undefined;
	}
}

export function hintFor(failure: Bitrix24Failure): string | undefined {
	const method = failure.method;
	const scope = scopeOf(method);
	if (isMessenger(method)) {
		const hint = messengerHint(failure);
		if (hint) return hint;
	}
	switch (failure.code) {
		case 'expired_token':
		case 'invalid_token':
			return 'Bitrix24 refused the access token even after n8n tried to refresh it. Open the Bitrix24 OAuth2 credential and reconnect it.';
		case 'NO_AUTH_FOUND':
			return 'The request reached Bitrix24 without a webhook code or an access token. Check the webhook URL (https://<portal>/rest/<user id>/<webhook code>/) in the credential, or reconnect the Bitrix24 OAuth2 credential.';
		case 'insufficient_scope':
		case 'invalid_scope':
			return `The credential lacks the "${scope ?? 'required'}" scope that ${method} needs. Add it to the incoming webhook's permissions or the local application's permissions in Bitrix24 (and reconnect an OAuth2 credential).`;
		case 'INVALID_CREDENTIALS':
			return 'The user id or code in the webhook URL is wrong, or the webhook was deleted in Bitrix24. Copy the URL again from Developer resources > Other > Incoming webhook.';
		case 'WRONG_AUTH_TYPE':
			return `${method} works only with an application's OAuth token. Use the Bitrix24 OAuth2 credential for it.`;
		case 'ACCESS_DENIED':
			return accessDenied(failure);
		case 'user_access_error':
			return 'The application is installed, but the Bitrix24 administrator gave access to it only to some users. Ask the administrator to give the user behind this credential access to the application.';
		case 'allowed_only_intranet_user':
			return `${method} is open only to employees of the portal, not to extranet users or bots. Create the credential as an employee.`;
		case 'ACCESS_ERROR':
			return `The user behind the credential may not do this (${method}): check that user's access to the record, chat or group the call names.`;
		case 'QUERY_LIMIT_EXCEEDED':
			return `The portal kept refusing requests because of its request rate limit (about 2 per second, burst 50)${waited(failure)}. Run fewer workflows against this portal at the same time, set the plan's limits in the credential, or raise "Max Wait for Limits" under the node's Request Options.`;
		case 'OVERLOAD_LIMIT':
			return 'Bitrix24 has blocked the REST API of this portal because of overload. This block is set by hand: contact Bitrix24 support to lift it.';
		case 'OPERATION_TIME_LIMIT':
			return `${method} used up its operating-time budget on the portal (Bitrix24 allows each method a fixed amount of execution time per 10 minutes)${waited(failure)}. It becomes available again after the reset; run the workflow later, narrow the query, or raise "Max Wait for Limits" under the node's Request Options.`;
		case 'ERROR_METHOD_NOT_FOUND':
			return `${method} does not exist on this portal, or its module is not available to this credential. Check the method name and the credential's scopes${scope ? ` (${scope})` : ''}.`;
		case 'INVALID_REQUEST':
			return 'Bitrix24 cloud portals accept only https:// requests.';
		case 'PORTAL_DELETED':
			return 'The portal is deleted or its public part is closed. Check the portal address; on a self-hosted portal, turn off "Temporary closure of the public part of the site" in the Main module settings.';
		case 'INTERNAL_SERVER_ERROR':
		case 'ERROR_UNEXPECTED_ANSWER':
			return `The portal failed inside ${method}. A read can simply be run again; a write may have been applied, so check the record before running it again. If it keeps failing, contact the portal's administrator or Bitrix24 support.`;
		case 'NON_JSON_RESPONSE':
			return 'Check that the portal URL is right and the portal is reachable; the answer came from something other than the Bitrix24 REST API.';
		case 'ERROR_BATCH_LENGTH_EXCEEDED':
			return 'A batch holds at most 50 commands, and its parameters have a size limit. Split the commands over several batches.';
		case 'ERROR_BATCH_METHOD_NOT_ALLOWED':
			return `${method} cannot run inside a batch (nor can batch itself). Run it alone, with Method > Call.`;
		case 'NOT_FOUND':
		case 'ERROR_NOT_FOUND':
		case 'ERROR_ENTITY_NOT_FOUND':
			return NOT_FOUND_HINT(method);
		case 'ERROR_ARGUMENT':
		case 'INVALID_ARG_VALUE':
		case 'ERROR_REQUIRED_PARAMETERS_MISSING':
		case 'INVALID_FORMAT': {
			const argument = argumentOf(failure.description);
			return `Bitrix24 refused ${argument ? `parameter ${argument}` : 'a parameter'} of ${method}: it is missing or its value has the wrong form. Check it against the method's documentation.`;
		}
		case 'ERROR_CORE':
			return `Bitrix24 could not carry out ${method}; its message above says why (a missing or unknown value, a duplicate, a field it does not accept). Correct what it names and run again.`;
		case '':
			if (/not found/i.test(failure.description)) return NOT_FOUND_HINT(method);
			if (/access denied/i.test(failure.description)) return accessDenied(failure);
			return undefined;
		default:
			return undefined;
	}
}
