import { createHash } from 'crypto';
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { handlerUrl } from '../Bitrix24Trigger/subscription';
import {
	bitrix24Call,
	bitrix24CallMany,
	connect,
	failureError,
	withoutSecrets,
} from '../shared/transport';
import { redact } from '../shared/transport/errors';
import { DOCUMENT_FILTERS } from './description';

type RobotContext = IHookFunctions | IWebhookFunctions;

/** Where the registered robot is remembered in the node's static data. */
const REGISTERED = 'robot';

/** Property codes as bizproc.robot.add takes them: a letter, then letters, digits and underscores. */
const PROPERTY_CODE = /^[a-zA-Z][a-zA-Z0-9_]*$/;

interface PropertyEntry {
	name?: string;
	code?: string;
	type?: string;
	listValues?: string;
	required?: boolean;
	multiple?: boolean;
	defaultValue?: string;
	description?: string;
}

function sha256(text: string): string {
	return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The robot's CODE: the same for the workflow and node across edits and restarts (a rule keeps
 * pointing at it), another for a copy of the workflow, and another for the editor's test URL,
 * so that listening for a test call leaves the active workflow's robot alone.
 */
export function robotCode(ctx: RobotContext): string {
	const code = `n8n_${sha256(`${ctx.getWorkflow().id ?? ''}\n${ctx.getNode().id}`).slice(0, 24)}`;
	return ctx.getMode() === 'manual' ? `${code}_test` : code;
}

function fail(ctx: RobotContext, message: string, description?: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), message, description ? { description } : {});
}

function yesNo(value: string): string {
	const text = value.trim().toLowerCase();
	if (['y', 'yes', 'true', '1'].includes(text)) return 'Y';
	if (['n', 'no', 'false', '0'].includes(text)) return 'N';
	return value.trim();
}

/** "key: title" per line (or a bare key) -> Options. */
function listOptions(ctx: RobotContext, label: string, text: string): IDataObject {
	const options: IDataObject = {};
	for (const line of text.split(/\r?\n/)) {
		if (!line.trim()) continue;
		const colon = line.indexOf(':');
		const key = (colon < 0 ? line : line.slice(0, colon)).trim();
		const title = colon < 0 ? key : line.slice(colon + 1).trim();
		if (key) options[key] = title || key;
	}
	if (Object.keys(options).length === 0)
		throw fail(
			ctx,
			`${label}: a List needs List Values`,
			'Give one value per line, as key: title.',
		);
	return options;
}

/** A fixedCollection of properties -> PROPERTIES / RETURN_PROPERTIES of bizproc.robot.add. */
function propertyMap(ctx: IHookFunctions, parameter: string, label: string): IDataObject {
	const entries =
		(ctx.getNodeParameter(parameter, {}) as { property?: PropertyEntry[] }).property ?? [];
	const out: IDataObject = {};
	entries.forEach((entry, index) => {
		const code = String(entry.code ?? '').trim();
		const name = String(entry.name ?? '').trim();
		const at = `${label}, property ${index + 1}`;
		if (!PROPERTY_CODE.test(code))
			throw fail(
				ctx,
				`${at}: "${code}" is not a property code`,
				'A code starts with a letter and has only letters, digits and underscores.',
			);
		if (code in out) throw fail(ctx, `${at}: the code "${code}" is used twice`);
		if (!name) throw fail(ctx, `${at}: the Name is empty`);
		const type = String(entry.type ?? 'string');
		const property: IDataObject = {
			Name: name,
			Type: type,
			Required: entry.required === true ? 'Y' : 'N',
			Multiple: entry.multiple === true ? 'Y' : 'N',
		};
		const description = String(entry.description ?? '').trim();
		if (description) property.Description = description;
		if (type === 'select')
			property.Options = listOptions(ctx, `${at} (${code})`, String(entry.listValues ?? ''));
		const fallback = String(entry.defaultValue ?? '');
		if (fallback.trim()) property.Default = type === 'bool' ? yesNo(fallback) : fallback;
		out[code] = property;
	});
	return out;
}

export interface Registration {
	code: string;
	/** the parameters of bizproc.robot.add */
	params: IDataObject;
	/** what the registration says, hashed: a changed node registers again */
	fingerprint: string;
}

