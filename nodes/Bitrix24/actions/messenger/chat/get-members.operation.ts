import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../../shared/descriptions/options';
import { returnAllOrLimit } from '../../../../shared/descriptions/paging';
import { bitrix24List } from '../../../../shared/transport';
import { readLimit } from '../../params';
import type { OperationEntry, RunOperation } from '../../types';
import { dialogIdProperty, dialogPickerProperty, readDialogId } from '../dialog-id';

/** The parameters after the dialog, the same in both versions. */
const listing = (dialog: INodeProperties): INodeProperties[] =>
	updateDisplayOptions({ show: { resource: ['chat'], operation: ['getMembers'] } }, [
		dialog,
		...returnAllOrLimit,
		optionsCollection([
			{
				displayName: 'Skip System Users',
				name: 'skipExternal',
				type: 'boolean',
				default: false,
				description: 'Whether to leave out bots, connectors and other system users',
			},
		]),
	]);

/** im.dialog.users.list pages by OFFSET (up to 200 a call) and answers `next` while members remain. */
const operation: RunOperation = {
	description: listing(dialogIdProperty),
	v2Description: listing(dialogPickerProperty),
	async run(itemIndex) {
		const dialogId = readDialogId(this, itemIndex);
		const limit = readLimit(this, itemIndex);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const params: IDataObject = { DIALOG_ID: dialogId };
		if (options.skipExternal === true) params.SKIP_EXTERNAL = 'Y';
		return await bitrix24List(
			this,
			{
				method: 'im.dialog.users.list',
				params,
				rowsAt: [],
				idKey: 'id',
				paging: 'offsetNext',
				offsetKey: 'OFFSET',
				limitKey: 'LIMIT',
				pageSize: 200,
			},
			limit,
			itemIndex,
		);
	},
};

export const getMembers: OperationEntry = {
	value: 'getMembers',
	name: 'Get Many Members',
	action: 'Get many members of a chat',
	description: 'Profiles of the members of a chat or dialog (im.dialog.users.list)',
	operation,
};
