import type { Area } from './area';

/** The calendar area (filled in by its owner). */
export const area: Area = { resources: [] };
