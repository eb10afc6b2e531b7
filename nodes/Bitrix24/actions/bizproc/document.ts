import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { paramError, readPositiveId } from '../params';

/**
 * The documents a workflow runs on, as bizproc.workflow.start names them in DOCUMENT_ID:
 * [module, document class, element id]. The element id is the record ID with the prefix the
 * docs give for each type (LEAD_777, DEAL_777, DYNAMIC_147_1 ...), or the bare ID for lists
 * and Drive documents.
 */
interface DocumentKind {
	name: string;
	value: string;
	module: string;
	object: string;
	/** the element id from the record ID (and the smart process's type for DYNAMIC_) */
	element: (id: number, smartProcessTypeId?: number) => string;
	/** the DOCUMENT_TYPE templates are made for; `container` names the smart process, list or storage */
	templateType: string | { container: string; prefix: string };
}

export const DOCUMENT_KINDS: DocumentKind[] = [
	{
		name: 'CRM Company',
		value: 'company',
		module: 'crm',
		object: 'CCrmDocumentCompany',
		element: (id) => `COMPANY_${id}`,
		templateType: 'COMPANY',
	},
	{
		name: 'CRM Contact',
		value: 'contact',
		module: 'crm',
		object: 'CCrmDocumentContact',
		element: (id) => `CONTACT_${id}`,
		templateType: 'CONTACT',
	},
	{
		name: 'CRM Deal',
		value: 'deal',
		module: 'crm',
		object: 'CCrmDocumentDeal',
		element: (id) => `DEAL_${id}`,
		templateType: 'DEAL',
	},
	{
		name: 'CRM Estimate (Quote)',
		value: 'quote',
		module: 'crm',
		object: 'Bitrix\\Crm\\Integration\\BizProc\\Document\\Quote',
		element: (id) => `QUOTE_${id}`,
		templateType: 'QUOTE',
	},
	{
		name: 'CRM Invoice',
		value: 'smartInvoice',
		module: 'crm',
		object: 'Bitrix\\Crm\\Integration\\BizProc\\Document\\SmartInvoice',
		element: (id) => `SMART_INVOICE_${id}`,
		templateType: 'SMART_INVOICE',
	},
	{
		name: 'CRM Lead',
		value: 'lead',
		module: 'crm',
		object: 'CCrmDocumentLead',
		element: (id) => `LEAD_${id}`,
		templateType: 'LEAD',
	},
	{
		name: 'CRM Smart Process Item',
		value: 'dynamic',
		module: 'crm',
		object: 'Bitrix\\Crm\\Integration\\BizProc\\Document\\Dynamic',
		element: (id, type) => `DYNAMIC_${type}_${id}`,
		templateType: { container: 'smart process type', prefix: 'DYNAMIC_' },
	},
	{
		name: 'Drive File',
		value: 'diskFile',
		module: 'disk',
		object: 'Bitrix\\Disk\\BizProcDocument',
		element: (id) => String(id),
		templateType: { container: 'Drive storage', prefix: 'STORAGE_' },
	},
	{
		name: 'List Element (Group Lists)',
		value: 'listElement',
		module: 'lists',
		object: 'Bitrix\\Lists\\BizprocDocumentLists',
		element: (id) => String(id),
		templateType: { container: 'list', prefix: 'iblock_' },
	},
	{
		name: 'News Feed Process Element',
		value: 'feedProcess',
		module: 'lists',
		object: 'BizprocDocument',
		element: (id) => String(id),
		templateType: { container: 'list', prefix: 'iblock_' },
	},
];

/** Replaces the table's documentType / documentId / smartProcessTypeId with the DOCUMENT_ID Bitrix24 reads. */
export function buildDocumentId(
	ctx: IExecuteFunctions,
	itemIndex: number,
	params: IDataObject,
): IDataObject {
	const { documentType, documentId, smartProcessTypeId, ...rest } = params;
	const kind = DOCUMENT_KINDS.find((entry) => entry.value === documentType);
	if (!kind)
		throw paramError(
			ctx,
			itemIndex,
			'Document Type',
			`"${String(documentType)}" is not a known document type`,
		);
	let type: number | undefined;
	if (kind.value === 'dynamic') {
		if (smartProcessTypeId === undefined)
			throw paramError(
				ctx,
				itemIndex,
				'Smart Process Type ID',
				'is required for a smart process item',
			);
		type = readPositiveId(ctx, smartProcessTypeId, 'Smart Process Type ID', itemIndex);
	}
	// the user's Extra Parameters may carry a DOCUMENT_ID of their own: it wins
	return {
		DOCUMENT_ID: [kind.module, kind.object, kind.element(Number(documentId), type)],
		...rest,
	};
}

/** Replaces documentType / containerId with the DOCUMENT_TYPE of bizproc.workflow.template.add: [module, class, type]. */
export function buildDocumentType(
	ctx: IExecuteFunctions,
	itemIndex: number,
	params: IDataObject,
): IDataObject {
	const { documentType, containerId, ...rest } = params;
	const kind = DOCUMENT_KINDS.find((entry) => entry.value === documentType);
	if (!kind)
		throw paramError(
			ctx,
			itemIndex,
			'Document Type',
			`"${String(documentType)}" is not a known document type`,
		);
	let type: string;
	if (typeof kind.templateType === 'string') {
		type = kind.templateType;
	} else {
		if (containerId === undefined)
			throw paramError(
				ctx,
				itemIndex,
				'Smart Process, List or Storage ID',
				`is required: templates of this type belong to one ${kind.templateType.container}`,
			);
		type = `${kind.templateType.prefix}${readPositiveId(ctx, containerId, 'Smart Process, List or Storage ID', itemIndex)}`;
	}
	return { DOCUMENT_TYPE: [kind.module, kind.object, type], ...rest };
}
