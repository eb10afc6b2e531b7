/**
 * REST methods by name. Each methods/*.ts file exports a list of definitions; adding a module (tasks,
 * im, disk ...) is one new file plus one line in methods/index.ts.
 */
import type { EventBus } from './events';
import type { OAuthServer } from './oauth';
import type { Store } from './store';

export interface AuthInfo {
	kind: 'webhook' | 'oauth';
	userId: number;
	scope: string[];
	/** OAuth client id of the calling application. */
	clientId?: string;
	accessToken?: string;
}

export interface PortalContext {
	store: Store;
	oauth: OAuthServer;
	events: EventBus;
	url: string;
	domain: string;
	memberId: string;
	registry: Registry;
}

export interface CallContext {
	portal: PortalContext;
	params: Record<string, unknown>;
	auth: AuthInfo;
	method: string;
	/** Runs another method with the same auth (used by batch). */
	call(method: string, params: Record<string, unknown>): Promise<CallOutcome>;
	inBatch: boolean;
}

export interface MethodResult {
	result: unknown;
	total?: number;
	next?: number;
}

export type CallOutcome =
	| ({ ok: true } & MethodResult & {
				startMs: number;
				finishMs: number;
				operating?: { used: number; resetAt: number };
			})
	| { ok: false; status: number; error: string; error_description: string };

export interface MethodDef {
	name: string;
	scope: string;
	handler: (ctx: CallContext) => MethodResult | Promise<MethodResult>;
}

export class Registry {
	private readonly methods = new Map<string, MethodDef>();

	register(defs: MethodDef[]): void {
		for (const d of defs) this.methods.set(d.name.toLowerCase(), d);
	}

	get(name: string): MethodDef | undefined {
		return this.methods.get(name.toLowerCase());
	}

	names(): string[] {
		return [...this.methods.keys()];
	}

	scopes(): string[] {
		return [...new Set([...this.methods.values()].map((m) => m.scope))];
	}
}

/** Parameters of old methods are case-insensitive (PHP array_change_key_case). */
export function param(params: Record<string, unknown>, name: string): unknown {
	if (name in params) return params[name];
	const lower = name.toLowerCase();
	for (const [k, v] of Object.entries(params)) if (k.toLowerCase() === lower) return v;
	return undefined;
}
