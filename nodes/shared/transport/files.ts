import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { Bitrix24Context, Connection } from './connection';
import { connect } from './connection';
import { readEnvelope } from './envelope';
import { toNodeApiError } from './errors';
import type { Bitrix24Failure } from './types';

/**
 * File bytes to and from links the portal hands out (a file's DOWNLOAD_URL, the upload URL of
 * `disk.*.uploadFile`). Such a link carries the caller's access (the OAuth access token or the
 * webhook's secret path), so it is only ever sent to the portal itself, with the node's
 * credential, and never appears in an error.
 */

/** A file to upload: its name and MIME type as the item gives them, and its bytes. */
export interface PortalFile {
	name: string;
	mimeType: string;
	content: Buffer;
}

/** A downloaded file: its bytes and, when the portal named a specific one, its MIME type. */
export interface PortalDownload {
	content: Buffer;
	mimeType?: string;
}

interface RawAnswer {
	statusCode: number;
	body: unknown;
	headers: Record<string, unknown>;
}

const DOWNLOAD = 'file download';
const UPLOAD = 'file upload';

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
	if (body && typeof body === 'object' && !Buffer.isBuffer(body) && !(body instanceof ArrayBuffer))
		return body as IDataObject;
	try {
		const parsed = JSON.parse(asText(body)) as unknown;
		return parsed && typeof parsed === 'object' ? (parsed as IDataObject) : undefined;
	} catch {
		return undefined;
	}
}

/** A Bitrix24 error in a link's JSON answer, read as any REST answer is. */
function bitrix24ErrorOf(answer: RawAnswer, what: string): Bitrix24Failure | undefined {
	const json = asJson(answer.body);
	if (!json || typeof json.error !== 'string') return undefined;
	const read = readEnvelope(what, {
		status: answer.statusCode,
		body: json,
		headers: answer.headers,
	});
	return read.ok ? undefined : read.failure;
}

/** A request to a link the portal handed out, sent with the node's credential. */
async function sendToPortalLink(
	ctx: Bitrix24Context,
	connection: Connection,
	options: IHttpRequestOptions,
	what: string,
	itemIndex: number,
): Promise<RawAnswer> {
	if (connection.restBase) {
		// OAuth2: the bearer token goes wherever the URL points; only ever to the portal itself.
		const link = new URL(options.url);
		if (link.origin !== new URL(connection.restBase).origin) {
			throw new NodeApiError(
				ctx.getNode(),
				{ message: 'link outside the portal' },
				{
					message: `Bitrix24: the ${what} link points outside the portal, so it was not followed`,
					itemIndex,
				},
			);
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
		throw new NodeApiError(
			ctx.getNode(),
			{ message: `${what} failed` },
			{
				message: `Bitrix24: the ${what} failed${typeof code === 'string' && /^E[A-Z_]+$/.test(code) ? ` (${code})` : ''}`,
				description: 'The portal could not be reached, or refused the connection.',
				itemIndex,
			},
		);
	}
	if (answer.statusCode >= 400) {
		const failure = bitrix24ErrorOf(answer, what);
		if (failure) throw toNodeApiError(ctx.getNode(), failure, connection.secrets, itemIndex);
		throw new NodeApiError(
			ctx.getNode(),
			{ message: `${what} failed` },
			{
				message: `Bitrix24: the ${what} failed (HTTP ${answer.statusCode})`,
				httpCode: String(answer.statusCode),
				itemIndex,
			},
		);
	}
	return answer;
}

/** A multipart/form-data body with one file part, as a browser form would send it. */
function multipartBody(field: string, file: PortalFile): { body: Buffer; contentType: string } {
	const boundary = `----n8nBitrix24${Date.now().toString(16)}${Math.random().toString(16).slice(2)}`;
	// header values come from the item (MIME type, file name) and the portal (field name): no CR/LF may split them
	const safe = (text: string) => text.replace(/[\r\n\0]/g, ' ').replace(/"/g, '%22');
	const mimeType = file.mimeType.trim();
	const safeType = /^[\w.+-]+\/[\w.+-]+$/.test(mimeType) ? mimeType : 'application/octet-stream';
	const head = Buffer.from(
		`--${boundary}\r\nContent-Disposition: form-data; name="${safe(field)}"; filename="${safe(file.name)}"\r\nContent-Type: ${safeType}\r\n\r\n`,
		'utf8',
	);
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
	return {
		body: Buffer.concat([head, file.content, tail]),
		contentType: `multipart/form-data; boundary=${boundary}`,
	};
}

function mimeFromHeader(value: string): string | undefined {
	const type = value.split(';')[0].trim().toLowerCase();
	return type && type !== 'application/octet-stream' ? type : undefined;
}

/** The bytes behind a download link of the portal (a file's DOWNLOAD_URL). */
export async function downloadFromPortal(
	ctx: Bitrix24Context,
	url: string,
	itemIndex: number,
): Promise<PortalDownload> {
	const connection = await connect(ctx);
	const answer = await sendToPortalLink(
		ctx,
		connection,
		{ method: 'GET', url, encoding: 'arraybuffer', json: false },
		DOWNLOAD,
		itemIndex,
	);
	const contentType = header(answer.headers, 'content-type');
	if (/^application\/json/i.test(contentType)) {
		// Bitrix24 answers a refused download with a JSON error, sometimes with status 200
		const failure = bitrix24ErrorOf(answer, DOWNLOAD);
		if (failure) throw toNodeApiError(ctx.getNode(), failure, connection.secrets, itemIndex);
	}
	const body = answer.body;
	const content = Buffer.isBuffer(body)
		? body
		: body instanceof ArrayBuffer
			? Buffer.from(body)
			: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body ?? ''));
	return { content, mimeType: mimeFromHeader(contentType) };
}

/**
 * A file posted as multipart/form-data under `field` to an upload link of the portal; returns
 * the `result` of the answer (the new file).
 */
export async function uploadToPortal(
	ctx: Bitrix24Context,
	url: string,
	field: string,
	file: PortalFile,
	itemIndex: number,
): Promise<IDataObject> {
	const connection = await connect(ctx);
	const form = multipartBody(field, file);
	const answer = await sendToPortalLink(
		ctx,
		connection,
		{
			method: 'POST',
			url,
			body: form.body,
			headers: { 'Content-Type': form.contentType },
			json: false,
		},
		UPLOAD,
		itemIndex,
	);
	const failure = bitrix24ErrorOf(answer, UPLOAD);
	if (failure) throw toNodeApiError(ctx.getNode(), failure, connection.secrets, itemIndex);
	const json = asJson(answer.body);
	if (!json || !json.result || typeof json.result !== 'object') {
		throw new NodeApiError(
			ctx.getNode(),
			{ message: 'unexpected upload answer' },
			{
				message: 'Bitrix24: the file upload gave an answer that is not a file',
				itemIndex,
			},
		);
	}
	return json.result as IDataObject;
}
