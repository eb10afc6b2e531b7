/**
 * The portal's in-memory data. One table per CRM entity type; old methods and crm.item.* are two views
 * of the same rows, so a deal made with crm.item.add is seen by crm.deal.get and vice versa.
 */
import { isoDate } from './envelope';
import { applyFmInput, FieldDef, FmEntry, MULTI_FIELD_TYPES, Row, valueFromInput } from './fields';
import { EntityTypeInfo } from './entities';

export interface EntityTable {
	info: EntityTypeInfo;
	fields: FieldDef[];
	byName: Map<string, FieldDef>;
	byCamel: Map<string, FieldDef>;
	rows: Map<number, Row>;
	nextId: number;
}

export interface User {
	ID: number;
	ACTIVE: boolean;
	NAME: string;
	LAST_NAME: string;
	SECOND_NAME: string;
	EMAIL: string;
	WORK_POSITION: string;
	PERSONAL_GENDER: string;
	UF_DEPARTMENT: number[];
	IS_ADMIN: boolean;
	DATE_REGISTER: string;
	TIME_ZONE: string;
}

export interface Department {
	ID: number;
	NAME: string;
	SORT: number;
	PARENT?: number;
	UF_HEAD: number;
}

export interface Category {
	id: number;
	name: string;
	sort: number;
	entityTypeId: number;
	isDefault: 'Y' | 'N';
}

export interface StatusRow {
	ID: number;
	ENTITY_ID: string;
	STATUS_ID: string;
	NAME: string;
	SORT: number;
	SYSTEM: 'Y' | 'N';
	CATEGORY_ID: number | null;
	COLOR: string | null;
	SEMANTICS: 'S' | 'F' | null;
}

export interface SmartType {
	id: number;
	entityTypeId: number;
	title: string;
	code: string;
	createdTime: string;
}

export type ChangeAction = 'ADD' | 'UPDATE' | 'DELETE';
export type ChangeListener = (entityTypeId: number, action: ChangeAction, id: number) => void;

export class Store {
	readonly tables = new Map<number, EntityTable>();
	users: User[] = [];
	departments: Department[] = [];
	categories: Category[] = [];
	statuses: StatusRow[] = [];
	smartTypes: SmartType[] = [];
	private nextFm = 1;
	private nextStatus = 1;
	private listeners: ChangeListener[] = [];

	addEntityType(info: EntityTypeInfo, fields: FieldDef[]): EntityTable {
		const table: EntityTable = {
			info,
			fields,
			byName: new Map(fields.map((f) => [f.name, f])),
			byCamel: new Map(fields.map((f) => [f.camel, f])),
			rows: new Map(),
			nextId: 1,
		};
		this.tables.set(info.entityTypeId, table);
		return table;
	}

	addField(entityTypeId: number, def: FieldDef): void {
		const t = this.table(entityTypeId);
		if (!t) throw new Error(`no entity type ${entityTypeId}`);
		t.fields.push(def);
		t.byName.set(def.name, def);
		t.byCamel.set(def.camel, def);
	}

	table(entityTypeId: number): EntityTable | undefined {
		return this.tables.get(entityTypeId);
	}

	tableByOldName(name: string): EntityTable | undefined {
		for (const t of this.tables.values()) if (t.info.oldName === name) return t;
		return undefined;
	}

	/** Deals, the table most tests look at. */
	get deals(): EntityTable {
		return this.tables.get(2) as EntityTable;
	}

	onChange(listener: ChangeListener): () => void {
		this.listeners.push(listener);
		return () => {
			this.listeners = this.listeners.filter((l) => l !== listener);
		};
	}

	private emit(entityTypeId: number, action: ChangeAction, id: number): void {
		for (const l of this.listeners) l(entityTypeId, action, id);
	}

	nextFmId(): number {
		return this.nextFm++;
	}

	private readonly areas = new Map<string, unknown>();

	/**
	 * The state of one API area (tasks, im, disk ...), created on first use. Each methods/<area>.ts
	 * keeps its data here, so every portal instance has its own.
	 */
	area<T>(name: string, create: () => T): T {
		if (!this.areas.has(name)) this.areas.set(name, create());
		return this.areas.get(name) as T;
	}

	addStatus(s: Omit<StatusRow, 'ID'>): void {
		this.statuses.push({ ID: this.nextStatus++, ...s });
	}

	/** Inserts a fully typed row without events or defaults (seeding). Returns the id. */
	insertRaw(entityTypeId: number, row: Row): number {
		const t = this.table(entityTypeId);
		if (!t) throw new Error(`no entity type ${entityTypeId}`);
		const id = typeof row.ID === 'number' ? row.ID : t.nextId;
		row.ID = id;
		t.rows.set(id, row);
		t.nextId = Math.max(t.nextId, id + 1);
		return id;
	}

	get(entityTypeId: number, id: number): Row | undefined {
		return this.table(entityTypeId)?.rows.get(id);
	}

	/** Creates a row from client input keyed by UPPER_CASE names (either API converts to those first). */
	create(entityTypeId: number, input: Record<string, unknown>, userId: number): number {
		const t = this.table(entityTypeId);
		if (!t) throw new Error(`no entity type ${entityTypeId}`);
		const now = isoDate(Date.now());
		const row: Row = {};
		for (const def of t.fields) {
			if (def.type === 'crm_multifield') continue;
			row[def.name] = def.isMultiple ? [] : null;
		}
		row.FM = [];
		this.applyInput(t, row, input);
		const id = t.nextId++;
		row.ID = id;
		this.stampAudit(t, row, userId, now, true);
		this.fillDefaults(t, row, id);
		t.rows.set(id, row);
		this.emit(entityTypeId, 'ADD', id);
		return id;
	}

