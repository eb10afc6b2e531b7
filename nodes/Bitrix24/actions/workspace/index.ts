import { methodResource } from '../method-table/build';
import type { Area } from '../types';
import { department } from './department';
import { feedPost } from './feed-post';
import { searchUsers } from './search-users';
import { server } from './server';
import { user } from './user';
import { workTime } from './work-time';

/** Portal-wide things: server time, users, departments, the news feed and work time. */
export const workspaceArea: Area = {
	resources: [server, user, department, feedPost, workTime].map(methodResource),
	listSearch: { searchUsers },
};
