import type { IDataObject } from 'n8n-workflow';

import type { MethodSpec, ParamSpec, ResourceSpec } from '../method-table/spec';
import { APP_ONLY, USER_HINT } from './app-only';
import { attachRecordEntry } from './external-call/attach-record.operation';

const callId: ParamSpec = {
	name: 'callId',
	label: 'Call ID',
	path: 'CALL_ID',
	type: 'string',
	required: true,
	placeholder: 'externalCall.716f1cb7...',
	description: 'CALL_ID from Register',
};

const userPhoneInner: ParamSpec = {
	name: 'userPhoneInner',
	label: 'Internal Number',
	path: 'USER_PHONE_INNER',
	type: 'string',
	description:
		"The user's internal number (extension); Bitrix24 identifies the user by it or by the user ID",
};

const CALL_TYPES = [
	{ name: 'Callback', value: 4 },
	{ name: 'Incoming', value: 2 },
	{ name: 'Incoming With Redirection', value: 3 },
	{ name: 'Informational Call', value: 5 },
	{ name: 'Outgoing', value: 1 },
];

const STATUS_CODES = [
	{ name: 'Blocked (423)', value: '423' },
	{ name: 'Busy (486)', value: '486' },
	{ name: 'Call Canceled (603-S)', value: '603-S' },
	{ name: 'Declined (603)', value: '603' },
	{ name: 'Direction Unavailable (484)', value: '484' },
	{ name: 'Direction Unavailable (503)', value: '503' },
	{ name: 'Forbidden (403)', value: '403' },
	{ name: 'Insufficient Funds (402)', value: '402' },
	{ name: 'Invalid Number (404)', value: '404' },
	{ name: 'Missed (304)', value: '304' },
	{ name: 'Other', value: 'OTHER' },
	{ name: 'Successful (200)', value: '200' },
	{ name: 'Temporarily Unavailable (480)', value: '480' },
];

const CRM_TYPES = [
	{ name: 'Company', value: 'COMPANY' },
	{ name: 'Contact', value: 'CONTACT' },
	{ name: 'Lead', value: 'LEAD' },
];

/** These telephony flags are integers 0/1 in the docs: the switches become 1 or 0. */
const FLAGS = ['CRM_CREATE', 'SHOW', 'ADD_TO_CHAT'];
const flagsAsNumbers: NonNullable<MethodSpec['adjust']> = (_ctx, _itemIndex, params) => {
	for (const key of FLAGS) if (typeof params[key] === 'boolean') params[key] = params[key] ? 1 : 0;
	return params;
};

function userPicker(required: boolean, description: string): ParamSpec {
	return {
		name: 'userId',
		label: 'User Name or ID',
		path: 'USER_ID',
		type: 'options',
		loadOptionsMethod: 'getUsers',
		required,
		description: `${description} ${USER_HINT}`,
	};
}

/** show / hide answer true, or false when the call is unknown. */
function cardAction(flag: string): NonNullable<MethodSpec['shape']> {
	return (_ctx, result, params) =>
		({ CALL_ID: params.CALL_ID as string, [flag]: result === true }) as IDataObject;
}

