import { methodResource } from '../method-table/build';
import type { Area } from '../types';
import { catalogLoadOptions, catalogSpec } from './catalog';
import { inventoryDocumentSpec } from './inventory-document';
import { inventoryDocumentProductSpec } from './inventory-document-product';
import { inventorySearches } from './inventory-search';
import { measureSpec } from './measure';
import { parentProductSpec } from './parent-product';
import { priceSpec } from './price';
import { productSpec } from './product';
import { catalogSearches } from './search';
import { sectionSpec } from './section';
import { stockSpec } from './stock';
import { storeSpec } from './store';
import { variationSpec } from './variation';
import { vatSpec } from './vat';

/**
 * The trade catalog (scope `catalog`): simple products, products with variations and their
 * variations, sections, prices and the catalogs themselves; a catalog picker (catalog.catalog.list)
 * gives the iblockId products and sections take. Inventory management: stores, stock per store,
 * inventory documents and their products, units of measure and VAT rates.
 */
export const catalogArea: Area = {
	resources: [
		productSpec,
		parentProductSpec,
		variationSpec,
		sectionSpec,
		priceSpec,
		catalogSpec,
		storeSpec,
		stockSpec,
		inventoryDocumentSpec,
		inventoryDocumentProductSpec,
		measureSpec,
		vatSpec,
	].map((spec) => methodResource(spec)),
	loadOptions: catalogLoadOptions,
	listSearch: { ...catalogSearches, ...inventorySearches },
};
