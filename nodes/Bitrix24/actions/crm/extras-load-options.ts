import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { bitrix24Call } from '../../../shared/transport';
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
