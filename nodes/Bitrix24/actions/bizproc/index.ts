import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { bitrix24List } from '../../../shared/transport';
import { methodResource } from '../method-table/build';
import type { Area } from '../types';
import { robotSpec } from './robot';
import { workflowSpec } from './workflow';
import { workflowTaskSpec } from './workflow-task';
import { workflowTemplateSpec } from './workflow-template';

/** The templates to start from (bizproc.workflow.template.list: administrators only). */
async function getBizprocTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const rows: IDataObject[] = await bitrix24List(this, {
		method: 'bizproc.workflow.template.list',
		params: { SELECT: ['ID', 'NAME', 'MODULE_ID', 'DOCUMENT_TYPE'], ORDER: { NAME: 'ASC' } },
		rowsAt: [],
		idKey: 'ID',
		paging: 'offset',
	});
	return rows.map((row) => ({
		name: `${String(row.NAME ?? `Template ${String(row.ID)}`)} (${String(row.DOCUMENT_TYPE ?? row.MODULE_ID ?? '')})`,
		value: String(row.ID),
		description: `Template ${String(row.ID)}`,
	}));
}

/** Business processes: workflows, their tasks and templates (bizproc.*). */
export const bizprocArea: Area = {
	// Get Many first where a resource has nothing to start from (the Operation default)
	resources: [
		methodResource(workflowSpec),
		methodResource({ ...workflowTaskSpec, first: 'getAll' }),
		methodResource({ ...workflowTemplateSpec, first: 'getAll' }),
		methodResource(robotSpec),
	],
	loadOptions: { getBizprocTemplates },
};
