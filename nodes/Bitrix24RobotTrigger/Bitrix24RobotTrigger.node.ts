import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { forgetTrustedToken } from '../Bitrix24Trigger/receive';
import { robotProperties } from './description';
import { receiveRobot } from './receive';
import { isRegistered, register, registration, unregister } from './registration';

export class Bitrix24RobotTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bitrix24 Robot Trigger',
		name: 'bitrix24RobotTrigger',
		icon: { light: 'file:bitrix24.svg', dark: 'file:bitrix24.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["robotName"]}}',
		description:
			'Starts the workflow when a Bitrix24 automation rule runs the robot this trigger registers',
		defaults: { name: 'Bitrix24 Robot Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'bitrix24OAuth2Api', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				// Bitrix24 calls the handler once through its queue: answer at once
				responseMode: 'onReceived',
				path: 'robot',
			},
		],
		properties: robotProperties,
	};

	webhookMethods = {
		default: {
			/** Whether the portal lists the robot and it was registered as the node describes it now. */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (this.getMode() === 'manual') return false;
				return await isRegistered(this, registration(this));
			},

			/** bizproc.robot.add (bizproc.robot.update when the robot is there already). */
			async create(this: IHookFunctions): Promise<boolean> {
				const wanted = registration(this);
				// a new registration may come from another application: trust its first call anew
				if (this.getMode() !== 'manual') forgetTrustedToken(this.getWorkflowStaticData('node'));
				await register(this, wanted);
				return true;
			},

			/** bizproc.robot.delete: automation rules that use the robot stop until it is back. */
			async delete(this: IHookFunctions): Promise<boolean> {
				if (this.getMode() !== 'manual') forgetTrustedToken(this.getWorkflowStaticData('node'));
				return await unregister(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveRobot(this);
	}
}
