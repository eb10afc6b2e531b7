import type { ParamSpec } from '../method-table/spec';
import { WORKGROUP_LOCATOR } from '../workgroups/workgroup-locator';

/**
 * Version 2 of a task's Project ID: the workgroup or project picked From List, By ID or By URL.
 * Still a number, so 0 (no project, or My Plan for stages) can be given by ID.
 */
export function projectPicker(description: string): ParamSpec['v2'] {
	return {
		label: 'Project',
		description,
		locator: { ...WORKGROUP_LOCATOR, idPattern: '^\\s*\\d+\\s*$' },
	};
}
