/**
 * Drive (disk.*): storages, folders, files, per the REST docs (api-reference/disk in
 * bitrix24/b24restdocs). Objects from get/list answers carry string values; those just created
 * (add, copy, upload, restore) carry some integers, as the docs' examples show. Errors are HTTP 400
 * with ERROR_ARGUMENT / ERROR_NOT_FOUND / DISK_OBJ_22000 ...
 *
 * `upload` is the target of the uploadUrl that `disk.*.uploadfile` hands out without fileContent:
 * the multipart POST reaches the REST front like a method call and is answered with the file.
 * Downloads need a byte-serving route the HTTP front lacks; see `serveDriveDownload` in disk/state.ts.
 */
import { isoDate, RestError } from '../envelope';
import { applyFilter, applyOrder, paginate, Resolver } from '../filter';
import { isObject, phpBool, phpInt } from '../php-query';
import { CallContext, MethodDef, param } from '../registry';
import type { DeletedType, DriveObject, DriveState, DriveStorage } from './disk/state';
import { driveState, mimeOf, newToken } from './disk/state';
import { fileSearch } from './disk/search';

export {
	addDriveFile,
	addDriveFolder,
	DRIVE_SEED,
	driveState,
	serveDriveDownload,
	userStorageOf,
} from './disk/state';

const argumentError = (index: number) =>
	new RestError(400, 'ERROR_ARGUMENT', `Invalid value of parameter {Parameter #${index}}`);
const notFound = (id: unknown) =>
	new RestError(400, 'ERROR_NOT_FOUND', `Could not find entity with id \`${String(id)}\``);
const conflict = (what: 'file' | 'folder') =>
	new RestError(400, 'DISK_OBJ_22000', `A ${what} with this name already exists`);
const accessDenied = (text = 'Access denied') => new RestError(400, 'ACCESS_DENIED', text);

function state(ctx: CallContext): DriveState {
	return driveState(ctx.portal.store);
}

function now(): string {
	return isoDate(Date.now());
}

/** A required positive id parameter; the docs number the parameter in the error text. */
function idParam(ctx: CallContext, name: string, index: number): number {
	const raw = param(ctx.params, name);
	const id = phpInt(raw);
	if (raw === undefined || raw === null || raw === '' || id <= 0) throw argumentError(index);
	return id;
}

function stringParam(ctx: CallContext, name: string, index: number): string {
	const raw = param(ctx.params, name);
	if (typeof raw !== 'string' && typeof raw !== 'number') throw argumentError(index);
	const text = String(raw).trim();
	if (!text) throw argumentError(index);
	return text;
}

function storageOf(ctx: CallContext, id: number): DriveStorage {
	const storage = state(ctx).storages.get(id);
	if (!storage) throw notFound(id);
	return storage;
}

function folderOf(ctx: CallContext, id: number): DriveObject {
	const object = state(ctx).objects.get(id);
	if (!object || object.TYPE !== 'folder') throw notFound(id);
	return object;
}

function fileOf(ctx: CallContext, id: number): DriveObject {
	const object = state(ctx).objects.get(id);
	if (!object || object.TYPE !== 'file') throw notFound(id);
	return object;
}

function rootOf(ctx: CallContext, storage: DriveStorage): DriveObject {
	return folderOf(ctx, storage.ROOT_OBJECT_ID);
}

function isRoot(object: DriveObject): boolean {
	return object.PARENT_ID === null;
}

function childrenOf(ctx: CallContext, folderId: number): DriveObject[] {
	return [...state(ctx).objects.values()].filter((o) => o.PARENT_ID === folderId);
}

function descendantsOf(ctx: CallContext, folderId: number): DriveObject[] {
	const out: DriveObject[] = [];
	for (const child of childrenOf(ctx, folderId)) {
		out.push(child);
		if (child.TYPE === 'folder') out.push(...descendantsOf(ctx, child.ID));
	}
	return out;
}

function nameTaken(ctx: CallContext, folderId: number, name: string, except?: number): boolean {
	const lower = name.toLowerCase();
	return childrenOf(ctx, folderId).some(
		(o) => o.DELETED_TYPE === 0 && o.ID !== except && o.NAME.toLowerCase() === lower,
	);
}

