import type { IDataObject } from 'n8n-workflow';

import type { PortalLimits } from './bucket';
import { PortalScheduler } from './portal-scheduler';
import type { Attempt, ScheduledCall } from './scheduled-call';

/**
 * One scheduler per portal, shared by every execution in this n8n process (module state):
 * it mirrors the portal's leaky bucket, sends calls FIFO, and while calls wait it carries up
 * to 50 of them (of one credential identity) as one `batch`, which the portal counts as one
 * request. A lone call goes out at once. Refusals (503 rate limit, 429 operating limit)
 * happen before a call runs, so such calls are queued again, until their wait budget ends.
 */

export type { PortalLimits } from './bucket';
export type {
	Attempt,
	ScheduledCall,
	SchedulerSettings,
	SendResult,
	Sender,
} from './scheduled-call';
export { configureScheduler, mergeableCall } from './scheduled-call';
export { DEFAULT_LIMITS } from './bucket';

const schedulers = new Map<string, PortalScheduler>();

/** The scheduler of a portal; portals no longer in use (nothing queued, bucket drained) are forgotten. */
export function schedulerFor(portalKey: string, limits: PortalLimits): PortalScheduler {
	for (const [key, scheduler] of schedulers)
		if (key !== portalKey && scheduler.idle) schedulers.delete(key);
	let scheduler = schedulers.get(portalKey);
	if (!scheduler) {
		scheduler = new PortalScheduler(limits);
		schedulers.set(portalKey, scheduler);
	}
	return scheduler;
}

/** How many portals the process holds state for (memory stays bounded by the portals in use). */
export function scheduledPortals(): number {
	return schedulers.size;
}

export function scheduleCall(call: ScheduledCall): Promise<Attempt> {
	return schedulerFor(call.portalKey, call.limits).submit(call);
}

/** Records a method's operating-limit reset seen in an answer that did not pass through scheduleCall's own reading (a batch's sub-calls). */
export function rememberOperatingTime(
	portalKey: string,
	limits: PortalLimits,
	method: string,
	time: IDataObject | undefined,
): void {
	schedulerFor(portalKey, limits).rememberTime(method, time);
}
