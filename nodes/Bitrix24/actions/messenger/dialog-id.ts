import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { methodOperation } from '../method-table/build';
import type { MethodSpec, ParamSpec } from '../method-table/spec';
import { paramError } from '../params';
import type { CallOperation, OperationEntry } from '../types';

export const DIALOG_ID_DESCRIPTION =
	'Where to: chat<N> for a group chat (e.g. chat12), sg<N> for a workgroup chat (e.g. sg5), or a user ID (e.g. 7) for the private dialog with that user';

export function dialogIdParam(required = true): ParamSpec {
	return {
		name: 'dialogId',
		label: 'Dialog ID',
		path: 'DIALOG_ID',
		type: 'string',
		required,
		placeholder: 'chat12',
		description: DIALOG_ID_DESCRIPTION,
	};
}

export const chatIdParam: ParamSpec = {
	name: 'chatId',
	label: 'Chat ID',
	path: 'CHAT_ID',
	type: 'id',
	required: true,
	description: 'The chat number, without the "chat" prefix (chat12 is 12)',
};

export const attachmentsParam: ParamSpec = {
	name: 'attachments',
	label: 'Attachments (JSON)',
	path: 'ATTACH',
	type: 'json',
	default: '[]',
	description:
		'Attachment blocks (ATTACH), e.g. [{"IMAGE": {"LINK": "https://example.com/a.png"}}, {"FILE": {"NAME": "a.pdf", "LINK": "https://example.com/a.pdf"}}]',
};

const DIALOG_ID = /^(chat\d+|sg\d+|\d+)$/;

/** Normalises DIALOG_ID in the call's parameters, or fails naming the parameter and the item. */
export function checkDialogId(ctx: IExecuteFunctions, itemIndex: number, params: IDataObject): void {
	if (params.DIALOG_ID === undefined) return;
	const value = String(params.DIALOG_ID).trim().toLowerCase();
	if (!DIALOG_ID.test(value)) {
		throw paramError(ctx, itemIndex, 'Dialog ID', `"${String(params.DIALOG_ID)}" is not a dialog ID: use chat<N>, sg<N> or a user ID`);
	}
	params.DIALOG_ID = value;
}

type Check = (ctx: IExecuteFunctions, itemIndex: number, params: IDataObject) => void;
type Shape = (result: unknown, params: IDataObject) => IDataObject | IDataObject[];

/**
 * A table row made into one call per item, with the area's own checks on the parameters and,
 * where the raw answer is a bare value, a shape that says what it means.
 */
export function callOperation(resource: string, spec: MethodSpec, options: { check?: Check; shape?: Shape } = {}): CallOperation {
	const { check, shape } = options;
	return methodOperation(resource, {
		...spec,
		adjust: (ctx, itemIndex, params) => {
			checkDialogId(ctx, itemIndex, params);
			check?.(ctx, itemIndex, params);
			return params;
		},
		shape: shape && ((_ctx, result, params) => shape(result, params)),
	}) as CallOperation;
}

export function entry(spec: MethodSpec, operation: OperationEntry['operation']): OperationEntry {
	return { value: spec.value, name: spec.name, action: spec.action, description: spec.description, operation };
}

/** `true` answers become {<id echo>, success: true}. */
export function success(echo: Record<string, string> = {}): Shape {
	return (result, params) => {
		const out: IDataObject = {};
		for (const [key, name] of Object.entries(echo)) out[key] = params[name];
		out.success = result === true;
		return out;
	};
}
