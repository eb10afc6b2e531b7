import type { IExecuteFunctions } from 'n8n-workflow';

import { paramError } from '../params';

/**
 * Access codes as the news feed reads them (UA, U1, DR2, SG5), typed in separated by commas.
 * Returns undefined when nothing was given.
 */
export function accessCodes(
	ctx: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): string[] | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const parts = (Array.isArray(value) ? value : String(value).split(','))
		.map((part) => String(part).trim().toUpperCase())
		.filter(Boolean);
	const wrong = parts.find((part) => !/^(UA|U\d+|DR\d+|SG\d+)$/.test(part));
	if (wrong !== undefined) {
		throw paramError(
			ctx,
			itemIndex,
			label,
			`"${wrong}" is not a recipient; use UA (all employees), U<user ID>, DR<department ID> or SG<group ID>`,
		);
	}
	return parts;
}
