/**
 * Application automation rules ("robots", scope `bizproc`) as bitrix24/b24restdocs
 * api-reference/bizproc/bizproc-robot/ describes them: bizproc-robot-add.md, -update.md,
 * -list.md, -delete.md (application context only, administrators only, HTTP 400 with the codes
 * and texts each page lists) and bizproc-event-send.md (any user; a token that is unknown,
 * already answered, or of a robot that does not wait, gets 403 ACCESS_DENIED "Access denied!").
 *
 * HANDLER "must have the same domain where the application is installed": the application's
 * address here is the OAuth redirect URI the portal was started with (`oauth.redirectUri`); a
 * portal started without one has no address to compare with and takes any http(s) host.
 *
 * runRobot() is the test's stand-in for an automation rule reaching the robot: the portal
 * POSTs to HANDLER, once, the form fields the official SDKs read from that request
 * (bitrix24/b24phpsdk Services/Workflows/Robot/Request/IncomingRobotRequest.php, bitrix24/b24pysdk
 * OAuthWorkflowData and WorkflowOAuth): workflow_id, code, document_id[3], document_type[3],
 * event_token, properties[...], use_subscription (Y/N), timeout_duration, ts and auth[...] with
 * the tokens of AUTH_USER_ID and the application_token. The event token is in the docs'
 * example's shape (`<workflow id>|<activity name>|<random>.<hash>`).
 */
import { createHash, randomBytes } from 'node:crypto';

import { RestError } from '../envelope';
import { buildPhpQuery, isObject, phpInt } from '../php-query';
import type { CallContext, MethodDef, PortalContext } from '../registry';
import { param } from '../registry';
import type { Store } from '../store';

export interface Robot {
	clientId: string;
	CODE: string;
	HANDLER: string;
	AUTH_USER_ID?: number;
	/** as registered, upper-case: '' (the default) waits like 'Y' */
	USE_SUBSCRIPTION: string;
	NAME: unknown;
	DESCRIPTION?: unknown;
	PROPERTIES: Record<string, Record<string, unknown>>;
	RETURN_PROPERTIES: Record<string, Record<string, unknown>>;
	DOCUMENT_TYPE?: string[];
	FILTER?: Record<string, unknown>;
	USE_PLACEMENT?: string;
	PLACEMENT_HANDLER?: string;
}

/** One time an automation rule ran a robot. */
export interface RobotRun {
	clientId: string;
	code: string;
	workflowId: string;
	eventToken: string;
	documentId: string[];
	documentType: string[];
	properties: Record<string, unknown>;
	/** whether the rule waits for bizproc.event.send */
	waiting: boolean;
	/** the form body POSTed to HANDLER and the handler's HTTP status (0: no connection) */
	body: string;
	handlerStatus: number;
	/** what bizproc.event.send returned to the rule */
	result?: { returnValues: Record<string, unknown>; logMessage: string; userId: number };
}

export interface RobotState {
	robots: Map<string, Robot>;
	runs: Map<string, RobotRun>;
	/** the portal the methods were last called on: runRobot() mints tokens and delivers through it */
	portal?: PortalContext;
}

export function robotState(store: Store): RobotState {
	return store.area<RobotState>('bizprocRobot', () => ({ robots: new Map(), runs: new Map() }));
}

const key = (clientId: string, code: string): string => `${clientId}\n${code}`;

function state(ctx: CallContext): RobotState {
	const robots = robotState(ctx.portal.store);
	robots.portal = ctx.portal;
	return robots;
}

// ---------------------------------------------------------------- validation

const failure = (text: string): RestError =>
	new RestError(400, 'ERROR_ACTIVITY_VALIDATION_FAILURE', text);
const wrongHandler = (): RestError =>
	new RestError(400, 'ERROR_WRONG_HANDLER_URL', 'Wrong handler URL');

const isBlank = (value: unknown): boolean =>
	value === undefined ||
	value === null ||
	value === '' ||
	(isObject(value) && Object.keys(value).length === 0);

/** The robot methods work only for an installed application, and only for administrators. */
function appAdmin(ctx: CallContext): string {
	if (ctx.auth.kind !== 'oauth' || !ctx.auth.clientId)
		throw new RestError(400, 'ACCESS_DENIED', 'Application context required');
	const user = ctx.portal.store.users.find((entry) => entry.ID === ctx.auth.userId);
	if (!user?.IS_ADMIN) throw new RestError(400, 'ACCESS_DENIED', 'Access denied!');
	return ctx.auth.clientId;
}

