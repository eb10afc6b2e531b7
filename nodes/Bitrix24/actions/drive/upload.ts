import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { bitrix24Call, downloadFromPortal, uploadToPortal } from '../../../shared/transport';
import { paramError } from '../params';
import type { RunOperation } from '../types';
import { withoutDownloadUrl } from './download-links';
import { optionsCollection } from '../../../shared/descriptions/options';

/** Above this size Auto sends the file to an upload URL instead of as base64 in the call. */
export const INLINE_LIMIT_BYTES = 10 * 1024 * 1024;

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
					description: 'Name of the file in Bitrix24; empty uses the binary data\'s file name',
				},
				{
					displayName: 'Generate Unique Name',
					name: 'generateUniqueName',
					type: 'boolean',
					default: false,
					description: 'Whether to name the file "name (1).ext" when the name is taken, instead of failing',
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
						{ name: 'Auto', value: 'auto', description: 'Base64 in the call up to 10 MB, an upload URL above' },
						{ name: 'In the Call (Base64)', value: 'inline', description: 'Send the file as base64 in fileContent' },
						{ name: 'Upload URL (Multipart)', value: 'uploadUrl', description: 'Ask for an upload URL, then post the file to it' },
					],
				},
			]),
	]);
}

function readRights(ctx: IExecuteFunctions, raw: unknown, itemIndex: number): unknown[] | undefined {
	if (raw === undefined || raw === '' || raw === null) return undefined;
	let value: unknown = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw) as unknown;
		} catch (error) {
			throw paramError(ctx, itemIndex, 'Rights (JSON)', `is not valid JSON (${(error as Error).message})`);
		}
	}
	if (!Array.isArray(value)) throw paramError(ctx, itemIndex, 'Rights (JSON)', 'must be a JSON array of {"TASK_ID", "ACCESS_CODE"} objects');
	return value.length ? value : undefined;
}

function readTargetId(ctx: IExecuteFunctions, name: string, label: string, itemIndex: number): number {
	const text = String(ctx.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (!/^\d+$/.test(text) || Number(text) <= 0) throw paramError(ctx, itemIndex, label, `"${text}" is not an ID (a positive whole number)`);
	return Number(text);
}

/**
 * Upload: a binary field of the input item becomes a Drive file, as base64 in `fileContent`, or
 * for big files through the documented two steps (the call without fileContent answers
 * `{field, uploadUrl}`; the file then goes to that URL as multipart/form-data).
 */
export function uploadOperation(resource: string, method: string, target: INodeProperties): RunOperation {
	return {
		description: uploadProperties(resource, target),
		async run(itemIndex) {
			const id = readTargetId(this, target.name, target.displayName, itemIndex);
			const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
			const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			if (!property || !this.getInputData()[itemIndex]?.binary?.[property]) {
				throw paramError(this, itemIndex, 'Input Binary Field', `the item has no binary field "${property}"`);
			}
			const binary = this.helpers.assertBinaryData(itemIndex, property);
			const content = await this.helpers.getBinaryDataBuffer(itemIndex, property);
			const name = (typeof options.fileName === 'string' && options.fileName.trim()) || binary.fileName || '';
			if (!name) throw paramError(this, itemIndex, 'File Name', 'is required: the binary data has no file name');
			const params: IDataObject = { id, data: { NAME: name } };
			if (options.generateUniqueName === true) params.generateUniqueName = true;
			const rights = readRights(this, options.rights, itemIndex);
			if (rights) params.rights = rights as IDataObject[];
			const mode = (options.uploadMethod as string | undefined) ?? 'auto';
			const inline = mode === 'inline' || (mode === 'auto' && content.length <= INLINE_LIMIT_BYTES);
			if (inline) {
				const envelope = await bitrix24Call(this, method, { ...params, fileContent: [name, content.toString('base64')] }, itemIndex);
				return withoutDownloadUrl((envelope.result ?? {}) as IDataObject);
			}
			const ticket = (await bitrix24Call(this, method, params, itemIndex)).result as IDataObject | null;
			const uploadUrl = typeof ticket?.uploadUrl === 'string' ? ticket.uploadUrl : '';
			if (!uploadUrl) {
				throw new NodeApiError(this.getNode(), { message: 'no upload URL' }, {
					message: `Bitrix24: ${method} gave no upload URL`,
					itemIndex,
				});
			}
			const field = typeof ticket?.field === 'string' && ticket.field ? ticket.field : 'file';
			const file = await uploadToPortal(this, uploadUrl, field, { name, mimeType: binary.mimeType ?? '', content }, itemIndex);
			return withoutDownloadUrl(file);
		},
	};
}

/**
 * Download: disk.file.get for the metadata and the DOWNLOAD_URL, then the bytes from that URL with
 * the node's credential. The item's json is the file without its DOWNLOAD_URL.
 */
export const downloadOperation: RunOperation = {
	description: updateDisplayOptions({ show: { resource: ['file'], operation: ['download'] } }, [
		{ displayName: 'File ID', name: 'fileId', type: 'string', default: '', required: true },
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the output binary field to put the file in',
		},
	]),
	async run(itemIndex) {
		const id = readTargetId(this, 'fileId', 'File ID', itemIndex);
		const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
		if (!property) throw paramError(this, itemIndex, 'Put Output File in Field', 'is required');
		const file = ((await bitrix24Call(this, 'disk.file.get', { id }, itemIndex)).result ?? {}) as IDataObject;
		const link = typeof file.DOWNLOAD_URL === 'string' ? file.DOWNLOAD_URL : '';
		const name = typeof file.NAME === 'string' && file.NAME ? file.NAME : `file-${id}`;
		if (!link) {
			throw new NodeApiError(this.getNode(), { message: 'no download link' }, {
				message: `Bitrix24: disk.file.get gave no download link for file ${id}`,
				itemIndex,
			});
		}
		const download = await downloadFromPortal(this, link, itemIndex);
		const binary = await this.helpers.prepareBinaryData(download.content, name, download.mimeType);
		return { json: withoutDownloadUrl(file), binary: { [property]: binary } } as unknown as IDataObject;
	},
};
