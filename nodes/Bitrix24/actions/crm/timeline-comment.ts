import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { paramError, takeParam } from '../params';
import { createdId, done } from './answers';
import { RECORD_OF_CODE, RECORD_OF_OWNER_TYPE, RECORD_OF_TIMELINE_CODE } from './locators';
import { listParam, userParam } from './pickers';

/**
 * crm.timeline.comment.*: comments in a CRM record's timeline, with files; and the records a
 * timeline entry shows in (crm.timeline.bindings.*: a comment added to a lead can show in a deal).
 */

const entityType = (path: string): ParamSpec =>
	listParam(
		'entityType',
		'Entity Type Name or ID',
		path,
		'getTimelineEntityTypes',
		'The CRM type of the record: lead, deal, contact, company, or dynamic_<type ID> for smart processes',
	);
const entityId = (path: string): ParamSpec => ({
	name: 'entityId',
	label: 'Record ID',
	path,
	type: 'id',
	required: true,
	description: 'ID of the CRM record',
	// version 1 keeps the typed ID it was released with (saved workflows)
	v2: {
		label: 'Record',
		description: 'The CRM record (of the Entity Type)',
		locator: RECORD_OF_TIMELINE_CODE,
	},
});
const commentId: ParamSpec = {
	name: 'commentId',
	label: 'Comment ID',
	path: 'id',
	type: 'id',
	required: true,
};
const binaryProperty: ParamSpec = {
	name: 'binaryPropertyName',
	label: 'Input Binary Field',
	path: 'binaryPropertyName',
	type: 'string',
	placeholder: 'data',
	description: "Name of the input item's binary field holding a file to attach",
};
const ownerParams: ParamSpec[] = [
	listParam(
		'ownerTypeId',
		'Owner Type Name or ID',
		'ownerTypeId',
		'getEntityTypes',
		'For a comment bound to several records: the type of the one meant',
		false,
	),
	{
		name: 'ownerId',
		label: 'Owner ID',
		path: 'ownerId',
		type: 'id',
		description: 'For a comment bound to several records: the ID of the one meant',
		v2: {
			label: 'Owner',
			description: 'For a comment bound to several records: the one meant (of the Owner Type)',
			locator: RECORD_OF_OWNER_TYPE,
		},
	},
];

/** The item's binary file as Bitrix24 takes files: [[name, base64]]. */
async function attachFile(
	ctx: IExecuteFunctions,
	itemIndex: number,
	params: IDataObject,
): Promise<IDataObject> {
	const property = takeParam(params, 'binaryPropertyName');
	if (property === undefined) return params;
	const name = String(property).trim();
	const item = ctx.getInputData()[itemIndex];
	if (!item?.binary?.[name])
		throw paramError(
			ctx,
			itemIndex,
			'Input Binary Field',
			`the item has no binary field "${name}"`,
		);
	const binary = ctx.helpers.assertBinaryData(itemIndex, name);
	const buffer = await ctx.helpers.getBinaryDataBuffer(itemIndex, name);
	const fields = (params.fields ?? {}) as IDataObject;
	fields.FILES = [[binary.fileName ?? name, buffer.toString('base64')]];
	params.fields = fields;
	return params;
}

/** The timeline entry of crm.timeline.bindings.*: OWNER_ID is the comment's (or log entry's) ID */
const entryId = (path: string): ParamSpec => ({
	name: 'commentId',
	label: 'Comment ID',
	path,
	type: 'id',
	required: true,
	description: 'ID of the comment, or of any other timeline entry such as a log entry',
});
const bindingTarget: ParamSpec[] = [
	{
		name: 'entityType',
		label: 'Record Type',
		path: 'fields.ENTITY_TYPE',
		type: 'options',
		required: true,
		options: [
			{ name: 'Company', value: 'company' },
			{ name: 'Contact', value: 'contact' },
			{ name: 'Deal', value: 'deal' },
			{ name: 'Lead', value: 'lead' },
			{ name: 'Order', value: 'order' },
		],
		default: 'deal',
		description: 'The type of the record whose timeline shows the entry',
	},
	{
		name: 'entityId',
		label: 'Record',
		path: 'fields.ENTITY_ID',
		type: 'id',
		required: true,
		description: 'The record (of the Record Type)',
		locator: RECORD_OF_CODE,
	},
];
/** What bind and unbind did, with the binding: the methods answer only true or false. */
const binding =
	(flag: 'bound' | 'unbound') =>
	(_ctx: unknown, result: unknown, params: IDataObject): IDataObject => {
		const fields = (params.fields ?? {}) as IDataObject;
		return {
			OWNER_ID: String(fields.OWNER_ID),
			ENTITY_TYPE: fields.ENTITY_TYPE as string,
			ENTITY_ID: String(fields.ENTITY_ID),
			[flag]: result === true,
		};
	};

