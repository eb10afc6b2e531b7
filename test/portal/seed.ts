/**
 * The portal's structure (users, pipelines, stages, fields, one smart process) and the deterministic
 * 'demo' records. Every record is a pure function of its index, exported so tests can compute
 * what they expect instead of copying it from an answer.
 */
import { isoDate } from './envelope';
import {
	companyFields,
	contactFields,
	dealFields,
	ENTITY,
	leadFields,
	smartProcessFields,
} from './entities';
import { FmEntry, Row, userField } from './fields';
import { Store } from './store';

export const SMART_PROCESS = {
	entityTypeId: 1036,
	typeId: 5,
	title: 'Projects',
	categories: [7, 8],
} as const;

export const DEAL_STAGES: Record<number, string[]> = {
	0: ['NEW', 'PREPARATION', 'PREPAYMENT_INVOICE', 'EXECUTING', 'FINAL_INVOICE', 'WON', 'LOSE'],
	1: ['C1:NEW', 'C1:PREPARATION', 'C1:EXECUTING', 'C1:WON', 'C1:LOSE'],
};

export const DEAL_UF = {
	note: 'UF_CRM_1700000001',
	seats: 'UF_CRM_1700000002',
	margin: 'UF_CRM_1700000003',
	contractDate: 'UF_CRM_1700000004',
	priority: 'UF_CRM_1700000005',
	region: 'UF_CRM_1700000006',
	tags: 'UF_CRM_1700000007',
} as const;

export const REGION_ITEMS = [
	{ ID: '45', VALUE: 'North' },
	{ ID: '46', VALUE: 'South' },
	{ ID: '47', VALUE: 'East' },
];

export const SMART_UF = {
	code: 'UF_CRM_5_1700000101',
	budget: 'UF_CRM_5_1700000102',
	phase: 'UF_CRM_5_1700000103',
} as const;

export const DEMO_COUNTS = { leads: 20, contacts: 15, companies: 5, smartItems: 12 } as const;

/** 2024-01-01 09:00 portal time. */
export const SEED_BASE_MS = Date.UTC(2024, 0, 1, 6, 0, 0);
const DAY = 86_400_000;

const portalMidnight = (ms: number): string => {
	const shifted = ms + 3 * 3_600_000;
	return isoDate(shifted - (shifted % DAY) - 3 * 3_600_000);
};

export const USERS = [
	{
		ID: 1,
		NAME: 'John',
		LAST_NAME: 'Smith',
		EMAIL: 'john.smith@example.com',
		WORK_POSITION: 'CEO',
		dept: 1,
		admin: true,
	},
	{
		ID: 2,
		NAME: 'Anna',
		LAST_NAME: 'Brown',
		EMAIL: 'anna.brown@example.com',
		WORK_POSITION: 'Sales manager',
		dept: 2,
		admin: false,
	},
	{
		ID: 3,
		NAME: 'Peter',
		LAST_NAME: 'Novak',
		EMAIL: 'peter.novak@example.com',
		WORK_POSITION: 'Sales manager',
		dept: 2,
		admin: false,
	},
	{
		ID: 4,
		NAME: 'Maria',
		LAST_NAME: 'Garcia',
		EMAIL: 'maria.garcia@example.com',
		WORK_POSITION: 'Accountant',
		dept: 3,
		admin: false,
	},
	{
		ID: 5,
		NAME: 'Li',
		LAST_NAME: 'Wei',
		EMAIL: 'li.wei@example.com',
		WORK_POSITION: 'Engineer',
		dept: 3,
		admin: false,
	},
];

