/** Every REST method the portal serves. A new module is one file here plus one line below. */
import type { MethodDef } from '../registry';
import { methods as batch } from './batch';
import { methods as common } from './common';
import { methods as crmItem } from './crm-item';
import { methods as crmMeta } from './crm-meta';
import { methods as crmOld } from './crm-old';
import { methods as event } from './event';
import { methods as user } from './user';

export const ALL_METHODS: MethodDef[] = [...common, ...user, ...crmOld, ...crmItem, ...crmMeta, ...batch, ...event];
