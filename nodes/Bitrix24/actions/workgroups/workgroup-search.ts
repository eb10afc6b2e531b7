import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { bitrix24Call, connect } from '../../../shared/transport';

/** One page of the workgroups the user may see whose name contains what the user typed. */
export async function searchWorkgroups(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
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
}