/** "file.docx" -> "file (1).docx", "file (2).docx" ... until free. */
function uniqueName(ctx: CallContext, folderId: number, name: string): string {
	if (!nameTaken(ctx, folderId, name)) return name;
	const dot = name.lastIndexOf('.');
	const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
	for (let n = 1; ; n++) {
		const candidate = `${stem} (${n})${extension}`;
		if (!nameTaken(ctx, folderId, candidate)) return candidate;
	}
}

function publicBase(ctx: CallContext): string {
	return state(ctx).publicUrl ?? ctx.portal.url;
}

/** Where the caller fetches or posts with a disk token: OAuth links carry the access token, as Bitrix24's do. */
function tokenUrl(ctx: CallContext, endpoint: 'download' | 'upload', token: string): string {
	const base = publicBase(ctx);
	const encoded = encodeURIComponent(token);
	if (ctx.auth.kind === 'oauth')
		return `${base}/rest/${endpoint}.json?auth=${ctx.auth.accessToken ?? ''}&token=${encoded}`;
	const webhookPath = state(ctx).webhookPath;
	return webhookPath
		? `${base}${webhookPath}${endpoint}/?token=${encoded}`
		: `${base}/rest/${endpoint}.json?token=${encoded}`;
}

function pathOf(ctx: CallContext, object: DriveObject): string {
	const names: string[] = [];
	let current: DriveObject | undefined = object;
	while (current && !isRoot(current)) {
		names.unshift(current.NAME);
		current = current.PARENT_ID === null ? undefined : state(ctx).objects.get(current.PARENT_ID);
	}
	return names.join('/');
}

function detailUrl(ctx: CallContext, object: DriveObject): string {
	const storage = state(ctx).storages.get(object.STORAGE_ID);
	const kind = object.TYPE === 'file' ? 'file' : 'path';
	const path = pathOf(ctx, object);
	const base = ctx.portal.url;
	switch (storage?.ENTITY_TYPE) {
		case 'user':
			return `${base}/company/personal/user/${storage.ENTITY_ID}/disk/${kind}/${path}`;
		case 'group':
			return `${base}/workgroups/group/${storage.ENTITY_ID}/disk/${kind}/${path}`;
		default:
			return `${base}/docs/${kind}/${path}`;
	}
}

/**
 * An object as Bitrix24 shows it. `fresh`: just created or restored, where the docs' examples
 * show integers for ID, DELETED_TYPE and the version counters.
 */
function objectView(ctx: CallContext, o: DriveObject, fresh = false): Record<string, unknown> {
	const int = (n: number | undefined) => (fresh ? n : String(n));
	const view: Record<string, unknown> = {
		ID: int(o.ID),
		NAME: o.NAME,
		CODE: null,
		STORAGE_ID: String(o.STORAGE_ID),
		TYPE: o.TYPE,
	};
	if (o.TYPE === 'folder') view.REAL_OBJECT_ID = int(o.ID);
	view.PARENT_ID = o.PARENT_ID === null ? null : String(o.PARENT_ID);
	view.DELETED_TYPE = int(o.DELETED_TYPE);
	if (o.TYPE === 'file') {
		view.GLOBAL_CONTENT_VERSION = int(o.GLOBAL_CONTENT_VERSION);
		view.FILE_ID = int(o.FILE_ID);
		view.SIZE = String(o.content?.length ?? 0);
	}
	Object.assign(view, {
		CREATE_TIME: o.CREATE_TIME,
		UPDATE_TIME: o.UPDATE_TIME,
		DELETE_TIME: o.DELETE_TIME,
		CREATED_BY: String(o.CREATED_BY),
		UPDATED_BY: String(o.UPDATED_BY),
		DELETED_BY: fresh && !o.DELETED_BY ? null : String(o.DELETED_BY),
	});
	if (o.TYPE === 'file') view.DOWNLOAD_URL = tokenUrl(ctx, 'download', o.downloadToken ?? '');
	view.DETAIL_URL = detailUrl(ctx, o);
	return view;
}

function storageView(s: DriveStorage): Record<string, unknown> {
	return {
		ID: String(s.ID),
		NAME: s.NAME,
		CODE: s.CODE,
		MODULE_ID: s.MODULE_ID,
		ENTITY_TYPE: s.ENTITY_TYPE,
		ENTITY_ID: s.ENTITY_ID,
		ROOT_OBJECT_ID: String(s.ROOT_OBJECT_ID),
	};
}

const STORAGE_FIELDS: Record<string, string> = {
	ID: 'integer',
	NAME: 'string',
	CODE: 'string',
	MODULE_ID: 'string',
	ENTITY_TYPE: 'string',
	ENTITY_ID: 'string',
	ROOT_OBJECT_ID: 'integer',
};

