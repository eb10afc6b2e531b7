import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { changed, deleted } from './fields';
import { DOCUMENT_LOCATOR, fieldsAt, STORE_LOCATOR } from './inventory-search';
import { PRICED_PRODUCT_LOCATOR } from './search';

/**
 * catalog.document.element.*: the products of an inventory document, each with its quantity,
 * purchase price and stores: storeTo for incoming documents and transfers, storeFrom for outgoing
 * ones and transfers. Only a draft document (status N) takes changes. Answers wrap the row
 * (`documentElement`) or the rows (`documentElements`).
 */

const rowId: ParamSpec = {
	name: 'documentProductId',
	label: 'Document Product ID',
	path: 'id',
	type: 'id',
	required: true,
	description: 'The ID of the product row of the document, as Get Many answers it',
};
const document = (path: string, required: boolean): ParamSpec => ({
	name: 'documentId',
	label: 'Document',
	path,
	type: 'id',
	required,
	locator: DOCUMENT_LOCATOR,
});
const store = (name: string, label: string, path: string, description: string): ParamSpec => ({
	name,
	label,
	path,
	type: 'id',
	description,
	locator: STORE_LOCATOR,
});
const editable: ParamSpec[] = [
	{
		name: 'amount',
		label: 'Quantity',
		path: 'fields.amount',
		type: 'number',
		description: "In the document's units",
	},
	{
		name: 'purchasingPrice',
		label: 'Purchase Price',
		path: 'fields.purchasingPrice',
		type: 'number',
		description: "In the document's currency",
	},
	store(
		'storeFrom',
		'Store From',
		'fields.storeFrom',
		'The source store (outgoing documents, transfers)',
	),
	store(
		'storeTo',
		'Store To',
		'fields.storeTo',
		'The receiving store (incoming documents, transfers)',
	),
];

const methods: MethodSpec[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Add a product to an inventory document',
		description: 'Add a product to a draft inventory document (catalog.document.element.add)',
		method: 'catalog.document.element.add',
		params: [
			document('fields.docId', true),
			{
				name: 'productId',
				label: 'Product',
				path: 'fields.elementId',
				type: 'id',
				required: true,
				description: 'The simple product or product variation',
				locator: PRICED_PRODUCT_LOCATOR,
			},
			...editable,
		],
		output: { at: ['documentElement'] },
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Remove a product from an inventory document',
		description:
			'Remove a product from a draft inventory document (catalog.document.element.delete)',
		method: 'catalog.document.element.delete',
		params: [rowId],
		shape: deleted,
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many products of inventory documents',
		description:
			'List the products of inventory documents, e.g. of one (catalog.document.element.list)',
		method: 'catalog.document.element.list',
		params: [
			{ ...document('filter.docId', false), description: 'Only the products of this document' },
			{
				name: 'productId',
				label: 'Product',
				path: 'filter.elementId',
				type: 'id',
				description: 'Only the rows of this product or variation',
				locator: PRICED_PRODUCT_LOCATOR,
			},
		],
		list: { rowsAt: ['documentElements'], idKey: 'id', paging: 'id' },
	},
	{
		value: 'getFields',
		name: 'Get Fields',
		action: 'Get inventory document product fields',
		description:
			'List the fields of the products of inventory documents (catalog.document.element.getFields)',
		method: 'catalog.document.element.getFields',
		params: [],
		output: { at: ['documentElement'] },
		shape: fieldsAt('documentElement'),
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update a product of an inventory document',
		description:
			'Change the quantity, price or stores of a product row (catalog.document.element.update)',
		method: 'catalog.document.element.update',
		params: [rowId, ...editable],
		adjust: changed,
		output: { at: ['documentElement'] },
	},
];

export const inventoryDocumentProductSpec: ResourceSpec = {
	value: 'catalogInventoryDocumentProduct',
	name: 'Catalog Inventory Document Product',
	description: 'Products of inventory documents, with quantities and stores',
	methods,
};