	update(
		entityTypeId: number,
		id: number,
		input: Record<string, unknown>,
		userId: number,
	): boolean {
		const t = this.table(entityTypeId);
		const row = t?.rows.get(id);
		if (!t || !row) return false;
		this.applyInput(t, row, input);
		this.stampAudit(t, row, userId, isoDate(Date.now()), false);
		this.emit(entityTypeId, 'UPDATE', id);
		return true;
	}

	delete(entityTypeId: number, id: number): boolean {
		const t = this.table(entityTypeId);
		if (!t || !t.rows.has(id)) return false;
		t.rows.delete(id);
		this.emit(entityTypeId, 'DELETE', id);
		return true;
	}

	private applyInput(t: EntityTable, row: Row, input: Record<string, unknown>): void {
		for (const [key, raw] of Object.entries(input)) {
			const def = t.byName.get(key);
			if (!def || def.isReadOnly) continue;
			if (def.type === 'crm_multifield') {
				if (MULTI_FIELD_TYPES.includes(def.name)) {
					row.FM = applyFmInput((row.FM as FmEntry[]) ?? [], def.name, raw, () => this.nextFmId());
				}
				continue;
			}
			row[def.name] = valueFromInput(def, raw);
		}
		this.reconcileStage(t, row, input);
	}

	/** Keeps CATEGORY_ID and STAGE_ID consistent, as the CRM does. */
	private reconcileStage(t: EntityTable, row: Row, input: Record<string, unknown>): void {
		if (!t.byName.has('CATEGORY_ID') || !t.byName.has('STAGE_ID')) return;
		const stage = row.STAGE_ID as string | null;
		const stageGiven = Object.prototype.hasOwnProperty.call(input, 'STAGE_ID');
		if (stageGiven && stage) {
			const fromStage = this.categoryOfStage(t.info.entityTypeId, stage);
			if (fromStage !== undefined) row.CATEGORY_ID = fromStage;
		}
		const category =
			(row.CATEGORY_ID as number | null) ?? this.defaultCategory(t.info.entityTypeId);
		row.CATEGORY_ID = category;
		const stages = this.stagesOf(t.info.entityTypeId, category);
		if (stages.length > 0 && !stages.some((s) => s.STATUS_ID === row.STAGE_ID)) {
			row.STAGE_ID = stages[0].STATUS_ID;
		}
		if (t.byName.has('CLOSED')) {
			const s = stages.find((x) => x.STATUS_ID === row.STAGE_ID);
			row.CLOSED = s && s.SEMANTICS ? 'Y' : 'N';
		}
	}

	private stampAudit(
		t: EntityTable,
		row: Row,
		userId: number,
		now: string,
		creating: boolean,
	): void {
		const [createdBy, updatedBy, created, updated] = t.byName.has('CREATED_BY_ID')
			? ['CREATED_BY_ID', 'MODIFY_BY_ID', 'DATE_CREATE', 'DATE_MODIFY']
			: ['CREATED_BY', 'UPDATED_BY', 'CREATED_TIME', 'UPDATED_TIME'];
		if (creating) {
			row[createdBy] = userId;
			row[created] = now;
		}
		row[updatedBy] = userId;
		row[updated] = now;
	}

	private fillDefaults(t: EntityTable, row: Row, id: number): void {
		if (t.byName.has('OPENED') && row.OPENED === null) row.OPENED = 'Y';
		if (t.byName.has('ASSIGNED_BY_ID') && row.ASSIGNED_BY_ID === null)
			row.ASSIGNED_BY_ID = row.CREATED_BY_ID ?? row.CREATED_BY;
		if (t.byName.has('CURRENCY_ID') && row.CURRENCY_ID === null) row.CURRENCY_ID = 'USD';
		if (t.byName.has('OPPORTUNITY') && row.OPPORTUNITY === null) row.OPPORTUNITY = 0;
		if (t.byName.has('IS_MANUAL_OPPORTUNITY') && row.IS_MANUAL_OPPORTUNITY === null)
			row.IS_MANUAL_OPPORTUNITY = 'N';
		if (t.byName.has('TITLE') && (row.TITLE === null || row.TITLE === '')) {
			const noun = t.info.oldName
				? t.info.oldName.charAt(0).toUpperCase() + t.info.oldName.slice(1)
				: t.info.title;
			row.TITLE = `${noun} #${id}`;
		}
		if (t.info.entityTypeId === 1 && row.STATUS_ID === null) row.STATUS_ID = 'NEW';
	}

	defaultCategory(entityTypeId: number): number | null {
		const cats = this.categories.filter((c) => c.entityTypeId === entityTypeId);
		return (cats.find((c) => c.isDefault === 'Y') ?? cats[0])?.id ?? null;
	}

	/** The status ENTITY_ID holding the stages of a pipeline. */
	stageEntityId(entityTypeId: number, categoryId: number | null): string {
		if (entityTypeId === 2) return categoryId ? `DEAL_STAGE_${categoryId}` : 'DEAL_STAGE';
		if (entityTypeId === 1) return 'STATUS';
		return `DYNAMIC_${entityTypeId}_STAGE_${categoryId ?? 0}`;
	}

	stagesOf(entityTypeId: number, categoryId: number | null): StatusRow[] {
		const entityId = this.stageEntityId(entityTypeId, categoryId);
		return this.statuses.filter((s) => s.ENTITY_ID === entityId).sort((a, b) => a.SORT - b.SORT);
	}

	private categoryOfStage(entityTypeId: number, stageId: string): number | undefined {
		for (const c of this.categories.filter((x) => x.entityTypeId === entityTypeId)) {
			if (this.stagesOf(entityTypeId, c.id).some((s) => s.STATUS_ID === stageId)) return c.id;
		}
		return undefined;
	}
}
