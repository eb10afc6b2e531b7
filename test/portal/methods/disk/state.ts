/**
 * The portal's Drive: storages, folders and files (with their bytes), kept per portal through
 * `store.area('disk')`, plus the deterministic demo tree tests compute their expectations from.
 */
import { randomBytes } from 'node:crypto';

import { isoDate } from '../../envelope';
import { SEED_BASE_MS } from '../../seed';
import type { Store } from '../../store';

export interface DriveStorage {
	ID: number;
	NAME: string;
	CODE: string | null;
	MODULE_ID: string;
	ENTITY_TYPE: 'user' | 'common' | 'group' | 'restapp';
	ENTITY_ID: string;
	ROOT_OBJECT_ID: number;
	/** restapp storages: the OAuth client they belong to */
	clientId?: string;
}

/** 0 not deleted, 3 in the trash, 4 deleted along with a parent folder (docs: DELETED_TYPE). */
export type DeletedType = 0 | 3 | 4;

export interface DriveObject {
	ID: number;
	NAME: string;
	TYPE: 'file' | 'folder';
	STORAGE_ID: number;
	/** null for a storage's root folder */
	PARENT_ID: number | null;
	DELETED_TYPE: DeletedType;
	CREATE_TIME: string;
	UPDATE_TIME: string;
	DELETE_TIME: string | null;
	CREATED_BY: number;
	UPDATED_BY: number;
	DELETED_BY: number;
	/** files only */
	content?: Buffer;
	mimeType?: string;
	FILE_ID?: number;
	GLOBAL_CONTENT_VERSION?: number;
	/** the signed part of DOWNLOAD_URL */
	downloadToken?: string;
	externalLink?: string;
}

/** What a `disk.*.uploadfile` call without fileContent handed out: where the multipart POST puts the file. */
export interface PendingUpload {
	folderId: number;
	name?: string;
	generateUniqueName: boolean;
	userId: number;
}

export interface DriveState {
	storages: Map<number, DriveStorage>;
	objects: Map<number, DriveObject>;
	uploads: Map<string, PendingUpload>;
	nextStorage: number;
	nextObject: number;
	nextFile: number;
	/**
	 * Test knobs. `publicUrl`: the origin DOWNLOAD_URL / uploadUrl point at (default: the portal's
	 * own url; a test fronting the portal with a proxy that serves downloads sets the proxy's).
	 * `webhookPath`: `/rest/<user>/<code>/`; when set, links handed to webhook callers carry it, as
	 * Bitrix24's do. Without it they are `/rest/download.json?token=...` (the credential adds the path).
	 */
	publicUrl?: string;
	webhookPath?: string;
}

const HOUR = 3_600_000;

/** The demo Drive. Ids are fixed; file bytes are given here, so tests can compare downloads. */
export const DRIVE_SEED = {
	storages: [
		{
			ID: 11,
			NAME: 'John Smith',
			CODE: null,
			ENTITY_TYPE: 'user',
			ENTITY_ID: '1',
			ROOT_OBJECT_ID: 101,
			owner: 1,
		},
		{
			ID: 12,
			NAME: 'Anna Brown',
			CODE: null,
			ENTITY_TYPE: 'user',
			ENTITY_ID: '2',
			ROOT_OBJECT_ID: 102,
			owner: 2,
		},
		{
			ID: 13,
			NAME: 'Shared documents',
			CODE: 'shared_files_s1',
			ENTITY_TYPE: 'common',
			ENTITY_ID: 'shared_files_s1',
			ROOT_OBJECT_ID: 103,
			owner: 1,
		},
	],
	folders: [
		{ ID: 201, NAME: 'Reports', PARENT_ID: 101 },
		{ ID: 202, NAME: '2024', PARENT_ID: 201 },
		{ ID: 203, NAME: 'Templates', PARENT_ID: 101 },
		{ ID: 204, NAME: 'Contracts', PARENT_ID: 103 },
	],
	files: [
		{
			ID: 301,
			NAME: 'welcome.txt',
			PARENT_ID: 101,
			MIME: 'text/plain',
			CONTENT: Buffer.from('Welcome to the Bitrix24 drive.\n'),
		},
		{
			ID: 302,
			NAME: 'q1.csv',
			PARENT_ID: 202,
			MIME: 'text/csv',
			CONTENT: Buffer.from('month,amount\nJan,1200\nFeb,1350\nMar,990\n'),
		},
		{
			ID: 303,
			NAME: 'offer.txt',
			PARENT_ID: 203,
			MIME: 'text/plain',
			CONTENT: Buffer.from('Dear customer, ...\n'),
		},
		// bytes that are not valid UTF-8, so a download that goes through a text decoding shows
		{
			ID: 304,
			NAME: 'logo.png',
			PARENT_ID: 101,
			MIME: 'image/png',
			CONTENT: Buffer.from([
				0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00, 0x80,
			]),
		},
		{
			ID: 305,
			NAME: 'nda.txt',
			PARENT_ID: 204,
			MIME: 'text/plain',
			CONTENT: Buffer.from('Non-disclosure agreement\n'),
		},
	],
} as const;

