import type { INodeProperties } from 'n8n-workflow';

import type { Resource } from '../types';
import { withDescriptions } from '../types';
import { itemOperations } from './item';

/**
 * CRM types with a resource of their own over crm.item.*: quotes (entityTypeId 7) and smart
 * invoices (31). Their operations are CRM Item's with the entity type fixed by a hidden parameter.
 */
interface FixedType {
	value: string;
	name: string;
	noun: string;
	plural: string;
	entityTypeId: number;
	/** the hidden Entity Type parameter: shown for the resource, always its type */
	entityType: INodeProperties;
}

const quoteType: INodeProperties = {
	displayName: 'Entity Type ID',
	name: 'entityTypeId',
	type: 'hidden',
	default: 7,
	displayOptions: { show: { resource: ['crmQuote'] } },
};

const invoiceType: INodeProperties = {
	displayName: 'Entity Type ID',
	name: 'entityTypeId',
	type: 'hidden',
	default: 31,
	displayOptions: { show: { resource: ['crmInvoice'] } },
};

const TYPES: FixedType[] = [
	{
		value: 'crmQuote',
		name: 'Quote',
		noun: 'quote',
		plural: 'quotes',
		entityTypeId: 7,
		entityType: quoteType,
	},
	{
		value: 'crmInvoice',
		name: 'Invoice',
		noun: 'invoice',
		plural: 'invoices',
		entityTypeId: 31,
		entityType: invoiceType,
	},
];

function fixedResource(type: FixedType): Resource {
	const ops = itemOperations(type.value);
	const entityType = type.entityType;
	const on = `(crm.item.*, entityTypeId ${type.entityTypeId})`;
	return {
		value: type.value,
		name: type.name,
		description: `${type.name}s of the CRM ${on}`,
		operations: [
			{
				value: 'create',
				name: 'Create',
				action: `Create a ${type.noun}`,
				description: `Create a ${type.noun} (crm.item.add)`,
				operation: withDescriptions(ops.create, (properties) => [entityType, ...properties]),
			},
			{
				value: 'upsert',
				name: 'Create or Update',
				action: `Create or update a ${type.noun}`,
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				operation: ops.upsert,
			},
			{
				value: 'delete',
				name: 'Delete',
				action: `Delete a ${type.noun}`,
				description: `Delete a ${type.noun} (crm.item.delete)`,
				operation: ops.remove,
			},
			{
				value: 'get',
				name: 'Get',
				action: `Get a ${type.noun}`,
				description: `Get a ${type.noun} (crm.item.get)`,
				operation: ops.get,
			},
			{
				value: 'getAll',
				name: 'Get Many',
				action: `Get many ${type.plural}`,
				description: `Get many ${type.plural}, with filters (crm.item.list)`,
				operation: ops.getAll,
			},
			{
				value: 'getFields',
				name: 'Get Fields',
				action: `Get ${type.noun} fields`,
				description: `List the ${type.noun} fields, custom fields included (crm.item.fields)`,
				operation: ops.getFields,
			},
			{
				value: 'update',
				name: 'Update',
				action: `Update a ${type.noun}`,
				description: `Update a ${type.noun} (crm.item.update)`,
				operation: ops.update,
			},
		],
	};
}

export const fixedItemResources: Resource[] = TYPES.map(fixedResource);
