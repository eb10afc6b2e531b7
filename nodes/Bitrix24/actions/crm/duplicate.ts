import type { IDataObject } from 'n8n-workflow';

import type { MethodSpec, ResourceSpec } from '../method-table/spec';
import { paramError } from '../params';

/**
 * crm.duplicate.findbycomm: the leads, contacts and companies that have one of the given phones
 * or e-mails (at most 20 per call). Answered as one item `{LEAD: [ids], CONTACT: [...],
 * COMPANY: [...], found}`, every searched type present, empty when nothing matched (Bitrix24
 * leaves out types without matches and answers an empty list when there are none).
 */
const TYPES = ['LEAD', 'CONTACT', 'COMPANY'];

const find: MethodSpec = {
	value: 'find',
	name: 'Find',
	action: 'Find records by phone or e-mail',
	description:
		'The leads, contacts and companies with one of the phones or e-mails (crm.duplicate.findbycomm)',
	method: 'crm.duplicate.findbycomm',
	params: [
		{
			name: 'type',
			label: 'Search By',
			path: 'type',
			type: 'options',
			required: true,
			options: [
				{ name: 'E-Mail', value: 'EMAIL' },
				{ name: 'Phone', value: 'PHONE' },
			],
		},
		{
			name: 'values',
			label: 'Values',
			path: 'values',
			type: 'string',
			required: true,
			placeholder: 'anna@example.com, +15551234567',
			description:
				'Up to 20 e-mails or phones, separated by commas; phones match without their extension',
		},
		{
			name: 'entityType',
			label: 'Entity Type',
			path: 'entity_type',
			type: 'options',
			options: [
				{ name: 'Lead', value: 'LEAD' },
				{ name: 'Contact', value: 'CONTACT' },
				{ name: 'Company', value: 'COMPANY' },
			],
			description: 'Search one type only; by default leads, contacts and companies are searched',
		},
	],
	adjust(ctx, itemIndex, params) {
		const raw = params.values;
		const values = (Array.isArray(raw) ? raw.map(String) : String(raw).split(/[,;\n]/))
			.map((value) => value.trim())
			.filter(Boolean);
		if (values.length === 0)
			throw paramError(ctx, itemIndex, 'Values', 'give at least one e-mail or phone');
		if (values.length > 20)
			throw paramError(
				ctx,
				itemIndex,
				'Values',
				`${values.length} values given; Bitrix24 searches at most 20 per call`,
			);
		params.values = values;
		return params;
	},
	shape(_ctx, result, params) {
		const found =
			result && typeof result === 'object' && !Array.isArray(result) ? (result as IDataObject) : {};
		const searched = typeof params.entity_type === 'string' ? [params.entity_type] : TYPES;
		const out: IDataObject = {};
		let count = 0;
		for (const type of searched) {
			const ids = Array.isArray(found[type]) ? (found[type] as unknown[]).map(Number) : [];
			out[type] = ids;
			count += ids.length;
		}
		return { ...out, found: count };
	},
};

export const duplicateSpec: ResourceSpec = {
	value: 'crmDuplicate',
	name: 'CRM Duplicate',
	description: 'Leads, contacts and companies sharing a phone or e-mail (crm.duplicate.*)',
	methods: [find],
};