const storageResolver: Resolver<DriveStorage> = (name) => {
	const key = name.toUpperCase();
	const type = STORAGE_FIELDS[key];
	return type
		? { def: { type }, get: (s) => (s as unknown as Record<string, unknown>)[key] }
		: undefined;
};

/** disk.folder.getFields, as the docs list it. */
const FOLDER_FIELDS: Array<[string, string, boolean]> = [
	['ID', 'integer', true],
	['NAME', 'string', true],
	['TYPE', 'enum', true],
	['CODE', 'string', true],
	['STORAGE_ID', 'integer', true],
	['REAL_OBJECT_ID', 'integer', false],
	['PARENT_ID', 'integer', true],
	['CREATE_TIME', 'datetime', true],
	['UPDATE_TIME', 'datetime', true],
	['DELETE_TIME', 'datetime', true],
	['CREATED_BY', 'integer', false],
	['UPDATED_BY', 'integer', false],
	['DELETED_BY', 'integer', false],
	['DELETED_TYPE', 'enum', true],
];

const objectResolver: Resolver<DriveObject> = (name) => {
	const key = name.toUpperCase();
	const field = FOLDER_FIELDS.find(([field, , filterable]) => field === key && filterable);
	if (!field) return undefined;
	const type = field[1] === 'enum' ? (key === 'TYPE' ? 'string' : 'integer') : field[1];
	return {
		def: { type },
		get: (o) => (key === 'CODE' ? null : (o as unknown as Record<string, unknown>)[key]),
	};
};

/** Children that are not in the trash, filtered, ordered and paged (50 a page). */
function listChildren(ctx: CallContext, folderId: number) {
	const filter = param(ctx.params, 'filter');
	const visible = childrenOf(ctx, folderId).filter((o) => o.DELETED_TYPE === 0);
	const rows = applyOrder(
		applyFilter(visible, filter, objectResolver),
		param(ctx.params, 'order'),
		objectResolver,
		(o) => o.ID,
	);
	const page = paginate(rows, param(ctx.params, 'start'));
	return { result: page.items.map((o) => objectView(ctx, o)), total: page.total, next: page.next };
}

function addFolder(ctx: CallContext, parent: DriveObject, dataIndex: number): DriveObject {
	const data = param(ctx.params, 'data');
	const name = isObject(data) && typeof data.NAME === 'string' ? data.NAME.trim() : '';
	if (!name) throw argumentError(dataIndex);
	if (nameTaken(ctx, parent.ID, name)) throw conflict('folder');
	const s = state(ctx);
	const at = now();
	const folder: DriveObject = {
		ID: s.nextObject++,
		NAME: name,
		TYPE: 'folder',
		STORAGE_ID: parent.STORAGE_ID,
		PARENT_ID: parent.ID,
		DELETED_TYPE: 0,
		CREATE_TIME: at,
		UPDATE_TIME: at,
		DELETE_TIME: null,
		CREATED_BY: ctx.auth.userId,
		UPDATED_BY: ctx.auth.userId,
		DELETED_BY: 0,
	};
	s.objects.set(folder.ID, folder);
	return folder;
}

function storeFile(
	ctx: CallContext,
	folder: DriveObject,
	name: string,
	content: Buffer,
	mimeType: string,
	unique: boolean,
	userId: number,
): DriveObject {
	let finalName = name;
	if (nameTaken(ctx, folder.ID, name)) {
		if (!unique) throw conflict('file');
		finalName = uniqueName(ctx, folder.ID, name);
	}
	const s = state(ctx);
	const at = now();
	const file: DriveObject = {
		ID: s.nextObject++,
		NAME: finalName,
		TYPE: 'file',
		STORAGE_ID: folder.STORAGE_ID,
		PARENT_ID: folder.ID,
		DELETED_TYPE: 0,
		CREATE_TIME: at,
		UPDATE_TIME: at,
		DELETE_TIME: null,
		CREATED_BY: userId,
		UPDATED_BY: userId,
		DELETED_BY: 0,
		content,
		mimeType,
		FILE_ID: s.nextFile++,
		GLOBAL_CONTENT_VERSION: 1,
		downloadToken: newToken(),
	};
	s.objects.set(file.ID, file);
	return file;
}

const BASE64 = /^[A-Za-z0-9+/=\s]*$/;

