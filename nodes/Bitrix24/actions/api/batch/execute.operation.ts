import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { RestCall } from '../../../../shared/transport';
import { BATCH_LIMIT, bitrix24Batch, connect, failureError } from '../../../../shared/transport';
import { paramError, readJsonObject } from '../../params';
import type { RunOperation } from '../../types';
import { optionsCollection } from '../../../../shared/descriptions/options';

const KEY = /^[A-Za-z0-9_]+$/;

interface Command {
	key: string;
	call: RestCall;
}

function readCommands(ctx: IExecuteFunctions, itemIndex: number): Command[] {
	const collection = ctx.getNodeParameter('commands', itemIndex, {}) as {
		command?: Array<{ key?: string; method?: string; parameters?: unknown }>;
	};
	const commands: Command[] = (collection.command ?? []).map((entry, index) => {
		const key = (entry.key ?? '').trim() || `cmd${index}`;
		const method = (entry.method ?? '').trim();
		if (!method) throw paramError(ctx, itemIndex, 'Commands', `command "${key}" has no method`);
		let params: IDataObject = {};
		const raw = entry.parameters;
		if (typeof raw === 'string' && raw.trim()) {
			try {
				params = JSON.parse(raw) as IDataObject;
			} catch (error) {
				throw paramError(
					ctx,
					itemIndex,
					'Commands',
					`the parameters of command "${key}" are not valid JSON (${(error as Error).message})`,
				);
			}
		} else if (raw && typeof raw === 'object') {
			params = raw as IDataObject;
		}
		return { key, call: { method, params } };
	});
	const json = readJsonObject(ctx, 'commandsJson', 'Commands (JSON)', itemIndex);
	for (const [key, value] of Object.entries(json)) {
		const spec = value as IDataObject;
		if (!spec || typeof spec !== 'object' || typeof spec.method !== 'string') {
			throw paramError(
				ctx,
				itemIndex,
				'Commands (JSON)',
				`command "${key}" must be {"method": "...", "params": {...}}`,
			);
		}
		commands.push({
			key,
			call: { method: spec.method, params: (spec.params ?? {}) as IDataObject },
		});
	}
	const seen = new Set<string>();
	for (const { key } of commands) {
		if (!KEY.test(key))
			throw paramError(
				ctx,
				itemIndex,
				'Commands',
				`the key "${key}" may hold only letters, digits and _`,
			);
		if (seen.has(key))
			throw paramError(ctx, itemIndex, 'Commands', `the key "${key}" is used twice`);
		seen.add(key);
	}
	if (commands.length === 0)
		throw paramError(ctx, itemIndex, 'Commands', 'add at least one command');
	if (commands.length > BATCH_LIMIT) {
		throw paramError(
			ctx,
			itemIndex,
			'Commands',
			`a batch holds at most ${BATCH_LIMIT} commands, this one has ${commands.length}`,
		);
	}
	return commands;
}

export const executeBatch: RunOperation = {
	description: updateDisplayOptions({ show: { resource: ['batch'], operation: ['execute'] } }, [
		{
			displayName: 'Commands',
			name: 'commands',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, sortable: true },
			placeholder: 'Add Command',
			default: {},
			description:
				'Up to 50 calls sent as one request. A parameter may refer to an earlier command\'s result, e.g. "$result[deal][ID]".',
			options: [
				{
					displayName: 'Command',
					name: 'command',
					values: [
						{
							displayName: 'Key',
							name: 'key',
							type: 'string',
							default: '',
							description: 'Name of the result; cmd0, cmd1 ... if empty.',
						},
						{
							displayName: 'Method',
							name: 'method',
							type: 'string',
							default: '',
							placeholder: 'crm.deal.get',
						},
						{ displayName: 'Parameters (JSON)', name: 'parameters', type: 'json', default: '{}' },
					],
				},
			],
		},
		{
			displayName: 'Commands (JSON)',
			name: 'commandsJson',
			type: 'json',
			default: '{}',
			description:
				'More commands as a JSON object: {"key": {"method": "crm.deal.get", "params": {"ID": 1}}}, added after the ones above',
		},
		{
			displayName: 'Halt on Error',
			name: 'halt',
			type: 'boolean',
			default: false,
			description: 'Whether Bitrix24 stops running the remaining commands once one fails',
		},
		optionsCollection([
			{
				displayName: 'Command Errors',
				name: 'commandErrors',
				type: 'options',
				default: 'fail',
				options: [
					{
						name: 'Fail the Item',
						value: 'fail',
						description: 'A failing command is an error of the item',
					},
					{
						name: 'Include in Output',
						value: 'include',
						description: 'Failing commands are listed under "errors" of the output item',
					},
				],
			},
		]),
	]),
	async run(itemIndex) {
		const commands = readCommands(this, itemIndex);
		const halt = this.getNodeParameter('halt', itemIndex, false) as boolean;
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const outcomes = await bitrix24Batch(
			this,
			commands.map((command) => command.call),
			commands.map((command) => command.key),
			halt,
		);
		const result: IDataObject = {};
		const errors: IDataObject = {};
		const total: IDataObject = {};
		const next: IDataObject = {};
		for (const [index, outcome] of outcomes.entries()) {
			const { key } = commands[index];
			if (outcome.ok) {
				result[key] = outcome.envelope.result as IDataObject;
				if (outcome.envelope.total !== undefined) total[key] = outcome.envelope.total;
				if (outcome.envelope.next !== undefined) next[key] = outcome.envelope.next;
				continue;
			}
			if (options.commandErrors !== 'include') {
				const error = failureError(this, await connect(this), outcome.error, itemIndex);
				error.message = `${error.message} (batch command "${key}")`;
				throw error;
			}
			errors[key] = {
				error: outcome.error.code,
				error_description: outcome.error.description,
				method: outcome.error.method,
			};
		}
		return { result, errors, total, next };
	},
};
