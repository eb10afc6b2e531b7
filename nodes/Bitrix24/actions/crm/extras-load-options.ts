import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { bitrix24Call, bitrix24List } from '../../../shared/transport';
import type { CrmEntityType } from './entity-types';
import { CRM_ENTITY_TYPES, shortTypeCode, smartProcessTypes } from './entity-types';

type LoadOptions = (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>;

/** The standard types that have `feature`, by name; the portal's smart processes follow, by title. */
function standardTypes(feature?: 'pipelines' | 'productRows'): CrmEntityType[] {
	return CRM_ENTITY_TYPES.filter((type) => !feature || type[feature]).sort((a, b) =>
		a.name.localeCompare(b.name),
	);
}

export const crmExtrasLoadOptions: Record<string, LoadOptions> = {
	/** ENTITY_TYPE of timeline comments: lead, deal ... dynamic_<entityTypeId> */
	async getTimelineEntityTypes() {
		const types = [...standardTypes(), ...(await smartProcessTypes(this))];
		return types.map((type) => ({ name: type.name, value: type.code }));
	},

	/** Types that can hold product rows, by their short code */
	async getProductRowOwnerTypes() {
		const types = [...standardTypes('productRows'), ...(await smartProcessTypes(this))];
		return types.map((type) => ({ name: type.name, value: shortTypeCode(type.id) }));
	},

	/**
	 * Products for product rows, by name: the simple products (catalog.product.list) and the
	 * variations (catalog.product.offer.list, in the offers catalogs: those with productIblockId)
	 * of every trade catalog of catalog.catalog.list (the lists need the catalog's iblockId in
	 * their filter and id + iblockId selected); the value is the product's id (productId of the
	 * rows; a variation is a product there). At most 500 per catalog, enough for a picker; more can
	 * be given by expression.
	 */
	async getCatalogProducts() {
		const envelope = await bitrix24Call(this, 'catalog.catalog.list', {
			select: ['id', 'iblockId', 'name', 'productIblockId'],
			order: { id: 'ASC' },
		});
		const catalogs = ((envelope.result as IDataObject)?.catalogs ?? []) as IDataObject[];
		const options: INodePropertyOptions[] = [];
		for (const catalog of catalogs) {
			const offers = catalog.productIblockId !== null && catalog.productIblockId !== undefined;
			const products = await bitrix24List(
				this,
				{
					method: offers ? 'catalog.product.offer.list' : 'catalog.product.list',
					params: {
						select: ['id', 'iblockId', 'name'],
						filter: { iblockId: Number(catalog.iblockId) },
						order: { id: 'ASC' },
					},
					rowsAt: [offers ? 'offers' : 'products'],
					idKey: 'id',
					paging: 'id',
				},
				500,
			);
			for (const product of products)
				options.push({
					name: `${String(product.name)} (${String(product.id)})`,
					value: Number(product.id),
					description: String(catalog.name),
				});
		}
		return options.sort((a, b) => a.name.localeCompare(b.name));
	},

	/** Types with pipelines: deals and smart processes */
	async getPipelineEntityTypes() {
		const types = [...standardTypes('pipelines'), ...(await smartProcessTypes(this))];
		return types.map((type) => ({ name: type.name, value: type.id }));
	},

	/** The pipelines of the entity type chosen in the node (deals: 0 is the general one). */
	async getPipelines() {
		const entityTypeId = Number(this.getNodeParameter('entityTypeId', 0));
		if (!entityTypeId) return [];
		const envelope = await bitrix24Call(this, 'crm.category.list', { entityTypeId });
		const categories = ((envelope.result as IDataObject)?.categories ?? []) as IDataObject[];
		return categories.map((category) => ({
			name: String(category.name),
			value: Number(category.id),
		}));
	},

	/** Every directory of crm.status: each pipeline's stages, lead statuses, sources ... */
	async getStatusEntityTypes() {
		const envelope = await bitrix24Call(this, 'crm.status.entity.types');
		const rows = (Array.isArray(envelope.result) ? envelope.result : []) as IDataObject[];
		return rows.map((row) => ({
			name: `${String(row.NAME)} (${String(row.ID)})`,
			value: String(row.ID),
		}));
	},
};
