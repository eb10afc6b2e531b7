import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeBaseDescription,
	INodeTypeDescription,
} from 'n8n-workflow';

import { listSearch, loadOptions, resourceMapping } from '../actions/registry';
import { router } from '../actions/router';
import { versionDescription } from './description';

/** One version of the action node: the same router, the version's description. */
export class Bitrix24Version implements INodeType {
	description: INodeTypeDescription;

	methods = { loadOptions, listSearch, resourceMapping };

	constructor(base: INodeTypeBaseDescription, version: number) {
		this.description = versionDescription(base, version);
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
