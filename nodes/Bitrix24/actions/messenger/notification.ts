import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { userPicker } from '../user-picker';
import { attachmentsParam } from './message-blocks';
import { deleteNotification } from './notification/delete.operation';

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
			{
				name: 'userId',
				label: 'Recipient User ID',
				path: 'USER_ID',
				type: 'id',
				required: true,
				v2: userPicker('Recipient'),
			},
			{
				name: 'message',
				label: 'Message',
				path: 'MESSAGE',
				type: 'text',
				required: true,
				description: 'The text (BB codes allowed)',
			},
			{
				name: 'messageOut',
				label: 'Message for Email',
				path: 'MESSAGE_OUT',
				type: 'text',
				description: 'The text for e-mail and other outside channels',
			},
			{
				name: 'tag',
				label: 'Tag',
				path: 'TAG',
				type: 'string',
				description: 'A unique tag: a new notification with the same tag replaces the old ones',
			},
			{
				name: 'subTag',
				label: 'Sub-Tag',
				path: 'SUB_TAG',
				type: 'string',
				description: 'An extra tag, not unique',
			},
			attachmentsParam,
			clientIdParam,
		],
		shape: (_ctx, result) => ({ notificationId: result as number | boolean }),
	};
}

/** Notifications to users: personal (from the connected user) or system ones. */
export const notification: ResourceSpec = {
	value: 'notification',
	name: 'Notification',
	description: 'Notifications to users',
	methods: [sendSpec('personal'), sendSpec('system')],
	operations: [deleteNotification],
};
