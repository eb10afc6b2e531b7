import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { bitrix24Call, bitrix24List } from '../../shared/transport';
import { CLASSIC_RECORDS } from '../actions/crm/classic-records';
import { CRM_ENTITY_TYPES, smartProcessTypes } from '../actions/crm/entity-types';
import { fieldsMethodOf } from '../actions/crm/classic-record';
import { chosenPipeline, pipelineStageOptions } from '../actions/crm/stage-options';
import { typeInWords } from './field-types';

type LoadOptions = (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>;

function byName(options: INodePropertyOptions[]): INodePropertyOptions[] {
	return options.sort((a, b) => a.name.localeCompare(b.name));
}

/** `crm.*.fields` / `crm.item.fields` answers as options, custom fields by their labels. */
export function fieldOptions(fields: IDataObject): INodePropertyOptions[] {
	return byName(
		Object.entries(fields).map(([code, raw]) => {
			const meta = (raw ?? {}) as IDataObject;
			const label = (meta.formLabel || meta.listLabel || meta.title || code) as string;
			return {
				name: label === code ? code : `${label} (${code})`,
				value: code,
				description: [
					typeInWords(meta),
					meta.isRequired ? 'required' : '',
					meta.isMultiple ? 'multiple' : '',
					meta.isReadOnly ? 'read-only' : '',
				]
					.filter(Boolean)
					.join(', '),
			};
		}),
	);
}

function entityTypeParam(ctx: ILoadOptionsFunctions): number {
	return Number(
		ctx.getCurrentNodeParameter('entityTypeId') ?? ctx.getNodeParameter('entityTypeId', 0),
	);
}

const oldCrmFields: Record<string, LoadOptions> = Object.fromEntries(
	CLASSIC_RECORDS.map((entity) => [
		fieldsMethodOf(entity),
		async function (this: ILoadOptionsFunctions) {
			const envelope = await bitrix24Call(this, `${entity.method}.fields`);
			return fieldOptions((envelope.result ?? {}) as IDataObject);
		},
	]),
);

export const loadOptions: Record<string, LoadOptions> = {
	...oldCrmFields,

	async getEntityTypes() {
		const types = [...CRM_ENTITY_TYPES, ...(await smartProcessTypes(this))];
		return types.map((type) => ({ name: type.name, value: type.id }));
	},

	async getItemFields() {
		const entityTypeId = entityTypeParam(this);
		if (!entityTypeId) return [];
		const envelope = await bitrix24Call(this, 'crm.item.fields', { entityTypeId });
		return fieldOptions(((envelope.result as IDataObject)?.fields ?? {}) as IDataObject);
	},

	async getDealCategories() {
		const envelope = await bitrix24Call(this, 'crm.category.list', { entityTypeId: 2 });
		const categories = ((envelope.result as IDataObject)?.categories ?? []) as IDataObject[];
		return categories.map((category) => ({
			name: String(category.name),
			value: String(category.id),
		}));
	},

	/**
	 * Deal stages named and grouped by pipeline ("General / New"); only the chosen pipeline's when
	 * the operation has a Pipeline set (Additional Fields or Update Fields, or top level).
	 */
	async getDealStages() {
		const chosen = ['additionalFields.categoryId', 'updateFields.categoryId', 'categoryId']
			.map((path) => chosenPipeline(this.getCurrentNodeParameter(path)))
			.find((id) => id !== undefined);
		return await pipelineStageOptions(this, 2, chosen);
	},

	async getUsers() {
		const users = await bitrix24List(
			this,
			{ method: 'user.get', params: { filter: { ACTIVE: true } }, rowsAt: [], idKey: 'ID' },
			500,
		);
		return byName(
			users.map((user) => ({
				name:
					[user.NAME, user.LAST_NAME].filter(Boolean).join(' ') || String(user.EMAIL ?? user.ID),
				value: String(user.ID),
			})),
		);
	},
};
