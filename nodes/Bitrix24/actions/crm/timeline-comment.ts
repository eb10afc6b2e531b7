import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { paramError, takeParam } from '../params';
import { createdId, done } from './answers';
import { listParam, userParam } from './pickers';

/** crm.timeline.comment.*: comments in a CRM record's timeline, with files. */

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
	description: 'Comments in the timeline of CRM records',
	methods,
};
