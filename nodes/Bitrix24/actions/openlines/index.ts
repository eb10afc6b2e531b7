import { methodResource } from '../method-table/build';
import type { Area } from '../types';
import { configSpec } from './config';
import { crmChatSpec } from './crm-chat';
import { openLinesListSearch } from './openline-search';
import { operatorSpec } from './operator';
import { sessionSpec } from './session';

/** Open lines (scope imopenlines): operator actions, sessions, the chats of CRM records, line settings. */
export const openLinesArea: Area = {
	resources: [operatorSpec, sessionSpec, crmChatSpec, configSpec].map(methodResource),
	listSearch: openLinesListSearch,
};
