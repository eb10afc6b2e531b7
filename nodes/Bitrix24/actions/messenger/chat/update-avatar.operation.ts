import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { RestCall } from '../../../../shared/transport';
import { paramError, readPositiveId } from '../../params';
import type { CallOperation, OperationEntry } from '../../types';
import { chatIdParam, chatPickerProperty } from '../dialog-id';
import { success } from '../success';

/** im.chat.updateAvatar takes base64: from an input item's binary property, or typed in. */
const chatIdProperty: INodeProperties = {
	displayName: 'Chat ID',
	name: 'chatId',
	type: 'string',
	default: '',
	required: true,
	description: chatIdParam.description,
};

/** Everything after the chat: where the image comes from. */
const imageProperties: INodeProperties[] = [
	{
		displayName: 'Image Source',
		name: 'imageSource',
		type: 'options',
		default: 'binary',
		options: [
			{
				name: 'Binary File',
				value: 'binary',
				description: 'An image in a binary property of the input item',
			},
			{
				name: 'Base64 Text',
				value: 'base64',
				description: 'An image typed in or mapped as base64 text',
			},
		],
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field containing the image',
		displayOptions: { show: { imageSource: ['binary'] } },
	},
	{
		displayName: 'Image (Base64)',
		name: 'imageBase64',
		type: 'string',
		default: '',
		required: true,
		description: 'The image as base64 text (at most 5000x5000)',
		displayOptions: { show: { imageSource: ['base64'] } },
	},
];

const shown = { show: { resource: ['chat'], operation: ['updateAvatar'] } };

const operation: CallOperation = {
	description: updateDisplayOptions(shown, [chatIdProperty, ...imageProperties]),
	v2Description: updateDisplayOptions(shown, [chatPickerProperty, ...imageProperties]),
	async plan(itemIndex): Promise<RestCall> {
		const chatId = readPositiveId(
			this,
			this.getNodeParameter('chatId', itemIndex, '', { extractValue: true }),
			'Chat ID',
			itemIndex,
		);
		let avatar: string;
		if (this.getNodeParameter('imageSource', itemIndex) === 'binary') {
			const property = String(this.getNodeParameter('binaryPropertyName', itemIndex)).trim();
			const binary = this.getInputData()[itemIndex]?.binary?.[property];
			if (!binary)
				throw paramError(
					this,
					itemIndex,
					'Input Binary Field',
					`the input item has no binary field "${property}"`,
				);
			if (binary.mimeType && !binary.mimeType.startsWith('image/')) {
				throw paramError(
					this,
					itemIndex,
					'Input Binary Field',
					`"${property}" is ${binary.mimeType}, not an image`,
				);
			}
			avatar = (await this.helpers.getBinaryDataBuffer(itemIndex, property)).toString('base64');
		} else {
			avatar = String(this.getNodeParameter('imageBase64', itemIndex))
				.replace(/^data:[^,]*,/, '')
				.trim();
			if (!avatar) throw paramError(this, itemIndex, 'Image (Base64)', 'is required');
			if (!/^[A-Za-z0-9+/=\s]+$/.test(avatar))
				throw paramError(this, itemIndex, 'Image (Base64)', 'is not base64 text');
		}
		return { method: 'im.chat.updateAvatar', params: { CHAT_ID: chatId, AVATAR: avatar } };
	},
	shape(envelope, _itemIndex, call) {
		return success({ chatId: 'CHAT_ID' })(this, envelope.result, call.params ?? {});
	},
};

export const updateAvatar: OperationEntry = {
	value: 'updateAvatar',
	name: 'Update Avatar',
	action: 'Update the avatar of a chat',
	description: "Set a chat's picture from a binary file or base64 (im.chat.updateAvatar)",
	operation,
};
