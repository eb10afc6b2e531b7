import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { optionsCollection } from '../shared/descriptions/options';

/** The property types of bizproc.robot.add's PROPERTY object (`file` left out: n8n gets no file from it). */
const PROPERTY_TYPES: INodePropertyOptions[] = [
	{ name: 'Date', value: 'date' },
	{ name: 'Date and Time', value: 'datetime' },
	{ name: 'Integer', value: 'int' },
	{ name: 'List', value: 'select', description: 'One of the values under List Values' },
	{ name: 'Number', value: 'double' },
	{ name: 'String', value: 'string' },
	{ name: 'Text', value: 'text', description: 'A longer, multi-line text' },
	{ name: 'User', value: 'user' },
	{ name: 'Yes/No', value: 'bool' },
];

/** The CRM document types FILTER can offer the robot for (bizproc.robot.add, DOCUMENT_TYPE). */
export const DOCUMENT_FILTERS: Array<INodePropertyOptions & { rule: string[] }> = [
	{ name: 'Deals', value: 'deal', rule: ['crm', 'CCrmDocumentDeal'] },
	{
		name: 'Estimates (Quotes)',
		value: 'quote',
		rule: ['crm', 'Bitrix\\Crm\\Integration\\BizProc\\Document\\Quote'],
	},
	{
		name: 'Invoices',
		value: 'smartInvoice',
		rule: ['crm', 'Bitrix\\Crm\\Integration\\BizProc\\Document\\SmartInvoice'],
	},
	{ name: 'Leads', value: 'lead', rule: ['crm', 'CCrmDocumentLead'] },
	{
		name: 'Smart Processes',
		value: 'dynamic',
		rule: ['crm', 'Bitrix\\Crm\\Integration\\BizProc\\Document\\Dynamic'],
	},
];

const nameField: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	placeholder: 'Customer email',
	description: 'What the automation rule settings show',
};

const codeField: INodeProperties = {
	displayName: 'Code',
	name: 'code',
	type: 'string',
	default: '',
	placeholder: 'customerEmail',
	description:
		'The key of the value: a letter, then letters, digits and underscores. Renaming it later makes Bitrix24 forget the values set in existing rules.',
};

const typeField: INodeProperties = {
	displayName: 'Type',
	name: 'type',
	type: 'options',
	options: PROPERTY_TYPES,
	default: 'string',
};

const multipleField: INodeProperties = {
	displayName: 'Multiple',
	name: 'multiple',
	type: 'boolean',
	default: false,
	description: 'Whether the property takes several values (they arrive as a list)',
};

const descriptionField: INodeProperties = {
	displayName: 'Description',
	name: 'description',
	type: 'string',
	default: '',
	description: 'A hint the rule settings show under the property',
};

function propertyCollection(
	displayName: string,
	name: string,
	description: string,
	fields: INodeProperties[],
): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		placeholder: 'Add Property',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		description,
		options: [{ displayName: 'Property', name: 'property', values: fields }],
	};
}

export const robotProperties: INodeProperties[] = [
	{
		// Bitrix24 registers robots only for an installed application (bizproc.robot.add answers an
		// incoming webhook "Application context required"): OAuth2 is the one credential.
		displayName: 'Authentication',
		name: 'authentication',
		type: 'hidden',
		default: 'bitrix24OAuth2Api',
	},
	{
		displayName:
			"On activation this trigger registers an automation rule (a robot) in Bitrix24 whose handler is this node's URL, and removes it on deactivation. Then pick the robot, by its name, in the automation rules of a pipeline or in a workflow template. It needs an OAuth2 credential of a local application with the bizproc scope, connected by an administrator, and n8n reachable from the internet.",
		name: 'robotNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Robot Name',
		name: 'robotName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Check the customer in n8n',
		description: 'The name automation rule settings show for this robot',
	},
	propertyCollection(
		'Input Properties',
		'inputProperties',
		'The values the automation rule settings ask for; they arrive as "properties" by code',
		[
			nameField,
			codeField,
			typeField,
			{
				displayName: 'List Values',
				name: 'listValues',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				placeholder: 'pdf: PDF\ndocx: Word document',
				description:
					'For a List: one value per line, as key: title (or only the key, which is then the title too)',
				displayOptions: { show: { type: ['select'] } },
			},
			{
				displayName: 'Required',
				name: 'required',
				type: 'boolean',
				default: false,
				description: 'Whether the rule cannot be saved without a value',
			},
			multipleField,
			{
				displayName: 'Default',
				name: 'defaultValue',
				type: 'string',
				default: '',
				description:
					'The value a new rule starts with: a text, a number, Y or N for Yes/No, the key of a List value, or a Bitrix24 expression such as {=Document:TITLE}',
			},
			descriptionField,
		],
	),
	{
		displayName: 'Wait for Result',
		name: 'waitForResult',
		type: 'boolean',
		default: false,
		description:
			'Whether the automation waits until the workflow answers with Robot > Send Result of the Bitrix24 node (the rule then goes on with the Return Properties). Off: the automation goes on at once.',
	},
	{
		...propertyCollection(
			'Return Properties',
			'returnProperties',
			'The values Robot > Send Result returns; later rules use them as the robot\'s "additional results"',
			[nameField, codeField, typeField, multipleField, descriptionField],
		),
		displayOptions: { show: { waitForResult: [true] } },
	},
	{
		displayName: 'Application Token',
		name: 'oauthApplicationToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description:
			"The application token Bitrix24 sends with the calls of this local application, if you know it. When empty, the first call after activation is accepted only once this credential's portal confirms the access token it carries (app.info), and its application token is required from then on. A credential connected without a member ID accepts no call until this is set.",
	},
	optionsCollection([
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			default: '',
			description: 'What the automation rule settings say about the robot',
		},
		{
			displayName: 'Offer For',
			name: 'documentTypes',
			type: 'multiOptions',
			options: DOCUMENT_FILTERS.map(({ name, value }) => ({ name, value })),
			default: [],
			description: 'Offer the robot only in the automation of these CRM records; none: everywhere',
		},
		{
			displayName: 'Run as User ID',
			name: 'authUserId',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				"The Bitrix24 user whose access the robot's calls carry (AUTH_USER_ID); 0 leaves it to Bitrix24",
		},
	]),
];
