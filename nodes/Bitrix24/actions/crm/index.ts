import { methodResource } from '../method-table/build';
import type { Area } from '../types';
import { activitySpec } from './activity';
import { activityBindingSpec } from './activity-binding';
import { automationSpec } from './automation';
import { companyResource } from './company';
import { contactResource } from './contact';
import { currencyLoadOptions, currencySpec } from './currency';
import { customFieldLoadOptions, customFieldSpec } from './custom-field';
import { documentSpec } from './document';
import { dealResource } from './deal';
import { duplicateSpec } from './duplicate';
import { crmExtrasLoadOptions } from './extras-load-options';
import { fixedItemResources } from './fixed-items';
import { crmItemResource } from './item-resource';
import { leadResource } from './lead';
import { linkSpecs } from './links';
import { pipelineSpec } from './pipeline';
import { crmRecordSearches } from './record-search';
import { productRowSpec } from './product-row';
import { recurringDealSpec } from './recurring-deal';
import { referenceSpec } from './reference';
import { addressSpec } from './address';
import { requisiteLoadOptions, requisiteSpec } from './requisite';
import { requisiteBankDetailSpec } from './requisite-bank-detail';
import { smartProcessTypeSpec } from './smart-process-type';
import { stageSpec } from './stage';
import { stageHistorySpec } from './stage-history';
import { timelineCommentSpec } from './timeline-comment';
import { timelineLogSpec } from './timeline-log';
import { timelineNoteSpec } from './timeline-note';

/**
 * The CRM: the classic records (deal, lead, contact, company), any entity type through crm.item
 * (smart processes included), and activities, timeline comments, product rows, pipelines, stages;
 * quotes and invoices (crm.item with a fixed type); duplicates by phone or e-mail and the links between records (deal/lead contacts, contact
 * companies, company contacts).
 * The records' pickers and field mapping are in ../../methods.
 */
export const crmArea: Area = {
	resources: [
		dealResource,
		leadResource,
		contactResource,
		companyResource,
		crmItemResource,
		...fixedItemResources,
		...[activitySpec, timelineCommentSpec, productRowSpec, pipelineSpec, stageSpec].map((spec) =>
			methodResource(spec),
		),
		...[duplicateSpec, ...linkSpecs].map((spec) => methodResource(spec)),
		...[requisiteSpec, requisiteBankDetailSpec, addressSpec].map((spec) => methodResource(spec)),
		...[customFieldSpec, smartProcessTypeSpec, currencySpec].map((spec) => methodResource(spec)),
		...[automationSpec, timelineLogSpec].map((spec) => methodResource(spec)),
		methodResource(documentSpec),
		...[stageHistorySpec, activityBindingSpec, timelineNoteSpec].map((spec) =>
			methodResource(spec),
		),
		...[recurringDealSpec, referenceSpec].map((spec) => methodResource(spec)),
	],
	loadOptions: {
		...crmExtrasLoadOptions,
		...customFieldLoadOptions,
		...requisiteLoadOptions,
		...currencyLoadOptions,
	},
	listSearch: crmRecordSearches,
};