/** Demo deal number i (1-based): its id is i. */
export function demoDeal(i: number): Row {
	const category = i % 3 === 0 ? 1 : 0;
	const stages = DEAL_STAGES[category];
	const stage = stages[i % stages.length];
	const createdMs = SEED_BASE_MS + i * 3_600_000;
	return {
		ID: i,
		TITLE: `Deal #${i}`,
		TYPE_ID: ['SALE', 'COMPLEX', 'GOODS'][i % 3],
		CATEGORY_ID: category,
		STAGE_ID: stage,
		PROBABILITY: null,
		CURRENCY_ID: 'USD',
		OPPORTUNITY: ((i * 37) % 1000) * 100,
		IS_MANUAL_OPPORTUNITY: 'N',
		TAX_VALUE: 0,
		COMPANY_ID: i % 25 === 0 ? ((i / 25) % DEMO_COUNTS.companies) + 1 : null,
		CONTACT_ID: i % 10 === 0 ? ((i / 10) % DEMO_COUNTS.contacts) + 1 : null,
		BEGINDATE: portalMidnight(createdMs),
		CLOSEDATE: portalMidnight(createdMs + 30 * DAY),
		OPENED: 'Y',
		CLOSED: /(WON|LOSE)$/.test(stage) ? 'Y' : 'N',
		COMMENTS: null,
		ASSIGNED_BY_ID: (i % 3) + 1,
		CREATED_BY_ID: 1,
		MODIFY_BY_ID: 1,
		DATE_CREATE: isoDate(createdMs),
		DATE_MODIFY: isoDate(createdMs),
		SOURCE_ID: ['CALL', 'EMAIL', 'WEB'][i % 3],
		SOURCE_DESCRIPTION: null,
		LEAD_ID: null,
		ORIGINATOR_ID: null,
		ORIGIN_ID: null,
		[DEAL_UF.note]: `Note ${i}`,
		[DEAL_UF.seats]: i % 50,
		[DEAL_UF.margin]: (i % 8) * 0.25,
		[DEAL_UF.contractDate]: portalMidnight(Date.UTC(2024, 1, (i % 28) + 1, 6)),
		[DEAL_UF.priority]: i % 2 === 0,
		[DEAL_UF.region]: 45 + (i % 3),
		[DEAL_UF.tags]: [`tag${i % 5}`, `tag${(i + 2) % 5}`],
		FM: [],
	};
}

const FIRST = ['Alice', 'Bob', 'Carol', 'David', 'Eve', 'Frank', 'Grace', 'Heidi', 'Ivan', 'Judy'];
const LAST = [
	'Adams',
	'Baker',
	'Clark',
	'Davis',
	'Evans',
	'Fisher',
	'Green',
	'Hill',
	'Irwin',
	'Jones',
];
export const COMPANY_TITLES = ['Acme Corp', 'Globex', 'Initech', 'Umbrella', 'Stark Industries'];
const pad = (n: number, w: number): string => String(n).padStart(w, '0');

function fm(store: Store, phone: string, email: string): FmEntry[] {
	return [
		{ ID: store.nextFmId(), TYPE_ID: 'PHONE', VALUE_TYPE: 'WORK', VALUE: phone },
		{ ID: store.nextFmId(), TYPE_ID: 'EMAIL', VALUE_TYPE: 'WORK', VALUE: email },
	];
}

function audit(createdMs: number): Row {
	const d = isoDate(createdMs);
	return {
		CREATED_BY_ID: 1,
		MODIFY_BY_ID: 1,
		DATE_CREATE: d,
		DATE_MODIFY: d,
		OPENED: 'Y',
		ASSIGNED_BY_ID: 1,
	};
}

export function demoLead(i: number): Row {
	return {
		ID: i,
		TITLE: `Lead #${i}`,
		NAME: FIRST[i % FIRST.length],
		SECOND_NAME: null,
		LAST_NAME: LAST[i % LAST.length],
		COMPANY_TITLE: null,
		POST: null,
		STATUS_ID: ['NEW', 'IN_PROCESS', 'PROCESSED', 'JUNK'][i % 4],
		SOURCE_ID: ['CALL', 'EMAIL', 'WEB'][i % 3],
		CURRENCY_ID: 'USD',
		OPPORTUNITY: i * 1000,
		COMMENTS: null,
		UF_CRM_1700000201: `Lead note ${i}`,
		...audit(SEED_BASE_MS + i * 7_200_000),
	};
}

