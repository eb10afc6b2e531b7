/** The poll trigger's parameters. */
import type { INodeProperties } from 'n8n-workflow';

import { authenticationProperty } from '../shared/descriptions/authentication';
import { RECORD_TYPES } from './record-types';

export const pollProperties: INodeProperties[] = [
	authenticationProperty('bitrix24WebhookApi'),
	{
		displayName:
			'Checks Bitrix24 at the Poll Times below; no public URL is needed. Changes made in the same second are told apart by ID; deletions are not seen (use the Bitrix24 Trigger for those).',
		name: 'pollNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Record',
		name: 'record',
		type: 'options',
		noDataExpression: true,
		options: RECORD_TYPES.map((type) => ({
			name: type.name,
			value: type.value,
			description: `Read with ${type.method}`,
		})),
		default: 'deal',
	},
	{
		displayName: 'Entity Type Name or ID',
		name: 'entityTypeId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getEntityTypes', loadOptionsDependsOn: ['authentication'] },
		displayOptions: { show: { record: ['item'] } },
		required: true,
		default: '',
		description:
			'The smart process or other CRM type to watch (crm.item.list). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Trigger On',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'New',
				value: 'new',
				description: 'Records created since the last poll (by their creation time)',
			},
			{
				name: 'New or Updated',
				value: 'newOrUpdated',
				description:
					'Records created or changed since the last poll (by their modification time), once per change',
			},
		],
		default: 'new',
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: false,
		description: 'Whether to return only the main fields of each record instead of all of them',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Responsible User Name or ID',
				name: 'responsibleId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getUsers', loadOptionsDependsOn: ['authentication'] },
				default: '',
				description:
					'Only records this user is responsible for. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Pipeline Name or ID',
				name: 'categoryId',
				type: 'options',
				typeOptions: {
					loadOptionsMethod: 'getDealCategories',
					loadOptionsDependsOn: ['authentication'],
				},
				displayOptions: { show: { '/record': ['deal'] } },
				default: '',
				description:
					'Only deals of this pipeline. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Custom Filter (JSON)',
				name: 'custom',
				type: 'json',
				default: '{}',
				placeholder: '{ ">OPPORTUNITY": 1000, "STAGE_ID": "C1:NEW" }',
				description:
					'Any Bitrix24 filter of the list method, as its docs spell it (crm.deal.list: UPPER_CASE fields; crm.item.list: camelCase; prefixes such as >=, %, @). The date the poll watches is set by the trigger.',
			},
		],
	},
];
