import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { bitrix24Call, connect } from '../../../shared/transport';
import type { ParamSpec } from '../method-table/spec';

/**
 * The From List modes of catalog IDs: products, parent products, variations, sections, prices
 * and catalogs. Products live in one catalog each and their lists need the catalog's iblockId
 * (catalog-product-list.md), so a search walks the catalogs one after another: the page token
 * is "<source index>:<start>". Product cards have an address (/crm/catalog/<iblockId>/product/<id>/).
 */
type Locator = NonNullable<ParamSpec['locator']>;
type ListSearch = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

const PRODUCT_CARD = {
	urlPattern: '/catalog/\\d+/product/(\\d+)',
	urlPlaceholder: 'https://your-portal.bitrix24.com/crm/catalog/23/product/42/',
};

export const PRODUCT_LOCATOR: Locator = {
	searchListMethod: 'searchCatalogProducts',
	...PRODUCT_CARD,
};
export const PARENT_PRODUCT_LOCATOR: Locator = {
	searchListMethod: 'searchCatalogParentProducts',
	...PRODUCT_CARD,
};
export const VARIATION_LOCATOR: Locator = { searchListMethod: 'searchCatalogVariations' };
/** What a price can belong to: a simple product or a variation */
export const PRICED_PRODUCT_LOCATOR: Locator = { searchListMethod: 'searchCatalogPricedProducts' };
export const SECTION_LOCATOR: Locator = { searchListMethod: 'searchCatalogSections' };
export const PRICE_LOCATOR: Locator = { searchListMethod: 'searchCatalogPrices' };
export const CATALOG_LOCATOR: Locator = { searchListMethod: 'searchCatalogs' };

interface Source {
	iblockId: number;
	method: string;
	rowsKey: string;
	/** the rows are products with a card */
	card: boolean;
	suffix: string;
}

type Kind = 'product' | 'parent' | 'variation' | 'section';

const KINDS: Record<Kind, Omit<Source, 'iblockId'> & { offers: boolean | null }> = {
	product: {
		method: 'catalog.product.list',
		rowsKey: 'products',
		card: true,
		suffix: '',
		offers: false,
	},
	parent: {
		method: 'catalog.product.sku.list',
		rowsKey: 'units',
		card: true,
		suffix: '',
		offers: false,
	},
	variation: {
		method: 'catalog.product.offer.list',
		rowsKey: 'offers',
		card: false,
		suffix: ' (variation)',
		offers: true,
	},
	section: {
		method: 'catalog.section.list',
		rowsKey: 'sections',
		card: false,
		suffix: '',
		offers: null,
	},
};

/** The node's chosen catalog, when it has one (Get Many of products and sections). */
function chosenCatalog(ctx: ILoadOptionsFunctions): number | undefined {
	const value = Number(ctx.getCurrentNodeParameter('iblockId'));
	return Number.isInteger(value) && value > 0 ? value : undefined;
}

/** Where rows of these kinds live: product catalogs or offers catalogs (productIblockId set). */
async function sourcesOf(ctx: ILoadOptionsFunctions, kinds: Kind[]): Promise<Source[]> {
	const envelope = await bitrix24Call(ctx, 'catalog.catalog.list', {
		select: ['id', 'iblockId', 'productIblockId'],
		order: { id: 'ASC' },
	});
	const catalogs = ((envelope.result as IDataObject)?.catalogs ?? []) as IDataObject[];
	const chosen = chosenCatalog(ctx);
	// a chosen catalog and its pair: a product catalog and its offers catalog go together
	const related = new Set<number>();
	for (const catalog of catalogs) {
		const own = Number(catalog.iblockId);
		const products = Number(catalog.productIblockId);
		if (own === chosen || products === chosen) {
			related.add(own);
			if (products) related.add(products);
		}
	}
	const sources: Source[] = [];
	for (const kind of kinds) {
		const { offers, ...source } = KINDS[kind];
		for (const catalog of catalogs) {
			const isOffers = catalog.productIblockId !== null && catalog.productIblockId !== undefined;
			if (offers !== null && offers !== isOffers) continue;
			if (chosen !== undefined && !related.has(Number(catalog.iblockId))) continue;
			sources.push({ ...source, iblockId: Number(catalog.iblockId) });
		}
	}
	return sources;
}

function catalogSearch(kinds: Kind[]): ListSearch {
	return async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		const sources = await sourcesOf(this, kinds);
		const [at, from] = (paginationToken ?? '0:0').split(':').map(Number);
		const source = sources[at];
		if (!source) return { results: [] };
		const envelope = await bitrix24Call(this, source.method, {
			select: ['id', 'iblockId', 'name'],
			filter: {
				iblockId: source.iblockId,
				...(filter ? { '%name': filter } : {}),
			},
			order: { id: 'DESC' },
			start: from,
		});
		const rows = ((envelope.result as IDataObject)?.[source.rowsKey] ?? []) as IDataObject[];
		const { portalRoot } = await connect(this);
		const next =
			envelope.next !== undefined
				? `${at}:${envelope.next}`
				: at + 1 < sources.length
					? `${at + 1}:0`
					: undefined;
		return {
			results: rows.map((row) => ({
				name: `${String(row.name ?? row.id)}${source.suffix}`,
				value: String(row.id),
				...(source.card
					? { url: `${portalRoot}/crm/catalog/${source.iblockId}/product/${String(row.id)}/` }
					: {}),
			})),
			paginationToken: next,
		};
	};
}

export const catalogSearches: Record<string, ListSearch> = {
	searchCatalogProducts: catalogSearch(['product']),
	searchCatalogParentProducts: catalogSearch(['parent']),
	searchCatalogVariations: catalogSearch(['variation']),
	searchCatalogPricedProducts: catalogSearch(['product', 'variation']),
	searchCatalogSections: catalogSearch(['section']),

	/** Prices with their product and price type; a typed number finds the prices of that product */
	async searchCatalogPrices(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	) {
		const product = filter && /^\d+$/.test(filter.trim()) ? Number(filter.trim()) : undefined;
		const envelope = await bitrix24Call(this, 'catalog.price.list', {
			select: ['id', 'productId', 'catalogGroupId', 'price', 'currency'],
			filter: product ? { productId: product } : {},
			order: { id: 'DESC' },
			start: Number(paginationToken ?? 0),
		});
		const rows = ((envelope.result as IDataObject)?.prices ?? []) as IDataObject[];
		return {
			results: rows.map((row) => ({
				name: `${String(row.price)} ${String(row.currency)} (product ${String(row.productId)}, price type ${String(row.catalogGroupId)})`,
				value: String(row.id),
			})),
			paginationToken: envelope.next === undefined ? undefined : String(envelope.next),
		};
	},

	async searchCatalogs(this: ILoadOptionsFunctions, filter?: string) {
		const envelope = await bitrix24Call(this, 'catalog.catalog.list', {
			select: ['id', 'iblockId', 'name'],
			filter: filter ? { '%name': filter } : {},
			order: { id: 'ASC' },
		});
		const rows = ((envelope.result as IDataObject)?.catalogs ?? []) as IDataObject[];
		return {
			results: rows.map((row) => ({ name: String(row.name), value: String(row.id) })),
		};
	},
};