/** The demo storage that belongs to a user (the webhook's user is 1). */
export const userStorageOf = (userId: number) =>
	DRIVE_SEED.storages.find((s) => s.ENTITY_TYPE === 'user' && s.ENTITY_ID === String(userId));

const MIME_BY_EXTENSION: Record<string, string> = {
	txt: 'text/plain',
	csv: 'text/csv',
	json: 'application/json',
	pdf: 'application/pdf',
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	gif: 'image/gif',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	zip: 'application/zip',
};

export function mimeOf(name: string): string {
	const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
	return MIME_BY_EXTENSION[extension] ?? 'application/octet-stream';
}

export function newToken(): string {
	return `disk|${randomBytes(18).toString('base64url')}|${randomBytes(12).toString('base64url')}`;
}

function seedDrive(state: DriveState): void {
	let step = 0;
	const time = () => isoDate(SEED_BASE_MS + step++ * HOUR);
	const ownerOf = (storageId: number) =>
		DRIVE_SEED.storages.find((s) => s.ID === storageId)?.owner ?? 1;
	for (const s of DRIVE_SEED.storages) {
		state.storages.set(s.ID, {
			ID: s.ID,
			NAME: s.NAME,
			CODE: s.CODE,
			MODULE_ID: 'disk',
			ENTITY_TYPE: s.ENTITY_TYPE,
			ENTITY_ID: s.ENTITY_ID,
			ROOT_OBJECT_ID: s.ROOT_OBJECT_ID,
		});
		const at = time();
		state.objects.set(s.ROOT_OBJECT_ID, {
			ID: s.ROOT_OBJECT_ID,
			NAME: s.NAME,
			TYPE: 'folder',
			STORAGE_ID: s.ID,
			PARENT_ID: null,
			DELETED_TYPE: 0,
			CREATE_TIME: at,
			UPDATE_TIME: at,
			DELETE_TIME: null,
			CREATED_BY: s.owner,
			UPDATED_BY: s.owner,
			DELETED_BY: 0,
		});
	}
	const storageOf = (parentId: number): number => state.objects.get(parentId)!.STORAGE_ID;
	for (const f of DRIVE_SEED.folders) {
		const storage = storageOf(f.PARENT_ID);
		const at = time();
		state.objects.set(f.ID, {
			ID: f.ID,
			NAME: f.NAME,
			TYPE: 'folder',
			STORAGE_ID: storage,
			PARENT_ID: f.PARENT_ID,
			DELETED_TYPE: 0,
			CREATE_TIME: at,
			UPDATE_TIME: at,
			DELETE_TIME: null,
			CREATED_BY: ownerOf(storage),
			UPDATED_BY: ownerOf(storage),
			DELETED_BY: 0,
		});
	}
	for (const f of DRIVE_SEED.files) {
		const storage = storageOf(f.PARENT_ID);
		const at = time();
		state.objects.set(f.ID, {
			ID: f.ID,
			NAME: f.NAME,
			TYPE: 'file',
			STORAGE_ID: storage,
			PARENT_ID: f.PARENT_ID,
			DELETED_TYPE: 0,
			CREATE_TIME: at,
			UPDATE_TIME: at,
			DELETE_TIME: null,
			CREATED_BY: ownerOf(storage),
			UPDATED_BY: ownerOf(storage),
			DELETED_BY: 0,
			content: Buffer.from(f.CONTENT),
			mimeType: f.MIME,
			FILE_ID: 5000 + f.ID,
			GLOBAL_CONTENT_VERSION: 1,
			downloadToken: newToken(),
		});
	}
}

