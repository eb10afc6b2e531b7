import type { FieldType, IDataObject, ILoadOptionsFunctions, ResourceMapperField, ResourceMapperFields } from 'n8n-workflow';

import { bitrix24Call } from '../../shared/transport';
import { CRM_ENTITIES } from '../actions/crm/entities';
import { mappingMethodOf } from '../actions/crm/old-crm.resource';

type MappingMethod = (this: ILoadOptionsFunctions) => Promise<ResourceMapperFields>;

const NUMBER_TYPES = new Set(['integer', 'double']);
const DATE_TYPES = new Set(['date', 'datetime']);

function fieldType(meta: IDataObject): { type: FieldType; options?: Array<{ name: string; value: string }> } {
	const type = String(meta.type ?? 'string');
	if (meta.isMultiple || type === 'crm_multifield') return { type: 'array' };
	if (type === 'enumeration' && Array.isArray(meta.items)) {
		const items = meta.items as IDataObject[];
		return { type: 'options', options: items.map((item) => ({ name: String(item.VALUE), value: String(item.ID) })) };
	}
	if (type === 'char') {
		return { type: 'options', options: [{ name: 'Yes', value: 'Y' }, { name: 'No', value: 'N' }] };
	}
	if (type === 'boolean') return { type: 'boolean' };
	if (NUMBER_TYPES.has(type)) return { type: 'number' };
	if (DATE_TYPES.has(type)) return { type: 'dateTime' };
	return { type: 'string' };
}

/**
 * `crm.*.fields` / `crm.item.fields` as mapping columns: writable fields only, typed, labelled
 * as the portal labels them, required ones marked when creating.
 */
export function mapperFields(fields: IDataObject, creating: boolean): ResourceMapperField[] {
	return Object.entries(fields)
		.map(([id, raw]) => ({ id, meta: (raw ?? {}) as IDataObject }))
		.filter(({ meta }) => !meta.isReadOnly)
		.map(({ id, meta }) => {
			const label = String(meta.formLabel || meta.listLabel || meta.title || id);
			return {
				id,
				displayName: label === id ? id : `${label} (${id})`,
				required: creating && meta.isRequired === true,
				defaultMatch: false,
				canBeUsedToMatch: false,
				display: true,
				...fieldType(meta),
			};
		});
}

function creating(ctx: ILoadOptionsFunctions): boolean {
	return ctx.getNodeParameter('operation', 'create') !== 'update';
}

const oldCrm: Record<string, MappingMethod> = Object.fromEntries(
	CRM_ENTITIES.map((entity) => [
		mappingMethodOf(entity),
		async function (this: ILoadOptionsFunctions) {
			const envelope = await bitrix24Call(this, `${entity.method}.fields`);
			return { fields: mapperFields((envelope.result ?? {}) as IDataObject, creating(this)) };
		},
	]),
);

export const resourceMapping: Record<string, MappingMethod> = {
	...oldCrm,

	async getItemMappingColumns() {
		const entityTypeId = Number(this.getNodeParameter('entityTypeId', 0));
		if (!entityTypeId) return { fields: [], emptyFieldsNotice: 'Choose an entity type first' };
		const envelope = await bitrix24Call(this, 'crm.item.fields', { entityTypeId });
		return { fields: mapperFields(((envelope.result as IDataObject)?.fields ?? {}) as IDataObject, creating(this)) };
	},
};
