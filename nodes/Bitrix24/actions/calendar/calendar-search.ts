import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { bitrix24Call } from '../../../shared/transport';
import { matchesFilter } from '../search-text';
import { searchUsers } from '../workspace/search-users';
import { searchWorkgroups } from '../workgroups/workgroup-search';

/**
 * The calendar pickers, which follow the node's Calendar Type: the owner is a user (searched as
 * the user pickers search), a workgroup (sonet_group.get by name) or the company (0); the
 * calendar (section) is one of that owner's (calendar.section.get), narrowed by name; several
 * calendars are a multi-select of the same list. An event is one of the owner's events in
 * calendar.event.get's default period (a month back, three ahead); without an owner in the form,
 * the credential's user's.
 */

function calendarType(ctx: ILoadOptionsFunctions): string {
	return String(ctx.getCurrentNodeParameter('calendarType') ?? 'user');
}

/** The owner as the node holds it: a picked value, a number, or nothing yet. */
function ownerOf(ctx: ILoadOptionsFunctions): string {
	const raw = ctx.getCurrentNodeParameter('ownerId') as unknown;
	const value = raw && typeof raw === 'object' ? (raw as IDataObject).value : raw;
	const text = String(value ?? '').trim();
	return /^\d+$/.test(text) ? text : '';
}

export async function searchCalendarOwners(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const type = calendarType(this);
	if (type === 'company_calendar')
		return { results: [{ name: 'The Company', value: '0', description: 'Company calendars' }] };
	if (type === 'user') return await searchUsers.call(this, filter, paginationToken);
	return await searchWorkgroups.call(this, filter, paginationToken);
}

export async function searchCalendars(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const type = calendarType(this);
	const owner = ownerOf(this);
	// a user calendar without an owner (or 0) is the credential's user's, as the section methods read it
	const params: IDataObject = { type };
	if (owner && !(type === 'user' && owner === '0')) params.ownerId = Number(owner);
	if (!params.ownerId && type !== 'user') params.ownerId = type === 'company_calendar' ? 0 : '';
	if (params.ownerId === '') return { results: [] };
	const envelope = await bitrix24Call(this, 'calendar.section.get', params);
	const sections = (Array.isArray(envelope.result) ? envelope.result : []) as IDataObject[];
	return {
		results: sections
			.filter((section) => matchesFilter(filter, section.NAME))
			.map((section) => ({
				name: String(section.NAME || `Calendar ${String(section.ID)}`),
				value: String(section.ID),
			})),
	};
}

/** The owner's calendars as the options of a multi-select (Calendars of Get Many). */
export async function getCalendars(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { results } = await searchCalendars.call(this);
	return results.map(({ name, value }) => ({ name, value }));
}

export async function searchCalendarEvents(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const type = calendarType(this);
	const owner = ownerOf(this);
	const params: IDataObject = { type };
	if (owner && !(type === 'user' && owner === '0')) params.ownerId = Number(owner);
	else if (type !== 'user') return { results: [] };
	else {
		// calendar.event.get asks for the owner: the credential's user
		const me = await bitrix24Call(this, 'user.current', {});
		params.ownerId = Number((me.result as IDataObject)?.ID);
	}
	const envelope = await bitrix24Call(this, 'calendar.event.get', params);
	const events = (Array.isArray(envelope.result) ? envelope.result : []) as IDataObject[];
	return {
		results: events
			.filter((event) => matchesFilter(filter, event.NAME))
			.map((event) => ({
				name: String(event.NAME || `Event ${String(event.ID)}`),
				value: String(event.ID),
				description: String(event.DATE_FROM ?? ''),
			})),
	};
}

export const calendarListSearch = { searchCalendarOwners, searchCalendars, searchCalendarEvents };
export const calendarLoadOptions = { getCalendars };
