/**
 * Cloud limits: the per-portal leaky bucket (503 QUERY_LIMIT_EXCEEDED) and the per-method operating
 * time budget (429 OPERATION_TIME_LIMIT). timeScale speeds both up so tests stay fast.
 */

export class LeakyBucket {
	private level = 0;
	private last = Date.now();

	constructor(
		private readonly capacity: number,
		private readonly drainPerSecond: number,
		private readonly timeScale: number,
	) {}

	private drain(): void {
		const now = Date.now();
		this.level = Math.max(
			0,
			this.level - ((now - this.last) / 1000) * this.drainPerSecond * this.timeScale,
		);
		this.last = now;
	}

	/** Counts one request; false when the bucket is full (the request is refused and not counted). */
	take(): boolean {
		this.drain();
		if (this.level + 1 > this.capacity) return false;
		this.level += 1;
		return true;
	}

	get current(): number {
		this.drain();
		return this.level;
	}

	reset(): void {
		this.level = 0;
		this.last = Date.now();
	}
}

export class OperatingLimit {
	private readonly spent = new Map<string, Array<{ at: number; cost: number }>>();

	constructor(
		private readonly windowSeconds: number,
		private readonly maxSeconds: number,
		private readonly timeScale: number,
	) {}

	private get windowMs(): number {
		return (this.windowSeconds * 1000) / this.timeScale;
	}

	private entries(method: string): Array<{ at: number; cost: number }> {
		const cutoff = Date.now() - this.windowMs;
		const list = (this.spent.get(method) ?? []).filter((e) => e.at > cutoff);
		this.spent.set(method, list);
		return list;
	}

	/** Portal seconds spent by the method in the current window. */
	used(method: string): number {
		return this.entries(method).reduce((s, e) => s + e.cost, 0);
	}

	/** Unix seconds when the oldest charge leaves the window (when part of the budget comes back). */
	resetAt(method: string): number {
		const list = this.entries(method);
		const oldest = list.length ? list[0].at : Date.now();
		return Math.ceil((oldest + this.windowMs) / 1000);
	}

	blocked(method: string): boolean {
		return this.used(method) > this.maxSeconds;
	}

	charge(method: string, cost: number): void {
		this.entries(method).push({ at: Date.now(), cost });
	}

	reset(): void {
		this.spent.clear();
	}
}
