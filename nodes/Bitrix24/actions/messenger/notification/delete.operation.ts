import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { RestCall } from '../../../../shared/transport';
import { paramError, readPositiveId } from '../../params';
import type { CallOperation, OperationEntry } from '../../types';

/** im.notify.delete takes one of ID, TAG or SUB_TAG. */
const operation: CallOperation = {
	description: updateDisplayOptions(
		{ show: { resource: ['notification'], operation: ['delete'] } },
		[
			{
				displayName: 'Delete By',
				name: 'deleteBy',
				type: 'options',
				default: 'id',
				options: [
					{ name: 'ID', value: 'id' },
					{ name: 'Sub-Tag', value: 'subTag' },
					{ name: 'Tag', value: 'tag' },
				],
			},
			{
				displayName: 'Notification ID',
				name: 'notificationId',
				type: 'string',
				default: '',
				required: true,
				displayOptions: { show: { deleteBy: ['id'] } },
			},
			{
				displayName: 'Tag',
				name: 'tag',
				type: 'string',
				default: '',
				required: true,
				displayOptions: { show: { deleteBy: ['tag'] } },
			},
			{
				displayName: 'Sub-Tag',
				name: 'subTag',
				type: 'string',
				default: '',
				required: true,
				displayOptions: { show: { deleteBy: ['subTag'] } },
			},
			{
				displayName: 'Client ID',
				name: 'clientId',
				type: 'string',
				default: '',
				description:
					'With a webhook: the Client ID the notifications were sent with (needed to delete by tag)',
				displayOptions: { show: { deleteBy: ['tag', 'subTag'] } },
			},
		],
	),
	plan(itemIndex): RestCall {
		const by = this.getNodeParameter('deleteBy', itemIndex) as string;
		if (by === 'id') {
			const id = readPositiveId(
				this,
				this.getNodeParameter('notificationId', itemIndex),
				'Notification ID',
				itemIndex,
			);
			return { method: 'im.notify.delete', params: { ID: id } };
		}
		const label = by === 'tag' ? 'Tag' : 'Sub-Tag';
		const value = String(this.getNodeParameter(by, itemIndex)).trim();
		if (!value) throw paramError(this, itemIndex, label, 'is required');
		const params: IDataObject = { [by === 'tag' ? 'TAG' : 'SUB_TAG']: value };
		const clientId = String(this.getNodeParameter('clientId', itemIndex, '')).trim();
		if (clientId) params.CLIENT_ID = clientId;
		return { method: 'im.notify.delete', params };
	},
	shape: (envelope, _itemIndex, call) => ({
		...(call.params?.ID !== undefined ? { notificationId: call.params.ID as number } : {}),
		deleted: envelope.result === true,
	}),
};

export const deleteNotification: OperationEntry = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a notification',
	description: 'Delete a notification by ID, tag or sub-tag (im.notify.delete)',
	operation,
};
