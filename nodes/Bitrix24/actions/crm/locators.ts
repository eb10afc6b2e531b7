import type { ParamSpec } from '../method-table/spec';

/**
 * How the CRM's other record IDs are picked: From List (the searches of ./record-search.ts), By
 * ID, and By URL where the record has a page of its own (a record's card:
 * /crm/deal/details/42/, /crm/type/128/details/3/ for quotes, invoices and smart processes).
 */
type Locator = NonNullable<ParamSpec['locator']>;

const PORTAL = 'https://your-portal.bitrix24.com';

/** A record's card, of any type: the first group is its ID. */
const ANY_CARD = '/crm/(?:lead|deal|contact|company|type/\\d+)/details/(\\d+)';

/** A record of the entity type chosen beside it (entityTypeId). */
export const RECORD_OF_TYPE: Locator = {
	searchListMethod: 'searchCrmRecords',
	urlPattern: ANY_CARD,
	urlPlaceholder: `${PORTAL}/crm/deal/details/42/`,
};

/** A company or contact, of the type chosen beside it (entityTypeId 4 or 3). */
export const CLIENT_OF_TYPE: Locator = {
	searchListMethod: 'searchCrmRecords',
	urlPattern: '/crm/(?:company|contact)/details/(\\d+)',
	urlPlaceholder: `${PORTAL}/crm/company/details/42/`,
};

/** The company or contact of the address filter (anchorTypeId). */
export const ANCHOR_OF_TYPE: Locator = {
	searchListMethod: 'searchAnchorRecords',
	urlPattern: '/crm/(?:company|contact)/details/(\\d+)',
	urlPlaceholder: `${PORTAL}/crm/company/details/42/`,
};

/** A requisite or a lead (entityTypeId 8 or 1); only leads have a card. */
export const REQUISITE_OR_LEAD: Locator = {
	searchListMethod: 'searchCrmRecords',
	urlPattern: '/crm/lead/details/(\\d+)',
	urlPlaceholder: `${PORTAL}/crm/lead/details/42/`,
};

/** A record of the type chosen beside it as ownerTypeId (activities, comments bound to several). */
export const RECORD_OF_OWNER_TYPE: Locator = {
	...RECORD_OF_TYPE,
	searchListMethod: 'searchCrmOwners',
};

/** A product row owner, of the short type code chosen beside it (ownerType: D, L, Q, SI, T<hex>). */
export const ROW_OWNER: Locator = { ...RECORD_OF_TYPE, searchListMethod: 'searchProductRowOwners' };

/** A timeline comment's record, of the code chosen beside it (entityType: deal, dynamic_128 ...). */
export const RECORD_OF_TIMELINE_CODE: Locator = {
	...RECORD_OF_TYPE,
	searchListMethod: 'searchCrmRecordsByCode',
};

export const ACTIVITY_LOCATOR: Locator = { searchListMethod: 'searchActivities' };

/** A record of the type given by its code (entityType: lead, deal, contact, company). */
export const RECORD_OF_CODE: Locator = {
	searchListMethod: 'searchCrmRecordsByCode',
	urlPattern: '/crm/(?:lead|deal|contact|company)/details/(\\d+)',
	urlPlaceholder: `${PORTAL}/crm/deal/details/42/`,
};

export const REQUISITE_LOCATOR: Locator = { searchListMethod: 'searchRequisites' };
export const BANK_DETAIL_LOCATOR: Locator = { searchListMethod: 'searchBankDetails' };
export const CUSTOM_FIELD_LOCATOR: Locator = { searchListMethod: 'searchCrmCustomFields' };
export const SMART_PROCESS_TYPE_LOCATOR: Locator = { searchListMethod: 'searchSmartProcessTypes' };
export const DOCUMENT_LOCATOR: Locator = { searchListMethod: 'searchDocuments' };
export const TEMPLATE_LOCATOR: Locator = { searchListMethod: 'searchDocumentTemplates' };
