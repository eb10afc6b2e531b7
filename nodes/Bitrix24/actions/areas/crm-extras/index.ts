import type { Area } from '../area';
import { activityResource } from './activity';
import { loadOptions } from './load-options';
import { pipelineResource } from './pipeline';
import { productRowResource } from './product-row';
import { stageResource } from './stage';
import { timelineCommentResource } from './timeline-comment';

/** The CRM beyond records: activities, timeline comments, product rows, pipelines, stages. */
export const area: Area = {
	resources: [activityResource, timelineCommentResource, productRowResource, pipelineResource, stageResource],
	loadOptions,
};
