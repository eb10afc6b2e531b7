/**
 * app.info as bitrix24/b24restdocs api-reference/common/system/app-info.md describes it (scope
 * `basic`, no parameters). With an application's OAuth token: the application on this portal
 * (`CODE` is the application code, for a local application its client id, as the docs' example
 * `"CODE": "local.56017020f07e17.98523769"` shows) and the plan; the docs list no member_id.
 * With an incoming webhook only `SCOPE` and `LICENSE`, as the official PHP SDK records
 * (bitrix24/b24phpsdk src/Services/Main/Result/ApplicationInfoItemResult.php). An unknown or
 * expired token never gets here: the portal refuses it first (invalid_token / expired_token).
 */
import type { MethodDef } from '../registry';

/** The plan: `<region>_<type>`; LICENSE_TYPE and LICENSE_FAMILY as in the docs' example (`de_ent10000` -> `ent10000`, `ent`). */
const LICENSE = 'en_project';
const LICENSE_TYPE = 'project';
const LICENSE_FAMILY = 'project';

export const methods: MethodDef[] = [
	{
		name: 'app.info',
		scope: 'basic',
		handler: (ctx) => {
			if (ctx.auth.kind === 'webhook') return { result: { SCOPE: ctx.auth.scope, LICENSE } };
			return {
				result: {
					ID: 1,
					CODE: ctx.auth.clientId,
					VERSION: 1,
					STATUS: 'L',
					INSTALLED: true,
					PAYMENT_EXPIRED: 'N',
					DAYS: null,
					LANGUAGE_ID: 'en',
					LICENSE,
					LICENSE_TYPE,
					LICENSE_FAMILY,
				},
			};
		},
	},
];
