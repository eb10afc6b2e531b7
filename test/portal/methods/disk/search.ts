/**
 * disk.file.search as api-reference/disk/file/disk-file-search.md describes it: QUERY of 3 to
 * 255 characters (spaces collapsed and trimmed first), TYPE file (default) | folder | all, FILTER
 * with STORAGE_ID and/or FOLDER_ID only (the folder's whole subtree, without the folder), objects
 * not in the trash, newest change first, 50 a page by `start` (at most 1000), `next` while more,
 * no total. The index covers names and, for documents, their text: here names and text files.
 */
import { RestError } from '../../envelope';
import { isObject, phpInt } from '../../php-query';
import type { CallContext, MethodDef } from '../../registry';
import { param } from '../../registry';
import type { DriveObject } from './state';
import { driveState } from './state';

const PAGE = 50;

const searchError = (code: string, text: string) => new RestError(400, code, `${text} (${code}).`);

function queryOf(ctx: CallContext): string {
	const raw = param(ctx.params, 'QUERY');
	if (raw === undefined || raw === null)
		throw new RestError(
			400,
			'ERROR_ARGUMENT',
			'Invalid value of parameter { Parameter #0 [ <required> $QUERY ] }.',
		);
	if (typeof raw !== 'string') throw searchError('INVALID_QUERY', 'Search query is invalid.');
	const query = raw.replace(/\s+/g, ' ').trim();
	if (query.length < 3 || query.length > 255)
		throw searchError('INVALID_QUERY', 'Search query is invalid.');
	return query.toLowerCase();
}

function typeOf(ctx: CallContext): 'file' | 'folder' | 'all' {
	const raw = param(ctx.params, 'TYPE') ?? 'file';
	if (raw !== 'file' && raw !== 'folder' && raw !== 'all')
		throw searchError('INVALID_TYPE', 'Search result type is invalid.');
	return raw;
}

/** Every object inside a folder, at any depth. */
function subtree(objects: DriveObject[], folderId: number): Set<number> {
	const inside = new Set<number>();
	let frontier = [folderId];
	while (frontier.length) {
		const next = objects.filter((o) => o.PARENT_ID !== null && frontier.includes(o.PARENT_ID));
		for (const o of next) inside.add(o.ID);
		frontier = next.filter((o) => o.TYPE === 'folder').map((o) => o.ID);
	}
	return inside;
}

function matches(object: DriveObject, query: string): boolean {
	if (object.NAME.toLowerCase().includes(query)) return true;
	return (
		object.TYPE === 'file' &&
		(object.mimeType ?? '').startsWith('text/') &&
		(object.content?.toString('utf8').toLowerCase().includes(query) ?? false)
	);
}

/** The method, answering each object as disk.ts shows objects (`view`). */
export function fileSearch(
	view: (ctx: CallContext, object: DriveObject) => Record<string, unknown>,
): MethodDef {
	return {
		name: 'disk.file.search',
		scope: 'disk',
		handler: (ctx) => {
			const query = queryOf(ctx);
			const type = typeOf(ctx);
			const state = driveState(ctx.portal.store);
			const objects = [...state.objects.values()];
			const filter = param(ctx.params, 'FILTER');
			let scope: Set<number> | undefined;
			let storageId: number | undefined;
			if (filter !== undefined) {
				if (!isObject(filter)) throw searchError('NOT_FOUND', 'Search scope was not found.');
				for (const key of Object.keys(filter))
					if (key !== 'STORAGE_ID' && key !== 'FOLDER_ID')
						throw searchError('INVALID_FILTER', 'Search filter contains an unknown field.');
				if (filter.STORAGE_ID !== undefined) {
					storageId = phpInt(filter.STORAGE_ID);
					if (!state.storages.has(storageId))
						throw searchError('NOT_FOUND', 'Search scope was not found.');
				}
				if (filter.FOLDER_ID !== undefined) {
					const folder = state.objects.get(phpInt(filter.FOLDER_ID));
					if (
						!folder ||
						folder.TYPE !== 'folder' ||
						folder.DELETED_TYPE !== 0 ||
						(storageId !== undefined && folder.STORAGE_ID !== storageId)
					)
						throw searchError('NOT_FOUND', 'Search scope was not found.');
					scope = subtree(objects, folder.ID);
				}
			}
			const found = objects
				.filter((o) => o.DELETED_TYPE === 0 && o.PARENT_ID !== null)
				.filter((o) => type === 'all' || o.TYPE === type)
				.filter((o) => storageId === undefined || o.STORAGE_ID === storageId)
				.filter((o) => !scope || scope.has(o.ID))
				.filter((o) => matches(o, query))
				.sort((a, b) => b.UPDATE_TIME.localeCompare(a.UPDATE_TIME) || b.ID - a.ID);
			const start = Math.min(1000, Math.max(0, phpInt(param(ctx.params, 'start'))));
			const page = found.slice(start, start + PAGE);
			return {
				result: page.map((o) => view(ctx, o)),
				next: start + PAGE < found.length && start + PAGE <= 1000 ? start + PAGE : undefined,
			};
		},
	};
}