export function demoContact(i: number): Row {
	return {
		ID: i,
		NAME: FIRST[(i + 3) % FIRST.length],
		SECOND_NAME: null,
		LAST_NAME: LAST[(i + 5) % LAST.length],
		POST: null,
		TYPE_ID: 'CLIENT',
		SOURCE_ID: 'CALL',
		COMPANY_ID: ((i - 1) % DEMO_COUNTS.companies) + 1,
		BIRTHDATE: null,
		COMMENTS: null,
		...audit(SEED_BASE_MS + i * 5_400_000),
	};
}

export function demoCompany(i: number): Row {
	return {
		ID: i,
		TITLE: COMPANY_TITLES[(i - 1) % COMPANY_TITLES.length],
		COMPANY_TYPE: 'CUSTOMER',
		INDUSTRY: 'IT',
		REVENUE: i * 1_000_000,
		CURRENCY_ID: 'USD',
		COMMENTS: null,
		...audit(SEED_BASE_MS + i * 86_400_000),
	};
}

export function demoSmartItem(i: number): Row {
	const category = i % 4 === 0 ? 8 : 7;
	const stages = ['NEW', 'PREPARATION', 'SUCCESS', 'FAIL'];
	const createdMs = SEED_BASE_MS + i * 10_800_000;
	const d = isoDate(createdMs);
	return {
		ID: i,
		XML_ID: null,
		TITLE: `Project #${i}`,
		CATEGORY_ID: category,
		STAGE_ID: `DT${SMART_PROCESS.entityTypeId}_${category}:${stages[i % stages.length]}`,
		OPPORTUNITY: i * 500,
		CURRENCY_ID: 'USD',
		COMPANY_ID: ((i - 1) % DEMO_COUNTS.companies) + 1,
		CONTACT_ID: null,
		BEGINDATE: portalMidnight(createdMs),
		CLOSEDATE: portalMidnight(createdMs + 14 * DAY),
		OPENED: 'Y',
		ASSIGNED_BY_ID: (i % 2) + 1,
		CREATED_BY: 1,
		UPDATED_BY: 1,
		CREATED_TIME: d,
		UPDATED_TIME: d,
		[SMART_UF.code]: `PRJ-${pad(i, 3)}`,
		[SMART_UF.budget]: i * 1500.5,
		[SMART_UF.phase]: 61 + (i % 3),
		FM: [],
	};
}

function addStages(
	store: Store,
	entityId: string,
	categoryId: number | null,
	stages: Array<[string, string, 'S' | 'F' | null]>,
): void {
	stages.forEach(([statusId, name, semantics], idx) =>
		store.addStatus({
			ENTITY_ID: entityId,
			STATUS_ID: statusId,
			NAME: name,
			SORT: (idx + 1) * 10,
			SYSTEM: idx === 0 || semantics ? 'Y' : 'N',
			CATEGORY_ID: categoryId,
			COLOR: semantics === 'S' ? '#7BD500' : semantics === 'F' ? '#FF5752' : '#39A8EF',
			SEMANTICS: semantics,
		}),
	);
}

function addDictionary(store: Store, entityId: string, items: Array<[string, string]>): void {
	items.forEach(([statusId, name], idx) =>
		store.addStatus({
			ENTITY_ID: entityId,
			STATUS_ID: statusId,
			NAME: name,
			SORT: (idx + 1) * 10,
			SYSTEM: 'Y',
			CATEGORY_ID: null,
			COLOR: null,
			SEMANTICS: null,
		}),
	);
}

