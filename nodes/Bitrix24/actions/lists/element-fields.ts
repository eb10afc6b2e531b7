import type {
	FieldType,
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeProperties,
	ResourceMapperField,
	ResourceMapperFields,
} from 'n8n-workflow';

import { bitrix24Call } from '../../../shared/transport';
import { loadOptions as recordLoadOptions } from '../../methods/load-options';
import { paramError } from '../params';
import type { Resource } from '../types';
import { withDescriptions } from '../types';

/**
 * List Element Create / Update beyond the table: the list's fields as a resource mapper read from
 * lists.field.get, and "File" (F) fields filled from the item's binary data, which lists.element.add
 * and .update take as base64 with the file's name ([name, base64]).
 */

export const ELEMENT_MAPPING_METHOD = 'getListElementMappingColumns';

/** Fields the portal fills itself, the element's name (its own parameter) and F fields (binary). */
const NOT_MAPPED = new Set(['NAME', 'DATE_CREATE', 'CREATED_BY', 'TIMESTAMP_X', 'MODIFIED_BY']);

function columnType(field: IDataObject): {
	type: FieldType;
	options?: Array<{ name: string; value: string }>;
} {
	const type = String(field.TYPE ?? 'S');
	if (field.MULTIPLE === 'Y') return { type: 'array' };
	const values = field.DISPLAY_VALUES_FORM;
	if (type === 'L' && values && typeof values === 'object') {
		return {
			type: 'options',
			options: Object.entries(values as IDataObject).map(([value, name]) => ({
				name: String(name),
				value,
			})),
		};
	}
	if (type === 'N' || type === 'SORT') return { type: 'number' };
	// dates stay text: the portal reads them in its own format ("2024-12-31 23:59:59")
	return { type: 'string' };
}

async function getListElementMappingColumns(
	this: ILoadOptionsFunctions,
): Promise<ResourceMapperFields> {
	const iblockId = String(this.getNodeParameter('iblockId', '') ?? '').trim();
	if (!/^\d+$/.test(iblockId)) return { fields: [], emptyFieldsNotice: 'Choose a list first' };
	const params: IDataObject = {
		IBLOCK_TYPE_ID: this.getNodeParameter('iblockTypeId', 'lists'),
		IBLOCK_ID: iblockId,
	};
	const extra = this.getNodeParameter('additionalFields', {}) as IDataObject;
	if (extra.socnetGroupId) params.SOCNET_GROUP_ID = extra.socnetGroupId;
	const envelope = await bitrix24Call(this, 'lists.field.get', params);
	const result = envelope.result;
	const rows = (result && typeof result === 'object' ? Object.values(result) : []) as IDataObject[];
	const creating = this.getNodeParameter('operation', 'create') !== 'update';
	const fields: ResourceMapperField[] = rows
		.filter((row) => {
			const id = String(row.FIELD_ID ?? '');
			return id && !NOT_MAPPED.has(id) && row.TYPE !== 'F';
		})
		.sort((a, b) => Number(a.SORT ?? 0) - Number(b.SORT ?? 0))
		.map((row) => {
			const id = String(row.FIELD_ID);
			return {
				id,
				displayName: row.NAME && row.NAME !== id ? `${String(row.NAME)} (${id})` : id,
				required: creating && row.IS_REQUIRED === 'Y',
				defaultMatch: false,
				canBeUsedToMatch: false,
				display: true,
				...columnType(row),
			};
		});
	// employee fields take a user ID: offer the portal's users
	const employees = fields.filter(
		(field) =>
			field.type === 'string' && rows.find((r) => r.FIELD_ID === field.id)?.TYPE === 'S:employee',
	);
	if (employees.length) {
		try {
			const users = await recordLoadOptions.getUsers.call(this);
			for (const field of employees) {
				field.type = 'options';
				field.options = users.map((u) => ({ name: u.name, value: String(u.value) }));
			}
		} catch {
			// no user list: the fields stay free text
		}
	}
	return { fields };
}

export const listsResourceMapping = { [ELEMENT_MAPPING_METHOD]: getListElementMappingColumns };

