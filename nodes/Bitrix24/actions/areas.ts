import { apiArea } from './api';
import { bizprocArea } from './bizproc';
import { calendarArea } from './calendar';
import { catalogArea } from './catalog';
import { chatBotsArea } from './chatbots';
import { crmArea } from './crm';
import { driveArea } from './drive';
import { listsArea } from './lists';
import { messengerArea } from './messenger';
import { openLinesArea } from './openlines';
import { saleArea } from './sale';
import { tasksArea } from './tasks';
import type { Area, Resource } from './types';
import { workspaceArea } from './workspace';
import { workgroupsArea } from './workgroups';
import { telephonyArea } from './telephony';

/** Every area of the node, each in actions/<area>/ (see DESIGN.md). */
export const AREAS: Area[] = [
	crmArea,
	tasksArea,
	messengerArea,
	driveArea,
	calendarArea,
	workspaceArea,
	bizprocArea,
	listsArea,
	openLinesArea,
	chatBotsArea,
	workgroupsArea,
	telephonyArea,
	catalogArea,
	saleArea,
	apiArea,
];

export const resources: Resource[] = AREAS.flatMap((area) => area.resources);
