import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { bitrix24Call, bitrix24List } from '../../../shared/transport';

/**
 * The stages of pipelines as a Stage dropdown shows them: grouped by pipeline (in the portal's
 * pipeline order), named "Pipeline / Stage", each with its code and group (in progress, success,
 * failure) as description; only the chosen pipeline's stages when one is chosen.
 */

/** crm.status ENTITY_ID of a pipeline's stages (crm-status docs): DEAL_STAGE[_<id>], DYNAMIC_<type>_STAGE_<id>. */
export function stageListId(entityTypeId: number, categoryId: number): string {
	if (entityTypeId === 2) return categoryId ? `DEAL_STAGE_${categoryId}` : 'DEAL_STAGE';
	return `DYNAMIC_${entityTypeId}_STAGE_${categoryId}`;
}

const GROUPS: Record<string, string> = { S: 'success', F: 'failure' };

function group(stage: IDataObject): string {
	const semantics = String(
		stage.SEMANTICS ?? ((stage.EXTRA as IDataObject | undefined)?.SEMANTICS || ''),
	);
	if (semantics === 'success' || semantics === 'failure') return semantics;
	return GROUPS[semantics] ?? 'in progress';
}

/** A pipeline given in the node: a number, or nothing (all pipelines) when empty or not yet known. */
export function chosenPipeline(value: unknown): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(value).trim();
	return /^\d+$/.test(text) ? Number(text) : undefined;
}

export async function pipelineStageOptions(
	ctx: ILoadOptionsFunctions,
	entityTypeId: number,
	categoryId?: number,
): Promise<INodePropertyOptions[]> {
	const envelope = await bitrix24Call(ctx, 'crm.category.list', { entityTypeId });
	const categories = (((envelope.result as IDataObject)?.categories ?? []) as IDataObject[])
		.filter((category) => categoryId === undefined || Number(category.id) === categoryId)
		.sort((a, b) => Number(a.sort) - Number(b.sort) || Number(a.id) - Number(b.id));
	const options: INodePropertyOptions[] = [];
	for (const category of categories) {
		const stages = await bitrix24List(ctx, {
			method: 'crm.status.list',
			params: {
				filter: { ENTITY_ID: stageListId(entityTypeId, Number(category.id)) },
				order: { SORT: 'ASC' },
			},
			rowsAt: [],
			idKey: 'ID',
		});
		for (const stage of stages.sort((a, b) => Number(a.SORT) - Number(b.SORT))) {
			options.push({
				name: `${String(category.name)} / ${String(stage.NAME)}`,
				value: String(stage.STATUS_ID),
				description: `${String(stage.STATUS_ID)}, ${group(stage)}`,
			});
		}
	}
	return options;
}
