/** A workgroup or project picked From List (searchable by name), By ID, or By URL (its page on the portal). */
export const WORKGROUP_LOCATOR = {
	searchListMethod: 'searchWorkgroups',
	urlPattern: '/workgroups/group/(\\d+)',
	urlPlaceholder: 'https://your-portal.bitrix24.com/workgroups/group/42/',
};