export function registration(ctx: IHookFunctions): Registration {
	const name = String(ctx.getNodeParameter('robotName', '') ?? '').trim();
	if (!name)
		throw fail(ctx, 'Robot Name is empty', 'Automation rule settings show the robot by this name.');
	const waits = ctx.getNodeParameter('waitForResult', false) === true;
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const code = robotCode(ctx);
	const params: IDataObject = {
		CODE: code,
		HANDLER: handlerUrl(ctx),
		NAME: ctx.getMode() === 'manual' ? `${name} (n8n test)` : name,
		// empty would mean "wait" (bizproc.robot.add): say it either way
		USE_SUBSCRIPTION: waits ? 'Y' : 'N',
		PROPERTIES: propertyMap(ctx, 'inputProperties', 'Input Properties'),
	};
	if (waits) params.RETURN_PROPERTIES = propertyMap(ctx, 'returnProperties', 'Return Properties');
	const description = String(options.description ?? '').trim();
	if (description) params.DESCRIPTION = description;
	const authUserId = Number(options.authUserId ?? 0);
	if (Number.isInteger(authUserId) && authUserId > 0) params.AUTH_USER_ID = authUserId;
	const types = Array.isArray(options.documentTypes) ? (options.documentTypes as string[]) : [];
	const include = DOCUMENT_FILTERS.filter((entry) => types.includes(String(entry.value))).map(
		(entry) => entry.rule,
	);
	if (include.length) params.FILTER = { INCLUDE: include };
	return { code, params, fingerprint: sha256(JSON.stringify(params)) };
}

function remembered(ctx: IHookFunctions): IDataObject | undefined {
	const entry = ctx.getWorkflowStaticData('node')[REGISTERED];
	return entry && typeof entry === 'object' ? (entry as IDataObject) : undefined;
}

/** Whether the portal has this robot as the node now describes it (bizproc.robot.list names codes only). */
export async function isRegistered(ctx: IHookFunctions, wanted: Registration): Promise<boolean> {
	const known = remembered(ctx);
	if (known?.code !== wanted.code || known.fingerprint !== wanted.fingerprint) return false;
	const { result } = await bitrix24Call(ctx, 'bizproc.robot.list');
	return Array.isArray(result) && result.map(String).includes(wanted.code);
}

const ALREADY_INSTALLED = 'ERROR_ACTIVITY_ALREADY_INSTALLED';
const NOT_FOUND = 'ERROR_ACTIVITY_NOT_FOUND';

/** bizproc.robot.add, or bizproc.robot.update of the robot this node registered before. */
export async function register(ctx: IHookFunctions, wanted: Registration): Promise<void> {
	const [added] = await bitrix24CallMany(
		ctx,
		[{ method: 'bizproc.robot.add', params: wanted.params }],
		false,
	);
	if (!added.ok) {
		if (added.error.code !== ALREADY_INSTALLED)
			throw failureError(ctx, await connect(ctx), added.error);
		const { CODE, ...fields } = wanted.params;
		await bitrix24Call(ctx, 'bizproc.robot.update', { CODE, FIELDS: fields });
	}
	if (ctx.getMode() !== 'manual')
		ctx.getWorkflowStaticData('node')[REGISTERED] = {
			code: wanted.code,
			fingerprint: wanted.fingerprint,
		};
}

/** bizproc.robot.delete; a robot that is already gone counts as removed. */
export async function unregister(ctx: IHookFunctions): Promise<boolean> {
	const code = robotCode(ctx);
	if (ctx.getMode() !== 'manual') delete ctx.getWorkflowStaticData('node')[REGISTERED];
	const [deleted] = await bitrix24CallMany(
		ctx,
		[{ method: 'bizproc.robot.delete', params: { CODE: code } }],
		false,
	);
	if (deleted.ok || deleted.error.code === NOT_FOUND) return true;
	// Bitrix24's error descriptions may quote what was sent: no secret of the credential is logged
	const message = await withoutSecrets(
		ctx,
		`Bitrix24 Robot Trigger: bizproc.robot.delete failed: ${deleted.error.code} ${deleted.error.description}`,
	);
	ctx.logger.warn(redact(message, (await connect(ctx)).secrets));
	return false;
}
