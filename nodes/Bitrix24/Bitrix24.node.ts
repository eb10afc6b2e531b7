import type { INodeTypeBaseDescription } from 'n8n-workflow';
import { VersionedNodeType } from 'n8n-workflow';

import { Bitrix24Version } from './versions/Bitrix24Version';

/**
 * The Bitrix24 action node. Version 3 is what new nodes get; versions 1 and 2 keep loading and
 * running saved workflows exactly as released (their parameters and outputs never change).
 */
export class Bitrix24 extends VersionedNodeType {
	constructor() {
		const base: INodeTypeBaseDescription = {
			displayName: 'Bitrix24',
			name: 'bitrix24',
			icon: { light: 'file:bitrix24.svg', dark: 'file:bitrix24.dark.svg' },
			group: ['transform'],
			description:
				'Work with Bitrix24: CRM, tasks, messenger, open lines, chat bots, Drive, calendars, workgroups, business processes, lists, telephony, or any REST method',
			defaultVersion: 3,
		};
		super(
			{
				1: new Bitrix24Version(base, 1),
				2: new Bitrix24Version(base, 2),
				3: new Bitrix24Version(base, 3),
			},
			base,
		);
	}
}
