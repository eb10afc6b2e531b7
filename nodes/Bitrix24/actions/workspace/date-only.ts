import type { IExecuteFunctions } from 'n8n-workflow';

import { paramError } from '../params';

/** A date picked in the editor as the YYYY-MM-DD some methods want. */
export function dateOnly(
	ctx: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const match = /^(\d{4}-\d{2}-\d{2})/.exec(String(value).trim());
	if (!match)
		throw paramError(ctx, itemIndex, label, `"${String(value)}" is not a date (YYYY-MM-DD)`);
	return match[1];
}
