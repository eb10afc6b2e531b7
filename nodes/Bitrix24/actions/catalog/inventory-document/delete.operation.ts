import { NodeOperationError } from 'n8n-workflow';

import { methodEntry } from '../../method-table/build';
import type { MethodSpec } from '../../method-table/spec';
import type { CallOperation, OperationEntry } from '../../types';

/**
 * Delete of an inventory document: catalog.document.delete answers `null` instead of `true` when
 * the document is conducted and so was not deleted (catalog-document-delete.md), which the
 * table's Delete answer would report as deleted. That answer fails the item instead.
 */
export function documentDelete(resource: string, spec: MethodSpec): OperationEntry {
	const entry = methodEntry(resource, spec);
	const operation = entry.operation as CallOperation;
	return {
		...entry,
		operation: {
			...operation,
			shape(envelope, itemIndex, call) {
				if (envelope.result === null || envelope.result === undefined)
					throw new NodeOperationError(
						this.getNode(),
						`The inventory document ${String(call.params?.id)} is conducted and was not deleted`,
						{
							itemIndex,
							description:
								'Cancel its conduct first (Catalog Inventory Document > Cancel), then delete it',
						},
					);
				return operation.shape.call(this, envelope, itemIndex, call);
			},
		},
	};
}
