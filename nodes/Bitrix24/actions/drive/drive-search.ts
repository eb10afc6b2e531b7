import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import {
	bitrix24Call,
	bitrix24CallMany,
	bitrix24List,
	connect,
	failureError,
} from '../../../shared/transport';

/**
 * The Drive pickers. n8n's list search is one flat list with a search box and pages, not a tree,
 * so folders are browsed by path in the search box, as the list names them:
 * - empty: the storages' root folders (Folder) or the files at the top of each storage (File);
 * - a path ending in "/" ("Shared documents/Contracts/"): that folder's sub-folders (the folder
 *   itself first) or its files, the text after the last "/" narrowing them by name;
 * - 3 letters or more without "/": a search by name over the whole Drive (disk.file.search; on a
 *   portal without it, the storages' tops are narrowed by name instead).
 * Drive pages are addressed by path, not by ID, so there is no By URL; each entry links to its page.
 */

type Kind = 'file' | 'folder';

interface Storage {
	id: string;
	name: string;
	root: string;
}

async function storages(ctx: ILoadOptionsFunctions): Promise<Storage[]> {
	const rows = await bitrix24List(
		ctx,
		{ method: 'disk.storage.getList', params: {}, rowsAt: [], idKey: 'ID', paging: 'offset' },
		500,
	);
	return rows.map((row) => ({
		id: String(row.ID),
		name: String(row.NAME ?? ''),
		root: String(row.ROOT_OBJECT_ID),
	}));
}

const contains = (name: unknown, needle: string) =>
	String(name ?? '')
		.toLowerCase()
		.includes(needle.toLowerCase());

function entry(path: string, row: IDataObject, kind: Kind): INodeListSearchItems {
	return {
		name: kind === 'folder' ? `${path}${String(row.NAME)}/` : `${path}${String(row.NAME)}`,
		value: String(row.ID),
		url: typeof row.DETAIL_URL === 'string' ? row.DETAIL_URL : undefined,
	};
}

async function children(
	ctx: ILoadOptionsFunctions,
	folderId: string,
	kind: Kind,
	start: number,
): Promise<{ rows: IDataObject[]; next?: number }> {
	const envelope = await bitrix24Call(ctx, 'disk.folder.getchildren', {
		id: folderId,
		filter: { TYPE: kind },
		start,
	});
	const rows = (Array.isArray(envelope.result) ? envelope.result : []) as IDataObject[];
	return { rows, next: envelope.next === undefined ? undefined : Number(envelope.next) };
}

/** The folder a path names (a storage by name, then a sub-folder by name at each step), with its path as Bitrix24 spells it. */
async function resolve(
	ctx: ILoadOptionsFunctions,
	path: string,
): Promise<{ id: string; path: string } | undefined> {
	const [first, ...rest] = path
		.split('/')
		.map((part) => part.trim())
		.filter(Boolean);
	if (first === undefined) return undefined;
	const storage = (await storages(ctx)).find(
		(entry) => entry.name.toLowerCase() === first.toLowerCase(),
	);
	if (!storage) return undefined;
	let folder = { id: storage.root, path: `${storage.name}/` };
	for (const name of rest) {
		const envelope = await bitrix24Call(ctx, 'disk.folder.getchildren', {
			id: folder.id,
			filter: { TYPE: 'folder', NAME: name },
		});
		const rows = (Array.isArray(envelope.result) ? envelope.result : []) as IDataObject[];
		if (!rows.length) return undefined;
		folder = { id: String(rows[0].ID), path: `${folder.path}${String(rows[0].NAME)}/` };
	}
	return folder;
}

async function browse(
	ctx: ILoadOptionsFunctions,
	text: string,
	kind: Kind,
	start: number,
): Promise<INodeListSearchResult> {
	const cut = text.lastIndexOf('/');
	const needle = text.slice(cut + 1).trim();
	const folder = await resolve(ctx, text.slice(0, cut + 1));
	if (folder === undefined) return { results: [] };
	const page = await children(ctx, folder.id, kind, start);
	const results = page.rows
		.filter((row) => contains(row.NAME, needle))
		.map((row) => entry(folder.path, row, kind));
	if (kind === 'folder' && start === 0 && needle === '')
		results.unshift({ name: folder.path, value: folder.id, description: 'This folder' });
	return { results, paginationToken: page.next === undefined ? undefined : String(page.next) };
}

