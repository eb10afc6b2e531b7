import type { IDataObject } from 'n8n-workflow';

import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { paramError } from '../params';
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
});

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
			params.productRows = list as IDataObject[];
			return params;
		},
	},
];

export const productRowSpec: ResourceSpec = {
	value: 'crmProductRow',
	name: 'CRM Product Row',
	description: 'Products of CRM records',
	methods,
};
