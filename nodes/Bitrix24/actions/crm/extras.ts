import { methodResource } from '../method-table/build';
import type { Area, Resource } from '../types';
import { activitySpec } from './activity';
import { crmExtrasLoadOptions } from './extras-load-options';
import { pipelineSpec } from './pipeline';
import { productRowSpec } from './product-row';
import { stageSpec } from './stage';
import { timelineCommentSpec } from './timeline-comment';

export { crmExtrasLoadOptions } from './extras-load-options';

/** The CRM beyond records: activities, timeline comments, product rows, pipelines, stages. */
export const crmExtrasResources: Resource[] = [activitySpec, timelineCommentSpec, productRowSpec, pipelineSpec, stageSpec].map((spec) =>
	methodResource(spec),
);

export const crmExtrasArea: Area = {
	resources: crmExtrasResources,
	loadOptions: crmExtrasLoadOptions,
};