function extraProperties(resource: string, operation: string): INodeProperties[] {
	const show = { displayOptions: { show: { resource: [resource], operation: [operation] } } };
	return [
		{
			displayName: 'Element Fields',
			name: 'elementFields',
			type: 'resourceMapper',
			noDataExpression: true,
			default: { mappingMode: 'defineBelow', value: null },
			description:
				'The fields of the chosen list as the portal defines them (lists.field.get), merged over Fields (JSON); File fields are filled by Files From Binary',
			typeOptions: {
				loadOptionsDependsOn: ['iblockTypeId', 'iblockId', 'additionalFields.socnetGroupId'],
				resourceMapper: {
					resourceMapperMethod: ELEMENT_MAPPING_METHOD,
					mode: 'add',
					fieldWords: { singular: 'field', plural: 'fields' },
					addAllFields: false,
					multiKeyMatch: false,
					supportAutoMap: true,
				},
			},
			...show,
		},
		{
			displayName: 'Files From Binary',
			name: 'filesFromBinary',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add File',
			default: {},
			description:
				'Fill a File field with a file of the input item; several files for one field go into a multiple field',
			options: [
				{
					displayName: 'File',
					name: 'file',
					values: [
						{
							displayName: 'Field ID',
							name: 'fieldId',
							type: 'string',
							default: '',
							placeholder: 'PROPERTY_122',
							description: 'The File field (type F) of the list, as lists.field.get names it',
						},
						{
							displayName: 'Input Binary Field',
							name: 'binaryPropertyName',
							type: 'string',
							default: 'data',
							description: 'The binary property of the input item holding the file',
						},
					],
				},
			],
			...show,
		},
	];
}

/** The resource with the mapper and the binary files on Create and Update, before their Additional Fields. */
export function withElementExtras(resource: Resource): Resource {
	return {
		...resource,
		operations: resource.operations.map((entry) => {
			if (entry.value !== 'create' && entry.value !== 'update') return entry;
			const withExtras = (properties: INodeProperties[]) => {
				const description = [...properties];
				const at = description.findIndex((p) => p.name === 'additionalFields');
				description.splice(
					at < 0 ? description.length : at,
					0,
					...extraProperties(resource.value, entry.value),
				);
				return description;
			};
			return { ...entry, operation: withDescriptions(entry.operation, withExtras) };
		}),
	};
}

function mappedValue(value: unknown, type: FieldType | undefined): unknown {
	if (type !== 'array' || typeof value !== 'string') return value;
	const text = value.trim();
	if (text.startsWith('[')) {
		try {
			return JSON.parse(text) as unknown;
		} catch {
			return [value];
		}
	}
	return [value];
}

/** FIELDS of Create / Update: Fields (JSON), then the mapped fields, then the files; NAME as the Name parameter says. */
export async function elementFieldsAdjust(
	ctx: IExecuteFunctions,
	itemIndex: number,
	params: IDataObject,
): Promise<IDataObject> {
	const fields: IDataObject = { ...((params.FIELDS as IDataObject) ?? {}) };
	const name = fields.NAME;
	const mapper = ctx.getNodeParameter('elementFields', itemIndex, {}) as {
		value?: IDataObject | null;
		schema?: Array<{ id: string; type?: FieldType }>;
	};
	const types = new Map((mapper.schema ?? []).map((column) => [column.id, column.type]));
	for (const [key, value] of Object.entries(mapper.value ?? {})) {
		if (value === undefined || value === null || value === '') continue;
		fields[key] = mappedValue(value, types.get(key)) as IDataObject;
	}
	const files = ctx.getNodeParameter('filesFromBinary.file', itemIndex, []) as Array<{
		fieldId?: string;
		binaryPropertyName?: string;
	}>;
	const byField = new Map<string, string[][]>();
	for (const file of files) {
		const fieldId = String(file.fieldId ?? '')
			.trim()
			.toUpperCase();
		if (!/^PROPERTY_\d+$/.test(fieldId))
			throw paramError(
				ctx,
				itemIndex,
				'Files From Binary',
				`"${String(file.fieldId ?? '')}" is not a field ID such as PROPERTY_122`,
			);
		const property = String(file.binaryPropertyName ?? 'data').trim() || 'data';
		const binary = ctx.helpers.assertBinaryData(itemIndex, property);
		const content = await ctx.helpers.getBinaryDataBuffer(itemIndex, property);
		const entry = [binary.fileName ?? property, content.toString('base64')];
		byField.set(fieldId, [...(byField.get(fieldId) ?? []), entry]);
	}
	// one file: [name, base64]; several (a multiple field): a list of such pairs
	for (const [fieldId, entries] of byField)
		fields[fieldId] = (entries.length === 1 ? entries[0] : entries) as unknown as IDataObject;
	if (name !== undefined) fields.NAME = name;
	return { ...params, FIELDS: fields };
}
