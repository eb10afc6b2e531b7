/** The CRM Item (Any Type) resource: crm.item.* for any entity type, smart processes included. */
import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Resource } from '../types';
import { entityType, itemOperations, RESOURCE } from './item';

const { create, upsert, get, update, remove, getAll, getFields } = itemOperations(RESOURCE);

export const crmItemResource: Resource = {
	value: RESOURCE,
	name: 'CRM Item (Any Type)',
	description: 'Any CRM entity type, smart processes included, through crm.item.*',
	operations: [
		{
			value: 'create',
			name: 'Create',
			action: 'Create a CRM item',
			description: 'Create an item of any CRM type',
			operation: create,
		},
		{
			value: 'upsert',
			name: 'Create or Update',
			action: 'Create or update a CRM item',
			description: 'Create a new record, or update the current one if it already exists (upsert)',
			operation: upsert,
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a CRM item',
			description: 'Delete an item',
			operation: remove,
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a CRM item',
			description: 'Get an item',
			operation: get,
		},
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many CRM items',
			description: 'Get many items, with filters',
			operation: getAll,
		},
		{
			value: 'getFields',
			name: 'Get Fields',
			action: 'Get CRM item fields',
			description: 'List the fields of the entity type',
			operation: getFields,
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a CRM item',
			description: 'Update an item',
			operation: update,
		},
	],
};

/** Shown for every crm.item operation, so it is declared once here. */
export const crmItemCommon: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: [RESOURCE] } },
	[entityType],
);