/** This portal's Drive (seeded on first use). */
export function driveState(store: Store): DriveState {
	return store.area<DriveState>('disk', () => {
		const state: DriveState = {
			storages: new Map(),
			objects: new Map(),
			uploads: new Map(),
			nextStorage: 100,
			nextObject: 1000,
			nextFile: 9000,
		};
		seedDrive(state);
		return state;
	});
}

/** Adds a file straight to the store (tests that need many children). Returns its id. */
export function addDriveFile(
	store: Store,
	parentId: number,
	name: string,
	content: Buffer | string,
	userId = 1,
): number {
	const state = driveState(store);
	const parent = state.objects.get(parentId);
	if (!parent || parent.TYPE !== 'folder') throw new Error(`no folder ${parentId}`);
	const id = state.nextObject++;
	const at = isoDate(Date.now());
	state.objects.set(id, {
		ID: id,
		NAME: name,
		TYPE: 'file',
		STORAGE_ID: parent.STORAGE_ID,
		PARENT_ID: parentId,
		DELETED_TYPE: 0,
		CREATE_TIME: at,
		UPDATE_TIME: at,
		DELETE_TIME: null,
		CREATED_BY: userId,
		UPDATED_BY: userId,
		DELETED_BY: 0,
		content: Buffer.from(content),
		mimeType: mimeOf(name),
		FILE_ID: state.nextFile++,
		GLOBAL_CONTENT_VERSION: 1,
		downloadToken: newToken(),
	});
	return id;
}

export interface DownloadAnswer {
	status: number;
	headers: Record<string, string>;
	body: Buffer;
}

/**
 * What the portal's download endpoint (`/rest/download.json?token=...`, or under a webhook's path)
 * answers once the caller is authenticated: the bytes with the file's type and name, or a JSON
 * error. The server's HTTP front has no route for it yet; this is the hook it would call.
 */
export function serveDriveDownload(store: Store, token: string | undefined): DownloadAnswer {
	const state = driveState(store);
	const file = token
		? [...state.objects.values()].find((o) => o.TYPE === 'file' && o.downloadToken === token)
		: undefined;
	if (!file || !file.content) {
		const body = Buffer.from(
			JSON.stringify({ error: 'ERROR_NOT_FOUND', error_description: 'File not found' }),
		);
		return { status: 404, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body };
	}
	return {
		status: 200,
		headers: {
			'Content-Type': file.mimeType ?? 'application/octet-stream',
			'Content-Disposition': `attachment; filename="${encodeURIComponent(file.NAME)}"; filename*=utf-8''${encodeURIComponent(file.NAME)}`,
			'Content-Length': String(file.content.length),
		},
		body: file.content,
	};
}

/** Adds a folder straight to the store (tests that need their own tree). Returns its id. */
export function addDriveFolder(store: Store, parentId: number, name: string, userId = 1): number {
	const state = driveState(store);
	const parent = state.objects.get(parentId);
	if (!parent || parent.TYPE !== 'folder') throw new Error(`no folder ${parentId}`);
	const id = state.nextObject++;
	const at = isoDate(Date.now());
	state.objects.set(id, {
		ID: id,
		NAME: name,
		TYPE: 'folder',
		STORAGE_ID: parent.STORAGE_ID,
		PARENT_ID: parentId,
		DELETED_TYPE: 0,
		CREATE_TIME: at,
		UPDATE_TIME: at,
		DELETE_TIME: null,
		CREATED_BY: userId,
		UPDATED_BY: userId,
		DELETED_BY: 0,
	});
	return id;
}