function robotCode(value: unknown): string {
	const code = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
	if (code === '') throw failure('Empty activity code!');
	if (!/^[a-zA-Z0-9._-]+$/.test(code)) throw failure('Wrong activity code!');
	return code;
}

function handlerUrl(ctx: CallContext, value: unknown): string {
	const text = typeof value === 'string' ? value.trim() : '';
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw wrongHandler();
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:')
		throw new RestError(400, 'ERROR_UNSUPPORTED_PROTOCOL', 'Unsupported handler protocol');
	if (!url.hostname) throw wrongHandler();
	const appAddress = ctx.portal.oauth.config.redirectUri;
	if (appAddress && new URL(appAddress).hostname !== url.hostname) throw wrongHandler();
	return text;
}

/** A value PHP reads case-insensitively from an associative array (`Name` or `NAME`). */
function field(entry: Record<string, unknown>, name: string): unknown {
	return param(entry, name);
}

/** PROPERTIES / RETURN_PROPERTIES: an object of property objects, each with a Name, keyed by a system name. */
function properties(value: unknown): Record<string, Record<string, unknown>> {
	if (isBlank(value) || (Array.isArray(value) && value.length === 0)) return {};
	if (!isObject(value)) throw failure('Wrong properties array!');
	const out: Record<string, Record<string, unknown>> = {};
	for (const [name, entry] of Object.entries(value)) {
		if (!/^[a-zA-Z][a-zA-Z0-9_]*$/.test(name)) throw failure(`Wrong property key ${name}!`);
		if (!isObject(entry)) throw failure('Wrong properties array!');
		if (isBlank(field(entry, 'Name'))) throw failure(`Empty property NAME ${name}!`);
		out[name] = entry;
	}
	return out;
}

/** FILTER: INCLUDE and/or EXCLUDE, each a list of rules (an edition or a document type, in full or partly). */
function robotFilter(value: unknown): Record<string, unknown> | undefined {
	if (isBlank(value)) return undefined;
	if (!isObject(value)) throw failure('Wrong activity FILTER!');
	for (const [name, rules] of Object.entries(value)) {
		const list = isObject(rules) ? Object.values(rules) : rules;
		if (!['INCLUDE', 'EXCLUDE'].includes(name.toUpperCase()) || !Array.isArray(list))
			throw failure('Wrong activity FILTER!');
	}
	return value;
}

function documentType(value: unknown): string[] | undefined {
	if (isBlank(value)) return undefined;
	const parts = Array.isArray(value) ? value : isObject(value) ? Object.values(value) : [];
	if (parts.length !== 3 || parts.some((part) => typeof part !== 'string' || part === ''))
		throw failure('Wrong activity DOCUMENT_TYPE!');
	return parts as string[];
}

const yesNo = (value: unknown): string =>
	typeof value === 'string' ? value.toUpperCase() : value === true ? 'Y' : '';

/** The fields add and update share, from whatever of them `source` holds. */
function robotFields(ctx: CallContext, source: Record<string, unknown>): Partial<Robot> {
	const out: Partial<Robot> = {};
	const has = (name: string): boolean => param(source, name) !== undefined;
	if (has('HANDLER')) out.HANDLER = handlerUrl(ctx, param(source, 'HANDLER'));
	if (has('AUTH_USER_ID')) out.AUTH_USER_ID = phpInt(param(source, 'AUTH_USER_ID')) || undefined;
	if (has('USE_SUBSCRIPTION')) out.USE_SUBSCRIPTION = yesNo(param(source, 'USE_SUBSCRIPTION'));
	if (has('NAME')) out.NAME = param(source, 'NAME');
	if (has('DESCRIPTION')) out.DESCRIPTION = param(source, 'DESCRIPTION');
	if (has('PROPERTIES')) out.PROPERTIES = properties(param(source, 'PROPERTIES'));
	if (has('RETURN_PROPERTIES'))
		out.RETURN_PROPERTIES = properties(param(source, 'RETURN_PROPERTIES'));
	if (has('DOCUMENT_TYPE')) out.DOCUMENT_TYPE = documentType(param(source, 'DOCUMENT_TYPE'));
	if (has('FILTER')) out.FILTER = robotFilter(param(source, 'FILTER'));
	if (has('USE_PLACEMENT')) out.USE_PLACEMENT = yesNo(param(source, 'USE_PLACEMENT'));
	if (has('PLACEMENT_HANDLER')) out.PLACEMENT_HANDLER = String(param(source, 'PLACEMENT_HANDLER'));
	return out;
}

