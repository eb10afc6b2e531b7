/**
 * The Filters rows' lists: the record's fields (a field with a list of values or a date carries
 * that in its option value, see encodeFilterField) and, for the field a row names, its values:
 * stages named by pipeline ("General / New", as the Stage dropdowns name them), statuses, enumeration items, pipelines, currencies, users, Yes/No.
 */
import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import {
	decodeFilterField,
	encodeFilterField,
	filterMethodsOf,
} from '../../shared/descriptions/filters';
import { bitrix24Call, bitrix24List } from '../../shared/transport';
import { fieldsMethodOf } from '../actions/crm/classic-record';
import { CLASSIC_RECORDS } from '../actions/crm/classic-records';
import { entityTypeByCode } from '../actions/crm/entity-types';
import { filterKindOf } from './field-types';
import { fieldOptions, loadOptions as recordLoadOptions } from './load-options';

type LoadOptions = (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>;

/** Where a filter's fields come from, by the fields method its description names. */
interface FieldSource {
	fields(ctx: ILoadOptionsFunctions): Promise<IDataObject>;
	entityTypeId(ctx: ILoadOptionsFunctions): number;
}

function entityTypeParam(ctx: ILoadOptionsFunctions): number {
	return Number(
		ctx.getCurrentNodeParameter('entityTypeId') ?? ctx.getNodeParameter('entityTypeId', 0),
	);
}

const SOURCES: Record<string, FieldSource> = {
	...Object.fromEntries(
		CLASSIC_RECORDS.map((entity): [string, FieldSource] => [
			fieldsMethodOf(entity),
			{
				fields: async (ctx) =>
					((await bitrix24Call(ctx, `${entity.method}.fields`)).result ?? {}) as IDataObject,
				entityTypeId: () => entityTypeByCode(entity.value)?.id ?? 0,
			},
		]),
	),
	getItemFields: {
		async fields(ctx) {
			const entityTypeId = entityTypeParam(ctx);
			if (!entityTypeId) return {};
			const envelope = await bitrix24Call(ctx, 'crm.item.fields', { entityTypeId });
			return ((envelope.result as IDataObject)?.fields ?? {}) as IDataObject;
		},
		entityTypeId: entityTypeParam,
	},
};

/** The row's own field, as its `field` parameter holds it now. */
function currentField(ctx: ILoadOptionsFunctions): string {
	const raw = ctx.getCurrentNodeParameter('&field');
	return typeof raw === 'string' ? raw : '';
}

function fieldChoices(fields: IDataObject, current: string): INodePropertyOptions[] {
	const options: INodePropertyOptions[] = fieldOptions(fields).map((option) => ({
		...option,
		value: encodeFilterField(
			String(option.value),
			filterKindOf((fields[String(option.value)] ?? {}) as IDataObject),
		),
	}));
	// a row saved before the value lists holds the plain code: it stays a choice, shown as it was
	if (current && !options.some((option) => option.value === current) && current in fields) {
		const plain = fieldOptions({ [current]: fields[current] })[0];
		options.push({ ...plain, description: `${plain.description}; the value typed in` });
		options.sort((a, b) => a.name.localeCompare(b.name));
	}
	return options;
}

async function categoryNames(
	ctx: ILoadOptionsFunctions,
	entityTypeId: number,
): Promise<{ names: Map<string, string>; order: string[]; defaultId?: string }> {
	try {
		const result = (await bitrix24Call(ctx, 'crm.category.list', { entityTypeId }))
			.result as IDataObject;
		const rows = ((result?.categories ?? []) as IDataObject[]).map((row) => ({
			id: String(row.id),
			name: String(row.name),
			isDefault: row.isDefault === 'Y' || row.isDefault === true,
		}));
		return {
			names: new Map(rows.map((row) => [row.id, row.name])),
			order: rows.map((row) => row.id),
			defaultId: rows.find((row) => row.isDefault)?.id,
		};
	} catch {
		return { names: new Map(), order: [] };
	}
}

/** crm.status.list rows of one status type; stages of several pipelines are named "Pipeline / Stage". */
async function statusChoices(
	ctx: ILoadOptionsFunctions,
	statusType: string,
	entityTypeId: number,
): Promise<INodePropertyOptions[]> {
	if (!statusType) return [];
	const rows = await bitrix24List(ctx, {
		method: 'crm.status.list',
		params: { order: { SORT: 'ASC' } },
		rowsAt: [],
		idKey: 'ID',
	});
	const own = new RegExp(`^${statusType.replace(/[^A-Za-z0-9_]/g, '')}(?:_(\\d+))?$`);
	const matching = rows
		.map((row) => ({ row, match: own.exec(String(row.ENTITY_ID)) }))
		.filter((entry) => entry.match);
	const entityIds = new Set(matching.map((entry) => String(entry.row.ENTITY_ID)));
	const pipelines = entityIds.size > 1 ? await categoryNames(ctx, entityTypeId) : undefined;
	const pipelineOf = (match: RegExpExecArray) => match[1] ?? pipelines?.defaultId ?? '0';
	const rank = (id: string) => {
		const at = pipelines?.order.indexOf(id) ?? -1;
		return at === -1 ? Number.MAX_SAFE_INTEGER : at;
	};
	return matching
		.sort(
			(a, b) =>
				rank(pipelineOf(a.match!)) - rank(pipelineOf(b.match!)) ||
				Number(a.match![1] ?? 0) - Number(b.match![1] ?? 0) ||
				Number(a.row.SORT) - Number(b.row.SORT),
		)
		.map(({ row, match }) => {
			const pipeline = pipelineOf(match!);
			const stage = String(row.NAME);
			return {
				name: pipelines
					? `${pipelines.names.get(pipeline) ?? `Pipeline ${pipeline}`} / ${stage}`
					: stage,
				value: String(row.STATUS_ID),
				description: String(row.STATUS_ID),
			};
		});
}

const isUserField = (code: string, meta: IDataObject) =>
	meta.isDynamic === true || /^(UF_|ufCrm)/.test(code);

async function valueChoices(
	ctx: ILoadOptionsFunctions,
	source: FieldSource,
): Promise<INodePropertyOptions[]> {
	const { code } = decodeFilterField(currentField(ctx));
	if (!code) return [];
	const meta = (await source.fields(ctx))[code] as IDataObject | undefined;
	if (!meta) return [];
	switch (meta.type) {
		case 'crm_status':
			return await statusChoices(ctx, String(meta.statusType ?? ''), source.entityTypeId(ctx));
		case 'enumeration':
			return ((meta.items ?? []) as IDataObject[]).map((item) => ({
				name: String(item.VALUE),
				value: String(item.ID),
			}));
		case 'crm_category': {
			const pipelines = await categoryNames(ctx, source.entityTypeId(ctx));
			return pipelines.order.map((id) => ({ name: pipelines.names.get(id) ?? id, value: id }));
		}
		case 'crm_currency': {
			const rows = ((await bitrix24Call(ctx, 'crm.currency.list')).result ?? []) as IDataObject[];
			return rows.map((row) => ({
				name: String(row.FULL_NAME || row.CURRENCY),
				value: String(row.CURRENCY),
			}));
		}
		case 'user':
		case 'employee':
			return await recordLoadOptions.getUsers.call(ctx);
		case 'boolean':
			// custom Yes/No fields filter by 1 and 0 (crm.item.list docs); standard ones by Y and N
			if (isUserField(code, meta))
				return [
					{ name: 'Yes', value: '1' },
					{ name: 'No', value: '0' },
				];
			return [
				{ name: 'Yes', value: 'Y' },
				{ name: 'No', value: 'N' },
			];
		case 'char':
			return [
				{ name: 'Yes', value: 'Y' },
				{ name: 'No', value: 'N' },
			];
		default:
			return [];
	}
}

export const filterLoadOptions: Record<string, LoadOptions> = Object.fromEntries(
	Object.entries(SOURCES).flatMap(([fieldsMethod, source]) => {
		const methods = filterMethodsOf(fieldsMethod);
		const fields: LoadOptions = async function () {
			return fieldChoices(await source.fields(this), currentField(this));
		};
		const values: LoadOptions = async function () {
			return await valueChoices(this, source);
		};
		return [
			[methods.fields, fields],
			[methods.values, values],
		];
	}),
);
