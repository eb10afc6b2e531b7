/** Methods every portal has: server.time, scope, methods, method.get (app.info: app.ts). */
import { isoDate } from '../envelope';
import { phpBool } from '../php-query';
import { MethodDef } from '../registry';

export const methods: MethodDef[] = [
	{ name: 'server.time', scope: 'basic', handler: () => ({ result: isoDate(Date.now()) }) },
	{
		name: 'scope',
		scope: 'basic',
		handler: (ctx) => ({
			result: phpBool(ctx.params.full) ? ctx.portal.registry.scopes() : ctx.auth.scope,
		}),
	},
	{
		name: 'methods',
		scope: 'basic',
		handler: (ctx) => {
			const scope = typeof ctx.params.scope === 'string' ? ctx.params.scope : undefined;
			const names = ctx.portal.registry.names().filter((n) => {
				const def = ctx.portal.registry.get(n);
				if (!def) return false;
				if (scope !== undefined) return def.scope === scope;
				return (
					phpBool(ctx.params.full) || def.scope === 'basic' || ctx.auth.scope.includes(def.scope)
				);
			});
			return { result: names };
		},
	},
	{
		name: 'method.get',
		scope: 'basic',
		handler: (ctx) => {
			const def =
				typeof ctx.params.name === 'string' ? ctx.portal.registry.get(ctx.params.name) : undefined;
			return {
				result: {
					isExisting: !!def,
					isAvailable: !!def && (def.scope === 'basic' || ctx.auth.scope.includes(def.scope)),
				},
			};
		},
	},
];
