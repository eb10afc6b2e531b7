import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { bitrix24List } from '../../../shared/transport';

/**
 * The CRM's entity types, spelled every way Bitrix24 spells them: the numeric entityTypeId
 * (crm.item.*), the code (timeline ENTITY_TYPE, `crm.<code>.*` of the classic API) and the short
 * code (product-row owners, `D_12` bindings). Smart processes (entityTypeId >= 128) are read from
 * the portal and spelled `dynamic_<id>` / `T<hex id>`.
 */
export interface CrmEntityType {
	id: number;
	name: string;
	code: string;
	shortCode: string;
	/** has pipelines (categories) */
	pipelines: boolean;
	/** can own product rows */
	productRows: boolean;
}

export const CRM_ENTITY_TYPES: CrmEntityType[] = [
	{ id: 1, name: 'Lead', code: 'lead', shortCode: 'L', pipelines: false, productRows: true },
	{ id: 2, name: 'Deal', code: 'deal', shortCode: 'D', pipelines: true, productRows: true },
	{ id: 3, name: 'Contact', code: 'contact', shortCode: 'C', pipelines: false, productRows: false },
	{
		id: 4,
		name: 'Company',
		code: 'company',
		shortCode: 'CO',
		pipelines: false,
		productRows: false,
	},
	{ id: 7, name: 'Quote', code: 'quote', shortCode: 'Q', pipelines: false, productRows: true },
	{
		id: 31,
		name: 'Invoice',
		code: 'smart_invoice',
		shortCode: 'SI',
		pipelines: false,
		productRows: true,
	},
];

export function entityTypeById(id: number): CrmEntityType | undefined {
	return CRM_ENTITY_TYPES.find((type) => type.id === id);
}

export function entityTypeByCode(code: string): CrmEntityType | undefined {
	return CRM_ENTITY_TYPES.find((type) => type.code === code);
}

/** A smart process as an entity type: Bitrix24's `dynamic_<id>` code and `T<hex>` short code. */
export function smartProcessType(id: number, title: string): CrmEntityType {
	return {
		id,
		name: `${title} (smart process ${id})`,
		code: `dynamic_${id}`,
		shortCode: `T${id.toString(16)}`,
		pipelines: true,
		productRows: true,
	};
}

/** The short code of any entity type id (product rows, bindings). */
export function shortTypeCode(id: number): string {
	return entityTypeById(id)?.shortCode ?? smartProcessType(id, '').shortCode;
}

/** The portal's smart processes (crm.type.list), as entity types, by title. */
export async function smartProcessTypes(ctx: ILoadOptionsFunctions): Promise<CrmEntityType[]> {
	const rows = await bitrix24List(ctx, {
		method: 'crm.type.list',
		params: {},
		rowsAt: ['types'],
		idKey: 'id',
	});
	return rows
		.map((type: IDataObject) => ({ id: Number(type.entityTypeId), title: String(type.title) }))
		.sort((a, b) => a.title.localeCompare(b.title))
		.map((type) => smartProcessType(type.id, type.title));
}
