import { classicRecordResource } from './classic-record';
import type { ClassicRecord } from './classic-record';
import {
	assigned,
	comments,
	currency,
	email,
	firstName,
	lastName,
	opened,
	opportunity,
	phone,
	source,
	title,
} from './classic-fields';

export const LEAD: ClassicRecord = {
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
		{ name: 'companyTitle', path: 'COMPANY_TITLE', label: 'Company Name', type: 'string' },
		{ name: 'statusId', path: 'STATUS_ID', label: 'Status ID', type: 'string' },
		opportunity,
		currency,
		assigned,
		phone,
		email,
		source,
		opened,
		comments,
	],
};

export const leadResource = classicRecordResource(LEAD);
