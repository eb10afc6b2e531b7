import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { bitrix24Call } from '../../../shared/transport';
import { pickersSinceV2 } from '../method-table/build';
import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { takeParam } from '../params';
import { createdId, done } from './answers';
import { requireChangedFields } from './changed-fields';
import { CLIENT_OF_TYPE, REQUISITE_LOCATOR } from './locators';
import { listParam } from './pickers';

/**
 * crm.requisite.*: the requisites (legal details) of a company or a contact, each made from a
 * preset (crm.requisite.preset.list). Their bank details and addresses are the resources of
 * ./requisite-bank-detail.ts and ./address.ts.
 */

/** A JSON object of more UPPER_CASE fields, merged into `fields` (the table's own fields win). */
export const otherFields: ParamSpec = {
	name: 'otherFields',
	label: 'Other Fields (JSON)',
	path: 'otherFields',
	type: 'json',
	description: 'More fields as a JSON object, e.g. {"RQ_OGRN": "1027700132195"}',
};

/** Merges Other Fields (JSON) into `fields`. */
export function mergeOtherFields(
	_ctx: IExecuteFunctions,
	_itemIndex: number,
	params: IDataObject,
): IDataObject {
	const extra = takeParam(params, 'otherFields');
	if (extra && typeof extra === 'object' && !Array.isArray(extra))
		params.fields = { ...(extra as IDataObject), ...((params.fields as IDataObject) ?? {}) };
	return params;
}

const ownerType = (path: string, required = true): ParamSpec => ({
	name: 'entityTypeId',
	label: 'Owner Type',
	path,
	type: 'options',
	required,
	options: [
		{ name: 'Company', value: 4 },
		{ name: 'Contact', value: 3 },
	],
	default: 4,
	description: 'Whether the requisite belongs to a company or a contact',
});
const ownerId = (path: string, required = true): ParamSpec => ({
	name: 'entityId',
	label: 'Owner',
	path,
	type: 'id',
	required,
	description: 'The company or contact (of the Owner Type)',
	locator: CLIENT_OF_TYPE,
});
const preset = (path: string, required = true): ParamSpec =>
	listParam(
		'presetId',
		'Preset Name or ID',
		path,
		'getRequisitePresets',
		'The requisite template (Organization, Sole Proprietorship, Individual ...)',
		required,
	);
const requisiteId: ParamSpec = {
	name: 'requisiteId',
	label: 'Requisite',
	path: 'id',
	type: 'id',
	required: true,
	locator: REQUISITE_LOCATOR,
};
const text = (name: string, label: string, field: string, description?: string): ParamSpec => ({
	name,
	label,
	path: `fields.${field}`,
	type: 'string',
	description,
});
const editable: ParamSpec[] = [
	{ name: 'active', label: 'Active', path: 'fields.ACTIVE', type: 'yesNo', default: true },
	{
		name: 'addressOnly',
		label: 'Address Only',
		path: 'fields.ADDRESS_ONLY',
		type: 'yesNo',
		description: 'Whether the requisite only holds an address (not shown as requisites)',
	},
	text('code', 'Code', 'CODE'),
	text('companyName', 'Company Name', 'RQ_COMPANY_NAME', 'Short name of the organization'),
	text('companyFullName', 'Company Full Name', 'RQ_COMPANY_FULL_NAME'),
	text('director', 'Director', 'RQ_DIRECTOR'),
	text('email', 'Email', 'RQ_EMAIL'),
	text('firstName', 'First Name', 'RQ_FIRST_NAME'),
	text('inn', 'INN', 'RQ_INN', 'Taxpayer identification number (TIN)'),
	text('kpp', 'KPP', 'RQ_KPP'),
	text('lastName', 'Last Name', 'RQ_LAST_NAME'),
	text('phone', 'Phone', 'RQ_PHONE'),
	{ name: 'sort', label: 'Sort', path: 'fields.SORT', type: 'number', default: 500 },
	text('vatId', 'VAT ID', 'RQ_VAT_ID'),
	text('xmlId', 'External ID', 'XML_ID'),
	otherFields,
];

const methods: MethodSpec[] = pickersSinceV2(
	[
		{
			value: 'create',
			name: 'Create',
			action: 'Create a requisite',
			description: 'Add requisites to a company or a contact (crm.requisite.add)',
			method: 'crm.requisite.add',
			params: [
				ownerType('fields.ENTITY_TYPE_ID'),
				ownerId('fields.ENTITY_ID'),
				preset('fields.PRESET_ID'),
				{ name: 'name', label: 'Name', path: 'fields.NAME', type: 'string', required: true },
				...editable,
			],
			adjust: mergeOtherFields,
			shape: createdId,
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a requisite',
			description: 'Delete a requisite (crm.requisite.delete)',
			method: 'crm.requisite.delete',
			params: [requisiteId],
			shape: done('deleted'),
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a requisite',
			description: 'Get a requisite by ID (crm.requisite.get)',
			method: 'crm.requisite.get',
			params: [requisiteId],
		},
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many requisites',
			description: 'List requisites, e.g. those of one company (crm.requisite.list)',
			method: 'crm.requisite.list',
			params: [
				ownerType('filter.ENTITY_TYPE_ID', false),
				ownerId('filter.ENTITY_ID', false),
				preset('filter.PRESET_ID', false),
			],
			list: { rowsAt: [], idKey: 'ID', paging: 'id' },
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a requisite',
			description: 'Change the fields of a requisite (crm.requisite.update)',
			method: 'crm.requisite.update',
			params: [
				requisiteId,
				{ name: 'name', label: 'Name', path: 'fields.NAME', type: 'string' },
				preset('fields.PRESET_ID', false),
				...editable,
			],
			adjust: (ctx, itemIndex, params) =>
				requireChangedFields(ctx, itemIndex, mergeOtherFields(ctx, itemIndex, params)),
			shape: done('updated'),
		},
	],
	['requisiteId', 'entityId'],
);

export const requisiteSpec: ResourceSpec = {
	value: 'crmRequisite',
	name: 'CRM Requisite',
	description: 'Requisites (legal and tax details) of companies and contacts',
	methods,
};

export const requisiteLoadOptions = {
	/** The requisite presets (templates) of the portal, active ones (crm.requisite.preset.list). */
	async getRequisitePresets(this: ILoadOptionsFunctions) {
		const envelope = await bitrix24Call(this, 'crm.requisite.preset.list', {
			order: { SORT: 'ASC' },
			filter: { ACTIVE: 'Y' },
			select: ['ID', 'NAME'],
		});
		const rows = (Array.isArray(envelope.result) ? envelope.result : []) as IDataObject[];
		return rows.map((row) => ({ name: String(row.NAME), value: Number(row.ID) }));
	},
};
