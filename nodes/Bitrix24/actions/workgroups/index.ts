import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { bitrix24Call, connect } from '../../../shared/transport';
import { methodResource } from '../method-table/build';
import type { Area } from '../types';
import { workgroupSpec } from './workgroup';
import { workgroupMemberSpec } from './workgroup-member';

/** Workgroups and projects (sonet_group.*) and their members. */
export const workgroupsArea: Area = {
	resources: [workgroupSpec, workgroupMemberSpec].map(methodResource),
	listSearch: {
		/** One page of the workgroups the user may see whose name contains what the user typed. */
		async searchWorkgroups(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
			const envelope = await bitrix24Call(this, 'sonet_group.get', {
				ORDER: { NAME: 'ASC' },
				FILTER: filter ? { '%NAME': filter } : {},
				start: Number(paginationToken ?? 0),
			});
			const groups = (Array.isArray(envelope.result) ? envelope.result : []) as IDataObject[];
			const { portalRoot } = await connect(this);
			return {
				results: groups.map((group) => ({
					name: String(group.NAME || `Workgroup ${String(group.ID)}`),
					value: String(group.ID),
					url: `${portalRoot}/workgroups/group/${String(group.ID)}/`,
				})),
				paginationToken: envelope.next === undefined ? undefined : String(envelope.next),
			};
		},
	},
};
