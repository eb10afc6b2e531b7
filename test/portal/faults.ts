/** Switchable faults: each applies to the next matching /rest/ request(s) and is then used up. */
import type { FaultSpec } from './types';

interface ActiveFault extends FaultSpec {
	remaining: number;
}

export class Faults {
	private queue: ActiveFault[] = [];

	inject(f: FaultSpec): void {
		this.queue.push({ ...f, remaining: f.times ?? 1 });
	}

	clear(): void {
		this.queue = [];
	}

	get pending(): number {
		return this.queue.reduce((s, f) => s + f.remaining, 0);
	}

	/** Takes the first fault matching this REST method, if any. */
	take(restMethod: string | undefined): FaultSpec | undefined {
		const method = (restMethod ?? '').toLowerCase();
		const idx = this.queue.findIndex(
			(f) => !f.method || f.method.toLowerCase().replace(/\.json$/, '') === method,
		);
		if (idx === -1) return undefined;
		const f = this.queue[idx];
		f.remaining--;
		if (f.remaining <= 0) this.queue.splice(idx, 1);
		return f;
	}
}
