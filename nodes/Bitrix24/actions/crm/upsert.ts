import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CallOutcome, RestCall } from '../../../shared/transport';
import { asNodeError, bitrix24CallMany, connect, failureError } from '../../../shared/transport';

/**
 * Create or Update, in phases that each go out batched across all items (50 calls to a request):
 * every item's look-up, then the reads some updates need (multi-field modes), then the writes.
 * Items of one run that look for the same record share it: when none exists, the first creates
 * it and the others update it in a second round of writes.
 */
export type IfSeveral = 'fail' | 'oldest' | 'newest';

export interface UpsertPlan {
	/** the call that finds the matching records */
	lookup: RestCall;
	/** items with the same key look for the same record (default: the same look-up call) */
	key?: string;
	/** the matching record IDs in the look-up's answer */
	matches(result: unknown): number[];
	/** what was looked for, for the error when several match: 'contacts with EMAIL "a@b.c"' */
	looksFor: string;
	ifSeveral: IfSeveral;
	create: RestCall;
	createdId(result: unknown): number;
	/** a read of the record the update needs first (replacing or deleting multi-field values) */
	read?(id: number): RestCall;
	/** the update of a matching record; undefined when there is nothing to change (answered `found`) */
	update(id: number, stored?: IDataObject): RestCall | undefined;
}

export type UpsertAnswer = IDataObject | Error;

export const MATCH_FIELD_PLACEHOLDER = 'ORIGIN_ID';

/** The "If Several Match" option. */
export const ifSeveralOption: INodeProperties = {
	displayName: 'If Several Match',
	name: 'ifSeveral',
	type: 'options',
	default: 'fail',
	options: [
		{ name: 'Fail', value: 'fail', description: 'The item fails, naming the matching records' },
		{
			name: 'Update the Oldest',
			value: 'oldest',
			description: 'Update the match with the lowest ID',
		},
		{
			name: 'Update the Newest',
			value: 'newest',
			description: 'Update the match with the highest ID',
		},
	],
};

/** `crm.duplicate.findbycomm` answers `{LEAD: [ids], CONTACT: [...]}`, or an empty list when nothing matches. */
export function duplicateIds(result: unknown, entityType: string): number[] {
	if (!result || typeof result !== 'object' || Array.isArray(result)) return [];
	const ids = (result as IDataObject)[entityType];
	return Array.isArray(ids) ? ids.map(Number).filter((id) => Number.isInteger(id) && id > 0) : [];
}

function keyOf(call: RestCall): string {
	return `${call.method} ${JSON.stringify(call.params ?? {})}`;
}

function chosen(
	plan: UpsertPlan,
	ids: number[],
	itemIndex: number,
	ctx: IExecuteFunctions,
): number | Error | undefined {
	const unique = [...new Set(ids)].sort((a, b) => a - b);
	if (unique.length === 0) return undefined;
	if (unique.length === 1 || plan.ifSeveral === 'oldest') return unique[0];
	if (plan.ifSeveral === 'newest') return unique[unique.length - 1];
	return new NodeOperationError(
		ctx.getNode(),
		`Item ${itemIndex}: ${unique.length} ${plan.looksFor} exist (IDs ${unique.join(', ')}); none was changed`,
		{
			itemIndex,
			description:
				'Set "If Several Match" to update the oldest or the newest of them, or match on a field that is unique',
		},
	);
}

