import { currencyParam } from '../crm/currency';
import { userParam } from '../crm/pickers';
import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { changed } from './fields';
import { documentDelete } from './inventory-document/delete.operation';
import { DOCUMENT_LOCATOR, fieldsAt, flagged } from './inventory-search';

/**
 * catalog.document.*: inventory documents (receipts, stock adjustments, transfers, returns,
 * write-offs). A document is created as a draft (status N); its products are Catalog Inventory
 * Document Products (catalog.document.element.*); conducting it (status Y) changes the stock of
 * the stores its products name, cancelling (status C) reverts it. There is no catalog.document.get:
 * Get Many filters by ID. Answers wrap the document (`document`) or the rows (`documents`).
 */

const RESOURCE = 'catalogInventoryDocument';

const documentId: ParamSpec = {
	name: 'documentId',
	label: 'Document',
	path: 'id',
	type: 'id',
	required: true,
	locator: DOCUMENT_LOCATOR,
};
const DOC_TYPES = [
	{ name: 'Receipt (A)', value: 'A' },
	{ name: 'Stock Adjustment (S)', value: 'S' },
	{ name: 'Transfer (M)', value: 'M' },
	{ name: 'Return (R)', value: 'R' },
	{ name: 'Write-Off (D)', value: 'D' },
];
const editable: ParamSpec[] = [
	{ name: 'title', label: 'Title', path: 'fields.title', type: 'string' },
	{ name: 'commentary', label: 'Comment', path: 'fields.commentary', type: 'text' },
	{ name: 'dateDocument', label: 'Document Date', path: 'fields.dateDocument', type: 'dateTime' },
	{
		name: 'docNumber',
		label: 'Document Number',
		path: 'fields.docNumber',
		type: 'string',
		description: 'Internal document number; generated when not given',
	},
	{
		name: 'total',
		label: 'Total',
		path: 'fields.total',
		type: 'number',
		description: "Total amount of the document's products; calculated from them when not set",
	},
];
/** Conduct and Cancel answer `true`: `{ID, conducted|cancelled: true}` */
const verb = (
	value: 'conduct' | 'cancel',
	action: string,
	description: string,
	method: string,
): MethodSpec => ({
	value,
	name: value === 'conduct' ? 'Conduct' : 'Cancel',
	action,
	description: `${description} (${method})`,
	method,
	params: [documentId],
	shape: flagged(value === 'conduct' ? 'conducted' : 'cancelled'),
});

const methods: MethodSpec[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create an inventory document',
		description: 'Add an inventory document as a draft (catalog.document.add)',
		method: 'catalog.document.add',
		params: [
			{
				name: 'docType',
				label: 'Document Type',
				path: 'fields.docType',
				type: 'options',
				options: DOC_TYPES,
				default: 'A',
				required: true,
			},
			currencyParam('currency', 'Currency', 'fields.currency', true, 'Cannot be changed later'),
			userParam('responsibleId', 'Responsible User Name or ID', 'fields.responsibleId', true),
			...editable,
			{
				name: 'siteId',
				label: 'Site ID',
				path: 'fields.siteId',
				type: 'string',
				description: 'Site code (on-premise portals); s1 by default',
			},
		],
		output: { at: ['document'] },
	},
	verb(
		'conduct',
		'Conduct an inventory document',
		'Conduct a draft: the stock of its stores changes by its products',
		'catalog.document.conduct',
	),
	verb(
		'cancel',
		'Cancel an inventory document',
		'Cancel the conduct of a document: its stock changes are reverted',
		'catalog.document.cancel',
	),
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many inventory documents',
		description: 'List inventory documents, e.g. the drafts of one type (catalog.document.list)',
		method: 'catalog.document.list',
		params: [
			{
				name: 'docType',
				label: 'Document Type',
				path: 'filter.docType',
				type: 'options',
				options: DOC_TYPES,
				default: 'A',
			},
			{
				name: 'status',
				label: 'Status',
				path: 'filter.status',
				type: 'options',
				options: [
					{ name: 'Draft (N)', value: 'N' },
					{ name: 'Conducted (Y)', value: 'Y' },
					{ name: 'Cancelled (C)', value: 'C' },
				],
				default: 'N',
			},
			userParam('responsibleId', 'Responsible User Name or ID', 'filter.responsibleId'),
		],
		list: { rowsAt: ['documents'], idKey: 'id', paging: 'id' },
	},
	{
		value: 'getFields',
		name: 'Get Fields',
		action: 'Get inventory document fields',
		description: 'List the fields of inventory documents (catalog.document.getFields)',
		method: 'catalog.document.getFields',
		params: [],
		output: { at: ['document'] },
		shape: fieldsAt('document'),
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update an inventory document',
		description: 'Change the fields of an inventory document (catalog.document.update)',
		method: 'catalog.document.update',
		params: [
			documentId,
			userParam('responsibleId', 'Responsible User Name or ID', 'fields.responsibleId'),
			...editable,
		],
		adjust: changed,
		output: { at: ['document'] },
	},
];

export const inventoryDocumentSpec: ResourceSpec = {
	value: RESOURCE,
	name: 'Catalog Inventory Document',
	description: 'Receipts, transfers and write-offs of stock',
	methods,
	// Cancel and Conduct sort before Create: a new node starts at Create
	first: 'create',
	operations: [
		documentDelete(RESOURCE, {
			value: 'delete',
			name: 'Delete',
			action: 'Delete an inventory document',
			description: 'Delete an inventory document that is not conducted (catalog.document.delete)',
			method: 'catalog.document.delete',
			params: [documentId],
			shape: (_ctx, _result, params) => ({ ID: String(params.id), deleted: true }),
		}),
	],
};
