import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { bitrix24Call, downloadFromPortal } from '../../../../shared/transport';
import { paramError, readPositiveId } from '../../params';
import type { OperationEntry } from '../../types';
import { BOT_TOKEN_HINT } from '../bot-params';

/**
 * Download: imbot.v2.File.download answers a one-time `downloadUrl` (it holds an authorization
 * token), then the bytes come from that link with the node's credential. The link itself is
 * never output: the item's json names the bot and the file, the binary holds the content.
 */
export const downloadBotFile: OperationEntry = {
	value: 'download',
	name: 'Download',
	action: 'Download a chat file as a bot',
	description:
		"Download a chat file's content as binary data (imbot.v2.File.download, then its one-time link)",
	operation: {
		description: updateDisplayOptions(
			{ show: { resource: ['chatBotFile'], operation: ['download'] } },
			[
				{
					displayName: 'Bot ID',
					name: 'botId',
					type: 'string',
					default: '',
					required: true,
					description: 'The ID of the bot, as Chat Bot > Register answered it',
				},
				{
					displayName: 'File ID',
					name: 'fileId',
					type: 'string',
					default: '',
					required: true,
					description: 'The ID of the Drive file, as Chat Bot File > Upload answered it (file ID)',
				},
				{
					displayName: 'Put Output File in Field',
					name: 'binaryPropertyName',
					type: 'string',
					default: 'data',
					required: true,
					hint: 'The name of the output binary field to put the file in',
				},
				{
					displayName: 'Additional Fields',
					name: 'additionalFields',
					type: 'collection',
					placeholder: 'Add Field',
					default: {},
					options: [
						{
							displayName: 'Bot Token',
							name: 'botToken',
							type: 'string',
							typeOptions: { password: true },
							default: '',
							description: BOT_TOKEN_HINT,
						},
						{
							displayName: 'File Name',
							name: 'fileName',
							type: 'string',
							default: '',
							description:
								'Name of the output file; empty names it after the file ID (the link does not name it)',
						},
					],
				},
			],
		),
		async run(itemIndex) {
			const botId = readPositiveId(
				this,
				this.getNodeParameter('botId', itemIndex, ''),
				'Bot ID',
				itemIndex,
			);
			const fileId = readPositiveId(
				this,
				this.getNodeParameter('fileId', itemIndex, ''),
				'File ID',
				itemIndex,
			);
			const property = String(
				this.getNodeParameter('binaryPropertyName', itemIndex, 'data'),
			).trim();
			if (!property) throw paramError(this, itemIndex, 'Put Output File in Field', 'is required');
			const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
			const params: IDataObject = { botId, fileId };
			const token = typeof extra.botToken === 'string' ? extra.botToken.trim() : '';
			if (token) params.botToken = token;
			const answer = ((await bitrix24Call(this, 'imbot.v2.File.download', params, itemIndex))
				.result ?? {}) as IDataObject;
			const link = typeof answer.downloadUrl === 'string' ? answer.downloadUrl : '';
			if (!link) {
				throw new NodeApiError(
					this.getNode(),
					{ message: 'no download link' },
					{
						message: `Bitrix24: imbot.v2.File.download gave no download link for file ${fileId}`,
						itemIndex,
					},
				);
			}
			const download = await downloadFromPortal(this, link, itemIndex);
			const name =
				(typeof extra.fileName === 'string' && extra.fileName.trim()) || `file-${fileId}`;
			const binary = await this.helpers.prepareBinaryData(
				download.content,
				name,
				download.mimeType,
			);
			return {
				json: { botId, fileId, size: download.content.length },
				binary: { [property]: binary },
			} as unknown as IDataObject;
		},
	},
};
