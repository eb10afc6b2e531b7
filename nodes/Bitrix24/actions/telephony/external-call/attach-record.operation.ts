import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../../shared/descriptions/options';
import type { RestCall } from '../../../../shared/transport';
import { paramError } from '../../params';
import type { CallOperation, OperationEntry } from '../../types';

/**
 * Attach Record (telephony.externalCall.attachRecord): the recording of a finished call, either an
 * input binary field sent as base64 in FILE_CONTENT with its FILENAME, or a RECORD_URL Bitrix24
 * downloads itself. Hand-written because the two sources need different fields.
 */
const RECORD_EXTENSION = /\.(wav|mp3)$/i;

const properties = updateDisplayOptions(
	{ show: { resource: ['externalCall'], operation: ['attachRecord'] } },
	[
		{
			displayName: 'Call ID',
			name: 'callId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'externalCall.716f1cb7...',
			description: 'CALL_ID from Register; the call must be finished',
		},
		{
			displayName: 'Record Source',
			name: 'recordSource',
			type: 'options',
			default: 'binary',
			options: [
				{
					name: 'Binary File',
					value: 'binary',
					description: 'An input binary field, sent as base64',
				},
				{ name: 'URL', value: 'url', description: 'A link Bitrix24 downloads the record from' },
			],
		},
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the input binary field containing the record (.wav or .mp3)',
			displayOptions: { show: { recordSource: ['binary'] } },
		},
		{
			displayName: 'Record URL',
			name: 'recordUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://pbx.example.com/records/call-42.mp3',
			description: 'Where Bitrix24 downloads the record from; it must be reachable quickly',
			displayOptions: { show: { recordSource: ['url'] } },
		},
		optionsCollection([
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				description:
					"Name of the record file (.wav or .mp3); empty uses the binary data's file name, or the name in the URL",
			},
		]),
	],
);

function callParams(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const callId = String(ctx.getNodeParameter('callId', itemIndex, '')).trim();
	if (!callId) throw paramError(ctx, itemIndex, 'Call ID', 'is required');
	return { CALL_ID: callId };
}

const operation: CallOperation = {
	description: properties,
	async plan(itemIndex): Promise<RestCall> {
		const params = callParams(this, itemIndex);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const fileName = typeof options.fileName === 'string' ? options.fileName.trim() : '';
		if (this.getNodeParameter('recordSource', itemIndex, 'binary') === 'url') {
			const url = String(this.getNodeParameter('recordUrl', itemIndex, '')).trim();
			if (!/^https?:\/\/\S+$/i.test(url))
				throw paramError(this, itemIndex, 'Record URL', `"${url}" is not an http(s) link`);
			return {
				method: 'telephony.externalCall.attachRecord',
				params: { ...params, RECORD_URL: url, ...(fileName ? { FILENAME: fileName } : {}) },
			};
		}
		const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
		if (!property || !this.getInputData()[itemIndex]?.binary?.[property]) {
			throw paramError(
				this,
				itemIndex,
				'Input Binary Field',
				`the item has no binary field "${property}"`,
			);
		}
		const binary = this.helpers.assertBinaryData(itemIndex, property);
		const name = fileName || binary.fileName || '';
		if (!RECORD_EXTENSION.test(name)) {
			throw paramError(
				this,
				itemIndex,
				'File Name',
				`"${name}" must end in .wav or .mp3, the only records Bitrix24 takes`,
			);
		}
		const content = await this.helpers.getBinaryDataBuffer(itemIndex, property);
		return {
			method: 'telephony.externalCall.attachRecord',
			params: { ...params, FILENAME: name, FILE_CONTENT: content.toString('base64') },
		};
	},
	shape(envelope, _itemIndex, call) {
		return { CALL_ID: call.params?.CALL_ID as string, ...((envelope.result ?? {}) as IDataObject) };
	},
};

export const attachRecordEntry: OperationEntry = {
	value: 'attachRecord',
	name: 'Attach Record',
	action: 'Attach a record to an external call',
	description:
		'Attach the recording of a finished call, from a binary field (base64) or a URL (telephony.externalCall.attachRecord)',
	operation,
};
