import { methodResource } from '../method-table/build';
import type { Area } from '../types';
import { catalogLoadOptions, catalogSpec } from './catalog';
import { parentProductSpec } from './parent-product';
import { priceSpec } from './price';
import { productSpec } from './product';
import { catalogSearches } from './search';
import { sectionSpec } from './section';
import { variationSpec } from './variation';

/**
 * The trade catalog (scope `catalog`): simple products, products with variations and their
 * variations, sections, prices and the catalogs themselves; a catalog picker (catalog.catalog.list)
 * gives the iblockId products and sections take.
 */
export const catalogArea: Area = {
	resources: [
		productSpec,
		parentProductSpec,
		variationSpec,
		sectionSpec,
		priceSpec,
		catalogSpec,
	].map((spec) => methodResource(spec)),
	loadOptions: catalogLoadOptions,
	listSearch: catalogSearches,
};
