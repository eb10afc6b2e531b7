import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import type { Bitrix24Failure, Connection } from '../../../../shared/transport';
import { bitrix24Call, connect, failureError, readEnvelope } from '../../../../shared/transport';
import { paramError } from '../../params';
import type { RunOperation } from '../../types';
import { withoutDownloadUrl } from './links';
import { optionsCollection } from '../../../../shared/descriptions/options';

/** Above this size Auto sends the file to an upload URL instead of as base64 in the call. */
export const INLINE_LIMIT_BYTES = 10 * 1024 * 1024;

interface RawAnswer {
	statusCode: number;
	body: unknown;
	headers: Record<string, unknown>;
}

function header(headers: Record<string, unknown>, name: string): string {
	const value = headers[name] ?? headers[name.toLowerCase()];
	return Array.isArray(value) ? String(value[0] ?? '') : typeof value === 'string' ? value : '';
}

function asText(body: unknown): string {
	if (typeof body === 'string') return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body).toString('utf8');
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	return '';
}

function asJson(body: unknown): IDataObject | undefined {
	if (body && typeof body === 'object' && !Buffer.isBuffer(body) && !(body instanceof ArrayBuffer)) return body as IDataObject;
	try {
		const parsed = JSON.parse(asText(body)) as unknown;
		return parsed && typeof parsed === 'object' ? (parsed as IDataObject) : undefined;
	} catch {
		return undefined;
	}
}

/** A Bitrix24 error in a link's JSON answer, read by the transport as any REST answer is. */
function bitrix24ErrorOf(answer: RawAnswer, what: string): Bitrix24Failure | undefined {
	const json = asJson(answer.body);
	if (!json || typeof json.error !== 'string') return undefined;
	const read = readEnvelope(what, { status: answer.statusCode, body: json, headers: answer.headers });
	return read.ok ? undefined : read.failure;
}

/**
 * A request to a link the portal handed out (download or upload URL), sent with the node's
 * credential. The link itself never appears in an error: it carries the access token or the
 * webhook's secret path.
 */
async function sendToPortalLink(
	ctx: IExecuteFunctions,
	connection: Connection,
	options: IHttpRequestOptions,
	what: string,
	itemIndex: number,
): Promise<RawAnswer> {
	if (connection.restBase) {
		// OAuth2: the bearer token goes wherever the URL points; only ever to the portal itself.
		const link = new URL(options.url);
		if (link.origin !== new URL(connection.restBase).origin) {
			throw new NodeApiError(ctx.getNode(), { message: 'link outside the portal' }, {
				message: `Bitrix24: the ${what} link points outside the portal, so it was not followed`,
				itemIndex,
			});
		}
	}
	let answer: RawAnswer;
	try {
		answer = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, connection.credentialType, {
			...options,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			// a redirect to another host must not take the bearer token along
			sendCredentialsOnCrossOriginRedirect: false,
		})) as RawAnswer;
	} catch (error) {
		const code = (error as { code?: unknown }).code;
		throw new NodeApiError(ctx.getNode(), { message: `${what} failed` }, {
			message: `Bitrix24: the ${what} failed${typeof code === 'string' && /^E[A-Z_]+$/.test(code) ? ` (${code})` : ''}`,
			description: 'The portal could not be reached, or refused the connection.',
			itemIndex,
		});
	}
	if (answer.statusCode >= 400) {
		const failure = bitrix24ErrorOf(answer, what);
		if (failure) throw failureError(ctx, connection, failure, itemIndex);
		throw new NodeApiError(ctx.getNode(), { message: `${what} failed` }, {
			message: `Bitrix24: the ${what} failed (HTTP ${answer.statusCode})`,
			httpCode: String(answer.statusCode),
			itemIndex,
		});
	}
	return answer;
}

/** A multipart/form-data body with one file part, as a browser form would send it. */
function multipartBody(field: string, fileName: string, mimeType: string, content: Buffer): { body: Buffer; contentType: string } {
	const boundary = `----n8nBitrix24${Date.now().toString(16)}${Math.random().toString(16).slice(2)}`;
	// header values come from the item (MIME type, file name) and the portal (field name): no CR/LF may split them
	const safe = (text: string) => text.replace(/[\r\n\0]/g, ' ').replace(/"/g, '%22');
	const safeType = /^[\w.+-]+\/[\w.+-]+$/.test(mimeType.trim()) ? mimeType.trim() : 'application/octet-stream';
	const head = Buffer.from(
		`--${boundary}\r\nContent-Disposition: form-data; name="${safe(field)}"; filename="${safe(fileName)}"\r\nContent-Type: ${safeType}\r\n\r\n`,
		'utf8',
	);
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
	return { body: Buffer.concat([head, content, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

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
			const form = multipartBody(field, name, binary.mimeType || 'application/octet-stream', content);
			const connection = await connect(this);
			const answer = await sendToPortalLink(
				this,
				connection,
				{ method: 'POST', url: uploadUrl, body: form.body, headers: { 'Content-Type': form.contentType }, json: false },
				'file upload',
				itemIndex,
			);
			const json = asJson(answer.body);
			const failure = bitrix24ErrorOf(answer, 'file upload');
			if (failure) throw failureError(this, connection, failure, itemIndex);
			if (!json || !json.result || typeof json.result !== 'object') {
				throw new NodeApiError(this.getNode(), { message: 'unexpected upload answer' }, {
					message: 'Bitrix24: the file upload gave an answer that is not a file',
					itemIndex,
				});
			}
			return withoutDownloadUrl(json.result as IDataObject);
		},
	};
}

function mimeFromHeader(value: string): string | undefined {
	const type = value.split(';')[0].trim().toLowerCase();
	return type && type !== 'application/octet-stream' ? type : undefined;
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
		const connection = await connect(this);
		const answer = await sendToPortalLink(
			this,
			connection,
			{ method: 'GET', url: link, encoding: 'arraybuffer', json: false },
			'file download',
			itemIndex,
		);
		const contentType = header(answer.headers, 'content-type');
		if (/^application\/json/i.test(contentType)) {
			// Bitrix24 answers a refused download with a JSON error, sometimes with status 200
			const failure = bitrix24ErrorOf(answer, 'file download');
			if (failure) throw failureError(this, connection, failure, itemIndex);
		}
		const body = answer.body;
		const bytes = Buffer.isBuffer(body)
			? body
			: body instanceof ArrayBuffer
				? Buffer.from(body)
				: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body ?? ''));
		const binary = await this.helpers.prepareBinaryData(bytes, name, mimeFromHeader(contentType));
		return { json: withoutDownloadUrl(file), binary: { [property]: binary } } as unknown as IDataObject;
	},
};
