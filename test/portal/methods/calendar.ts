/** The calendar area of the portal (filled in by its owner). */
import type { MethodDef } from '../registry';

export const methods: MethodDef[] = [];
