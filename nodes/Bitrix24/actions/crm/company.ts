import { classicRecordResource } from './classic-record';
import type { ClassicRecord } from './classic-record';
import { assigned, comments, currency, email, opened, phone, title } from './classic-fields';

export const COMPANY: ClassicRecord = {
	value: 'company',
	name: 'Company',
	description: 'Companies in the CRM (crm.company.*)',
	plural: 'Companies',
	method: 'crm.company',
	path: 'company',
	primary: [title],
	label: ['TITLE'],
	common: [
		{ name: 'companyType', path: 'COMPANY_TYPE', label: 'Company Type', type: 'string' },
		{ name: 'industry', path: 'INDUSTRY', label: 'Industry', type: 'string' },
		{ name: 'revenue', path: 'REVENUE', label: 'Annual Revenue', type: 'number' },
		currency,
		assigned,
		phone,
		email,
		opened,
		comments,
	],
};

export const companyResource = classicRecordResource(COMPANY);
