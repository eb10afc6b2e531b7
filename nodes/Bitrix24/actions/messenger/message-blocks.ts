import type { ParamSpec } from '../method-table/spec';

/** The rich parts a message (and a notification, for attachments) can carry besides its text. */
export const attachmentsParam: ParamSpec = {
	name: 'attachments',
	label: 'Attachments (JSON)',
	path: 'ATTACH',
	type: 'json',
	default: '[]',
	description:
		'Attachment blocks (ATTACH), e.g. [{"IMAGE": {"LINK": "https://example.com/a.png"}}, {"FILE": {"NAME": "a.pdf", "LINK": "https://example.com/a.pdf"}}]',
};

export const keyboardParam: ParamSpec = {
	name: 'keyboard',
	label: 'Keyboard (JSON)',
	path: 'KEYBOARD',
	type: 'json',
	default: '[]',
	description: 'Buttons under the message, e.g. [{"TEXT": "Open", "LINK": "https://example.com"}]',
};

export const menuParam: ParamSpec = {
	name: 'menu',
	label: 'Menu (JSON)',
	path: 'MENU',
	type: 'json',
	default: '[]',
	description:
		'Extra items of the message\'s context menu, e.g. [{"TEXT": "Open", "LINK": "https://example.com"}]',
};
