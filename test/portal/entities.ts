/** The CRM entity types the portal knows and their standard fields. User fields are added by the seed. */
import { field, FieldDef } from './fields';

export const ENTITY = { LEAD: 1, DEAL: 2, CONTACT: 3, COMPANY: 4 } as const;

export interface EntityTypeInfo {
	entityTypeId: number;
	/** Old API name: lead, deal, contact, company; undefined for smart processes. */
	oldName?: string;
	/** Prefix of events: ONCRMDEAL..., ONCRMDYNAMICITEM... */
	eventPrefix: string;
	title: string;
	/** For smart processes: the type's own id (UF_CRM_<typeId>_...). */
	typeId?: number;
}

const ro = { isReadOnly: true };

const audit = (
	createdBy: string,
	updatedBy: string,
	created: string,
	updated: string,
): FieldDef[] => [
	field(createdBy, 'user', 'Created by', { ...ro, camel: 'createdBy' }),
	field(updatedBy, 'user', 'Modified by', { ...ro, camel: 'updatedBy' }),
	field(created, 'datetime', 'Created on', { ...ro, camel: 'createdTime' }),
	field(updated, 'datetime', 'Modified on', { ...ro, camel: 'updatedTime' }),
];

const multiFields = (types: string[]): FieldDef[] =>
	types.map((t) =>
		field(t, 'crm_multifield', t.charAt(0) + t.slice(1).toLowerCase(), { isMultiple: true }),
	);

export function dealFields(): FieldDef[] {
	return [
		field('ID', 'integer', 'ID', ro),
		field('TITLE', 'string', 'Name'),
		field('TYPE_ID', 'crm_status', 'Type', { statusType: 'DEAL_TYPE' }),
		field('CATEGORY_ID', 'crm_category', 'Pipeline', { isImmutable: true }),
		field('STAGE_ID', 'crm_status', 'Stage', { statusType: 'DEAL_STAGE' }),
		field('PROBABILITY', 'integer', 'Probability'),
		field('CURRENCY_ID', 'crm_currency', 'Currency'),
		field('OPPORTUNITY', 'double', 'Amount', { money: true }),
		field('IS_MANUAL_OPPORTUNITY', 'char', 'Manual amount'),
		field('TAX_VALUE', 'double', 'Tax rate', { money: true }),
		field('COMPANY_ID', 'crm_company', 'Company'),
		field('CONTACT_ID', 'crm_contact', 'Contact'),
		field('BEGINDATE', 'date', 'Start date'),
		field('CLOSEDATE', 'date', 'End date'),
		field('OPENED', 'char', 'Available to everyone'),
		field('CLOSED', 'char', 'Closed'),
		field('COMMENTS', 'string', 'Comment'),
		field('ASSIGNED_BY_ID', 'user', 'Responsible person'),
		...audit('CREATED_BY_ID', 'MODIFY_BY_ID', 'DATE_CREATE', 'DATE_MODIFY'),
		field('SOURCE_ID', 'crm_status', 'Source', { statusType: 'SOURCE' }),
		field('SOURCE_DESCRIPTION', 'string', 'Source information'),
		field('LEAD_ID', 'crm_lead', 'Lead', ro),
		field('ORIGINATOR_ID', 'string', 'External source'),
		field('ORIGIN_ID', 'string', 'Item ID in data source'),
	];
}

