import type { INodeProperties } from 'n8n-workflow';

/** A field offered by name in Additional Fields / Update Fields, and its Bitrix24 code. */
export interface CommonField {
	name: string;
	field: string;
	label: string;
	type: 'string' | 'number' | 'boolean' | 'dateTime' | 'options' | 'multiField';
	description?: string;
	loadOptionsMethod?: string;
}

/** The old CRM API (`crm.deal.*`, `crm.lead.*` ...), one row per entity. */
export interface CrmEntity {
	value: 'deal' | 'lead' | 'contact' | 'company';
	name: string;
	plural: string;
	/** shown under the resource's name */
	description: string;
	method: string;
	/** portal path segment of the record's page: /crm/<path>/details/<id>/ */
	path: string;
	/** main fields asked for on Create */
	primary: CommonField[];
	common: CommonField[];
	/** fields that make a readable name in "From List" */
	label: string[];
}

const assigned: CommonField = {
	name: 'assignedById',
	field: 'ASSIGNED_BY_ID',
	label: 'Responsible User Name or ID',
	type: 'options',
	loadOptionsMethod: 'getUsers',
	description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
};
const comments: CommonField = { name: 'comments', field: 'COMMENTS', label: 'Comments', type: 'string' };
const currency: CommonField = { name: 'currencyId', field: 'CURRENCY_ID', label: 'Currency', type: 'string', description: 'Currency code, e.g. USD' };
const opportunity: CommonField = { name: 'opportunity', field: 'OPPORTUNITY', label: 'Amount', type: 'number' };
const source: CommonField = { name: 'sourceId', field: 'SOURCE_ID', label: 'Source ID', type: 'string' };
const opened: CommonField = { name: 'opened', field: 'OPENED', label: 'Available to Everyone', type: 'boolean' };
const phone: CommonField = { name: 'phone', field: 'PHONE', label: 'Phone', type: 'multiField', description: 'Added as a work phone' };
const email: CommonField = { name: 'email', field: 'EMAIL', label: 'Email', type: 'multiField', description: 'Added as a work email' };
const contactId: CommonField = { name: 'contactId', field: 'CONTACT_ID', label: 'Contact ID', type: 'string' };
const companyId: CommonField = { name: 'companyId', field: 'COMPANY_ID', label: 'Company ID', type: 'string' };
const title: CommonField = { name: 'title', field: 'TITLE', label: 'Title', type: 'string' };
const firstName: CommonField = { name: 'firstName', field: 'NAME', label: 'First Name', type: 'string' };
const lastName: CommonField = { name: 'lastName', field: 'LAST_NAME', label: 'Last Name', type: 'string' };

export const CRM_ENTITIES: CrmEntity[] = [
	{
		value: 'deal',
		name: 'Deal',
		description: 'Deals in sales pipelines (crm.deal.*)',
		plural: 'Deals',
		method: 'crm.deal',
		path: 'deal',
		primary: [title],
		label: ['TITLE'],
		common: [
			{
				name: 'categoryId',
				field: 'CATEGORY_ID',
				label: 'Pipeline Name or ID',
				type: 'options',
				loadOptionsMethod: 'getDealCategories',
				description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
			{
				name: 'stageId',
				field: 'STAGE_ID',
				label: 'Stage Name or ID',
				type: 'options',
				loadOptionsMethod: 'getDealStages',
				description: 'Stages of all pipelines. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			opportunity,
			currency,
			assigned,
			contactId,
			companyId,
			{ name: 'beginDate', field: 'BEGINDATE', label: 'Start Date', type: 'dateTime' },
			{ name: 'closeDate', field: 'CLOSEDATE', label: 'Close Date', type: 'dateTime' },
			{ name: 'probability', field: 'PROBABILITY', label: 'Probability (%)', type: 'number' },
			source,
			opened,
			comments,
		],
	},
	{
		value: 'lead',
		name: 'Lead',
		description: 'Leads: unqualified enquiries (crm.lead.*)',
		plural: 'Leads',
		method: 'crm.lead',
		path: 'lead',
		primary: [title],
		label: ['TITLE'],
		common: [
			firstName,
			lastName,
			{ name: 'companyTitle', field: 'COMPANY_TITLE', label: 'Company Name', type: 'string' },
			{ name: 'statusId', field: 'STATUS_ID', label: 'Status ID', type: 'string' },
			opportunity,
			currency,
			assigned,
			phone,
			email,
			source,
			opened,
			comments,
		],
	},
	{
		value: 'contact',
		name: 'Contact',
		description: 'People in the CRM (crm.contact.*)',
		plural: 'Contacts',
		method: 'crm.contact',
		path: 'contact',
		primary: [firstName, lastName],
		label: ['NAME', 'LAST_NAME'],
		common: [
			{ name: 'secondName', field: 'SECOND_NAME', label: 'Middle Name', type: 'string' },
			{ name: 'post', field: 'POST', label: 'Position', type: 'string' },
			companyId,
			assigned,
			phone,
			email,
			{ name: 'birthdate', field: 'BIRTHDATE', label: 'Birth Date', type: 'dateTime' },
			source,
			opened,
			comments,
		],
	},
	{
		value: 'company',
		name: 'Company',
		description: 'Companies in the CRM (crm.company.*)',
		plural: 'Companies',
		method: 'crm.company',
		path: 'company',
		primary: [title],
		label: ['TITLE'],
		common: [
			{ name: 'companyType', field: 'COMPANY_TYPE', label: 'Company Type', type: 'string' },
			{ name: 'industry', field: 'INDUSTRY', label: 'Industry', type: 'string' },
			{ name: 'revenue', field: 'REVENUE', label: 'Annual Revenue', type: 'number' },
			currency,
			assigned,
			phone,
			email,
			opened,
			comments,
		],
	},
];

export function commonFieldProperty(field: CommonField): INodeProperties {
	const base = { displayName: field.label, name: field.name, description: field.description };
	switch (field.type) {
		case 'number':
			return { ...base, type: 'number', default: 0 };
		case 'boolean':
			return { ...base, type: 'boolean', default: false, description: field.description ?? `Whether the record is ${field.label.toLowerCase()}` };
		case 'dateTime':
			return { ...base, type: 'dateTime', default: '' };
		case 'options':
			return { ...base, type: 'options', typeOptions: { loadOptionsMethod: field.loadOptionsMethod }, default: '' };
		default:
			return { ...base, type: 'string', default: '', ...(field.name === 'email' ? { placeholder: 'name@email.com' } : {}) };
	}
}

/** Turns the collection's values into Bitrix24 fields (Y/N flags, multi-field lists). */
export function commonFieldValue(field: CommonField, value: unknown): unknown {
	if (field.type === 'boolean') return value ? 'Y' : 'N';
	if (field.type === 'multiField') return [{ VALUE: String(value), VALUE_TYPE: 'WORK' }];
	return value;
}
