/**
 * The n8n side's mirror of a portal's leaky bucket: +1 per request, draining at the plan's rate.
 * A refusal from the portal means others (another worker, another app) share it: the mirror
 * then believes the portal is full and halves its rate, recovering over calm seconds.
 */
export interface PortalLimits {
	/** the portal's drain rate (Bitrix24: 2/s, Enterprise 5/s) */
	requestsPerSecond: number;
	/** the portal's bucket size (Bitrix24: 50, Enterprise 250) */
	burst: number;
}

export const DEFAULT_LIMITS: PortalLimits = { requestsPerSecond: 2, burst: 50 };

/** Refusals slow the scheduler down to a quarter of the plan's rate at most (two or three processes sharing a portal). */
const MIN_FACTOR = 0.25;

export class Bucket {
	private level = 0;
	private last = Date.now();
	/** 1 at full speed; halved on every refusal (another process shares the portal), recovering slowly */
	factor = 1;
	private lastRefusal = 0;

	constructor(public limits: PortalLimits) {}

	private get rate(): number {
		return this.limits.requestsPerSecond * this.factor;
	}

	private drain(now: number): void {
		// back to full speed within 20 s of calm after one refusal; each refusal halves again
		if (this.factor < 1)
			this.factor = Math.min(
				1,
				this.factor + ((now - Math.max(this.last, this.lastRefusal)) / 1000) * 0.05,
			);
		this.level = Math.max(0, this.level - ((now - this.last) / 1000) * this.rate);
		this.last = now;
	}

	/** ms until one more request fits */
	wait(now: number): number {
		this.drain(now);
		const over = this.level + 1 - this.limits.burst;
		return over <= 0 ? 0 : Math.ceil((over / this.rate) * 1000);
	}

	take(now: number): void {
		this.drain(now);
		this.level += 1;
	}

	/** The portal said it is full: believe it, and slow down. */
	refused(now: number): void {
		this.drain(now);
		this.level = Math.max(this.level, this.limits.burst);
		this.factor = Math.max(MIN_FACTOR, this.factor / 2);
		this.lastRefusal = now;
	}

	halfFull(now: number): boolean {
		this.drain(now);
		return this.level * 2 >= this.limits.burst;
	}

	empty(now: number): boolean {
		this.drain(now);
		return this.level === 0 && this.factor === 1;
	}
}
