/** Bitrix24's field types (`crm.*.fields`, `crm.item.fields`) as people name them. */
import type { IDataObject } from 'n8n-workflow';

import type { FilterFieldKind } from '../../shared/descriptions/filters';

const TYPE_WORDS: Record<string, string> = {
	string: 'Text',
	char: 'Yes/No',
	boolean: 'Yes/No',
	integer: 'Whole number',
	double: 'Number',
	money: 'Amount with currency',
	date: 'Date',
	datetime: 'Date and time',
	crm_status: 'Choice from a CRM list',
	enumeration: 'Choice list',
	crm_category: 'Pipeline',
	crm_currency: 'Currency',
	user: 'User',
	employee: 'User',
	crm_company: 'Company',
	crm_contact: 'Contact',
	crm_lead: 'Lead',
	crm_deal: 'Deal',
	crm_quote: 'Quote',
	crm_entity: 'CRM record',
	crm: 'Link to CRM records',
	crm_multifield: 'Phones, e-mails, websites or messengers',
	file: 'File',
	disk_file: 'Drive file',
	attached_diskfile: 'Drive file',
	url: 'Link',
	address: 'Address',
	location: 'Location',
	iblock_element: 'Information block element',
	iblock_section: 'Information block section',
	resourcebooking: 'Resource booking',
	product_property: 'Product property',
};

/** "Choice list", or the Bitrix24 type itself when it has no name here. */
export function typeInWords(meta: IDataObject): string {
	const type = String(meta.type ?? '');
	return TYPE_WORDS[type] ?? type;
}

/** How a filter on the field takes its value: from a list, a date picker, or typed in. */
export function filterKindOf(meta: IDataObject): FilterFieldKind | undefined {
	switch (meta.type) {
		case 'crm_status':
			return meta.statusType ? 'list' : undefined;
		case 'enumeration':
			return Array.isArray(meta.items) && meta.items.length ? 'list' : undefined;
		case 'crm_category':
		case 'crm_currency':
		case 'user':
		case 'employee':
		case 'char':
		case 'boolean':
			return 'list';
		case 'date':
			return 'date';
		case 'datetime':
			return 'datetime';
		default:
			return undefined;
	}
}
