import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { createdId, done, fieldList } from './answers';
import { requireChangedFields } from './changed-fields';

/**
 * crm.deal.recurring.*: templates that create deals on a schedule. A template is its settings
 * (ID, the `id` of these methods) and a template deal (DEAL_ID) holding the future deals' fields;
 * Create copies the given deal into the template deal (BASED_ID is the source).
 */

const DEAL_LOCATOR: NonNullable<ParamSpec['locator']> = {
	searchListMethod: 'searchDeals',
	urlPattern: '/crm/deal/details/(\\d+)',
	urlPlaceholder: 'https://your-portal.bitrix24.com/crm/deal/details/42/',
};

const PERIODS = ['day', 'week', 'month', 'year'].map((value) => ({
	name: value[0].toUpperCase() + value.slice(1),
	value,
}));
const DATE = { match: /^\d{4}-\d{2}-\d{2}$/, hint: 'is not a date as YYYY-MM-DD' };

const templateId: ParamSpec = {
	name: 'recurringId',
	label: 'Recurring Deal ID',
	path: 'id',
	type: 'id',
	required: true,
	description: 'ID of the recurring deal settings (ID in Get Many), not the deal’s',
};

const period = (name: string, label: string, path: string, description: string): ParamSpec => ({
	name,
	label,
	path: `fields.PARAMS.${path}`,
	type: 'options',
	options: PERIODS,
	default: 'day',
	description,
});
const amount = (name: string, label: string, path: string, description: string): ParamSpec => ({
	name,
	label,
	path: `fields.PARAMS.${path}`,
	type: 'number',
	description,
});

/** The settings Create and Update share (fields.* and fields.PARAMS.*). */
const settings: ParamSpec[] = [
	{ name: 'active', label: 'Active', path: 'fields.ACTIVE', type: 'yesNo' },
	{
		name: 'categoryId',
		label: 'Pipeline Name or ID',
		path: 'fields.CATEGORY_ID',
		type: 'options',
		loadOptionsMethod: 'getDealCategories',
		description:
			'The pipeline of the deals the template creates. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		name: 'startDate',
		label: 'Start Date',
		path: 'fields.START_DATE',
		type: 'string',
		placeholder: '2025-01-31',
		pattern: DATE,
		description: 'From when the next run is calculated (YYYY-MM-DD); today when not set',
	},
	{
		name: 'isLimit',
		label: 'Limit',
		path: 'fields.IS_LIMIT',
		type: 'options',
		options: [
			{ name: 'No Limit', value: 'N' },
			{ name: 'By Date', value: 'D' },
			{ name: 'By Number of Deals', value: 'T' },
		],
		default: 'N',
		description: 'When the template stops creating deals',
	},
	{
		name: 'limitDate',
		label: 'Limit Date',
		path: 'fields.LIMIT_DATE',
		type: 'string',
		placeholder: '2025-12-31',
		pattern: DATE,
		description: 'The last day deals are created (YYYY-MM-DD), with Limit By Date',
	},
	{
		name: 'limitRepeat',
		label: 'Limit Repeat',
		path: 'fields.LIMIT_REPEAT',
		type: 'number',
		description: 'How many deals the template creates at most, with Limit By Number of Deals',
	},
	{
		name: 'mode',
		label: 'Mode',
		path: 'fields.PARAMS.MODE',
		type: 'options',
		options: [
			{ name: 'Multiple', value: 'multiple' },
			{ name: 'Single', value: 'single' },
		],
		default: 'multiple',
		description: 'Whether deals are created repeatedly or once',
	},
	period(
		'multipleType',
		'Repeat Every (Unit)',
		'MULTIPLE_TYPE',
		'The period unit, with Mode Multiple',
	),
	amount(
		'multipleInterval',
		'Repeat Every',
		'MULTIPLE_INTERVAL',
		'How many periods between deals, with Mode Multiple',
	),
	period(
		'singleBeforeStartDateType',
		'Before Start Date (Unit)',
		'SINGLE_BEFORE_START_DATE_TYPE',
		'The offset unit, with Mode Single',
	),
	amount(
		'singleBeforeStartDateValue',
		'Before Start Date',
		'SINGLE_BEFORE_START_DATE_VALUE',
		'How long before the start date the deal is created, with Mode Single',
	),
	period(
		'offsetBegindateType',
		'Start Date Offset (Unit)',
		'OFFSET_BEGINDATE_TYPE',
		'The offset unit of the new deal’s start date',
	),
	amount(
		'offsetBegindateValue',
		'Start Date Offset',
		'OFFSET_BEGINDATE_VALUE',
		'The new deal’s start date, this long after its creation',
	),
	period(
		'offsetClosedateType',
		'Close Date Offset (Unit)',
		'OFFSET_CLOSEDATE_TYPE',
		'The offset unit of the new deal’s close date',
	),
	amount(
		'offsetClosedateValue',
		'Close Date Offset',
		'OFFSET_CLOSEDATE_VALUE',
		'The new deal’s close date, this long after its creation',
	),
];

const methods: MethodSpec[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create a recurring deal template',
		description:
			'Make a deal the template of deals created on a schedule; it is copied into the template deal (crm.deal.recurring.add)',
		method: 'crm.deal.recurring.add',
		params: [
			{
				name: 'dealId',
				label: 'Deal',
				path: 'fields.DEAL_ID',
				type: 'id',
				required: true,
				description: 'The deal whose fields the created deals get',
				locator: DEAL_LOCATOR,
			},
			...settings,
		],
		shape: createdId,
	},
	{
		value: 'createDeal',
		name: 'Create Deal',
		action: 'Create a deal from a recurring deal template',
		description: 'Create a deal from the template now, off schedule (crm.deal.recurring.expose)',
		method: 'crm.deal.recurring.expose',
		params: [templateId],
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a recurring deal template',
		description:
			'Delete the settings of a template whose template deal no longer exists; deleting the template deal deletes both (crm.deal.recurring.delete)',
		method: 'crm.deal.recurring.delete',
		params: [templateId],
		shape: done('deleted'),
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get a recurring deal template',
		description: 'Get the settings of a recurring deal template (crm.deal.recurring.get)',
		method: 'crm.deal.recurring.get',
		params: [templateId],
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many recurring deal templates',
		description: 'List the recurring deal templates (crm.deal.recurring.list)',
		method: 'crm.deal.recurring.list',
		params: [],
		list: { rowsAt: [], idKey: 'id', paging: 'offset', selectParam: false },
	},
	{
		value: 'getFields',
		name: 'Get Fields',
		action: 'Get the fields of recurring deal templates',
		description: 'Describe the settings of recurring deal templates (crm.deal.recurring.fields)',
		method: 'crm.deal.recurring.fields',
		params: [],
		shape: fieldList,
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update a recurring deal template',
		description: 'Change the schedule or limits of a template (crm.deal.recurring.update)',
		method: 'crm.deal.recurring.update',
		params: [templateId, ...settings],
		adjust: (ctx, itemIndex, params) => requireChangedFields(ctx, itemIndex, params),
		shape: done('updated'),
	},
];

export const recurringDealSpec: ResourceSpec = {
	value: 'crmRecurringDeal',
	name: 'CRM Recurring Deal',
	description: 'Templates that create deals on a schedule',
	methods,
	first: 'create',
};
