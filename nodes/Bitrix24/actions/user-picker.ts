import type { ParamSpec } from './method-table/spec';

/**
 * Users as version 2 offers them wherever a user is named: one user picked From List (searched
 * by name, email or position: the `searchUsers` list search), By ID or By URL (their profile
 * page); several users picked in a multi-select of the portal's users (`getUsers`).
 */
export const USER_LOCATOR = {
	searchListMethod: 'searchUsers',
	urlPattern: '/company/personal/user/(\\d+)',
	urlPlaceholder: 'https://your-portal.bitrix24.com/company/personal/user/7/',
};

const EXPRESSION = '<a href="https://docs.n8n.io/code/expressions/">expression</a>';

/** Version 2 of a user ID parameter: a user picker. */
export function userPicker(label: string, description?: string): ParamSpec['v2'] {
	return { label, locator: USER_LOCATOR, description };
}

/** Version 2 of a comma-separated list of user IDs: a multi-select of the portal's users. */
export function usersPicker(label: string, description: string): ParamSpec['v2'] {
	return {
		type: 'userList',
		label,
		description: `${description}. Choose from the list, or specify IDs using an ${EXPRESSION}.`,
	};
}
