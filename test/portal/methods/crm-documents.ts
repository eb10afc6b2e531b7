/**
 * Documents of the CRM document generator: crm.documentgenerator.template.list and
 * crm.documentgenerator.document.add/get/list/delete, as b24restdocs describes them
 * (api-reference/crm/document-generator/templates/, documents/).
 *
 * A generated document is a DOCX file and its PDF on the creating user's Drive (the real module
 * keeps its files there too). The portal's only byte-serving route is the Drive download link,
 * so downloadUrl / pdfUrl and their *Machine variants are Drive download links, sent with the
 * same authentication as REST (the real downloadUrl is a browser link; the Machine ones are for
 * REST clients).
 */
import { isoDate, RestError } from '../envelope';
import { applyFilter, applyOrder, paginate, Resolver } from '../filter';
import { phpInt } from '../php-query';
import { CallContext, MethodDef } from '../registry';
import type { Store } from '../store';
import { addDriveFile, driveState } from './disk/state';

export interface DocTemplate {
	id: number;
	name: string;
	region: string;
	code: string;
	active: 'Y' | 'N';
	moduleId: 'crm';
	numeratorId: number;
	withStamps: 'Y' | 'N';
	isDeleted: 'Y' | 'N';
	sort: number;
	/** bindings: "2" for deals, "2_category_1" for a deal pipeline, "1" leads ... */
	entityTypeId: string[];
}

/** The seeded templates; tests compute their expectations from these. */
export const DOC_TEMPLATES: DocTemplate[] = [
	{ id: 39, name: 'Invoice', region: 'us', code: 'INVOICE', entityTypeId: ['2', '7'] },
	{ id: 41, name: 'Commercial offer', region: 'us', code: 'OFFER', entityTypeId: ['1', '2'] },
	{ id: 43, name: 'Contract', region: 'us', code: 'CONTRACT', entityTypeId: ['4'] },
	{ id: 45, name: 'Old invoice', region: 'us', code: 'OLD', entityTypeId: ['2'], isDeleted: 'Y' },
].map((t, index) => ({
	active: 'Y',
	moduleId: 'crm',
	numeratorId: 1,
	withStamps: 'N',
	isDeleted: 'N',
	sort: (index + 1) * 100,
	...t,
})) as DocTemplate[];

export interface GeneratedDocument {
	id: number;
	title: string;
	number: string;
	templateId: number;
	entityTypeId: number;
	entityId: number;
	values: Record<string, unknown>;
	stampsEnabled: boolean;
	createdBy: number;
	createTime: string;
	fileId: number;
	pdfId: number;
	docx: Buffer;
	pdf: Buffer;
}

export interface DocumentsState {
	templates: DocTemplate[];
	documents: Map<number, GeneratedDocument>;
	nextDocument: number;
	nextNumber: number;
}

export function documentsState(store: Store): DocumentsState {
	return store.area<DocumentsState>('crm-documents', () => ({
		templates: DOC_TEMPLATES.map((t) => ({ ...t, entityTypeId: [...t.entityTypeId] })),
		documents: new Map(),
		nextDocument: 61,
		nextNumber: 1,
	}));
}

/** The content the portal "renders": what a test can compare with the download. */
export function renderDocument(
	title: string,
	values: Record<string, unknown>,
): { docx: Buffer; pdf: Buffer } {
	const lines = [title, ...Object.entries(values).map(([k, v]) => `${k}: ${String(v)}`)].join('\n');
	return {
		docx: Buffer.from(`PK\u0003\u0004 word/document.xml\n${lines}\n`),
		pdf: Buffer.from(`%PDF-1.4\n${lines}\n%%EOF\n`),
	};
}

const plain =
	<R extends object>(numeric: string[]): Resolver<R> =>
	(name) => ({
		def: { type: numeric.includes(name) ? 'integer' : 'string' },
		get: (row) => (row as Record<string, unknown>)[name],
	});

