import { classicRecordResource } from './classic-record';
import type { ClassicRecord } from './classic-record';
import {
	assigned,
	comments,
	companyId,
	email,
	firstName,
	lastName,
	opened,
	phone,
	source,
} from './classic-fields';

export const CONTACT: ClassicRecord = {
	value: 'contact',
	name: 'Contact',
	description: 'People in the CRM (crm.contact.*)',
	plural: 'Contacts',
	method: 'crm.contact',
	path: 'contact',
	primary: [firstName, lastName],
	label: ['NAME', 'LAST_NAME'],
	common: [
		{ name: 'secondName', path: 'SECOND_NAME', label: 'Middle Name', type: 'string' },
		{ name: 'post', path: 'POST', label: 'Position', type: 'string' },
		companyId,
		assigned,
		phone,
		email,
		{ name: 'birthdate', path: 'BIRTHDATE', label: 'Birth Date', type: 'dateTime' },
		source,
		opened,
		comments,
	],
};

export const contactResource = classicRecordResource(CONTACT);
