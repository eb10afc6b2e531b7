import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../../shared/descriptions/paging';
import { bitrix24Call, PAGE_SIZE } from '../../../../shared/transport';
import type { MethodSpec, ParamSpec } from '../../method-table/spec';
import { readLimit } from '../../params';
import type { CallOperation, OperationEntry, Resource, RunOperation } from '../../types';
import { accessCodes, adjust, dateOnly } from './shared';

const RESOURCE = 'feedPost';

const postId: ParamSpec = { name: 'postId', label: 'Post ID', path: 'POST_ID', type: 'id', required: true };
const recipientsHint = 'Separated by commas: UA (all employees), U<user ID>, DR<department ID>, SG<group ID>';
const recipients = (required: boolean): ParamSpec => ({
	name: 'recipients',
	label: 'Recipients',
	path: 'DEST',
	type: 'string',
	required,
	placeholder: 'UA, U5, DR2',
	description: required ? recipientsHint : `${recipientsHint}. Default: UA.`,
});
const postFields: ParamSpec[] = [
	{ name: 'title', label: 'Title', path: 'POST_TITLE', type: 'string' },
	{ name: 'important', label: 'Important', path: 'IMPORTANT', type: 'yesNo', description: 'Whether to mark the post as important: readers confirm they have read it' },
	{ name: 'importantUntil', label: 'Important Until', path: 'IMPORTANT_DATE_END', type: 'dateTime' },
];
const authorId: ParamSpec = {
	name: 'authorId',
	label: 'Author User ID',
	path: 'USER_ID',
	type: 'id',
	description: 'Publish on behalf of this user (administrators only); default is the credential\'s user',
};

const specs: Record<string, MethodSpec> = {
	addComment: {
		value: 'addComment',
		name: 'Add Comment',
		action: 'Add a comment to a post',
		description: 'Comment on a news feed post (log.blogcomment.add)',
		method: 'log.blogcomment.add',
		params: [postId, { name: 'text', label: 'Text', path: 'TEXT', type: 'text', required: true }, authorId],
		output: { as: 'ID' },
	},
	create: {
		value: 'create',
		name: 'Create',
		action: 'Create a post',
		description: 'Publish a message in the news feed (log.blogpost.add)',
		method: 'log.blogpost.add',
		params: [
			{ name: 'message', label: 'Message', path: 'POST_MESSAGE', type: 'text', required: true },
			recipients(false),
			...postFields,
			{ name: 'tags', label: 'Tags', path: 'TAGS', type: 'string', description: 'Separated by commas' },
			authorId,
		],
		output: { as: 'ID' },
	},
	delete: {
		value: 'delete',
		name: 'Delete',
		action: 'Delete a post',
		description: 'Delete a news feed post (log.blogpost.delete)',
		method: 'log.blogpost.delete',
		params: [postId],
		output: { as: 'deleted', echo: { ID: 'POST_ID' } },
	},
	getImportantReaders: {
		value: 'getImportantReaders',
		name: 'Get Important Post Readers',
		action: 'Get who read an important post',
		description: 'IDs of the users who confirmed reading an important post, up to 500 (log.blogpost.getusers.important)',
		method: 'log.blogpost.getusers.important',
		params: [postId],
	},
	share: {
		value: 'share',
		name: 'Share',
		action: 'Share a post',
		description: 'Add recipients to a news feed post (log.blogpost.share)',
		method: 'log.blogpost.share',
		params: [postId, recipients(true)],
		output: { as: 'shared', echo: { ID: 'POST_ID' } },
	},
	update: {
		value: 'update',
		name: 'Update',
		action: 'Update a post',
		description: 'Change a news feed post; without a new title the old one is dropped (log.blogpost.update)',
		method: 'log.blogpost.update',
		params: [postId, { name: 'message', label: 'Message', path: 'POST_MESSAGE', type: 'text' }, recipients(false), ...postFields],
		output: { as: 'ID' },
	},
};

const op = (spec: MethodSpec): CallOperation =>
	adjust(RESOURCE, spec, function (params, itemIndex) {
		if (params.DEST !== undefined) params.DEST = accessCodes(this, params.DEST, 'Recipients', itemIndex) ?? [];
	});

/** log.blogpost.get pages by `start`, newest first; the walk stops at a short page. */
const getMany: RunOperation = {
	description: updateDisplayOptions({ show: { resource: [RESOURCE], operation: ['getAll'] } }, [
		...returnAllOrLimit,
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{ displayName: 'Post ID', name: 'postId', type: 'number', default: 0 },
				{ displayName: 'Published After', name: 'publishedAfter', type: 'dateTime', default: '' },
				{ displayName: 'Published Before', name: 'publishedBefore', type: 'dateTime', default: '' },
				{ displayName: 'Recipients', name: 'recipients', type: 'string', default: '', placeholder: 'UA, DR2', description: 'Only posts addressed to one of these' },
			],
		},
	]),
	async run(itemIndex) {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const params: IDataObject = {};
		if (typeof filters.postId === 'number' && filters.postId > 0) params.POST_ID = filters.postId;
		const rights = accessCodes(this, filters.recipients, 'Recipients', itemIndex);
		if (rights) params.LOG_RIGHTS = rights;
		const after = dateOnly(this, filters.publishedAfter, 'Published After', itemIndex);
		if (after) params.LOG_DATE_FROM = String(filters.publishedAfter);
		const before = dateOnly(this, filters.publishedBefore, 'Published Before', itemIndex);
		if (before) params.LOG_DATE_TO = String(filters.publishedBefore);
		const limit = readLimit(this, itemIndex);
		const rows: IDataObject[] = [];
		for (let start = 0; rows.length < limit; start += PAGE_SIZE) {
			const { result } = await bitrix24Call(this, 'log.blogpost.get', { ...params, start }, itemIndex);
			const page = Array.isArray(result) ? (result as IDataObject[]) : [];
			rows.push(...page);
			if (page.length < PAGE_SIZE) break;
		}
		return rows.slice(0, limit);
	},
};

const entry = (spec: MethodSpec, operation: OperationEntry['operation']): OperationEntry => ({
	value: spec.value,
	name: spec.name,
	action: spec.action,
	description: spec.description,
	operation,
});

export const feedPostResource: Resource = {
	value: RESOURCE,
	name: 'Feed Post',
	description: 'Posts in the news feed',
	operations: [
		entry(specs.addComment, op(specs.addComment)),
		entry(specs.create, op(specs.create)),
		entry(specs.delete, op(specs.delete)),
		entry(
			specs.getImportantReaders,
			adjust(RESOURCE, specs.getImportantReaders, undefined, (result, params) => ({
				ID: params.POST_ID as number,
				readerIds: (Array.isArray(result) ? result : []).map(Number),
			})),
		),
		{ value: 'getAll', name: 'Get Many', action: 'Get many posts', description: 'List the news feed posts the credential\'s user can see (log.blogpost.get)', operation: getMany },
		entry(specs.share, op(specs.share)),
		entry(specs.update, op(specs.update)),
	],
};
