/**
 * event.bind / event.unbind / event.get: only for an application's OAuth token.
 *
 * The source key (`auth_connector`, event-bind.md and offline-events.md "How to Avoid Cycles")
 * is kept on offline bindings only ("intended for offline events"). Where the docs are silent the
 * portal is strict: an offline binding of the same event, handler and auth_type is
 * ERROR_HANDLER_ALREADY_EXIST whatever its key (so a client changing its key must unbind first);
 * event.get answers only the documented fields (event, handler, auth_type, offline), not the key;
 * event.unbind takes no key (event-unbind.md lists none) and removes bindings of every key.
 */
import { errors, RestError } from '../envelope';
import { KNOWN_EVENTS } from '../events';
import { phpInt } from '../php-query';
import { CallContext, MethodDef, param } from '../registry';

function appOnly(ctx: CallContext): string {
	if (ctx.auth.kind !== 'oauth' || !ctx.auth.clientId) throw errors.wrongAuthType();
	return ctx.auth.clientId;
}

/** event_type: online unless `offline` is asked. */
function eventType(ctx: CallContext): 'online' | 'offline' {
	return String(param(ctx.params, 'event_type') ?? 'online').toLowerCase() === 'offline'
		? 'offline'
		: 'online';
}

/** Offline events are for administrators only (event.bind / event.unbind, "Method Parameters"). */
function offlineNeedsAdmin(ctx: CallContext, type: 'online' | 'offline'): void {
	if (type !== 'offline') return;
	const user = ctx.portal.store.users.find((u) => u.ID === ctx.auth.userId);
	if (!user?.IS_ADMIN)
		throw new RestError(
			403,
			'ACCESS_DENIED',
			'Access denied! Offline events binding requires administrator access rights',
		);
}

function eventName(ctx: CallContext): string {
	const raw = param(ctx.params, 'event');
	if (typeof raw !== 'string' || raw === '')
		throw new RestError(400, 'ERROR_EVENT_NOT_FOUND', 'Event not found');
	const name = raw.toUpperCase();
	if (!KNOWN_EVENTS.has(name)) throw new RestError(400, 'ERROR_EVENT_NOT_FOUND', 'Event not found');
	return name;
}

export const methods: MethodDef[] = [
	{
		name: 'event.bind',
		scope: 'basic',
		handler: (ctx) => {
			const clientId = appOnly(ctx);
			const event = eventName(ctx);
			const type = eventType(ctx);
			offlineNeedsAdmin(ctx, type);
			const handler = param(ctx.params, 'handler');
			if (type === 'online' && (typeof handler !== 'string' || !/^https?:\/\//i.test(handler))) {
				throw new RestError(
					400,
					'ERROR_HANDLER_URL_MISMATCH',
					'Handler URL host must match application domain',
				);
			}
			const authType = phpInt(param(ctx.params, 'auth_type') ?? 0);
			const handlerUrl = typeof handler === 'string' ? handler : '';
			const bus = ctx.portal.events;
			if (
				bus.bindings.some(
					(b) =>
						b.clientId === clientId &&
						b.event === event &&
						b.handler === handlerUrl &&
						b.authType === authType,
				)
			) {
				throw new RestError(400, 'ERROR_HANDLER_ALREADY_EXIST', 'Handler already binded');
			}
			const connector = param(ctx.params, 'auth_connector');
			bus.bind({
				event,
				handler: handlerUrl,
				authType,
				eventType: type,
				clientId,
				userId: ctx.auth.userId,
				connector:
					type === 'offline' && typeof connector === 'string' ? connector.trim() : undefined,
			});
			return { result: true };
		},
	},
	{
		name: 'event.unbind',
		scope: 'basic',
		handler: (ctx) => {
			const clientId = appOnly(ctx);
			const event = eventName(ctx);
			const handler = param(ctx.params, 'handler');
			const authType = param(ctx.params, 'auth_type');
			const type = eventType(ctx);
			offlineNeedsAdmin(ctx, type);
			const count = ctx.portal.events.unbind(
				clientId,
				event,
				typeof handler === 'string' && handler !== '' ? handler : undefined,
				authType === undefined ? undefined : phpInt(authType),
				type,
			);
			return { result: { count } };
		},
	},
	{
		name: 'event.get',
		scope: 'basic',
		handler: (ctx) => {
			const clientId = appOnly(ctx);
			return {
				result: ctx.portal.events.bindings
					.filter((b) => b.clientId === clientId)
					.map((b) => ({
						event: b.event,
						handler: b.handler,
						auth_type: String(b.authType),
						offline: b.eventType === 'offline' ? 1 : 0,
					})),
			};
		},
	},
];
