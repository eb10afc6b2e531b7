import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { methodEntry } from '../method-table/build';
import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import type { CallOperation } from '../types';
import { paramError } from '../params';
import { ROW_OWNER } from './locators';
import { listParam } from './pickers';

/** crm.item.productrow.*: the products of a deal, lead, quote, invoice or smart-process item. */

const ownerType = (path: string): ParamSpec =>
	listParam(
		'ownerType',
		'Owner Type Name or ID',
		path,
		'getProductRowOwnerTypes',
		'The CRM type of the record, by its short code: D deal, L lead, Q quote, SI invoice, T<hex type ID> smart process',
	);
const ownerId = (path: string): ParamSpec => ({
	name: 'ownerId',
	label: 'Owner ID',
	path,
	type: 'id',
	required: true,
	description: 'ID of the record',
	// version 1 keeps the typed ID it was released with (saved workflows)
	v2: { label: 'Owner', description: 'The record (of the Owner Type)', locator: ROW_OWNER },
});

const RESOURCE = 'crmProductRow';

/**
 * Rows picked in the node, merged after the JSON ones: a catalog product From List (the
 * productId of crm-item-productrow-set.md, a catalog_product.id) with its price and quantity.
 */
const rowsProperty: INodeProperties = {
	displayName: 'Rows',
	name: 'rows',
	type: 'fixedCollection',
	placeholder: 'Add Row',
	typeOptions: { multipleValues: true, sortable: true },
	default: {},
	description:
		'Product rows picked from the catalog, added after the rows of Product Rows (JSON); set that to [] to send only these',
	displayOptions: { show: { resource: [RESOURCE], operation: ['set'] } },
	options: [
		{
			displayName: 'Row',
			name: 'row',
			values: [
				{
					displayName: 'Product Name or ID',
					name: 'productId',
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getCatalogProducts' },
					default: '',
					description:
						'A product or product variation of the trade catalog (catalog.product.list, catalog.product.offer.list); its name is the catalog\'s. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
				{
					displayName: 'Price',
					name: 'price',
					type: 'number',
					typeOptions: { numberPrecision: 2 },
					default: 0,
					description:
						"Price per unit, discounts and taxes included, in the record's currency; the catalog price is not taken",
				},
				{
					displayName: 'Quantity',
					name: 'quantity',
					type: 'number',
					default: 1,
				},
			],
		},
	],
};

function pickedRows(ctx: IExecuteFunctions, itemIndex: number): IDataObject[] {
	const raw = ctx.getNodeParameter('rows', itemIndex, {}) as { row?: IDataObject[] };
	return (raw.row ?? []).map((entry) => {
		const productId = Number(entry.productId);
		if (!Number.isInteger(productId) || productId <= 0)
			throw paramError(ctx, itemIndex, 'Rows: Product', 'pick a product or give its ID');
		return {
			productId,
			price: Number(entry.price ?? 0),
			quantity: Number(entry.quantity ?? 1),
		};
	});
}

const methods: MethodSpec[] = [
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many product rows',
		description: 'List the product rows of a record (crm.item.productrow.list)',
		method: 'crm.item.productrow.list',
		params: [ownerType('filter.=ownerType'), ownerId('filter.=ownerId')],
		list: { rowsAt: ['productRows'], idKey: 'id', paging: 'id', selectParam: false },
	},
	{
		value: 'set',
		name: 'Set Product Rows',
		action: 'Set the product rows of a record',
		description:
			'Replace all product rows of a record with the given ones (crm.item.productrow.set)',
		method: 'crm.item.productrow.set',
		params: [
			ownerType('ownerType'),
			ownerId('ownerId'),
			{
				name: 'productRows',
				label: 'Product Rows (JSON)',
				path: 'productRows',
				type: 'json',
				required: true,
				default: '[{"productName": "Consulting", "price": 100, "quantity": 1}]',
				description:
					'An array of rows: productId or productName, price, quantity, discountTypeId, discountRate, discountSum, taxRate, taxIncluded, measureCode, sort. An empty array removes all rows.',
			},
		],
		output: { at: ['productRows'], split: true },
		adjust(ctx, itemIndex, params) {
			const picked = pickedRows(ctx, itemIndex);
			const value = params.productRows;
			const list = Array.isArray(value)
				? value
				: value && typeof value === 'object'
					? [value]
					: undefined;
			if (!list || list.some((row) => !row || typeof row !== 'object' || Array.isArray(row))) {
				throw paramError(
					ctx,
					itemIndex,
					'Product Rows (JSON)',
					'must be a JSON array of objects, e.g. [{"productName": "Consulting", "price": 100}]',
				);
			}
			params.productRows = [...(list as IDataObject[]), ...picked];
			return params;
		},
	},
];

/** Set Product Rows is the table's row with the Rows list shown beside its parameters. */
const [getAllMethod, setMethod] = methods;
const setEntry = methodEntry(RESOURCE, setMethod);
for (const setProperties of [
	(setEntry.operation as CallOperation).description,
	(setEntry.operation as CallOperation).v2Description ?? [],
]) {
	const additional = setProperties.findIndex((property) => property.name === 'additionalFields');
	if (setProperties.length)
		setProperties.splice(additional === -1 ? setProperties.length : additional, 0, rowsProperty);
}

export const productRowSpec: ResourceSpec = {
	value: RESOURCE,
	name: 'CRM Product Row',
	description: 'Products of CRM records',
	methods: [getAllMethod],
	operations: [setEntry],
};
