import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { recordLocator } from '../../../../shared/descriptions/locator';
import { bitrix24Call, downloadFromPortal } from '../../../../shared/transport';
import { paramError, readPositiveId } from '../../params';
import type { OperationEntry } from '../../types';
import { DOCUMENT_LOCATOR } from '../locators';

const LINK_KEYS = ['downloadUrl', 'downloadUrlMachine', 'pdfUrl', 'pdfUrlMachine', 'imageUrl'];

const DOCUMENT_ID_V1: INodeProperties = {
	displayName: 'Document ID',
	name: 'documentId',
	type: 'string',
	default: '',
	required: true,
};

function properties(document: INodeProperties): INodeProperties[] {
	return updateDisplayOptions({ show: { resource: ['crmDocument'], operation: ['download'] } }, [
		document,
		{
			displayName: 'Format',
			name: 'format',
			type: 'options',
			options: [
				{ name: 'PDF', value: 'pdf' },
				{ name: 'DOCX', value: 'docx' },
			],
			default: 'pdf',
			description:
				'The PDF is converted after the document is made; right after Create it may not be ready yet',
		},
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the output binary field to put the file in',
		},
	]);
}

/**
 * Download: crm.documentgenerator.document.get for the document and its links, then the PDF or
 * DOCX bytes from the portal with the node's credential (the links meant for REST clients, the
 * *Machine ones, when the portal gives them). The item's json is the document without its links.
 */
export const downloadDocument: OperationEntry = {
	value: 'download',
	name: 'Download',
	action: 'Download a document',
	description:
		'Download a generated document as a PDF or DOCX file (crm.documentgenerator.document.get, then its link)',
	operation: {
		// version 1 released the document as a typed ID; version 2 picks it
		description: properties(DOCUMENT_ID_V1),
		v2Description: properties(
			recordLocator({ displayName: 'Document', name: 'documentId', ...DOCUMENT_LOCATOR }),
		),
		async run(itemIndex) {
			const id = readPositiveId(
				this,
				this.getNodeParameter('documentId', itemIndex, '', { extractValue: true }),
				'Document',
				itemIndex,
			);
			const format = this.getNodeParameter('format', itemIndex, 'pdf') === 'docx' ? 'docx' : 'pdf';
			const property = String(
				this.getNodeParameter('binaryPropertyName', itemIndex, 'data'),
			).trim();
			if (!property) throw paramError(this, itemIndex, 'Put Output File in Field', 'is required');
			const envelope = await bitrix24Call(
				this,
				'crm.documentgenerator.document.get',
				{ id },
				itemIndex,
			);
			const document = ((envelope.result as IDataObject)?.document ?? {}) as IDataObject;
			const key = format === 'pdf' ? 'pdfUrl' : 'downloadUrl';
			const link = [document[`${key}Machine`], document[key]].find(
				(value): value is string => typeof value === 'string' && value !== '',
			);
			if (!link) {
				throw new NodeApiError(
					this.getNode(),
					{ message: `no ${format} link` },
					{
						message: `Bitrix24: document ${id} has no ${format.toUpperCase()} link yet`,
						description:
							format === 'pdf'
								? 'Bitrix24 converts documents to PDF after they are made: try again a little later, or download the DOCX.'
								: undefined,
						itemIndex,
					},
				);
			}
			const download = await downloadFromPortal(this, link, itemIndex);
			const title =
				typeof document.title === 'string' && document.title ? document.title : `document-${id}`;
			const binary = await this.helpers.prepareBinaryData(
				download.content,
				`${title}.${format}`,
				download.mimeType ??
					(format === 'pdf'
						? 'application/pdf'
						: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
			);
			const json: IDataObject = { ...document };
			for (const name of LINK_KEYS) delete json[name];
			return { json, binary: { [property]: binary } } as unknown as IDataObject;
		},
	},
};
