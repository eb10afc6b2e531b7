import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { methodOperation } from '../../method-table/build';
import type { MethodSpec } from '../../method-table/spec';
import { paramError, takeParam } from '../../params';
import type { CallOperation, OperationEntry } from '../../types';

const RESOURCE = 'bizprocRobot';
const VALUE = 'sendResult';

/** The Return Values pairs: RETURN_VALUES of bizproc.event.send, by return property code. */
function returnValues(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const collection = ctx.getNodeParameter('returnValues', itemIndex, {}) as {
		value?: Array<{ name?: string; value?: unknown }>;
	};
	const values: IDataObject = {};
	for (const entry of collection.value ?? []) {
		const name = String(entry.name ?? '').trim();
		if (!name)
			throw paramError(ctx, itemIndex, 'Return Values', 'every value needs a return property code');
		values[name] = entry.value as IDataObject[keyof IDataObject];
	}
	return values;
}

const spec: MethodSpec = {
	value: VALUE,
	name: 'Send Result',
	action: 'Send a robot result to the automation',
	description:
		'Answer the automation rule that ran the robot of a Bitrix24 Robot Trigger, with its return values (bizproc.event.send)',
	method: 'bizproc.event.send',
	params: [
		{
			// not a password field: the value is an expression over the trigger's item, which shows
			// it anyway, and it answers one robot run once (the credential is what grants access)
			name: 'eventKey',
			label: 'Event Token',
			path: 'EVENT_TOKEN',
			type: 'string',
			required: true,
			default: '={{ $json.eventToken }}',
			description:
				"The eventToken of the Bitrix24 Robot Trigger's item, e.g. {{ $('Bitrix24 Robot Trigger').item.json.eventToken }}. It can be answered once, and only when the robot waits for the result.",
		},
		{
			name: 'returnValuesJson',
			label: 'Return Values (JSON)',
			path: 'RETURN_VALUES',
			type: 'json',
			description:
				'Return values as a JSON object by return property code, e.g. {"score": 7, "tags": ["a", "b"]}; merged over Return Values',
		},
		{
			name: 'logMessage',
			label: 'Log Message',
			path: 'LOG_MESSAGE',
			type: 'text',
			description: "A line for the workflow's log (when the template logs events)",
		},
	],
	adjust: (ctx, itemIndex, params) => {
		const call = { ...params };
		const json = takeParam(call, 'RETURN_VALUES');
		if (json !== undefined && (typeof json !== 'object' || json === null || Array.isArray(json)))
			throw paramError(ctx, itemIndex, 'Return Values (JSON)', 'must be a JSON object');
		const merged = {
			...returnValues(ctx, itemIndex),
			...((json as IDataObject | undefined) ?? {}),
		};
		if (Object.keys(merged).length) call.RETURN_VALUES = merged;
		return call;
	},
	shape: (_ctx, result, params) => ({
		sent: result === true,
		returnValues: (params.RETURN_VALUES as IDataObject | undefined) ?? {},
	}),
};

const valuesProperty: INodeProperties = {
	displayName: 'Return Values',
	name: 'returnValues',
	type: 'fixedCollection',
	placeholder: 'Add Value',
	typeOptions: { multipleValues: true },
	default: {},
	description: "Values of the robot's Return Properties, by their code",
	options: [
		{
			displayName: 'Value',
			name: 'value',
			values: [
				{
					displayName: 'Code',
					name: 'name',
					type: 'string',
					default: '',
					placeholder: 'score',
					description: 'The code of a Return Property of the robot',
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
				},
			],
		},
	],
};

/** The pairs go after the required fields, before Additional Fields. */
function withValues(properties: INodeProperties[]): INodeProperties[] {
	const [shown] = updateDisplayOptions({ show: { resource: [RESOURCE], operation: [VALUE] } }, [
		valuesProperty,
	]);
	const at = properties.findIndex((property) => property.name === 'additionalFields');
	return at < 0
		? [...properties, shown]
		: [...properties.slice(0, at), shown, ...properties.slice(at)];
}

const base = methodOperation(RESOURCE, spec) as CallOperation;

/** A table row plus the code/value pairs a table cannot describe. */
export const sendResultOperation: OperationEntry = {
	value: VALUE,
	name: spec.name,
	action: spec.action,
	description: spec.description,
	operation: { ...base, description: withValues(base.description) },
};
