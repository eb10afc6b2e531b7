import type { Area } from './area';

/** The drive area (filled in by its owner). */
export const area: Area = { resources: [] };
