import type { Area } from './area';

/** The tasks area (filled in by its owner). */
export const area: Area = { resources: [] };
