import { methodResource } from '../method-table/build';
import type { Area } from '../types';
import { workgroupSpec } from './workgroup';
import { workgroupMemberSpec } from './workgroup-member';
import { searchWorkgroups } from './workgroup-search';

/** Workgroups and projects (sonet_group.*) and their members. */
export const workgroupsArea: Area = {
	resources: [workgroupSpec, workgroupMemberSpec].map(methodResource),
	listSearch: {
		searchWorkgroups,
	},
};