function templateView(t: DocTemplate, ctx: CallContext): Record<string, unknown> {
	return {
		id: String(t.id),
		name: t.name,
		region: t.region,
		code: t.code,
		active: t.active,
		moduleId: t.moduleId,
		numeratorId: String(t.numeratorId),
		withStamps: t.withStamps,
		isDeleted: t.isDeleted,
		sort: String(t.sort),
		download: `${ctx.portal.url}/bitrix/services/main/ajax.php?action=crm.documentgenerator.template.download&SITE_ID=s1&id=${t.id}`,
		users: ['UA'],
		entityTypeId: t.entityTypeId,
	};
}

/** A Drive download link as disk.ts hands them out to this caller. */
function linkTo(ctx: CallContext, fileId: number): string {
	const drive = driveState(ctx.portal.store);
	const token = encodeURIComponent(drive.objects.get(fileId)?.downloadToken ?? '');
	const base = drive.publicUrl ?? ctx.portal.url;
	if (ctx.auth.kind === 'oauth')
		return `${base}/rest/download.json?auth=${ctx.auth.accessToken ?? ''}&token=${token}`;
	return drive.webhookPath
		? `${base}${drive.webhookPath}download/?token=${token}`
		: `${base}/rest/download.json?token=${token}`;
}

function documentView(ctx: CallContext, d: GeneratedDocument): Record<string, unknown> {
	const download = linkTo(ctx, d.fileId);
	const pdf = linkTo(ctx, d.pdfId);
	return {
		id: String(d.id),
		title: d.title,
		number: d.number,
		templateId: String(d.templateId),
		entityTypeId: String(d.entityTypeId),
		entityId: String(d.entityId),
		fileId: String(d.fileId),
		pdfId: String(d.pdfId),
		createTime: d.createTime,
		updateTime: d.createTime,
		createdBy: String(d.createdBy),
		updatedBy: null,
		stampsEnabled: d.stampsEnabled,
		isTransformationError: false,
		values: { _creationMethod: 'rest', stampsEnabled: d.stampsEnabled, ...d.values },
		downloadUrl: download,
		pdfUrl: pdf,
		downloadUrlMachine: download,
		pdfUrlMachine: pdf,
		publicUrl: null,
	};
}

function documentOf(ctx: CallContext): GeneratedDocument {
	if (ctx.params.id === undefined || ctx.params.id === '')
		throw new RestError(
			400,
			'100',
			'Bitrix\\DocumentGenerator\\Document constructor must be is public',
		);
	const doc = documentsState(ctx.portal.store).documents.get(phpInt(ctx.params.id));
	if (!doc) throw new RestError(400, '0', 'Document not found');
	return doc;
}