/**
 * disk.storage.uploadfile / disk.folder.uploadfile: with `fileContent: [name, base64]` the file is
 * stored at once; without it the answer is `{field, uploadUrl}` for a multipart POST.
 */
function uploadFile(ctx: CallContext, folder: DriveObject) {
	const data = param(ctx.params, 'data');
	const dataName = isObject(data) && typeof data.NAME === 'string' ? data.NAME.trim() : '';
	const unique = phpBool(param(ctx.params, 'generateUniqueName'));
	const fileContent = param(ctx.params, 'fileContent');
	if (fileContent === undefined || fileContent === null || fileContent === '') {
		const token = newToken();
		state(ctx).uploads.set(token, {
			folderId: folder.ID,
			name: dataName || undefined,
			generateUniqueName: unique,
			userId: ctx.auth.userId,
		});
		return { result: { field: 'file', uploadUrl: tokenUrl(ctx, 'upload', token) } };
	}
	if (!dataName)
		throw new RestError(
			400,
			'DISK_BASE_SERVICE_22001',
			'Error: required parameter NAME (DISK_BASE_SERVICE_22001)',
		);
	const parts = Array.isArray(fileContent)
		? fileContent
		: isObject(fileContent)
			? Object.values(fileContent)
			: [];
	const [contentName, base64] = parts;
	if (typeof base64 !== 'string' || !BASE64.test(base64))
		throw new RestError(400, 'ERROR_COULD_NOT_SAVE_FILE', 'Could not save file');
	const content = Buffer.from(base64, 'base64');
	const file = storeFile(
		ctx,
		folder,
		dataName,
		content,
		mimeOf(typeof contentName === 'string' && contentName ? contentName : dataName),
		unique,
		ctx.auth.userId,
	);
	return { result: objectView(ctx, file, true) };
}

function isUploadedFile(
	value: unknown,
): value is { filename: string; contentType: string; data: unknown } {
	return isObject(value) && typeof value.filename === 'string' && 'data' in value;
}

function bytesOf(data: unknown): Buffer {
	if (Buffer.isBuffer(data)) return data;
	if (Array.isArray(data)) return Buffer.from(data.map((b) => Number(b)));
	if (isObject(data)) return Buffer.from(Object.values(data).map((b) => Number(b)));
	return Buffer.alloc(0);
}

/** Moves an object (and what lies under it) to the trash: it gets 3, its contents 4. */
function trash(ctx: CallContext, object: DriveObject): void {
	const at = now();
	const mark = (o: DriveObject, type: DeletedType) => {
		o.DELETED_TYPE = type;
		o.DELETE_TIME = at;
		o.DELETED_BY = ctx.auth.userId;
	};
	mark(object, 3);
	if (object.TYPE === 'folder')
		for (const o of descendantsOf(ctx, object.ID)) if (o.DELETED_TYPE === 0) mark(o, 4);
}

function restore(ctx: CallContext, object: DriveObject): void {
	const clear = (o: DriveObject) => {
		o.DELETED_TYPE = 0;
		o.DELETE_TIME = null;
		o.DELETED_BY = 0;
		o.UPDATE_TIME = now();
	};
	clear(object);
	if (object.TYPE === 'folder')
		for (const o of descendantsOf(ctx, object.ID)) if (o.DELETED_TYPE === 4) clear(o);
}

function copyObject(
	ctx: CallContext,
	source: DriveObject,
	target: DriveObject,
	name = source.NAME,
): DriveObject {
	const s = state(ctx);
	const at = now();
	const copy: DriveObject = {
		...source,
		ID: s.nextObject++,
		NAME: name,
		STORAGE_ID: target.STORAGE_ID,
		PARENT_ID: target.ID,
		CREATE_TIME: at,
		UPDATE_TIME: at,
		CREATED_BY: ctx.auth.userId,
		UPDATED_BY: ctx.auth.userId,
		externalLink: undefined,
	};
	if (source.TYPE === 'file') {
		copy.content = Buffer.from(source.content ?? Buffer.alloc(0));
		copy.FILE_ID = s.nextFile++;
		copy.GLOBAL_CONTENT_VERSION = 1;
		copy.downloadToken = newToken();
	}
	s.objects.set(copy.ID, copy);
	if (source.TYPE === 'folder') {
		for (const child of childrenOf(ctx, source.ID))
			if (child.DELETED_TYPE === 0) copyObject(ctx, child, copy);
	}
	return copy;
}

