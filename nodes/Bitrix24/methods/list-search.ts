import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { bitrix24Call, connect } from '../../shared/transport';
import { CLASSIC_RECORDS } from '../actions/crm/classic-records';
import { searchMethodOf } from '../actions/crm/classic-record';

type ListSearch = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

/** One page of records whose label matches what the user typed, newest first. */
const oldCrmSearch: Record<string, ListSearch> = Object.fromEntries(
	CLASSIC_RECORDS.map((entity) => [
		searchMethodOf(entity),
		async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
			const start = Number(paginationToken ?? 0);
			const envelope = await bitrix24Call(this, `${entity.method}.list`, {
				select: ['ID', ...entity.label],
				order: { ID: 'DESC' },
				filter: filter ? { [`%${entity.label[entity.label.length - 1]}`]: filter } : {},
				start,
			});
			const rows = (envelope.result ?? []) as IDataObject[];
			const { portalRoot } = await connect(this);
			return {
				results: rows.map((row) => ({
					name:
						entity.label
							.map((field) => row[field])
							.filter(Boolean)
							.join(' ') || `${entity.name} ${String(row.ID)}`,
					value: String(row.ID),
					url: `${portalRoot}/crm/${entity.path}/details/${String(row.ID)}/`,
				})),
				paginationToken: envelope.next === undefined ? undefined : String(envelope.next),
			};
		},
	]),
);

export const listSearch: Record<string, ListSearch> = {
	...oldCrmSearch,

	async searchItems(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		const entityTypeId = Number(
			this.getCurrentNodeParameter('entityTypeId') ?? this.getNodeParameter('entityTypeId', 0),
		);
		const envelope = await bitrix24Call(this, 'crm.item.list', {
			entityTypeId,
			select: ['id', 'title'],
			order: { id: 'DESC' },
			filter: filter ? { '%title': filter } : {},
			start: Number(paginationToken ?? 0),
		});
		const rows = ((envelope.result as IDataObject)?.items ?? []) as IDataObject[];
		return {
			results: rows.map((row) => ({
				name: String(row.title || `Item ${String(row.id)}`),
				value: String(row.id),
			})),
			paginationToken: envelope.next === undefined ? undefined : String(envelope.next),
		};
	},
};