export function leadFields(): FieldDef[] {
	return [
		field('ID', 'integer', 'ID', ro),
		field('TITLE', 'string', 'Lead name'),
		field('NAME', 'string', 'First name'),
		field('SECOND_NAME', 'string', 'Second name'),
		field('LAST_NAME', 'string', 'Last name'),
		field('COMPANY_TITLE', 'string', 'Company name'),
		field('POST', 'string', 'Position'),
		field('STATUS_ID', 'crm_status', 'Stage', { statusType: 'STATUS', camel: 'stageId' }),
		field('SOURCE_ID', 'crm_status', 'Source', { statusType: 'SOURCE' }),
		field('CURRENCY_ID', 'crm_currency', 'Currency'),
		field('OPPORTUNITY', 'double', 'Amount', { money: true }),
		field('OPENED', 'char', 'Available to everyone'),
		field('COMMENTS', 'string', 'Comment'),
		field('ASSIGNED_BY_ID', 'user', 'Responsible person'),
		...audit('CREATED_BY_ID', 'MODIFY_BY_ID', 'DATE_CREATE', 'DATE_MODIFY'),
		...multiFields(['PHONE', 'EMAIL', 'WEB', 'IM']),
	];
}

export function contactFields(): FieldDef[] {
	return [
		field('ID', 'integer', 'ID', ro),
		field('NAME', 'string', 'First name'),
		field('SECOND_NAME', 'string', 'Second name'),
		field('LAST_NAME', 'string', 'Last name'),
		field('POST', 'string', 'Position'),
		field('TYPE_ID', 'crm_status', 'Contact type', { statusType: 'CONTACT_TYPE' }),
		field('SOURCE_ID', 'crm_status', 'Source', { statusType: 'SOURCE' }),
		field('COMPANY_ID', 'crm_company', 'Company'),
		field('BIRTHDATE', 'date', 'Date of birth'),
		field('OPENED', 'char', 'Available to everyone'),
		field('COMMENTS', 'string', 'Comment'),
		field('ASSIGNED_BY_ID', 'user', 'Responsible person'),
		...audit('CREATED_BY_ID', 'MODIFY_BY_ID', 'DATE_CREATE', 'DATE_MODIFY'),
		...multiFields(['PHONE', 'EMAIL', 'WEB', 'IM']),
	];
}

export function companyFields(): FieldDef[] {
	return [
		field('ID', 'integer', 'ID', ro),
		field('TITLE', 'string', 'Company name'),
		field('COMPANY_TYPE', 'crm_status', 'Company type', {
			statusType: 'COMPANY_TYPE',
			camel: 'typeId',
		}),
		field('INDUSTRY', 'crm_status', 'Industry', { statusType: 'INDUSTRY' }),
		field('REVENUE', 'double', 'Annual revenue', { money: true }),
		field('CURRENCY_ID', 'crm_currency', 'Currency'),
		field('OPENED', 'char', 'Available to everyone'),
		field('COMMENTS', 'string', 'Comment'),
		field('ASSIGNED_BY_ID', 'user', 'Responsible person'),
		...audit('CREATED_BY_ID', 'MODIFY_BY_ID', 'DATE_CREATE', 'DATE_MODIFY'),
		...multiFields(['PHONE', 'EMAIL', 'WEB']),
	];
}

export function smartProcessFields(entityTypeId: number): FieldDef[] {
	return [
		field('ID', 'integer', 'ID', ro),
		field('XML_ID', 'string', 'External ID'),
		field('TITLE', 'string', 'Name'),
		field('CATEGORY_ID', 'crm_category', 'Pipeline'),
		field('STAGE_ID', 'crm_status', 'Stage', { statusType: `DYNAMIC_${entityTypeId}_STAGE` }),
		field('OPPORTUNITY', 'double', 'Amount', { money: true }),
		field('CURRENCY_ID', 'crm_currency', 'Currency'),
		field('COMPANY_ID', 'crm_company', 'Company'),
		field('CONTACT_ID', 'crm_contact', 'Contact'),
		field('BEGINDATE', 'date', 'Start date'),
		field('CLOSEDATE', 'date', 'End date'),
		field('OPENED', 'char', 'Available to everyone'),
		field('ASSIGNED_BY_ID', 'user', 'Responsible person'),
		...audit('CREATED_BY', 'UPDATED_BY', 'CREATED_TIME', 'UPDATED_TIME'),
	];
}
