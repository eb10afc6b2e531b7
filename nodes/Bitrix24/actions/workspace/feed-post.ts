import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ParamSpec, ResourceSpec } from '../method-table/spec';
import { accessCodes } from './access-codes';
import { feedPostGetMany } from './feed-post/get-many.operation';

const postId: ParamSpec = {
	name: 'postId',
	label: 'Post ID',
	path: 'POST_ID',
	type: 'id',
	required: true,
};
const recipientsHint =
	'Separated by commas: UA (all employees), U<user ID>, DR<department ID>, SG<group ID>';
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
	{
		name: 'important',
		label: 'Important',
		path: 'IMPORTANT',
		type: 'yesNo',
		description: 'Whether to mark the post as important: readers confirm they have read it',
	},
	{
		name: 'importantUntil',
		label: 'Important Until',
		path: 'IMPORTANT_DATE_END',
		type: 'dateTime',
	},
];
const authorId: ParamSpec = {
	name: 'authorId',
	label: 'Author User ID',
	path: 'USER_ID',
	type: 'id',
	description:
		"Publish on behalf of this user (administrators only); default is the credential's user",
};

/** The recipients go as a list of access codes. */
function recipientCodes(
	ctx: IExecuteFunctions,
	itemIndex: number,
	params: IDataObject,
): IDataObject {
	if (params.DEST !== undefined)
		params.DEST = accessCodes(ctx, params.DEST, 'Recipients', itemIndex) ?? [];
	return params;
}

/** Posts in the news feed. */
export const feedPost: ResourceSpec = {
	value: 'feedPost',
	name: 'Feed Post',
	description: 'Posts in the news feed',
	methods: [
		{
			value: 'addComment',
			name: 'Add Comment',
			action: 'Add a comment to a post',
			description: 'Comment on a news feed post (log.blogcomment.add)',
			method: 'log.blogcomment.add',
			params: [
				postId,
				{ name: 'text', label: 'Text', path: 'TEXT', type: 'text', required: true },
				authorId,
			],
			output: { as: 'ID' },
		},
		{
			value: 'create',
			name: 'Create',
			action: 'Create a post',
			description: 'Publish a message in the news feed (log.blogpost.add)',
			method: 'log.blogpost.add',
			params: [
				{ name: 'message', label: 'Message', path: 'POST_MESSAGE', type: 'text', required: true },
				recipients(false),
				...postFields,
				{
					name: 'tags',
					label: 'Tags',
					path: 'TAGS',
					type: 'string',
					description: 'Separated by commas',
				},
				authorId,
			],
			output: { as: 'ID' },
			adjust: recipientCodes,
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a post',
			description: 'Delete a news feed post (log.blogpost.delete)',
			method: 'log.blogpost.delete',
			params: [postId],
			output: { as: 'deleted', echo: { ID: 'POST_ID' } },
		},
		{
			value: 'getImportantReaders',
			name: 'Get Important Post Readers',
			action: 'Get who read an important post',
			description:
				'IDs of the users who confirmed reading an important post, up to 500 (log.blogpost.getusers.important)',
			method: 'log.blogpost.getusers.important',
			params: [postId],
			shape: (_ctx, result, params) => ({
				ID: params.POST_ID as number,
				readerIds: (Array.isArray(result) ? result : []).map(Number),
			}),
		},
		{
			value: 'share',
			name: 'Share',
			action: 'Share a post',
			description: 'Add recipients to a news feed post (log.blogpost.share)',
			method: 'log.blogpost.share',
			params: [postId, recipients(true)],
			output: { as: 'shared', echo: { ID: 'POST_ID' } },
			adjust: recipientCodes,
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a post',
			description:
				'Change a news feed post; without a new title the old one is dropped (log.blogpost.update)',
			method: 'log.blogpost.update',
			params: [
				postId,
				{ name: 'message', label: 'Message', path: 'POST_MESSAGE', type: 'text' },
				recipients(false),
				...postFields,
			],
			output: { as: 'ID' },
			adjust: recipientCodes,
		},
	],
	operations: [feedPostGetMany],
};
