/** Reads a request body and turns it into parameters the way the portal's PHP front does. */
import type { IncomingMessage } from 'node:http';
import { assignPhpKey, isObject, parsePhpQuery, phpNormalize } from './php-query';

export interface UploadedFile {
	filename: string;
	contentType: string;
	data: Buffer;
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

export function mediaType(contentType: string | undefined): string {
	return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

function boundaryOf(contentType: string): string | undefined {
	const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
	return m ? (m[1] ?? m[2]).trim() : undefined;
}

/** A plain multipart/form-data reader: enough for form fields and file parts. */
function parseMultipart(body: Buffer, contentType: string): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	const boundary = boundaryOf(contentType);
	if (!boundary) return out;
	const delimiter = Buffer.from(`--${boundary}`);
	let pos = body.indexOf(delimiter);
	while (pos !== -1) {
		const start = pos + delimiter.length;
		if (body.slice(start, start + 2).toString() === '--') break;
		const next = body.indexOf(delimiter, start);
		if (next === -1) break;
		const part = body.slice(start + 2, next - 2); // skip CRLF after delimiter and before the next
		const headerEnd = part.indexOf('\r\n\r\n');
		if (headerEnd !== -1) {
			const headers = part.slice(0, headerEnd).toString('utf8');
			const content = part.slice(headerEnd + 4);
			const name = /name="([^"]*)"/i.exec(headers)?.[1];
			const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
			const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? 'application/octet-stream';
			if (name !== undefined) {
				const value: unknown =
					filename !== undefined
						? ({ filename, contentType: type, data: content } as UploadedFile)
						: content.toString('utf8');
				assignPhpKey(out, name, value);
			}
		}
		pos = next;
	}
	return out;
}

export interface ParsedBody {
	params: Record<string, unknown>;
	/** True when the body carried parameters (used by the token endpoint, which ignores a POST's query). */
	hasParams: boolean;
}

export function parseBody(body: Buffer, contentType: string | undefined): ParsedBody {
	if (body.length === 0) return { params: {}, hasParams: false };
	const type = mediaType(contentType);
	if (type === 'application/json') {
		try {
			const parsed: unknown = JSON.parse(body.toString('utf8'));
			if (isObject(parsed)) return { params: parsed, hasParams: Object.keys(parsed).length > 0 };
		} catch {
			// PHP's json_decode gives null: no parameters.
		}
		return { params: {}, hasParams: false };
	}
	if (type === 'multipart/form-data') {
		const params = phpNormalize(parseMultipart(body, contentType ?? '')) as Record<string, unknown>;
		const obj = isObject(params) ? params : {};
		return { params: obj, hasParams: Object.keys(obj).length > 0 };
	}
	// PHP fills $_POST only for form content types; Bitrix's REST front reads php://input too, so a
	// missing content type with a query-string body is taken as a form.
	if (type === 'application/x-www-form-urlencoded' || type === '' || type === 'text/plain') {
		const params = parsePhpQuery(body.toString('utf8'));
		return { params, hasParams: Object.keys(params).length > 0 };
	}
	return { params: {}, hasParams: false };
}
