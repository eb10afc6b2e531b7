import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { RestCall } from '../../shared/transport';
import { bitrix24CallMany, connect, failureError, withoutSecrets } from '../../shared/transport';
import { findOperation } from './registry';
import type { CallOperation, ItemsOperation, RunOperation } from './types';
import { isCallOperation, isItemsOperation } from './types';

function errorItem(error: Error, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.description) json.description = error.description;
	}
	if (error instanceof NodeApiError) {
		const code = (error.errorResponse as IDataObject | undefined)?.code;
		if (typeof code === 'string') json.code = code;
	}
	return { json, pairedItem: { item: itemIndex } };
}

function toItems(
	ctx: IExecuteFunctions,
	data: IDataObject | IDataObject[],
	itemIndex: number,
): INodeExecutionData[] {
	return ctx.helpers.constructExecutionMetaData(ctx.helpers.returnJsonArray(data), {
		itemData: { item: itemIndex },
	});
}

async function runEach(
	ctx: IExecuteFunctions,
	operation: RunOperation,
	count: number,
): Promise<INodeExecutionData[]> {
	const out: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			out.push(...toItems(ctx, await operation.run.call(ctx, itemIndex), itemIndex));
		} catch (error) {
			if (!ctx.continueOnFail()) throw withItem(error, itemIndex);
			out.push(errorItem(error as Error, itemIndex));
		}
	}
	return out;
}

/** All items handed over at once; each answer becomes the item's output or its error. */
async function runAll(
	ctx: IExecuteFunctions,
	operation: ItemsOperation,
	count: number,
): Promise<INodeExecutionData[]> {
	const answers = await operation.runAll.call(
		ctx,
		Array.from({ length: count }, (_, itemIndex) => itemIndex),
	);
	const out: INodeExecutionData[] = [];
	answers.forEach((answer, itemIndex) => {
		if (!(answer instanceof Error)) {
			out.push(...toItems(ctx, answer, itemIndex));
			return;
		}
		if (!ctx.continueOnFail()) throw withItem(answer, itemIndex);
		out.push(errorItem(answer, itemIndex));
	});
	return out;
}

function withItem(error: unknown, itemIndex: number): unknown {
	if (
		(error instanceof NodeApiError || error instanceof NodeOperationError) &&
		error.context.itemIndex === undefined
	) {
		error.context.itemIndex = itemIndex;
	}
	return error;
}

/**
 * Plans every item's call first (bad parameters fail before anything is sent), then sends
 * them together. Without Continue On Fail the batch halts at the first failing call, as a
 * loop over the items would, and the error says how many items were applied before it.
 */
async function runPlanned(
	ctx: IExecuteFunctions,
	operation: CallOperation,
	count: number,
): Promise<INodeExecutionData[]> {
	const continueOnFail = ctx.continueOnFail();
	const plans: Array<RestCall | Error> = [];
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			plans.push(await operation.plan.call(ctx, itemIndex));
		} catch (error) {
			if (!continueOnFail) throw withItem(error, itemIndex);
			plans.push(error as Error);
		}
	}
	const calls = plans.filter((plan): plan is RestCall => !(plan instanceof Error));
	const outcomes = await bitrix24CallMany(ctx, calls, !continueOnFail);
	const connection = await connect(ctx);
	const out: INodeExecutionData[] = [];
	let next = 0;
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		const plan = plans[itemIndex];
		if (plan instanceof Error) {
			out.push(errorItem(plan, itemIndex));
			continue;
		}
		const outcome = outcomes[next++];
		if (!outcome.ok) {
			const error = failureError(ctx, connection, outcome.error, itemIndex);
			if (!continueOnFail) {
				if (itemIndex > 0) {
					error.description =
						`${error.description ?? ''} Items 0 to ${itemIndex - 1} were applied before this one; later items were not sent.`.trim();
				}
				throw error;
			}
			out.push(errorItem(error, itemIndex));
			continue;
		}
		try {
			out.push(
				...toItems(ctx, operation.shape.call(ctx, outcome.envelope, itemIndex, plan), itemIndex),
			);
		} catch (error) {
			if (!continueOnFail) throw withItem(error, itemIndex);
			out.push(errorItem(error as Error, itemIndex));
		}
	}
	return out;
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const count = this.getInputData().length;
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = findOperation(resource, operationName);
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" of resource "${resource}" is not known`,
		);
	}
	const out = isCallOperation(operation)
		? await runPlanned(this, operation, count)
		: isItemsOperation(operation)
			? await runAll(this, operation, count)
			: await runEach(this, operation, count);
	// Bitrix24 embeds the caller's token in some links it returns; none may reach the output
	return [await withoutSecrets(this, out)];
}
