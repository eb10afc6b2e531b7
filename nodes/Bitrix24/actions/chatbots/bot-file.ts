import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { MethodSpec, ResourceSpec } from '../method-table/spec';
import { paramError, takeParam } from '../params';
import { downloadBotFile } from './bot-file/download.operation';
import { BOT_ID, BOT_TOKEN, DIALOG_ID } from './bot-params';

/** Files a bot sends and fetches: imbot.v2.File.upload / download (chat-bots-v2/imbot.v2/files). */

/** The docs' limit for `fields.content`: 100 MB (FILE_TOO_LARGE above it). */
const MAX_BYTES = 100 * 1024 * 1024;

/** The item's binary field as `fields.name` and base64 `fields.content` (without a data: prefix). */
async function attachBinary(
	ctx: IExecuteFunctions,
	itemIndex: number,
	params: IDataObject,
): Promise<IDataObject> {
	const property = String(takeParam(params, 'binaryPropertyName') ?? 'data').trim();
	const fileName = String(takeParam(params, 'fileName') ?? '').trim();
	if (!property || !ctx.getInputData()[itemIndex]?.binary?.[property])
		throw paramError(
			ctx,
			itemIndex,
			'Input Binary Field',
			`the item has no binary field "${property}"`,
		);
	const binary = ctx.helpers.assertBinaryData(itemIndex, property);
	const content = await ctx.helpers.getBinaryDataBuffer(itemIndex, property);
	const name = fileName || binary.fileName || '';
	if (!name)
		throw paramError(ctx, itemIndex, 'File Name', 'is required: the binary data has no file name');
	if (content.length === 0)
		throw paramError(ctx, itemIndex, 'Input Binary Field', `the file in "${property}" is empty`);
	if (content.length > MAX_BYTES)
		throw paramError(ctx, itemIndex, 'Input Binary Field', 'the file is larger than 100 MB');
	const fields = (params.fields ?? {}) as IDataObject;
	params.fields = { ...fields, name, content: content.toString('base64') };
	return params;
}

const methods: MethodSpec[] = [
	{
		value: 'upload',
		name: 'Upload',
		action: 'Upload a file to a chat as a bot',
		description:
			'Send a file from an input binary field to a chat on behalf of the bot, with an optional message (imbot.v2.File.upload)',
		method: 'imbot.v2.File.upload',
		params: [
			BOT_ID,
			DIALOG_ID,
			{
				name: 'binaryPropertyName',
				label: 'Input Binary Field',
				path: 'binaryPropertyName',
				type: 'string',
				required: true,
				default: 'data',
				description: 'The name of the input binary field containing the file to be uploaded',
			},
			BOT_TOKEN,
			{
				name: 'message',
				label: 'Message',
				path: 'fields.message',
				type: 'text',
				description: 'Text sent along with the file',
			},
			{
				name: 'fileName',
				label: 'File Name',
				path: 'fileName',
				type: 'string',
				description:
					"Name of the file in the chat, with its extension; empty uses the binary data's file name",
			},
		],
		adjust: attachBinary,
	},
];

export const botFileSpec: ResourceSpec = {
	value: 'chatBotFile',
	name: 'Chat Bot File',
	description: 'Files a chat bot sends to a chat or downloads from it',
	methods,
	operations: [downloadBotFile],
	first: 'upload',
};