export async function runUpsert(
	ctx: IExecuteFunctions,
	itemIndexes: number[],
	planOf: (itemIndex: number) => UpsertPlan | Promise<UpsertPlan>,
): Promise<UpsertAnswer[]> {
	const continueOnFail = ctx.continueOnFail();
	const answers: UpsertAnswer[] = itemIndexes.map(() => ({}));
	const plans: Array<UpsertPlan | undefined> = [];
	for (const itemIndex of itemIndexes) {
		try {
			plans[itemIndex] = await planOf(itemIndex);
		} catch (error) {
			const failure = asNodeError(ctx, error);
			if (!continueOnFail) throw failure;
			answers[itemIndex] = failure;
		}
	}
	const connection = await connect(ctx);
	const fail = (itemIndex: number, outcome: CallOutcome, applied: string): void => {
		if (outcome.ok) return;
		const error = failureError(ctx, connection, outcome.error, itemIndex);
		if (!continueOnFail) {
			error.description = `${error.description ?? ''} ${applied}`.trim();
			throw error;
		}
		answers[itemIndex] = error;
	};
	const live = () =>
		itemIndexes.filter((itemIndex) => plans[itemIndex] && !(answers[itemIndex] instanceof Error));

	// 1. look-ups, one per distinct key
	const keys = new Map<string, number[]>();
	for (const itemIndex of live()) {
		const key = plans[itemIndex]!.key ?? keyOf(plans[itemIndex]!.lookup);
		keys.set(key, [...(keys.get(key) ?? []), itemIndex]);
	}
	const groups = [...keys.values()];
	const lookups = await bitrix24CallMany(
		ctx,
		groups.map((group) => plans[group[0]]!.lookup),
		false,
	);
	const target = new Map<number, number | undefined>();
	groups.forEach((group, index) => {
		const outcome = lookups[index];
		for (const itemIndex of group) {
			if (!outcome.ok) {
				fail(itemIndex, outcome, 'Nothing was created or updated.');
				continue;
			}
			const pick = chosen(
				plans[itemIndex]!,
				plans[itemIndex]!.matches(outcome.envelope.result),
				itemIndex,
				ctx,
			);
			if (pick instanceof Error) {
				if (!continueOnFail) throw pick;
				answers[itemIndex] = pick;
				continue;
			}
			target.set(itemIndex, pick);
		}
	});

	// 2. reads the updates of existing records need
	const reading = live().filter(
		(itemIndex) => target.get(itemIndex) !== undefined && plans[itemIndex]!.read,
	);
	const reads = await bitrix24CallMany(
		ctx,
		reading.map((itemIndex) => plans[itemIndex]!.read!(target.get(itemIndex)!)),
		false,
	);
	const stored = new Map<number, IDataObject>();
	reading.forEach((itemIndex, index) => {
		const outcome = reads[index];
		if (outcome.ok) stored.set(itemIndex, (outcome.envelope.result ?? {}) as IDataObject);
		else fail(itemIndex, outcome, 'Nothing was created or updated.');
	});

	// 3. writes: updates and the first create of each group, then the rest of those groups
	const first: number[] = [];
	const later: number[] = [];
	for (const group of groups) {
		const alive = group.filter((itemIndex) => !(answers[itemIndex] instanceof Error));
		if (alive.length === 0) continue;
		if (target.get(alive[0]) === undefined) {
			first.push(alive[0]);
			later.push(...alive.slice(1));
		} else first.push(...alive);
	}
	let applied = 0;
	const write = async (items: number[], callOf: (itemIndex: number) => RestCall | undefined) => {
		const calls = new Map<number, RestCall>();
		for (const itemIndex of items) {
			const call = callOf(itemIndex);
			if (call) calls.set(itemIndex, call);
			else answers[itemIndex] = { ID: String(target.get(itemIndex)), action: 'found' };
		}
		const batch = [...calls.keys()];
		const outcomes = await bitrix24CallMany(ctx, [...calls.values()], !continueOnFail);
		batch.forEach((itemIndex, index) => {
			const outcome = outcomes[index];
			fail(
				itemIndex,
				outcome,
				applied
					? `${applied} ${applied === 1 ? 'item was' : 'items were'} created or updated before this one; later items were not sent.`
					: 'Nothing was created or updated.',
			);
			if (!outcome.ok) return;
			applied++;
			const plan = plans[itemIndex]!;
			const existing = target.get(itemIndex);
			if (existing === undefined) {
				const id = plan.createdId(outcome.envelope.result);
				target.set(itemIndex, id);
				answers[itemIndex] = { ID: String(id), action: 'created' };
			} else answers[itemIndex] = { ID: String(existing), action: 'updated' };
		});
	};
	await write(first, (itemIndex) => {
		const existing = target.get(itemIndex);
		return existing === undefined
			? plans[itemIndex]!.create
			: plans[itemIndex]!.update(existing, stored.get(itemIndex));
	});
	const creatorOf = new Map<number, number>();
	for (const group of groups)
		for (const itemIndex of group)
			creatorOf.set(itemIndex, group.find((i) => first.includes(i)) ?? -1);
	const followers = later.filter((itemIndex) => {
		const creator = creatorOf.get(itemIndex)!;
		if (answers[creator] instanceof Error || target.get(creator) === undefined) {
			answers[itemIndex] = new NodeOperationError(
				ctx.getNode(),
				`Item ${itemIndex}: not written, item ${creator} that creates the same record failed`,
				{ itemIndex },
			);
			return false;
		}
		target.set(itemIndex, target.get(creator));
		return true;
	});
	// a record created in this run has no stored values yet: its updates add
	await write(followers, (itemIndex) =>
		plans[itemIndex]!.update(target.get(itemIndex)!, plans[itemIndex]!.read ? {} : undefined),
	);
	return answers;
}
