import { pickersSinceV2 } from '../method-table/build';
import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { createdId, done } from './answers';
import { currencyParam } from './currency';
import { requireChangedFields } from './changed-fields';
import { BANK_DETAIL_LOCATOR, REQUISITE_LOCATOR } from './locators';
import { mergeOtherFields, otherFields } from './requisite';

/** crm.requisite.bankdetail.*: the bank accounts of a requisite (ENTITY_ID is the requisite). */

const bankDetailId: ParamSpec = {
	name: 'bankDetailId',
	label: 'Bank Detail',
	path: 'id',
	type: 'id',
	required: true,
	locator: BANK_DETAIL_LOCATOR,
};
const requisiteId = (path: string, required = true): ParamSpec => ({
	name: 'requisiteId',
	label: 'Requisite',
	path,
	type: 'id',
	required,
	description: 'The requisite the bank details belong to',
	locator: REQUISITE_LOCATOR,
});
const text = (name: string, label: string, field: string, description?: string): ParamSpec => ({
	name,
	label,
	path: `fields.${field}`,
	type: 'string',
	description,
});
const editable: ParamSpec[] = [
	currencyParam('accountCurrency', 'Account Currency', 'fields.RQ_ACC_CURRENCY'),
	text('accountName', 'Account Holder', 'RQ_ACC_NAME', 'Name of the account holder'),
	text('accountNumber', 'Account Number', 'RQ_ACC_NUM'),
	{ name: 'active', label: 'Active', path: 'fields.ACTIVE', type: 'yesNo', default: true },
	text('bankAddress', 'Bank Address', 'RQ_BANK_ADDR'),
	text('bankName', 'Bank Name', 'RQ_BANK_NAME'),
	text('bic', 'BIC', 'RQ_BIC'),
	text('bik', 'BIK', 'RQ_BIK', 'Russian bank identification code'),
	{ name: 'comments', label: 'Comments', path: 'fields.COMMENTS', type: 'text' },
	text('correspondentAccount', 'Correspondent Account', 'RQ_COR_ACC_NUM'),
	text('iban', 'IBAN', 'RQ_IBAN'),
	{ name: 'sort', label: 'Sort', path: 'fields.SORT', type: 'number', default: 500 },
	text('swift', 'SWIFT', 'RQ_SWIFT'),
	text('xmlId', 'External ID', 'XML_ID'),
	otherFields,
];

const methods: MethodSpec[] = pickersSinceV2(
	[
		{
			value: 'create',
			name: 'Create',
			action: 'Create a bank detail',
			description: 'Add bank details to a requisite (crm.requisite.bankdetail.add)',
			method: 'crm.requisite.bankdetail.add',
			params: [
				requisiteId('fields.ENTITY_ID'),
				{ name: 'name', label: 'Name', path: 'fields.NAME', type: 'string', required: true },
				...editable,
			],
			adjust: mergeOtherFields,
			shape: createdId,
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a bank detail',
			description: 'Delete bank details (crm.requisite.bankdetail.delete)',
			method: 'crm.requisite.bankdetail.delete',
			params: [bankDetailId],
			shape: done('deleted'),
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a bank detail',
			description: 'Get bank details by ID (crm.requisite.bankdetail.get)',
			method: 'crm.requisite.bankdetail.get',
			params: [bankDetailId],
		},
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many bank details',
			description: 'List bank details, e.g. those of one requisite (crm.requisite.bankdetail.list)',
			method: 'crm.requisite.bankdetail.list',
			params: [requisiteId('filter.ENTITY_ID', false)],
			list: { rowsAt: [], idKey: 'ID', paging: 'id' },
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a bank detail',
			description: 'Change bank details (crm.requisite.bankdetail.update)',
			method: 'crm.requisite.bankdetail.update',
			params: [
				bankDetailId,
				{ name: 'name', label: 'Name', path: 'fields.NAME', type: 'string' },
				...editable,
			],
			adjust: (ctx, itemIndex, params) =>
				requireChangedFields(ctx, itemIndex, mergeOtherFields(ctx, itemIndex, params)),
			shape: done('updated'),
		},
	],
	['bankDetailId', 'requisiteId'],
);

export const requisiteBankDetailSpec: ResourceSpec = {
	value: 'crmRequisiteBankDetail',
	name: 'CRM Requisite Bank Detail',
	description: 'Bank accounts of requisites',
	methods,
};