const methods: MethodSpec[] = [
	{
		value: 'register',
		name: 'Register',
		action: 'Register an external call',
		description: `Log the start of a call made or received on another phone system; ${APP_ONLY} (telephony.externalCall.register)`,
		method: 'telephony.externalCall.register',
		params: [
			userPicker(true, 'The user the call is registered for.'),
			{
				name: 'phoneNumber',
				label: 'Phone Number',
				path: 'PHONE_NUMBER',
				type: 'string',
				required: true,
				description: "The client's phone number",
			},
			{
				name: 'callType',
				label: 'Call Type',
				path: 'TYPE',
				type: 'options',
				options: CALL_TYPES,
				default: 2,
				required: true,
			},
			userPhoneInner,
			{
				name: 'callStartDate',
				label: 'Call Start',
				path: 'CALL_START_DATE',
				type: 'dateTime',
				description: 'When the call started (ISO-8601 with the time zone); empty is now',
			},
			{
				name: 'crmCreate',
				label: 'Create CRM Record',
				path: 'CRM_CREATE',
				type: 'boolean',
				description: 'Whether to create a CRM record (a lead) when none has this phone number',
			},
			{
				name: 'crmSource',
				label: 'CRM Source',
				path: 'CRM_SOURCE',
				type: 'string',
				placeholder: 'CALL',
				description:
					'STATUS_ID of the source of a created record (crm.status.list with ENTITY_ID SOURCE)',
			},
			{
				name: 'crmEntityType',
				label: 'CRM Record Type',
				path: 'CRM_ENTITY_TYPE',
				type: 'options',
				options: CRM_TYPES,
				default: 'CONTACT',
				description: 'The type of the CRM record to link the call to',
			},
			{
				name: 'crmEntityId',
				label: 'CRM Record ID',
				path: 'CRM_ENTITY_ID',
				type: 'id',
				description: 'The CRM record to link the call to',
			},
			{
				name: 'show',
				label: 'Show Call Card',
				path: 'SHOW',
				type: 'boolean',
				default: true,
				description: 'Whether to show the call card to the user',
			},
			{
				name: 'addToChat',
				label: 'Add to Chat',
				path: 'ADD_TO_CHAT',
				type: 'boolean',
				default: true,
				description: "Whether to post a message about the call to the user's chat",
			},
			{
				name: 'callListId',
				label: 'Call List ID',
				path: 'CALL_LIST_ID',
				type: 'id',
				description: 'The CRM call list the call belongs to',
			},
			{
				name: 'lineNumber',
				label: 'Line Number',
				path: 'LINE_NUMBER',
				type: 'string',
				description: 'The external line the call went through (see External Line)',
			},
			{
				name: 'externalCallId',
				label: 'External Call ID',
				path: 'EXTERNAL_CALL_ID',
				type: 'string',
				description:
					'The call ID in the phone system; a unique one keeps a repeated registration within 30 minutes from returning the same CALL_ID',
			},
		],
		adjust: flagsAsNumbers,
	},
	{
		value: 'finish',
		name: 'Finish',
		action: 'Finish an external call',
		description: `Log the end of a registered call in the statistics and the CRM; ${APP_ONLY} (telephony.externalCall.finish)`,
		method: 'telephony.externalCall.finish',
		params: [
			callId,
			userPicker(true, 'The user who ends the call; responsible for records the call created.'),
			userPhoneInner,
			{ name: 'duration', label: 'Duration (Seconds)', path: 'DURATION', type: 'number' },
			{ name: 'cost', label: 'Cost', path: 'COST', type: 'number' },
			{
				name: 'costCurrency',
				label: 'Cost Currency',
				path: 'COST_CURRENCY',
				type: 'string',
				placeholder: 'USD',
			},
			{
				name: 'statusCode',
				label: 'Result',
				path: 'STATUS_CODE',
				type: 'options',
				options: STATUS_CODES,
				default: '200',
				description: 'How the call ended; without it 200 when the duration is above 0, else 304',
			},
			{ name: 'failedReason', label: 'Failure Reason', path: 'FAILED_REASON', type: 'string' },
			{
				name: 'vote',
				label: 'Rating',
				path: 'VOTE',
				type: 'number',
				description: 'The call rating, 1 to 5',
			},
			{
				name: 'addToChat',
				label: 'Add to Chat',
				path: 'ADD_TO_CHAT',
				type: 'boolean',
				default: true,
				description: "Whether to post a message about the call to the user's chat",
			},
		],
		adjust: flagsAsNumbers,
	},
	{
		value: 'show',
		name: 'Show Card',
		action: 'Show the call card',
		description: 'Show the card of a registered call to a user (telephony.externalCall.show)',
		method: 'telephony.externalCall.show',
		params: [
			callId,
			userPicker(false, 'Whom to show it to; empty is the user the call was registered for.'),
		],
		shape: cardAction('shown'),
	},
	{
		value: 'hide',
		name: 'Hide Card',
		action: 'Hide the call card',
		description: 'Hide the card of a registered call from a user (telephony.externalCall.hide)',
		method: 'telephony.externalCall.hide',
		params: [
			callId,
			userPicker(false, 'From whom to hide it; empty is the user the call was registered for.'),
		],
		shape: cardAction('hidden'),
	},
	{
		value: 'searchCrmEntities',
		name: 'Search CRM Records',
		action: 'Search CRM records by phone number',
		description:
			'Find the CRM contacts, companies and leads with a phone number and their responsible users, one item each (telephony.externalCall.searchCrmEntities)',
		method: 'telephony.externalCall.searchCrmEntities',
		params: [
			{
				name: 'phoneNumber',
				label: 'Phone Number',
				path: 'PHONE_NUMBER',
				type: 'string',
				required: true,
			},
		],
		output: { split: true },
	},
];

export const externalCallSpec: ResourceSpec = {
	value: 'externalCall',
	name: 'External Call',
	description: 'Calls of another phone system logged in Bitrix24',
	methods,
	operations: [attachRecordEntry],
	first: 'register',
};