function isInside(ctx: CallContext, object: DriveObject, folderId: number): boolean {
	let current: number | null = folderId;
	while (current !== null) {
		if (current === object.ID) return true;
		current = state(ctx).objects.get(current)?.PARENT_ID ?? null;
	}
	return false;
}

function moveObject(ctx: CallContext, object: DriveObject, target: DriveObject): void {
	const at = now();
	const relocate = (o: DriveObject) => {
		o.STORAGE_ID = target.STORAGE_ID;
	};
	object.PARENT_ID = target.ID;
	object.UPDATE_TIME = at;
	object.UPDATED_BY = ctx.auth.userId;
	relocate(object);
	if (object.TYPE === 'folder') for (const o of descendantsOf(ctx, object.ID)) relocate(o);
}

function externalLink(ctx: CallContext, object: DriveObject): string {
	if (!object.externalLink)
		object.externalLink = `${ctx.portal.url}/~${newToken().split('|')[1].slice(0, 5)}`;
	return object.externalLink;
}

function rename(ctx: CallContext, object: DriveObject, newName: string): void {
	if (object.PARENT_ID !== null && nameTaken(ctx, object.PARENT_ID, newName, object.ID))
		throw conflict(object.TYPE);
	object.NAME = newName;
	object.UPDATE_TIME = now();
	object.UPDATED_BY = ctx.auth.userId;
}

function appStorage(ctx: CallContext): DriveStorage {
	if (ctx.auth.kind !== 'oauth' || !ctx.auth.clientId)
		throw accessDenied('Access denied! Application context required');
	const s = state(ctx);
	const existing = [...s.storages.values()].find(
		(x) => x.ENTITY_TYPE === 'restapp' && x.clientId === ctx.auth.clientId,
	);
	if (existing) return existing;
	const id = s.nextStorage++;
	const rootId = s.nextObject++;
	const at = now();
	const storage: DriveStorage = {
		ID: id,
		NAME: ctx.auth.clientId,
		CODE: null,
		MODULE_ID: 'disk',
		ENTITY_TYPE: 'restapp',
		ENTITY_ID: String(id),
		ROOT_OBJECT_ID: rootId,
		clientId: ctx.auth.clientId,
	};
	s.storages.set(id, storage);
	s.objects.set(rootId, {
		ID: rootId,
		NAME: storage.NAME,
		TYPE: 'folder',
		STORAGE_ID: id,
		PARENT_ID: null,
		DELETED_TYPE: 0,
		CREATE_TIME: at,
		UPDATE_TIME: at,
		DELETE_TIME: null,
		CREATED_BY: ctx.auth.userId,
		UPDATED_BY: ctx.auth.userId,
		DELETED_BY: 0,
	});
	return storage;
}

const storageMethods: MethodDef[] = [
	{
		name: 'disk.storage.getList',
		scope: 'disk',
		handler: (ctx) => {
			const all = [...state(ctx).storages.values()];
			const rows = applyOrder(
				applyFilter(all, param(ctx.params, 'filter'), storageResolver),
				param(ctx.params, 'order'),
				storageResolver,
				(s) => s.ID,
			);
			const page = paginate(rows, param(ctx.params, 'start'));
			return { result: page.items.map(storageView), total: page.total, next: page.next };
		},
	},
	{
		name: 'disk.storage.getForApp',
		scope: 'disk',
		handler: (ctx) => ({ result: storageView(appStorage(ctx)) }),
	},
	{
		name: 'disk.storage.get',
		scope: 'disk',
		handler: (ctx) => ({ result: storageView(storageOf(ctx, idParam(ctx, 'id', 0))) }),
	},
	{
		name: 'disk.storage.rename',
		scope: 'disk',
		handler: (ctx) => {
			const storage = storageOf(ctx, idParam(ctx, 'id', 0));
			const newName = stringParam(ctx, 'newName', 1);
			if (storage.ENTITY_TYPE !== 'restapp' || storage.clientId !== ctx.auth.clientId) {
				throw new RestError(400, '', 'Access denied (invalid type of storage)');
			}
			storage.NAME = newName;
			rootOf(ctx, storage).NAME = newName;
			return { result: storageView(storage) };
		},
	},
	{
		name: 'disk.storage.getChildren',
		scope: 'disk',
		handler: (ctx) => listChildren(ctx, rootOf(ctx, storageOf(ctx, idParam(ctx, 'id', 0))).ID),
	},
	{
		name: 'disk.storage.addFolder',
		scope: 'disk',
		handler: (ctx) => ({
			result: objectView(
				ctx,
				addFolder(ctx, rootOf(ctx, storageOf(ctx, idParam(ctx, 'id', 0))), 1),
				true,
			),
		}),
	},
	{
		name: 'disk.storage.uploadFile',
		scope: 'disk',
		handler: (ctx) => uploadFile(ctx, rootOf(ctx, storageOf(ctx, idParam(ctx, 'id', 0)))),
	},
];

