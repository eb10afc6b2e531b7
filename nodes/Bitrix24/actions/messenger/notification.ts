import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { RestCall } from '../../../shared/transport';
import type { MethodSpec, ParamSpec } from '../method-table/spec';
import { paramError } from '../params';
import type { CallOperation, OperationEntry, Resource } from '../types';
import { attachmentsParam, callOperation, entry } from './dialog-id';

const RESOURCE = 'notification';

const clientIdParam: ParamSpec = {
	name: 'clientId',
	label: 'Client ID',
	path: 'CLIENT_ID',
	type: 'string',
	description: 'Your application code; with a webhook, tags only work when it is set',
};

function sendSpec(kind: 'personal' | 'system'): MethodSpec {
	const personal = kind === 'personal';
	return {
		value: personal ? 'sendPersonal' : 'sendSystem',
		name: personal ? 'Send Personal' : 'Send System',
		action: personal ? 'Send a personal notification' : 'Send a system notification',
		description: personal
			? 'Notify a user on behalf of the connected user (im.notify.personal.add)'
			: 'Notify a user with a system notification, without a sender (im.notify.system.add)',
		method: personal ? 'im.notify.personal.add' : 'im.notify.system.add',
		params: [
			{ name: 'userId', label: 'Recipient User ID', path: 'USER_ID', type: 'id', required: true },
			{ name: 'message', label: 'Message', path: 'MESSAGE', type: 'text', required: true, description: 'The text (BB codes allowed)' },
			{ name: 'messageOut', label: 'Message for Email', path: 'MESSAGE_OUT', type: 'text', description: 'The text for e-mail and other outside channels' },
			{ name: 'tag', label: 'Tag', path: 'TAG', type: 'string', description: 'A unique tag: a new notification with the same tag replaces the old ones' },
			{ name: 'subTag', label: 'Sub-Tag', path: 'SUB_TAG', type: 'string', description: 'An extra tag, not unique' },
			attachmentsParam,
			clientIdParam,
		],
	};
}

const sendPersonal = sendSpec('personal');
const sendSystem = sendSpec('system');

const notificationId = (result: unknown) => ({ notificationId: result as number | boolean });

/** im.notify.delete takes one of ID, TAG or SUB_TAG. */
const remove: CallOperation = {
	description: updateDisplayOptions({ show: { resource: [RESOURCE], operation: ['delete'] } }, [
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
		{ displayName: 'Tag', name: 'tag', type: 'string', default: '', required: true, displayOptions: { show: { deleteBy: ['tag'] } } },
		{ displayName: 'Sub-Tag', name: 'subTag', type: 'string', default: '', required: true, displayOptions: { show: { deleteBy: ['subTag'] } } },
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			description: 'With a webhook: the Client ID the notifications were sent with (needed to delete by tag)',
			displayOptions: { show: { deleteBy: ['tag', 'subTag'] } },
		},
	]),
	plan(itemIndex): RestCall {
		const by = this.getNodeParameter('deleteBy', itemIndex) as string;
		if (by === 'id') {
			const id = String(this.getNodeParameter('notificationId', itemIndex)).trim();
			if (!/^\d+$/.test(id) || Number(id) <= 0) throw paramError(this, itemIndex, 'Notification ID', `"${id}" is not an ID (a positive whole number)`);
			return { method: 'im.notify.delete', params: { ID: Number(id) } };
		}
		const label = by === 'tag' ? 'Tag' : 'Sub-Tag';
		const value = String(this.getNodeParameter(by, itemIndex)).trim();
		if (!value) throw paramError(this, itemIndex, label, 'is required');
		const params: IDataObject = { [by === 'tag' ? 'TAG' : 'SUB_TAG']: value };
		const clientId = String(this.getNodeParameter('clientId', itemIndex, '')).trim();
		if (clientId) params.CLIENT_ID = clientId;
		return { method: 'im.notify.delete', params };
	},
	shape: (envelope, _itemIndex, call) => ({ ...(call.params?.ID !== undefined ? { notificationId: call.params.ID as number } : {}), deleted: envelope.result === true }),
};

const operations: OperationEntry[] = [
	entry(sendPersonal, callOperation(RESOURCE, sendPersonal, { shape: notificationId })),
	entry(sendSystem, callOperation(RESOURCE, sendSystem, { shape: notificationId })),
	{ value: 'delete', name: 'Delete', action: 'Delete a notification', description: 'Delete a notification by ID, tag or sub-tag (im.notify.delete)', operation: remove },
];

export const notificationResource: Resource = {
	value: RESOURCE,
	name: 'Notification',
	description: 'Notifications to users',
	operations,
};
