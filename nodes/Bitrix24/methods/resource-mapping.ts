import type {
	FieldType,
	IDataObject,
	ILoadOptionsFunctions,
	ResourceMapperField,
	ResourceMapperFields,
} from 'n8n-workflow';

import { bitrix24Call, bitrix24List } from '../../shared/transport';
import { CLASSIC_RECORDS } from '../actions/crm/classic-records';
import { entityTypeByCode } from '../actions/crm/entity-types';
import { mappingMethodOf } from '../actions/crm/classic-record';
import { loadOptions } from './load-options';
import { pipelineStageOptions } from '../actions/crm/stage-options';

type MappingMethod = (this: ILoadOptionsFunctions) => Promise<ResourceMapperFields>;

const NUMBER_TYPES = new Set(['integer', 'double']);
const DATE_TYPES = new Set(['date', 'datetime']);

function fieldType(meta: IDataObject): {
	type: FieldType;
	options?: Array<{ name: string; value: string }>;
} {
	const type = String(meta.type ?? 'string');
	if (meta.isMultiple || type === 'crm_multifield') return { type: 'array' };
	if (type === 'enumeration' && Array.isArray(meta.items)) {
		const items = meta.items as IDataObject[];
		return {
			type: 'options',
			options: items.map((item) => ({ name: String(item.VALUE), value: String(item.ID) })),
		};
	}
	if (type === 'char') {
		return {
			type: 'options',
			options: [
				{ name: 'Yes', value: 'Y' },
				{ name: 'No', value: 'N' },
			],
		};
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

type Choices = Array<{ name: string; value: string }>;

/** A list the portal knows the values of, as choices; any failure leaves the field free text. */
async function choices(load: () => Promise<Choices>): Promise<Choices | undefined> {
	try {
		const options = await load();
		return options.length ? options : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Fields whose values come from a portal directory (stages, sources, types, currencies,
 * pipelines, users) get those values as choices, so nobody types `C1:WON` by hand.
 */
async function withChoices(
	ctx: ILoadOptionsFunctions,
	fields: IDataObject,
	mapped: ResourceMapperField[],
	entityTypeId: number,
) {
	const metaOf = (id: string) => (fields[id] ?? {}) as IDataObject;
	const plain = mapped.filter((field) => field.type === 'string');
	const kinds = new Set(plain.map((field) => String(metaOf(field.id).type)));
	const statusTypes = new Set(
		plain
			.filter((f) => metaOf(f.id).type === 'crm_status')
			.map((f) => String(metaOf(f.id).statusType ?? '')),
	);
	const statuses = statusTypes.size
		? await bitrix24List(ctx, {
				method: 'crm.status.list',
				params: {},
				rowsAt: [],
				idKey: 'ID',
			}).catch(() => [] as IDataObject[])
		: [];
	const currencies = kinds.has('crm_currency')
		? await choices(async () => {
				const rows = (await bitrix24Call(ctx, 'crm.currency.list')).result as IDataObject[];
				return rows.map((row) => ({
					name: String(row.FULL_NAME || row.CURRENCY),
					value: String(row.CURRENCY),
				}));
			})
		: undefined;
	const categories = kinds.has('crm_category')
		? await choices(async () => {
				const result = (await bitrix24Call(ctx, 'crm.category.list', { entityTypeId }))
					.result as IDataObject;
				return ((result?.categories ?? []) as IDataObject[]).map((row) => ({
					name: String(row.name),
					value: String(row.id),
				}));
			})
		: undefined;
	const users =
		kinds.has('user') || kinds.has('employee')
			? await choices(async () =>
					(await loadOptions.getUsers.call(ctx)).map((user) => ({
						name: user.name,
						value: String(user.value),
					})),
				)
			: undefined;
	for (const field of plain) {
		const meta = metaOf(field.id);
		let options: Choices | undefined;
		const isStage = field.id === 'STAGE_ID' || field.id === 'stageId';
		if (isStage && (entityTypeId === 2 || entityTypeId >= 128)) {
			// stages of pipelines: "Pipeline / Stage", as the Stage dropdowns name them
			options = await choices(async () =>
				(await pipelineStageOptions(ctx, entityTypeId)).map((option) => ({
					name: option.name,
					value: String(option.value),
				})),
			);
		} else if (meta.type === 'crm_status') {
			const statusType = String(meta.statusType ?? '');
			options = statuses
				.filter(
					(row) =>
						row.ENTITY_ID === statusType || String(row.ENTITY_ID).startsWith(`${statusType}_`),
				)
				.sort((a, b) => Number(a.SORT) - Number(b.SORT))
				.map((row) => ({
					name:
						row.ENTITY_ID === statusType
							? String(row.NAME)
							: `${String(row.NAME)} (${String(row.STATUS_ID)})`,
					value: String(row.STATUS_ID),
				}));
			if (!options.length) options = undefined;
		} else if (meta.type === 'crm_currency') options = currencies;
		else if (meta.type === 'crm_category') options = categories;
		else if (meta.type === 'user' || meta.type === 'employee') options = users;
		if (options) {
			field.type = 'options';
			field.options = options;
		}
	}
	return mapped;
}

async function mapping(
	ctx: ILoadOptionsFunctions,
	fields: IDataObject,
	entityTypeId: number,
): Promise<ResourceMapperFields> {
	return {
		fields: await withChoices(ctx, fields, mapperFields(fields, creating(ctx)), entityTypeId),
	};
}

const oldCrm: Record<string, MappingMethod> = Object.fromEntries(
	CLASSIC_RECORDS.map((entity) => [
		mappingMethodOf(entity),
		async function (this: ILoadOptionsFunctions) {
			const envelope = await bitrix24Call(this, `${entity.method}.fields`);
			return await mapping(
				this,
				(envelope.result ?? {}) as IDataObject,
				entityTypeByCode(entity.value)!.id,
			);
		},
	]),
);

export const resourceMapping: Record<string, MappingMethod> = {
	...oldCrm,

	async getItemMappingColumns() {
		const entityTypeId = Number(this.getNodeParameter('entityTypeId', 0));
		if (!entityTypeId) return { fields: [], emptyFieldsNotice: 'Choose an entity type first' };
		const envelope = await bitrix24Call(this, 'crm.item.fields', { entityTypeId });
		return await mapping(
			this,
			((envelope.result as IDataObject)?.fields ?? {}) as IDataObject,
			entityTypeId,
		);
	},
};