function ownRobot(ctx: CallContext, clientId: string, notFound: string): Robot {
	const code = robotCode(param(ctx.params, 'CODE'));
	const robot = state(ctx).robots.get(key(clientId, code));
	if (!robot) throw new RestError(400, 'ERROR_ACTIVITY_NOT_FOUND', notFound);
	return robot;
}

// ---------------------------------------------------------------- methods

export const methods: MethodDef[] = [
	{
		name: 'bizproc.robot.add',
		scope: 'bizproc',
		handler: (ctx) => {
			const clientId = appAdmin(ctx);
			if (Object.keys(ctx.params).filter((name) => name.toLowerCase() !== 'auth').length === 0)
				throw failure('Empty data!');
			const code = robotCode(param(ctx.params, 'CODE'));
			const handler = handlerUrl(ctx, param(ctx.params, 'HANDLER'));
			if (isBlank(param(ctx.params, 'NAME'))) throw failure('Empty activity NAME!');
			const fields = robotFields(ctx, ctx.params);
			const robots = state(ctx).robots;
			if (robots.has(key(clientId, code)))
				throw new RestError(
					400,
					'ERROR_ACTIVITY_ALREADY_INSTALLED',
					'Activity or Automation rule already installed!',
				);
			robots.set(key(clientId, code), {
				PROPERTIES: {},
				RETURN_PROPERTIES: {},
				USE_SUBSCRIPTION: '',
				...fields,
				clientId,
				CODE: code,
				HANDLER: handler,
				NAME: param(ctx.params, 'NAME'),
			});
			return { result: true };
		},
	},
	{
		name: 'bizproc.robot.update',
		scope: 'bizproc',
		handler: (ctx) => {
			const clientId = appAdmin(ctx);
			const robot = ownRobot(ctx, clientId, 'Activity or Automation Rule not found!');
			const given = param(ctx.params, 'FIELDS');
			const fields = isObject(given) ? robotFields(ctx, given) : {};
			if (Object.keys(fields).length === 0) throw failure('No fields to update');
			Object.assign(robot, fields);
			return { result: true };
		},
	},
	{
		name: 'bizproc.robot.list',
		scope: 'bizproc',
		handler: (ctx) => {
			const clientId = appAdmin(ctx);
			return {
				result: [...state(ctx).robots.values()]
					.filter((robot) => robot.clientId === clientId)
					.map((robot) => robot.CODE),
			};
		},
	},
	{
		name: 'bizproc.robot.delete',
		scope: 'bizproc',
		handler: (ctx) => {
			const clientId = appAdmin(ctx);
			const robot = ownRobot(ctx, clientId, 'Activity or Robot not found!');
			state(ctx).robots.delete(key(clientId, robot.CODE));
			return { result: true };
		},
	},
	{
		name: 'bizproc.event.send',
		scope: 'bizproc',
		handler: (ctx) => {
			const token = param(ctx.params, 'EVENT_TOKEN');
			const run = typeof token === 'string' ? state(ctx).runs.get(token) : undefined;
			if (!run || !run.waiting || run.result)
				throw new RestError(403, 'ACCESS_DENIED', 'Access denied!');
			const values = param(ctx.params, 'RETURN_VALUES');
			const message = param(ctx.params, 'LOG_MESSAGE');
			run.result = {
				returnValues: isObject(values) ? values : {},
				logMessage: typeof message === 'string' ? message : '',
				userId: ctx.auth.userId,
			};
			return { result: true };
		},
	},
];

// ---------------------------------------------------------------- running a robot (tests)

export interface RobotRunRequest {
	code: string;
	/** the application that registered it; default the one robot with this code */
	clientId?: string;
	/** DOCUMENT_ID: [module, document class, element id], e.g. ['crm', 'CCrmDocumentDeal', 'DEAL_12'] */
	documentId: string[];
	/** DOCUMENT_TYPE; by default the element id's type (DEAL, DYNAMIC_147, ...) */
	documentType?: string[];
	/** the values the rule's settings give the properties; missing ones take their Default */
	properties?: Record<string, unknown>;
	/** whose tokens auth[] carries when the robot names no AUTH_USER_ID (default 1) */
	userId?: number;
	timeoutDuration?: number;
}

const ELEMENT_TYPE = /^(.*)_\d+$/;

function typeOf(documentId: string[]): string[] {
	const [module, entity, element] = documentId;
	const type = ELEMENT_TYPE.exec(element)?.[1] ?? element;
	return [module, entity, type];
}

