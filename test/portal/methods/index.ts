/** Every REST method the portal serves. A new module is one file here plus one line below. */
import type { MethodDef } from '../registry';
import { methods as batch } from './batch';
import { methods as common } from './common';
import { methods as crmExtras } from './crm-extras';
import { methods as crmItem } from './crm-item';
import { methods as crmMeta } from './crm-meta';
import { methods as crmOld } from './crm-old';
import { methods as crmLinks } from './crm-links';
import { methods as crmUserfields } from './crm-userfields';
import { methods as crmAutomation } from './crm-automation';
import { methods as crmDocuments } from './crm-documents';
import { methods as crmTimelineBindings } from './crm-timeline-bindings';
import { methods as crmProductRowsClassic } from './crm-product-rows-classic';
import { methods as event } from './event';
import { methods as eventOffline } from './event-offline';
import { methods as user } from './user';
import { methods as tasks } from './tasks';
import { methods as im } from './im';
import { methods as imV2Events } from './im-v2-events';
import { methods as disk } from './disk';
import { methods as calendar } from './calendar';
import { methods as workspace } from './workspace';
import { methods as app } from './app';
import { methods as workgroups } from './workgroups';
import { methods as telephony } from './telephony';
import { methods as openlines } from './openlines';
import { methods as chatbots } from './chatbots';
import { methods as imbotFetch } from './imbot-fetch';
import { methods as bizproc } from './bizproc';
import { methods as bizprocRobot } from './bizproc-robot';
import { methods as lists } from './lists';
import { methods as requisites } from './requisites';
import { methods as catalog } from './catalog';
import { methods as catalogVariations } from './catalog-variations';
import { methods as sale } from './sale';
import { methods as inventory } from './inventory';
import { methods as crmDepth } from './crm-depth';

export const ALL_METHODS: MethodDef[] = [
	...common,
	...user,
	...crmOld,
	...crmLinks,
	...crmItem,
	...crmMeta,
	...crmExtras,
	...crmUserfields,
	...crmAutomation,
	...crmDocuments,
	...crmTimelineBindings,
	...crmProductRowsClassic,
	...crmDepth,
	...batch,
	...event,
	...eventOffline,
	...tasks,
	...im,
	...imV2Events,
	...disk,
	...calendar,
	...workspace,
	...app,
	...workgroups,
	...telephony,
	...openlines,
	...chatbots,
	...imbotFetch,
	...bizproc,
	...bizprocRobot,
	...lists,
	...requisites,
	...catalog,
	...catalogVariations,
	...sale,
	...inventory,
];
