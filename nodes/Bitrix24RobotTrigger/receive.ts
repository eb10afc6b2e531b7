import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { refuse as refuseAs, verifiedBody } from '../Bitrix24Trigger/receive';
import { readFormBody } from '../shared/events';
import { robotCode } from './registration';

const NODE = 'Bitrix24 Robot Trigger';

const refuse = (
	ctx: IWebhookFunctions,
	status: number,
	answer: string,
	reason: string,
	secrets: string[],
): IWebhookResponseData => refuseAs(ctx, status, answer, reason, secrets, NODE);

function text(value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number') return String(value);
	return '';
}

function object(value: unknown): IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as IDataObject)
		: {};
}

function list(value: unknown): string[] {
	if (Array.isArray(value)) return value.map(text);
	return Object.values(object(value)).map(text);
}

function count(value: unknown): number | string {
	const digits = text(value);
	return /^\d+$/.test(digits) ? Number(digits) : digits;
}

/** entityTypeId of the CRM records whose element ids are `<TYPE>_<id>` (bizproc.workflow.start, DOCUMENT_ID). */
const CRM_TYPES: Record<string, number> = {
	LEAD: 1,
	DEAL: 2,
	CONTACT: 3,
	COMPANY: 4,
	QUOTE: 7,
	SMART_INVOICE: 31,
};

/**
 * document_id as Bitrix24 names it, [module, document class, element id], with the record read
 * from the element id: DEAL_12 is CRM type 2 (DEAL), record 12; DYNAMIC_147_5 is item 5 of smart
 * process 147; a bare number (lists, Drive) is the record itself.
 */
export function parseDocument(documentId: string[]): IDataObject {
	const [module = '', object = '', id = ''] = documentId;
	const document: IDataObject = { id, module, object };
	const dynamic = /^DYNAMIC_(\d+)_(\d+)$/.exec(id);
	const crm = /^([A-Z_]+?)_(\d+)$/.exec(id);
	if (dynamic) {
		Object.assign(document, {
			entityType: `DYNAMIC_${dynamic[1]}`,
			entityTypeId: Number(dynamic[1]),
			recordId: Number(dynamic[2]),
		});
	} else if (crm && CRM_TYPES[crm[1]]) {
		Object.assign(document, {
			entityType: crm[1],
			entityTypeId: CRM_TYPES[crm[1]],
			recordId: Number(crm[2]),
		});
	} else if (/^\d+$/.test(id)) {
		document.recordId = Number(id);
	}
	return document;
}

/** What the workflow gets: the run of the robot, without any token but the event token Send Result needs. */
function robotItem(form: IDataObject): IDataObject {
	const auth = object(form.auth);
	const [module = '', object_ = '', type = ''] = list(form.document_type);
	return {
		robotCode: text(form.code),
		workflowId: text(form.workflow_id),
		eventToken: text(form.event_token),
		waitsForResult: text(form.use_subscription) === 'Y',
		timeoutDuration: count(form.timeout_duration),
		properties: object(form.properties),
		document: parseDocument(list(form.document_id)),
		documentType: { module, object: object_, type },
		userId: count(auth.user_id),
		ts: text(form.ts),
		portal: {
			domain: text(auth.domain),
			memberId: text(auth.member_id),
			clientEndpoint: text(auth.client_endpoint),
		},
	};
}

/**
 * A robot's run, as the Bitrix24 Trigger takes an event: auth[application_token] read alone
 * from the raw body and verified first (verify), then the whole form read under the caps.
 */
export async function receiveRobot(ctx: IWebhookFunctions): Promise<IWebhookResponseData> {
	const received = await verifiedBody(ctx, readFormBody, NODE);
	if ('refused' in received) return received.refused;
	const { value: form, caller, secrets } = received;
	const auth = object(form.auth);
	secrets.push(text(auth.refresh_token), text(form.event_token));
	if (text(auth.application_token) !== caller.applicationToken)
		return refuse(
			ctx,
			400,
			'Bad Request',
			'its body names its application token in two ways',
			secrets,
		);
	if (text(form.code) !== robotCode(ctx))
		return { webhookResponse: { message: 'Not the robot of this trigger; ignored' } };
	if (!text(form.event_token))
		return refuse(ctx, 400, 'Bad Request', 'it carries no event token', secrets);
	return { workflowData: [ctx.helpers.returnJsonArray([robotItem(form)])] };
}
