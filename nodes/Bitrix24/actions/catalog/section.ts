import { pickersSinceV2 } from '../method-table/build';
import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { catalogParam } from './catalog';
import { deleted } from './fields';
import { SECTION_LOCATOR } from './search';

/**
 * catalog.section.*: the sections (folders) of a trade catalog. The docs mark iblockId and name
 * as required in the fields of both add and update (catalog-section-update.md), so Update asks
 * for them too.
 */

const sectionId: ParamSpec = {
	name: 'sectionId',
	label: 'Section',
	path: 'id',
	type: 'id',
	required: true,
	locator: SECTION_LOCATOR,
};
const name: ParamSpec = {
	name: 'name',
	label: 'Name',
	path: 'fields.name',
	type: 'string',
	required: true,
};
const editable: ParamSpec[] = [
	{ name: 'active', label: 'Active', path: 'fields.active', type: 'yesNo', default: true },
	{ name: 'code', label: 'Code', path: 'fields.code', type: 'string', description: 'Unique code' },
	{ name: 'description', label: 'Description', path: 'fields.description', type: 'text' },
	{
		name: 'descriptionType',
		label: 'Description Type',
		path: 'fields.descriptionType',
		type: 'options',
		options: [
			{ name: 'Text', value: 'text' },
			{ name: 'HTML', value: 'html' },
		],
		default: 'text',
	},
	{
		name: 'parentSectionId',
		label: 'Parent Section',
		path: 'fields.iblockSectionId',
		type: 'id',
		description: 'The section this one is inside',
		locator: SECTION_LOCATOR,
	},
	{ name: 'sort', label: 'Sort', path: 'fields.sort', type: 'number', default: 500 },
	{ name: 'xmlId', label: 'External ID', path: 'fields.xmlId', type: 'string' },
];

const methods: MethodSpec[] = pickersSinceV2(
	[
		{
			value: 'create',
			name: 'Create',
			action: 'Create a catalog section',
			description: 'Add a section to a trade catalog (catalog.section.add)',
			method: 'catalog.section.add',
			params: [catalogParam('fields.iblockId'), name, ...editable],
			output: { at: ['section'] },
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a catalog section',
			description: 'Delete a catalog section (catalog.section.delete)',
			method: 'catalog.section.delete',
			params: [sectionId],
			shape: deleted,
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a catalog section',
			description: 'Get a catalog section by ID (catalog.section.get)',
			method: 'catalog.section.get',
			params: [sectionId],
			output: { at: ['section'] },
		},
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many catalog sections',
			description: 'List the sections of a trade catalog (catalog.section.list)',
			method: 'catalog.section.list',
			params: [
				catalogParam('filter.iblockId'),
				{
					name: 'parentSectionId',
					label: 'Parent Section',
					path: 'filter.iblockSectionId',
					type: 'id',
					description: 'Only the sections directly inside this one',
					locator: SECTION_LOCATOR,
				},
			],
			list: { rowsAt: ['sections'], idKey: 'id', paging: 'id' },
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a catalog section',
			description: 'Rename, move or change a catalog section (catalog.section.update)',
			method: 'catalog.section.update',
			params: [sectionId, catalogParam('fields.iblockId'), name, ...editable],
			output: { at: ['section'] },
		},
	],
	['sectionId', 'parentSectionId'],
);

export const sectionSpec: ResourceSpec = {
	value: 'catalogSection',
	name: 'Catalog Section',
	description: 'Sections of the trade catalog',
	methods,
};
