import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions/options';
import { returnAllOrLimit } from '../../../shared/descriptions/paging';

/**
 * The fields of a user list (Get Many, Search): what comes first, Return All/Limit, then an
 * Options collection with the given filters and the sort that user.get and user.search take
 * as two strings. user.search reads either its search text or filter fields, never both:
 * Search has no filters.
 */
export const userListOptions = (
	operation: string,
	first: INodeProperties[],
	filters: INodeProperties[],
): INodeProperties[] =>
	updateDisplayOptions({ show: { resource: ['user'], operation: [operation] } }, [
		...first,
		...returnAllOrLimit,
		optionsCollection([
			...filters,
			{
				displayName: 'Sort By',
				name: 'sort',
				type: 'string',
				default: '',
				placeholder: 'LAST_NAME',
				description: 'Field to sort by; anything but ID pages more slowly',
			},
			{
				displayName: 'Sort Direction',
				name: 'order',
				type: 'options',
				options: [
					{ name: 'Ascending', value: 'ASC' },
					{ name: 'Descending', value: 'DESC' },
				],
				default: 'ASC',
			},
		]),
	]);
