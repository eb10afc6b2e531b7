import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { crmItemCommon } from './actions/crm/item';
import { listSearch, loadOptions, resourceMapping } from './actions/registry';
import { resources } from './actions/areas';
import { router } from './actions/router';
import { authenticationProperty, bitrix24Credentials } from '../shared/descriptions/authentication';
import { requestOptionsProperty } from '../shared/descriptions/rate-limits';

const resource: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: resources
		.map(({ name, value, description }) => ({ name, value, description }))
		.sort((a, b) => a.name.localeCompare(b.name)),
	default: 'deal',
};

const operations: INodeProperties[] = resources.map((entry) => {
	const firstOperation = entry.operations[0].value;
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [entry.value] } },
		options: entry.operations.map(({ name, value, action, description }) => ({
			name,
			value,
			action,
			description,
		})),
		default: firstOperation,
	};
});

const authentication = authenticationProperty('bitrix24WebhookApi');

export class Bitrix24 implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bitrix24',
		name: 'bitrix24',
		icon: { light: 'file:bitrix24.svg', dark: 'file:bitrix24.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Work with Bitrix24: CRM, tasks, messenger, open lines, chat bots, Drive, calendars, workgroups, business processes, lists, telephony, or any REST method',
		defaults: { name: 'Bitrix24' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: bitrix24Credentials,
		properties: [
			authentication,
			resource,
			...operations,
			...crmItemCommon,
			...resources.flatMap((entry) => entry.operations.flatMap((op) => op.operation.description)),
			requestOptionsProperty,
		],
	};

	methods = {
		loadOptions,
		listSearch,
		resourceMapping,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
