import type { MethodSpec, ResourceSpec } from '../method-table/spec';
import { sendResultOperation } from './robot/send-result.operation';

/**
 * The automation rules (robots) of the application (bizproc.robot.*; the Bitrix24 Robot Trigger
 * registers them). list and delete work only with the OAuth2 credential of the application that
 * registered the robot, for an administrator; Send Result with either credential.
 */
const methods: MethodSpec[] = [
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many robots',
		description:
			'List the codes of the robots this application registered (bizproc.robot.list; OAuth2, administrators)',
		method: 'bizproc.robot.list',
		params: [],
		list: { rowsAt: [], idKey: 'CODE', paging: 'single', selectParam: false },
		shape: (_ctx, row) => ({ code: row as unknown as string }),
	},
	{
		value: 'delete',
		name: 'Delete',
		action: 'Delete a robot',
		description:
			'Remove a robot this application registered, e.g. one a deleted workflow left behind (bizproc.robot.delete; OAuth2, administrators)',
		method: 'bizproc.robot.delete',
		params: [
			{
				name: 'code',
				label: 'Robot Code',
				path: 'CODE',
				type: 'string',
				required: true,
				placeholder: 'n8n_0123456789abcdef01234567',
				description: 'The code of the robot, e.g. from Robot > Get Many',
				pattern: {
					match: /^[a-zA-Z0-9._-]+$/,
					hint: 'is not a robot code (letters, digits, dots, hyphens and underscores)',
				},
			},
		],
		output: { as: 'deleted', echo: { CODE: 'CODE' } },
	},
];

/** Robots of automation rules: answer one that ran, list and remove them. */
export const robotSpec: ResourceSpec = {
	value: 'bizprocRobot',
	name: 'Robot',
	description: 'Automation rule robots the Bitrix24 Robot Trigger registers',
	methods,
	operations: [sendResultOperation],
	first: 'sendResult',
};
