import type { MethodSpec, ResourceSpec } from '../method-table/spec';
import { USER_LOCATOR } from '../user-picker';
import { CHAT_ID, CHAT_SUCCESS } from './chat-id';

/** What an operator does with an open line dialog: imopenlines.operator.*. */
function dialogAction(
	value: string,
	name: string,
	action: string,
	method: string,
	description: string,
): MethodSpec {
	return {
		value,
		name,
		action,
		description: `${description} (${method})`,
		method,
		params: [CHAT_ID],
		output: CHAT_SUCCESS,
	};
}

const methods: MethodSpec[] = [
	dialogAction(
		'answer',
		'Answer',
		'Take an open line dialog',
		'imopenlines.operator.answer',
		'Take the dialog as the current operator',
	),
	dialogAction(
		'skip',
		'Skip',
		'Skip an open line dialog',
		'imopenlines.operator.skip',
		'Pass the dialog to the next operator in the queue',
	),
	{
		value: 'transfer',
		name: 'Transfer',
		action: 'Transfer an open line dialog',
		description:
			'Hand the dialog to another operator or to the queue of another line (imopenlines.operator.transfer)',
		method: 'imopenlines.operator.transfer',
		params: [
			CHAT_ID,
			{
				name: 'transferTo',
				label: 'Transfer To',
				path: 'TRANSFER_ID',
				type: 'string',
				required: true,
				placeholder: '15 or queue3',
				description:
					"A user ID, or queue followed by a line ID (e.g. queue3) to put the dialog in that line's queue",
				pattern: {
					match: /^(\d+|queue\d+)$/,
					hint: 'is neither a user ID nor queue<line ID> (e.g. 15 or queue3)',
					lowerCase: true,
				},
				v2: {
					description:
						'A user, or an open line whose queue gets the dialog; by ID a user ID or queue followed by a line ID (e.g. 15 or queue3)',
					locator: {
						searchListMethod: 'searchTransferTargets',
						idPattern: '^\\s*(\\d+|[qQ][uU][eE][uU][eE]\\d+)\\s*$',
						idPlaceholder: '15 or queue3',
						urlPattern: USER_LOCATOR.urlPattern,
						urlPlaceholder: USER_LOCATOR.urlPlaceholder,
					},
				},
			},
		],
		output: { echo: { chatId: 'CHAT_ID', transferTo: 'TRANSFER_ID' }, as: 'success' },
	},
	dialogAction(
		'finish',
		'Finish',
		'Finish an open line dialog',
		'imopenlines.operator.finish',
		'Finish your own dialog as its operator',
	),
	dialogAction(
		'finishAnother',
		"Finish Another Operator's",
		"Finish another operator's dialog",
		'imopenlines.operator.another.finish',
		'Finish a dialog even if another operator has it',
	),
	dialogAction(
		'markSpam',
		'Mark as Spam',
		'Mark an open line dialog as spam',
		'imopenlines.operator.spam',
		'Mark the dialog as spam and finish it',
	),
];

export const operatorSpec: ResourceSpec = {
	value: 'openLineOperator',
	name: 'Open Line Operator',
	description: "An operator's actions on an open line dialog",
	methods,
	first: 'answer',
};
