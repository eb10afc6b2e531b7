import type { ParamSpec } from '../method-table/spec';
import { currencyParam } from './currency';

/**
 * Fields the classic CRM records share, offered by name under Additional Fields / Update Fields.
 * `path` is the field's code inside `fields`.
 */
const CHOOSE =
	'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>';

export const assigned: ParamSpec = {
	name: 'assignedById',
	path: 'ASSIGNED_BY_ID',
	label: 'Responsible User Name or ID',
	type: 'options',
	loadOptionsMethod: 'getUsers',
	description: CHOOSE,
};
export const comments: ParamSpec = {
	name: 'comments',
	path: 'COMMENTS',
	label: 'Comments',
	type: 'string',
};
/** version 1 saved a typed code (USD): the picker's value is that code */
export const currency: ParamSpec = currencyParam('currencyId', 'Currency', 'CURRENCY_ID');
export const opportunity: ParamSpec = {
	name: 'opportunity',
	path: 'OPPORTUNITY',
	label: 'Amount',
	type: 'number',
};
export const source: ParamSpec = {
	name: 'sourceId',
	path: 'SOURCE_ID',
	label: 'Source ID',
	type: 'string',
};
export const opened: ParamSpec = {
	name: 'opened',
	path: 'OPENED',
	label: 'Available to Everyone',
	type: 'yesNo',
	description: 'Whether the record is available to everyone',
};
export const phone: ParamSpec = {
	name: 'phone',
	path: 'PHONE',
	label: 'Phone',
	type: 'multiField',
	description: 'Added as a work phone',
};
export const email: ParamSpec = {
	name: 'email',
	path: 'EMAIL',
	label: 'Email',
	type: 'multiField',
	placeholder: 'name@email.com',
	description: 'Added as a work email',
};
export const contactId: ParamSpec = {
	name: 'contactId',
	path: 'CONTACT_ID',
	label: 'Contact ID',
	type: 'string',
};
export const companyId: ParamSpec = {
	name: 'companyId',
	path: 'COMPANY_ID',
	label: 'Company ID',
	type: 'string',
};
export const title: ParamSpec = { name: 'title', path: 'TITLE', label: 'Title', type: 'string' };
export const firstName: ParamSpec = {
	name: 'firstName',
	path: 'NAME',
	label: 'First Name',
	type: 'string',
};
export const lastName: ParamSpec = {
	name: 'lastName',
	path: 'LAST_NAME',
	label: 'Last Name',
	type: 'string',
};

export function choose(description: string): string {
	return `${description}. ${CHOOSE}.`;
}
