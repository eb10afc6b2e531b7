import { methodResource } from '../method-table/build';
import type { Area } from '../types';
import { calendarListSearch, calendarLoadOptions } from './calendar-search';
import { calendarEvent } from './event';
import { calendarSection } from './section';
import { calendarSettings } from './settings';

/** Calendars, their events and meetings, settings and availability. */
export const calendarArea: Area = {
	resources: [calendarSection, calendarEvent, calendarSettings].map(methodResource),
	listSearch: calendarListSearch,
	loadOptions: calendarLoadOptions,
};
