import type { INodeProperties } from 'n8n-workflow';

/**
 * Parameters that version 2 released as typed text or numbers (fc6e564) and that became pickers
 * later: version 2 keeps showing them as released (saved workflows hold those values), version
 * 3 shows the pickers. The runtime reads both forms. Each row: the resource, the operations, the
 * parameter (`collection.option` inside a collection) and what version 2 released.
 */
const RELEASED_V2: Array<{
	resource: string;
	operations: string[];
	path: string;
	type: 'string' | 'number';
}> = [
	{
		resource: 'taskChecklist',
		operations: ['complete', 'delete', 'get', 'renew', 'update'],
		path: 'itemId',
		type: 'string',
	},
	{
		resource: 'taskComment',
		operations: ['delete', 'get', 'update'],
		path: 'itemId',
		type: 'string',
	},
	{
		resource: 'taskElapsedTime',
		operations: ['delete', 'get', 'update'],
		path: 'itemId',
		type: 'string',
	},
	{
		resource: 'taskStage',
		operations: ['create', 'update'],
		path: 'additionalFields.afterId',
		type: 'number',
	},
	{
		resource: 'taskStage',
		operations: ['delete', 'moveTask', 'update'],
		path: 'stageId',
		type: 'string',
	},
	{ resource: 'taskStage', operations: ['getAll'], path: 'entityId', type: 'number' },
	{ resource: 'message', operations: ['sendFile'], path: 'fileIds', type: 'string' },
	{
		resource: 'calendarEvent',
		operations: ['delete', 'get', 'getMeetingStatus', 'update', 'updateMeetingStatus'],
		path: 'eventId',
		type: 'string',
	},
	{ resource: 'calendarEvent', operations: ['getAll'], path: 'options.sectionIds', type: 'string' },
	{
		resource: 'openLineOperator',
		operations: ['answer', 'finish', 'finishAnother', 'markSpam', 'skip', 'transfer'],
		path: 'chatId',
		type: 'string',
	},
	{ resource: 'openLineOperator', operations: ['transfer'], path: 'transferTo', type: 'string' },
	{
		resource: 'openLineSession',
		operations: ['start', 'intercept', 'join', 'startFromMessage'],
		path: 'chatId',
		type: 'string',
	},
	{
		resource: 'openLineSession',
		operations: ['getDialog', 'getHistory'],
		path: 'additionalFields.chatId',
		type: 'string',
	},
	{
		resource: 'openLineCrmChat',
		operations: ['addUser', 'removeUser'],
		path: 'additionalFields.chatId',
		type: 'string',
	},
];

function releasedType(property: INodeProperties, path: string): 'string' | 'number' | undefined {
	const show = property.displayOptions?.show ?? {};
	const resources = (show.resource ?? []) as string[];
	const operations = (show.operation ?? []) as string[];
	return RELEASED_V2.find(
		(row) =>
			row.path === path &&
			resources.includes(row.resource) &&
			operations.some((operation) => row.operations.includes(operation)),
	)?.type;
}

/** A picker as the typed field it was released as: its name, label, help and place, no modes. */
function asReleased(property: INodeProperties, type: 'string' | 'number'): INodeProperties {
	const { displayName, name, description, required, displayOptions, hint } = property;
	return {
		displayName,
		name,
		type,
		default: type === 'number' ? 0 : '',
		...(description ? { description } : {}),
		...(hint ? { hint } : {}),
		...(required ? { required } : {}),
		...(displayOptions ? { displayOptions } : {}),
	};
}

/** Version 2's parameters as released: the pickers of RELEASED_V2 back as typed fields. */
export function releasedV2(properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => {
		const top = releasedType(property, property.name);
		if (top) return asReleased(property, top);
		if (property.type !== 'collection' || !property.options) return property;
		let changed = false;
		const options = (property.options as INodeProperties[]).map((option) => {
			const inside = releasedType(property, `${property.name}.${option.name}`);
			if (!inside) return option;
			changed = true;
			return asReleased(option, inside);
		});
		return changed ? { ...property, options } : property;
	});
}
