/** The flags and relations crm.type.add/update store for a smart process type (crm.type.get/list show them). */
import type { Store } from '../store';

interface TypeFlags {
	flags: Record<string, Record<string, unknown>>;
}

export function typeFlags(store: Store): TypeFlags {
	return store.area<TypeFlags>('crm-type-flags', () => ({ flags: {} }));
}

export function storedTypeFlags(store: Store, id: number): Record<string, unknown> {
	return typeFlags(store).flags[id] ?? {};
}
