import type { IDataObject } from 'n8n-workflow';

import { pickersSinceV2 } from '../method-table/build';
import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { requireChangedFields } from './changed-fields';
import { ANCHOR_OF_TYPE, REQUISITE_OR_LEAD } from './locators';

/**
 * crm.address.*: addresses of requisites (owner type 8; a requisite belongs to a company or a
 * contact, which the list shows as ANCHOR_TYPE_ID / ANCHOR_ID) or of leads (1). An address has no
 * ID of its own: it is the one of its type for its owner (TYPE_ID + ENTITY_TYPE_ID + ENTITY_ID).
 */

const ADDRESS_TYPES = [
	{ name: 'Beneficiary Address', value: 9 },
	{ name: 'Legal Address', value: 6 },
	{ name: 'Mailing Address', value: 8 },
	{ name: 'Physical Address', value: 1 },
	{ name: 'Registered Address', value: 4 },
	{ name: 'Shipping Address', value: 11 },
];
const OWNER_TYPES = [
	{ name: 'Requisite', value: 8 },
	{ name: 'Lead', value: 1 },
];

const addressType = (path: string, required = true): ParamSpec => ({
	name: 'typeId',
	label: 'Address Type',
	path,
	type: 'options',
	required,
	options: ADDRESS_TYPES,
	default: 1,
	description: 'The kind of address (crm.enum.addresstype); an owner has at most one of each',
});
const ownerType = (path: string, required = true): ParamSpec => ({
	name: 'entityTypeId',
	label: 'Owner Type',
	path,
	type: 'options',
	required,
	options: OWNER_TYPES,
	default: 8,
	description: 'What the address belongs to: a requisite (of a company or a contact) or a lead',
});
const ownerId = (path: string, required = true): ParamSpec => ({
	name: 'entityId',
	label: 'Owner',
	path,
	type: 'id',
	required,
	description: 'The requisite or lead (of the Owner Type)',
	locator: REQUISITE_OR_LEAD,
});
const key: ParamSpec[] = [
	addressType('fields.TYPE_ID'),
	ownerType('fields.ENTITY_TYPE_ID'),
	ownerId('fields.ENTITY_ID'),
];
const text = (name: string, label: string, field: string): ParamSpec => ({
	name,
	label,
	path: `fields.${field}`,
	type: 'string',
});
const editable: ParamSpec[] = [
	text('address1', 'Street Address', 'ADDRESS_1'),
	text('address2', 'Address Line 2', 'ADDRESS_2'),
	text('city', 'City', 'CITY'),
	text('country', 'Country', 'COUNTRY'),
	text('countryCode', 'Country Code', 'COUNTRY_CODE'),
	text('postalCode', 'Postal Code', 'POSTAL_CODE'),
	text('province', 'Province', 'PROVINCE'),
	text('region', 'Region', 'REGION'),
];
const KEY_FIELDS = ['TYPE_ID', 'ENTITY_TYPE_ID', 'ENTITY_ID'];

/** The address's key and the flag: addresses have no ID. */
const keyed =
	(flag: 'created' | 'updated' | 'deleted') =>
	(_ctx: unknown, result: unknown, params: IDataObject): IDataObject => {
		const fields = (params.fields ?? {}) as IDataObject;
		return {
			...Object.fromEntries(KEY_FIELDS.map((name) => [name, fields[name]])),
			[flag]: result !== false,
		};
	};

const methods: MethodSpec[] = pickersSinceV2(
	[
		{
			value: 'create',
			name: 'Create',
			action: 'Create an address',
			description: 'Add an address to a requisite or a lead (crm.address.add)',
			method: 'crm.address.add',
			params: [...key, ...editable],
			shape: keyed('created'),
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete an address',
			description: 'Delete the address of a type from its owner (crm.address.delete)',
			method: 'crm.address.delete',
			params: key,
			shape: keyed('deleted'),
		},
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many addresses',
			description: 'List addresses, e.g. those of one requisite (crm.address.list)',
			method: 'crm.address.list',
			params: [
				addressType('filter.TYPE_ID', false),
				ownerType('filter.ENTITY_TYPE_ID', false),
				ownerId('filter.ENTITY_ID', false),
				{
					name: 'anchorTypeId',
					label: 'Company or Contact',
					path: 'filter.ANCHOR_TYPE_ID',
					type: 'options',
					options: [
						{ name: 'Company', value: 4 },
						{ name: 'Contact', value: 3 },
					],
					default: 4,
					description: 'Only addresses of the requisites of a company or a contact',
				},
				{
					name: 'anchorId',
					label: 'Company or Contact Record',
					path: 'filter.ANCHOR_ID',
					type: 'id',
					description: 'The company or contact whose requisites hold the addresses',
					locator: ANCHOR_OF_TYPE,
				},
			],
			// addresses have no ID: pages by offset
			list: { rowsAt: [], idKey: 'ENTITY_ID', paging: 'offset' },
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update an address',
			description: 'Change the address of a type of its owner (crm.address.update)',
			method: 'crm.address.update',
			params: [...key, ...editable],
			adjust(ctx, itemIndex, params) {
				const fields = (params.fields ?? {}) as IDataObject;
				const changed = Object.keys(fields).filter((name) => !KEY_FIELDS.includes(name));
				return changed.length ? params : requireChangedFields(ctx, itemIndex, {});
			},
			shape: keyed('updated'),
		},
	],
	['entityId', 'anchorId'],
);

export const addressSpec: ResourceSpec = {
	value: 'crmAddress',
	name: 'CRM Address',
	description: 'Addresses of requisites and leads',
	methods,
};
