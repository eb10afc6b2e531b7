/**
 * crm.enum.*, as bitrix24/b24restdocs api-reference/crm/auxiliary/enum/ shows them: each method
 * takes no parameters and answers its list of { ID, NAME, SYMBOL_CODE, SYMBOL_CODE_SHORT }
 * (crm.enum.getorderownertypes: { id, name, code, attribute }); the object types end with the
 * portal's smart processes (DYNAMIC_<id>, T<hex>). crm.enum.fields describes the four fields.
 */
import type { MethodDef } from '../registry';

type Item = [number, string, string | null, string | null];

const items = (list: Item[]) =>
	list.map(([ID, NAME, SYMBOL_CODE, SYMBOL_CODE_SHORT]) => ({
		ID,
		NAME,
		SYMBOL_CODE,
		SYMBOL_CODE_SHORT,
	}));
const named = (names: string[]): Item[] => names.map((name, index) => [index, name, null, null]);

const OWNER_TYPES: Item[] = [
	[1, 'Lead', 'LEAD', 'L'],
	[2, 'Deal', 'DEAL', 'D'],
	[3, 'Contact', 'CONTACT', 'C'],
	[4, 'Company', 'COMPANY', 'CO'],
	[5, 'Invoice (old version)', 'INVOICE', 'I'],
	[31, 'Invoice', 'SMART_INVOICE', 'SI'],
	[7, 'Quote', 'QUOTE', 'Q'],
	[8, 'Billing Details', 'REQUISITE', 'RQ'],
	[36, 'Document', 'SMART_DOCUMENT', 'DO'],
	[39, 'Company Document', 'SMART_B2E_DOC', 'SBD'],
];

const LISTS: Record<string, Item[]> = {
	'crm.enum.addresstype': [
		[11, 'Shipping address', null, null],
		[1, 'Physical address', null, null],
		[6, 'Legal address', null, null],
		[4, 'Registered address', null, null],
		[8, 'Mailing address', null, null],
		[9, 'Beneficiary address', null, null],
	],
	'crm.enum.settings.mode': [
		[1, 'Classic CRM', null, null],
		[2, 'Simple CRM', null, null],
	],
	'crm.enum.activitytype': named([
		'',
		'Meeting',
		'Call',
		'Task',
		'E-mail',
		'Action',
		'User Action',
	]),
	'crm.enum.activitystatus': named(['', 'Pending', 'Completed', 'Automatically Completed']),
	'crm.enum.activitypriority': named(['', 'low', 'medium', 'high']),
	'crm.enum.activitydirection': named(['', 'Incoming', 'Outgoing']),
	'crm.enum.activitynotifytype': named(['', 'min.', 'h.', 'd.']),
	'crm.enum.contenttype': named(['', 'Plain text', 'bbCode', 'HTML']),
};

const field = (type: string, title: string) => ({
	type,
	isRequired: false,
	isReadOnly: true,
	isImmutable: false,
	isMultiple: false,
	isDynamic: false,
	title,
});

export const methods: MethodDef[] = [
	...Object.entries(LISTS).map(([name, list]) => ({
		name,
		scope: 'crm',
		handler: () => ({ result: items(list) }),
	})),
	{
		name: 'crm.enum.ownertype',
		scope: 'crm',
		handler: (ctx) => ({
			result: items([
				...OWNER_TYPES,
				...ctx.portal.store.smartTypes.map(
					(type): Item => [
						type.entityTypeId,
						type.title,
						`DYNAMIC_${type.entityTypeId}`,
						`T${type.entityTypeId.toString(16)}`,
					],
				),
			]),
		}),
	},
	{
		name: 'crm.enum.getorderownertypes',
		scope: 'crm',
		handler: () => ({ result: [{ attribute: 'DYN', code: 'DEAL', id: 2, name: 'Deal' }] }),
	},
	{
		name: 'crm.enum.fields',
		scope: 'crm',
		handler: () => ({
			result: {
				ID: field('int', 'ID'),
				NAME: field('string', 'Name'),
				SYMBOL_CODE: field('string', 'Symbol code'),
				SYMBOL_CODE_SHORT: field('string', 'Short symbol code'),
			},
		}),
	},
];
