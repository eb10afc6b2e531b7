import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions/options';
import { bitrix24Call, uploadToPortal } from '../../../shared/transport';
import { paramError, parseJsonParam, readPositiveId } from '../params';
import type { RunOperation } from '../types';
import { withoutDownloadUrl } from './download-links';

/**
 * The Upload operation of storages and folders (disk.storage.uploadFile, disk.folder.uploadFile):
 * both take the same target ID, binary field and options, and answer the same way.
 */

/** Above this size Auto sends the file to an upload URL instead of as base64 in the call. */
const INLINE_LIMIT_BYTES = 10 * 1024 * 1024;

function uploadProperties(resource: string, target: INodeProperties): INodeProperties[] {
	return updateDisplayOptions({ show: { resource: [resource], operation: ['upload'] } }, [
		target,
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the input binary field containing the file to be uploaded',
		},
		optionsCollection([
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				description: "Name of the file in Bitrix24; empty uses the binary data's file name",
			},
			{
				displayName: 'Generate Unique Name',
				name: 'generateUniqueName',
				type: 'boolean',
				default: false,
				description:
					'Whether to name the file "name (1).ext" when the name is taken, instead of failing',
			},
			{
				displayName: 'Rights (JSON)',
				name: 'rights',
				type: 'json',
				default: '[]',
				description: 'Access rights, e.g. [{"TASK_ID": 42, "ACCESS_CODE": "U35"}]',
			},
			{
				displayName: 'Upload Method',
				name: 'uploadMethod',
				type: 'options',
				default: 'auto',
				options: [
					{
						name: 'Auto',
						value: 'auto',
						description: 'Base64 in the call up to 10 MB, an upload URL above',
					},
					{
						name: 'In the Call (Base64)',
						value: 'inline',
						description: 'Send the file as base64 in fileContent',
					},
					{
						name: 'Upload URL (Multipart)',
						value: 'uploadUrl',
						description: 'Ask for an upload URL, then post the file to it',
					},
				],
			},
		]),
	]);
}

/** The Rights option: a JSON list of {TASK_ID, ACCESS_CODE}; empty or [] sends none. */
function readRights(
	ctx: IExecuteFunctions,
	raw: unknown,
	itemIndex: number,
): IDataObject[] | undefined {
	const value = parseJsonParam(ctx, raw, 'Rights (JSON)', itemIndex, 'any');
	if (value === undefined || value === null || (typeof value === 'string' && !value.trim()))
		return undefined;
	if (!Array.isArray(value))
		throw paramError(
			ctx,
			itemIndex,
			'Rights (JSON)',
			'must be a JSON array of {"TASK_ID", "ACCESS_CODE"} objects',
		);
	return value.length ? (value as IDataObject[]) : undefined;
}

/**
 * Upload: a binary field of the input item becomes a Drive file, as base64 in `fileContent`, or
 * for big files through the documented two steps (the call without fileContent answers
 * `{field, uploadUrl}`; the file then goes to that URL as multipart/form-data).
 */
export function uploadOperation(
	resource: string,
	method: string,
	target: INodeProperties,
	/** version 2's field for the target, where it differs (a picker) */
	v2Target?: INodeProperties,
): RunOperation {
	return {
		description: uploadProperties(resource, target),
		...(v2Target ? { v2Description: uploadProperties(resource, v2Target) } : {}),
		async run(itemIndex) {
			const id = readPositiveId(
				this,
				this.getNodeParameter(target.name, itemIndex, '', { extractValue: true }),
				target.displayName,
				itemIndex,
			);
			const property = String(
				this.getNodeParameter('binaryPropertyName', itemIndex, 'data'),
			).trim();
			const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			if (!property || !this.getInputData()[itemIndex]?.binary?.[property]) {
				throw paramError(
					this,
					itemIndex,
					'Input Binary Field',
					`the item has no binary field "${property}"`,
				);
			}
			const binary = this.helpers.assertBinaryData(itemIndex, property);
			const content = await this.helpers.getBinaryDataBuffer(itemIndex, property);
			const name =
				(typeof options.fileName === 'string' && options.fileName.trim()) || binary.fileName || '';
			if (!name)
				throw paramError(
					this,
					itemIndex,
					'File Name',
					'is required: the binary data has no file name',
				);
			const params: IDataObject = { id, data: { NAME: name } };
			if (options.generateUniqueName === true) params.generateUniqueName = true;
			const rights = readRights(this, options.rights, itemIndex);
			if (rights) params.rights = rights;
			const mode = (options.uploadMethod as string | undefined) ?? 'auto';
			const inline = mode === 'inline' || (mode === 'auto' && content.length <= INLINE_LIMIT_BYTES);
			if (inline) {
				const envelope = await bitrix24Call(
					this,
					method,
					{ ...params, fileContent: [name, content.toString('base64')] },
					itemIndex,
				);
				return withoutDownloadUrl((envelope.result ?? {}) as IDataObject);
			}
			const ticket = (await bitrix24Call(this, method, params, itemIndex))
				.result as IDataObject | null;
			const uploadUrl = typeof ticket?.uploadUrl === 'string' ? ticket.uploadUrl : '';
			if (!uploadUrl) {
				throw new NodeApiError(
					this.getNode(),
					{ message: 'no upload URL' },
					{
						message: `Bitrix24: ${method} gave no upload URL`,
						itemIndex,
					},
				);
			}
			const field = typeof ticket?.field === 'string' && ticket.field ? ticket.field : 'file';
			const file = await uploadToPortal(
				this,
				uploadUrl,
				field,
				{ name, mimeType: binary.mimeType ?? '', content },
				itemIndex,
			);
			return withoutDownloadUrl(file);
		},
	};
}
