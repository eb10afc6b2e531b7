/**
 * The tasks module: tasks.task.*, task.dependence.*, task.planner.getlist, task.stages.*, and the
 * legacy positional task.checklistitem.* / task.commentitem.* / task.elapseditem.* /
 * task.item.userfield.* methods, plus tasks.task.result.*. State and seed: tasks/state.ts.
 */
import type { MethodDef } from '../registry';
import { itemMethods } from './tasks/items';
import { stageMethods } from './tasks/stages';
import { taskMethods } from './tasks/task';

export const methods: MethodDef[] = [...taskMethods, ...itemMethods, ...stageMethods];
