import { classicRecordResource } from './classic-record';
import type { ClassicRecord } from './classic-record';
import {
	assigned,
	choose,
	comments,
	companyId,
	contactId,
	currency,
	opened,
	opportunity,
	source,
	title,
} from './classic-fields';

export const DEAL: ClassicRecord = {
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
			path: 'CATEGORY_ID',
			label: 'Pipeline Name or ID',
			type: 'options',
			loadOptionsMethod: 'getDealCategories',
			description:
				'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		},
		{
			name: 'stageId',
			path: 'STAGE_ID',
			label: 'Stage Name or ID',
			type: 'options',
			loadOptionsMethod: 'getDealStages',
			// reloads when the Pipeline beside it changes
			loadOptionsDependsOn: ['&categoryId'],
			description: choose('Stages of the chosen pipeline, or of all pipelines'),
		},
		opportunity,
		currency,
		assigned,
		contactId,
		companyId,
		{ name: 'beginDate', path: 'BEGINDATE', label: 'Start Date', type: 'dateTime' },
		{ name: 'closeDate', path: 'CLOSEDATE', label: 'Close Date', type: 'dateTime' },
		{ name: 'probability', path: 'PROBABILITY', label: 'Probability (%)', type: 'number' },
		source,
		opened,
		comments,
	],
};

export const dealResource = classicRecordResource(DEAL);
