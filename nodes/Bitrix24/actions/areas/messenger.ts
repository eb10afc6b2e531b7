import type { Area } from './area';

/** The messenger area (filled in by its owner). */
export const area: Area = { resources: [] };
