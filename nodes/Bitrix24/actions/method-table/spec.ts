import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { OperationEntry } from '../types';

/**
 * A REST method described as data: its parameters, where each goes in the call, and how the
 * answer becomes items. This is the one way to declare a REST-backed operation: a resource is a
 * table of these rows (see ./build.ts); an operation that truly needs code is a hand-written
 * `CallOperation`/`RunOperation` in a file named after it, listed in `operations`.
 */
export type ParamType =
	| 'string'
	| 'text'
	| 'number'
	| 'boolean'
	| 'yesNo'
	| 'dateTime'
	| 'options'
	| 'json'
	| 'id'
	| 'idList'
	/** a CRM multi-value field (PHONE, EMAIL ...) given as one value: sent as a work entry */
	| 'multiField'
	/** users picked from the portal's list (several), sent as a list of IDs; comma-separated text is read too */
	| 'userList';

export interface ParamSpec {
	/** n8n parameter name (camelCase), unique within the operation */
	name: string;
	/** what the user sees (Title Case) */
	label: string;
	/** where the value goes in the call's parameters, dot-separated: 'fields.TITLE', 'TASKID' */
	path: string;
	type: ParamType;
	/** shown up front and must be set; otherwise the parameter sits in "Additional Fields" */
	required?: boolean;
	description?: string;
	placeholder?: string;
	options?: Array<{ name: string; value: string | number }>;
	default?: string | number | boolean;
	loadOptionsMethod?: string;
	/** parameters whose change reloads the list (e.g. the entity type a pipeline list depends on) */
	loadOptionsDependsOn?: string[];
	/** for a record ID: pick it From List (this list-search method), By ID, or By URL (where the record has a page) */
	locator?: {
		searchListMethod: string;
		urlPattern?: string;
		urlPlaceholder?: string;
		/** By ID accepts this (a regex; default a number), e.g. dialog IDs such as chat12 */
		idPattern?: string;
		idPlaceholder?: string;
	};
	/** a text value must match this (after trimming; compared lower-case when `lowerCase`), else the item fails with `hint` */
	pattern?: { match: RegExp; hint: string; lowerCase?: boolean };
	/**
	 * How version 2 shows the parameter where version 1 must stay as released (saved workflows):
	 * a picker (`locator`, `type: 'userList'`, a list to load) and its label. The runtime reads
	 * both versions' values (a picked value, the old text).
	 */
	v2?: Partial<Omit<ParamSpec, 'name' | 'path' | 'required' | 'v2'>>;
}

export interface ListSpec {
	/** path from `result` to the rows */
	rowsAt: string[];
	/** id key as rows spell it */
	idKey: string;
	/** id key as the filter spells it, if different */
	filterIdKey?: string;
	/** 'id': fast walk by >id; 'offset': start=0,50,...; 'single': one call returns everything */
	paging: 'id' | 'offset' | 'single';
	/** names of the list parameters in this method (defaults filter / order / select) */
	filterParam?: string;
	orderParam?: string;
	selectParam?: string | false;
}

export interface OutputSpec {
	/** path into `result` for the part that becomes the item(s) */
	at?: string[];
	/** name under which a scalar answer (an id, true) is put; default "result" */
	as?: string;
	/** an array answer becomes one item per element */
	split?: boolean;
	/** parameter values copied into the output item: output key -> parameter name */
	echo?: Record<string, string>;
}

export interface MethodSpec {
	value: string;
	name: string;
	action: string;
	description: string;
	method: string;
	params: ParamSpec[];
	/** legacy positional methods read parameters by position: no extra JSON parameters then */
	positional?: boolean;
	/** parameters always sent as they are (a mode, a type), before the user's */
	fixed?: IDataObject;
	output?: OutputSpec;
	list?: ListSpec;
	/**
	 * A last touch on the parameters the table read, for what a table cannot say (a value built
	 * from several fields, a binary file, a check across fields); returns the parameters to send.
	 */
	adjust?: (
		ctx: IExecuteFunctions,
		itemIndex: number,
		params: IDataObject,
	) => IDataObject | Promise<IDataObject>;
	/**
	 * From version 2 on, a Simplify switch (on by default) reduces each output item to the
	 * fields people use; off gives Bitrix24's answer as it is.
	 */
	simplify?: (record: IDataObject) => IDataObject;
	/** the item(s) made from the answer, when `output` cannot say it */
	shape?: (
		ctx: IExecuteFunctions,
		result: unknown,
		params: IDataObject,
		itemIndex: number,
	) => IDataObject | IDataObject[];
}

export interface ResourceSpec {
	value: string;
	name: string;
	description: string;
	methods: MethodSpec[];
	/** the resource's hand-written operations (`<resource>/<operation>.operation.ts`) */
	operations?: OperationEntry[];
	/**
	 * The operation listed first, which is the Operation parameter's default. n8n saves no
	 * default values, so once released it never changes: saved workflows rely on it.
	 */
	first?: string;
}
