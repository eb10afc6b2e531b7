import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { bitrix24Call, bitrix24List } from '../../../../shared/transport';

type LoadOptions = (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>;

interface SmartType {
	entityTypeId: number;
	title: string;
}

async function smartTypes(ctx: ILoadOptionsFunctions): Promise<SmartType[]> {
	const types = await bitrix24List(ctx, { method: 'crm.type.list', params: {}, rowsAt: ['types'], idKey: 'id' });
	return types
		.map((type) => ({ entityTypeId: Number(type.entityTypeId), title: String(type.title) }))
		.sort((a, b) => a.title.localeCompare(b.title));
}

/** The short type codes product rows use (docs: CRM object types, "short symbolic code"). */
export function shortTypeCode(entityTypeId: number): string {
	const known: Record<number, string> = { 1: 'L', 2: 'D', 3: 'C', 4: 'CO', 7: 'Q', 31: 'SI' };
	return known[entityTypeId] ?? `T${entityTypeId.toString(16)}`;
}

const smartName = (type: SmartType) => `${type.title} (smart process ${type.entityTypeId})`;

export const loadOptions: Record<string, LoadOptions> = {
	/** ENTITY_TYPE of timeline comments: lead, deal ... dynamic_<entityTypeId> */
	async getTimelineEntityTypes() {
		const standard: INodePropertyOptions[] = [
			{ name: 'Company', value: 'company' },
			{ name: 'Contact', value: 'contact' },
			{ name: 'Deal', value: 'deal' },
			{ name: 'Invoice', value: 'smart_invoice' },
			{ name: 'Lead', value: 'lead' },
			{ name: 'Quote', value: 'quote' },
		];
		const smart = (await smartTypes(this)).map((type) => ({ name: smartName(type), value: `dynamic_${type.entityTypeId}` }));
		return [...standard, ...smart];
	},

	/** Types that can hold product rows, by their short code */
	async getProductRowOwnerTypes() {
		const standard: INodePropertyOptions[] = [
			{ name: 'Deal', value: 'D' },
			{ name: 'Invoice', value: 'SI' },
			{ name: 'Lead', value: 'L' },
			{ name: 'Quote', value: 'Q' },
		];
		const smart = (await smartTypes(this)).map((type) => ({ name: smartName(type), value: shortTypeCode(type.entityTypeId) }));
		return [...standard, ...smart];
	},

	/** Types with pipelines: deals and smart processes */
	async getPipelineEntityTypes() {
		const smart = (await smartTypes(this)).map((type) => ({ name: smartName(type), value: type.entityTypeId }));
		return [{ name: 'Deal', value: 2 }, ...smart];
	},

	/** The pipelines of the entity type chosen in the node (deals: 0 is the general one). */
	async getPipelines() {
		const entityTypeId = Number(this.getNodeParameter('entityTypeId', 0));
		if (!entityTypeId) return [];
		const envelope = await bitrix24Call(this, 'crm.category.list', { entityTypeId });
		const categories = ((envelope.result as IDataObject)?.categories ?? []) as IDataObject[];
		return categories.map((category) => ({ name: String(category.name), value: Number(category.id) }));
	},

	/** Every directory of crm.status: each pipeline's stages, lead statuses, sources ... */
	async getStatusEntityTypes() {
		const envelope = await bitrix24Call(this, 'crm.status.entity.types');
		const rows = (Array.isArray(envelope.result) ? envelope.result : []) as IDataObject[];
		return rows.map((row) => ({ name: `${String(row.NAME)} (${String(row.ID)})`, value: String(row.ID) }));
	},
};