/** Whether a FILTER rule (an edition, or a document type given in full or in part) covers the document type. */
function ruleCovers(rule: unknown, type: string[]): boolean {
	if (typeof rule === 'string') return rule === 'b24' || rule === type[0];
	const parts = Array.isArray(rule) ? rule : isObject(rule) ? Object.values(rule) : [];
	return parts.length > 0 && parts.every((part, index) => part === type[index]);
}

function offered(robot: Robot, type: string[]): boolean {
	const rules = (name: string): unknown[] => {
		const value = robot.FILTER ? param(robot.FILTER, name) : undefined;
		return Array.isArray(value) ? value : isObject(value) ? Object.values(value) : [];
	};
	const include = rules('INCLUDE');
	if (include.length && !include.some((rule) => ruleCovers(rule, type))) return false;
	return !rules('EXCLUDE').some((rule) => ruleCovers(rule, type));
}

/** The value the portal posts: strings only (Y/N for yes/no), lists for multiple properties. */
function formValue(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(formValue);
	if (typeof value === 'boolean') return value ? 'Y' : 'N';
	if (value === null || value === undefined) return '';
	return isObject(value) ? value : String(value);
}

function uniqid(): string {
	const seconds = Math.floor(Date.now() / 1000).toString(16);
	const micro = randomBytes(3).toString('hex').slice(0, 5);
	return `${seconds}${micro}.${String(randomBytes(4).readUInt32BE() % 100_000_000).padStart(8, '0')}`;
}

/**
 * An automation rule reaches the robot: its HANDLER gets the documented form, once. Throws when
 * no such robot is registered, when its FILTER hides it from the document type, or when a
 * required property has neither a value nor a Default (the rule could not have been saved).
 */
export async function runRobot(store: Store, request: RobotRunRequest): Promise<RobotRun> {
	const robots = robotState(store);
	const portal = robots.portal;
	const robot = [...robots.robots.values()].find(
		(entry) =>
			entry.CODE === request.code &&
			(request.clientId === undefined || entry.clientId === request.clientId),
	);
	if (!portal || !robot) throw new Error(`No robot ${request.code} is registered`);
	const type = request.documentType ?? typeOf(request.documentId);
	if (!offered(robot, type))
		throw new Error(`Robot ${robot.CODE} is not offered for ${type.join(' ')}`);
	const values: Record<string, unknown> = {};
	for (const [name, property] of Object.entries(robot.PROPERTIES)) {
		const value = request.properties?.[name] ?? field(property, 'Default');
		if (isBlank(value) && yesNo(field(property, 'Required')) === 'Y')
			throw new Error(`Robot ${robot.CODE}: required property ${name} has no value`);
		if (!isBlank(value)) values[name] = formValue(value);
	}
	const workflowId = uniqid();
	const activity = `A${[0, 0, 0, 0].map(() => 10000 + (randomBytes(2).readUInt16BE() % 90000)).join('_')}`;
	const secret = randomBytes(24).toString('base64url').slice(0, 32);
	const eventToken = `${workflowId}|${activity}|${secret}.${createHash('sha256').update(`${workflowId}${activity}${secret}`).digest('hex')}`;
	const userId = robot.AUTH_USER_ID ?? request.userId ?? 1;
	const tokens = portal.oauth.mint({ userId, record: false });
	const waiting = robot.USE_SUBSCRIPTION !== 'N';
	const body = buildPhpQuery({
		workflow_id: workflowId,
		code: robot.CODE,
		document_id: request.documentId,
		document_type: type,
		event_token: eventToken,
		properties: values,
		use_subscription: waiting ? 'Y' : 'N',
		timeout_duration: String(request.timeoutDuration ?? 0),
		ts: String(Math.floor(Date.now() / 1000)),
		auth: {
			access_token: tokens.access_token,
			expires: String(tokens.expires),
			expires_in: String(tokens.expires_in),
			scope: tokens.scope,
			domain: portal.domain,
			server_endpoint: tokens.server_endpoint,
			status: tokens.status,
			client_endpoint: `${portal.url}/rest/`,
			member_id: portal.memberId,
			user_id: String(userId),
			refresh_token: tokens.refresh_token,
			application_token: portal.events.applicationToken(robot.clientId),
		},
	});
	const run: RobotRun = {
		clientId: robot.clientId,
		code: robot.CODE,
		workflowId,
		eventToken,
		documentId: request.documentId,
		documentType: type,
		properties: values,
		waiting,
		body,
		handlerStatus: 0,
	};
	robots.runs.set(eventToken, run);
	run.handlerStatus = (await portal.events.send(robot.HANDLER, `robot:${robot.CODE}`, body)).status;
	return run;
}