const folderMethods: MethodDef[] = [
	{
		name: 'disk.folder.get',
		scope: 'disk',
		handler: (ctx) => ({ result: objectView(ctx, folderOf(ctx, idParam(ctx, 'id', 1))) }),
	},
	{
		name: 'disk.folder.addSubfolder',
		scope: 'disk',
		handler: (ctx) => ({
			result: objectView(ctx, addFolder(ctx, folderOf(ctx, idParam(ctx, 'id', 1)), 1), true),
		}),
	},
	{
		name: 'disk.folder.copyTo',
		scope: 'disk',
		handler: (ctx) => {
			const folder = folderOf(ctx, idParam(ctx, 'id', 1));
			const target = folderOf(ctx, idParam(ctx, 'targetFolderId', 1));
			if (nameTaken(ctx, target.ID, folder.NAME)) throw conflict('folder');
			if (isInside(ctx, folder, target.ID))
				throw new RestError(400, '', 'Could not copy folder into itself');
			return { result: objectView(ctx, copyObject(ctx, folder, target), true) };
		},
	},
	{
		name: 'disk.folder.moveTo',
		scope: 'disk',
		handler: (ctx) => {
			const folder = folderOf(ctx, idParam(ctx, 'id', 1));
			const target = folderOf(ctx, idParam(ctx, 'targetFolderId', 1));
			if (isRoot(folder)) throw new RestError(400, '', 'Could not move root folder');
			if (nameTaken(ctx, target.ID, folder.NAME, folder.ID)) throw conflict('folder');
			if (isInside(ctx, folder, target.ID))
				throw new RestError(400, '', 'Could not move folder into itself');
			moveObject(ctx, folder, target);
			return { result: { ...objectView(ctx, folder), PARENT_ID: target.ID } };
		},
	},
	{
		name: 'disk.folder.deleteTree',
		scope: 'disk',
		handler: (ctx) => {
			const folder = folderOf(ctx, idParam(ctx, 'id', 1));
			if (isRoot(folder))
				throw new RestError(400, 'DISK_OBJ_22000', 'Could not delete root folder');
			for (const o of descendantsOf(ctx, folder.ID)) state(ctx).objects.delete(o.ID);
			state(ctx).objects.delete(folder.ID);
			return { result: true };
		},
	},
	{
		name: 'disk.folder.getExternalLink',
		scope: 'disk',
		handler: (ctx) => ({ result: externalLink(ctx, folderOf(ctx, idParam(ctx, 'id', 1))) }),
	},
	{
		name: 'disk.folder.getChildren',
		scope: 'disk',
		handler: (ctx) => listChildren(ctx, folderOf(ctx, idParam(ctx, 'id', 1)).ID),
	},
	{
		name: 'disk.folder.markDeleted',
		scope: 'disk',
		handler: (ctx) => {
			const folder = folderOf(ctx, idParam(ctx, 'id', 1));
			if (isRoot(folder))
				throw new RestError(400, 'DISK_OBJ_22000', 'Could not delete root folder');
			trash(ctx, folder);
			return { result: { ...objectView(ctx, folder), DELETED_TYPE: 3 } };
		},
	},
	{
		name: 'disk.folder.restore',
		scope: 'disk',
		handler: (ctx) => {
			const folder = folderOf(ctx, idParam(ctx, 'id', 1));
			restore(ctx, folder);
			return { result: { ...objectView(ctx, folder), DELETED_TYPE: 0 } };
		},
	},
	{
		name: 'disk.folder.rename',
		scope: 'disk',
		handler: (ctx) => {
			const folder = folderOf(ctx, idParam(ctx, 'id', 1));
			rename(ctx, folder, stringParam(ctx, 'newName', 1));
			return { result: objectView(ctx, folder) };
		},
	},
	{
		name: 'disk.folder.getFields',
		scope: 'disk',
		handler: () => ({
			result: Object.fromEntries(
				FOLDER_FIELDS.map(([name, type, filterable]) => [
					name,
					{ TYPE: type, USE_IN_FILTER: filterable, USE_IN_SHOW: true },
				]),
			),
		}),
	},
	{
		name: 'disk.folder.uploadFile',
		scope: 'disk',
		handler: (ctx) => uploadFile(ctx, folderOf(ctx, idParam(ctx, 'id', 0))),
	},
];

