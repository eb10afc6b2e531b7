/** A task picked From List (searchable by title), By ID, or By URL (the task's page on the portal). */
export const TASK_LOCATOR = {
	searchListMethod: 'searchTasks',
	urlPattern: '/tasks/task/view/(\\d+)',
	urlPlaceholder: 'https://your-portal.bitrix24.com/company/personal/user/1/tasks/task/view/42/',
};