/** Users, pipelines, stages, fields and the smart-process type: present in every seed. */
export function seedStructure(store: Store): void {
	store.users = USERS.map((u) => ({
		ID: u.ID,
		ACTIVE: true,
		NAME: u.NAME,
		LAST_NAME: u.LAST_NAME,
		SECOND_NAME: '',
		EMAIL: u.EMAIL,
		WORK_POSITION: u.WORK_POSITION,
		PERSONAL_GENDER: '',
		UF_DEPARTMENT: [u.dept],
		IS_ADMIN: u.admin,
		DATE_REGISTER: isoDate(SEED_BASE_MS - 30 * DAY),
		TIME_ZONE: 'Europe/Moscow',
	}));
	store.departments = [
		{ ID: 1, NAME: 'Company', SORT: 500, UF_HEAD: 1 },
		{ ID: 2, NAME: 'Sales', SORT: 500, PARENT: 1, UF_HEAD: 2 },
		{ ID: 3, NAME: 'Operations', SORT: 500, PARENT: 1, UF_HEAD: 4 },
	];

	store.addEntityType(
		{ entityTypeId: ENTITY.LEAD, oldName: 'lead', eventPrefix: 'ONCRMLEAD', title: 'Lead' },
		leadFields(),
	);
	store.addEntityType(
		{ entityTypeId: ENTITY.DEAL, oldName: 'deal', eventPrefix: 'ONCRMDEAL', title: 'Deal' },
		dealFields(),
	);
	store.addEntityType(
		{
			entityTypeId: ENTITY.CONTACT,
			oldName: 'contact',
			eventPrefix: 'ONCRMCONTACT',
			title: 'Contact',
		},
		contactFields(),
	);
	store.addEntityType(
		{
			entityTypeId: ENTITY.COMPANY,
			oldName: 'company',
			eventPrefix: 'ONCRMCOMPANY',
			title: 'Company',
		},
		companyFields(),
	);
	store.addEntityType(
		{
			entityTypeId: SMART_PROCESS.entityTypeId,
			eventPrefix: 'ONCRMDYNAMICITEM',
			title: SMART_PROCESS.title,
			typeId: SMART_PROCESS.typeId,
		},
		smartProcessFields(SMART_PROCESS.entityTypeId),
	);

	store.addField(ENTITY.DEAL, userField(DEAL_UF.note, 'string', 'Source note'));
	store.addField(ENTITY.DEAL, userField(DEAL_UF.seats, 'integer', 'Seats'));
	store.addField(ENTITY.DEAL, userField(DEAL_UF.margin, 'double', 'Margin'));
	store.addField(ENTITY.DEAL, userField(DEAL_UF.contractDate, 'date', 'Contract date'));
	store.addField(ENTITY.DEAL, userField(DEAL_UF.priority, 'boolean', 'Priority'));
	store.addField(
		ENTITY.DEAL,
		userField(DEAL_UF.region, 'enumeration', 'Region', { items: REGION_ITEMS }),
	);
	store.addField(ENTITY.DEAL, userField(DEAL_UF.tags, 'string', 'Tags', { isMultiple: true }));
	store.addField(ENTITY.LEAD, userField('UF_CRM_1700000201', 'string', 'Lead note'));
	store.addField(SMART_PROCESS.entityTypeId, userField(SMART_UF.code, 'string', 'Project code'));
	store.addField(SMART_PROCESS.entityTypeId, userField(SMART_UF.budget, 'double', 'Budget'));
	store.addField(
		SMART_PROCESS.entityTypeId,
		userField(SMART_UF.phase, 'enumeration', 'Phase', {
			items: [
				{ ID: '61', VALUE: 'Discovery' },
				{ ID: '62', VALUE: 'Delivery' },
				{ ID: '63', VALUE: 'Support' },
			],
		}),
	);

	store.smartTypes = [
		{
			id: SMART_PROCESS.typeId,
			entityTypeId: SMART_PROCESS.entityTypeId,
			title: SMART_PROCESS.title,
			code: 'projects',
			createdTime: isoDate(SEED_BASE_MS - 10 * DAY),
		},
	];
	store.categories = [
		{ id: 0, name: 'General', sort: 100, entityTypeId: ENTITY.DEAL, isDefault: 'Y' },
		{ id: 1, name: 'Partners', sort: 200, entityTypeId: ENTITY.DEAL, isDefault: 'N' },
		{ id: 7, name: 'General', sort: 100, entityTypeId: SMART_PROCESS.entityTypeId, isDefault: 'Y' },
		{
			id: 8,
			name: 'Internal',
			sort: 200,
			entityTypeId: SMART_PROCESS.entityTypeId,
			isDefault: 'N',
		},
	];

	addStages(store, 'DEAL_STAGE', 0, [
		['NEW', 'New', null],
		['PREPARATION', 'Preparing documents', null],
		['PREPAYMENT_INVOICE', 'Invoice', null],
		['EXECUTING', 'In progress', null],
		['FINAL_INVOICE', 'Final invoice', null],
		['WON', 'Deal won', 'S'],
		['LOSE', 'Deal lost', 'F'],
	]);
	addStages(store, 'DEAL_STAGE_1', 1, [
		['C1:NEW', 'New', null],
		['C1:PREPARATION', 'Negotiation', null],
		['C1:EXECUTING', 'In progress', null],
		['C1:WON', 'Deal won', 'S'],
		['C1:LOSE', 'Deal lost', 'F'],
	]);
	addStages(store, 'STATUS', null, [
		['NEW', 'Unassigned', null],
		['IN_PROCESS', 'In progress', null],
		['PROCESSED', 'Processed', null],
		['CONVERTED', 'Good lead', 'S'],
		['JUNK', 'Junk lead', 'F'],
	]);
	for (const cat of SMART_PROCESS.categories) {
		const p = `DT${SMART_PROCESS.entityTypeId}_${cat}:`;
		addStages(store, `DYNAMIC_${SMART_PROCESS.entityTypeId}_STAGE_${cat}`, cat, [
			[`${p}NEW`, 'New', null],
			[`${p}PREPARATION`, 'Preparation', null],
			[`${p}SUCCESS`, 'Success', 'S'],
			[`${p}FAIL`, 'Failed', 'F'],
		]);
	}
	addDictionary(store, 'SOURCE', [
		['CALL', 'Call'],
		['EMAIL', 'E-mail'],
		['WEB', 'Website'],
		['ADVERTISING', 'Advertising'],
		['PARTNER', 'Existing client'],
		['OTHER', 'Other'],
	]);
	addDictionary(store, 'DEAL_TYPE', [
		['SALE', 'Sales'],
		['COMPLEX', 'Integrated sale'],
		['GOODS', 'Merchandise sale'],
		['SERVICES', 'Service sale'],
		['SERVICE', 'After-sales service'],
	]);
	addDictionary(store, 'CONTACT_TYPE', [
		['CLIENT', 'Clients'],
		['SUPPLIER', 'Suppliers'],
		['PARTNER', 'Partners'],
		['OTHER', 'Other'],
	]);
	addDictionary(store, 'COMPANY_TYPE', [
		['CUSTOMER', 'Client'],
		['SUPPLIER', 'Supplier'],
		['COMPETITOR', 'Competitor'],
		['PARTNER', 'Partner'],
		['OTHER', 'Other'],
	]);
	addDictionary(store, 'INDUSTRY', [
		['IT', 'Information Technology'],
		['MANUFACTURING', 'Manufacturing'],
		['OTHER', 'Other'],
	]);
}

export function seedDemo(store: Store, deals: number): void {
	for (let i = 1; i <= DEMO_COUNTS.companies; i++) {
		const row = demoCompany(i);
		row.FM = fm(store, `+1555100${pad(i, 4)}`, `office${i}@example.com`);
		store.insertRaw(ENTITY.COMPANY, row);
	}
	for (let i = 1; i <= DEMO_COUNTS.contacts; i++) {
		const row = demoContact(i);
		row.FM = fm(store, `+1555200${pad(i, 4)}`, `contact${i}@example.com`);
		store.insertRaw(ENTITY.CONTACT, row);
	}
	for (let i = 1; i <= DEMO_COUNTS.leads; i++) {
		const row = demoLead(i);
		row.FM = fm(store, `+1555300${pad(i, 4)}`, `lead${i}@example.com`);
		store.insertRaw(ENTITY.LEAD, row);
	}
	for (let i = 1; i <= deals; i++) store.insertRaw(ENTITY.DEAL, demoDeal(i));
	for (let i = 1; i <= DEMO_COUNTS.smartItems; i++)
		store.insertRaw(SMART_PROCESS.entityTypeId, demoSmartItem(i));
}