/** The path of a found object, from its page's address (…/disk/path/A/B, …/docs/file/A/b.txt). */
function foundPath(row: IDataObject, storageName: string | undefined): string {
	const url = typeof row.DETAIL_URL === 'string' ? row.DETAIL_URL : '';
	const match = /\/(?:disk|docs)\/(?:path|file)\/(.+?)\/?$/.exec(url);
	let path = String(row.NAME);
	if (match) {
		try {
			path = decodeURIComponent(match[1]);
		} catch {
			path = match[1];
		}
	}
	const full = storageName ? `${storageName}/${path}` : path;
	return row.TYPE === 'folder' ? `${full}/` : full;
}

async function searchByName(
	ctx: ILoadOptionsFunctions,
	text: string,
	kind: Kind,
	token?: string,
): Promise<INodeListSearchResult> {
	const [outcome] = await bitrix24CallMany(
		ctx,
		[
			{
				method: 'disk.file.search',
				params: { QUERY: text, TYPE: kind, start: Number(token) || 0 },
			},
		],
		false,
	);
	if (!outcome.ok) {
		// portals older than the method: narrow the storages' tops instead
		if (outcome.error.code === 'ERROR_METHOD_NOT_FOUND') return await tops(ctx, text, kind, token);
		throw failureError(ctx, await connect(ctx), outcome.error);
	}
	const envelope = outcome.envelope;
	const rows = (Array.isArray(envelope.result) ? envelope.result : []) as IDataObject[];
	const names = new Map((await storages(ctx)).map((storage) => [storage.id, storage.name]));
	return {
		results: rows.map((row) => ({
			name: foundPath(row, names.get(String(row.STORAGE_ID))),
			value: String(row.ID),
			url: typeof row.DETAIL_URL === 'string' ? row.DETAIL_URL : undefined,
		})),
		paginationToken: envelope.next === undefined ? undefined : String(envelope.next),
	};
}

/**
 * The tops of the storages: their root folders (Folder), or the files at the top of one storage
 * after another (File; the token is "<storage index>:<start>"), narrowed by name.
 */
async function tops(
	ctx: ILoadOptionsFunctions,
	needle: string,
	kind: Kind,
	token?: string,
): Promise<INodeListSearchResult> {
	const all = await storages(ctx);
	if (kind === 'folder') {
		return {
			results: all
				.filter((storage) => contains(storage.name, needle))
				.map((storage) => ({
					name: `${storage.name}/`,
					value: storage.root,
					description: 'The top of the storage',
				})),
		};
	}
	let [index, offset] = (token ?? '0:0').split(':').map((part) => Number(part) || 0);
	const results: INodeListSearchItems[] = [];
	// a few storages a page at most, so the editor shows something without many calls
	for (let visited = 0; index < all.length && visited < 5 && !results.length; visited++) {
		const page = await children(ctx, all[index].root, 'file', offset);
		results.push(
			...page.rows
				.filter((row) => contains(row.NAME, needle))
				.map((row) => entry(`${all[index].name}/`, row, 'file')),
		);
		if (page.next === undefined) {
			index++;
			offset = 0;
		} else offset = page.next;
	}
	return { results, paginationToken: index < all.length ? `${index}:${offset}` : undefined };
}

function picker(kind: Kind) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const text = (filter ?? '').trim();
		if (text.includes('/')) return await browse(this, text, kind, Number(paginationToken ?? 0));
		if (text.length >= 3) return await searchByName(this, text, kind, paginationToken);
		return await tops(this, text, kind, paginationToken);
	};
}

export const driveListSearch = {
	searchDriveFolders: picker('folder'),
	searchDriveFiles: picker('file'),
};
