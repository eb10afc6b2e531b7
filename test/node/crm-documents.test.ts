import type { Portal } from '../portal';
import { DOC_TEMPLATES, documentsState, renderDocument } from '../portal/methods/crm-documents';
import { driveState } from '../portal/methods/disk/state';
import { runNode, withPortal } from './support';

describe('CRM documents: templates, generating, downloading, listing, deleting', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 3 } });
	});
	afterAll(async () => await portal.close());
	const state = () => documentsState(portal.store);

	it('lists the templates that are not deleted, and those of one CRM type', async () => {
		const all = await runNode(portal, {
			resource: 'crmDocument',
			operation: 'getTemplates',
			returnAll: true,
		});
		expect(all.result.error).toBeUndefined();
		expect(all.json.map((t) => t.id)).toEqual(
			DOC_TEMPLATES.filter((t) => t.isDeleted === 'N').map((t) => String(t.id)),
		);
		const leads = await runNode(portal, {
			resource: 'crmDocument',
			operation: 'getTemplates',
			returnAll: true,
			additionalFields: { binding: '1' },
		});
		expect(leads.json.map((t) => t.name)).toEqual(
			DOC_TEMPLATES.filter((t) => t.isDeleted === 'N' && t.entityTypeId.includes('1')).map(
				(t) => t.name,
			),
		);
	});

	it('generates a document for a deal and downloads it as PDF and DOCX', async () => {
		const dealId = [...portal.store.deals.rows.keys()][0];
		const template = DOC_TEMPLATES.find(
			(t) => t.entityTypeId.includes('2') && t.isDeleted === 'N',
		)!;
		const values = { DocumentNumber: 'A-17', Comment: 'Thank you' };
		const created = await runNode(portal, {
			resource: 'crmDocument',
			operation: 'create',
			templateId: template.id,
			entityTypeId: 2,
			entityId: dealId,
			additionalFields: { values: JSON.stringify(values), stampsEnabled: true },
		});
		expect(created.result.error).toBeUndefined();
		const stored = [...state().documents.values()].at(-1)!;
		expect(stored).toMatchObject({
			templateId: template.id,
			entityTypeId: 2,
			entityId: dealId,
			values,
			stampsEnabled: true,
		});
		expect(created.json[0]).toMatchObject({ id: String(stored.id), title: stored.title });
		const expected = renderDocument(stored.title, values);

		const pdf = await runNode(portal, {
			resource: 'crmDocument',
			operation: 'download',
			documentId: String(stored.id),
			format: 'pdf',
		});
		expect(pdf.result.error).toBeUndefined();
		const pdfBinary = pdf.items[0].binary!.data;
		expect(Buffer.from(pdfBinary.data, 'base64').equals(expected.pdf)).toBe(true);
		expect(pdfBinary.fileName).toBe(`${stored.title}.pdf`);
		expect(pdfBinary.mimeType).toBe('application/pdf');
		expect(pdf.json[0]).toMatchObject({ id: String(stored.id) });
		expect(pdf.json[0].pdfUrl).toBeUndefined();

		const docx = await runNode(portal, {
			resource: 'crmDocument',
			operation: 'download',
			documentId: String(stored.id),
			format: 'docx',
			binaryPropertyName: 'file',
		});
		const docxBinary = docx.items[0].binary!.file;
		expect(Buffer.from(docxBinary.data, 'base64').equals(expected.docx)).toBe(true);
		expect(docxBinary.fileName).toBe(`${stored.title}.docx`);

		const got = await runNode(portal, {
			resource: 'crmDocument',
			operation: 'get',
			documentId: stored.id,
		});
		expect(got.json[0]).toMatchObject({ id: String(stored.id), number: stored.number });

		const deletedTemplate = DOC_TEMPLATES.find((t) => t.isDeleted === 'Y')!;
		const refused = await runNode(portal, {
			resource: 'crmDocument',
			operation: 'create',
			templateId: deletedTemplate.id,
			entityTypeId: 2,
			entityId: dealId,
		});
		expect(String(refused.result.error?.message)).toMatch(/deleted template/);
	});

	it('lists the documents of a record and deletes one with its files', async () => {
		const [first, second] = [...portal.store.deals.rows.keys()];
		const template = DOC_TEMPLATES[0];
		await runNode(
			portal,
			{
				resource: 'crmDocument',
				operation: 'create',
				templateId: template.id,
				entityTypeId: 2,
				entityId: '={{ $json.deal }}',
			},
			{ items: [{ deal: second }, { deal: second }, { deal: first }] },
		);
		const ofSecond = [...state().documents.values()].filter((d) => d.entityId === second);
		expect(ofSecond).toHaveLength(2);
		const listed = await runNode(portal, {
			resource: 'crmDocument',
			operation: 'getAll',
			returnAll: true,
			additionalFields: { entityTypeId: 2, entityId: second },
		});
		expect(listed.json.map((d) => d.id)).toEqual(ofSecond.map((d) => String(d.id)));

		const doomed = ofSecond[0];
		const deleted = await runNode(portal, {
			resource: 'crmDocument',
			operation: 'delete',
			documentId: doomed.id,
		});
		expect(deleted.json[0]).toEqual({ ID: String(doomed.id), deleted: true });
		expect(state().documents.has(doomed.id)).toBe(false);
		expect(driveState(portal.store).objects.has(doomed.pdfId)).toBe(false);
		const gone = await runNode(portal, {
			resource: 'crmDocument',
			operation: 'download',
			documentId: String(doomed.id),
		});
		expect(String(gone.result.error?.message)).toMatch(/Document not found/);
	});
});
