import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { pickersSinceV2 } from '../method-table/build';
import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { paramError } from '../params';
import { RECORD_OF_TYPE } from './locators';
import { listParam } from './pickers';

/**
 * Automation triggers of CRM records: crm.automation.trigger (the "incoming webhook" trigger a
 * user sets up in Automation; target TYPENAME_ID and the trigger's code) and
 * crm.automation.trigger.execute (a trigger an application registered; application OAuth only).
 */

const ENTITY_TYPE_NAMES: Record<number, string> = {
	1: 'LEAD',
	2: 'DEAL',
	3: 'CONTACT',
	4: 'COMPANY',
	7: 'QUOTE',
	31: 'SMART_INVOICE',
};

/** entityTypeName as the CRM spells it: DEAL, SMART_INVOICE, DYNAMIC_<entityTypeId> */
function entityTypeName(ctx: IExecuteFunctions, itemIndex: number, value: unknown): string {
	const id = Number(value);
	if (ENTITY_TYPE_NAMES[id]) return ENTITY_TYPE_NAMES[id];
	if (Number.isInteger(id) && id >= 128) return `DYNAMIC_${id}`;
	throw paramError(
		ctx,
		itemIndex,
		'Entity Type Name or ID',
		`"${String(value)}" is not a CRM entity type with automation`,
	);
}

const entityType = (path: string): ParamSpec =>
	listParam(
		'entityTypeId',
		'Entity Type Name or ID',
		path,
		'getEntityTypes',
		'The CRM type of the record; triggers exist in leads, deals, quotes, invoices and smart processes',
	);
const recordId = (path: string): ParamSpec => ({
	name: 'recordId',
	label: 'Record',
	path,
	type: 'id',
	required: true,
	description: 'The CRM record (of the Entity Type)',
	locator: RECORD_OF_TYPE,
});

const methods: MethodSpec[] = pickersSinceV2(
	[
		{
			value: 'fire',
			name: 'Fire',
			action: 'Fire an automation trigger',
			description:
				'Fire the "incoming webhook" trigger of a record, which can move it to another stage (crm.automation.trigger)',
			method: 'crm.automation.trigger',
			params: [
				entityType('target'),
				recordId('recordId'),
				{
					name: 'code',
					label: 'Trigger Code',
					path: 'code',
					type: 'string',
					placeholder: 'nwly5',
					description:
						'The code shown in the trigger settings; without it the first trigger without a code fires',
				},
			],
			// target is TYPENAME_ID, e.g. DEAL_25
			adjust: (ctx, itemIndex, params) => {
				const { recordId: id, target, ...rest } = params;
				return { ...rest, target: `${entityTypeName(ctx, itemIndex, target)}_${String(id)}` };
			},
			shape: (_ctx, result, params): IDataObject => ({
				target: params.target as string,
				fired: result === true,
			}),
		},
		{
			value: 'execute',
			name: 'Execute Application Trigger',
			action: 'Execute an application trigger',
			description:
				'Execute a trigger the application registered, for a record (crm.automation.trigger.execute; application OAuth2 with CRM administrator rights only)',
			method: 'crm.automation.trigger.execute',
			params: [
				entityType('OWNER_TYPE_ID'),
				recordId('OWNER_ID'),
				{
					name: 'code',
					label: 'Trigger Code',
					path: 'CODE',
					type: 'string',
					required: true,
					placeholder: 'payment_received',
					description:
						'CODE the application registered the trigger with (crm.automation.trigger.add)',
					pattern: { match: /^[a-z0-9.\-_]+$/, hint: 'may only hold a-z, 0-9, ".", "-" and "_"' },
				},
			],
			adjust: (ctx, itemIndex, params) => {
				entityTypeName(ctx, itemIndex, params.OWNER_TYPE_ID);
				return { ...params, OWNER_TYPE_ID: Number(params.OWNER_TYPE_ID) };
			},
			shape: (_ctx, result, params): IDataObject => ({
				ownerTypeId: params.OWNER_TYPE_ID as number,
				ownerId: params.OWNER_ID as number,
				code: params.CODE as string,
				executed: result === true,
			}),
		},
	],
	['recordId'],
);

export const automationSpec: ResourceSpec = {
	value: 'crmAutomationTrigger',
	name: 'CRM Automation Trigger',
	description: 'Automation triggers of CRM records',
	methods,
};
