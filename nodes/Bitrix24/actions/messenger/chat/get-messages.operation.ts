import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../../shared/descriptions/options';
import { returnAllOrLimit } from '../../../../shared/descriptions/paging';
import { bitrix24List } from '../../../../shared/transport';
import { paramError, readLimit } from '../../params';
import type { OperationEntry, RunOperation } from '../../types';
import { dialogIdProperty, dialogPickerProperty, readDialogId } from '../dialog-id';

/** A message ID option: 0 or empty means none. */
function optionalMessageId(
	ctx: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	label: string,
): number | undefined {
	if (value === undefined || value === null || value === '' || value === 0) return undefined;
	const id = Number(value);
	if (!Number.isInteger(id) || id <= 0)
		throw paramError(ctx, itemIndex, label, `"${String(value)}" is not a message ID`);
	return id;
}

/** The parameters after the dialog, the same in both versions. */
const listing = (dialog: INodeProperties): INodeProperties[] =>
	updateDisplayOptions({ show: { resource: ['chat'], operation: ['getMessages'] } }, [
		dialog,
		...returnAllOrLimit,
		optionsCollection([
			{
				displayName: 'After Message ID',
				name: 'afterMessageId',
				type: 'number',
				default: 0,
				description: 'Only messages newer than this one, oldest first (otherwise newest first)',
			},
			{
				displayName: 'Before Message ID',
				name: 'beforeMessageId',
				type: 'number',
				default: 0,
				description: 'Only messages older than this one',
			},
		]),
	]);

/**
 * im.dialog.messages.get pages by message id, at most 50 a call: back from the newest (LAST_ID),
 * or forward from a message (FIRST_ID), oldest first. The transport walks the pages.
 */
const operation: RunOperation = {
	description: listing(dialogIdProperty),
	v2Description: listing(dialogPickerProperty),
	async run(itemIndex) {
		const dialogId = readDialogId(this, itemIndex);
		const limit = readLimit(this, itemIndex);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const after = optionalMessageId(this, itemIndex, options.afterMessageId, 'After Message ID');
		const before = optionalMessageId(this, itemIndex, options.beforeMessageId, 'Before Message ID');
		const forward = after !== undefined;
		return await bitrix24List(
			this,
			{
				method: 'im.dialog.messages.get',
				params: { DIALOG_ID: dialogId },
				rowsAt: ['messages'],
				idKey: 'id',
				paging: 'cursor',
				descending: !forward,
				startAfter: forward ? after : before,
				pageAfter: (cursor, size) => ({
					DIALOG_ID: dialogId,
					LIMIT: size,
					...(cursor === undefined ? {} : { [forward ? 'FIRST_ID' : 'LAST_ID']: cursor }),
				}),
				// pages come newest first; walking forward, the messages from Before on are not wanted
				pageRows: forward
					? (rows) =>
							rows
								.filter((message) => before === undefined || Number(message.id) < before)
								.sort((a, b) => Number(a.id) - Number(b.id))
					: undefined,
			},
			limit,
			itemIndex,
		);
	},
};

export const getMessages: OperationEntry = {
	value: 'getMessages',
	name: 'Get Many Messages',
	action: 'Get many messages of a chat',
	description: 'Messages of a chat or dialog, newest first (im.dialog.messages.get)',
	operation,
};