const fileMethods: MethodDef[] = [
	{
		name: 'disk.file.get',
		scope: 'disk',
		handler: (ctx) => ({ result: objectView(ctx, fileOf(ctx, idParam(ctx, 'id', 0))) }),
	},
	{
		name: 'disk.file.delete',
		scope: 'disk',
		handler: (ctx) => {
			const file = fileOf(ctx, idParam(ctx, 'id', 0));
			state(ctx).objects.delete(file.ID);
			return { result: true };
		},
	},
	{
		name: 'disk.file.getExternalLink',
		scope: 'disk',
		handler: (ctx) => ({ result: externalLink(ctx, fileOf(ctx, idParam(ctx, 'id', 0))) }),
	},
	{
		name: 'disk.file.markDeleted',
		scope: 'disk',
		handler: (ctx) => {
			const file = fileOf(ctx, idParam(ctx, 'id', 0));
			trash(ctx, file);
			return { result: objectView(ctx, file) };
		},
	},
	{
		name: 'disk.file.restore',
		scope: 'disk',
		handler: (ctx) => {
			const file = fileOf(ctx, idParam(ctx, 'id', 0));
			restore(ctx, file);
			return { result: { ...objectView(ctx, file), DELETED_TYPE: 0 } };
		},
	},
	{
		name: 'disk.file.copyTo',
		scope: 'disk',
		handler: (ctx) => {
			const file = fileOf(ctx, idParam(ctx, 'id', 0));
			const target = folderOf(ctx, idParam(ctx, 'targetFolderId', 0));
			if (nameTaken(ctx, target.ID, file.NAME)) throw conflict('file');
			return { result: objectView(ctx, copyObject(ctx, file, target), true) };
		},
	},
	{
		name: 'disk.file.moveTo',
		scope: 'disk',
		handler: (ctx) => {
			const file = fileOf(ctx, idParam(ctx, 'id', 0));
			const target = folderOf(ctx, idParam(ctx, 'targetFolderId', 0));
			if (nameTaken(ctx, target.ID, file.NAME, file.ID)) throw conflict('file');
			moveObject(ctx, file, target);
			return { result: { ...objectView(ctx, file), PARENT_ID: target.ID } };
		},
	},
	{
		name: 'disk.file.rename',
		scope: 'disk',
		handler: (ctx) => {
			const file = fileOf(ctx, idParam(ctx, 'id', 0));
			rename(ctx, file, stringParam(ctx, 'newName', 0));
			return { result: objectView(ctx, file) };
		},
	},
];

/** The multipart POST to an uploadUrl: `token` names the pending upload, the part under `field` is the file. */
const uploadTarget: MethodDef = {
	name: 'upload',
	scope: 'disk',
	handler: (ctx) => {
		const token = param(ctx.params, 'token');
		const pending = typeof token === 'string' ? state(ctx).uploads.get(token) : undefined;
		if (!pending || typeof token !== 'string') throw accessDenied('Invalid upload token');
		const part = param(ctx.params, 'file');
		if (!isUploadedFile(part)) throw argumentError(0);
		state(ctx).uploads.delete(token);
		const folder = folderOf(ctx, pending.folderId);
		const name = pending.name ?? part.filename;
		if (!name)
			throw new RestError(
				400,
				'DISK_BASE_SERVICE_22001',
				'Error: required parameter NAME (DISK_BASE_SERVICE_22001)',
			);
		const mimeType =
			part.contentType && part.contentType !== 'application/octet-stream'
				? part.contentType
				: mimeOf(name);
		const file = storeFile(
			ctx,
			folder,
			name,
			bytesOf(part.data),
			mimeType,
			pending.generateUniqueName,
			pending.userId,
		);
		return { result: objectView(ctx, file, true) };
	},
};

export const methods: MethodDef[] = [
	...storageMethods,
	...folderMethods,
	...fileMethods,
	fileSearch(objectView),
	uploadTarget,
];
