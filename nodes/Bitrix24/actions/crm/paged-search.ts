/**
 * A picker's page from one Bitrix24 list method: the method's own text filter (`%<field>`) when
 * it has one, else each page matched here; `start` as the pagination token, `next` as the next.
 */
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { bitrix24Call, connect } from '../../../shared/transport';
import { matchesFilter } from '../search-text';

const nextToken = (envelope: { next?: number }) =>
	envelope.next === undefined ? undefined : String(envelope.next);

/** One list method's page as a picker's page. */
export interface PagedSearch {
	method: string;
	/** select, order and any fixed filter */
	params: IDataObject;
	/** the field the method filters by text (`%<field>`); without one, each page is matched here */
	textField?: string;
	/** the texts a page is matched against when the method filters by no text */
	texts?: (row: IDataObject) => unknown[];
	/** where the rows are in the answer (default: the answer is the list) */
	rows?: (result: IDataObject) => unknown;
	item: (row: IDataObject, portalRoot: string) => INodeListSearchItems;
}

export async function pagedSearch(
	ctx: ILoadOptionsFunctions,
	spec: PagedSearch,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const textFilter = spec.textField && filter ? { [`%${spec.textField}`]: filter } : undefined;
	const envelope = await bitrix24Call(ctx, spec.method, {
		...spec.params,
		...(spec.textField
			? { filter: { ...((spec.params.filter as IDataObject) ?? {}), ...textFilter } }
			: {}),
		start: Number(paginationToken ?? 0),
	});
	const raw = spec.rows ? spec.rows((envelope.result ?? {}) as IDataObject) : envelope.result;
	const list = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? Object.values(raw) : [];
	const { portalRoot } = await connect(ctx);
	return {
		results: (list as IDataObject[])
			.filter((row) => spec.textField || !spec.texts || matchesFilter(filter, ...spec.texts(row)))
			.map((row) => spec.item(row, portalRoot)),
		paginationToken: nextToken(envelope),
	};
}
