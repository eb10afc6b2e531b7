import { pickersSinceV2 } from '../method-table/build';
import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { done } from './answers';
import { downloadDocument } from './document/download.operation';
import { DOCUMENT_LOCATOR, RECORD_OF_TYPE, TEMPLATE_LOCATOR } from './locators';
import { listParam } from './pickers';

/** crm.documentgenerator.*: documents generated from templates for CRM records. */

const documentId: ParamSpec = {
	name: 'documentId',
	label: 'Document',
	path: 'id',
	type: 'id',
	required: true,
	locator: DOCUMENT_LOCATOR,
};
const entityTypeId = (required: boolean, path: string): ParamSpec =>
	listParam(
		'entityTypeId',
		'Entity Type Name or ID',
		path,
		'getEntityTypes',
		'The CRM type of the record',
		required,
	);

const methods: MethodSpec[] = pickersSinceV2(
	[
		{
			value: 'create',
			name: 'Create',
			action: 'Generate a document',
			description:
				'Generate a document from a template for a CRM record (crm.documentgenerator.document.add)',
			method: 'crm.documentgenerator.document.add',
			params: [
				{
					name: 'templateId',
					label: 'Template',
					path: 'templateId',
					type: 'id',
					required: true,
					description:
						'The document template (crm.documentgenerator.template.list); the list shows those of the Entity Type',
					locator: TEMPLATE_LOCATOR,
				},
				entityTypeId(true, 'entityTypeId'),
				{
					name: 'entityId',
					label: 'Record',
					path: 'entityId',
					type: 'id',
					required: true,
					description: 'The CRM record (of the Entity Type) the document is made for',
					locator: RECORD_OF_TYPE,
				},
				{
					name: 'values',
					label: 'Values (JSON)',
					path: 'values',
					type: 'json',
					description:
						'Values of the template’s fields, e.g. {"DocumentNumber": "2026-001"} (crm.documentgenerator.document.getfields names them)',
				},
				{
					name: 'stampsEnabled',
					label: 'Stamps and Signatures',
					path: 'stampsEnabled',
					type: 'boolean',
					description: 'Whether to include the stamp and signature',
				},
			],
			adjust: (_ctx, _itemIndex, params) => ({
				...params,
				entityTypeId: Number(params.entityTypeId),
				...(params.stampsEnabled === undefined
					? {}
					: { stampsEnabled: params.stampsEnabled ? 1 : 0 }),
			}),
			output: { at: ['document'] },
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a document',
			description: 'Delete a generated document (crm.documentgenerator.document.delete)',
			method: 'crm.documentgenerator.document.delete',
			params: [documentId],
			shape: done('deleted'),
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a document',
			description: 'Get a generated document with its links (crm.documentgenerator.document.get)',
			method: 'crm.documentgenerator.document.get',
			params: [documentId],
			output: { at: ['document'] },
		},
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many documents',
			description: 'List generated documents (crm.documentgenerator.document.list)',
			method: 'crm.documentgenerator.document.list',
			params: [
				entityTypeId(false, 'filter.entityTypeId'),
				{
					name: 'entityId',
					label: 'Record',
					path: 'filter.entityId',
					type: 'id',
					description: 'Only the documents of this record (with Entity Type)',
					locator: RECORD_OF_TYPE,
				},
				{
					name: 'templateId',
					label: 'Template',
					path: 'filter.templateId',
					type: 'id',
					description: 'Only the documents made from this template',
					locator: TEMPLATE_LOCATOR,
				},
			],
			list: { rowsAt: ['documents'], idKey: 'id', paging: 'offset', selectParam: 'select' },
		},
		{
			value: 'getTemplates',
			name: 'Get Templates',
			action: 'Get document templates',
			description: 'List the document templates (crm.documentgenerator.template.list)',
			method: 'crm.documentgenerator.template.list',
			params: [
				{
					name: 'binding',
					label: 'For Entity Type ID',
					path: 'filter.entityTypeId',
					type: 'string',
					placeholder: '2',
					description:
						'Only templates bound to this CRM type, e.g. 2 for deals or 2_category_1 for a deal pipeline',
				},
			],
			list: { rowsAt: ['templates'], idKey: 'id', paging: 'offset', selectParam: 'select' },
		},
	],
	['templateId', 'entityId', 'documentId'],
);

export const documentSpec: ResourceSpec = {
	value: 'crmDocument',
	name: 'CRM Document',
	description: 'Documents generated from templates for CRM records (PDF or DOCX)',
	methods,
	operations: [downloadDocument],
};