export const methods: MethodDef[] = [
	{
		name: 'crm.documentgenerator.template.list',
		scope: 'crm',
		handler: (ctx) => {
			const resolve = plain<DocTemplate>(['id', 'numeratorId', 'sort']);
			const raw = (ctx.params.filter ?? {}) as Record<string, unknown>;
			const { entityTypeId: binding, ...filter } = raw;
			// isDeleted = "N" unless the filter names it; moduleId is always crm
			if (!Object.keys(filter).some((k) => k.replace(/^[=!<>@%]+/, '') === 'isDeleted'))
				filter.isDeleted = 'N';
			let rows = applyFilter(documentsState(ctx.portal.store).templates, filter, resolve);
			if (binding !== undefined) {
				const wanted = (Array.isArray(binding) ? binding : [binding]).map(String);
				rows = rows.filter((t) => t.entityTypeId.some((b) => wanted.includes(b)));
			}
			rows = applyOrder(rows, ctx.params.order, resolve, (t) => t.id);
			const page = paginate(rows, ctx.params.start);
			// templates come keyed by their id, as the docs show
			const templates = Object.fromEntries(
				page.items.map((t) => [String(t.id), templateView(t, ctx)]),
			);
			return { result: { templates }, total: page.total, next: page.next };
		},
	},
	{
		name: 'crm.documentgenerator.document.add',
		scope: 'crm',
		handler: (ctx) => {
			const store = ctx.portal.store;
			const state = documentsState(store);
			if (ctx.params.templateId === undefined || ctx.params.templateId === '')
				throw new RestError(
					400,
					'100',
					'Bitrix\\DocumentGenerator\\Template constructor must be is public',
				);
			const template = state.templates.find((t) => t.id === phpInt(ctx.params.templateId));
			if (!template) throw new RestError(400, '0', 'Template not found');
			if (template.isDeleted === 'Y')
				throw new RestError(400, '0', 'Cannot create document on deleted template');
			const entityTypeId = phpInt(ctx.params.entityTypeId ?? 0);
			if (!store.table(entityTypeId)) throw new RestError(400, '0', 'No provider for entityTypeId');
			if (ctx.params.entityId === undefined || ctx.params.entityId === '')
				throw new RestError(400, '0', 'Empty required parameter "value"');
			const entityId = phpInt(ctx.params.entityId);
			// a record that does not exist: the docs' general failure
			if (!store.table(entityTypeId)?.rows.has(entityId))
				throw new RestError(400, '0', 'Cannot create document');
			const values =
				ctx.params.values && typeof ctx.params.values === 'object'
					? (ctx.params.values as Record<string, unknown>)
					: {};
			const number = `2026-${String(state.nextNumber++).padStart(3, '0')}`;
			const title = `${template.name} ${number}`;
			const rendered = renderDocument(title, values);
			const drive = driveState(store);
			const storage = [...drive.storages.values()].find(
				(s) => s.ENTITY_TYPE === 'user' && s.ENTITY_ID === String(ctx.auth.userId),
			);
			if (!storage) throw new RestError(400, '0', 'Cannot create document');
			const fileId = addDriveFile(
				store,
				storage.ROOT_OBJECT_ID,
				`${title}.docx`,
				rendered.docx,
				ctx.auth.userId,
			);
			const pdfId = addDriveFile(
				store,
				storage.ROOT_OBJECT_ID,
				`${title}.pdf`,
				rendered.pdf,
				ctx.auth.userId,
			);
			const doc: GeneratedDocument = {
				id: state.nextDocument++,
				title,
				number,
				templateId: template.id,
				entityTypeId,
				entityId,
				values,
				stampsEnabled: phpInt(ctx.params.stampsEnabled ?? 0) > 0,
				createdBy: ctx.auth.userId,
				createTime: isoDate(Date.now()),
				fileId,
				pdfId,
				...rendered,
			};
			state.documents.set(doc.id, doc);
			return { result: { document: documentView(ctx, doc) } };
		},
	},
	{
		name: 'crm.documentgenerator.document.get',
		scope: 'crm',
		handler: (ctx) => ({ result: { document: documentView(ctx, documentOf(ctx)) } }),
	},
	{
		name: 'crm.documentgenerator.document.list',
		scope: 'crm',
		handler: (ctx) => {
			const resolve: Resolver<GeneratedDocument> = plain<GeneratedDocument>([
				'id',
				'templateId',
				'entityTypeId',
				'entityId',
				'createdBy',
			]);
			const docs = [...documentsState(ctx.portal.store).documents.values()];
			const rows = applyOrder(
				applyFilter(docs, ctx.params.filter, resolve),
				ctx.params.order,
				resolve,
				(d) => d.id,
			);
			const page = paginate(rows, ctx.params.start);
			return {
				result: { documents: page.items.map((d) => documentView(ctx, d)) },
				total: page.total,
				next: page.next,
			};
		},
	},
	{
		name: 'crm.documentgenerator.document.delete',
		scope: 'crm',
		handler: (ctx) => {
			const doc = documentOf(ctx);
			documentsState(ctx.portal.store).documents.delete(doc.id);
			const drive = driveState(ctx.portal.store);
			drive.objects.delete(doc.fileId);
			drive.objects.delete(doc.pdfId);
			return { result: null };
		},
	},
];