const bindingMethods: MethodSpec[] = [
	{
		value: 'bind',
		name: 'Bind',
		action: 'Bind a timeline entry to a record',
		description:
			"Show a comment (or another timeline entry) in one more record's timeline; bound is false when it was shown there already (crm.timeline.bindings.bind)",
		method: 'crm.timeline.bindings.bind',
		params: [entryId('fields.OWNER_ID'), ...bindingTarget],
		shape: binding('bound'),
	},
	{
		value: 'getBindings',
		name: 'Get Bindings',
		action: 'Get the bindings of a timeline entry',
		description:
			'List the records whose timelines show a comment or another timeline entry (crm.timeline.bindings.list)',
		method: 'crm.timeline.bindings.list',
		params: [entryId('filter.OWNER_ID')],
		output: { split: true },
	},
	{
		value: 'unbind',
		name: 'Unbind',
		action: 'Unbind a timeline entry from a record',
		description:
			"Stop showing a comment (or another timeline entry) in a record's timeline (crm.timeline.bindings.unbind)",
		method: 'crm.timeline.bindings.unbind',
		params: [entryId('fields.OWNER_ID'), ...bindingTarget],
		shape: binding('unbound'),
	},
];

const methods: MethodSpec[] = [
	{
		value: 'create',
		name: 'Create',
		action: 'Create a timeline comment',
		description:
			"Add a comment, with an optional file, to a record's timeline (crm.timeline.comment.add)",
		method: 'crm.timeline.comment.add',
		params: [
			entityType('fields.ENTITY_TYPE'),
			entityId('fields.ENTITY_ID'),
			{ name: 'comment', label: 'Comment', path: 'fields.COMMENT', type: 'text', required: true },
			userParam('authorId', 'Author Name or ID', 'fields.AUTHOR_ID'),
			binaryProperty,
		],
		adjust: attachFile,
		shape: createdId,
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a timeline comment',
		description: 'Delete a timeline comment (crm.timeline.comment.delete)',
		method: 'crm.timeline.comment.delete',
		params: [commentId, ...ownerParams],
		shape: done('deleted'),
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get a timeline comment',
		description: 'Get a timeline comment by ID (crm.timeline.comment.get)',
		method: 'crm.timeline.comment.get',
		params: [commentId],
	},
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many timeline comments',
		description: "List the comments of a record's timeline (crm.timeline.comment.list)",
		method: 'crm.timeline.comment.list',
		params: [entityType('filter.ENTITY_TYPE'), entityId('filter.ENTITY_ID')],
		list: { rowsAt: [], idKey: 'ID', paging: 'offset' },
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update a timeline comment',
		description: "Change a comment's text or replace its files (crm.timeline.comment.update)",
		method: 'crm.timeline.comment.update',
		params: [
			commentId,
			{ name: 'comment', label: 'Comment', path: 'fields.COMMENT', type: 'text' },
			binaryProperty,
			...ownerParams,
		],
		async adjust(ctx, itemIndex, params) {
			await attachFile(ctx, itemIndex, params);
			if (!params.fields)
				throw paramError(ctx, itemIndex, 'Additional Fields', 'give a new comment text or a file');
			return params;
		},
		shape: done('updated'),
	},
];

export const timelineCommentSpec: ResourceSpec = {
	value: 'crmTimelineComment',
	name: 'CRM Timeline Comment',
	description: 'Comments in the timeline of CRM records, and the records timeline entries show in',
	methods: [...methods, ...bindingMethods],
	// saved workflows rely on the default operation (Bind would sort first)
	first: 'create',
};
