import type { Area } from './area';
import { calendarArea as calendar } from '../calendar';
import { crmExtrasArea as crmExtras } from '../crm/extras';
import { driveArea as drive } from '../drive';
import { messengerArea as messenger } from '../messenger';
import { tasksArea as tasks } from '../tasks';
import { workspaceArea as workspace } from '../workspace';

export type { Area } from './area';

export const AREAS: Area[] = [crmExtras, tasks, messenger, drive, calendar, workspace];
