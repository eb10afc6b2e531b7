import type { INodeProperties, INodeTypeBaseDescription, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	authenticationProperty,
	bitrix24Credentials,
} from '../../shared/descriptions/authentication';
import { requestOptionsProperty } from '../../shared/descriptions/rate-limits';
import { resources } from '../actions/areas';
import { crmItemCommon } from '../actions/crm/item-resource';
import type { Operation } from '../actions/types';
import { releasedV2 } from './released-v2';

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

/** An operation's parameters as the given node version shows them. */
export function operationDescription(operation: Operation, version: number): INodeProperties[] {
	if (version < 2 || !operation.v2Description) return operation.description;
	return version === 2 ? releasedV2(operation.v2Description) : operation.v2Description;
}

/**
 * The action node's description of one version. All versions offer the same resources and
 * operations; version 2 speaks the output and option vocabulary of DESIGN.md (list options
 * in `options`, Simplify, Create answering the record), version 1 stays as released, version 3
 * is version 2 with the pickers that came after version 2 was released (released-v2.ts).
 */
export function versionDescription(
	base: INodeTypeBaseDescription,
	version: number,
): INodeTypeDescription {
	return {
		...base,
		version,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		defaults: { name: 'Bitrix24' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: bitrix24Credentials,
		properties: [
			authenticationProperty('bitrix24WebhookApi'),
			resource,
			...operations,
			...crmItemCommon,
			...resources.flatMap((entry) =>
				entry.operations.flatMap((op) => operationDescription(op.operation, version)),
			),
			requestOptionsProperty,
		],
	};
}
