import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { paramError, readJsonObject } from '../../params';
import type { CallOperation } from '../../types';

const METHOD_NAME = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;

export const callMethod: CallOperation = {
	description: updateDisplayOptions({ show: { resource: ['method'], operation: ['call'] } }, [
		{
			displayName: 'Method',
			name: 'method',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'crm.deal.list',
			description:
				'Any Bitrix24 REST method, as the REST documentation names it. Calls for many items go out together in batch requests.',
		},
		{
			displayName: 'Parameters (JSON)',
			name: 'parameters',
			type: 'json',
			default: '{}',
			description:
				'The method\'s parameters as a JSON object, e.g. {"filter": {">OPPORTUNITY": 1000}, "select": ["ID", "TITLE"]}',
		},
	]),
	plan(itemIndex) {
		const method = (this.getNodeParameter('method', itemIndex) as string).trim();
		if (!METHOD_NAME.test(method)) {
			throw paramError(
				this,
				itemIndex,
				'Method',
				`"${method}" is not a method name such as crm.deal.list`,
			);
		}
		return { method, params: readJsonObject(this, 'parameters', 'Parameters (JSON)', itemIndex) };
	},
	shape(envelope) {
		const out: IDataObject = { result: envelope.result as IDataObject };
		if (envelope.total !== undefined) out.total = envelope.total;
		if (envelope.next !== undefined) out.next = envelope.next;
		return out;
	},
};
